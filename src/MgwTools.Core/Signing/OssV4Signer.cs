using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace MgwTools.Core.Signing;

/// <summary>
/// The OSS V4 request signature (<c>OSS4-HMAC-SHA256</c>) exactly as the Alibaba Cloud OSS gateway
/// computes it for hcs-mgw (mgw-api.md §3.4). Stateless; the client signs with it and the emulator
/// verifies with it.
/// </summary>
public static class OssV4Signer
{
    /// <summary>The algorithm name that starts the Authorization header and the string to sign.</summary>
    public const string Algorithm = "OSS4-HMAC-SHA256";

    /// <summary>The payload hash the gateway signs: the body is never hashed.</summary>
    internal const string UnsignedPayload = "UNSIGNED-PAYLOAD";

    private const string Product = "oss";
    private const string Terminator = "aliyun_v4_request";
    private const string DateHeader = "x-oss-date";

    /// <summary>
    /// Builds the canonical request. <paramref name="path"/> is the unencoded request path (each segment is
    /// encoded here); <paramref name="query"/> holds decoded keys and values, a null or empty value being a
    /// bare key; of <paramref name="headers"/> only <c>x-oss-*</c>, <c>content-type</c> and <c>content-md5</c>
    /// are signed.
    /// </summary>
    public static string BuildCanonicalRequest(
        string method,
        string path,
        IEnumerable<KeyValuePair<string, string?>> query,
        IEnumerable<KeyValuePair<string, string>> headers)
    {
        if (method is null) throw new ArgumentNullException(nameof(method));
        if (path is null) throw new ArgumentNullException(nameof(path));

        var sb = new StringBuilder();
        sb.Append(method.ToUpperInvariant()).Append('\n');
        sb.Append(EncodePath(path)).Append('\n');
        sb.Append(CanonicalQuery(query)).Append('\n');
        foreach (var header in CanonicalHeaders(headers))
        {
            sb.Append(header.Key).Append(':').Append(header.Value).Append('\n');
        }

        // Empty additional-headers line, then the payload hash.
        sb.Append('\n').Append('\n').Append(UnsignedPayload);
        return sb.ToString();
    }

    /// <summary>
    /// <c>OSS4-HMAC-SHA256 \n x-oss-date \n scope \n hex(sha256(canonicalRequest))</c>.
    /// </summary>
    public static string BuildStringToSign(string canonicalRequest, string region, string xOssDate)
    {
        if (canonicalRequest is null) throw new ArgumentNullException(nameof(canonicalRequest));
        string hash = HexLower(Sha256(Encoding.UTF8.GetBytes(canonicalRequest)));
        return Algorithm + "\n" + xOssDate + "\n" + Scope(Date8(xOssDate), region) + "\n" + hash;
    }

    /// <summary>The lower-hex HMAC-SHA256 of the string to sign under the derived V4 signing key.</summary>
    public static string ComputeSignature(string stringToSign, string accessKeySecret, string region, string xOssDate)
    {
        if (stringToSign is null) throw new ArgumentNullException(nameof(stringToSign));
        if (accessKeySecret is null) throw new ArgumentNullException(nameof(accessKeySecret));
        if (region is null) throw new ArgumentNullException(nameof(region));
        byte[] key = Hmac(Encoding.UTF8.GetBytes("aliyun_v4" + accessKeySecret), Date8(xOssDate));
        key = Hmac(key, region);
        key = Hmac(key, Product);
        key = Hmac(key, Terminator);
        return HexLower(Hmac(key, stringToSign));
    }

    /// <summary>
    /// <c>OSS4-HMAC-SHA256 Credential=&lt;ak&gt;/&lt;yyyyMMdd&gt;/&lt;region&gt;/oss/aliyun_v4_request, Signature=&lt;hex&gt;</c>
    /// (comma and space, as the gateway writes it).
    /// </summary>
    public static string BuildAuthorization(string accessKeyId, string region, string xOssDate, string signature) =>
        Algorithm + " Credential=" + accessKeyId + "/" + Scope(Date8(xOssDate), region) + ", Signature=" + signature;

    /// <summary>
    /// Signs a request and returns the Authorization header value. When <paramref name="headers"/> has no
    /// <c>x-oss-date</c>, <paramref name="xOssDate"/> is signed as that header (the caller must send it).
    /// An STS token is signed when the caller includes it as <c>x-oss-security-token</c>.
    /// </summary>
    public static string Sign(
        string method,
        string path,
        IEnumerable<KeyValuePair<string, string?>> query,
        IEnumerable<KeyValuePair<string, string>> headers,
        string accessKeyId,
        string accessKeySecret,
        string region,
        string xOssDate)
    {
        var list = (headers ?? Enumerable.Empty<KeyValuePair<string, string>>()).ToList();
        if (!list.Any(h => string.Equals(h.Key?.Trim(), DateHeader, StringComparison.OrdinalIgnoreCase)))
        {
            list.Add(new KeyValuePair<string, string>(DateHeader, xOssDate));
        }

        string canonical = BuildCanonicalRequest(method, path, query, list);
        string stringToSign = BuildStringToSign(canonical, region, xOssDate);
        string signature = ComputeSignature(stringToSign, accessKeySecret, region, xOssDate);
        return BuildAuthorization(accessKeyId, region, xOssDate, signature);
    }

    /// <summary>
    /// Parses an Authorization header (with or without the space after the comma). False when it is not an
    /// <c>OSS4-HMAC-SHA256</c> header with a well-formed credential scope and a 64-hex-digit signature.
    /// </summary>
    public static bool TryParseAuthorization(string header, out string accessKeyId, out string date8, out string region, out string signature)
    {
        accessKeyId = date8 = region = signature = "";
        if (header is null) return false;
        string text = header.Trim();
        if (!text.StartsWith(Algorithm + " ", StringComparison.Ordinal)) return false;

        string? credential = null, sig = null;
        foreach (string rawPart in text.Substring(Algorithm.Length + 1).Split(','))
        {
            string part = rawPart.Trim();
            int eq = part.IndexOf('=');
            if (eq <= 0) return false;
            string name = part.Substring(0, eq);
            string value = part.Substring(eq + 1);
            switch (name)
            {
                case "Credential" when credential is null: credential = value; break;
                case "Signature" when sig is null: sig = value; break;
                case "AdditionalHeaders": break; // the gateway never sends them; tolerated, not signed here
                default: return false;
            }
        }

        if (credential is null || sig is null) return false;
        string[] scope = credential.Split('/');
        if (scope.Length != 5 || scope[0].Length == 0 || scope[2].Length == 0 ||
            scope[3] != Product || scope[4] != Terminator ||
            scope[1].Length != 8 || !scope[1].All(c => c >= '0' && c <= '9'))
        {
            return false;
        }

        if (sig.Length != 64 || !sig.All(c => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;

        accessKeyId = scope[0];
        date8 = scope[1];
        region = scope[2];
        signature = sig;
        return true;
    }

    /// <summary>
    /// The last line of defence before a value goes into a header: refuses any character outside printable ASCII
    /// (U+0020–U+007E), which covers every control character (CR and LF would split the header) and the non-ASCII
    /// text HTTP does not carry as such. The error names the header and the position, never the value.
    /// </summary>
    /// <param name="header">The header the value goes into, e.g. <c>x-oss-security-token</c>.</param>
    /// <param name="what">What the value is, for the message, e.g. "the STS security token".</param>
    /// <param name="value">The value; null is nothing to check.</param>
    /// <exception cref="MgwException"><see cref="MgwErrorCodes.InvalidHeaderValue"/>.</exception>
    public static void CheckHeaderValue(string header, string what, string? value)
    {
        if (value is null) return;
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c >= ' ' && c <= '~') continue;
            string kind = char.IsControl(c) ? "a control character" : "a character outside printable ASCII";
            throw new MgwException(new MgwError
            {
                Code = MgwErrorCodes.InvalidHeaderValue,
                Field = header,
                Message = string.Format(CultureInfo.InvariantCulture,
                    "{0} contains {1} (U+{2:X4}, at position {3}), which cannot be sent in the {4} header; nothing was sent. " +
                    "Check where it came from (a pasted value, an environment variable, a profile file) and connect again with a clean value.",
                    Capitalise(what), kind, (int)c, i + 1, header),
            });
        }
    }

    private static string Capitalise(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);

    /// <summary>Percent-encodes every byte outside the RFC 3986 unreserved set (upper-case hex, UTF-8).</summary>
    internal static string PercentEncode(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (byte b in Encoding.UTF8.GetBytes(value))
        {
            char c = (char)b;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c is '-' or '_' or '.' or '~')
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('%').Append(HexUpper[b >> 4]).Append(HexUpper[b & 0xF]);
            }
        }

        return sb.ToString();
    }

    /// <summary>GetEncodePath: each '/'-separated segment percent-encoded, the slashes kept.</summary>
    internal static string EncodePath(string path)
    {
        if (path.Length == 0) return "/";
        return string.Join("/", path.Split('/').Select(PercentEncode));
    }

    private static string CanonicalQuery(IEnumerable<KeyValuePair<string, string?>>? query)
    {
        if (query is null) return "";
        var items = query
            .Select(p => (Key: PercentEncode(p.Key ?? ""), Value: string.IsNullOrEmpty(p.Value) ? null : PercentEncode(p.Value!)))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value ?? "", StringComparer.Ordinal);
        return string.Join("&", items.Select(p => p.Value is null ? p.Key : p.Key + "=" + p.Value));
    }

    private static IEnumerable<KeyValuePair<string, string>> CanonicalHeaders(IEnumerable<KeyValuePair<string, string>>? headers)
    {
        var signed = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (headers is null) return signed;
        foreach (var header in headers)
        {
            string name = (header.Key ?? "").Trim().ToLowerInvariant();
            if (!(name.StartsWith("x-oss-", StringComparison.Ordinal) || name == "content-type" || name == "content-md5")) continue;
            string value = (header.Value ?? "").Trim();
            signed[name] = signed.TryGetValue(name, out string? existing) ? existing + "," + value : value;
        }

        return signed;
    }

    private static string Scope(string date8, string region) => date8 + "/" + region + "/" + Product + "/" + Terminator;

    private static string Date8(string xOssDate)
    {
        if (xOssDate is null || xOssDate.Length < 8)
        {
            throw new ArgumentException("x-oss-date must be yyyyMMddTHHmmssZ.", nameof(xOssDate));
        }

        return xOssDate.Substring(0, 8);
    }

    /// <summary>Formats an instant as <c>x-oss-date</c> (<c>yyyyMMddTHHmmssZ</c>, UTC).</summary>
    internal static string FormatDate(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static byte[] Hmac(byte[] key, string data)
    {
        using var hmac = new HMACSHA256(key);
        return hmac.ComputeHash(Encoding.UTF8.GetBytes(data));
    }

    private static byte[] Sha256(byte[] data)
    {
        using var sha = SHA256.Create();
        return sha.ComputeHash(data);
    }

    private const string HexUpper = "0123456789ABCDEF";
    private const string HexLowerDigits = "0123456789abcdef";

    /// <summary>Lower-case hex of <paramref name="bytes"/>.</summary>
    internal static string HexLower(byte[] bytes)
    {
        var chars = new char[bytes.Length * 2];
        for (int i = 0; i < bytes.Length; i++)
        {
            chars[2 * i] = HexLowerDigits[bytes[i] >> 4];
            chars[2 * i + 1] = HexLowerDigits[bytes[i] & 0xF];
        }

        return new string(chars);
    }
}
