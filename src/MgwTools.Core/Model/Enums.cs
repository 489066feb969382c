namespace MgwTools;

/// <summary>How a job treats a file that already exists at the destination (API <c>OverwriteMode</c>).</summary>
public enum OverwriteMode
{
    /// <summary>Overwrite (wire value <c>always</c>).</summary>
    Always,
    /// <summary>Never overwrite (wire value <c>never</c>).</summary>
    Never,
}

/// <summary>Which files a job transfers (API <c>TransferMode</c>).</summary>
public enum TransferMode
{
    /// <summary>Every file (wire value <c>all</c>).</summary>
    All,
    /// <summary>Files whose last-modified time is newer (wire value <c>lastmodified</c>).</summary>
    LastModified,
}

/// <summary>Where migration logs go (API <c>Audit/LogMode</c>).</summary>
public enum LogMode
{
    /// <summary>No logs pushed.</summary>
    Off,
    /// <summary>Failure logs only.</summary>
    Basic,
    /// <summary>Failure and success logs.</summary>
    Detail,
}

/// <summary>OSS storage classes accepted by <c>TargetStorageClass</c>.</summary>
public enum StorageClass
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
public enum MgwSeverity
{
    /// <summary>Blocks creation; service errors are always errors.</summary>
    Error,
    /// <summary>Reported, does not block.</summary>
    Warning,
}
