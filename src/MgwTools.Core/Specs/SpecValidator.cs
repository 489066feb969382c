using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using MgwTools.Core.Scheduling;

namespace MgwTools.Core.Specs;

/// <summary>
/// The rules of design §3. Every finding of a spec is returned at once; errors block creation,
/// warnings do not. <c>New-MgwJob</c> runs the same rules before any request.
/// </summary>
public static class SpecValidator
{

    /// <summary>The longest tag string the API accepts (<c>k1:v1,k2:v2</c> as a whole).</summary>
    public const int MaxTagLength = JobFields.MaxTagLength;

    /// <summary>
    /// Binds <paramref name="values"/> (see <see cref="SpecBinder.Bind"/>), validates the result for
    /// <paramref name="region"/> and returns the verdict with the row and job name on every finding.
    /// </summary>
    public static MgwSpecValidation Evaluate(IEnumerable<KeyValuePair<string, object?>> values, string? region = null, int? row = null,
        Func<MgwJobSpec, string>? writeBody = null)
    {
        var (spec, findings) = SpecBinder.Bind(values);
        return Evaluate(spec, findings, region, row, writeBody);
    }

    /// <summary>
    /// Validates a bound spec; <paramref name="bindingFindings"/> are the binder's findings for it. <paramref name="writeBody"/>
    /// (the wire layer's <c>MgwJobSpecXml.Write</c>, which reads the field table of this folder, hence passed in) gives the
    /// verdict's request body.
    /// </summary>
    public static MgwSpecValidation Evaluate(MgwJobSpec spec, IReadOnlyList<MgwError>? bindingFindings, string? region = null, int? row = null,
        Func<MgwJobSpec, string>? writeBody = null)
    {
        bindingFindings ??= Array.Empty<MgwError>();
        IReadOnlyList<MgwError> rules = Validate(spec, region, bindingFindings.Count == 0 ? null : bindingFindings.Select(f => f.Field ?? ""));
        var all = new List<MgwError>(bindingFindings.Count + rules.Count);
        foreach (MgwError f in bindingFindings) all.Add(f.WithContext(row, spec.Name));
        foreach (MgwError f in rules) all.Add(f.WithContext(row, spec.Name));
        return new MgwSpecValidation(spec, all, row, writeBody);
    }

    /// <summary>
    /// Every rule of design §3 over <paramref name="spec"/>. Fields in <paramref name="alreadyReported"/>
    /// (those whose text did not bind) are not reported again as missing.
    /// </summary>
    public static IReadOnlyList<MgwError> Validate(MgwJobSpec spec, string? region = null, IEnumerable<string>? alreadyReported = null)
    {
        if (spec is null) throw new ArgumentNullException(nameof(spec));
        // Most specs have no finding at all: nothing below allocates for a rule that passes.
        HashSet<string>? reported = alreadyReported is null ? null : new HashSet<string>(alreadyReported, StringComparer.OrdinalIgnoreCase);
        var f = new List<MgwError>();
        RegionLimit limit = RegionLimits.For(region);
        // Text the request cannot carry is reported once, at the end; the field's own rules skip it meanwhile.
        string? tagText = spec.TagText;
        List<MgwError>? unsendable = Unsendable(spec, tagText);
        bool CannotSend(string field) => unsendable is not null && AnyAbout(unsendable, field);

        Required(f, reported, JobFields.Name, spec.Name, "Give the job a name (3-63 letters, digits, '-' or '_').");
        Required(f, reported, JobFields.SourceAddress, spec.SourceAddress, "Give the name of the source data address (-SourceAddress / src-address).");
        Required(f, reported, JobFields.DestinationAddress, spec.DestinationAddress, "Give the name of the destination data address (-DestinationAddress / dest-address).");
        Required(f, reported, JobFields.OverwriteMode, spec.OverwriteMode, "Give -OverwriteMode Always or Never.");

        if (!CannotSend(JobFields.Name)) Names(f, spec.Name);
        if (!CannotSend(JobFields.SourceAddress)) AddressName(f, JobFields.SourceAddress, spec.SourceAddress);
        if (!CannotSend(JobFields.DestinationAddress)) AddressName(f, JobFields.DestinationAddress, spec.DestinationAddress);

        Modes(f, reported, spec);
        Throttling(f, spec, limit);
        KeyFilters(f, JobFields.IncludeKey, spec.IncludeKey);
        KeyFilters(f, JobFields.ExcludeKey, spec.ExcludeKey);
        TimeWindows(f, JobFields.IncludeLastModified, spec.IncludeLastModified);
        TimeWindows(f, JobFields.ExcludeLastModified, spec.ExcludeLastModified);
        Schedule(f, spec);

        if (spec.ParentVersion is { Length: > 0 } parent && !Guid.TryParseExact(parent.Trim(), "D", out _))
        {
            f.Add(Error(MgwErrorCodes.InvalidParentVersion, JobFields.ParentVersion, parent,
                $"ParentVersion '{Show(parent)}' is not a job ID. Give the parent job's Version, a UUID such as 6af62558-970d-4f44-8663-4e297170fd6a (Get-MgwJob shows it), not its name."));
        }

        if (spec.WithStorageClass == true && spec.TargetStorageClass is { } target)
        {
            f.Add(Error(MgwErrorCodes.StorageClassConflict, JobFields.TargetStorageClass, target,
                $"-WithStorageClass keeps the source's storage class, -TargetStorageClass {target} sets one; give only one of them."));
        }

        if (!CannotSend(JobFields.Tag)) Tags(f, spec.Tag, tagText, JobFields.Tag);

        if (spec.SourceAddress is { Length: > 0 } src && string.Equals(src, spec.DestinationAddress, StringComparison.Ordinal))
        {
            f.Add(Warning(MgwErrorCodes.SameSourceAndDestination, JobFields.DestinationAddress, src,
                $"Source and destination are the same address '{Show(src)}'; the job would copy data onto itself. Check -DestinationAddress."));
        }

        if (unsendable is not null) f.AddRange(unsendable);
        return f;
    }

    #region Rules

    // True when one of findings is about field.
    private static bool AnyAbout(List<MgwError> findings, string field)
    {
        foreach (MgwError finding in findings)
        {
            if (finding.Field == field) return true;
        }

        return false;
    }

    // The name and tag rules below are written out by character rather than as regular expressions (a match per name and
    // tag was a fifth of a valid row's validation). ASCII only: the service takes nothing else.

    // ^[A-Za-z0-9_-]{3,63}$: what mgwutil takes as a job name.
    private static bool IsLenientName(string name) => name.Length is >= 3 and <= JobFields.MaxNameLength && AllOf(name, upper: true, comma: false);

    // ^[a-z0-9][a-z0-9_-]{2,62}$: the API's rule for job, address and agent names.
    private static bool IsStrictName(string name) =>
        name.Length is >= 3 and <= JobFields.MaxNameLength && name[0] is (>= 'a' and <= 'z') or (>= '0' and <= '9') && AllOf(name, upper: false, comma: false);

    // mgw-api.md §2.2: tag keys are letters, digits, '-' and '_'; values may also hold ','. Agents' tags follow the same rule.
    internal static bool IsTagKey(string key) => key.Length > 0 && AllOf(key, upper: true, comma: false);

    internal static bool IsTagValue(string value) => value.Length > 0 && AllOf(value, upper: true, comma: true);

    private static bool AllOf(string text, bool upper, bool comma)
    {
        foreach (char c in text)
        {
            bool ok = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' || upper && c is >= 'A' and <= 'Z' || comma && c == ',';
            if (!ok) return false;
        }

        return true;
    }

    private static void Required(List<MgwError> f, HashSet<string>? reported, string field, object? value, string fix)
    {
        if ((value is null || value is string { Length: 0 }) && reported?.Contains(field) != true)
        {
            f.Add(Error(MgwErrorCodes.MissingValue, field, null, $"{field} is required. {fix}"));
        }
    }

    private static void Names(List<MgwError> f, string? given)
    {
        if (given is not { Length: > 0 } name) return;
        if (!IsLenientName(name))
        {
            f.Add(Error(MgwErrorCodes.InvalidJobName, JobFields.Name, name,
                $"Job name '{Show(name)}' is not 3-63 characters of letters, digits, '-' and '_' (it has {name.Length:N0} characters" +
                (name.Any(c => !(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '_')) ? ", some not allowed)." : ")."),
                MgwSeverity.Error));
        }
        else if (!IsStrictName(name))
        {
            f.Add(Warning(MgwErrorCodes.JobNameNotCanonical, JobFields.Name, name,
                $"Job name '{name}' is allowed by mgwutil, but the API reference asks for lowercase letters, digits, '-' and '_' not starting with '-' or '_'; " +
                $"the service may refuse it. Use e.g. '{Canonicalise(name)}'."));
        }
    }

    private static string Canonicalise(string name)
    {
        string lower = name.ToLowerInvariant().TrimStart('-', '_');
        return lower.Length >= 3 ? lower : lower.PadRight(3, '0');
    }

    // CreateAddress takes only the API's rule (mgw-api.md §2.2, §7), so no data address can have another name.
    private static void AddressName(List<MgwError> f, string field, string? given)
    {
        if (given is not { Length: > 0 } name) return;
        if (IsStrictName(name)) return;
        string problem = name.Length < 3 || name.Length > JobFields.MaxNameLength
            ? $"it has {name.Length:N0} characters"
            : name.Any(c => !(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_'))
                ? "it has characters other than lowercase letters, digits, '-' and '_'"
                : "it starts with '-' or '_'";
        string parameter = field == JobFields.SourceAddress ? "-SourceAddress (src-address)" : "-DestinationAddress (dest-address)";
        f.Add(Error(MgwErrorCodes.InvalidAddressName, field, name,
            $"{field} '{Show(name)}' cannot be the name of a data address ({problem}): address names are 3-63 lowercase letters, digits, " +
            $"'-' and '_', not starting with '-' or '_'. Check {parameter}: it must be the name of an existing data address."));
    }

    private static void Modes(List<MgwError> f, HashSet<string>? reported, MgwJobSpec spec)
    {
        if (spec.OverwriteMode == OverwriteMode.Always && spec.TransferMode is null && reported?.Contains(JobFields.TransferMode) != true)
        {
            f.Add(Error(MgwErrorCodes.MissingTransferMode, JobFields.TransferMode, null,
                "-OverwriteMode Always needs -TransferMode All (overwrite everything) or LastModified (overwrite when the source is newer)."));
        }

        if (spec.OverwriteMode == OverwriteMode.Never && spec.TransferMode == TransferMode.LastModified)
        {
            f.Add(Error(MgwErrorCodes.InvalidModeCombination, JobFields.TransferMode, spec.TransferMode,
                "Never + LastModified does not exist. Use -OverwriteMode Never with -TransferMode All (or none) to skip existing files, " +
                "or -OverwriteMode Always -TransferMode LastModified to overwrite older ones."));
        }
    }

    private static void Throttling(List<MgwError> f, MgwJobSpec spec, RegionLimit limit)
    {
        string where() => limit.IsKnown ? $"in {limit.Id} ({limit.DisplayName})" : "in any region";
        if (spec.MaxBandwidth is { } bw && (bw <= 0 || bw > limit.MaxBandwidth))
        {
            f.Add(Error(MgwErrorCodes.BandwidthOutOfRange, JobFields.MaxBandwidth, bw,
                string.Format(CultureInfo.InvariantCulture,
                    "MaxBandwidth {0:N0} bit/s is out of range: it must be above 0 and at most {1:N0} bit/s ({2} Gibps, the service's \"{2} Gbps\") {3}. Omit it for no limit.",
                    bw, limit.MaxBandwidth, limit.MaxBandwidth / RegionLimits.OneGbps, where())));
        }

        if (spec.MaxQps is { } qps && (qps <= 0 || qps > limit.MaxQps))
        {
            f.Add(Error(MgwErrorCodes.QpsOutOfRange, JobFields.MaxQps, qps,
                string.Format(CultureInfo.InvariantCulture,
                    "MaxQps {0:N0} is out of range: it must be above 0 and at most {1:N0} files per second {2}. Omit it for no limit.", qps, limit.MaxQps, where())));
        }
    }

    private static void KeyFilters(List<MgwError> f, string field, IList<string>? regexes)
    {
        if (regexes is null || regexes.Count == 0) return;
        if (regexes.Count > JobFields.MaxRegexCount)
        {
            f.Add(Error(MgwErrorCodes.TooManyValues, field, regexes.Count,
                $"{field} has {regexes.Count:N0} regular expressions; it takes at most {JobFields.MaxRegexCount}. " +
                "Combine them (a|b), or split the job by prefix."));
            return;   // each of them is not checked: the list cannot be sent as it is
        }

        foreach (string? regex in regexes) KeyFilter(f, field, regex);
    }

    private static void KeyFilter(List<MgwError> f, string field, string? regex)
    {
        if (regex is null) return;
        if (regex.Length > JobFields.MaxRegexLength)
        {
            f.Add(Error(MgwErrorCodes.ValueTooLong, field, regex,
                $"{field} '{Show(regex)}' is {regex.Length:N0} characters; a key filter takes at most {JobFields.MaxRegexLength:N0}. " +
                "Shorten it, or split it into several filters (separated by commas)."));
            return;
        }

        KeyFilterVerdict verdict = VerdictOf(regex);
        IReadOnlyList<string> constructs = verdict.Constructs;
        if (verdict.Problem is { } problem)
        {
            f.Add(Error(MgwErrorCodes.InvalidKeyFilter, field, regex, $"{field} '{Show(regex)}' is not a valid regular expression: {problem} Fix or escape it (e.g. '\\(' for a literal parenthesis)."));
            return;
        }

        if (constructs.Count > 0)
        {
            f.Add(Warning(MgwErrorCodes.NonPortableRegex, field, regex,
                $"{field} '{Show(regex)}' uses {string.Join(", ", constructs)}, which the service's regex engine may not support; " +
                "rewrite it with plain groups, classes and quantifiers (or split it into include and exclude filters)."));
        }
    }

    /// <summary>
    /// The constructs of <paramref name="regex"/> that an RE2-style engine (the service's is undocumented)
    /// may lack: lookaround, backreferences, atomic groups, possessive quantifiers and .NET-only syntax.
    /// One pass, linear in the pattern.
    /// </summary>
    public static IReadOnlyList<string> NonPortableConstructs(string regex) => NonPortableConstructs(regex, out _);

    // What a key filter's text says, by the text: its non-portable constructs, and why it does not compile (null when it
    // does). Building a Regex to see whether it compiles is most of a row's validation, and a CSV's rows mostly repeat
    // their filters; the texts kept are bounded in number (each is at most MaxRegexLength characters).
    // (Reference types only in these caches: an instantiation over a value type would be JIT-compiled on a first call.)
    private const int MaxKeptVerdicts = 256;
    private static readonly ConcurrentDictionary<string, KeyFilterVerdict> s_keyFilterVerdicts = new(StringComparer.Ordinal);

    private sealed class KeyFilterVerdict
    {
        internal KeyFilterVerdict(IReadOnlyList<string> constructs, string? problem)
        {
            Constructs = constructs;
            Problem = problem;
        }

        internal IReadOnlyList<string> Constructs { get; }

        internal string? Problem { get; }
    }

    private static KeyFilterVerdict VerdictOf(string regex)
    {
        if (s_keyFilterVerdicts.TryGetValue(regex, out KeyFilterVerdict? kept)) return kept;
        IReadOnlyList<string> constructs = NonPortableConstructs(regex, out string withoutPossessive);
        // .NET has no possessive quantifiers; a regex that compiles without them is valid PCRE/Java syntax.
        string? problem = Compiles(regex, out string? why) || (withoutPossessive != regex && Compiles(withoutPossessive, out _)) ? null : why;
        if (s_keyFilterVerdicts.Count >= MaxKeptVerdicts) s_keyFilterVerdicts.Clear();
        return s_keyFilterVerdicts[regex] = new KeyFilterVerdict(constructs, problem);
    }

    private static bool Compiles(string regex, out string? problem)
    {
        try
        {
            _ = new Regex(regex, RegexOptions.CultureInvariant);
            problem = null;
            return true;
        }
        catch (ArgumentException ex)
        {
            problem = ex.Message.Replace(Environment.NewLine, " ");
            return false;
        }
    }

    private static IReadOnlyList<string> NonPortableConstructs(string regex, out string withoutPossessive)
    {
        var found = new List<string>();
        var stripped = new System.Text.StringBuilder(regex.Length);
        void Add(string what)
        {
            if (!found.Contains(what)) found.Add(what);
        }

        bool inClass = false, afterQuantifier = false;
        for (int i = 0; i < regex.Length; i++)
        {
            char c = regex[i];
            bool quantifier = false;
            int from = i;
            if (c == '\\' && i + 1 < regex.Length)
            {
                char n = regex[++i];
                if (!inClass && n is >= '1' and <= '9') Add("a backreference (\\" + n + ")");
                else if (!inClass && n == 'k' && i + 1 < regex.Length && regex[i + 1] is '<' or '\'' or '{') Add("a named backreference (\\k)");
                else if (n == 'G') Add("the .NET/PCRE anchor \\G");
                else if (n is 'p' or 'P' && At(regex, i + 1, "{Is")) Add("a .NET Unicode block name (\\p{Is...})");
            }
            else if (inClass)
            {
                if (c == '-' && i + 1 < regex.Length && regex[i + 1] == '[') Add(".NET character-class subtraction ([a-z-[aeiou]])");
                else if (c == ']') inClass = false;
            }
            else if (c == '[')
            {
                inClass = true;
                if (i + 1 < regex.Length && regex[i + 1] == '^') i++;
                if (i + 1 < regex.Length && regex[i + 1] == ']') i++;
            }
            else if (c == '(' && i + 2 < regex.Length && regex[i + 1] == '?')
            {
                int r = i + 2;   // what follows "(?"; every test below looks at a bounded stretch that ends before the next '('
                if (At(regex, r, "=") || At(regex, r, "!")) Add("lookahead ((?=...) / (?!...))");
                else if (At(regex, r, "<=") || At(regex, r, "<!")) Add("lookbehind ((?<=...) / (?<!...))");
                else if (At(regex, r, ">")) Add("an atomic group ((?>...))");
                else if (At(regex, r, "'")) Add(".NET named-group syntax ((?'name'...))");
                else if (At(regex, r, "(")) Add("a conditional ((?(...)...))");
                else if (At(regex, r, "#")) Add("an inline comment ((?#...))");
                else if (IsBalancingGroup(regex, r)) Add("a .NET balancing group ((?<a-b>...))");
                else if (HasDotNetOptions(regex, r)) Add("the .NET inline options n or x");
            }
            else if (c is '*' or '+' or '?' or '}')
            {
                if (c == '+' && afterQuantifier)
                {
                    Add("a possessive quantifier (*+, ++, ?+, {n}+)");
                    afterQuantifier = false;
                    continue;   // left out of the stripped copy
                }

                quantifier = c != '?' || !afterQuantifier;   // '??' is lazy, not a new quantifier
            }

            stripped.Append(regex, from, i - from + 1);
            afterQuantifier = quantifier;
        }

        withoutPossessive = stripped.ToString();
        return found;
    }

    private static bool At(string text, int index, string what) =>
        index + what.Length <= text.Length && string.CompareOrdinal(text, index, what, 0, what.Length) == 0;

    private static bool IsWord(char c) => char.IsLetterOrDigit(c) || c == '_';

    // <name-other>: '<' [A-Za-z_] \w* '-' \w+ '>'
    private static bool IsBalancingGroup(string text, int i)
    {
        if (!At(text, i, "<") || i + 1 >= text.Length || !(text[i + 1] is '_' || char.IsLetter(text[i + 1]) && text[i + 1] < 128)) return false;
        int j = i + 2;
        while (j < text.Length && IsWord(text[j])) j++;
        if (j >= text.Length || text[j] != '-') return false;
        int k = ++j;
        while (j < text.Length && IsWord(text[j])) j++;
        return j > k && j < text.Length && text[j] == '>';
    }

    // Inline options [imsnx-]* holding n or x, closed by ':' or ')'.
    private static bool HasDotNetOptions(string text, int i)
    {
        bool dotNet = false;
        int j = i;
        while (j < text.Length && text[j] is 'i' or 'm' or 's' or 'n' or 'x' or '-')
        {
            dotNet |= text[j] is 'n' or 'x';
            j++;
        }

        return dotNet && j < text.Length && text[j] is ':' or ')';
    }

    private static void TimeWindows(List<MgwError> f, string field, IList<MgwTimeWindow>? windows)
    {
        if (windows is null || windows.Count == 0) return;
        if (windows.Count > JobFields.MaxWindowCount)
        {
            f.Add(Error(MgwErrorCodes.TooManyValues, field, windows.Count,
                $"{field} has {windows.Count:N0} time windows; it takes at most {JobFields.MaxWindowCount}. Merge windows that touch, or split the job."));
            return;
        }

        foreach (MgwTimeWindow w in windows)
        {
            if (w.Start >= w.End)
            {
                f.Add(Error(MgwErrorCodes.TimeWindowReversed, field, w,
                    $"{field} window '{w}' does not end after it starts; write it as 'start > end' with the earlier time first."));
            }
        }

        if (windows.Count < 2) return;
        var ordered = windows.Where(w => w.Start < w.End).OrderBy(w => w.Start).ToList();
        for (int i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].Start < ordered[i - 1].End)
            {
                f.Add(Warning(MgwErrorCodes.TimeWindowsOverlap, field, ordered[i],
                    $"{field} windows '{ordered[i - 1]}' and '{ordered[i]}' overlap; merge them into one window."));
            }
        }
    }

    private static void Schedule(List<MgwError> f, MgwJobSpec spec)
    {
        bool hasStart = !string.IsNullOrWhiteSpace(spec.StartCron);
        if (hasStart) Cron(f, JobFields.StartCron, spec.StartCron!);
        if (!string.IsNullOrWhiteSpace(spec.SuspendCron))
        {
            Cron(f, JobFields.SuspendCron, spec.SuspendCron!);
            if (!hasStart)
            {
                f.Add(Error(MgwErrorCodes.SuspendWithoutStart, JobFields.SuspendCron, spec.SuspendCron,
                    "-SuspendCron pauses a scheduled job, but there is no -StartCron; add a start schedule or drop the suspend one."));
            }
        }

        if (spec.MaxScheduleCount is { } count)
        {
            if (count <= 0)
            {
                f.Add(Error(MgwErrorCodes.InvalidScheduleCount, JobFields.MaxScheduleCount, count,
                    $"MaxScheduleCount {count} must be 1 or more; omit it to schedule without a limit."));
            }

            if (!hasStart)
            {
                f.Add(Error(MgwErrorCodes.ScheduleCountWithoutStart, JobFields.MaxScheduleCount, count,
                    "-MaxScheduleCount limits scheduled runs, but there is no -StartCron; add a start schedule or drop the count."));
            }
        }
    }

    private static void Cron(List<MgwError> f, string field, string expression)
    {
        if (expression.Length > JobFields.MaxCronLength)
        {
            f.Add(Error(MgwErrorCodes.ValueTooLong, field, expression,
                $"{field} '{Show(expression)}' is {expression.Length:N0} characters; a cron takes at most {JobFields.MaxCronLength}. " +
                "Give 6 fields, seconds first, such as '0 0 2 * * *' (ConvertTo-MgwCron builds one)."));
            return;
        }

        if (s_validCrons.ContainsKey(expression)) return;
        IReadOnlyList<MgwError> findings = CronRules.Check(expression, field);
        if (findings.Count == 0)
        {
            if (s_validCrons.Count >= MaxKeptVerdicts) s_validCrons.Clear();
            s_validCrons[expression] = expression;
        }

        f.AddRange(findings);
    }

    // The crons found valid, by text: CronRules.Check parses a cron and walks its runs, and a CSV's rows mostly share a few
    // schedules. A valid cron stays valid (its runs are walked from now in UTC, but a 6-field cron has no year, so one that
    // fires at all fires every year, and UTC has no clock changes), so no time limit: reading the clock for each row cost
    // more than the check (a clock read is a system call in some sandboxes). A cron with findings is checked every time
    // (its message names a run from now). The texts kept are bounded in number, each at most MaxCronLength characters.
    private static readonly ConcurrentDictionary<string, string> s_validCrons = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="name"/> follows the API's rule for job, address and agent names.</summary>
    internal static bool IsApiName(string? name) => name is not null && IsStrictName(name);

    /// <summary>The tag rules (<c>InvalidTag</c>) for <paramref name="tags"/>, whose wire text is <paramref name="tagText"/>, as <paramref name="field"/>.</summary>
    internal static void Tags(List<MgwError> f, IDictionary<string, string>? tags, string? tagText, string field)
    {
        if (tags is null || tags.Count == 0) return;
        string text = tagText ?? "";
        if (text.Length > MaxTagLength)
        {
            f.Add(Error(MgwErrorCodes.InvalidTag, field, text,
                $"The tags are {text.Length:N0} characters as k1:v1,k2:v2; the service takes at most {MaxTagLength:N0}. Drop or shorten some."));
            return;   // their characters are not checked one tag at a time: the whole cannot be sent anyway
        }

        foreach (var pair in tags)
        {
            string key = pair.Key ?? "", value = pair.Value ?? "";
            if (IsTagKey(key) && IsTagValue(value)) continue;
            bool nonAscii = key.Any(c => c > '\u007F') || value.Any(c => c > '\u007F');
            f.Add(Error(MgwErrorCodes.InvalidTag, field, key + ":" + value, nonAscii
                ? $"Tag '{Show(key + ":" + value)}' has letters outside ASCII, which the service refuses: keys and values take A-Z, a-z, 0-9, '-' and '_' " +
                  "(values also ','). Transliterate them (e.g. 'equipe:donnees', not 'équipe:données')."
                : $"Tag '{Show(key + ":" + value)}' is not key:value of letters, digits, '-' and '_' (values may also hold ','); " +
                  "remove other characters and give both a key and a value."));
        }
    }

    // The fields whose text goes into the request, in table order (the others are numbers, switches and choices).
    private static readonly JobField[] s_textFields =
        JobFields.All.Where(f => f.Kind is JobFieldKind.Text or JobFieldKind.KeyFilters or JobFieldKind.Tags).ToArray();

    // Every text the request carries (names, parent ID, crons, regexes, tags), read through the table: characters XML
    // cannot carry, and, in names and crons, any control character (a CSV quoting or line-end slip). Null when there is
    // none (every text is looked at, none is copied).
    private static List<MgwError>? Unsendable(MgwJobSpec spec, string? tagText)
    {
        List<MgwError>? f = null;
        foreach (JobField field in s_textFields)
        {
            switch (field.Kind)
            {
                case JobFieldKind.Text:
                    Unsendable(ref f, field, field.Get(spec) as string);
                    break;
                case JobFieldKind.KeyFilters when field.Get(spec) is IList<string> regexes:
                    foreach (string regex in regexes) Unsendable(ref f, field, regex);
                    break;
                case JobFieldKind.Tags:
                    Unsendable(ref f, field, tagText);
                    break;
            }
        }

        return f;
    }

    // The text of one element of the request, as JobField.WireValues gives it (empty text is not sent).
    private static void Unsendable(ref List<MgwError>? f, JobField field, string? text)
    {
        if (text is not { Length: > 0 }) return;
        bool strict = field.Name is JobFields.SourceAddress or JobFields.DestinationAddress or JobFields.StartCron or JobFields.SuspendCron;
        if (TextRules.FirstUnsendable(text, out string what) >= 0)
        {
            (f ??= new List<MgwError>()).Add(Error(MgwErrorCodes.InvalidValue, field.Name, text,
                $"{field.Name} '{Show(text)}' contains {what}, which the request cannot carry. Remove it " +
                "(check the CSV's quoting and line ends, and save it as UTF-8)."));
        }
        else if (strict && HasControl(text))
        {
            (f ??= new List<MgwError>()).Add(Error(MgwErrorCodes.InvalidValue, field.Name, text,
                $"{field.Name} contains a control character; remove it (check the CSV's quoting and line ends)."));
        }
    }

    private static bool HasControl(string text)
    {
        foreach (char c in text)
        {
            if (char.IsControl(c)) return true;
        }

        return false;
    }

    private static string Show(object? value) => SpecBinder.Show(value);

    #endregion

    private static MgwError Error(string code, string field, object? value, string message, MgwSeverity severity = MgwSeverity.Error) =>
        SpecBinder.Finding(code, field, value, message, severity);

    private static MgwError Warning(string code, string field, object? value, string message) =>
        SpecBinder.Finding(code, field, value, message, MgwSeverity.Warning);
}
