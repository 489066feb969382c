using System;
using System.Collections.Generic;
using System.Linq;
using MgwTools.Core.Specs;

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
    /// <summary>
    /// Tags; sent as <c>k1:v1,k2:v2</c> in insertion order (the default <see cref="Dictionary{TKey,TValue}"/>
    /// keeps that order as long as nothing is removed).
    /// </summary>
    public IDictionary<string, string> Tag { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// The transfer mode that goes on the wire: the given one, or <c>all</c> for <c>never</c> without
    /// one (every SDK marks <c>TransferMode</c> required and the API documents <c>never+all</c>;
    /// mgw-api.md §2.2.1).
    /// </summary>
    public TransferMode? EffectiveTransferMode =>
        TransferMode ?? (OverwriteMode == MgwTools.OverwriteMode.Never ? MgwTools.TransferMode.All : null);

    /// <summary>The tags as the wire string <c>k1:v1,k2:v2</c>; null when there are none.</summary>
    public string? TagText => Tag is { Count: > 0 } ? SpecBinder.JoinTagText(Tag) : null;

    /// <summary>
    /// The §2 parameter names whose normalised values differ between this spec and <paramref name="other"/>
    /// (e.g. the spec asked for and the job the service has), in §2 order. Each field compares as its entry of
    /// <see cref="JobFields"/> says (<see cref="JobField.SameIn"/>): a switch that is unset equals <c>false</c>, an
    /// unset log mode equals <c>Off</c>, <c>never</c> without a transfer mode equals <c>never+all</c>, empty lists equal
    /// unset ones, regex and time-window lists compare as sets (the service ORs them), tags compare by key and value
    /// regardless of order. Fields whose service default is undocumented (<see cref="WithLastModifyTime"/>,
    /// <see cref="TargetStorageClass"/>) differ when only one side sets them.
    /// </summary>
    public IReadOnlyList<string> DifferingFields(MgwJobSpec other)
    {
        if (other is null) throw new ArgumentNullException(nameof(other));
        return JobFields.All.Where(field => !field.SameIn(this, other)).Select(field => field.Name).ToList();
    }
}
