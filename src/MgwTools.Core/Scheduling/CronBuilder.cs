using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security;
using Cronos;

namespace MgwTools.Core.Scheduling;

/// <summary>Settings for building an <see cref="MgwCron"/>.</summary>
public sealed class CronOptions
{
    /// <summary>How many upcoming runs to list (0 for none).</summary>
    public int Next { get; set; } = 5;

    /// <summary>List runs after this instant; default now.</summary>
    public DateTimeOffset? From { get; set; }

    /// <summary>The zone the runs are shown in; default the machine's local zone.</summary>
    public TimeZoneInfo? TimeZone { get; set; }

    /// <summary>The zone the service is assumed to evaluate cron in (undocumented); default UTC.</summary>
    public TimeZoneInfo? ServiceTimeZone { get; set; }

    /// <summary>The parameter named in errors.</summary>
    public string Field { get; set; } = "Expression";
}

/// <summary>
/// Builds <see cref="MgwCron"/> schedules from friendly input (daily, weekly, monthly, hourly), from a
/// 5-field Unix cron or from a 6-field expression. Every result passes <see cref="CronRules"/>; a
/// schedule the service would refuse throws an <see cref="MgwException"/> with code
/// <c>InvalidCron</c>, <c>CronTooFrequent</c> or <c>CronNeverFires</c>.
/// </summary>
public static class CronBuilder
{
    /// <summary>Every day at <paramref name="at"/> (time of day in the service zone).</summary>
    public static MgwCron Daily(TimeSpan at, CronOptions? options = null) =>
        Create($"{TimeFields(at)} * * *", null, options);

    /// <summary>On the given days of the week at <paramref name="at"/>.</summary>
    public static MgwCron Weekly(IEnumerable<DayOfWeek> days, TimeSpan at, CronOptions? options = null)
    {
        int[] numbers = (days ?? throw new ArgumentNullException(nameof(days))).Select(d => (int)d).Distinct().ToArray();
        if (numbers.Length == 0)
        {
            throw new ArgumentException("Give at least one day of the week.", nameof(days));
        }

        if (numbers.Any(n => n is < 0 or > 6))
        {
            throw new ArgumentOutOfRangeException(nameof(days), "Days of the week are Sunday to Saturday.");
        }

        return Create($"{TimeFields(at)} ? * {string.Join(",", numbers.Select(n => CronText.DayNames[n]))}", null, options);
    }

    /// <summary>On the given days of the month (1–31) at <paramref name="at"/>; months without the day are skipped.</summary>
    public static MgwCron Monthly(IEnumerable<int> daysOfMonth, TimeSpan at, CronOptions? options = null)
    {
        int[] days = (daysOfMonth ?? throw new ArgumentNullException(nameof(daysOfMonth))).Distinct().OrderBy(d => d).ToArray();
        if (days.Length == 0)
        {
            throw new ArgumentException("Give at least one day of the month.", nameof(daysOfMonth));
        }

        if (days[0] < 1 || days[days.Length - 1] > 31)
        {
            throw new ArgumentOutOfRangeException(nameof(daysOfMonth), "Days of the month are 1 to 31.");
        }

        return Create($"{TimeFields(at)} {string.Join(",", days.Select(d => d.ToString(CultureInfo.InvariantCulture)))} * ?", null, options);
    }

    /// <summary>Every hour at <paramref name="minute"/> past the hour (0–59).</summary>
    public static MgwCron Hourly(int minute, CronOptions? options = null)
    {
        if (minute is < 0 or > 59)
        {
            throw new ArgumentOutOfRangeException(nameof(minute), "The minute is 0 to 59.");
        }

        return Create($"0 {minute.ToString(CultureInfo.InvariantCulture)} * * * *", null, options);
    }

    /// <summary>
    /// From a 6-field expression (validated, normalised: day-of-week as names) or a 5-field Unix
    /// cron (seconds 0 prepended; day-of-week numbers 0–7 with 0 and 7 Sunday, names, ranges,
    /// lists, steps), or a Unix macro such as <c>@daily</c>.
    /// </summary>
    public static MgwCron FromExpression(string expression, CronOptions? options = null)
    {
        string field = options?.Field ?? "Expression";
        MgwError? sizeError = CronRules.CheckSize(expression, field, expression, CronRules.SplitFields(expression).Length == 5 ? 5 : 6);
        if (sizeError is not null)
        {
            throw new MgwException(sizeError);
        }

        string text = (expression ?? "").Trim();
        if (CronText.Macros.TryGetValue(text, out string? macro))
        {
            return Create(macro, text, options);
        }

        string[] fields = CronRules.SplitFields(text);
        switch (fields.Length)
        {
            case 6:
                return Create(text, null, options);
            case 5:
                string dayOfMonth = fields[2];
                string dayOfWeek = fields[4];
                if (CronText.IsUnixRestricted(dayOfMonth) && CronText.IsUnixRestricted(dayOfWeek))
                {
                    throw Failure(MgwErrorCodes.InvalidCron, field, expression, string.Format(
                        CultureInfo.InvariantCulture,
                        "In Unix cron {0} runs when EITHER the day of month ({1}) OR the day of week ({2}) matches; the service's 6-field dialect cannot say 'either'. Use two schedules, one with the day of month and '*' as day of week, one the other way round.",
                        CronRules.Quote(text), ShownText.Of(dayOfMonth), ShownText.Of(dayOfWeek)));
                }

                return Create("0 " + string.Join(" ", fields), text, options);
            case 0:
                throw Failure(MgwErrorCodes.InvalidCron, field, expression, "The cron expression is empty; give a 5-field Unix cron (minute hour day-of-month month day-of-week) or a 6-field one with seconds first (e.g. '0 0 2 * * *').");
            default:
                string extra = fields.Length == 7 ? " A 7th (year) field is not accepted by the service." : "";
                throw Failure(MgwErrorCodes.InvalidCron, field, expression, string.Format(
                    CultureInfo.InvariantCulture,
                    "{0} has {1} field{2}; give a 5-field Unix cron (minute hour day-of-month month day-of-week) or a 6-field one with seconds first (second minute hour day-of-month month day-of-week).{3}",
                    CronRules.Quote(text), fields.Length, fields.Length == 1 ? "" : "s", extra));
        }
    }

    /// <summary>
    /// True when a 6-field <paramref name="expression"/> gives day-of-week as numbers: they are read
    /// the Unix way (0 and 7 = Sunday, 1 = Monday), while Quartz counts 1 = Sunday.
    /// </summary>
    public static bool HasNumericDayOfWeek(string expression)
    {
        string[] fields = CronRules.SplitFields(expression);
        return CronText.HasNumericDayOfWeek(fields);
    }

    /// <summary>The longest time zone id looked up; real ids (IANA or Windows) are under 40 characters.</summary>
    public const int MaxTimeZoneIdLength = 64;

    /// <summary>
    /// The zone with a Windows or IANA id (.NET 6+ accepts both on every OS); code
    /// <c>InvalidTimeZone</c> when the machine does not know it.
    /// </summary>
    public static TimeZoneInfo FindTimeZone(string id, string field = "TimeZone")
    {
        if (TryFindTimeZone(id, out TimeZoneInfo? zone, out Exception? cause))
        {
            return zone!;
        }

        throw new MgwException(
            new MgwError
            {
                Code = MgwErrorCodes.InvalidTimeZone,
                Severity = MgwSeverity.Error,
                Field = field,
                Value = id,
                Message = $"'{ShownText.Of((id ?? "").Trim())}' is not a time zone this machine knows. Give an IANA id (e.g. 'Europe/Berlin', 'Asia/Shanghai') or a Windows id (e.g. 'W. Europe Standard Time'); Get-TimeZone -ListAvailable lists them.",
            },
            cause);
    }

    /// <summary>
    /// Looks a zone up by id (trimmed; <c>UTC</c> and <c>Z</c> are UTC) without throwing: an id
    /// that is empty, longer than <see cref="MaxTimeZoneIdLength"/> or holds a control character is
    /// not looked up, and every way the lookup can fail (unknown id, a folder or unreadable file
    /// under the zone database, a malformed file) gives false, with the cause when there is one.
    /// </summary>
    internal static bool TryFindTimeZone(string? id, out TimeZoneInfo? zone, out Exception? cause)
    {
        zone = null;
        cause = null;
        string text = (id ?? "").Trim();
        if (text.Equals("UTC", StringComparison.OrdinalIgnoreCase) || text.Equals("Z", StringComparison.OrdinalIgnoreCase))
        {
            zone = TimeZoneInfo.Utc;
            return true;
        }

        if (text.Length == 0 || text.Length > MaxTimeZoneIdLength || text.Any(ShownText.IsHidden))
        {
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(text);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or SecurityException
                                      or IOException or UnauthorizedAccessException or ArgumentException)
        {
            // On Linux an id naming a folder of the zone database ('America') is a SecurityException.
            cause = e;
            return false;
        }
    }

    /// <summary>The display name of a zone in descriptions: <c>UTC</c> or its id.</summary>
    internal static string ZoneName(TimeZoneInfo zone) =>
        zone == TimeZoneInfo.Utc || zone.Id is "UTC" or "Etc/UTC" ? "UTC" : zone.Id;

    private static MgwCron Create(string expression, string? origin, CronOptions? options)
    {
        options ??= new CronOptions();
        string value = origin ?? expression;
        if (!CronRules.TryParse(expression, options.Field, out CronExpression? cron, out string[] fields, out MgwError? error, origin))
        {
            throw new MgwException(error!);
        }

        TimeZoneInfo serviceZone = options.ServiceTimeZone ?? TimeZoneInfo.Utc;
        TimeZoneInfo displayZone = options.TimeZone ?? TimeZoneInfo.Local;
        DateTimeOffset from = options.From ?? DateTimeOffset.UtcNow;
        CheckFrom(from);

        MgwError? runError = CronRules.CheckRuns(cron!, value, options.Field, from, serviceZone);
        if (runError is not null)
        {
            throw new MgwException(runError);
        }

        // The canonical text must mean exactly what was parsed; if it ever did not, keep the input's.
        string canonical = CronText.Canonical(fields);
        if (!CronExpression.TryParse(canonical, CronFormat.IncludeSeconds, out CronExpression? check) || !cron!.Equals(check))
        {
            canonical = string.Join(" ", fields);
        }

        string description = CronText.Describe(CronRules.SplitFields(canonical), ZoneName(serviceZone));
        var next = new List<MgwCronOccurrence>(Math.Max(0, options.Next));
        string displayName = ZoneName(displayZone);
        DateTimeOffset cursor = from;
        for (int i = 0; i < options.Next; i++)
        {
            // Stops at the end of the calendar: a run near 9999-12-31 cannot be shown in every zone.
            DateTimeOffset? run = CronRules.Next(cron!, cursor, serviceZone);
            if (run is null)
            {
                break;
            }

            next.Add(new MgwCronOccurrence(run.Value.ToUniversalTime(), TimeZoneInfo.ConvertTime(run.Value, displayZone), displayName));
            cursor = run.Value;
        }

        return new MgwCron(canonical, description, displayName, ZoneName(serviceZone), next);
    }

    /// <summary>
    /// Throws <c>FromOutOfRange</c> (field <c>From</c>) unless runs can be listed from
    /// <paramref name="from"/>: between <see cref="CronRules.CalendarStart"/> and <see cref="CronRules.CalendarEnd"/>.
    /// </summary>
    public static void CheckFrom(DateTimeOffset from)
    {
        if (CronRules.CheckFrom(from) is { } error)
        {
            throw new MgwException(error);
        }
    }

    private static string TimeFields(TimeSpan at)
    {
        if (at < TimeSpan.Zero || at >= TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(at), "The time of day is 00:00:00 to 23:59:59.");
        }

        return string.Format(CultureInfo.InvariantCulture, "{0} {1} {2}", at.Seconds, at.Minutes, at.Hours);
    }

    private static MgwException Failure(string code, string field, string? value, string message) =>
        new(new MgwError { Code = code, Severity = MgwSeverity.Error, Field = field, Value = value, Message = message });
}
