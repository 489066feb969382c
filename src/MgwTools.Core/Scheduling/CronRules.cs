using System;
using System.Collections.Generic;
using System.Globalization;
using Cronos;

namespace MgwTools.Core.Scheduling;

/// <summary>
/// The service's cron rules (design §3, §7): a 6-field, seconds-first expression (<c>?</c> allowed in
/// the day fields) whose consecutive runs are at least an hour apart and that fires at all.
/// </summary>
public static class CronRules
{
    /// <summary>The service's minimum interval between runs (mgw-api.md §7).</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromHours(1);

    /// <summary>
    /// The longest expression accepted, spaces included. Schedules the service accepts need far
    /// fewer; the bound keeps untrusted text (a CSV cell) away from the parser, which reads a list
    /// recursively, one stack frame per item: 120,000 items end the process with a stack overflow
    /// that nothing can catch.
    /// </summary>
    public const int MaxExpressionLength = 256;

    /// <summary>
    /// The earliest instant runs are computed from: three days into the calendar, so that every
    /// zone's offset and the checks around clock changes stay representable.
    /// </summary>
    public static readonly DateTimeOffset CalendarStart = new(1, 1, 4, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The latest instant runs are computed up to: three days before the calendar ends (9999-12-31).</summary>
    public static readonly DateTimeOffset CalendarEnd = new(9999, 12, 28, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The most comma-separated items (values, ranges or steps) in one field: as many as there are
    /// seconds in a minute, so every value of any field can still be listed one by one.
    /// </summary>
    public const int MaxListItems = 60;

    /// <summary>
    /// How many consecutive runs the frequency check looks at. Three are enough: the runs of a
    /// cron fall into (day, hour) slots holding |seconds| × |minutes| runs each, all within one
    /// hour. With one second and one minute value every gap is a whole number of hours (≥ 1); with
    /// more, every slot holds ≥ 2 runs, so of any three consecutive runs two share a slot (the first
    /// may be the tail of a slot, but then the second and third open the next one). In a zone with
    /// daylight saving the runs around each transition of the next year are checked too.
    /// </summary>
    public const int CheckedRuns = 3;

    internal static readonly string[] FieldNames = { "second", "minute", "hour", "day-of-month", "month", "day-of-week" };

    private static readonly string[] s_fieldRanges =
    {
        "0-59",
        "0-59",
        "0-23",
        "1-31, L, W or ?",
        "1-12 or JAN-DEC",
        "SUN-SAT (or 0-7, 0 and 7 = Sunday), L, # or ?",
    };

    // Runs this close to either end of the calendar are not looked at: a zone's offset (±14 h) and
    // the window around a clock change (±26 h) must stay representable.
    private static readonly TimeSpan s_transitionWindow = TimeSpan.FromHours(26);
    private static readonly DateTime s_calendarStart = CalendarStart.UtcDateTime;
    private static readonly DateTime s_calendarEnd = CalendarEnd.UtcDateTime;

    // Where a schedule that fires at all is sure to have fired by the end of the calendar.
    private static readonly DateTimeOffset s_reference = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // A probe where every field fires; one field at a time is replaced by the user's to find the bad one.
    private static readonly string[] s_probe = { "0", "0", "0", "*", "*", "*" };

    /// <summary>
    /// Checks <paramref name="expression"/> against the service's rules, evaluated in UTC from now.
    /// Returns no findings when it is acceptable; otherwise errors with code <c>InvalidCron</c>,
    /// <c>CronTooFrequent</c> or <c>CronNeverFires</c>, the given <paramref name="field"/> and the
    /// expression as value.
    /// </summary>
    public static IReadOnlyList<MgwError> Check(string expression, string field) =>
        Check(expression, field, DateTimeOffset.UtcNow, TimeZoneInfo.Utc);

    /// <summary>
    /// As <see cref="Check(string, string)"/>, from a given instant and in the zone the service is
    /// assumed to evaluate cron in.
    /// </summary>
    public static IReadOnlyList<MgwError> Check(string expression, string field, DateTimeOffset from, TimeZoneInfo serviceZone)
    {
        if (serviceZone is null)
        {
            throw new ArgumentNullException(nameof(serviceZone));
        }

        if (!TryParse(expression, field, out CronExpression? cron, out _, out MgwError? syntaxError))
        {
            return new[] { syntaxError! };
        }

        MgwError? runError = CheckRuns(cron!, expression, field, from, serviceZone);
        return runError is null ? Array.Empty<MgwError>() : new[] { runError };
    }

    /// <summary>
    /// Parses a 6-field expression the service accepts; on failure <paramref name="error"/> says which
    /// field is wrong. <paramref name="fields"/> are the upper-cased fields.
    /// </summary>
    /// <remarks>
    /// <paramref name="origin"/> is the user's 5-field Unix cron when <paramref name="expression"/> was
    /// converted from one: messages then name both, and the error's value is the user's text.
    /// </remarks>
    internal static bool TryParse(string? expression, string field, out CronExpression? cron, out string[] fields, out MgwError? error, string? origin = null)
    {
        cron = null;
        error = null;
        string text = expression ?? "";
        string value = origin ?? expression ?? "";

        // Before anything splits or parses it: the user's text when it was converted, else this one.
        error = CheckSize(origin ?? text, field, value, origin is null ? 6 : 5);
        if (error is not null)
        {
            fields = Array.Empty<string>();
            return false;
        }

        fields = SplitFields(expression);
        string quoted = origin is null ? Quote(text) : $"{Quote(text)} (from the Unix cron {Quote(origin)})";

        if (fields.Length != 6)
        {
            error = Invalid(value, field, FieldCountMessage(text, fields));
            return false;
        }

        for (int i = 0; i < fields.Length; i++)
        {
            fields[i] = fields[i].ToUpperInvariant();
        }

        for (int i = 0; i < fields.Length; i++)
        {
            // Cronos reads '?' as '*' anywhere; Quartz-style services allow it only in the day fields.
            if (i is not (3 or 5) && fields[i].IndexOf('?') >= 0)
            {
                error = Invalid(value, field, FieldMessage(quoted, i, fields[i]));
                return false;
            }
        }

        string joined = string.Join(" ", fields);
        if (CronExpression.TryParse(joined, CronFormat.IncludeSeconds, out CronExpression? parsed) && parsed is not null)
        {
            cron = parsed;
            return true;
        }

        for (int i = 0; i < fields.Length; i++)
        {
            var probe = (string[])s_probe.Clone();
            probe[i] = fields[i];
            if (!CronExpression.TryParse(string.Join(" ", probe), CronFormat.IncludeSeconds, out _))
            {
                error = Invalid(value, field, FieldMessage(quoted, i, fields[i]));
                return false;
            }
        }

        // Every field is fine alone but Cronos rejects them together.
        error = Invalid(value, field, $"{quoted} is not a valid cron expression: each field is valid alone but they do not combine.");
        return false;
    }

    /// <summary>Finds runs less than an hour apart, or no run at all; null when the schedule is fine.</summary>
    internal static MgwError? CheckRuns(CronExpression cron, string expression, string field, DateTimeOffset from, TimeZoneInfo zone)
    {
        MgwError? fromError = CheckFrom(from);
        if (fromError is not null)
        {
            return fromError;
        }

        DateTimeOffset? first = Next(cron, from, zone);
        if (first is null && from > s_reference && Next(cron, s_reference, zone) is not null)
        {
            return new MgwError
            {
                Code = MgwErrorCodes.FromOutOfRange,
                Severity = MgwSeverity.Error,
                Field = "From",
                Value = from,
                Message = string.Format(
                    CultureInfo.InvariantCulture,
                    "{0} has no run between {1:yyyy-MM-dd HH:mm:ss}Z and {2:yyyy-MM-dd}, the last day runs are computed for; give an earlier -From.",
                    Quote(expression), from.UtcDateTime, CalendarEnd.UtcDateTime),
            };
        }

        if (first is null)
        {
            return new MgwError
            {
                Code = MgwErrorCodes.CronNeverFires,
                Severity = MgwSeverity.Error,
                Field = field,
                Value = expression,
                Message = $"{Quote(expression)} is valid cron but never fires: no date matches its day-of-month, month and day-of-week fields (e.g. 30 February). Check the day fields.",
            };
        }

        DateTimeOffset previous = first.Value;
        for (int i = 1; i < CheckedRuns; i++)
        {
            DateTimeOffset? next = Next(cron, previous, zone);
            if (next is null)
            {
                break;
            }

            if (next.Value - previous < MinimumInterval)
            {
                return TooFrequent(expression, field, previous, next.Value);
            }

            previous = next.Value;
        }

        foreach (DateTimeOffset transition in Transitions(zone, from))
        {
            // Skipped or repeated local hours can pull two runs together around a clock change.
            DateTimeOffset? last = null;
            DateTime start = transition.UtcDateTime - s_transitionWindow;
            DateTime end = transition.UtcDateTime + s_transitionWindow;
            foreach (DateTime run in cron.GetOccurrences(start, end, zone))
            {
                var current = new DateTimeOffset(run, TimeSpan.Zero);
                if (last is { } prior && current - prior < MinimumInterval)
                {
                    return TooFrequent(expression, field, prior, current);
                }

                last = current;
            }
        }

        return null;
    }

    /// <summary>
    /// Null when runs can be computed from <paramref name="from"/>; otherwise <c>FromOutOfRange</c>
    /// (field <c>From</c>): it must lie between <see cref="CalendarStart"/> and <see cref="CalendarEnd"/>.
    /// </summary>
    internal static MgwError? CheckFrom(DateTimeOffset from)
    {
        if (from >= CalendarStart && from <= CalendarEnd)
        {
            return null;
        }

        return new MgwError
        {
            Code = MgwErrorCodes.FromOutOfRange,
            Severity = MgwSeverity.Error,
            Field = "From",
            Value = from,
            Message = string.Format(
                CultureInfo.InvariantCulture,
                "-From {0:yyyy-MM-dd HH:mm:ss zzz} is outside the calendar runs are computed in: give an instant from {1:yyyy-MM-dd} to {2:yyyy-MM-dd} (UTC).",
                from, CalendarStart.UtcDateTime, CalendarEnd.UtcDateTime),
        };
    }

    /// <summary>The next run after <paramref name="after"/>, or null when there is none before <see cref="CalendarEnd"/>.</summary>
    internal static DateTimeOffset? Next(CronExpression cron, DateTimeOffset after, TimeZoneInfo zone)
    {
        if (after >= CalendarEnd)
        {
            return null;
        }

        DateTimeOffset? run = cron.GetNextOccurrence(after, zone);
        return run is { } r && r <= CalendarEnd ? r : null;
    }

    internal static string[] SplitFields(string? expression) =>
        (expression ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// Bounds untrusted text before any parser sees it: at most <see cref="MaxExpressionLength"/>
    /// characters, printable ASCII (spaces and tabs between fields) and <see cref="MaxListItems"/>
    /// list items per field; null when within all three.
    /// <paramref name="value"/> is the error's value (the user's input); <paramref name="fieldCount"/>
    /// says how the fields are named: 6 from the second, 5 (Unix cron) from the minute.
    /// </summary>
    internal static MgwError? CheckSize(string? text, string field, string? value, int fieldCount = 6)
    {
        string t = text ?? "";
        if (t.Length > MaxExpressionLength)
        {
            return Invalid(value ?? t, field, string.Format(
                CultureInfo.InvariantCulture,
                "The cron expression '{0}' is too long: at most {1} characters are allowed (a schedule the service accepts needs far fewer).",
                ShownText.Of(t, 40), MaxExpressionLength));
        }

        // Cronos reads a NUL as the end of the text, so "0 0 2 * * *\0anything" would parse as valid:
        // inside the expression only printable ASCII, spaces and tabs (any whitespace at the edges).
        string inner = t.Trim();
        for (int i = 0; i < inner.Length; i++)
        {
            char c = inner[i];
            if (c is not (' ' or '\t' or (>= '!' and <= '~')))
            {
                string what = ShownText.IsHidden(c) ? string.Format(CultureInfo.InvariantCulture, "a control character (U+{0:X4})", (int)c)
                    : char.IsSurrogate(c) ? string.Format(CultureInfo.InvariantCulture, "a non-ASCII character beyond U+FFFF (U+{0:X4}…)", (int)c)
                    : string.Format(CultureInfo.InvariantCulture, "the non-ASCII character '{0}' (U+{1:X4})", c, (int)c);
                return Invalid(value ?? t, field, string.Format(
                    CultureInfo.InvariantCulture,
                    "{0} holds {1} at position {2}: a cron expression is written in ASCII (digits, letters, * ? , - / # and spaces).",
                    Quote(inner), what, i + 1));
            }
        }

        string[] fields = SplitFields(t);
        for (int i = 0; i < fields.Length; i++)
        {
            int items = 1;
            foreach (char c in fields[i])
            {
                if (c == ',') items++;
            }

            if (items > MaxListItems)
            {
                int named = i + (6 - fieldCount);
                string name = fields.Length == fieldCount && named < FieldNames.Length
                    ? $"The {FieldNames[named]} field"
                    : string.Format(CultureInfo.InvariantCulture, "Field {0}", i + 1);
                return Invalid(value ?? t, field, string.Format(
                    CultureInfo.InvariantCulture,
                    "{0} of {1} lists {2} items: at most {3} list items (values, ranges or steps separated by commas) are allowed in a field. Use a range or a step instead, e.g. '0-30' or '*/5'.",
                    name, Quote(t), items, MaxListItems));
            }
        }

        return null;
    }

    /// <summary>An expression quoted for a message: escaped, and never longer than the bound allows.</summary>
    internal static string Quote(string? text) => "'" + ShownText.Of(text, MaxExpressionLength) + "'";

    /// <summary>Instants (UTC) at which <paramref name="zone"/>'s offset changes within a year of <paramref name="from"/>.</summary>
    internal static IEnumerable<DateTimeOffset> Transitions(TimeZoneInfo zone, DateTimeOffset from)
    {
        if (!zone.SupportsDaylightSavingTime)
        {
            yield break;
        }

        DateTimeOffset day = from.ToUniversalTime();
        TimeSpan offset = zone.GetUtcOffset(day);
        for (int i = 0; i < 370 && day.UtcDateTime > s_calendarStart && day.UtcDateTime < s_calendarEnd; i++)
        {
            DateTimeOffset nextDay = day.AddDays(1);
            TimeSpan nextOffset = zone.GetUtcOffset(nextDay);
            if (nextOffset != offset)
            {
                // Narrow to the hour: the check window is wide, the exact minute does not matter.
                DateTimeOffset probe = day;
                while (zone.GetUtcOffset(probe) == offset)
                {
                    probe = probe.AddHours(1);
                }

                yield return probe;
                offset = nextOffset;
            }

            day = nextDay;
        }
    }

    private static string FieldMessage(string quoted, int index, string value)
    {
        string hint = value.IndexOf('?') >= 0 && index is not (3 or 5)
            ? "'?' is allowed only in the day-of-month and day-of-week fields"
            : $"allowed: {s_fieldRanges[index]}, with lists (a,b), ranges (a-b) and steps (*/n, a-b/n)";
        return string.Format(
            CultureInfo.InvariantCulture,
            "{0} is not a valid cron expression: the {1} field (field {2} of 6) '{3}' is not valid; {4}.",
            quoted, FieldNames[index], index + 1, ShownText.Of(value, MaxExpressionLength), hint);
    }

    private static MgwError TooFrequent(string expression, string field, DateTimeOffset a, DateTimeOffset b)
    {
        TimeSpan gap = b - a;
        return new MgwError
        {
            Code = MgwErrorCodes.CronTooFrequent,
            Severity = MgwSeverity.Error,
            Field = field,
            Value = expression,
            Message = string.Format(
                CultureInfo.InvariantCulture,
                "{0} runs at {1:yyyy-MM-dd HH:mm:ss}Z and again {2} later; the service needs at least 1 hour between runs. Use a single second and a single minute value (e.g. '0 0 * * * *' runs hourly).",
                Quote(expression), a.UtcDateTime, Describe(gap)),
        };
    }

    private static string Describe(TimeSpan gap) =>
        gap.TotalMinutes >= 1
            ? string.Format(CultureInfo.InvariantCulture, "{0:0.#} minutes", gap.TotalMinutes)
            : string.Format(CultureInfo.InvariantCulture, "{0:0} seconds", gap.TotalSeconds);

    private static string FieldCountMessage(string text, string[] fields)
    {
        if (fields.Length == 0)
        {
            return "The cron expression is empty; give 6 fields: second minute hour day-of-month month day-of-week (e.g. '0 0 2 * * *').";
        }

        string got = string.Format(CultureInfo.InvariantCulture, "{0} has {1} field{2}; the service needs 6: second minute hour day-of-month month day-of-week (e.g. '0 0 2 * * *').", Quote(text), fields.Length, fields.Length == 1 ? "" : "s");
        if (fields.Length == 5)
        {
            return got + $" It looks like a 5-field Unix cron: convert it with ConvertTo-MgwCron -Expression {Quote(text.Trim())}.";
        }

        if (fields.Length == 7)
        {
            return got + " A 7th (year) field is not accepted.";
        }

        return got;
    }

    private static MgwError Invalid(string expression, string field, string message) => new()
    {
        Code = MgwErrorCodes.InvalidCron,
        Severity = MgwSeverity.Error,
        Field = field,
        Value = expression,
        Message = message,
    };
}
