using System;
using System.Collections.Generic;

namespace MgwTools.Emulator;

/// <summary>How an <see cref="MgwEmulator"/> is set up. Every value has a default; an empty instance works.</summary>
public sealed class MgwEmulatorOptions
{
    /// <summary>The default 16-digit test account id.</summary>
    public const string DefaultAccountId = "1234567890123456";

    /// <summary>TCP port on 127.0.0.1; 0 lets the system pick a free one.</summary>
    public int Port { get; set; }

    /// <summary>The account (UID) the emulator serves; it prefixes account-shaped Host headers.</summary>
    public string AccountId { get; set; } = DefaultAccountId;

    /// <summary>The region the emulator serves; requests must be signed for it.</summary>
    public string Region { get; set; } = "cn-hangzhou";

    /// <summary>The accepted AccessKey pairs; when empty, one pair is generated for the instance.</summary>
    public IList<EmulatorAccessKey> AccessKeys { get; set; } = new List<EmulatorAccessKey>();

    /// <summary>Jobs per account and region (the service's quota is 500).</summary>
    public int MaxJobs { get; set; } = 500;

    /// <summary>Data addresses per account and region (the service's quota is 1,000).</summary>
    public int MaxAddresses { get; set; } = 1000;

    /// <summary>Agents per account and region (the service's quota is 100).</summary>
    public int MaxAgents { get; set; } = 100;

    /// <summary>Tunnels per account and region (the service's quota is 100).</summary>
    public int MaxTunnels { get; set; } = 100;

    /// <summary>How deep child jobs may nest: 1 allows a child of a top-level job, not a child of a child.</summary>
    public int MaxDepth { get; set; } = 1;

    /// <summary>The largest difference between <c>x-oss-date</c> and the clock that is accepted.</summary>
    public TimeSpan AllowedClockSkew { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The clock; null means one that follows real time.</summary>
    public EmulatorClock? Clock { get; set; }

    /// <summary>Time a started job spends in <c>IMPORT_JOB_LAUNCHING</c>.</summary>
    public TimeSpan LaunchingDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Time a started job spends in <c>IMPORT_JOB_PREPARING</c> (listing the source).</summary>
    public TimeSpan PreparingDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time a job spends in <c>IMPORT_JOB_DOING</c> before it is <c>IMPORT_JOB_FINISHED</c>.</summary>
    public TimeSpan DoingDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Time a job spends in <c>IMPORT_JOB_CLOSING</c> before it is <c>IMPORT_JOB_FINISHED</c>.</summary>
    public TimeSpan ClosingDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Time between CreateReport (or the end of a run with CreateReport) and a finished report.</summary>
    public TimeSpan ReportDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Time a deleted job spends in <c>IMPORT_JOB_DELETING</c> before it is gone.</summary>
    public TimeSpan DeletingDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Seed of the run figures: a run's file count and size are drawn from it and the source address name,
    /// so the same seed and address give the same figures.</summary>
    public int Seed { get; set; }

    /// <summary>Share (0 to 1) of a run's files that fail, leaving a failed-file list to retry. It does not apply to a
    /// job whose source is a retry inventory (an <c>ossinv</c> address naming such a list): its files all succeed.</summary>
    public double FailureRate { get; set; }

    /// <summary>
    /// <see cref="FailureRate"/> for runs whose source is one of these addresses (name → share, 0 to 1), so one service
    /// can hold jobs that fail and jobs that do not. Set it with <see cref="MgwEmulator.SetFailureRate"/>.
    /// </summary>
    public IDictionary<string, double> AddressFailureRates { get; } = new System.Collections.Concurrent.ConcurrentDictionary<string, double>(StringComparer.Ordinal);

    /// <summary>Most entries in one page of ListJob, ListAddress, ListJobHistory, ListAgent and ListTunnel (a larger <c>count</c> is cut to it),
    /// so paging with NextMarker can be exercised on few items. The service's own limit is 1000.</summary>
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>Largest request body accepted; a larger one is answered 413 <c>EntityTooLarge</c> before it is read.</summary>
    public int MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Time a client has, from the first byte of a request, to send the request line and headers
    /// (then 400 <c>RequestTimeout</c> and the connection closes).</summary>
    public TimeSpan RequestHeaderTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time a client has, after the headers, to send the body (then 400 <c>RequestTimeout</c> and the connection closes).</summary>
    public TimeSpan RequestBodyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time a connection may sit without starting a request, and the longest an answer may take to be
    /// taken by the client; then the connection closes.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Open connections. A newcomer over the cap closes the connection idle the longest; with none idle it is
    /// answered 503 <c>ServiceUnavailable</c> (Retry-After: 1) and closed.</summary>
    public int MaxConnections { get; set; } = 1024;

    /// <summary>Requests read and handled at once (so at most this many bodies are held); a connection whose request
    /// has begun to arrive waits for one to finish.</summary>
    public int MaxConcurrentRequests { get; set; } = 32;

    /// <summary>Deepest element nesting accepted in a request body (the service's bodies need 6 levels);
    /// deeper gives 400 <c>MalformedXML</c>.</summary>
    public int MaxXmlDepth { get; set; } = 32;

    /// <summary>Fault injection at start (change it later with <see cref="MgwEmulator.Faults"/>).</summary>
    public EmulatorFaultOptions Faults { get; set; } = EmulatorFaultOptions.None;
}

/// <summary>An AccessKey pair the emulator accepts, optionally an STS one (then the token must be sent).</summary>
public sealed class EmulatorAccessKey
{
    /// <summary>Creates a pair; a non-empty <paramref name="securityToken"/> makes it an STS credential.</summary>
    public EmulatorAccessKey(string accessKeyId, string accessKeySecret, string? securityToken = null)
    {
        if (string.IsNullOrEmpty(accessKeyId)) throw new ArgumentException("An AccessKey ID is required.", nameof(accessKeyId));
        if (string.IsNullOrEmpty(accessKeySecret)) throw new ArgumentException("An AccessKey secret is required.", nameof(accessKeySecret));
        AccessKeyId = accessKeyId;
        AccessKeySecret = accessKeySecret;
        SecurityToken = string.IsNullOrEmpty(securityToken) ? null : securityToken;
    }

    /// <summary>The AccessKey ID.</summary>
    public string AccessKeyId { get; }

    /// <summary>The secret (a test credential; still never print it).</summary>
    public string AccessKeySecret { get; }

    /// <summary>The STS token that requests must carry in <c>x-oss-security-token</c>, if any.</summary>
    public string? SecurityToken { get; }

    /// <summary>The ID only: the secret never reaches a string form.</summary>
    public override string ToString() => AccessKeyId;
}
