using System;
using System.Collections.Generic;

namespace MgwTools.Core.Specs;

/// <summary>
/// The §2 parameter names (what a finding's <see cref="MgwError.Field"/> holds and what
/// <see cref="SpecBinder.Bind"/> takes as keys), with their API and mgwutil spellings.
/// </summary>
public static class SpecFields
{
#pragma warning disable CS1591 // the names say it
    public const string Name = nameof(Name);
    public const string SourceAddress = nameof(SourceAddress);
    public const string DestinationAddress = nameof(DestinationAddress);
    public const string OverwriteMode = nameof(OverwriteMode);
    public const string TransferMode = nameof(TransferMode);
    public const string MaxBandwidth = nameof(MaxBandwidth);
    public const string MaxQps = nameof(MaxQps);
    public const string CreateReport = nameof(CreateReport);
    public const string LogMode = nameof(LogMode);
    public const string ExcludeDirectory = nameof(ExcludeDirectory);
    public const string ExcludeSymlink = nameof(ExcludeSymlink);
    public const string IncludeKey = nameof(IncludeKey);
    public const string ExcludeKey = nameof(ExcludeKey);
    public const string IncludeLastModified = nameof(IncludeLastModified);
    public const string ExcludeLastModified = nameof(ExcludeLastModified);
    public const string WithStorageClass = nameof(WithStorageClass);
    public const string TargetStorageClass = nameof(TargetStorageClass);
    public const string WithLastModifyTime = nameof(WithLastModifyTime);
    public const string ParentVersion = nameof(ParentVersion);
    public const string ConvertSymlinkTarget = nameof(ConvertSymlinkTarget);
    public const string AppendableToNormal = nameof(AppendableToNormal);
    public const string StartCron = nameof(StartCron);
    public const string SuspendCron = nameof(SuspendCron);
    public const string MaxScheduleCount = nameof(MaxScheduleCount);
    public const string Tag = nameof(Tag);
#pragma warning restore CS1591

    /// <summary>Every field in §2 order.</summary>
    public static IReadOnlyList<string> All { get; } = new[]
    {
        Name, SourceAddress, DestinationAddress, OverwriteMode, TransferMode, MaxBandwidth, MaxQps, CreateReport, LogMode,
        ExcludeDirectory, ExcludeSymlink, IncludeKey, ExcludeKey, IncludeLastModified, ExcludeLastModified, WithStorageClass,
        TargetStorageClass, WithLastModifyTime, ParentVersion, ConvertSymlinkTarget, AppendableToNormal, StartCron, SuspendCron,
        MaxScheduleCount, Tag,
    };

    /// <summary>The switch-like fields (booleans).</summary>
    public static IReadOnlyList<string> Booleans { get; } = new[]
    {
        CreateReport, ExcludeDirectory, ExcludeSymlink, WithStorageClass, WithLastModifyTime, ConvertSymlinkTarget, AppendableToNormal,
    };

    /// <summary>Aliases of each field (API element name, mgwutil flag name, others), as design §2 lists them.</summary>
    public static IReadOnlyDictionary<string, string[]> Aliases { get; } = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        [Name] = new[] { "JobName", "job-name" },
        [SourceAddress] = new[] { "SrcAddress", "src-address" },
        [DestinationAddress] = new[] { "DestAddress", "dest-address" },
        [OverwriteMode] = new[] { "overwrite-mode" },
        [TransferMode] = new[] { "transfer-mode" },
        [MaxBandwidth] = new[] { "max-bandwidth" },   // API "MaxBandWidth": same name but for case
        [MaxQps] = new[] { "max-qps", "MaxImportTaskQps" },
        [CreateReport] = new[] { "create-report" },
        [LogMode] = new[] { "log-mode" },
        [ExcludeDirectory] = new[] { "ExcludeDir", "exclude-dir" },
        [ExcludeSymlink] = new[] { "exclude-symlink" },
        [IncludeKey] = new[] { "KeyFiltersIncludes", "key-filters-includes" },
        [ExcludeKey] = new[] { "KeyFiltersExcludes", "key-filters-excludes" },
        [IncludeLastModified] = new[] { "LastModifiedFiltersIncludes", "last-modified-filters-includes" },
        [ExcludeLastModified] = new[] { "LastModifiedFiltersExcludes", "last-modified-filters-excludes" },
        [WithStorageClass] = new[] { "with-storage-class" },
        [TargetStorageClass] = new[] { "target-storage-class" },
        [WithLastModifyTime] = new[] { "with-last-modify-time" },
        [ParentVersion] = new[] { "parent-version" },
        [ConvertSymlinkTarget] = new[] { "convert-symlink-target" },
        [AppendableToNormal] = new[] { "appendable-to-normal" },
        [StartCron] = new[] { "StartCronExpression", "start-cron-expression" },
        [SuspendCron] = new[] { "SuspendCronExpression", "suspend-cron-expression" },
        [MaxScheduleCount] = new[] { "max-schedule-count" },
        [Tag] = new[] { "Tags" },
    };
}
