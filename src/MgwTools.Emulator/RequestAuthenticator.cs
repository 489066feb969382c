using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using MgwTools.Core.Signing;

namespace MgwTools.Emulator;

/// <summary>
/// Checks a request the way the service does before it looks at the operation: the Host (account and region),
/// the OSS V4 Authorization (key, token, date skew, signature) and Content-MD5.
/// </summary>
internal sealed class RequestAuthenticator
{
    private const string HostSuffix = ".mgw.aliyuncs.com";
    private const string InternalHostSuffix = ".mgw-internal.aliyuncs.com";
    private readonly Func<IReadOnlyDictionary<string, EmulatorAccessKey>> _keys;
    private readonly string _accountId;
    private readonly string _region;
    private readonly TimeSpan _skew;
    private readonly EmulatorClock _clock;

    public RequestAuthenticator(Func<IReadOnlyDictionary<string, EmulatorAccessKey>> keys, string accountId, string region, TimeSpan skew, EmulatorClock clock)
    {
        _keys = keys;
        _accountId = accountId;
        _region = region;
        _skew = skew;
        _clock = clock;
    }

    /// <summary>
    /// Accepts <c>127.0.0.1[:port]</c> and <c>localhost[:port]</c> (the account is the emulator's), and
    /// <c>&lt;account&gt;.&lt;region&gt;.mgw[-internal].aliyuncs.com[:port]</c> whose account and region are the
    /// emulator's. Anything else is refused.
    /// </summary>
    public void CheckHost(string? hostHeader)
    {
        string host = (hostHeader ?? "").Trim();
        if (host.Length == 0) throw new ServiceException(ServiceErrors.InvalidArgument, "The request has no Host header.");
        string name = StripPort(host).ToLowerInvariant();
        if (name is "127.0.0.1" or "localhost") return;

        string? rest = name.EndsWith(HostSuffix, StringComparison.Ordinal) ? name.Substring(0, name.Length - HostSuffix.Length)
            : name.EndsWith(InternalHostSuffix, StringComparison.Ordinal) ? name.Substring(0, name.Length - InternalHostSuffix.Length)
            : null;
        int dot = rest?.IndexOf('.') ?? -1;
        if (rest is null || dot <= 0 || dot == rest.Length - 1)
        {
            throw new ServiceException(ServiceErrors.InvalidArgument,
                $"The Host '{host}' is neither 127.0.0.1 nor <AccountId>.<Region>.mgw.aliyuncs.com.");
        }

        string account = rest.Substring(0, dot);
        string region = rest.Substring(dot + 1);
        if (!string.Equals(account, _accountId, StringComparison.Ordinal))
        {
            throw new ServiceException(ServiceErrors.AccessDenied,
                $"The Host names account '{account}', but these credentials belong to account '{_accountId}'.");
        }

        if (!string.Equals(region, _region, StringComparison.Ordinal))
        {
            throw new ServiceException(ServiceErrors.AccessDenied,
                $"The Host names region '{region}', but this endpoint serves region '{_region}'.");
        }
    }

    /// <summary>Verifies the OSS V4 signature; <paramref name="path"/> is decoded, <paramref name="query"/> holds decoded pairs.</summary>
    public void CheckSignature(HttpRequestData request, string path, IReadOnlyList<KeyValuePair<string, string?>> query)
    {
        string? authorization = request.Header("Authorization");
        if (string.IsNullOrWhiteSpace(authorization))
        {
            throw new ServiceException(ServiceErrors.AccessDenied, "Anonymous access is forbidden: the request has no Authorization header.");
        }

        if (!authorization!.TrimStart().StartsWith(OssV4Signer.Algorithm + " ", StringComparison.Ordinal))
        {
            throw new ServiceException(ServiceErrors.AccessDenied,
                $"The Authorization header must use {OssV4Signer.Algorithm} (OSS V4); this endpoint accepts no other scheme.");
        }

        if (!OssV4Signer.TryParseAuthorization(authorization, out string keyId, out string date8, out string region, out string signature))
        {
            throw new ServiceException(ServiceErrors.SignatureDoesNotMatch,
                "The Authorization header is malformed: expected Credential=<AccessKeyId>/<yyyyMMdd>/<region>/oss/aliyun_v4_request, Signature=<64 hex digits>.");
        }

        if (!_keys().TryGetValue(keyId, out EmulatorAccessKey? key))
        {
            throw new ServiceException(ServiceErrors.InvalidAccessKeyId, $"The AccessKey ID '{keyId}' does not exist.");
        }

        string? token = request.Header("x-oss-security-token");
        if (key.SecurityToken is not null && !string.Equals(token, key.SecurityToken, StringComparison.Ordinal))
        {
            throw new ServiceException(ServiceErrors.InvalidSecurityToken,
                token is null ? "This AccessKey is an STS key: the request must carry x-oss-security-token." : "The security token is invalid.");
        }

        if (key.SecurityToken is null && token is not null)
        {
            throw new ServiceException(ServiceErrors.InvalidSecurityToken, "A security token was sent with a key that has none.");
        }

        string? xOssDate = request.Header("x-oss-date");
        if (xOssDate is null || !DateTimeOffset.TryParseExact(xOssDate.Trim(), "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset sent))
        {
            throw new ServiceException(ServiceErrors.RequestTimeTooSkewed,
                "The request has no valid x-oss-date header (yyyyMMddTHHmmssZ, UTC).");
        }

        DateTimeOffset now = _clock.UtcNow;
        // A manual clock stands for the service's job time, which tests move at will; clients sign with their own
        // clock, so a request dated within the skew of the real time is accepted too.
        if ((sent - now).Duration() > _skew && !(_clock.IsManual && (sent - DateTimeOffset.UtcNow).Duration() <= _skew))
        {
            throw new ServiceException(ServiceErrors.RequestTimeTooSkewed, string.Format(CultureInfo.InvariantCulture,
                "The difference between the request time {0:yyyy-MM-ddTHH:mm:ssZ} and the server's time {1:yyyy-MM-ddTHH:mm:ssZ} is more than {2} minutes.",
                sent.UtcDateTime, now.UtcDateTime, _skew.TotalMinutes));
        }

        xOssDate = xOssDate.Trim();
        if (!string.Equals(date8, xOssDate.Substring(0, 8), StringComparison.Ordinal))
        {
            throw new ServiceException(ServiceErrors.SignatureDoesNotMatch,
                $"The credential scope date '{date8}' does not match x-oss-date '{xOssDate}'.");
        }

        if (!string.Equals(region, _region, StringComparison.Ordinal))
        {
            throw new ServiceException(ServiceErrors.SignatureDoesNotMatch,
                $"The request was signed for region '{region}'; this endpoint serves region '{_region}'.");
        }

        string canonical = OssV4Signer.BuildCanonicalRequest(request.Method, path, query, request.Headers);
        string stringToSign = OssV4Signer.BuildStringToSign(canonical, _region, xOssDate);
        string expected = OssV4Signer.ComputeSignature(stringToSign, key.AccessKeySecret, _region, xOssDate);
        if (!FixedTimeEquals(expected, signature))
        {
            // Like OSS: the string to sign helps the caller find the difference; it holds no secret.
            throw new ServiceException(ServiceErrors.SignatureDoesNotMatch,
                "The request signature we calculated does not match the signature you provided. Check your AccessKey secret and signing method. StringToSign: " +
                stringToSign.Replace("\n", "\\n"));
        }
    }

    /// <summary>Checks Content-MD5 against the body when the header is present.</summary>
    public static void CheckContentMd5(HttpRequestData request)
    {
        string? md5 = request.Header("Content-MD5");
        if (md5 is null) return;
        byte[] given;
        try
        {
            given = Convert.FromBase64String(md5.Trim());
        }
        catch (FormatException)
        {
            throw new ServiceException(ServiceErrors.InvalidDigest, "The Content-MD5 you specified is not valid base64.");
        }

        using var hash = MD5.Create();
        byte[] actual = hash.ComputeHash(request.Body);
        if (given.Length != actual.Length || !given.SequenceEqual(actual))
        {
            throw new ServiceException(ServiceErrors.InvalidDigest, "The Content-MD5 you specified did not match what we received.");
        }
    }

    private static string StripPort(string host)
    {
        if (host.StartsWith("[", StringComparison.Ordinal))
        {
            int close = host.IndexOf(']');
            return close < 0 ? host : host.Substring(0, close + 1);
        }

        int colon = host.LastIndexOf(':');
        return colon < 0 ? host : host.Substring(0, colon);
    }

    private static bool FixedTimeEquals(string a, string b)
    {
        if (a.Length != b.Length) return false;
        int diff = 0;
        for (int i = 0; i < a.Length; i++) diff |= a[i] ^ b[i];
        return diff == 0;
    }
}
