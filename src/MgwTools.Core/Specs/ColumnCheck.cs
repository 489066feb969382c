using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace MgwTools.Core.Specs;

/// <summary>
/// What the columns of an input say before any row is read: a CSV column or piped property that names no job field is
/// ignored by binding, so <c>Max-Bandwith</c> would create the job without its limit. This check makes such a column a
/// finding (<see cref="MgwErrorCodes.UnknownColumn"/>, with the closest field name), and recognises a file read with
/// the wrong delimiter (<see cref="MgwErrorCodes.WrongDelimiter"/>): one column whose name is field names joined by
/// <c>;</c>, a tab or a comma.
/// </summary>
public sealed class ColumnCheck
{
    // A name is compared without case and without the separators people put between words.
    private readonly Dictionary<string, string> _byKey = new(StringComparer.Ordinal);
    private readonly HashSet<string> _known = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Key, string Suggest)> _candidates = new();
    private readonly string _noun;

    /// <summary>
    /// A check that knows every spelling of every job field, and <paramref name="otherNames"/>: the command's other
    /// parameters that bind by property name (name or alias, and the name to suggest for it), e.g.
    /// <c>parent-job-name → ParentJobName</c>. <paramref name="expected"/> are columns that bind to nothing but are no
    /// mistake, never suggested: the other properties of an <c>MgwJob</c> (<c>Version</c>, <c>Status</c>, …), so a CSV
    /// written by <c>Get-MgwJob | Export-Csv</c> feeds <c>New-MgwJob</c> without a warning.
    /// </summary>
    public ColumnCheck(IEnumerable<KeyValuePair<string, string>>? otherNames = null, IEnumerable<string>? expected = null)
        : this("job", JobFields.All.SelectMany(f => f.Names.Select(n => new KeyValuePair<string, string>(n, f.Name))), otherNames, expected)
    {
    }

    /// <summary>
    /// A check for the fields of another kind of row (<paramref name="noun"/>: "address" for New-MgwAddress):
    /// <paramref name="fieldNames"/> are every spelling of every field with the name to suggest for it; the messages say
    /// "names no <paramref name="noun"/> field". <paramref name="otherNames"/> and <paramref name="expected"/> as above.
    /// </summary>
    public ColumnCheck(string noun, IEnumerable<KeyValuePair<string, string>> fieldNames, IEnumerable<KeyValuePair<string, string>>? otherNames,
        IEnumerable<string>? expected)
    {
        _noun = string.IsNullOrWhiteSpace(noun) ? "job" : noun.Trim();
        foreach (var pair in (fieldNames ?? Enumerable.Empty<KeyValuePair<string, string>>()).Concat(otherNames ?? Enumerable.Empty<KeyValuePair<string, string>>()))
        {
            Add(pair.Key, pair.Value);
        }

        foreach (string name in expected ?? Enumerable.Empty<string>())
        {
            if (!string.IsNullOrWhiteSpace(name)) _known.Add(name.Trim());
        }
    }

    /// <summary>The longest column name compared for a suggestion; longer ones get none (the comparison is quadratic).</summary>
    public const int MaxCompared = 64;

    /// <summary>True when <paramref name="column"/> names a field or one of the other names (case-insensitive).</summary>
    public bool IsKnown(string? column) => column is not null && _known.Contains(column.Trim());

    /// <summary>
    /// The name to suggest for <paramref name="column"/>: the field (or other parameter) whose spelling is closest, by
    /// edit distance without case and separators (<c>Max-Bandwith → MaxBandwidth</c>, <c>Source Address →
    /// SourceAddress</c>, <c>srcaddr → SourceAddress</c>); null when none is close.
    /// </summary>
    public string? Closest(string? column)
    {
        string key = Key(column);
        if (key.Length == 0 || key.Length > MaxCompared) return null;
        if (_byKey.TryGetValue(key, out string? exact)) return exact;
        int most = key.Length <= 4 ? 1 : key.Length <= 8 ? 2 : 3;
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var (candidate, suggest) in _candidates)
        {
            int d = Distance(key, candidate, most);
            // A clipped name ("srcaddr", "maxqp") is as good as a typo.
            if (d > most && key.Length >= 4 && (candidate.StartsWith(key, StringComparison.Ordinal) || key.StartsWith(candidate, StringComparison.Ordinal)))
            {
                d = most;
            }

            if (d <= most && d < bestDistance)
            {
                best = suggest;
                bestDistance = d;
            }
        }

        return best;
    }

    /// <summary>
    /// The findings about <paramref name="columns"/>, one per column at most: <see cref="MgwErrorCodes.UnknownColumn"/>
    /// (a warning; an error when <paramref name="strict"/>) for a column that names nothing known, or
    /// <see cref="MgwErrorCodes.WrongDelimiter"/> (an error) for one whose name joins two or more known names with
    /// <c>;</c>, a tab or a comma other than <paramref name="readWith"/>. <paramref name="fromFile"/> says whether the
    /// input is a file read with <c>-Path</c> (the advice differs). Value is the column's name; Field is empty.
    /// </summary>
    public IReadOnlyList<MgwError> Check(IEnumerable<string> columns, bool strict, char? readWith = null, bool fromFile = false)
    {
        var findings = new List<MgwError>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (string column in columns ?? Enumerable.Empty<string>())
        {
            if (column is null || IsKnown(column) || !seen.Add(column)) continue;
            if (JoinedWith(column, readWith) is { } separator)
            {
                findings.Add(WrongDelimiter(column, separator, fromFile));
                continue;
            }

            findings.Add(Unknown(column, strict));
        }

        return findings;
    }

    /// <summary>The separator that joins two or more known names in <paramref name="column"/>, other than <paramref name="readWith"/>; else null.</summary>
    public char? JoinedWith(string column, char? readWith)
    {
        foreach (char separator in new[] { ';', '\t', ',' })
        {
            if (separator == readWith || column.IndexOf(separator) < 0) continue;
            int known = 0;
            foreach (string piece in column.Split(separator))
            {
                if (IsKnown(piece.Trim().Trim('"'))) known++;
                if (known >= 2) return separator;
            }
        }

        return null;
    }

    private MgwError Unknown(string column, bool strict)
    {
        string shown = column.Length == 0 ? "''" : "'" + SpecBinder.Show(column) + "'";
        string? closest = Closest(column);
        string hint = closest is null ? "" : $" Did you mean '{closest}'?";
        return new MgwError
        {
            Code = MgwErrorCodes.UnknownColumn,
            Severity = strict ? MgwSeverity.Error : MgwSeverity.Warning,
            Value = column,
            Message = strict
                ? $"Column {shown} names no {_noun} field.{hint} -Strict refuses every row that has it: rename the column, or remove it."
                : $"Column {shown} names no {_noun} field, so its values are ignored.{hint} Rename the column, or remove it; -Strict makes this an error.",
        };
    }

    private MgwError WrongDelimiter(string column, char separator, bool fromFile)
    {
        string shown = CsvText(separator);
        string advice = fromFile
            ? $"Read it with -Delimiter {shown}, or leave -Delimiter out so the delimiter is detected."
            : $"Read the file with Import-Csv -Delimiter {shown}, or give it to -Path, which detects the delimiter.";
        return new MgwError
        {
            Code = MgwErrorCodes.WrongDelimiter,
            Value = column,
            Message = $"The input has a column named '{SpecBinder.Show(column)}': {_noun} field names joined by {shown}, so the file was read " +
                      $"with the wrong delimiter and no row can be read right. {advice}",
        };
    }

    private static string CsvText(char separator) => separator == '\t' ? "\"`t\"" : "'" + separator + "'";

    private void Add(string name, string suggest)
    {
        _known.Add(name);
        string key = Key(name);
        if (!_byKey.ContainsKey(key))
        {
            _byKey[key] = suggest;
            _candidates.Add((key, suggest));
        }
    }

    private static string Key(string? name)
    {
        if (name is null) return "";
        var sb = new StringBuilder(Math.Min(name.Length, MaxCompared + 1));
        foreach (char c in name)
        {
            if (c is '-' or '_' or ' ' or '.' or '\t') continue;
            sb.Append(char.ToLowerInvariant(c));
            if (sb.Length > MaxCompared) break;
        }

        return sb.ToString();
    }

    /// <summary>
    /// The optimal-string-alignment distance between <paramref name="a"/> and <paramref name="b"/> (insertions, deletions,
    /// substitutions, adjacent transpositions); any value above <paramref name="most"/> is reported as <c>most + 1</c>.
    /// </summary>
    internal static int Distance(string a, string b, int most)
    {
        if (Math.Abs(a.Length - b.Length) > most) return most + 1;
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            int rowBest = int.MaxValue;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int v = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = Math.Min(v, d[i - 2, j - 2] + 1);
                d[i, j] = v;
                rowBest = Math.Min(rowBest, v);
            }

            if (rowBest > most) return most + 1;
        }

        return Math.Min(d[a.Length, b.Length], most + 1);
    }

    /// <inheritdoc />
    public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0} known column names", _known.Count);
}
