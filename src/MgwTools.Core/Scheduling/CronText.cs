using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace MgwTools.Core.Scheduling;

/// <summary>
/// Text work on cron fields that Cronos does not expose: the canonical form (day-of-week as names),
/// Unix 5-field conversion and the plain-English description. Input fields are already validated
/// (and upper-cased) by <see cref="CronRules.TryParse"/>.
/// </summary>
internal static class CronText
{
    internal static readonly string[] DayNames = { "SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT" };
    internal static readonly string[] MonthNames = { "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC" };

    private static readonly string[] s_dayWords = { "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday" };
    private static readonly string[] s_monthWords = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames.Take(12).ToArray();
    private static readonly string[] s_ordinals = { "zeroth", "first", "second", "third", "fourth", "fifth" };

    private static readonly Regex s_nameToken = new("[A-Z]{3}", RegexOptions.CultureInvariant);
    private static readonly Regex s_specialDay = new(@"^(?<day>\d|[A-Z]{3})(?<tail>L|#\d)$", RegexOptions.CultureInvariant);

    /// <summary>Unix macros and their 6-field equivalents.</summary>
    internal static readonly IReadOnlyDictionary<string, string> Macros = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["@yearly"] = "0 0 0 1 1 *",
        ["@annually"] = "0 0 0 1 1 *",
        ["@monthly"] = "0 0 0 1 * *",
        ["@weekly"] = "0 0 0 * * SUN",
        ["@daily"] = "0 0 0 * * *",
        ["@midnight"] = "0 0 0 * * *",
        ["@hourly"] = "0 0 * * * *",
    };

    /// <summary>True when the field fires on every value (<c>*</c> or <c>?</c>).</summary>
    internal static bool IsAny(string field) => field is "*" or "?";

    /// <summary>
    /// Whether Vixie cron counts a day field as restricted: it does not start with <c>*</c>. When both
    /// day fields are restricted Unix cron fires when EITHER matches.
    /// </summary>
    internal static bool IsUnixRestricted(string field) => !field.StartsWith("*", StringComparison.Ordinal) && field != "?";

    /// <summary>
    /// The canonical 6-field text: day-of-week as names (SUN…SAT, so neither Quartz's 1 = Sunday
    /// nor Unix's 0 = Sunday can misread it), month names as numbers (1–12 mean the same in every
    /// dialect), everything else as given.
    /// </summary>
    internal static string Canonical(string[] fields)
    {
        var result = (string[])fields.Clone();
        result[4] = s_nameToken.Replace(fields[4], m => (Array.IndexOf(MonthNames, m.Value) + 1).ToString(CultureInfo.InvariantCulture));
        result[5] = CanonicalDayOfWeek(fields[5]);
        return string.Join(" ", result);
    }

    /// <summary>True when the day-of-week field holds a number (read as Unix/Cronos: 0 and 7 = Sunday).</summary>
    internal static bool HasNumericDayOfWeek(string[] fields) =>
        fields.Length == 6 && fields[5].Any(char.IsDigit) && !fields[5].Contains("#") && !fields[5].Contains("/");

    private static string CanonicalDayOfWeek(string field)
    {
        if (IsAny(field))
        {
            return field;
        }

        Match special = s_specialDay.Match(field);
        if (special.Success)
        {
            return DayNames[DayNumber(special.Groups["day"].Value)] + special.Groups["tail"].Value;
        }

        SortedSet<int> days = DaysOfWeek(field);
        if (days.Count == 7)
        {
            return "*";
        }

        return string.Join(",", Runs(days).Select(r => r.Last - r.First >= 2
            ? DayNames[r.First] + "-" + DayNames[r.Last]
            : string.Join(",", Enumerable.Range(r.First, r.Last - r.First + 1).Select(d => DayNames[d]))));
    }

    /// <summary>The days (0 = Sunday … 6 = Saturday) a plain day-of-week field matches.</summary>
    internal static SortedSet<int> DaysOfWeek(string field)
    {
        var days = new SortedSet<int>();
        foreach (int day in Expand(field, 0, 7, 6, DayNumber))
        {
            days.Add(day % 7);
        }

        return days;
    }

    /// <summary>
    /// The values a field matches. <paramref name="starMax"/> bounds <c>*</c> and open steps
    /// (<c>a/n</c>); <paramref name="max"/> bounds explicit values (day-of-week allows 7 = Sunday).
    /// A range whose start is after its end wraps, as Cronos reads it (FRI-SUN).
    /// </summary>
    internal static SortedSet<int> Expand(string field, int min, int max, int starMax, Func<string, int> value)
    {
        var values = new SortedSet<int>();
        foreach (string part in field.Split(','))
        {
            string[] stepSplit = part.Split('/');
            int step = stepSplit.Length > 1 ? int.Parse(stepSplit[1], CultureInfo.InvariantCulture) : 1;
            string range = stepSplit[0];
            int low;
            int high;
            if (IsAny(range))
            {
                low = min;
                high = starMax;
            }
            else if (range.IndexOf('-') > 0)
            {
                string[] ends = range.Split('-');
                low = value(ends[0]);
                high = value(ends[1]);
            }
            else
            {
                low = value(range);
                high = stepSplit.Length > 1 ? starMax : low;
            }

            if (low <= high)
            {
                for (int v = low; v <= high; v += step)
                {
                    values.Add(v);
                }
            }
            else
            {
                // Wrapping range: low..end, then on from the start, keeping the step's rhythm.
                int span = starMax - min + 1;
                int count = (high + span - low) / step;
                for (int i = 0; i <= count; i++)
                {
                    values.Add(min + ((low - min + (i * step)) % span));
                }
            }
        }

        return values;
    }

    private static int Number(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    private static int DayNumber(string text) => char.IsDigit(text[0]) ? Number(text) : Array.IndexOf(DayNames, text);

    private static int MonthNumber(string text) => char.IsDigit(text[0]) ? Number(text) : Array.IndexOf(MonthNames, text) + 1;

    /// <summary>Plain English for a canonical, valid 6-field expression, ending with the zone the times are in.</summary>
    internal static string Describe(string[] f, string zone)
    {
        SortedSet<int> seconds = Expand(f[0], 0, 59, 59, Number);
        SortedSet<int> minutes = Expand(f[1], 0, 59, 59, Number);
        SortedSet<int> hours = Expand(f[2], 0, 23, 23, Number);

        var parts = new List<string>();
        bool everyHour = false;
        if (seconds.Count == 1 && minutes.Count == 1)
        {
            int s = seconds.Min;
            int m = minutes.Min;
            string secondPart = s == 0 ? "" : $", second {s}";
            if (hours.Count == 24)
            {
                everyHour = true;
                parts.Add($"Every hour at minute {m}{secondPart}");
            }
            else if (hours.Count <= 6)
            {
                parts.Add("At " + JoinAnd(hours.Select(h => string.Format(CultureInfo.InvariantCulture, "{0:00}:{1:00}:{2:00}", h, m, s)).ToList()));
            }
            else
            {
                parts.Add($"At minute {m}{secondPart} of hours {RunsText(hours, h => h.ToString(CultureInfo.InvariantCulture))}");
            }
        }
        else
        {
            parts.Add($"At seconds {RunsText(seconds, Str)} of minutes {RunsText(minutes, Str)} of hours {RunsText(hours, Str)}");
        }

        string? dayOfMonth = IsAny(f[3]) ? null : DescribeDayOfMonth(f[3]);
        string? dayOfWeek = IsAny(f[5]) ? null : DescribeDayOfWeek(f[5]);
        if (dayOfMonth is not null && dayOfWeek is not null)
        {
            // Cronos (and Spring) fire when both match; Unix cron would fire when either does.
            parts.Add($"on {dayOfMonth}, if that day is {dayOfWeek}");
        }
        else if (dayOfMonth is not null)
        {
            parts.Add("on " + dayOfMonth);
        }
        else if (dayOfWeek is not null)
        {
            parts.Add("on " + dayOfWeek);
        }
        else if (!everyHour)
        {
            parts.Add("every day");
        }

        if (!IsAny(f[4]))
        {
            parts.Add("in " + RunsText(Expand(f[4], 1, 12, 12, MonthNumber), m => s_monthWords[m - 1]));
        }

        return string.Join(", ", parts) + $" ({zone})";
    }

    private static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string DescribeDayOfMonth(string field)
    {
        if (field == "L")
        {
            return "the last day of the month";
        }

        if (field == "LW")
        {
            return "the last weekday of the month";
        }

        if (field.StartsWith("L-", StringComparison.Ordinal))
        {
            int before = Number(field.Substring(2));
            return $"the day {before} day{(before == 1 ? "" : "s")} before the last day of the month";
        }

        if (field.EndsWith("W", StringComparison.Ordinal))
        {
            return $"the weekday nearest day {field.TrimEnd('W')} of the month";
        }

        SortedSet<int> days = Expand(field, 1, 31, 31, Number);
        return $"day{(days.Count == 1 ? "" : "s")} {RunsText(days, Str)} of the month";
    }

    private static string DescribeDayOfWeek(string field)
    {
        Match special = s_specialDay.Match(field);
        if (special.Success)
        {
            string day = s_dayWords[DayNumber(special.Groups["day"].Value) % 7];
            string tail = special.Groups["tail"].Value;
            return tail == "L"
                ? $"the last {day} of the month"
                : $"the {s_ordinals[tail[1] - '0']} {day} of the month";
        }

        return RunsText(DaysOfWeek(field), d => s_dayWords[d]);
    }

    /// <summary>"Monday through Friday", "Monday and Friday", "1 through 10 and 20".</summary>
    private static string RunsText(SortedSet<int> values, Func<int, string> word)
    {
        var items = new List<string>();
        foreach ((int first, int last) in Runs(values).Select(r => (r.First, r.Last)))
        {
            if (last - first >= 2)
            {
                items.Add($"{word(first)} through {word(last)}");
            }
            else
            {
                for (int v = first; v <= last; v++)
                {
                    items.Add(word(v));
                }
            }
        }

        return JoinAnd(items);
    }

    private static IEnumerable<(int First, int Last)> Runs(SortedSet<int> values)
    {
        int? first = null;
        int last = 0;
        foreach (int v in values)
        {
            if (first is null)
            {
                first = v;
            }
            else if (v != last + 1)
            {
                yield return (first.Value, last);
                first = v;
            }

            last = v;
        }

        if (first is not null)
        {
            yield return (first.Value, last);
        }
    }

    private static string JoinAnd(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[items.Count - 1],
    };
}
