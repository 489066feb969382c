namespace MgwTools;

/// <summary>How a job treats a file that already exists at the destination (API <c>OverwriteMode</c>).</summary>
public enum OverwriteMode : long
{
    /// <summary>Overwrite (wire value <c>always</c>).</summary>
    Always,
    /// <summary>Never overwrite (wire value <c>never</c>).</summary>
    Never,
}

/// <summary>Which files a job transfers (API <c>TransferMode</c>).</summary>
public enum TransferMode : long
{
    /// <summary>Every file (wire value <c>all</c>).</summary>
    All,
    /// <summary>Files whose last-modified time is newer (wire value <c>lastmodified</c>).</summary>
    LastModified,
}

/// <summary>Where migration logs go (API <c>Audit/LogMode</c>).</summary>
public enum LogMode : long
{
    /// <summary>No logs pushed.</summary>
    Off,
    /// <summary>Failure logs only.</summary>
    Basic,
    /// <summary>Failure and success logs.</summary>
    Detail,
}

/// <summary>OSS storage classes accepted by <c>TargetStorageClass</c>.</summary>
public enum StorageClass : long
{
    /// <summary>Standard.</summary>
    Standard,
    /// <summary>Infrequent access.</summary>
    IA,
    /// <summary>Archive.</summary>
    Archive,
    /// <summary>Cold archive.</summary>
    ColdArchive,
    /// <summary>Deep cold archive.</summary>
    DeepColdArchive,
}

/// <summary>Whether a finding blocks creation.</summary>
public enum MgwSeverity : long
{
    /// <summary>Blocks creation; service errors are always errors.</summary>
    Error,
    /// <summary>Reported, does not block.</summary>
    Warning,
}

/// <summary>
/// What an <see cref="MgwError"/> is about, computed once from its code and HTTP status
/// (<see cref="MgwError.Kind"/>). The cmdlet layer maps a kind to a PowerShell error category; the client
/// decides retries, and a bulk run decides whether to stop, from it.
/// </summary>
public enum MgwErrorKind : long
{
    /// <summary>None of the others.</summary>
    Other,
    /// <summary>A value the module or the service refuses (400, and every local finding not listed below).</summary>
    BadInput,
    /// <summary>The job, address, profile or emulator does not exist (<c>NoSuch*</c>, 404).</summary>
    NotFound,
    /// <summary>It exists already, or conflicts with what exists (<c>*AlreadyExist</c>, <c>*Repeated*</c>, <c>*Conflict*</c>, 409).</summary>
    Exists,
    /// <summary>A limit of the account or region (<c>*Exceed</c>, <c>*Exceeded</c>).</summary>
    Quota,
    /// <summary>Refused for rate, nothing done: 429 or a throttling code; retried.</summary>
    Throttled,
    /// <summary>The caller lacks a permission (403, <c>AccessDenied</c>).</summary>
    Denied,
    /// <summary>The credentials are refused (bad signature, key or token): every request would fail alike.</summary>
    Credentials,
    /// <summary>The local clock is too far off (<c>RequestTimeTooSkewed</c>): every request would fail alike.</summary>
    Clock,
    /// <summary>No answer in time (<c>RequestTimeout</c>, 408): may have been done; retried when safe.</summary>
    Timeout,
    /// <summary>The network or the service failed (<c>ConnectionFailed</c>, 5xx): may have been done; retried when safe.</summary>
    Transient,
    /// <summary>An answer the client cannot use (<c>InvalidResponse</c>).</summary>
    InvalidResponse,
    /// <summary>No usable credentials were found (<c>NoCredentials</c>, <c>IncompleteProfile</c>).</summary>
    Unauthenticated,
    /// <summary>Something MgwTools does not support (<c>UnsupportedProfileMode</c>).</summary>
    Unsupported,
    /// <summary>A local file that cannot be read as expected (<c>InvalidCredentialsFile</c>).</summary>
    InvalidData,
    /// <summary>A setting that would send secrets unencrypted (<c>InsecureEndpoint</c>).</summary>
    Insecure,
    /// <summary>The session is not in a state to do it (<c>NotConnected</c>).</summary>
    InvalidState,
    /// <summary>A local resource is not available (the emulator's port).</summary>
    Unavailable,
    /// <summary>Still used by something else, so it cannot be deleted (<c>*IsOccupied</c>, <c>*InUse</c>): a tunnel an agent uses, an agent an address lists.</summary>
    InUse,
}
