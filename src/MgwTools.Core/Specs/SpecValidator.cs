using System;
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
    private static readonly Regex s_lenientName = new("^[A-Za-z0-9_-]{3,63}$", RegexOptions.CultureInvariant);
    private static readonly Regex s_strictName = new("^[a-z0-9][a-z0-9_-]{2,62}$", RegexOptions.CultureInvariant);
    private static readonly Regex s_tagKey = new(@"^[\p{L}\p{N}_-]+$", RegexOptions.CultureInvariant);
    private static readonly Regex s_tagValue = new(@"^[\p{L}\p{N}_,-]+$", RegexOptions.CultureInvariant);

    /// <summary>The longest tag string the API accepts (<c>k1:v1,k2:v2</c> as a whole).</summary>
    public const int MaxTagLength = 1024;

    /// <summary>
    /// Binds <paramref name="values"/> (see <see cref="SpecBinder.Bind"/>), validates the result for
    /// <paramref name="region"/> and returns the verdict with the row and job name on every finding.
    /// </summary>
    public static MgwSpecValidation Evaluate(IEnumerable<KeyValuePair<string, object?>> values, string? region = null, int? row = null)
    {
        var (spec, findings) = SpecBinder.Bind(values);
        return Evaluate(spec, findings, region, row);
    }

    /// <summary>Validates a bound spec; <paramref name="bindingFindings"/> are the binder's findings for it.</summary>
    public static MgwSpecValidation Evaluate(MgwJobSpec spec, IReadOnlyList<MgwError>? bindingFindings, string? region = null, int? row = null)
    {
        bindingFindings ??= Array.Empty<MgwError>();
        var all = bindingFindings.Concat(Validate(spec, region, bindingFindings.Select(f => f.Field ?? ""))).ToList();
        return new MgwSpecValidation(spec, all.Select(f => f.WithContext(row, spec.Name)).ToList(), row, Wire.MgwJobSpecXml.Write);
    }

    /// <summary>
    /// Every rule of design §3 over <paramref name="spec"/>. Fields in <paramref name="alreadyReported"/>
    /// (those whose text did not bind) are not reported again as missing.
    /// </summary>
    public static IReadOnlyList<MgwError> Validate(MgwJobSpec spec, string? region = null, IEnumerable<string>? alreadyReported = null)
    {
        if (spec is null) throw new ArgumentNullException(nameof(spec));
        var reported = new HashSet<string>(alreadyReported ?? Enumerable.Empty<string>(), StringComparer.OrdinalIgnoreCase);
        var f = new List<MgwError>();
        RegionLimit limit = RegionLimits.For(region);

        Required(f, reported, SpecFields.Name, spec.Name, "Give the job a name (3-63 letters, digits, '-' or '_').");
        Required(f, reported, SpecFields.SourceAddress, spec.SourceAddress, "Give the name of the source data address (-SourceAddress / src-address).");
        Required(f, reported, SpecFields.DestinationAddress, spec.DestinationAddress, "Give the name of the destination data address (-DestinationAddress / dest-address).");
        Required(f, reported, SpecFields.OverwriteMode, spec.OverwriteMode, "Give -OverwriteMode Always or Never.");

        Names(f, spec.Name);
        Modes(f, reported, spec);
        Throttling(f, spec, limit);
        foreach (string? regex in spec.IncludeKey ?? Array.Empty<string>()) KeyFilter(f, SpecFields.IncludeKey, regex);
        foreach (string? regex in spec.ExcludeKey ?? Array.Empty<string>()) KeyFilter(f, SpecFields.ExcludeKey, regex);
        TimeWindows(f, SpecFields.IncludeLastModified, spec.IncludeLastModified);
        TimeWindows(f, SpecFields.ExcludeLastModified, spec.ExcludeLastModified);
        Schedule(f, spec);

        if (spec.ParentVersion is { Length: > 0 } parent && !Guid.TryParseExact(parent.Trim(), "D", out _))
        {
            f.Add(Error(MgwErrorCodes.InvalidParentVersion, SpecFields.ParentVersion, parent,
                $"ParentVersion '{parent}' is not a job ID. Give the parent job's Version, a UUID such as 6af62558-970d-4f44-8663-4e297170fd6a (Get-MgwJob shows it), not its name."));
        }

        if (spec.WithStorageClass == true && spec.TargetStorageClass is { } target)
        {
            f.Add(Error(MgwErrorCodes.StorageClassConflict, SpecFields.TargetStorageClass, target,
                $"-WithStorageClass keeps the source's storage class, -TargetStorageClass {target} sets one; give only one of them."));
        }

        Tags(f, spec);

        if (spec.SourceAddress is { Length: > 0 } src && string.Equals(src, spec.DestinationAddress, StringComparison.Ordinal))
        {
            f.Add(Warning(MgwErrorCodes.SameSourceAndDestination, SpecFields.DestinationAddress, src,
                $"Source and destination are the same address '{src}'; the job would copy data onto itself. Check -DestinationAddress."));
        }

        foreach (var (field, value) in new[]
                 {
                     (SpecFields.SourceAddress, spec.SourceAddress), (SpecFields.DestinationAddress, spec.DestinationAddress),
                     (SpecFields.StartCron, spec.StartCron), (SpecFields.SuspendCron, spec.SuspendCron),
                 })
        {
            if (value is not null && value.Any(char.IsControl))
            {
                f.Add(Error(MgwErrorCodes.InvalidValue, field, value, $"{field} contains a control character; remove it (check the CSV's quoting and line ends)."));
            }
        }

        return f;
    }

    #region Rules

    private static void Required(List<MgwError> f, HashSet<string> reported, string field, object? value, string fix)
    {
        if ((value is null || value is string { Length: 0 }) && !reported.Contains(field))
        {
            f.Add(Error(MgwErrorCodes.MissingValue, field, null, $"{field} is required. {fix}"));
        }
    }

    private static void Names(List<MgwError> f, string? given)
    {
        if (given is not { Length: > 0 } name) return;
        if (!s_lenientName.IsMatch(name))
        {
            f.Add(Error(MgwErrorCodes.InvalidJobName, SpecFields.Name, name,
                $"Job name '{name}' is not 3-63 characters of letters, digits, '-' and '_' (it has {name.Length} characters" +
                (name.Any(c => !(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '_')) ? ", some not allowed)." : ")."),
                MgwSeverity.Error));
        }
        else if (!s_strictName.IsMatch(name))
        {
            f.Add(Warning(MgwErrorCodes.JobNameNotCanonical, SpecFields.Name, name,
                $"Job name '{name}' is allowed by mgwutil, but the API reference asks for lowercase letters, digits, '-' and '_' not starting with '-' or '_'; " +
                $"the service may refuse it. Use e.g. '{Canonicalise(name)}'."));
        }
    }

    private static string Canonicalise(string name)
    {
        string lower = name.ToLowerInvariant().TrimStart('-', '_');
        return lower.Length >= 3 ? lower : lower.PadRight(3, '0');
    }

    private static void Modes(List<MgwError> f, HashSet<string> reported, MgwJobSpec spec)
    {
        if (spec.OverwriteMode == OverwriteMode.Always && spec.TransferMode is null && !reported.Contains(SpecFields.TransferMode))
        {
            f.Add(Error(MgwErrorCodes.MissingTransferMode, SpecFields.TransferMode, null,
                "-OverwriteMode Always needs -TransferMode All (overwrite everything) or LastModified (overwrite when the source is newer)."));
        }

        if (spec.OverwriteMode == OverwriteMode.Never && spec.TransferMode == TransferMode.LastModified)
        {
            f.Add(Error(MgwErrorCodes.InvalidModeCombination, SpecFields.TransferMode, spec.TransferMode,
                "Never + LastModified does not exist. Use -OverwriteMode Never with -TransferMode All (or none) to skip existing files, " +
                "or -OverwriteMode Always -TransferMode LastModified to overwrite older ones."));
        }
    }

    private static void Throttling(List<MgwError> f, MgwJobSpec spec, RegionLimit limit)
    {
        string where = limit.IsKnown ? $"in {limit.Id} ({limit.DisplayName})" : "in any region";
        if (spec.MaxBandwidth is { } bw && (bw <= 0 || bw > limit.MaxBandwidth))
        {
            f.Add(Error(MgwErrorCodes.BandwidthOutOfRange, SpecFields.MaxBandwidth, bw,
                string.Format(CultureInfo.InvariantCulture,
                    "MaxBandwidth {0:N0} bit/s is out of range: it must be above 0 and at most {1:N0} bit/s ({2} Gibps, the service's \"{2} Gbps\") {3}. Omit it for no limit.",
                    bw, limit.MaxBandwidth, limit.MaxBandwidth / RegionLimits.OneGbps, where)));
        }

        if (spec.MaxQps is { } qps && (qps <= 0 || qps > limit.MaxQps))
        {
            f.Add(Error(MgwErrorCodes.QpsOutOfRange, SpecFields.MaxQps, qps,
                string.Format(CultureInfo.InvariantCulture,
                    "MaxQps {0:N0} is out of range: it must be above 0 and at most {1:N0} files per second {2}. Omit it for no limit.", qps, limit.MaxQps, where)));
        }
    }

    private static void KeyFilter(List<MgwError> f, string field, string? regex)
    {
        if (regex is null) return;
        IReadOnlyList<string> constructs = NonPortableConstructs(regex, out string withoutPossessive);
        // .NET has no possessive quantifiers; a regex that compiles without them is valid PCRE/Java syntax.
        if (!Compiles(regex, out string? problem) && !(withoutPossessive != regex && Compiles(withoutPossessive, out _)))
        {
            f.Add(Error(MgwErrorCodes.InvalidKeyFilter, field, regex, $"{field} '{regex}' is not a valid regular expression: {problem} Fix or escape it (e.g. '\\(' for a literal parenthesis)."));
            return;
        }

        if (constructs.Count > 0)
        {
            f.Add(Warning(MgwErrorCodes.NonPortableRegex, field, regex,
                $"{field} '{regex}' uses {string.Join(", ", constructs)}, which the service's regex engine may not support; " +
                "rewrite it with plain groups, classes and quantifiers (or split it into include and exclude filters)."));
        }
    }

    /// <summary>
    /// The constructs of <paramref name="regex"/> that an RE2-style engine (the service's is undocumented)
    /// may lack: lookaround, backreferences, atomic groups, possessive quantifiers and .NET-only syntax.
    /// </summary>
    public static IReadOnlyList<string> NonPortableConstructs(string regex) => NonPortableConstructs(regex, out _);

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
                else if (n is 'p' or 'P' && regex.Substring(i).StartsWith(n + "{Is", StringComparison.Ordinal)) Add("a .NET Unicode block name (\\p{Is...})");
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
                string rest = regex.Substring(i + 2);
                if (rest.StartsWith("=", StringComparison.Ordinal) || rest.StartsWith("!", StringComparison.Ordinal)) Add("lookahead ((?=...) / (?!...))");
                else if (rest.StartsWith("<=", StringComparison.Ordinal) || rest.StartsWith("<!", StringComparison.Ordinal)) Add("lookbehind ((?<=...) / (?<!...))");
                else if (rest.StartsWith(">", StringComparison.Ordinal)) Add("an atomic group ((?>...))");
                else if (rest.StartsWith("'", StringComparison.Ordinal)) Add(".NET named-group syntax ((?'name'...))");
                else if (rest.StartsWith("(", StringComparison.Ordinal)) Add("a conditional ((?(...)...))");
                else if (rest.StartsWith("#", StringComparison.Ordinal)) Add("an inline comment ((?#...))");
                else if (Regex.IsMatch(rest, @"^<[A-Za-z_]\w*-\w+>")) Add("a .NET balancing group ((?<a-b>...))");
                else if (Regex.IsMatch(rest, @"^[imsx-]*[nx][imsnx-]*[:)]")) Add("the .NET inline options n or x");
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

    private static void TimeWindows(List<MgwError> f, string field, IList<MgwTimeWindow>? windows)
    {
        if (windows is null || windows.Count == 0) return;
        foreach (MgwTimeWindow w in windows)
        {
            if (w.Start >= w.End)
            {
                f.Add(Error(MgwErrorCodes.TimeWindowReversed, field, w,
                    $"{field} window '{w}' does not end after it starts; write it as 'start > end' with the earlier time first."));
            }
        }

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
        if (hasStart) f.AddRange(CronRules.Check(spec.StartCron!, SpecFields.StartCron));
        if (!string.IsNullOrWhiteSpace(spec.SuspendCron))
        {
            f.AddRange(CronRules.Check(spec.SuspendCron!, SpecFields.SuspendCron));
            if (!hasStart)
            {
                f.Add(Error(MgwErrorCodes.SuspendWithoutStart, SpecFields.SuspendCron, spec.SuspendCron,
                    "-SuspendCron pauses a scheduled job, but there is no -StartCron; add a start schedule or drop the suspend one."));
            }
        }

        if (spec.MaxScheduleCount is { } count)
        {
            if (count <= 0)
            {
                f.Add(Error(MgwErrorCodes.InvalidScheduleCount, SpecFields.MaxScheduleCount, count,
                    $"MaxScheduleCount {count} must be 1 or more; omit it to schedule without a limit."));
            }

            if (!hasStart)
            {
                f.Add(Error(MgwErrorCodes.ScheduleCountWithoutStart, SpecFields.MaxScheduleCount, count,
                    "-MaxScheduleCount limits scheduled runs, but there is no -StartCron; add a start schedule or drop the count."));
            }
        }
    }

    private static void Tags(List<MgwError> f, MgwJobSpec spec)
    {
        if (spec.Tag is null || spec.Tag.Count == 0) return;
        foreach (var pair in spec.Tag)
        {
            if (!s_tagKey.IsMatch(pair.Key ?? "") || !s_tagValue.IsMatch(pair.Value ?? ""))
            {
                f.Add(Error(MgwErrorCodes.InvalidTag, SpecFields.Tag, pair.Key + ":" + pair.Value,
                    $"Tag '{pair.Key}:{pair.Value}' is not key:value of letters, digits, '-' and '_' (values may also hold ','); " +
                    "remove other characters and give both a key and a value."));
            }
        }

        string text = spec.TagText ?? "";
        if (text.Length > MaxTagLength)
        {
            f.Add(Error(MgwErrorCodes.InvalidTag, SpecFields.Tag, text,
                $"The tags are {text.Length} characters as k1:v1,k2:v2; the service takes at most {MaxTagLength}. Drop or shorten some."));
        }
    }

    #endregion

    private static MgwError Error(string code, string field, object? value, string message, MgwSeverity severity = MgwSeverity.Error) =>
        SpecBinder.Finding(code, field, value, message, severity);

    private static MgwError Warning(string code, string field, object? value, string message) =>
        SpecBinder.Finding(code, field, value, message, MgwSeverity.Warning);
}
