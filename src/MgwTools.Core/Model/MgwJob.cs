using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using MgwTools.Core.Client;
using MgwTools.Core.Specs;

namespace MgwTools;

/// <summary>
/// A migration job as the service reports it (GetJob / ListJob, mgw-api.md §2.5): identity and state,
/// plus every spec field. <see cref="ToSpec"/> gives the definition for comparison with a requested spec.
/// </summary>
public sealed class MgwJob
{
    private readonly MgwJobSpec _spec;

    /// <summary>Creates a job record from its definition and service-side fields (the XML reader and tests use this).</summary>
    public MgwJob(MgwJobSpec spec)
    {
        _spec = Copy(spec ?? throw new ArgumentNullException(nameof(spec)));
    }

    /// <summary>Job name.</summary>
    public string? Name => _spec.Name;

    /// <summary>The job ID (a UUID; <c>Version</c> on the wire), used as a child job's <c>ParentVersion</c>.</summary>
    public string? Version { get; init; }

    /// <summary>Service state, e.g. <c>IMPORT_JOB_BEGIN</c>, <c>IMPORT_JOB_DOING</c> (mgw-api.md §2.6), as sent.</summary>
    public string? Status { get; init; }

    /// <summary>When the job was created (UTC).</summary>
    public DateTimeOffset? CreateTime { get; init; }

    /// <summary>When the job was last modified (UTC).</summary>
    public DateTimeOffset? ModifyTime { get; init; }

    /// <summary>Source data address name.</summary>
    public string? SourceAddress => _spec.SourceAddress;

    /// <summary>Destination data address name.</summary>
    public string? DestinationAddress => _spec.DestinationAddress;

    /// <summary>Overwrite mode.</summary>
    public OverwriteMode? OverwriteMode => _spec.OverwriteMode;

    /// <summary>Transfer mode.</summary>
    public TransferMode? TransferMode => _spec.TransferMode;

    /// <summary>Bandwidth limit in bit/s.</summary>
    public long? MaxBandwidth => _spec.MaxBandwidth;

    /// <summary>Files per second.</summary>
    public long? MaxQps => _spec.MaxQps;

    /// <summary>Whether a migration report is created.</summary>
    public bool? CreateReport => _spec.CreateReport;

    /// <summary>Log push mode.</summary>
    public LogMode? LogMode => _spec.LogMode;

    /// <summary>Directories excluded.</summary>
    public bool? ExcludeDirectory => _spec.ExcludeDirectory;

    /// <summary>Symbolic links excluded.</summary>
    public bool? ExcludeSymlink => _spec.ExcludeSymlink;

    /// <summary>Key include regexes.</summary>
    public IReadOnlyList<string> IncludeKey => _spec.IncludeKey.ToList();

    /// <summary>Key exclude regexes.</summary>
    public IReadOnlyList<string> ExcludeKey => _spec.ExcludeKey.ToList();

    /// <summary>Last-modified include windows.</summary>
    public IReadOnlyList<MgwTimeWindow> IncludeLastModified => _spec.IncludeLastModified.ToList();

    /// <summary>Last-modified exclude windows.</summary>
    public IReadOnlyList<MgwTimeWindow> ExcludeLastModified => _spec.ExcludeLastModified.ToList();

    /// <summary>Source storage class kept.</summary>
    public bool? WithStorageClass => _spec.WithStorageClass;

    /// <summary>Storage class written at the destination.</summary>
    public StorageClass? TargetStorageClass => _spec.TargetStorageClass;

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

    /// <summary>Tags, in the order the service listed them.</summary>
    public IReadOnlyDictionary<string, string> Tag => new Dictionary<string, string>(_spec.Tag, StringComparer.Ordinal);

    /// <summary>Multi-version migration (the service does not support it; reported as sent).</summary>
    public bool? EnableMultiVersioning { get; init; }

    /// <summary>The owner's account ID (UID).</summary>
    public string? Owner { get; init; }

    /// <summary>1-based pipeline position of the input this job came from, when it came from pipeline input.</summary>
    public int? Row { get; set; }

    /// <summary>Alias of <see cref="Name"/> (mgwutil's <c>Data</c> name).</summary>
    public string? JobName => Name;

    /// <summary>Alias of <see cref="SourceAddress"/> (mgwutil's <c>Data</c> name).</summary>
    public string? SrcAddr => SourceAddress;

    /// <summary>Alias of <see cref="DestinationAddress"/> (mgwutil's <c>Data</c> name).</summary>
    public string? DestAddr => DestinationAddress;

    /// <summary>A fresh copy of the job's definition, e.g. for <see cref="MgwJobSpec.DifferingFields"/>.</summary>
    public MgwJobSpec ToSpec() => Copy(_spec);

    /// <inheritdoc />
    public override string ToString() => Name ?? "";

    /// <summary>Reads an <c>&lt;ImportJob&gt;</c> element of a GetJob / ListJob answer.</summary>
    /// <exception cref="FormatException">A value does not parse.</exception>
    internal static MgwJob FromXml(XElement importJob) =>
        new(MgwJobSpecXml.Read(importJob))
        {
            Version = MgwXml.Str(importJob, "Version"),
            Status = MgwXml.Str(importJob, "Status"),
            CreateTime = MgwXml.Time(importJob, "CreateTime"),
            ModifyTime = MgwXml.Time(importJob, "ModifyTime"),
            ParentName = MgwXml.Str(importJob, "ParentName"),
            Owner = MgwXml.Str(importJob, "Owner"),
            EnableMultiVersioning = MgwXml.Bool(importJob, "EnableMultiVersioning"),
        };

    private static MgwJobSpec Copy(MgwJobSpec s) => new()
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
