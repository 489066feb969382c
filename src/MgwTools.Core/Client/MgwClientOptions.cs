using System;
using System.Net.Http;

namespace MgwTools.Core.Client;

/// <summary>How an <see cref="MgwClient"/> reaches the service and how hard it tries.</summary>
public sealed class MgwClientOptions
{
    /// <summary>
    /// Base URI. Null means <see cref="DefaultEndpoint"/>(<see cref="AccountId"/>, <see cref="Region"/>).
    /// A <c>*.mgw.aliyuncs.com</c> / <c>*.mgw-internal.aliyuncs.com</c> host without the account prefix gets it
    /// (the SDK's host rule, mgw-api.md §3.2); any other host (the local service) is used as given. It must pass
    /// <see cref="EndpointPolicy.Check"/>: scheme and host only, plain <c>http://</c> only to loopback.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The Alibaba Cloud account ID (UID) that owns the jobs; the first label of the host.</summary>
    public string AccountId { get; set; } = "";

    /// <summary>The region, e.g. <c>cn-hangzhou</c>; also the signing region.</summary>
    public string Region { get; set; } = "";

    /// <summary>The AccessKey pair (and STS token) that signs every request.</summary>
    public MgwCredentials? Credentials { get; set; }

    /// <summary>Time allowed for one attempt (send, read and parse the answer). Default 30 s; between 10 ms and 24 h.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The largest answer body read, in bytes; a larger one is an <c>InvalidResponse</c> error that names this limit
    /// (and is not retried). Default <see cref="DefaultMaxResponseBytes"/> (16 MiB, far above a 1,000-job ListJob
    /// page); between 1 KiB and 1 GiB.
    /// </summary>
    public long MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

    /// <summary>The default <see cref="MaxResponseBytes"/>: 16 MiB.</summary>
    public const long DefaultMaxResponseBytes = 16L * 1024 * 1024;

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
    public RequestPacer? Pacer { get; set; }

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

    /// <summary>
    /// The options for talking to the service as <paramref name="context"/> says (endpoint, account, region,
    /// credentials), with the defaults for everything else: the one way from a context to a client.
    /// </summary>
    public static MgwClientOptions FromContext(MgwContext context)
    {
        if (context is null) throw new ArgumentNullException(nameof(context));
        return new MgwClientOptions
        {
            Endpoint = context.Endpoint,
            AccountId = context.AccountId,
            Region = context.Region,
            Credentials = context.Credentials,
        };
    }

    /// <summary>The endpoint requests go to (scheme and authority only), after the default and the account-prefix rule.</summary>
    /// <exception cref="MgwException">The endpoint is invalid or insecure (<see cref="EndpointPolicy.Check"/>).</exception>
    public Uri ResolveEndpoint()
    {
        Uri endpoint = Endpoint ?? DefaultEndpoint(AccountId, Region);
        EndpointPolicy.Check(endpoint);
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
