using System;
using System.Collections.Generic;
using System.Linq;
using MgwTools.Core.Specs;

namespace MgwTools;

/// <summary>
/// A migration job as the service reports it (GetJob / ListJob, mgw-api.md §2.5): identity and state,
/// plus every spec field. <see cref="ToSpec"/> gives the definition for comparison with a requested spec.
/// Whatever the service sent that cannot be typed is kept, never a failure (the SDKs keep every field as a
/// string): an unknown mode leaves its enum property null beside the text as sent (<see cref="OverwriteModeText"/>
/// and the like), an unknown status is still a <see cref="MgwJobStatus"/>, and any other value that does not
/// parse is in <see cref="UnreadValues"/>.
/// </summary>
public sealed class MgwJob
{
    private readonly MgwJobSpec _spec;

    private static readonly IReadOnlyDictionary<string, string> s_none = new Dictionary<string, string>();

    /// <summary>Creates a job record from its definition and service-side fields (the XML reader and tests use this).</summary>
    public MgwJob(MgwJobSpec spec)
    {
        _spec = Copy(spec ?? throw new ArgumentNullException(nameof(spec)));
    }

    /// <summary>Job name.</summary>
    public string? Name => _spec.Name;

    /// <summary>The job ID (a UUID; <c>Version</c> on the wire), used as a child job's <c>ParentVersion</c>.</summary>
    public string? Version { get; init; }

    /// <summary>
    /// Service state, e.g. <c>IMPORT_JOB_BEGIN</c>, <c>IMPORT_JOB_DOING</c> (mgw-api.md §2.6), as sent; equal to its
    /// text (<c>$job.Status -eq 'IMPORT_JOB_SUSPEND'</c>).
    /// </summary>
    public MgwJobStatus? Status { get; init; }

    /// <summary>When the job was created (UTC).</summary>
    public DateTimeOffset? CreateTime { get; init; }

    /// <summary>When the job was last modified (UTC).</summary>
    public DateTimeOffset? ModifyTime { get; init; }

    /// <summary>Source data address name.</summary>
    public string? SourceAddress => _spec.SourceAddress;

    /// <summary>Destination data address name.</summary>
    public string? DestinationAddress => _spec.DestinationAddress;

    /// <summary>Overwrite mode; null when absent or a value this module does not know (see <see cref="OverwriteModeText"/>).</summary>
    public OverwriteMode? OverwriteMode => _spec.OverwriteMode;

    /// <summary>The overwrite mode as the service wrote it (e.g. <c>always</c>), known or not.</summary>
    public string? OverwriteModeText { get; init; }

    /// <summary>Transfer mode; null when absent or a value this module does not know (see <see cref="TransferModeText"/>).</summary>
    public TransferMode? TransferMode => _spec.TransferMode;

    /// <summary>The transfer mode as the service wrote it (e.g. <c>all</c>), known or not.</summary>
    public string? TransferModeText { get; init; }

    /// <summary>Bandwidth limit in bit/s.</summary>
    public long? MaxBandwidth => _spec.MaxBandwidth;

    /// <summary>Files per second.</summary>
    public long? MaxQps => _spec.MaxQps;

    /// <summary>Whether a migration report is created.</summary>
    public bool? CreateReport => _spec.CreateReport;

    /// <summary>Log push mode; null when absent or a value this module does not know (see <see cref="LogModeText"/>).</summary>
    public LogMode? LogMode => _spec.LogMode;

    /// <summary>The log mode as the service wrote it (e.g. <c>basic</c>), known or not.</summary>
    public string? LogModeText { get; init; }

    /// <summary>Directories excluded.</summary>
    public bool? ExcludeDirectory => _spec.ExcludeDirectory;

    /// <summary>Symbolic links excluded.</summary>
    public bool? ExcludeSymlink => _spec.ExcludeSymlink;

    /// <summary>Key include regexes.</summary>
    public MgwKeyFilterList IncludeKey => new(_spec.IncludeKey);

    /// <summary>Key exclude regexes.</summary>
    public MgwKeyFilterList ExcludeKey => new(_spec.ExcludeKey);

    /// <summary>
    /// Last-modified include windows. A window the service sent with one bound missing is kept open on that side
    /// (<see cref="DateTimeOffset.MinValue"/> or <see cref="DateTimeOffset.MaxValue"/>).
    /// </summary>
    public MgwTimeWindowList IncludeLastModified => new(_spec.IncludeLastModified);

    /// <summary>Last-modified exclude windows (open on a side whose bound the service did not send).</summary>
    public MgwTimeWindowList ExcludeLastModified => new(_spec.ExcludeLastModified);

    /// <summary>Source storage class kept.</summary>
    public bool? WithStorageClass => _spec.WithStorageClass;

    /// <summary>Storage class written at the destination; null when absent or unknown (see <see cref="TargetStorageClassText"/>).</summary>
    public StorageClass? TargetStorageClass => _spec.TargetStorageClass;

    /// <summary>The target storage class as the service wrote it, known or not.</summary>
    public string? TargetStorageClassText { get; init; }

    /// <summary>Source last-modified time kept.</summary>
    public bool? WithLastModifyTime => _spec.WithLastModifyTime;

    /// <summary>The parent job's ID.</summary>
    public string? ParentVersion => _spec.ParentVersion;

    /// <summary>The parent job's name.</summary>
    public string? ParentName { get; init; }

    /// <summary>Symbolic-link targets converted.</summary>
    public bool? ConvertSymlinkTarget => _spec.ConvertSymlinkTarget;

    /// <summary>Appendable objects converted to normal ones.</summary>
    public bool? AppendableToNormal => _spec.AppendableToNormal;

    /// <summary>6-field start cron.</summary>
    public string? StartCron => _spec.StartCron;

    /// <summary>6-field suspend cron.</summary>
    public string? SuspendCron => _spec.SuspendCron;

    /// <summary>Maximum number of scheduled runs.</summary>
    public long? MaxScheduleCount => _spec.MaxScheduleCount;

    /// <summary>Tags, in the order the service listed them; their text is <c>k1:v1,k2:v2</c>, as a CSV cell takes them.</summary>
    public MgwTextPairs Tag => new(_spec.Tag);

    /// <summary>Multi-version migration (the service does not support it; reported as sent).</summary>
    public bool? EnableMultiVersioning { get; init; }

    /// <summary>The owner's account ID (UID).</summary>
    public string? Owner { get; init; }

    /// <summary>
    /// Values the service sent that could not be typed (element path such as <c>ImportQos/MaxBandWidth</c> → the text
    /// as sent); their typed properties are null. Empty when everything was read.
    /// </summary>
    public IReadOnlyDictionary<string, string> UnreadValues
    {
        get => _unread;
        init => _unread = new MgwTextPairs(value ?? s_none);
    }

    private readonly IReadOnlyDictionary<string, string> _unread = new MgwTextPairs(s_none);

    /// <summary>1-based pipeline position of the input this job came from, when it came from pipeline input.</summary>
    public int? Row { get; set; }

    /// <summary>Alias of <see cref="Name"/> (mgwutil's <c>Data</c> name).</summary>
    public string? JobName => Name;

    /// <summary>Alias of <see cref="SourceAddress"/> (mgwutil's <c>Data</c> name).</summary>
    public string? SrcAddr => SourceAddress;

    /// <summary>Alias of <see cref="DestinationAddress"/> (mgwutil's <c>Data</c> name).</summary>
    public string? DestAddr => DestinationAddress;

    /// <summary>
    /// The properties of a job that are not job fields (<see cref="JobFields"/>): what the service keeps about a job
    /// (<c>Version</c>, <c>Status</c>, <c>CreateTime</c>…) and this module's own (<c>Row</c>, the <c>…Text</c> values).
    /// A CSV exported from jobs has these columns; a reader of job definitions ignores them rather than warn.
    /// </summary>
    public static IReadOnlyList<string> ReadOnlyColumns { get; } = typeof(MgwJob).GetProperties()
        .Where(p => p.GetMethod is { IsStatic: false } && !JobFields.All.Any(f => f.Matches(p.Name)))
        .Select(p => p.Name).ToArray();

    /// <summary>A fresh copy of the job's definition, e.g. for <see cref="MgwJobSpec.DifferingFields"/>.</summary>
    public MgwJobSpec ToSpec() => Copy(_spec);

    /// <inheritdoc />
    public override string ToString() => Name ?? "";

    /// <summary>A deep copy of <paramref name="s"/> (its lists and tags are new), for code that must not change a caller's spec.</summary>
    internal static MgwJobSpec Copy(MgwJobSpec s) => new()
    {
        Name = s.Name,
        SourceAddress = s.SourceAddress,
        DestinationAddress = s.DestinationAddress,
        OverwriteMode = s.OverwriteMode,
        TransferMode = s.TransferMode,
        MaxBandwidth = s.MaxBandwidth,
        MaxQps = s.MaxQps,
        CreateReport = s.CreateReport,
        LogMode = s.LogMode,
        ExcludeDirectory = s.ExcludeDirectory,
        ExcludeSymlink = s.ExcludeSymlink,
        IncludeKey = new List<string>(s.IncludeKey ?? Array.Empty<string>()),
        ExcludeKey = new List<string>(s.ExcludeKey ?? Array.Empty<string>()),
        IncludeLastModified = new List<MgwTimeWindow>(s.IncludeLastModified ?? Array.Empty<MgwTimeWindow>()),
        ExcludeLastModified = new List<MgwTimeWindow>(s.ExcludeLastModified ?? Array.Empty<MgwTimeWindow>()),
        WithStorageClass = s.WithStorageClass,
        TargetStorageClass = s.TargetStorageClass,
        WithLastModifyTime = s.WithLastModifyTime,
        ParentVersion = s.ParentVersion,
        ConvertSymlinkTarget = s.ConvertSymlinkTarget,
        AppendableToNormal = s.AppendableToNormal,
        StartCron = s.StartCron,
        SuspendCron = s.SuspendCron,
        MaxScheduleCount = s.MaxScheduleCount,
        Tag = new Dictionary<string, string>(s.Tag ?? new Dictionary<string, string>(), StringComparer.Ordinal),
    };
}
