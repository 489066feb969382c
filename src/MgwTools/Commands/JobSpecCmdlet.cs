using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using MgwTools.Completers;
using MgwTools.Core.Specs;
using MgwTools.Transforms;

namespace MgwTools.Commands;

/// <summary>
/// Base of the cmdlets that take a job definition (<c>Test-MgwJobSpec</c>, <c>New-MgwJob</c>): every
/// parameter of design §2 with its PowerShell, API and mgwutil names, all bindable by property name so
/// <c>Import-Csv jobs.csv | …</c> works with any of those spellings as headers.
/// <para>
/// Binding never fails on bad text: every parameter that converts carries a
/// <see cref="SpecValueTransformAttribute"/>, which binds what it cannot convert as null and keeps the
/// original for <see cref="BindRecord"/>; Core's binder turns it into a finding with Row and Field.
/// </para>
/// <para>
/// None is mandatory here. Properties are <c>virtual</c> so a derived cmdlet can override one to change
/// its <see cref="ParameterAttribute"/> (e.g. <c>Mandatory = true</c>): PowerShell reflects the most
/// derived property only, so the override must repeat ALL attributes of the base declaration
/// (Parameter, Alias, the transform). Prefer leaving them optional: the <c>MissingValue</c> rule reports
/// a missing name, address or overwrite mode for its row, whereas a missing mandatory value in CSV input
/// is a PowerShell binding error that skips the record (and shifts <see cref="Row"/>).
/// </para>
/// </summary>
public abstract class JobSpecCmdlet : MgwServiceCmdlet
{
    #region Parameters

    /// <summary>Job name: 3-63 letters, digits, '-' and '_'.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("JobName", "job-name")]
    public virtual string? Name { get; set; }

    /// <summary>Name of the source data address.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("SrcAddress", "src-address")]
    [ArgumentCompleter(typeof(AddressNameCompleter))]
    public virtual string? SourceAddress { get; set; }

    /// <summary>Name of the destination data address.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("DestAddress", "dest-address")]
    [ArgumentCompleter(typeof(AddressNameCompleter))]
    public virtual string? DestinationAddress { get; set; }

    /// <summary>Always or Never overwrite files that exist at the destination.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("overwrite-mode")]
    [SpecValueTransform(SpecFields.OverwriteMode)]
    public virtual OverwriteMode? OverwriteMode { get; set; }

    /// <summary>All files, or those modified since (LastModified); may be omitted with Never.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("transfer-mode")]
    [SpecValueTransform(SpecFields.TransferMode)]
    public virtual TransferMode? TransferMode { get; set; }

    /// <summary>Bandwidth limit: bit/s, or text such as 200Mbps, 1Gbps, 25MB/s, 512KiB/s.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    // The API name MaxBandWidth differs only in case, so the parameter name itself covers it (a same-named alias is an error).
    [Alias("max-bandwidth")]
    [BandwidthTransform]
    public virtual long? MaxBandwidth { get; set; }

    /// <summary>Files per second.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("max-qps", "MaxImportTaskQps")]
    [SpecValueTransform(SpecFields.MaxQps)]
    public virtual long? MaxQps { get; set; }

    /// <summary>Create a migration report.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("create-report")]
    [SpecValueTransform(SpecFields.CreateReport)]
    public virtual SwitchParameter CreateReport { get; set; }

    /// <summary>Push migration logs to SLS: Off, Basic (failures) or Detail.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("log-mode")]
    [SpecValueTransform(SpecFields.LogMode)]
    public virtual LogMode? LogMode { get; set; }

    /// <summary>Exclude directories.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("ExcludeDir", "exclude-dir")]
    [SpecValueTransform(SpecFields.ExcludeDirectory)]
    public virtual SwitchParameter ExcludeDirectory { get; set; }

    /// <summary>Exclude symbolic links.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("exclude-symlink")]
    [SpecValueTransform(SpecFields.ExcludeSymlink)]
    public virtual SwitchParameter ExcludeSymlink { get; set; }

    /// <summary>Regexes of the keys to migrate.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("KeyFiltersIncludes", "key-filters-includes")]
    [SpecValueTransform(SpecFields.IncludeKey)]
    public virtual string[]? IncludeKey { get; set; }

    /// <summary>Regexes of the keys to skip.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("KeyFiltersExcludes", "key-filters-excludes")]
    [SpecValueTransform(SpecFields.ExcludeKey)]
    public virtual string[]? ExcludeKey { get; set; }

    /// <summary>Last-modified windows to migrate.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("LastModifiedFiltersIncludes", "last-modified-filters-includes")]
    [SpecValueTransform(SpecFields.IncludeLastModified)]
    public virtual MgwTimeWindow[]? IncludeLastModified { get; set; }

    /// <summary>Last-modified windows to skip.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("LastModifiedFiltersExcludes", "last-modified-filters-excludes")]
    [SpecValueTransform(SpecFields.ExcludeLastModified)]
    public virtual MgwTimeWindow[]? ExcludeLastModified { get; set; }

    /// <summary>Keep the source storage class.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("with-storage-class")]
    [SpecValueTransform(SpecFields.WithStorageClass)]
    public virtual SwitchParameter WithStorageClass { get; set; }

    /// <summary>Storage class written at the destination.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("target-storage-class")]
    [SpecValueTransform(SpecFields.TargetStorageClass)]
    public virtual StorageClass? TargetStorageClass { get; set; }

    /// <summary>Keep the source last-modified time; sent only when given.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("with-last-modify-time")]
    [SpecValueTransform(SpecFields.WithLastModifyTime)]
    public virtual SwitchParameter WithLastModifyTime { get; set; }

    /// <summary>The parent job's ID (its Version, a UUID).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("parent-version")]
    public virtual string? ParentVersion { get; set; }

    /// <summary>Convert the target attribute of symbolic links.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("convert-symlink-target")]
    [SpecValueTransform(SpecFields.ConvertSymlinkTarget)]
    public virtual SwitchParameter ConvertSymlinkTarget { get; set; }

    /// <summary>Convert appendable objects to normal ones.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("appendable-to-normal")]
    [SpecValueTransform(SpecFields.AppendableToNormal)]
    public virtual SwitchParameter AppendableToNormal { get; set; }

    /// <summary>6-field start cron; an MgwCron binds too.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("StartCronExpression", "start-cron-expression")]
    public virtual string? StartCron { get; set; }

    /// <summary>6-field suspend cron.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("SuspendCronExpression", "suspend-cron-expression")]
    public virtual string? SuspendCron { get; set; }

    /// <summary>Maximum number of scheduled runs.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("max-schedule-count")]
    [SpecValueTransform(SpecFields.MaxScheduleCount)]
    public virtual long? MaxScheduleCount { get; set; }

    /// <summary>Tags: a hashtable, or the text k1:v1,k2:v2.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Tags")]
    [SpecValueTransform(SpecFields.Tag)]
    public virtual IDictionary? Tag { get; set; }

    /// <summary>
    /// What PowerShell could not bind: mgwutil's own <c>--flag value</c> form, read by <see cref="MgwutilArguments"/>
    /// (PowerShell passes <c>--src-address</c> as a plain argument). Hidden: the documented way is the parameters.
    /// </summary>
    [Parameter(ValueFromRemainingArguments = true, DontShow = true)]
    public string[]? MgwutilArgument { get; set; }

    /// <summary>Region whose throttling limits apply; unknown or none → the highest limits.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public virtual string? Region { get; set; }

    #endregion

    /// <summary>
    /// The region whose limits the rules apply: <c>-Region</c> when given, else the region of <c>-Context</c> or of
    /// the session's context, so Test-MgwJobSpec judges a spec as New-MgwJob will. Null: the highest limits.
    /// </summary>
    protected string? LimitsRegion => !string.IsNullOrWhiteSpace(Region) ? Region : (Context ?? MgwSession.Get())?.Region;

    /// <summary>1-based position of the current input in the pipeline (the CSV data line); 0 before the first.</summary>
    protected int Row { get; private set; }

    /// <summary>
    /// Binds the current record: the parameters bound for it, as the user gave them, through Core's
    /// <see cref="SpecBinder"/>. Call once per ProcessRecord (it advances <see cref="Row"/>). Findings carry
    /// no row yet; <see cref="SpecValidator.Evaluate(MgwJobSpec, IReadOnlyList{MgwError}, string?, int?)"/> adds it.
    /// </summary>
    protected (MgwJobSpec Spec, IReadOnlyList<MgwError> Findings) BindRecord()
    {
        Row++;
        IReadOnlyDictionary<string, object?> given = BindingNotes.Take();
        var values = new List<KeyValuePair<string, object?>>();
        foreach (string field in SpecFields.All)
        {
            if (!MyInvocation.BoundParameters.ContainsKey(field)) continue;
            object? value = given.TryGetValue(field, out object? raw) ? raw : PSValues.Unwrap(Current(field));
            values.Add(new KeyValuePair<string, object?>(field, value));
        }

        var findings = new List<MgwError>();
        if (MgwutilArgument is { Length: > 0 } leftovers)
        {
            values.AddRange(MgwutilArguments.Read(leftovers, values.ConvertAll(v => v.Key), findings));
        }

        var (spec, bindingFindings) = SpecBinder.Bind(values);
        findings.AddRange(bindingFindings);
        return (spec, findings);
    }

    private object? Current(string field) => field switch
    {
        SpecFields.Name => Name,
        SpecFields.SourceAddress => SourceAddress,
        SpecFields.DestinationAddress => DestinationAddress,
        SpecFields.OverwriteMode => OverwriteMode,
        SpecFields.TransferMode => TransferMode,
        SpecFields.MaxBandwidth => MaxBandwidth,
        SpecFields.MaxQps => MaxQps,
        SpecFields.CreateReport => CreateReport.IsPresent,
        SpecFields.LogMode => LogMode,
        SpecFields.ExcludeDirectory => ExcludeDirectory.IsPresent,
        SpecFields.ExcludeSymlink => ExcludeSymlink.IsPresent,
        SpecFields.IncludeKey => IncludeKey,
        SpecFields.ExcludeKey => ExcludeKey,
        SpecFields.IncludeLastModified => IncludeLastModified,
        SpecFields.ExcludeLastModified => ExcludeLastModified,
        SpecFields.WithStorageClass => WithStorageClass.IsPresent,
        SpecFields.TargetStorageClass => TargetStorageClass,
        SpecFields.WithLastModifyTime => WithLastModifyTime.IsPresent,
        SpecFields.ParentVersion => ParentVersion,
        SpecFields.ConvertSymlinkTarget => ConvertSymlinkTarget.IsPresent,
        SpecFields.AppendableToNormal => AppendableToNormal.IsPresent,
        SpecFields.StartCron => StartCron,
        SpecFields.SuspendCron => SuspendCron,
        SpecFields.MaxScheduleCount => MaxScheduleCount,
        SpecFields.Tag => Tag,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a job-spec parameter."),
    };
}
