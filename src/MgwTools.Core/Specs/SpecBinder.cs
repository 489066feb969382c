using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace MgwTools.Core.Specs;

/// <summary>
/// Turns the values of design §2 — typed, or text as a CSV cell carries it — into a typed
/// <see cref="MgwJobSpec"/>. Text that does not parse becomes a finding with the field and the
/// value (InvalidBandwidth, InvalidTimeWindow, InvalidTag, InvalidValue); binding never throws.
/// </summary>
public static class SpecBinder
{
    /// <summary>
    /// Bit rates: a plain number is bit/s. SI prefixes (k, M, G, T) are DECIMAL (10^3…) and IEC
    /// prefixes (Ki, Mi, Gi, Ti) are BINARY (2^10…), for bits and bytes alike; <c>b</c> is a bit and
    /// <c>B</c> a byte (×8). So <c>1Gbps</c> = 1,000,000,000 and <c>1Gibps</c> = 1,073,741,824 (the
    /// SDK's "1 Gbps" example). Why decimal for Gbps: every network spec, ISP plan and tool means 10^9 by
    /// it, and the decimal reading is the smaller one, so a value a user writes as "n Gbps" never
    /// exceeds the service's "n Gbps" limit under either reading of that limit (mgw-api.md §7).
    /// </summary>
    private static readonly Regex s_bandwidth = new(
        @"^(?<n>[+-]?(\d+(\.\d*)?|\.\d+))\s*(?:(?<p>[kKmMgGtT])(?<i>i)?)?(?<u>bps|b/s|bits?/s|Bps|B/s|bytes?/s)?$",
        RegexOptions.CultureInvariant);

    private static readonly string[] s_timeFormats =
    {
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd HH:mm:ss K", "yyyy-MM-dd'T'HH:mm:ss K", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd HH:mmK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd",
    };

    /// <summary>
    /// Binds every field present in <paramref name="values"/> (keys: the §2 parameter names or any of
    /// their aliases, case-insensitive). A null or empty value means "not given". Values may be typed
    /// (enums, numbers, booleans, <see cref="DateTime"/>, <see cref="MgwTimeWindow"/>, dictionaries,
    /// arrays) or text. Findings carry no row; the caller adds it.
    /// </summary>
    public static (MgwJobSpec Spec, IReadOnlyList<MgwError> Findings) Bind(IEnumerable<KeyValuePair<string, object?>> values)
    {
        var spec = new MgwJobSpec();
        var findings = new List<MgwError>();
        foreach (var pair in values ?? Enumerable.Empty<KeyValuePair<string, object?>>())
        {
            string? field = Canonical(pair.Key);
            if (field is null) continue;
            BindField(spec, field, pair.Value, findings);
        }

        return (spec, findings);
    }

    /// <summary>The §2 name of <paramref name="nameOrAlias"/>, or null when it is none of them.</summary>
    public static string? Canonical(string nameOrAlias)
    {
        foreach (string field in SpecFields.All)
        {
            if (string.Equals(field, nameOrAlias, StringComparison.OrdinalIgnoreCase)) return field;
        }

        foreach (var alias in SpecFields.Aliases)
        {
            if (alias.Value.Any(a => string.Equals(a, nameOrAlias, StringComparison.OrdinalIgnoreCase))) return alias.Key;
        }

        return null;
    }

    private static void BindField(MgwJobSpec spec, string field, object? value, List<MgwError> findings)
    {
        value = Unwrap(value);
        if (IsNotGiven(value)) return;
        switch (field)
        {
            case SpecFields.Name: spec.Name = Text(value); break;
            case SpecFields.SourceAddress: spec.SourceAddress = Text(value); break;
            case SpecFields.DestinationAddress: spec.DestinationAddress = Text(value); break;
            case SpecFields.ParentVersion: spec.ParentVersion = Text(value); break;
            case SpecFields.StartCron: spec.StartCron = Text(value); break;
            case SpecFields.SuspendCron: spec.SuspendCron = Text(value); break;
            case SpecFields.OverwriteMode: spec.OverwriteMode = EnumValue<OverwriteMode>(field, value, findings); break;
            case SpecFields.TransferMode: spec.TransferMode = EnumValue<TransferMode>(field, value, findings); break;
            case SpecFields.LogMode: spec.LogMode = EnumValue<LogMode>(field, value, findings); break;
            case SpecFields.TargetStorageClass: spec.TargetStorageClass = EnumValue<StorageClass>(field, value, findings); break;
            case SpecFields.MaxQps: spec.MaxQps = Integer(field, value, findings); break;
            case SpecFields.MaxScheduleCount: spec.MaxScheduleCount = Integer(field, value, findings); break;
            case SpecFields.MaxBandwidth: spec.MaxBandwidth = Bandwidth(field, value, findings); break;
            case SpecFields.CreateReport: spec.CreateReport = Boolean(field, value, findings); break;
            case SpecFields.ExcludeDirectory: spec.ExcludeDirectory = Boolean(field, value, findings); break;
            case SpecFields.ExcludeSymlink: spec.ExcludeSymlink = Boolean(field, value, findings); break;
            case SpecFields.WithStorageClass: spec.WithStorageClass = Boolean(field, value, findings); break;
            case SpecFields.WithLastModifyTime: spec.WithLastModifyTime = Boolean(field, value, findings); break;
            case SpecFields.ConvertSymlinkTarget: spec.ConvertSymlinkTarget = Boolean(field, value, findings); break;
            case SpecFields.AppendableToNormal: spec.AppendableToNormal = Boolean(field, value, findings); break;
            case SpecFields.IncludeKey: spec.IncludeKey = SplitKeyFilters(Strings(value)).ToList(); break;
            case SpecFields.ExcludeKey: spec.ExcludeKey = SplitKeyFilters(Strings(value)).ToList(); break;
            case SpecFields.IncludeLastModified: spec.IncludeLastModified = Windows(field, value, findings); break;
            case SpecFields.ExcludeLastModified: spec.ExcludeLastModified = Windows(field, value, findings); break;
            case SpecFields.Tag: spec.Tag = Tags(field, value, findings); break;
        }
    }

    #region Text forms

    /// <summary>
    /// Parses a bandwidth: a number (bit/s) or a number with a unit such as <c>200Mbps</c>, <c>1Gbps</c>,
    /// <c>25MB/s</c>, <c>512KiB/s</c> (see the prefix rule on <see cref="s_bandwidth"/>). False when the
    /// text does not parse or overflows.
    /// </summary>
    public static bool TryParseBandwidth(string? text, out long bitsPerSecond)
    {
        bitsPerSecond = 0;
        Match m = s_bandwidth.Match((text ?? "").Trim());
        if (!m.Success) return false;
        bool hasUnit = m.Groups["u"].Success;
        if (m.Groups["p"].Success && !hasUnit) return false;   // "200M": bits or bytes? Say which.
        if (!decimal.TryParse(m.Groups["n"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal number)) return false;
        decimal factor = 1;
        if (m.Groups["p"].Success)
        {
            int power = "kmgt".IndexOf(char.ToLowerInvariant(m.Groups["p"].Value[0])) + 1;
            decimal step = m.Groups["i"].Success ? 1024m : 1000m;
            for (int i = 0; i < power; i++) factor *= step;
        }

        string unit = m.Groups["u"].Value;
        if (unit.StartsWith("B", StringComparison.Ordinal) || unit.StartsWith("byte", StringComparison.Ordinal)) factor *= 8;
        try
        {
            decimal bits = decimal.Round(number * factor, MidpointRounding.AwayFromZero);
            if (bits > long.MaxValue || bits < long.MinValue) return false;
            bitsPerSecond = (long)bits;
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>
    /// Splits key filters on commas that are not inside <c>[...]</c>, <c>{...}</c> or <c>(...)</c> (so
    /// <c>a{1,3}</c> survives), trims each piece and drops empty ones; each element of an array is split alike.
    /// A backslash escapes the next character; inside a character class only <c>]</c> closes.
    /// </summary>
    public static IEnumerable<string> SplitKeyFilters(IEnumerable<string?> texts)
    {
        foreach (string? text in texts ?? Enumerable.Empty<string?>())
        {
            if (text is null) continue;
            int paren = 0, brace = 0, start = 0;
            bool inClass = false;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '\\')
                {
                    i++;
                    continue;
                }

                if (inClass)
                {
                    if (c == ']') inClass = false;
                    continue;
                }

                switch (c)
                {
                    case '[':
                        inClass = true;
                        // "[]..." and "[^]..." take the first ']' literally.
                        if (i + 1 < text.Length && text[i + 1] == '^') i++;
                        if (i + 1 < text.Length && text[i + 1] == ']') i++;
                        break;
                    case '(': paren++; break;
                    case ')': if (paren > 0) paren--; break;
                    case '{': brace++; break;
                    case '}': if (brace > 0) brace--; break;
                    case ',' when paren == 0 && brace == 0:
                        string piece = text.Substring(start, i - start).Trim();
                        if (piece.Length > 0) yield return piece;
                        start = i + 1;
                        break;
                }
            }

            string last = text.Substring(start).Trim();
            if (last.Length > 0) yield return last;
        }
    }

    /// <summary>
    /// Parses mgwutil's time-window text: <c>start &gt; end</c>, several joined by commas. A time without
    /// an offset is UTC; <c>Z</c> and <c>+08:00</c> are honoured. Returns the error text on failure.
    /// </summary>
    public static bool TryParseTimeWindows(string text, out List<MgwTimeWindow> windows, out string? error)
    {
        windows = new List<MgwTimeWindow>();
        error = null;
        foreach (string raw in (text ?? "").Split(','))
        {
            string piece = raw.Trim();
            if (piece.Length == 0) continue;
            string[] ends = piece.Split('>');
            if (ends.Length != 2)
            {
                error = $"'{piece}' is not 'start > end'.";
                return false;
            }

            if (!TryParseTime(ends[0], out DateTimeOffset start))
            {
                error = $"'{ends[0].Trim()}' is not a time (yyyy-MM-dd HH:mm:ss, optionally with Z or an offset such as +08:00).";
                return false;
            }

            if (!TryParseTime(ends[1], out DateTimeOffset end))
            {
                error = $"'{ends[1].Trim()}' is not a time (yyyy-MM-dd HH:mm:ss, optionally with Z or an offset such as +08:00).";
                return false;
            }

            windows.Add(new MgwTimeWindow(start, end));
        }

        if (windows.Count == 0)
        {
            error = "no window given.";
            return false;
        }

        return true;
    }

    /// <summary>Parses one time; no offset means UTC.</summary>
    public static bool TryParseTime(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact((text ?? "").Trim(), s_timeFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);

    /// <summary>
    /// A CSV boolean: <c>true/false/yes/no/1/0</c>, case-insensitive, or empty (= not given, null).
    /// False when the text is none of them.
    /// </summary>
    public static bool TryParseBoolean(string? text, out bool? value)
    {
        value = null;
        switch ((text ?? "").Trim().ToLowerInvariant())
        {
            case "": return true;
            case "true": case "yes": case "1": case "$true": value = true; return true;
            case "false": case "no": case "0": case "$false": value = false; return true;
            default: return false;
        }
    }

    /// <summary>
    /// Splits the wire/CSV tag string <c>k1:v1,k2:v2</c>. Values may contain commas (the API allows
    /// them), so a piece without a colon continues the previous value. Pieces that cannot be read
    /// (text before the first pair, an empty key) go to <paramref name="unreadable"/>.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> SplitTagText(string text, ICollection<string>? unreadable = null)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (string raw in (text ?? "").Split(','))
        {
            string piece = raw.Trim();
            if (piece.Length == 0) continue;
            int colon = piece.IndexOf(':');
            if (colon < 0)
            {
                if (pairs.Count == 0)
                {
                    unreadable?.Add(piece);
                    continue;
                }

                var last = pairs[pairs.Count - 1];
                pairs[pairs.Count - 1] = new KeyValuePair<string, string>(last.Key, last.Value + "," + piece);
                continue;
            }

            string key = piece.Substring(0, colon).Trim();
            string value = piece.Substring(colon + 1).Trim();
            if (key.Length == 0)
            {
                unreadable?.Add(piece);
                continue;
            }

            pairs.Add(new KeyValuePair<string, string>(key, value));
        }

        return pairs;
    }

    #endregion

    #region Field conversions

    private static object? Unwrap(object? value)
    {
        if (value is IEnumerable e and not string and not IDictionary)
        {
            var items = e.Cast<object?>().Where(x => !IsNotGiven(x)).ToList();
            return items.Count switch
            {
                0 => null,
                1 => items[0],
                _ => items,
            };
        }

        return value;
    }

    private static bool IsNotGiven(object? value) =>
        value is null || value is DBNull || value is string s && s.Trim().Length == 0;

    private static string? Text(object? value)
    {
        string? text = value is IEnumerable e and not string
            ? string.Join(",", e.Cast<object?>().Select(x => Convert.ToString(x, CultureInfo.InvariantCulture)))
            : Convert.ToString(value, CultureInfo.InvariantCulture);
        text = text?.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    private static IEnumerable<string?> Strings(object? value) =>
        value is IEnumerable e and not string
            ? e.Cast<object?>().Select(x => Convert.ToString(x, CultureInfo.InvariantCulture))
            : new[] { Convert.ToString(value, CultureInfo.InvariantCulture) };

    private static T? EnumValue<T>(string field, object? value, List<MgwError> findings) where T : struct
    {
        if (value is T typed) return typed;
        string text = Text(value) ?? "";
        // Names only (case-insensitive, so the wire spellings 'always', 'lastmodified' bind); never numbers.
        foreach (string name in Enum.GetNames(typeof(T)))
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase)) return (T)Enum.Parse(typeof(T), name);
        }

        findings.Add(Finding(MgwErrorCodes.InvalidValue, field, value,
            $"{field} '{text}' is not one of {string.Join(", ", Enum.GetNames(typeof(T)))} (case does not matter)."));
        return null;
    }

    private static long? Integer(string field, object? value, List<MgwError> findings)
    {
        switch (value)
        {
            case long l: return l;
            case int i: return i;
            case short s: return s;
            case byte b: return b;
            case uint ui: return ui;
            case double d when d == Math.Floor(d) && Math.Abs(d) < 9e18: return (long)d;
            case decimal m when m == decimal.Floor(m) && Math.Abs(m) < 9e18m: return (long)m;
        }

        string text = Text(value) ?? "";
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long parsed)) return parsed;
        findings.Add(Finding(MgwErrorCodes.InvalidValue, field, value, $"{field} '{text}' is not a whole number; give digits only, e.g. 500."));
        return null;
    }

    private static long? Bandwidth(string field, object? value, List<MgwError> findings)
    {
        switch (value)
        {
            case long l: return l;
            case int i: return i;
            case double d when d == Math.Floor(d) && Math.Abs(d) < 9e18: return (long)d;
            case decimal m when m == decimal.Floor(m) && Math.Abs(m) < 9e18m: return (long)m;
        }

        string text = Text(value) ?? "";
        if (TryParseBandwidth(text, out long bits)) return bits;
        findings.Add(Finding(MgwErrorCodes.InvalidBandwidth, field, value,
            $"{field} '{text}' is not a bandwidth. Give bit/s as a number (1073741824) or a number with a unit: " +
            "200Mbps, 1Gbps (decimal), 1Gibps (binary), 25MB/s, 512KiB/s."));
        return null;
    }

    private static bool? Boolean(string field, object? value, List<MgwError> findings)
    {
        switch (value)
        {
            case bool b: return b;
            case int i when i is 0 or 1: return i == 1;
            case long l when l is 0 or 1: return l == 1;
        }

        string text = Text(value) ?? "";
        if (TryParseBoolean(text, out bool? parsed)) return parsed;
        findings.Add(Finding(MgwErrorCodes.InvalidValue, field, value,
            $"{field} '{text}' is not a boolean; use true/false, yes/no, 1/0, or leave it empty."));
        return null;
    }

    private static IList<MgwTimeWindow> Windows(string field, object? value, List<MgwError> findings)
    {
        var windows = new List<MgwTimeWindow>();
        var pending = new List<DateTimeOffset>();   // [datetime] pairs arrive as two consecutive items
        IEnumerable<object?> items = value is IEnumerable e and not string and not IDictionary ? e.Cast<object?>() : new[] { value };
        foreach (object? item in items)
        {
            if (IsNotGiven(item)) continue;
            switch (item)
            {
                case MgwTimeWindow w:
                    windows.Add(w);
                    continue;
                case DateTime dt:
                    pending.Add(Instant(dt));
                    break;
                case DateTimeOffset dto:
                    pending.Add(dto);
                    break;
                case string text:
                    if (TryParseTimeWindows(text, out List<MgwTimeWindow> parsed, out string? error))
                    {
                        windows.AddRange(parsed);
                    }
                    else
                    {
                        findings.Add(Finding(MgwErrorCodes.InvalidTimeWindow, field, text,
                            $"{field}: {error} Write 'yyyy-MM-dd HH:mm:ss > yyyy-MM-dd HH:mm:ss' (UTC unless it ends in Z or an offset such as +08:00); join several with commas."));
                        return windows;
                    }

                    continue;
                default:
                    if (TryStartEnd(item, out object? s, out object? en) && TryInstant(s, out DateTimeOffset start) && TryInstant(en, out DateTimeOffset end))
                    {
                        windows.Add(new MgwTimeWindow(start, end));
                        continue;
                    }

                    findings.Add(Finding(MgwErrorCodes.InvalidTimeWindow, field, item,
                        $"{field}: '{item}' is not a time window. Give 'start > end' text, a [datetime] pair, or an object with Start and End."));
                    return windows;
            }

            if (pending.Count == 2)
            {
                windows.Add(new MgwTimeWindow(pending[0], pending[1]));
                pending.Clear();
            }
        }

        if (pending.Count == 1)
        {
            findings.Add(Finding(MgwErrorCodes.InvalidTimeWindow, field, value,
                $"{field}: a [datetime] start needs its end; give the times in pairs (start, end)."));
        }

        return windows;
    }

    // Unspecified kind = UTC (as in text); a Local [datetime] (Get-Date) is the user's local clock.
    private static DateTimeOffset Instant(DateTime dt) => dt.Kind switch
    {
        DateTimeKind.Local => new DateTimeOffset(dt),
        _ => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
    };

    private static bool TryInstant(object? value, out DateTimeOffset instant)
    {
        switch (value)
        {
            case DateTime dt: instant = Instant(dt); return true;
            case DateTimeOffset dto: instant = dto; return true;
            case string s: return TryParseTime(s, out instant);
            default: instant = default; return false;
        }
    }

    private static bool TryStartEnd(object? item, out object? start, out object? end)
    {
        start = end = null;
        if (item is IDictionary d)
        {
            foreach (DictionaryEntry entry in d)
            {
                string key = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "";
                if (key.Equals("Start", StringComparison.OrdinalIgnoreCase)) start = entry.Value;
                if (key.Equals("End", StringComparison.OrdinalIgnoreCase)) end = entry.Value;
            }

            return start is not null && end is not null;
        }

        if (item is null) return false;
        PropertyInfo? s = item.GetType().GetProperty("Start", BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        PropertyInfo? e = item.GetType().GetProperty("End", BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (s is null || e is null) return false;
        start = s.GetValue(item);
        end = e.GetValue(item);
        return true;
    }

    private static IDictionary<string, string> Tags(string field, object? value, List<MgwError> findings)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        var unreadable = new List<string>();
        IEnumerable<object?> items = value is IEnumerable e and not string and not IDictionary ? e.Cast<object?>() : new[] { value };
        foreach (object? item in items)
        {
            if (item is IDictionary d)
            {
                foreach (DictionaryEntry entry in d)
                {
                    tags[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? ""] =
                        Convert.ToString(entry.Value, CultureInfo.InvariantCulture) ?? "";
                }
            }
            else if (!IsNotGiven(item))
            {
                foreach (var pair in SplitTagText(Convert.ToString(item, CultureInfo.InvariantCulture) ?? "", unreadable))
                {
                    tags[pair.Key] = pair.Value;
                }
            }
        }

        if (unreadable.Count > 0)
        {
            findings.Add(Finding(MgwErrorCodes.InvalidTag, field, value,
                $"{field}: '{string.Join("', '", unreadable)}' is not key:value. Write tags as k1:v1,k2:v2 or as a hashtable @{{ k1 = 'v1' }}."));
        }

        return tags;
    }

    internal static MgwError Finding(string code, string field, object? value, string message, MgwSeverity severity = MgwSeverity.Error) =>
        new() { Code = code, Field = field, Value = value, Message = message, Severity = severity };

    #endregion
}
