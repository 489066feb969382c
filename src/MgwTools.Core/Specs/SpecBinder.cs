using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;

namespace MgwTools.Core.Specs;

/// <summary>
/// Turns the values of design §2 — typed, or text as a CSV cell carries it — into a typed
/// <see cref="MgwJobSpec"/>. Text that does not parse becomes a finding with the field and the
/// value (InvalidBandwidth, InvalidTimeWindow, InvalidTag, InvalidValue); binding never throws.
/// </summary>
public static class SpecBinder
{
    // "9223372036854775807 bit/s" and "1.5 Gibps" fit with room to spare.
    private const int MaxBandwidthText = 64;

    private static readonly string[] s_timeFormats =
    {
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd HH:mm:ss K", "yyyy-MM-dd'T'HH:mm:ss K", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd HH:mmK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd",
    };

    /// <summary>
    /// Binds every field present in <paramref name="values"/> (keys: the §2 parameter names or any of
    /// their aliases, case-insensitive; other keys are ignored). A null or empty value means "not given".
    /// Values may be typed (enums, numbers, booleans, <see cref="DateTime"/>, <see cref="MgwTimeWindow"/>,
    /// dictionaries, arrays) or text; each is parsed once, by its field of <see cref="JobFields"/>. A field given
    /// under several spellings (a CSV with both <c>SrcAddress</c> and <c>src-address</c>) binds when every value
    /// means the same, and is an <c>AmbiguousValue</c> finding when they differ. Findings carry no row; the caller adds it.
    /// </summary>
    public static (MgwJobSpec Spec, IReadOnlyList<MgwError> Findings) Bind(IEnumerable<KeyValuePair<string, object?>> values)
    {
        var given = new SpecValues();
        foreach (var pair in values ?? Enumerable.Empty<KeyValuePair<string, object?>>())
        {
            if (JobFields.Find(pair.Key) is { } field) given.Add(field, pair.Key, pair.Value);
        }

        return given.Bind();
    }

    /// <summary>The §2 name of <paramref name="nameOrAlias"/>, or null when it is none of them.</summary>
    public static string? Canonical(string nameOrAlias) => JobFields.Find(nameOrAlias)?.Name;

    // One field under several spellings: each value is parsed (once); they must mean the same.
    internal static void BindSeveral(MgwJobSpec spec, JobField field, List<KeyValuePair<string, object?>> candidates, List<MgwError> findings)
    {
        var parsed = new List<MgwJobSpec>();
        bool failed = false;
        foreach (var candidate in candidates)
        {
            int before = findings.Count;
            object? value = field.Parse(candidate.Value, findings);
            failed |= findings.Count > before;
            var one = new MgwJobSpec();
            if (value is not null) field.Set(one, value);
            parsed.Add(one);
        }

        if (failed) return;   // reported already; which spelling was meant is for the user to say
        if (parsed.Skip(1).All(p => field.SameIn(parsed[0], p)))
        {
            field.Set(spec, field.Get(parsed[0]));
            return;
        }

        string shown = string.Join(", ", candidates.Select(c => $"{c.Key} '{Show(c.Value)}'"));
        findings.Add(Finding(MgwErrorCodes.AmbiguousValue, field.Name, candidates.Select(c => c.Value).ToArray(),
            $"{field.Name} is given {candidates.Count} times with different values: {shown}. " +
            "Give it once (keep one of those columns or parameters), or make the values agree."));
    }

    #region Text forms

    /// <summary>
    /// Parses a bandwidth: a number (bit/s) or a number with a unit such as <c>200Mbps</c>, <c>1Gbps</c>, <c>25MB/s</c>,
    /// <c>512KiB/s</c>. Bit rates: a plain number is bit/s. SI prefixes (k, M, G, T) are DECIMAL (10^3…) and IEC
    /// prefixes (Ki, Mi, Gi, Ti) are BINARY (2^10…), for bits and bytes alike; <c>b</c> is a bit and
    /// <c>B</c> a byte (×8). So <c>1Gbps</c> = 1,000,000,000 and <c>1Gibps</c> = 1,073,741,824 (the
    /// SDK's "1 Gbps" example). Why decimal for Gbps: every network spec, ISP plan and tool means 10^9 by
    /// it, and the decimal reading is the smaller one, so a value a user writes as "n Gbps" never
    /// exceeds the service's "n Gbps" limit under either reading of that limit (mgw-api.md §7).
    /// <para>
    /// The text is <c>number[ ][prefix[i]][unit]</c>: the number <c>[+-]</c> digits with an optional fraction (<c>5</c>,
    /// <c>1.5</c>, <c>.5</c>, <c>5.</c>), spaces, a prefix <c>k M G T</c> (either case) with <c>i</c> for binary, and a unit
    /// <c>bps b/s bit/s bits/s</c> (bits) or <c>Bps B/s byte/s bytes/s</c> (bytes). A prefix needs a unit ("200M": bits or
    /// bytes? Say which). Read by position (a regular expression was a tenth of a row's validation). False when the text is
    /// not of that form, overflows or is longer than 64 characters.
    /// </para>
    /// </summary>
    public static bool TryParseBandwidth(string? text, out long bitsPerSecond)
    {
        bitsPerSecond = 0;
        string t = (text ?? "").Trim();
        if (t.Length > MaxBandwidthText) return false;   // no bandwidth is longer
        int i = 0;
        if (i < t.Length && t[i] is '+' or '-') i++;
        int digits = Digits(t, ref i);
        if (i < t.Length && t[i] == '.')
        {
            i++;
            digits += Digits(t, ref i);
        }

        if (digits == 0) return false;
        int numberEnd = i;
        while (i < t.Length && char.IsWhiteSpace(t[i])) i++;
        int power = 0;
        decimal step = 1000m;
        if (i < t.Length && "kKmMgGtT".IndexOf(t[i]) is int prefix and >= 0)
        {
            power = prefix / 2 + 1;
            i++;
            if (i < t.Length && t[i] == 'i')
            {
                step = 1024m;
                i++;
            }
        }

        string unit = t.Substring(i);
        bool bytes;
        switch (unit)
        {
            case "bps" or "b/s" or "bit/s" or "bits/s":
                bytes = false;
                break;
            case "Bps" or "B/s" or "byte/s" or "bytes/s":
                bytes = true;
                break;
            case "" when power == 0:
                bytes = false;
                break;
            default:
                return false;   // not a unit, or a prefix without one ("200M": bits or bytes? Say which)
        }

        // A whole number of ASCII digits (nearly every bandwidth) is multiplied out as a long; anything else as a decimal.
        long wholeFactor = bytes ? 8 : 1;
        for (int p = 0; p < power; p++) wholeFactor *= step == 1024m ? 1024 : 1000;
        if (TryWhole(t, numberEnd, out long whole) && (whole == 0 || Math.Abs(whole) <= long.MaxValue / wholeFactor))
        {
            bitsPerSecond = whole * wholeFactor;
            return true;
        }

        if (!decimal.TryParse(t.Substring(0, numberEnd), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal value)) return false;
        decimal factor = bytes ? 8 : 1;
        for (int p = 0; p < power; p++) factor *= step;
        try
        {
            decimal bits = decimal.Round(value * factor, MidpointRounding.AwayFromZero);
            if (bits > long.MaxValue || bits < long.MinValue) return false;
            bitsPerSecond = (long)bits;
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    // text[0..end) as a whole number: an optional sign and up to 18 ASCII digits; false for anything else (a fraction, other
    // scripts' digits, more digits), which the decimal parser decides.
    private static bool TryWhole(string text, int end, out long value)
    {
        value = 0;
        int i = text.Length > 0 && text[0] is '+' or '-' ? 1 : 0;
        if (end - i is < 1 or > 18) return false;
        for (int j = i; j < end; j++)
        {
            char c = text[j];
            if (c is < '0' or > '9') return false;
            value = value * 10 + (c - '0');
        }

        if (text[0] == '-') value = -value;
        return true;
    }

    // Skips decimal digits (any script's, as the number parser then decides), returning how many.
    private static int Digits(string text, ref int i)
    {
        int start = i;
        while (i < text.Length && char.IsDigit(text[i])) i++;
        return i - start;
    }

    /// <summary>
    /// Splits key filters on commas that are not inside <c>[...]</c>, <c>{...}</c> or <c>(...)</c> (so
    /// <c>a{1,3}</c> survives), trims each piece and drops empty ones; each element of an array is split alike.
    /// A backslash escapes the next character; inside a character class only <c>]</c> closes.
    /// </summary>
    public static IEnumerable<string> SplitKeyFilters(IEnumerable<string?> texts)
    {
        var pieces = new List<string>();
        foreach (string? text in texts ?? Enumerable.Empty<string?>())
        {
            if (text is not null) SplitKeyFilters(text, pieces);
        }

        return pieces;
    }

    // As above for one text, adding its pieces to pieces.
    private static void SplitKeyFilters(string text, List<string> pieces)
    {
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
                    AddPiece(text, start, i, pieces);
                    start = i + 1;
                    break;
            }
        }

        AddPiece(text, start, text.Length, pieces);
    }

    // text[start..end) trimmed, when it is not empty.
    private static void AddPiece(string text, int start, int end, List<string> pieces)
    {
        while (start < end && char.IsWhiteSpace(text[start])) start++;
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        if (end > start) pieces.Add(start == 0 && end == text.Length ? text : text.Substring(start, end - start));
    }

    /// <summary>
    /// Parses mgwutil's time-window text: <c>start &gt; end</c>, several joined by commas. A time without
    /// an offset is UTC; <c>Z</c> and <c>+08:00</c> are honoured. Returns the error text on failure.
    /// </summary>
    public static bool TryParseTimeWindows(string text, out List<MgwTimeWindow> windows, out string? error)
    {
        windows = new List<MgwTimeWindow>();
        return TryParseTimeWindows(text, windows, out error);
    }

    // As above, adding the windows to windows (those before a bad one are added too).
    private static bool TryParseTimeWindows(string text, List<MgwTimeWindow> windows, out string? error)
    {
        int before = windows.Count;
        error = null;
        foreach (string raw in (text ?? "").Split(','))
        {
            string piece = raw.Trim();
            if (piece.Length == 0) continue;
            string[] ends = piece.Split('>');
            if (ends.Length != 2)
            {
                error = $"'{Show(piece)}' is not 'start > end'.";
                return false;
            }

            if (!TryParseTime(ends[0], out DateTimeOffset start))
            {
                error = $"'{Show(ends[0].Trim())}' is not a time (yyyy-MM-dd HH:mm:ss, optionally with Z or an offset such as +08:00).";
                return false;
            }

            if (!TryParseTime(ends[1], out DateTimeOffset end))
            {
                error = $"'{Show(ends[1].Trim())}' is not a time (yyyy-MM-dd HH:mm:ss, optionally with Z or an offset such as +08:00).";
                return false;
            }

            windows.Add(new MgwTimeWindow(start, end));
        }

        if (windows.Count == before)
        {
            error = "no window given.";
            return false;
        }

        return true;
    }

    /// <summary>Parses one time; no offset means UTC.</summary>
    public static bool TryParseTime(string text, out DateTimeOffset value)
    {
        string t = text ?? "";
        int start = 0, end = t.Length;
        while (start < end && char.IsWhiteSpace(t[start])) start++;
        while (end > start && char.IsWhiteSpace(t[end - 1])) end--;
        return TryParsePlainTime(t, start, end - start, out value) ||
               DateTimeOffset.TryParseExact(t.Substring(start, end - start), s_timeFormats, CultureInfo.InvariantCulture,
                   DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }

    // The form nearly every window is written in, yyyy-MM-dd HH:mm:ss (or with 'T'), read by position from text[at..at+length):
    // the general parser tries the formats one by one and costs a few microseconds a time. Anything else, or a date that does
    // not exist, goes to the general parser, which decides.
    private static bool TryParsePlainTime(string text, int at, int length, out DateTimeOffset value)
    {
        value = default;
        if (length != 19 || text[at + 4] != '-' || text[at + 7] != '-' || text[at + 10] is not (' ' or 'T') || text[at + 13] != ':' ||
            text[at + 16] != ':')
        {
            return false;
        }

        if (!TryDigits(text, at, 4, out int year) || !TryDigits(text, at + 5, 2, out int month) || !TryDigits(text, at + 8, 2, out int day) ||
            !TryDigits(text, at + 11, 2, out int hour) || !TryDigits(text, at + 14, 2, out int minute) || !TryDigits(text, at + 17, 2, out int second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return false;
        value = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
        return true;
    }

    private static bool TryDigits(string text, int start, int count, out int number)
    {
        number = 0;
        for (int i = start; i < start + count; i++)
        {
            char c = text[i];
            if (c is < '0' or > '9') return false;
            number = number * 10 + (c - '0');
        }

        return true;
    }

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

    /// <summary>Joins tags into the wire/CSV tag string <c>k1:v1,k2:v2</c>, in the order given: the inverse of <see cref="SplitTagText"/>.</summary>
    public static string JoinTagText(IEnumerable<KeyValuePair<string, string>> tags) =>
        string.Join(",", tags.Select(t => t.Key + ":" + t.Value));

    /// <summary>
    /// Splits the wire/CSV tag string <c>k1:v1,k2:v2</c>. Values may contain commas (the API allows
    /// them), so a piece without a colon continues the previous value. Pieces that cannot be read
    /// (text before the first pair, an empty key) go to <paramref name="unreadable"/>. Linear in the text.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> SplitTagText(string text, ICollection<string>? unreadable = null)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        StringBuilder? continued = null;   // the last value, once a piece without a colon continues it
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

                (continued ??= new StringBuilder(pairs[pairs.Count - 1].Value)).Append(',').Append(piece);
                continue;
            }

            string key = piece.Substring(0, colon).Trim();
            if (key.Length == 0)
            {
                unreadable?.Add(piece);
                continue;
            }

            EndContinued(pairs, ref continued);
            pairs.Add(new KeyValuePair<string, string>(key, piece.Substring(colon + 1).Trim()));
        }

        EndContinued(pairs, ref continued);
        return pairs;
    }

    // The last pair's value, once the pieces that continue it are all read.
    private static void EndContinued(List<KeyValuePair<string, string>> pairs, ref StringBuilder? continued)
    {
        if (continued is null) return;
        pairs[pairs.Count - 1] = new KeyValuePair<string, string>(pairs[pairs.Count - 1].Key, continued.ToString());
        continued = null;
    }

    /// <summary>
    /// <paramref name="value"/> for a message: at most 64 characters (then how long it is), with characters that
    /// cannot be shown (controls, lone surrogates, noncharacters) written as <c>\uXXXX</c>. Linear in the text.
    /// </summary>
    public static string Show(object? value)
    {
        const int Most = 64;
        string text = value switch
        {
            null => "",
            string s => s,
            IDictionary => "a hashtable",
            IEnumerable e => string.Join(", ", e.Cast<object?>().Take(Most).Select(x => Convert.ToString(x, CultureInfo.InvariantCulture))),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        };
        var sb = new StringBuilder(Math.Min(text.Length, Most) + 32);
        int i = 0;
        for (int shown = 0; i < text.Length && shown < Most; i++, shown++)
        {
            char c = text[i];
            if (!TextRules.IsPrintable(text, i)) sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            else if (char.IsHighSurrogate(c)) sb.Append(c).Append(text[++i]);   // a pair stays whole
            else sb.Append(c);
        }

        if (i < text.Length) sb.Append(string.Format(CultureInfo.InvariantCulture, "... ({0:N0} characters)", text.Length));
        return sb.ToString();
    }

    #endregion

    #region Field parsers (JobField.Parse)

    internal static object? ParseText(JobField field, object? raw, ICollection<MgwError> findings) =>
        TryText(field, raw, findings, out string? text) ? text : null;

    internal static object? ParseChoice<T>(JobField field, object? raw, ICollection<MgwError> findings)
        where T : struct, Enum
    {
        if (raw is T typed) return typed;
        if (!TryText(field, raw, findings, out string? text) || text is null) return null;
        // Names only (case-insensitive, so the wire spellings 'always', 'lastmodified' bind); never numbers.
        string[] names = EnumNames<T>.Names;
        for (int i = 0; i < names.Length; i++)
        {
            if (string.Equals(names[i], text, StringComparison.OrdinalIgnoreCase)) return EnumNames<T>.Values[i];
        }

        findings.Add(Finding(MgwErrorCodes.InvalidValue, field.Name, raw,
            $"{field.Name} '{Show(text)}' is not one of {string.Join(", ", names)} (case does not matter)."));
        return null;
    }

    // An enum's names and their values (boxed once), in declaration order: Enum.GetNames copies its array at every call.
    private static class EnumNames<T>
        where T : struct, Enum
    {
        internal static readonly string[] Names = Enum.GetNames(typeof(T));
        internal static readonly object[] Values = Array.ConvertAll(Names, n => (object)(T)Enum.Parse(typeof(T), n));
    }

    internal static object? ParseInteger(JobField field, object? raw, ICollection<MgwError> findings)
    {
        if (Whole(raw) is { } whole) return whole;
        if (!TryText(field, raw, findings, out string? text) || text is null) return null;
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long parsed)) return parsed;
        findings.Add(Finding(MgwErrorCodes.InvalidValue, field.Name, raw, $"{field.Name} '{Show(text)}' is not a whole number; give digits only, e.g. 500."));
        return null;
    }

    internal static object? ParseBandwidth(JobField field, object? raw, ICollection<MgwError> findings)
    {
        if (Whole(raw) is { } whole) return whole;
        if (!TryText(field, raw, findings, out string? text) || text is null) return null;
        if (TryParseBandwidth(text, out long bits)) return bits;
        findings.Add(Finding(MgwErrorCodes.InvalidBandwidth, field.Name, raw,
            $"{field.Name} '{Show(text)}' is not a bandwidth. Give bit/s as a number (1073741824) or a number with a unit: " +
            "200Mbps, 1Gbps (decimal), 1Gibps (binary), 25MB/s, 512KiB/s."));
        return null;
    }

    internal static object? ParseBoolean(JobField field, object? raw, ICollection<MgwError> findings)
    {
        switch (raw)
        {
            case bool b: return b;
            case int i when i is 0 or 1: return i == 1;
            case long l when l is 0 or 1: return l == 1;
        }

        if (!TryText(field, raw, findings, out string? text) || text is null) return null;
        if (TryParseBoolean(text, out bool? parsed)) return parsed;
        findings.Add(Finding(MgwErrorCodes.InvalidValue, field.Name, raw,
            $"{field.Name} '{Show(text)}' is not a boolean; use true/false, yes/no, 1/0, or leave it empty."));
        return null;
    }

    internal static object? ParseKeyFilters(JobField field, object? raw, ICollection<MgwError> findings)
    {
        var pieces = new List<string>();
        if (raw is string one)
        {
            SplitKeyFilters(one, pieces);
            return pieces;
        }

        foreach (object? item in Items(raw))
        {
            if (IsNotGiven(item)) continue;
            if (TryText(field, item, findings, out string? text) && text is not null) SplitKeyFilters(text, pieces);
        }

        return pieces;
    }

    internal static object? ParseWindows(JobField field, object? raw, ICollection<MgwError> findings)
    {
        string name = field.Name;
        var windows = new List<MgwTimeWindow>();
        List<DateTimeOffset>? pending = null;   // [datetime] pairs arrive as two consecutive items
        foreach (object? item in Items(raw))
        {
            if (IsNotGiven(item)) continue;
            switch (item)
            {
                case MgwTimeWindow w:
                    windows.Add(w);
                    continue;
                case DateTime dt:
                    (pending ??= new List<DateTimeOffset>(2)).Add(Instant(dt));
                    break;
                case DateTimeOffset dto:
                    (pending ??= new List<DateTimeOffset>(2)).Add(dto);
                    break;
                case string text:
                    int kept = windows.Count;
                    if (!TryParseTimeWindows(text, windows, out string? error))
                    {
                        windows.RemoveRange(kept, windows.Count - kept);
                        findings.Add(Finding(MgwErrorCodes.InvalidTimeWindow, name, text,
                            $"{name}: {error} Write 'yyyy-MM-dd HH:mm:ss > yyyy-MM-dd HH:mm:ss' (UTC unless it ends in Z or an offset such as +08:00); join several with commas."));
                        return windows;
                    }

                    continue;
                default:
                    if (TryStartEnd(item, out object? s, out object? en) && TryInstant(s, out DateTimeOffset start) && TryInstant(en, out DateTimeOffset end))
                    {
                        windows.Add(new MgwTimeWindow(start, end));
                        continue;
                    }

                    findings.Add(Finding(MgwErrorCodes.InvalidTimeWindow, name, item,
                        $"{name}: '{Show(item)}' is not a time window. Give 'start > end' text, a [datetime] pair, or an object with Start and End."));
                    return windows;
            }

            if (pending is { Count: 2 })
            {
                windows.Add(new MgwTimeWindow(pending[0], pending[1]));
                pending.Clear();
            }
        }

        if (pending is { Count: 1 })
        {
            findings.Add(Finding(MgwErrorCodes.InvalidTimeWindow, name, raw,
                $"{name}: a [datetime] start needs its end; give the times in pairs (start, end)."));
        }

        return windows;
    }

    internal static object? ParseTags(JobField field, object? raw, ICollection<MgwError> findings)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        var unreadable = new List<string>();
        foreach (object? item in Items(raw))
        {
            if (item is IDictionary d)
            {
                foreach (DictionaryEntry entry in d)
                {
                    tags[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? ""] =
                        Convert.ToString(entry.Value, CultureInfo.InvariantCulture) ?? "";
                }
            }
            else if (!IsNotGiven(item) && TryText(field, item, findings, out string? text))
            {
                foreach (var pair in SplitTagText(text ?? "", unreadable))
                {
                    tags[pair.Key] = pair.Value;
                }
            }
        }

        if (unreadable.Count > 0)
        {
            string shown = string.Join("', '", unreadable.Take(5).Select(Show)) + (unreadable.Count > 5 ? $"' and {unreadable.Count - 5} more" : "'");
            findings.Add(Finding(MgwErrorCodes.InvalidTag, field.Name, raw,
                $"{field.Name}: '{shown} is not key:value. Write tags as k1:v1,k2:v2 or as a hashtable @{{ k1 = 'v1' }}."));
        }

        return tags;
    }

    /// <summary>
    /// The text of a single value: a string (trimmed; empty is null, "not given"), or an object that has a text form
    /// (a number, a GUID, an MgwCron). A hashtable, several values, or an object whose text is only its type name
    /// is a finding: the service would get "System.Collections.Hashtable".
    /// </summary>
    private static bool TryText(JobField field, object? value, ICollection<MgwError> findings, out string? text)
    {
        text = null;
        string? problem = value switch
        {
            null or DBNull => null,
            string => null,
            IDictionary => "a hashtable",
            IEnumerable e => $"{e.Cast<object?>().Count()} values ('{Show(value)}')",
            _ => null,
        };
        if (problem is null && value is not null and not DBNull and not string)
        {
            string? converted = Convert.ToString(value, CultureInfo.InvariantCulture);
            if (converted is null || converted == value.GetType().FullName) problem = $"a {value.GetType().Name} object";
            else text = converted.Trim();
        }
        else if (value is string s)
        {
            text = s.Trim();
        }

        if (problem is not null)
        {
            findings.Add(Finding(MgwErrorCodes.InvalidValue, field.Name, value,
                $"{field.Name} got {problem}, not text. Give it one {Expected(field)}."));
            return false;
        }

        if (text is { Length: 0 }) text = null;
        return true;
    }

    private static string Expected(JobField field) => field.Kind switch
    {
        JobFieldKind.Choice => "of " + string.Join(", ", Enum.GetNames(field.ParameterType)),
        JobFieldKind.Number => "whole number",
        JobFieldKind.Bandwidth => "bandwidth such as 200Mbps",
        JobFieldKind.Switch => "of true or false",
        JobFieldKind.KeyFilters => "regular expression per element",
        JobFieldKind.Tags => "k1:v1,k2:v2 text or a hashtable",
        JobFieldKind.TimeWindows => "window such as '2025-07-03 00:00:00 > 2025-07-04 00:00:00'",
        _ => "text value",
    };

    private static long? Whole(object? value) => value switch
    {
        long l => l,
        int i => i,
        short s => s,
        byte b => b,
        uint ui => ui,
        double d when d == Math.Floor(d) && Math.Abs(d) < 9e18 => (long)d,
        decimal m when m == decimal.Floor(m) && Math.Abs(m) < 9e18m => (long)m,
        _ => null,
    };

    private static IEnumerable<object?> Items(object? value) =>
        value is IEnumerable e and not string and not IDictionary ? e.Cast<object?>() : new[] { value };

    // A value as given: a list reduced to its given items (one item: that item; none: null). Shared with AddressBinder.
    internal static object? Unwrap(object? value)
    {
        if (value is string) return value;
        if (value is IEnumerable e and not IDictionary)
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

    // Null, DBNull (an empty cell of some sources) or blank text: "not given". Shared with AddressBinder.
    internal static bool IsNotGiven(object? value) =>
        value is null || value is DBNull || value is string s && string.IsNullOrWhiteSpace(s);

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

    internal static MgwError Finding(string code, string field, object? value, string message, MgwSeverity severity = MgwSeverity.Error) =>
        new() { Code = code, Field = field, Value = value, Message = message, Severity = severity };

    #endregion
}
