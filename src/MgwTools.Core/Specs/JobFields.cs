using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace MgwTools.Core.Specs;

/// <summary>
/// The job fields of design §2, once: each <see cref="JobField"/> holds the parameter name, its aliases, the
/// mgwutil flag, the element it is written to on the wire, its parser, and how to get, set, write and compare
/// it on an <see cref="MgwJobSpec"/>. The binder, the validator, <see cref="MgwJobSpec.DifferingFields"/>, the
/// cmdlets' pipeline reading and the request writer all read this table; nothing else lists the fields.
/// </summary>
public static class JobFields
{
#pragma warning disable CS1591 // the names say it: the §2 parameter names, which findings carry as Field
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

    /// <summary>The longest name of a job or data address (mgw-api.md §7).</summary>
    public const int MaxNameLength = 63;

    /// <summary>The longest key-filter regex: not documented by the service; a sane bound.</summary>
    public const int MaxRegexLength = 1024;

    /// <summary>The most key-filter regexes per list: not documented by the service; a sane bound.</summary>
    public const int MaxRegexCount = 100;

    /// <summary>The most last-modified windows per list: not documented by the service; a sane bound.</summary>
    public const int MaxWindowCount = 100;

    /// <summary>The longest tag string <c>k1:v1,k2:v2</c> as a whole (mgw-api.md §2.2, §7).</summary>
    public const int MaxTagLength = 1024;

    /// <summary>The longest cron text: not documented by the service; a 6-field cron is far shorter.</summary>
    public const int MaxCronLength = 256;

    /// <summary>The wire format of a time-window bound (mgw-api.md §2.2: ISO-8601 UTC).</summary>
    public const string WireTimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>Every field, in the order of design §2.</summary>
    public static IReadOnlyList<JobField> All { get; }

    /// <summary>Every field, in the order its element comes in the CreateJob body (mgw-api.md §2.2).</summary>
    public static IReadOnlyList<JobField> WireOrder { get; }

    private static readonly Dictionary<string, JobField> s_byName;

    static JobFields()
    {
        JobField[] all =
        {
            JobField.Text(Name, "<job-name>", "Name", s => s.Name, (s, v) => s.Name = v,
                JobField.Ordinal, MaxNameLength, "JobName", "job-name"),
            JobField.Text(SourceAddress, "--src-address", "SrcAddress", s => s.SourceAddress, (s, v) => s.SourceAddress = v,
                JobField.Ordinal, MaxNameLength, "SrcAddress", "src-address"),
            JobField.Text(DestinationAddress, "--dest-address", "DestAddress", s => s.DestinationAddress,
                (s, v) => s.DestinationAddress = v, JobField.Ordinal, MaxNameLength, "DestAddress", "dest-address"),
            JobField.Choice(OverwriteMode, "--overwrite-mode", "OverwriteMode", s => s.OverwriteMode, (s, v) => s.OverwriteMode = v, null,
                "overwrite-mode"),
            JobField.Choice(TransferMode, "--transfer-mode", "TransferMode", s => s.TransferMode, (s, v) => s.TransferMode = v, null,
                "transfer-mode").AsSent(s => s.EffectiveTransferMode),
            // The API name MaxBandWidth differs only in case, so the name itself covers it (a same-named alias is an error).
            JobField.Number(MaxBandwidth, JobFieldKind.Bandwidth, "--max-bandwidth", "ImportQos/MaxBandWidth", s => s.MaxBandwidth,
                (s, v) => s.MaxBandwidth = v, "max-bandwidth"),
            JobField.Number(MaxQps, JobFieldKind.Number, "--max-qps", "ImportQos/MaxImportTaskQps", s => s.MaxQps, (s, v) => s.MaxQps = v,
                "max-qps", "MaxImportTaskQps"),
            JobField.Switch(CreateReport, "--create-report", "CreateReport", s => s.CreateReport, (s, v) => s.CreateReport = v, false,
                "create-report"),
            JobField.Choice(LogMode, "--log-mode", "Audit/LogMode", s => s.LogMode, (s, v) => s.LogMode = v, MgwTools.LogMode.Off, "log-mode"),
            JobField.Switch(ExcludeDirectory, "--exclude-dir", "FilterRule/FileTypeFilters/ExcludeDir", s => s.ExcludeDirectory,
                (s, v) => s.ExcludeDirectory = v, false, "ExcludeDir", "exclude-dir"),
            JobField.Switch(ExcludeSymlink, "--exclude-symlink", "FilterRule/FileTypeFilters/ExcludeSymlink", s => s.ExcludeSymlink,
                (s, v) => s.ExcludeSymlink = v, false, "exclude-symlink"),
            JobField.KeyFilters(IncludeKey, "--key-filters-includes", "FilterRule/KeyFilters/Includes/Regex", s => s.IncludeKey,
                (s, v) => s.IncludeKey = v, "KeyFiltersIncludes", "key-filters-includes"),
            JobField.KeyFilters(ExcludeKey, "--key-filters-excludes", "FilterRule/KeyFilters/Excludes/Regex", s => s.ExcludeKey,
                (s, v) => s.ExcludeKey = v, "KeyFiltersExcludes", "key-filters-excludes"),
            JobField.TimeWindows(IncludeLastModified, "--last-modified-filters-includes", "FilterRule/LastModifiedFilters/Includes/TimeFilter",
                s => s.IncludeLastModified, (s, v) => s.IncludeLastModified = v, "LastModifiedFiltersIncludes", "last-modified-filters-includes"),
            JobField.TimeWindows(ExcludeLastModified, "--last-modified-filters-excludes", "FilterRule/LastModifiedFilters/Excludes/TimeFilter",
                s => s.ExcludeLastModified, (s, v) => s.ExcludeLastModified = v, "LastModifiedFiltersExcludes", "last-modified-filters-excludes"),
            JobField.Switch(WithStorageClass, "--with-storage-class", "WithStorageClass", s => s.WithStorageClass, (s, v) => s.WithStorageClass = v,
                false, "with-storage-class"),
            // The storage class goes on the wire as named (Standard, IA, ...), not lower-cased.
            JobField.Choice(TargetStorageClass, "--target-storage-class", "TargetStorageClass", s => s.TargetStorageClass,
                (s, v) => s.TargetStorageClass = v, null, "target-storage-class").WithWireCase(lower: false),
            // No service default is documented, so an unset value differs from false (and is not sent).
            JobField.Switch(WithLastModifyTime, "--with-last-modify-time", "WithLastModifyTime", s => s.WithLastModifyTime,
                (s, v) => s.WithLastModifyTime = v, null, "with-last-modify-time"),
            JobField.Text(ParentVersion, "--parent-version", "ParentVersion", s => s.ParentVersion, (s, v) => s.ParentVersion = v,
                JobField.TrimmedIgnoreCase, 36, "parent-version"),
            JobField.Switch(ConvertSymlinkTarget, "--convert-symlink-target", "ConvertSymlinkTarget", s => s.ConvertSymlinkTarget,
                (s, v) => s.ConvertSymlinkTarget = v, false, "convert-symlink-target"),
            JobField.Switch(AppendableToNormal, "--appendable-to-normal", "AppendableToNormal", s => s.AppendableToNormal,
                (s, v) => s.AppendableToNormal = v, false, "appendable-to-normal"),
            JobField.Text(StartCron, "--start-cron-expression", "ScheduleRule/StartCronExpression", s => s.StartCron,
                (s, v) => s.StartCron = v, JobField.Trimmed, MaxCronLength, "StartCronExpression", "start-cron-expression"),
            JobField.Text(SuspendCron, "--suspend-cron-expression", "ScheduleRule/SuspendCronExpression", s => s.SuspendCron,
                (s, v) => s.SuspendCron = v, JobField.Trimmed, MaxCronLength, "SuspendCronExpression", "suspend-cron-expression"),
            JobField.Number(MaxScheduleCount, JobFieldKind.Number, "--max-schedule-count", "ScheduleRule/MaxScheduleCount", s => s.MaxScheduleCount,
                (s, v) => s.MaxScheduleCount = v, "max-schedule-count"),
            JobField.Tags(Tag, null, "Tags", s => s.Tag, (s, v) => s.Tag = v, "Tags"),
        };

        All = all;
        string[] wire =
        {
            Name, SourceAddress, DestinationAddress, OverwriteMode, TransferMode, Tag, ParentVersion, ConvertSymlinkTarget, CreateReport, LogMode,
            IncludeKey, ExcludeKey, IncludeLastModified, ExcludeLastModified, ExcludeSymlink, ExcludeDirectory, MaxBandwidth, MaxQps, StartCron,
            SuspendCron, MaxScheduleCount, AppendableToNormal, TargetStorageClass, WithLastModifyTime, WithStorageClass,
        };
        s_byName = new Dictionary<string, JobField>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < all.Length; i++) all[i].Index = i;
        foreach (JobField field in all)
        {
            foreach (string name in field.Names)
            {
                s_byName.Add(name, field);   // throws on a duplicate: the table itself is checked once, at start
            }
        }

        WireOrder = wire.Select(n => s_byName[n]).ToArray();
    }

    /// <summary>The field named <paramref name="nameOrAlias"/> (any spelling of design §2, case-insensitive); null when none.</summary>
    public static JobField? Find(string? nameOrAlias) =>
        nameOrAlias is not null && s_byName.TryGetValue(nameOrAlias, out JobField? field) ? field : null;

    /// <summary>The field named <paramref name="nameOrAlias"/>.</summary>
    /// <exception cref="ArgumentException">It is not a job field.</exception>
    public static JobField Get(string nameOrAlias) =>
        Find(nameOrAlias) ?? throw new ArgumentException($"'{nameOrAlias}' is not a job-spec parameter.", nameof(nameOrAlias));
}

/// <summary>How a job field's value is given, kept and written.</summary>
public enum JobFieldKind
{
    /// <summary>Text sent as it is (names, the parent ID, cron expressions).</summary>
    Text,
    /// <summary>One of an enum's names.</summary>
    Choice,
    /// <summary>A whole number.</summary>
    Number,
    /// <summary>A bit rate: a number or text with a unit.</summary>
    Bandwidth,
    /// <summary>A switch (true, false, or not given).</summary>
    Switch,
    /// <summary>A list of regular expressions.</summary>
    KeyFilters,
    /// <summary>A list of last-modified time windows.</summary>
    TimeWindows,
    /// <summary>Key:value tags.</summary>
    Tags,
}

/// <summary>
/// One element a field puts at its <see cref="JobField.WirePath"/>: its text, or, for a field with
/// <see cref="JobField.WireParts"/>, one text per part (child element), in that order.
/// </summary>
public sealed class JobFieldWireValue
{
    internal JobFieldWireValue(string text)
    {
        Text = text;
        Parts = Array.Empty<string>();
    }

    internal JobFieldWireValue(IReadOnlyList<string> parts)
    {
        Parts = parts;
    }

    /// <summary>The element's text; null when the element has parts.</summary>
    public string? Text { get; }

    /// <summary>The texts of the child elements named by <see cref="JobField.WireParts"/>; empty for a text element.</summary>
    public IReadOnlyList<string> Parts { get; }

    /// <inheritdoc />
    public override string ToString() => Text ?? string.Join(" > ", Parts);
}

/// <summary>One job field of design §2 (see <see cref="JobFields"/>).</summary>
public sealed class JobField
{
    private readonly Func<MgwJobSpec, object?> _get;
    private readonly Action<MgwJobSpec, object?> _set;
    private readonly Func<JobField, object?, ICollection<MgwError>, object?> _parse;
    private Func<MgwJobSpec, IEnumerable<JobFieldWireValue>> _wire;
    private Func<MgwJobSpec, MgwJobSpec, bool> _same;

    private JobField(
        string name, JobFieldKind kind, Type parameterType, string? mgwutilFlag, string wirePath, IReadOnlyList<string> wireParts,
        string[] aliases, int? maxLength, int? maxCount, Func<MgwJobSpec, object?> get, Action<MgwJobSpec, object?> set,
        Func<JobField, object?, ICollection<MgwError>, object?> parse, Func<MgwJobSpec, IEnumerable<JobFieldWireValue>> wire,
        Func<MgwJobSpec, MgwJobSpec, bool> same)
    {
        Name = name;
        Kind = kind;
        ParameterType = parameterType;
        MgwutilFlag = mgwutilFlag;
        WirePath = wirePath;
        WireParts = wireParts;
        Aliases = aliases;
        MaxLength = maxLength;
        MaxCount = maxCount;
        _get = get;
        _set = set;
        _parse = parse;
        _wire = wire;
        _same = same;
        Names = new[] { name }.Concat(aliases).ToArray();
    }

    /// <summary>The PowerShell parameter name, which findings carry as <see cref="MgwError.Field"/>.</summary>
    public string Name { get; }

    /// <summary>The field's position in <see cref="JobFields.All"/> (design §2 order), for tables indexed by field.</summary>
    public int Index { get; internal set; }

    /// <summary>The other spellings (API element and mgwutil flag names), as the cmdlet parameter's aliases.</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary><see cref="Name"/> and then <see cref="Aliases"/>.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>How the value is given and kept.</summary>
    public JobFieldKind Kind { get; }

    /// <summary>True for a switch (<see cref="JobFieldKind.Switch"/>).</summary>
    public bool IsSwitch => Kind == JobFieldKind.Switch;

    /// <summary>
    /// What the cmdlet parameter takes and documents: <see cref="string"/>, an enum, <see cref="long"/>,
    /// <see cref="bool"/> (a switch), <see cref="string"/>[], <see cref="MgwTimeWindow"/>[] or <see cref="IDictionary"/>.
    /// </summary>
    public Type ParameterType { get; }

    /// <summary>mgwutil create-job's flag, e.g. <c>--src-address</c> (the job name is its positional <c>&lt;job-name&gt;</c>); null when mgwutil has none.</summary>
    public string? MgwutilFlag { get; }

    /// <summary>
    /// The element path under <c>&lt;ImportJob&gt;</c>, e.g. <c>ImportQos/MaxBandWidth</c>. A list field repeats its last
    /// element once per value (<c>FilterRule/KeyFilters/Includes/Regex</c>).
    /// </summary>
    public string WirePath { get; }

    /// <summary>The child elements of each element at <see cref="WirePath"/> (<c>StartTime</c>, <c>EndTime</c> of a time filter); empty when the element holds text.</summary>
    public IReadOnlyList<string> WireParts { get; }

    /// <summary>The longest text one value may have (names, the parent ID, a cron, a regex, the whole tag string); null when the type bounds it.</summary>
    public int? MaxLength { get; }

    /// <summary>The most values a list field may have; null for a single value.</summary>
    public int? MaxCount { get; }

    /// <summary>True when <paramref name="nameOrAlias"/> is this field's name or one of its aliases (case-insensitive).</summary>
    public bool Matches(string? nameOrAlias) =>
        nameOrAlias is not null && Names.Any(n => string.Equals(n, nameOrAlias, StringComparison.OrdinalIgnoreCase));

    /// <summary>The field's value on <paramref name="spec"/>, typed as the spec keeps it.</summary>
    public object? Get(MgwJobSpec spec) => _get(spec ?? throw new ArgumentNullException(nameof(spec)));

    /// <summary>Sets the field on <paramref name="spec"/>; <paramref name="value"/> is typed as the spec keeps it (null clears a single value).</summary>
    public void Set(MgwJobSpec spec, object? value) => _set(spec ?? throw new ArgumentNullException(nameof(spec)), value);

    /// <summary>
    /// Parses one value as given (typed, or text as a CSV cell carries it) into the type the spec keeps. Returns
    /// null when nothing is given (null, empty text) or when the value does not parse; then the finding (with
    /// this field and the value as given) is added to <paramref name="findings"/>. Never throws on bad input.
    /// </summary>
    public object? Parse(object? raw, ICollection<MgwError> findings) => _parse(this, raw, findings ?? throw new ArgumentNullException(nameof(findings)));

    /// <summary>
    /// The elements this field puts at <see cref="WirePath"/> for <paramref name="spec"/>, as the service takes them
    /// (lower-case modes, <c>true</c>/<c>false</c>, invariant numbers, UTC times); empty when the field is not sent.
    /// </summary>
    public IReadOnlyList<JobFieldWireValue> WireValues(MgwJobSpec spec) => _wire(spec ?? throw new ArgumentNullException(nameof(spec))).ToArray();

    /// <summary>
    /// True when the field means the same on both specs, once normalised as the service would: an unset switch is
    /// <c>false</c>, an unset log mode <c>Off</c>, <c>never</c> without a transfer mode is <c>never+all</c>, lists compare as
    /// sets, tags by key and value. <see cref="MgwJobSpec.WithLastModifyTime"/> and <see cref="MgwJobSpec.TargetStorageClass"/>
    /// have no documented default, so unset differs from set.
    /// </summary>
    public bool SameIn(MgwJobSpec a, MgwJobSpec b) =>
        _same(a ?? throw new ArgumentNullException(nameof(a)), b ?? throw new ArgumentNullException(nameof(b)));

    /// <inheritdoc />
    public override string ToString() => Name;

    #region Builders (used by the table only)

    internal static readonly Func<string?, string?, bool> Ordinal = (a, b) => string.Equals(a, b, StringComparison.Ordinal);
    internal static readonly Func<string?, string?, bool> Trimmed = (a, b) => string.Equals(Blank(a), Blank(b), StringComparison.Ordinal);
    internal static readonly Func<string?, string?, bool> TrimmedIgnoreCase = (a, b) => string.Equals(Blank(a), Blank(b), StringComparison.OrdinalIgnoreCase);

    internal static JobField Text(string name, string? flag, string wire, Func<MgwJobSpec, string?> get, Action<MgwJobSpec, string?> set,
        Func<string?, string?, bool> equal, int maxLength, params string[] aliases) =>
        new(name, JobFieldKind.Text, typeof(string), flag, wire, Array.Empty<string>(), aliases, maxLength, null, get, (s, v) => set(s, (string?)v),
            (f, raw, findings) => SpecBinder.ParseText(f, raw, findings),
            s => get(s) is { Length: > 0 } text ? new[] { new JobFieldWireValue(text) } : Array.Empty<JobFieldWireValue>(),
            (a, b) => equal(get(a), get(b)));

    internal static JobField Choice<T>(string name, string? flag, string wire, Func<MgwJobSpec, T?> get, Action<MgwJobSpec, T?> set, T? unset,
        params string[] aliases)
        where T : struct, Enum =>
        new(name, JobFieldKind.Choice, typeof(T), flag, wire, Array.Empty<string>(), aliases, null, null, s => get(s), (s, v) => set(s, (T?)v),
            (f, raw, findings) => SpecBinder.ParseChoice<T>(f, raw, findings),
            s => WireOf(get(s), lower: true),
            (a, b) => Equals(get(a) ?? unset, get(b) ?? unset));

    internal static JobField Number(string name, JobFieldKind kind, string? flag, string wire, Func<MgwJobSpec, long?> get, Action<MgwJobSpec, long?> set,
        params string[] aliases) =>
        new(name, kind, typeof(long), flag, wire, Array.Empty<string>(), aliases, null, null, s => get(s), (s, v) => set(s, (long?)v),
            kind == JobFieldKind.Bandwidth
                ? (f, raw, findings) => SpecBinder.ParseBandwidth(f, raw, findings)
                : (f, raw, findings) => SpecBinder.ParseInteger(f, raw, findings),
            s => get(s) is { } n ? new[] { new JobFieldWireValue(n.ToString(CultureInfo.InvariantCulture)) } : Array.Empty<JobFieldWireValue>(),
            (a, b) => get(a) == get(b));

    internal static JobField Switch(string name, string? flag, string wire, Func<MgwJobSpec, bool?> get, Action<MgwJobSpec, bool?> set, bool? unset,
        params string[] aliases) =>
        new(name, JobFieldKind.Switch, typeof(bool), flag, wire, Array.Empty<string>(), aliases, null, null, s => get(s), (s, v) => set(s, (bool?)v),
            (f, raw, findings) => SpecBinder.ParseBoolean(f, raw, findings),
            s => get(s) is { } b ? new[] { new JobFieldWireValue(b ? "true" : "false") } : Array.Empty<JobFieldWireValue>(),
            (a, b) => (get(a) ?? unset) == (get(b) ?? unset));

    internal static JobField KeyFilters(string name, string? flag, string wire, Func<MgwJobSpec, IList<string>> get, Action<MgwJobSpec, IList<string>> set,
        params string[] aliases) =>
        new(name, JobFieldKind.KeyFilters, typeof(string[]), flag, wire, Array.Empty<string>(), aliases, JobFields.MaxRegexLength, JobFields.MaxRegexCount,
            s => get(s), (s, v) => set(s, v as IList<string> ?? new List<string>()),
            (f, raw, findings) => SpecBinder.ParseKeyFilters(f, raw, findings),
            s => (get(s) ?? Array.Empty<string>()).Where(r => r.Length > 0).Select(r => new JobFieldWireValue(r)),
            (a, b) => new HashSet<string>(get(a) ?? Array.Empty<string>(), StringComparer.Ordinal).SetEquals(get(b) ?? Array.Empty<string>()));

    internal static JobField TimeWindows(string name, string? flag, string wire, Func<MgwJobSpec, IList<MgwTimeWindow>> get,
        Action<MgwJobSpec, IList<MgwTimeWindow>> set, params string[] aliases)
    {
        static HashSet<(long, long)> Keys(IList<MgwTimeWindow>? w) =>
            new((w ?? Array.Empty<MgwTimeWindow>()).Select(x => (x.Start.UtcTicks, x.End.UtcTicks)));
        static string Time(DateTimeOffset t) => t.UtcDateTime.ToString(JobFields.WireTimeFormat, CultureInfo.InvariantCulture);

        return new(name, JobFieldKind.TimeWindows, typeof(MgwTimeWindow[]), flag, wire, new[] { "StartTime", "EndTime" }, aliases, null,
            JobFields.MaxWindowCount, s => get(s), (s, v) => set(s, v as IList<MgwTimeWindow> ?? new List<MgwTimeWindow>()),
            (f, raw, findings) => SpecBinder.ParseWindows(f, raw, findings),
            s => (get(s) ?? Array.Empty<MgwTimeWindow>()).Select(w => new JobFieldWireValue(new[] { Time(w.Start), Time(w.End) })),
            (a, b) => Keys(get(a)).SetEquals(Keys(get(b))));
    }

    internal static JobField Tags(string name, string? flag, string wire, Func<MgwJobSpec, IDictionary<string, string>> get,
        Action<MgwJobSpec, IDictionary<string, string>> set, params string[] aliases)
    {
        static bool Same(IDictionary<string, string>? a, IDictionary<string, string>? b)
        {
            a ??= new Dictionary<string, string>();
            b ??= new Dictionary<string, string>();
            if (a.Count != b.Count) return false;
            foreach (var pair in a)
            {
                if (!b.TryGetValue(pair.Key, out string? value) || !string.Equals(value, pair.Value, StringComparison.Ordinal)) return false;
            }

            return true;
        }

        return new(name, JobFieldKind.Tags, typeof(IDictionary), flag, wire, Array.Empty<string>(), aliases, JobFields.MaxTagLength, null,
            s => get(s), (s, v) => set(s, v as IDictionary<string, string> ?? new Dictionary<string, string>(StringComparer.Ordinal)),
            (f, raw, findings) => SpecBinder.ParseTags(f, raw, findings),
            s => s.TagText is { } text ? new[] { new JobFieldWireValue(text) } : Array.Empty<JobFieldWireValue>(),
            (a, b) => Same(get(a), get(b)));
    }

    /// <summary>Sends and compares <paramref name="sent"/> instead of the kept value: TransferMode's never+all.</summary>
    internal JobField AsSent<T>(Func<MgwJobSpec, T?> sent)
        where T : struct, Enum
    {
        _wire = s => WireOf(sent(s), lower: true);
        _same = (a, b) => Equals(sent(a), sent(b));
        return this;
    }

    /// <summary>Writes the enum name in its own case (the storage class: <c>Standard</c>, <c>IA</c>).</summary>
    internal JobField WithWireCase(bool lower)
    {
        Func<MgwJobSpec, object?> get = _get;
        _wire = s => get(s) is Enum e ? new[] { new JobFieldWireValue(lower ? e.ToString().ToLowerInvariant() : e.ToString()) } : Array.Empty<JobFieldWireValue>();
        return this;
    }

    private static IEnumerable<JobFieldWireValue> WireOf<T>(T? value, bool lower)
        where T : struct, Enum =>
        value is { } v ? new[] { new JobFieldWireValue(lower ? v.ToString().ToLowerInvariant() : v.ToString()) } : Array.Empty<JobFieldWireValue>();

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();

    #endregion
}
