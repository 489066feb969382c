using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using MgwTools.Completers;
using MgwTools.Core.Specs;
using MgwTools.Transforms;

namespace MgwTools.Commands;

/// <summary>
/// Base of the cmdlets that take a job definition (<c>Test-MgwJobSpec</c>, <c>New-MgwJob</c>): every
/// parameter of design §2 with its PowerShell, API and mgwutil names, each also read from a piped object's property of
/// any of those names, so <c>Import-Csv jobs.csv | …</c> works with any of those spellings as headers.
/// <para>
/// The fields are those of Core's <see cref="JobFields"/> table (a test checks that the parameters, their aliases and
/// types match it). Binding never fails on bad text: each parameter carries a <see cref="SpecValueTransformAttribute"/>
/// that keeps the value as given (<see cref="SpecArgument{T}"/>) without parsing it. <see cref="BindRecord"/> then
/// hands every value, once, to Core's <see cref="SpecBinder"/>: those given on the command line, and for a piped
/// object every property named like a field (so two columns for one field that disagree are a finding, and a switch
/// cell keeps "not given" apart from false). A value that does not parse is a finding with Row and Field.
/// </para>
/// <para>
/// The piped object binds to <see cref="InputObject"/> only: the field parameters are not
/// <c>ValueFromPipelineByPropertyName</c>, because PowerShell's binder would look every field up under each of its
/// names on every row (26 µs a row, more than Import-Csv's own cost), only for <see cref="BindRecord"/> to read them
/// again. The row's properties are read once instead (<see cref="RowInputCmdlet.RowInput"/>); help still documents the fields as
/// pipeline input by property name (<see cref="SpecValueTransformAttribute.ValueFromPipelineByPropertyName"/>), and a
/// field given a script block runs it for each row as PowerShell's delay-bind does (<c>-Name { $_.id }</c>).
/// </para>
/// <para>
/// None is mandatory here. Properties are <c>virtual</c> so a derived cmdlet can override one to change
/// its <see cref="ParameterAttribute"/>: PowerShell reflects the most derived property only, so the override must
/// repeat ALL attributes of the base declaration (Parameter, Alias, the transform). Leave them optional: the
/// <c>MissingValue</c> rule reports a missing name, address or overwrite mode for its row, whereas a mandatory
/// parameter would be asked for even when the rows give it.
/// </para>
/// </summary>
public abstract partial class JobSpecCmdlet : RowInputCmdlet
{
    #region Parameters

    /// <summary>Job name: 3-63 letters, digits, '-' and '_'.</summary>
    [Parameter(Position = 0)]
    [Alias("JobName", "job-name")]
    [SpecValueTransform(JobFields.Name)]
    public virtual SpecArgument<string>? Name { get; set; }

    /// <summary>Name of the source data address.</summary>
    [Parameter]
    [Alias("SrcAddress", "src-address")]
    [ArgumentCompleter(typeof(AddressNameCompleter))]
    [SpecValueTransform(JobFields.SourceAddress)]
    public virtual SpecArgument<string>? SourceAddress { get; set; }

    /// <summary>Name of the destination data address.</summary>
    [Parameter]
    [Alias("DestAddress", "dest-address")]
    [ArgumentCompleter(typeof(AddressNameCompleter))]
    [SpecValueTransform(JobFields.DestinationAddress)]
    public virtual SpecArgument<string>? DestinationAddress { get; set; }

    /// <summary>Always or Never overwrite files that exist at the destination.</summary>
    [Parameter]
    [Alias("overwrite-mode")]
    [SpecValueTransform(JobFields.OverwriteMode)]
    [ArgumentCompleter(typeof(SpecValueCompleter))]
    public virtual SpecArgument<OverwriteMode>? OverwriteMode { get; set; }

    /// <summary>All files, or those modified since (LastModified); may be omitted with Never.</summary>
    [Parameter]
    [Alias("transfer-mode")]
    [SpecValueTransform(JobFields.TransferMode)]
    [ArgumentCompleter(typeof(SpecValueCompleter))]
    public virtual SpecArgument<TransferMode>? TransferMode { get; set; }

    /// <summary>Bandwidth limit: bit/s, or text such as 200Mbps, 1Gbps, 25MB/s, 512KiB/s.</summary>
    [Parameter]
    [Alias("max-bandwidth")]
    [SpecValueTransform(JobFields.MaxBandwidth)]
    public virtual SpecArgument<long>? MaxBandwidth { get; set; }

    /// <summary>Files per second.</summary>
    [Parameter]
    [Alias("max-qps", "MaxImportTaskQps")]
    [SpecValueTransform(JobFields.MaxQps)]
    public virtual SpecArgument<long>? MaxQps { get; set; }

    /// <summary>Create a migration report.</summary>
    [Parameter]
    [Alias("create-report")]
    [SpecValueTransform(JobFields.CreateReport)]
    public virtual SwitchParameter CreateReport { get; set; }

    /// <summary>Push migration logs to SLS: Off, Basic (failures) or Detail.</summary>
    [Parameter]
    [Alias("log-mode")]
    [SpecValueTransform(JobFields.LogMode)]
    [ArgumentCompleter(typeof(SpecValueCompleter))]
    public virtual SpecArgument<LogMode>? LogMode { get; set; }

    /// <summary>Exclude directories.</summary>
    [Parameter]
    [Alias("ExcludeDir", "exclude-dir")]
    [SpecValueTransform(JobFields.ExcludeDirectory)]
    public virtual SwitchParameter ExcludeDirectory { get; set; }

    /// <summary>Exclude symbolic links.</summary>
    [Parameter]
    [Alias("exclude-symlink")]
    [SpecValueTransform(JobFields.ExcludeSymlink)]
    public virtual SwitchParameter ExcludeSymlink { get; set; }

    /// <summary>Regexes of the keys to migrate.</summary>
    [Parameter]
    [Alias("KeyFiltersIncludes", "key-filters-includes")]
    [SpecValueTransform(JobFields.IncludeKey)]
    public virtual SpecArgument<string[]>? IncludeKey { get; set; }

    /// <summary>Regexes of the keys to skip.</summary>
    [Parameter]
    [Alias("KeyFiltersExcludes", "key-filters-excludes")]
    [SpecValueTransform(JobFields.ExcludeKey)]
    public virtual SpecArgument<string[]>? ExcludeKey { get; set; }

    /// <summary>Last-modified windows to migrate.</summary>
    [Parameter]
    [Alias("LastModifiedFiltersIncludes", "last-modified-filters-includes")]
    [SpecValueTransform(JobFields.IncludeLastModified)]
    public virtual SpecArgument<MgwTimeWindow[]>? IncludeLastModified { get; set; }

    /// <summary>Last-modified windows to skip.</summary>
    [Parameter]
    [Alias("LastModifiedFiltersExcludes", "last-modified-filters-excludes")]
    [SpecValueTransform(JobFields.ExcludeLastModified)]
    public virtual SpecArgument<MgwTimeWindow[]>? ExcludeLastModified { get; set; }

    /// <summary>Keep the source storage class.</summary>
    [Parameter]
    [Alias("with-storage-class")]
    [SpecValueTransform(JobFields.WithStorageClass)]
    public virtual SwitchParameter WithStorageClass { get; set; }

    /// <summary>Storage class written at the destination.</summary>
    [Parameter]
    [Alias("target-storage-class")]
    [SpecValueTransform(JobFields.TargetStorageClass)]
    [ArgumentCompleter(typeof(SpecValueCompleter))]
    public virtual SpecArgument<StorageClass>? TargetStorageClass { get; set; }

    /// <summary>Keep the source last-modified time; sent only when given.</summary>
    [Parameter]
    [Alias("with-last-modify-time")]
    [SpecValueTransform(JobFields.WithLastModifyTime)]
    public virtual SwitchParameter WithLastModifyTime { get; set; }

    /// <summary>The parent job's ID (its Version, a UUID).</summary>
    [Parameter]
    [Alias("parent-version")]
    [SpecValueTransform(JobFields.ParentVersion)]
    public virtual SpecArgument<string>? ParentVersion { get; set; }

    /// <summary>The parent job's name, instead of -ParentVersion: New-MgwJob resolves it, Test-MgwJobSpec -Online checks it.</summary>
    [Parameter]
    [Alias("parent-job-name")]
    [RowValueTransform]
    [ArgumentCompleter(typeof(Completers.JobNameCompleter))]
    public SpecArgument<string>? ParentJobName { get; set; }

    /// <summary>Convert the target attribute of symbolic links.</summary>
    [Parameter]
    [Alias("convert-symlink-target")]
    [SpecValueTransform(JobFields.ConvertSymlinkTarget)]
    public virtual SwitchParameter ConvertSymlinkTarget { get; set; }

    /// <summary>Convert appendable objects to normal ones.</summary>
    [Parameter]
    [Alias("appendable-to-normal")]
    [SpecValueTransform(JobFields.AppendableToNormal)]
    public virtual SwitchParameter AppendableToNormal { get; set; }

    /// <summary>6-field start cron; an MgwCron binds too.</summary>
    [Parameter]
    [Alias("StartCronExpression", "start-cron-expression")]
    [SpecValueTransform(JobFields.StartCron)]
    public virtual SpecArgument<string>? StartCron { get; set; }

    /// <summary>6-field suspend cron.</summary>
    [Parameter]
    [Alias("SuspendCronExpression", "suspend-cron-expression")]
    [SpecValueTransform(JobFields.SuspendCron)]
    public virtual SpecArgument<string>? SuspendCron { get; set; }

    /// <summary>Maximum number of scheduled runs.</summary>
    [Parameter]
    [Alias("max-schedule-count")]
    [SpecValueTransform(JobFields.MaxScheduleCount)]
    public virtual SpecArgument<long>? MaxScheduleCount { get; set; }

    /// <summary>Tags: a hashtable, or the text k1:v1,k2:v2.</summary>
    [Parameter]
    [Alias("Tags")]
    [SpecValueTransform(JobFields.Tag)]
    public virtual SpecArgument<IDictionary>? Tag { get; set; }

    /// <summary>
    /// What PowerShell could not bind: mgwutil's own <c>--flag value</c> form, read by <see cref="MgwutilArguments"/>
    /// (PowerShell passes <c>--src-address</c> as a plain argument). Hidden: the documented way is the parameters.
    /// </summary>
    [Parameter(ValueFromRemainingArguments = true, DontShow = true)]
    public string[]? MgwutilArgument { get; set; }

    /// <summary>
    /// The pipeline object itself: a piped row's fields are read from its properties (see <see cref="BindRecord"/>),
    /// and it is the target object of that row's errors. Hidden: it is how piping works, not something to type.
    /// </summary>
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    public PSObject? InputObject { get; set; }

    /// <summary>
    /// CSV files to read the rows from, instead of piped input: each file is read with its encoding and delimiter, and every
    /// finding names the file and the line (<c>jobs.csv:17</c>). Wildcards are allowed.
    /// </summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary>The cell delimiter of the -Path files; detected (comma, semicolon or tab) when not given.</summary>
    [Parameter]
    public char? Delimiter { get; set; }

    /// <summary>Make a column that names no job field an error that refuses the rows, instead of a warning.</summary>
    [Parameter]
    public SwitchParameter Strict { get; set; }

    /// <summary>The name of a variable (without $) that receives the run's <see cref="MgwRunSummary"/> when the command ends.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SummaryVariable { get; set; }

    /// <summary>Which CI runner's logging commands to write; Auto (default) follows TF_BUILD / GITHUB_ACTIONS, or $MgwCIOutput.</summary>
    [Parameter]
    public MgwCIOutput CIOutput { get; set; }

    #endregion

    /// <summary>
    /// The region whose limits the rules apply: <c>-Region</c> (the base's per-call account region) when given, else the
    /// region of the <c>-ProfileName</c> account, of <c>-Context</c> or of the session's context, so Test-MgwJobSpec
    /// judges a spec as New-MgwJob will. Null: the highest limits.
    /// </summary>
    /// <remarks>Worked out once per command: neither the parameters nor the session's context change while the rows come in.</remarks>
    protected string? LimitsRegion
    {
        get
        {
            if (!_limitsRegionKnown)
            {
                _limitsRegion = !string.IsNullOrWhiteSpace(Region) ? Region
                    : HasPerCallAccount ? ResolveContext().Region
                    : (Context ?? MgwSession.Get())?.Region;
                _limitsRegionKnown = true;
            }

            return _limitsRegion;
        }
    }

    private string? _limitsRegion;
    private bool _limitsRegionKnown;

    // The parameters bound on the command line, taken before the first pipeline object binds; null until then.
    private HashSet<string>? _commandLine;

    // The job fields (and -ParentJobName) given a script block on the command line, by name: run for each piped row (see RunScript).
    private Dictionary<string, ScriptBlock>? _scripts;

    // By JobField.Index: whether the field was given on the command line, and its value there (see Given), read once.
    private bool[]? _fromCommandLine;
    private object?[]? _commandLineValues;

    // Each input's values by field, reused from row to row (SpecValues.Bind empties it).
    private readonly SpecValues _values = new();

    /// <summary>
    /// Notes which parameters came from the command line, so <see cref="BindRecord"/> reads the others from each
    /// piped object or file row, and starts the run's reporting (<see cref="Report"/>). A derived cmdlet that
    /// overrides this must call it first.
    /// </summary>
    protected override void BeginProcessing()
    {
        _commandLine = new HashSet<string>(MyInvocation.BoundParameters.Keys, StringComparer.OrdinalIgnoreCase);
        BeginRun();
        RefusePathWithPipelineInput("jobs.csv");

        _fromCommandLine = new bool[JobFields.All.Count];
        _commandLineValues = new object?[JobFields.All.Count];
        foreach (JobField field in JobFields.All)
        {
            if (!_commandLine.Contains(field.Name)) continue;
            _fromCommandLine[field.Index] = true;
            object? bound = MyInvocation.BoundParameters[field.Name];
            if (SpecValueTransformAttribute.DelayBound(bound) is { } script)
            {
                (_scripts ??= new Dictionary<string, ScriptBlock>(StringComparer.OrdinalIgnoreCase))[field.Name] = script;
            }
            else
            {
                _commandLineValues[field.Index] = Given(bound);
            }
        }

        if (ParentJobName?.Value is ScriptBlock parentScript)
        {
            (_scripts ??= new Dictionary<string, ScriptBlock>(StringComparer.OrdinalIgnoreCase))[nameof(ParentJobName)] = parentScript;
        }

        if (_scripts is not null && !MyInvocation.ExpectingInput)
        {
            string name = _scripts.Keys.First();
            ThrowRowError(new MgwError
            {
                Code = MgwErrorCodes.ScriptBlockArgumentNoInput,
                Field = name,
                Message = $"Cannot evaluate parameter '{name}' because its argument is specified as a script block and there is no input. " +
                          "A script block cannot be evaluated without input: pipe the rows in (Import-Csv jobs.csv | " +
                          $"{MyInvocation.MyCommand.Name} -{name} {{ $_.column }}), or give -{name} a value.",
            }, null);
        }
    }

    /// <summary>
    /// Binds <paramref name="input"/> through Core's <see cref="SpecBinder"/>, each value once: the fields given on the
    /// command line as the user gave them, and every property (or, for a file row, every cell) named like a field that
    /// was not (under any of its names; several names that disagree are an <c>AmbiguousValue</c> finding). mgwutil's own
    /// <c>--flag value</c> leftovers come last. The input's own findings (columns, cells) come first. Findings carry no row
    /// yet; <see cref="Evaluate"/> adds it.
    /// </summary>
    protected (MgwJobSpec Spec, List<MgwError> Findings) BindRecord(RowInput input)
    {
        bool[] fromCommandLine = _fromCommandLine ??
            throw new InvalidOperationException($"{GetType().Name}.BeginProcessing must call base.BeginProcessing() before any record is bound.");
        SpecValues values = _values;
        values.Clear();
        var findings = new List<MgwError>(input.Findings);
        IReadOnlyList<JobField> fields = JobFields.All;
        RowLayout? layout = input.Layout;
        int next = 0;   // with a layout: its field properties come in field order; this field's are [next, end)
        for (int index = 0; index < fields.Count; index++)
        {
            JobField field = fields[index];
            int end = next;
            while (layout is not null && end < layout.Fields.Length && layout.Fields[end] == field) end++;
            if (fromCommandLine[index])
            {
                object? given = _scripts is not null && _scripts.TryGetValue(field.Name, out ScriptBlock? script)
                    ? RunScript(field.Name, script, input, findings)
                    : _commandLineValues![index];
                values.Add(field, field.Name, given);
            }
            else if (layout is not null)
            {
                for (int at = next; at < end; at++)
                {
                    if (input.PropertyValue(layout.FieldProperties[at]) is { } property) values.Add(field, property.Key, property.Value);
                }
            }
            else
            {
                foreach (string name in field.Names)
                {
                    if (input.Value(name) is { } property) values.Add(field, property.Key, property.Value);
                }
            }

            next = end;
        }

        if (MgwutilArgument is { Length: > 0 } leftovers)
        {
            var named = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (JobField field in fields)
            {
                if (values.Mentions(field)) named.Add(field.Name);
            }

            foreach (var pair in MgwutilArguments.Read(leftovers, named, findings)) values.Add(JobFields.Get(pair.Key), pair.Key, pair.Value);
        }

        var (spec, bindingFindings) = values.Bind();
        findings.AddRange(bindingFindings);
        return (spec, findings);
    }

    /// <summary>
    /// The verdict on one bound input (<see cref="SpecValidator.Evaluate(MgwJobSpec, IReadOnlyList{MgwError}, string?, int?, Func{MgwJobSpec, string}?)"/>),
    /// with every finding carrying the input's row, job name and, for a file row, the file and line.
    /// </summary>
    protected MgwSpecValidation Evaluate(RowInput input, MgwJobSpec spec, IReadOnlyList<MgwError> findings, string? region)
    {
        MgwSpecValidation validation = SpecValidator.Evaluate(spec, findings, region, input.Row, MgwTools.Core.Wire.MgwJobSpecXml.Write);
        if (input.File is { } file)
        {
            validation.File = file;
            validation.Line = input.Line;
            foreach (MgwError finding in validation.Errors.Concat(validation.Warnings))
            {
                if (finding.File is not null && finding.Code is MgwErrorCodes.UnknownColumn or MgwErrorCodes.WrongDelimiter)
                {
                    // About the file's header line, not this row: no row, no job.
                    finding.Row = null;
                    finding.JobName = null;
                    continue;
                }

                finding.File = file;
                finding.Line = input.Line;
            }
        }

        return validation;
    }

    // A script block given for a field, run for one input as PowerShell runs a delay-bind script block: $_ is the piped
    // object; no output is null, one is that object, several are a list. A script that fails is a finding for the row, as a
    // cell that does not parse is.
    private static object? RunScript(string parameter, ScriptBlock script, RowInput input, ICollection<MgwError> findings)
    {
        object? row = input.Target;
        try
        {
            Collection<PSObject> output = script.InvokeWithContext(null, new List<PSVariable> { new("_", row) }, row);
            return output.Count switch
            {
                0 => null,
                1 => PSValues.Unwrap(output[0]),
                _ => PSValues.Unwrap(output),
            };
        }
        catch (RuntimeException ex) when (ex is not PipelineStoppedException)
        {
            findings.Add(new MgwError
            {
                Code = MgwErrorCodes.InvalidValue,
                Field = parameter,
                Message = $"The script block given to -{parameter} failed for this row: {ex.Message}",
            });
            return null;
        }
    }

    /// <summary>
    /// The parent job's name for <paramref name="input"/>: <c>-ParentJobName</c> (a script block is run for the row), else
    /// the row's <c>ParentJobName</c> or <c>parent-job-name</c> property or cell; null when none is given or it is blank. A
    /// script that fails is a finding for the row.
    /// </summary>
    protected string? ParentJobNameOf(RowInput input, ICollection<MgwError> findings)
    {
        object? given = ParentJobName?.Value;
        if (given is ScriptBlock script) return NameText(RunScript(nameof(ParentJobName), script, input, findings));
        return NameText(given) ?? NameText(input.Value(nameof(ParentJobName))?.Value) ?? NameText(input.Value("parent-job-name")?.Value);

        static string? NameText(object? value) =>
            Convert.ToString(value, CultureInfo.InvariantCulture) is { } text && !string.IsNullOrWhiteSpace(text) ? text : null;
    }

    // What the user gave for a parameter bound on the command line: the SpecArgument's value, or a switch's bool.
    private static object? Given(object? bound) => bound switch
    {
        SwitchParameter sw => sw.IsPresent,
        ISpecArgument argument => argument.Value,
        _ => PSValues.Unwrap(bound),
    };
}
