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
    internal static bool TryParse(string? expression, string field, out CronExpression? cron, out string[] fields, out MgwError? error)
    {
        cron = null;
        error = null;
        fields = SplitFields(expression);
        string text = expression ?? "";

        if (fields.Length != 6)
        {
            error = Invalid(text, field, FieldCountMessage(text, fields));
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
                error = Invalid(text, field, FieldMessage(text, i, fields[i]));
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
                error = Invalid(text, field, FieldMessage(text, i, fields[i]));
                return false;
            }
        }

        // Every field is fine alone but not together (e.g. '?' in both day fields).
        error = Invalid(text, field, $"'{text}' is not a valid cron expression: its fields do not combine (for instance '?' in both day fields).");
        return false;
    }

    /// <summary>Finds runs less than an hour apart, or no run at all; null when the schedule is fine.</summary>
    internal static MgwError? CheckRuns(CronExpression cron, string expression, string field, DateTimeOffset from, TimeZoneInfo zone)
    {
        DateTimeOffset? first = cron.GetNextOccurrence(from, zone);
        if (first is null)
        {
            return new MgwError
            {
                Code = MgwErrorCodes.CronNeverFires,
                Severity = MgwSeverity.Error,
                Field = field,
                Value = expression,
                Message = $"'{expression}' is valid cron but never fires: no date matches its day-of-month, month and day-of-week fields (e.g. 30 February). Check the day fields.",
            };
        }

        DateTimeOffset previous = first.Value;
        for (int i = 1; i < CheckedRuns; i++)
        {
            DateTimeOffset? next = cron.GetNextOccurrence(previous, zone);
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
            foreach (DateTime run in cron.GetOccurrences(transition.UtcDateTime.AddHours(-26), transition.UtcDateTime.AddHours(26), zone))
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

    internal static string[] SplitFields(string? expression) =>
        (expression ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Instants (UTC) at which <paramref name="zone"/>'s offset changes within a year of <paramref name="from"/>.</summary>
    internal static IEnumerable<DateTimeOffset> Transitions(TimeZoneInfo zone, DateTimeOffset from)
    {
        if (!zone.SupportsDaylightSavingTime)
        {
            yield break;
        }

        DateTimeOffset day = from.ToUniversalTime();
        TimeSpan offset = zone.GetUtcOffset(day);
        for (int i = 0; i < 370; i++)
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

    private static string FieldMessage(string text, int index, string value)
    {
        string hint = value.IndexOf('?') >= 0 && index is not (3 or 5)
            ? "'?' is allowed only in the day-of-month and day-of-week fields"
            : $"allowed: {s_fieldRanges[index]}, with lists (a,b), ranges (a-b) and steps (*/n, a-b/n)";
        return string.Format(
            CultureInfo.InvariantCulture,
            "'{0}' is not a valid cron expression: field {1} ({2}) '{3}' is not valid; {4}.",
            text, index + 1, FieldNames[index], value, hint);
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
                "'{0}' runs at {1:yyyy-MM-dd HH:mm:ss}Z and again {2} later; the service needs at least 1 hour between runs. Use a single second and a single minute value (e.g. '0 0 * * * *' runs hourly).",
                expression, a.UtcDateTime, Describe(gap)),
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

        string got = string.Format(CultureInfo.InvariantCulture, "'{0}' has {1} field{2}; the service needs 6: second minute hour day-of-month month day-of-week (e.g. '0 0 2 * * *').", text, fields.Length, fields.Length == 1 ? "" : "s");
        if (fields.Length == 5)
        {
            return got + $" It looks like a 5-field Unix cron: convert it with ConvertTo-MgwCron -Expression '{text.Trim()}'.";
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
