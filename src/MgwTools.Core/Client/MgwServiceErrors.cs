using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Xml;
using System.Xml.Linq;

namespace MgwTools.Core.Client;

/// <summary>Turns a non-2xx answer into an <see cref="MgwError"/> (mgw-api.md §4.1) and classifies it for retries.</summary>
internal static class MgwServiceErrors
{
    /// <summary>
    /// Codes that mean "slow down, nothing was done": retried like 429 whatever the status. The first four are the
    /// Alibaba Cloud gateway family (POP <c>Throttling</c>, <c>Throttling.User</c>, <c>Throttling.Api</c>, and any
    /// <c>Throttling.*</c>); the rest are the common OSS/S3/HTTP spellings.
    /// </summary>
    internal static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "Throttling.User", "Throttling.Api", "Throttling.System",
        "TooManyRequests", "RequestLimitExceeded", "SlowDown", "QpsLimitExceeded",
    };

    /// <summary>
    /// Codes about the caller's credentials or clock, not about one request: every other request of the run would
    /// fail the same way, so a bulk command stops at the first.
    /// </summary>
    internal static bool AffectsEveryRequest(string code) =>
        code is "SignatureDoesNotMatch" or "InvalidAccessKeyId" or "InvalidSecurityToken" or "SecurityTokenExpired" or "RequestTimeTooSkewed";

    /// <summary>True when the error says the request was refused for rate: 429 or a throttling code.</summary>
    internal static bool IsThrottled(int statusCode, string? code) =>
        statusCode == 429 || (code is not null && (ThrottlingCodes.Contains(code) || code.StartsWith("Throttling.", StringComparison.Ordinal)));

    /// <summary>Parses an error answer: the <c>&lt;Error&gt;</c> body, else status text plus the x-oss headers.</summary>
    internal static MgwError Parse(int statusCode, string? reason, string body, string? requestIdHeader, string? ecHeader, string? host)
    {
        var error = new MgwError
        {
            StatusCode = statusCode,
            RequestId = requestIdHeader,
            EcCode = ecHeader,
        };

        string trimmed = (body ?? "").Trim().TrimStart('\uFEFF');
        XElement? root = null;
        if (trimmed.Length > 0)
        {
            try
            {
                root = XDocument.Parse(trimmed).Root;
            }
            catch (XmlException)
            {
                root = null;
            }
        }

        string statusText = statusCode.ToString(CultureInfo.InvariantCulture);
        string reasonText = string.IsNullOrEmpty(reason) ? ((HttpStatusCode)statusCode).ToString() : reason!;
        if (root is not null && root.Name.LocalName == "Error")
        {
            error.Code = MgwXml.Str(root, "Code") ?? statusText;
            error.Message = MgwXml.Str(root, "Message") ?? $"The service answered HTTP {statusText} ({reasonText}).";
            error.RequestId = MgwXml.Str(root, "RequestId") ?? requestIdHeader;
            error.HostId = MgwXml.Str(root, "HostId") ?? host;
            error.EcCode = MgwXml.Str(root, "EC") ?? ecHeader;
            error.Recommend = MgwXml.Str(root, "RecommendDoc");
            if (MgwXml.Str(root, "AccessDeniedDetail") is { } detail)
            {
                error.Message += " " + detail.Trim();
            }
        }
        else
        {
            // The gateway's rule for an empty body: the code is the status as text.
            error.Code = statusText;
            error.HostId = host;
            error.Message = trimmed.Length == 0
                ? $"The service answered HTTP {statusText} ({reasonText}) with no error body."
                : $"The service answered HTTP {statusText} ({reasonText}) with a body that is not an error document.";
        }

        return error;
    }

    internal static MgwError Connection(string method, string path, string authority, int attempts, Exception ex) => new()
    {
        Code = MgwErrorCodes.ConnectionFailed,
        Message = $"Could not reach '{authority}' for {method} {path} ({Attempts(attempts)}): {Innermost(ex)}",
    };

    internal static MgwError Timeout(string method, string path, string authority, int attempts, TimeSpan attemptTimeout) => new()
    {
        Code = MgwErrorCodes.RequestTimeout,
        Message = string.Format(CultureInfo.InvariantCulture,
            "'{0}' did not answer {1} {2} within {3:0.###} s ({4}).", authority, method, path, attemptTimeout.TotalSeconds, Attempts(attempts)),
    };

    private static string Attempts(int n) => n == 1 ? "1 attempt" : n.ToString(CultureInfo.InvariantCulture) + " attempts";

    private static string Innermost(Exception ex)
    {
        var messages = new List<string>();
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            string message = e.Message?.Trim() ?? "";
            // Socket errors repeat themselves ("Connection refused (host:port)" around "Connection refused"): keep the fuller one.
            if (message.Length == 0 || messages.Exists(m => m.Contains(message))) continue;
            messages.RemoveAll(m => message.Contains(m));
            messages.Add(message);
        }

        return messages.Count == 0 ? ex.GetType().Name : string.Join(" ", messages.Skip(Math.Max(0, messages.Count - 2)));
    }
}
