using System;
using System.Net;
using System.Net.Http;

namespace MgwTools.Core.Client;

/// <summary>How an <see cref="MgwClient"/> reaches the service and how hard it tries.</summary>
public sealed class MgwClientOptions
{
    /// <summary>
    /// Base URI. Null means <see cref="DefaultEndpoint"/>(<see cref="AccountId"/>, <see cref="Region"/>).
    /// A <c>*.mgw.aliyuncs.com</c> / <c>*.mgw-internal.aliyuncs.com</c> host without the account prefix gets it
    /// (the SDK's host rule, mgw-api.md §3.2); any other host (the local service) is used as given. Only the
    /// scheme and authority are used. Plain <c>http://</c> is refused unless the host is loopback.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The Alibaba Cloud account ID (UID) that owns the jobs; the first label of the host.</summary>
    public string AccountId { get; set; } = "";

    /// <summary>The region, e.g. <c>cn-hangzhou</c>; also the signing region.</summary>
    public string Region { get; set; } = "";

    /// <summary>The AccessKey pair (and STS token) that signs every request.</summary>
    public MgwCredentials? Credentials { get; set; }

    /// <summary>Time allowed for one attempt (send and read the answer). Default 30 s; between 10 ms and 24 h.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after the first attempt for retryable failures. Default 3 (so at most 4 sends); 0 disables retries.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Backoff base: retry n (0-based) waits between half and all of min(<see cref="MaxDelay"/>, BaseDelay·2ⁿ). Default 500 ms.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Upper bound of any wait between attempts, <c>Retry-After</c> included. Default 20 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Receives one line per attempt (method, path, status, request id, attempt, milliseconds) and one per
    /// retry decision. Called from any thread. Never receives a secret, token or Authorization value.
    /// </summary>
    public Action<string>? Log { get; set; }

    /// <summary>
    /// Spaces every attempt (retries included) across all clients sharing it; null: no pacing. The wait comes
    /// before an attempt's timeout starts, so a long queue is never mistaken for a slow service.
    /// </summary>
    public Bulk.RequestPacer? Pacer { get; set; }

    /// <summary>The HTTP handler to send through (tests); the client does not dispose it. Null: a private handler.</summary>
    public HttpMessageHandler? Handler { get; set; }

    /// <summary>The clock for <c>x-oss-date</c> (tests). Null: <see cref="DateTimeOffset.UtcNow"/>.</summary>
    public Func<DateTimeOffset>? Clock { get; set; }

    /// <summary>Test hook: each wait the client chose before a retry, whether it was actually awaited or not.</summary>
    internal Action<TimeSpan>? OnRetryDelay { get; set; }

    /// <summary>Test hook: the random source for jitter, in [0, 1).</summary>
    internal Func<double>? Jitter { get; set; }

    /// <summary><c>https://&lt;accountId&gt;.&lt;region&gt;.mgw.aliyuncs.com</c>.</summary>
    public static Uri DefaultEndpoint(string accountId, string region)
    {
        if (string.IsNullOrWhiteSpace(accountId)) throw new ArgumentException("An account ID is required.", nameof(accountId));
        if (string.IsNullOrWhiteSpace(region)) throw new ArgumentException("A region is required.", nameof(region));
        return new Uri("https://" + accountId.Trim() + "." + region.Trim() + ".mgw.aliyuncs.com/");
    }

    /// <summary>True for 127.0.0.0/8, ::1 and <c>localhost</c>.</summary>
    public static bool IsLoopback(Uri endpoint) =>
        MgwTools.Core.Credentials.EndpointPolicy.IsLoopback(endpoint ?? throw new ArgumentNullException(nameof(endpoint)));

    /// <summary>
    /// Checks an endpoint: absolute <c>https://</c>, or <c>http://</c> to a loopback host only.
    /// </summary>
    /// <exception cref="MgwException"><c>InvalidEndpoint</c> or <c>InsecureEndpoint</c>.</exception>
    public static void ValidateEndpoint(Uri endpoint)
    {
        if (endpoint is null) throw new ArgumentNullException(nameof(endpoint));
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp) || endpoint.Host.Length == 0)
        {
            throw new MgwException(new MgwError
            {
                Code = MgwErrorCodes.InvalidEndpoint,
                Message = $"The endpoint '{endpoint}' is not an absolute https:// URI.",
                Field = "Endpoint",
                Value = endpoint.ToString(),
            });
        }

        if (endpoint.Scheme == Uri.UriSchemeHttp && !IsLoopback(endpoint))
        {
            throw new MgwException(new MgwError
            {
                Code = MgwErrorCodes.InsecureEndpoint,
                Message = $"The endpoint '{endpoint.GetLeftPart(UriPartial.Authority)}' uses plain http, which would send signed requests unencrypted; use https:// (plain http is allowed only to a loopback host such as 127.0.0.1).",
                Field = "Endpoint",
                Value = endpoint.ToString(),
            });
        }
    }

    /// <summary>The endpoint requests go to (scheme and authority only), after the default and the account-prefix rule.</summary>
    /// <exception cref="MgwException">The endpoint is invalid or insecure.</exception>
    public Uri ResolveEndpoint()
    {
        Uri endpoint = Endpoint ?? DefaultEndpoint(AccountId, Region);
        ValidateEndpoint(endpoint);
        string host = endpoint.Host;
        bool mgwHost = host.EndsWith(".mgw.aliyuncs.com", StringComparison.OrdinalIgnoreCase) ||
                       host.EndsWith(".mgw-internal.aliyuncs.com", StringComparison.OrdinalIgnoreCase);
        var builder = new UriBuilder(endpoint.GetLeftPart(UriPartial.Authority));
        if (mgwHost && AccountId.Length > 0 && !host.StartsWith(AccountId + ".", StringComparison.OrdinalIgnoreCase))
        {
            builder.Host = AccountId + "." + host;
        }

        builder.Path = "/";
        return builder.Uri;
    }
}
