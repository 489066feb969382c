using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading;
using MgwTools.Core.Wire;

namespace MgwTools.Core.Client;

/// <summary>
/// Turns a non-2xx answer, a network failure or a timeout into an <see cref="MgwError"/> (mgw-api.md §4.1). What an
/// error means (retry, stop the run, its category) is its <see cref="MgwError.Kind"/>, decided in one place.
/// </summary>
internal static class MgwServiceErrors
{
    /// <summary>
    /// Parses an error answer: the <c>&lt;Error&gt;</c> body, else status text plus the x-oss headers. The body is read
    /// with the wire layer's limits (<paramref name="maxCharacters"/>, depth, no DTD) and <paramref name="cancellationToken"/>.
    /// </summary>
    internal static MgwError Parse(int statusCode, string? reason, string body, string? requestIdHeader, string? ecHeader, string? host,
        long maxCharacters = MgwClientOptions.DefaultMaxResponseBytes, CancellationToken cancellationToken = default)
    {
        var error = new MgwError
        {
            StatusCode = statusCode,
            RequestId = requestIdHeader,
            EcCode = ecHeader,
        };

        string trimmed = (body ?? "").Trim().TrimStart('\uFEFF');
        ServiceErrorBody? parsed = MgwResponseXml.TryError(trimmed, maxCharacters, cancellationToken);

        string statusText = statusCode.ToString(CultureInfo.InvariantCulture);
        string reasonText = string.IsNullOrEmpty(reason) ? ((HttpStatusCode)statusCode).ToString() : reason!;
        if (parsed is not null)
        {
            error.Code = parsed.Code ?? statusText;
            error.Message = parsed.Message ?? $"The service answered HTTP {statusText} ({reasonText}).";
            error.RequestId = parsed.RequestId ?? requestIdHeader;
            error.HostId = parsed.HostId ?? host;
            error.EcCode = parsed.EcCode ?? ecHeader;
            error.Recommend = parsed.RecommendDoc;
            if (parsed.AccessDeniedDetail is { } detail && detail.Trim().Length > 0)
            {
                error.Message = MgwMessages.Append(error.Message, "Access denied detail: " + detail.Trim());
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
