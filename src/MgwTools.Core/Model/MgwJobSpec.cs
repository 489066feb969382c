using System;
using System.Collections.Generic;

namespace MgwTools;

/// <summary>
/// A normalised job definition: every parameter of design §2, typed. Null means "not given", and
/// what is not given is omitted from the request XML.
/// </summary>
public sealed partial class MgwJobSpec
{
    /// <summary>Job name (<c>Name</c>).</summary>
    public string? Name { get; set; }
    /// <summary>Source data address name (<c>SrcAddress</c>).</summary>
    public string? SourceAddress { get; set; }
    /// <summary>Destination data address name (<c>DestAddress</c>).</summary>
    public string? DestinationAddress { get; set; }
    /// <summary>Overwrite mode.</summary>
    public OverwriteMode? OverwriteMode { get; set; }
    /// <summary>Transfer mode.</summary>
    public TransferMode? TransferMode { get; set; }
    /// <summary>Bandwidth limit in bit/s (<c>ImportQos/MaxBandWidth</c>).</summary>
    public long? MaxBandwidth { get; set; }
    /// <summary>Files per second (<c>ImportQos/MaxImportTaskQps</c>).</summary>
    public long? MaxQps { get; set; }
    /// <summary>Create a migration report.</summary>
    public bool? CreateReport { get; set; }
    /// <summary>Log push mode (<c>Audit/LogMode</c>).</summary>
    public LogMode? LogMode { get; set; }
    /// <summary>Exclude directories.</summary>
    public bool? ExcludeDirectory { get; set; }
    /// <summary>Exclude symbolic links.</summary>
    public bool? ExcludeSymlink { get; set; }
    /// <summary>Key include regexes.</summary>
    public IList<string> IncludeKey { get; set; } = new List<string>();
    /// <summary>Key exclude regexes.</summary>
    public IList<string> ExcludeKey { get; set; } = new List<string>();
    /// <summary>Last-modified include windows.</summary>
    public IList<MgwTimeWindow> IncludeLastModified { get; set; } = new List<MgwTimeWindow>();
    /// <summary>Last-modified exclude windows.</summary>
    public IList<MgwTimeWindow> ExcludeLastModified { get; set; } = new List<MgwTimeWindow>();
    /// <summary>Keep the source storage class.</summary>
    public bool? WithStorageClass { get; set; }
    /// <summary>Storage class to write at the destination.</summary>
    public StorageClass? TargetStorageClass { get; set; }
    /// <summary>Keep the source last-modified time (sent only when given).</summary>
    public bool? WithLastModifyTime { get; set; }
    /// <summary>The parent job's ID (its <c>Version</c>, a UUID).</summary>
    public string? ParentVersion { get; set; }
    /// <summary>Convert the target attribute of symbolic links.</summary>
    public bool? ConvertSymlinkTarget { get; set; }
    /// <summary>Convert appendable objects to normal ones.</summary>
    public bool? AppendableToNormal { get; set; }
    /// <summary>6-field start cron (<c>ScheduleRule/StartCronExpression</c>).</summary>
    public string? StartCron { get; set; }
    /// <summary>6-field suspend cron (<c>ScheduleRule/SuspendCronExpression</c>).</summary>
    public string? SuspendCron { get; set; }
    /// <summary>Maximum number of scheduled runs.</summary>
    public long? MaxScheduleCount { get; set; }
    /// <summary>Tags, in order; sent as <c>k1:v1,k2:v2</c>.</summary>
    public IDictionary<string, string> Tag { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
