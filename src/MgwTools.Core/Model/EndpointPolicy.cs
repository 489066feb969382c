using System;
using System.Net;

namespace MgwTools;

/// <summary>
/// The one rule for which endpoints the module sends credentials to, applied by Connect-Mgw, by
/// <see cref="MgwContext"/> and by the client: an absolute <c>https://</c> URI of a host (plain <c>http://</c> only to
/// loopback), with no user information, path, query or fragment.
/// </summary>
public static class EndpointPolicy
{
    /// <summary>True for localhost, 127.0.0.0/8 and ::1.</summary>
    public static bool IsLoopback(Uri uri)
    {
        if (!uri.IsAbsoluteUri) return false;
        string host = uri.Host;
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
        host = host.TrimStart('[').TrimEnd(']');
        return IPAddress.TryParse(host, out IPAddress? address) && IPAddress.IsLoopback(address);
    }

    /// <summary>Throws unless the endpoint is an absolute http(s) URI of a host, and http only to loopback.</summary>
    /// <exception cref="MgwException"><see cref="MgwErrorCodes.InvalidEndpoint"/> or <see cref="MgwErrorCodes.InsecureEndpoint"/>.</exception>
    public static void Check(Uri endpoint)
    {
        if (endpoint is null) throw new ArgumentNullException(nameof(endpoint));
        string text = endpoint.OriginalString;
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp) || endpoint.Host.Length == 0)
        {
            throw Invalid(text, "it is not an absolute https:// URI of a host, such as https://1234567890123456.cn-hangzhou.mgw.aliyuncs.com");
        }

        if (endpoint.UserInfo.Length > 0)
        {
            // Never echo the user-info part: it may be a key.
            throw Invalid(endpoint.Scheme + "://…@" + endpoint.Authority, "it carries user information; give credentials with -Credential or -AccessKeyId instead");
        }

        if (endpoint.AbsolutePath != "/" || endpoint.Query.Length > 0 || endpoint.Fragment.Length > 0)
        {
            throw Invalid(text, "it has a path, query or fragment; give only the scheme, host and port");
        }

        if (endpoint.Scheme == Uri.UriSchemeHttp && !IsLoopback(endpoint))
        {
            throw new MgwException(new MgwError
            {
                Code = MgwErrorCodes.InsecureEndpoint,
                Message = $"The endpoint '{text}' uses plain http:// to a host that is not loopback; requests and signatures would cross the network unencrypted. Use https://, or http:// only to localhost, 127.0.0.0/8 or ::1 (the local service).",
                Field = "Endpoint",
                Value = text,
            });
        }
    }

    private static MgwException Invalid(string text, string why) => new(new MgwError
    {
        Code = MgwErrorCodes.InvalidEndpoint,
        Message = $"The endpoint '{text}' cannot be used: {why}.",
        Field = "Endpoint",
        Value = text,
    });
}
