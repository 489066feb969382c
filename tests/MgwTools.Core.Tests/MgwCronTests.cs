using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MgwTools.Core.Scheduling;

namespace MgwTools.Core.Tests;

public class MgwCronTests
{
    private static readonly DateTimeOffset From = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static CronOptions Options(int next = 3, string? zone = null, string? serviceZone = null, DateTimeOffset? from = null) => new()
    {
        Next = next,
        From = from ?? From,
        TimeZone = zone is null ? TimeZoneInfo.Utc : CronBuilder.FindTimeZone(zone),
        ServiceTimeZone = serviceZone is null ? null : CronBuilder.FindTimeZone(serviceZone),
    };

    [Fact]
    public void Daily_IsTheVendorsExample()
    {
        MgwCron cron = CronBuilder.Daily(new TimeSpan(2, 0, 0), Options());

        Assert.Equal("0 0 2 * * *", cron.Expression);
        Assert.Equal("0 0 2 * * *", cron.ToString());
        Assert.Equal("At 02:00:00, every day (UTC)", cron.Description);
        Assert.Equal("UTC", cron.ServiceTimeZone);
        Assert.Equal(
            new[] { "2026-01-01T02:00:00.0000000+00:00", "2026-01-02T02:00:00.0000000+00:00", "2026-01-03T02:00:00.0000000+00:00" },
            cron.Next.Select(o => o.Utc.ToString("o", CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("14:05:30", "30 5 14 * * *", "At 14:05:30, every day (UTC)")]
    [InlineData("00:00", "0 0 0 * * *", "At 00:00:00, every day (UTC)")]
    [InlineData("23:59:59", "59 59 23 * * *", "At 23:59:59, every day (UTC)")]
    public void Daily_AtAnyTime(string at, string expression, string description)
    {
        MgwCron cron = CronBuilder.Daily(TimeSpan.Parse(at, CultureInfo.InvariantCulture), Options());

        Assert.Equal(expression, cron.Expression);
        Assert.Equal(description, cron.Description);
    }

    [Theory]
    [InlineData(new[] { DayOfWeek.Monday, DayOfWeek.Friday }, "0 30 9 ? * MON,FRI", "At 09:30:00, on Monday and Friday (UTC)")]
    [InlineData(new[] { DayOfWeek.Friday, DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday }, "0 30 9 ? * MON-FRI", "At 09:30:00, on Monday through Friday (UTC)")]
    [InlineData(new[] { DayOfWeek.Saturday, DayOfWeek.Sunday }, "0 30 9 ? * SUN,SAT", "At 09:30:00, on Sunday and Saturday (UTC)")]
    [InlineData(new[] { DayOfWeek.Sunday }, "0 30 9 ? * SUN", "At 09:30:00, on Sunday (UTC)")]
    [InlineData(new[] { DayOfWeek.Monday, DayOfWeek.Monday }, "0 30 9 ? * MON", "At 09:30:00, on Monday (UTC)")]
    public void Weekly_UsesDayNames(DayOfWeek[] days, string expression, string description)
    {
        MgwCron cron = CronBuilder.Weekly(days, new TimeSpan(9, 30, 0), Options());

        Assert.Equal(expression, cron.Expression);
        Assert.Equal(description, cron.Description);
        Assert.All(cron.Next, o => Assert.Contains(o.Utc.DayOfWeek, days));
    }

    [Theory]
    [InlineData(new[] { 1, 15 }, "0 0 0 1,15 * ?", "At 00:00:00, on days 1 and 15 of the month (UTC)")]
    [InlineData(new[] { 31 }, "0 0 0 31 * ?", "At 00:00:00, on day 31 of the month (UTC)")]
    [InlineData(new[] { 3, 1, 2 }, "0 0 0 1,2,3 * ?", "At 00:00:00, on days 1 through 3 of the month (UTC)")]
    public void Monthly_OnDaysOfTheMonth(int[] days, string expression, string description)
    {
        MgwCron cron = CronBuilder.Monthly(days, TimeSpan.Zero, Options());

        Assert.Equal(expression, cron.Expression);
        Assert.Equal(description, cron.Description);
        Assert.All(cron.Next, o => Assert.Contains(o.Utc.Day, days));
    }

    [Fact]
    public void Monthly_Day31_SkipsShortMonths()
    {
        MgwCron cron = CronBuilder.Monthly(new[] { 31 }, TimeSpan.Zero, Options(next: 3));

        Assert.Equal(new[] { 1, 3, 5 }, cron.Next.Select(o => o.Utc.Month));
    }

    [Theory]
    [InlineData(0, "0 0 * * * *", "Every hour at minute 0 (UTC)")]
    [InlineData(15, "0 15 * * * *", "Every hour at minute 15 (UTC)")]
    public void Hourly_IsAllowed(int minute, string expression, string description)
    {
        MgwCron cron = CronBuilder.Hourly(minute, Options());

        Assert.Equal(expression, cron.Expression);
        Assert.Equal(description, cron.Description);
        Assert.Equal(TimeSpan.FromHours(1), cron.Next[1].Utc - cron.Next[0].Utc);
    }

    [Theory]
    // Unix 5-field → 6-field, day-of-week as names.
    [InlineData("0 2 * * *", "0 0 2 * * *")]
    [InlineData("30 9 * * 1-5", "0 30 9 * * MON-FRI")]
    [InlineData("0 0 * * 0", "0 0 0 * * SUN")]
    [InlineData("0 0 * * 7", "0 0 0 * * SUN")]
    [InlineData("0 0 * * 0,7", "0 0 0 * * SUN")]
    [InlineData("0 0 * * 6,0", "0 0 0 * * SUN,SAT")]
    [InlineData("0 0 * * 5-7", "0 0 0 * * SUN,FRI,SAT")]
    [InlineData("0 0 * * 1-7", "0 0 0 * * *")]
    [InlineData("0 0 * * */2", "0 0 0 * * SUN,TUE,THU,SAT")]
    [InlineData("0 0 * * 1-5/2", "0 0 0 * * MON,WED,FRI")]
    [InlineData("0 0 * * mon,fri", "0 0 0 * * MON,FRI")]
    [InlineData("0 0 * * MON-WED", "0 0 0 * * MON-WED")]
    [InlineData("0 0 * * fri-sun", "0 0 0 * * SUN,FRI,SAT")]
    [InlineData("0 0 1 jan *", "0 0 0 1 1 *")]
    [InlineData("0 0 1 jan-mar,oct *", "0 0 0 1 1-3,10 *")]
    [InlineData("15 */2 * * *", "0 15 */2 * * *")]
    [InlineData("0 0 1,15 * *", "0 0 0 1,15 * *")]
    [InlineData("0 0 */2 * 1", "0 0 0 */2 * MON")]
    [InlineData("@daily", "0 0 0 * * *")]
    [InlineData("@weekly", "0 0 0 * * SUN")]
    [InlineData("@hourly", "0 0 * * * *")]
    // 6-field passthrough, normalised.
    [InlineData("0 0 2 * * *", "0 0 2 * * *")]
    [InlineData("  0   0  2 * * ?  ", "0 0 2 * * ?")]
    [InlineData("0 30 9 ? * 1-5", "0 30 9 ? * MON-FRI")]
    [InlineData("0 30 9 ? * 0", "0 30 9 ? * SUN")]
    [InlineData("0 0 12 1 jan-jun ?", "0 0 12 1 1-6 ?")]
    [InlineData("0 0 0 ? * 5L", "0 0 0 ? * FRIL")]
    [InlineData("0 0 0 ? * fri#3", "0 0 0 ? * FRI#3")]
    [InlineData("0 0 0 l * ?", "0 0 0 L * ?")]
    [InlineData("0 0 0 15W * ?", "0 0 0 15W * ?")]
    [InlineData("0 0 0 * * MON-SUN", "0 0 0 * * *")]
    public void FromExpression_Converts(string input, string expected)
    {
        MgwCron cron = CronBuilder.FromExpression(input, Options());

        Assert.Equal(expected, cron.Expression);
    }

    [Theory]
    [InlineData("0 0 2 * * *", "At 02:00:00, every day (UTC)")]
    [InlineData("0 30 9 ? * MON,FRI", "At 09:30:00, on Monday and Friday (UTC)")]
    [InlineData("0 0 1,13 * * *", "At 01:00:00 and 13:00:00, every day (UTC)")]
    [InlineData("0 0 */2 * * *", "At minute 0 of hours 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20 and 22, every day (UTC)")]
    [InlineData("0 15 9-17 * * MON-FRI", "At minute 15 of hours 9 through 17, on Monday through Friday (UTC)")]
    [InlineData("30 0 * * * *", "Every hour at minute 0, second 30 (UTC)")]
    [InlineData("0 0 * * * SAT,SUN", "Every hour at minute 0, on Sunday and Saturday (UTC)")]
    [InlineData("0 0 0 1 1,7 *", "At 00:00:00, on day 1 of the month, in January and July (UTC)")]
    [InlineData("0 0 0 * 1-3 *", "At 00:00:00, every day, in January through March (UTC)")]
    [InlineData("0 0 0 L * ?", "At 00:00:00, on the last day of the month (UTC)")]
    [InlineData("0 0 0 LW * ?", "At 00:00:00, on the last weekday of the month (UTC)")]
    [InlineData("0 0 0 L-3 * ?", "At 00:00:00, on the day 3 days before the last day of the month (UTC)")]
    [InlineData("0 0 0 15W * ?", "At 00:00:00, on the weekday nearest day 15 of the month (UTC)")]
    [InlineData("0 0 0 ? * 5L", "At 00:00:00, on the last Friday of the month (UTC)")]
    [InlineData("0 0 0 ? * MON#2", "At 00:00:00, on the second Monday of the month (UTC)")]
    [InlineData("0 0 0 13 * FRI", "At 00:00:00, on day 13 of the month, if that day is Friday (UTC)")]
    public void Description_IsPlainEnglish(string expression, string description)
    {
        Assert.Equal(description, CronBuilder.FromExpression(expression, Options()).Description);
    }

    [Fact]
    public void Description_NamesTheAssumedServiceZone()
    {
        MgwCron cron = CronBuilder.Daily(new TimeSpan(2, 0, 0), Options(serviceZone: "Asia/Shanghai"));

        Assert.Equal("At 02:00:00, every day (Asia/Shanghai)", cron.Description);
        Assert.Equal("Asia/Shanghai", cron.ServiceTimeZone);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 18, 0, 0, TimeSpan.Zero), cron.Next[0].Utc);
    }

    [Theory]
    [InlineData("", MgwErrorCodes.InvalidCron, "is empty")]
    [InlineData("0 2 * *", MgwErrorCodes.InvalidCron, "'0 2 * *' has 4 fields; give a 5-field Unix cron")]
    [InlineData("0 0 2 * * * 2026", MgwErrorCodes.InvalidCron, "A 7th (year) field")]
    [InlineData("0 25 * * *", MgwErrorCodes.InvalidCron, "'0 0 25 * * *' (from the Unix cron '0 25 * * *') is not a valid cron expression: the hour field")]
    [InlineData("0 0 13 * 5", MgwErrorCodes.InvalidCron, "runs when EITHER the day of month (13) OR the day of week (5) matches")]
    [InlineData("0 0 2 * * 8", MgwErrorCodes.InvalidCron, "the day-of-week field (field 6 of 6) '8' is not valid")]
    [InlineData("@reboot", MgwErrorCodes.InvalidCron, "has 1 field")]
    [InlineData("0 */30 * * * *", MgwErrorCodes.CronTooFrequent, "again 30 minutes later")]
    [InlineData("*/5 * * * *", MgwErrorCodes.CronTooFrequent, "again 5 minutes later")]
    [InlineData("0 0,30 2 * * *", MgwErrorCodes.CronTooFrequent, "again 30 minutes later")]
    [InlineData("0 0 0 30 2 *", MgwErrorCodes.CronNeverFires, "never fires")]
    [InlineData("0 0 31 4 *", MgwErrorCodes.CronNeverFires, "never fires")]
    public void FromExpression_Errors(string input, string code, string message)
    {
        var e = Assert.Throws<MgwException>(() => CronBuilder.FromExpression(input, Options()));

        Assert.Equal(code, e.Error.Code);
        Assert.Equal(MgwSeverity.Error, e.Error.Severity);
        Assert.Equal("Expression", e.Error.Field);
        Assert.Equal(input, e.Error.Value);
        Assert.Contains(message, e.Error.Message, StringComparison.Ordinal);
        Assert.Equal(e.Error.Message, e.Message);
    }

    [Theory]
    [InlineData("Europe/Berlin")]
    [InlineData("W. Europe Standard Time")]
    public void Next_AcrossSpringForward_ShowsTheLocalOffsetChange(string zone)
    {
        MgwCron cron = CronBuilder.Daily(new TimeSpan(2, 0, 0), Options(next: 3, zone: zone, from: new DateTimeOffset(2026, 3, 27, 12, 0, 0, TimeSpan.Zero)));

        Assert.Equal(zone, cron.TimeZone);
        Assert.Equal(
            new[] { "2026-03-28T02:00:00Z", "2026-03-29T02:00:00Z", "2026-03-30T02:00:00Z" },
            cron.Next.Select(o => o.Utc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
        Assert.Equal(
            new[] { "2026-03-28T03:00:00+01:00", "2026-03-29T04:00:00+02:00", "2026-03-30T04:00:00+02:00" },
            cron.Next.Select(o => o.Local.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)));
        Assert.All(cron.Next, o => Assert.Equal(o.Utc, o.Local));
        Assert.All(cron.Next, o => Assert.Equal(TimeSpan.Zero, o.Utc.Offset));
    }

    [Fact]
    public void Next_AcrossFallBack_InBerlin()
    {
        MgwCron cron = CronBuilder.Daily(new TimeSpan(0, 30, 0), Options(next: 2, zone: "Europe/Berlin", from: new DateTimeOffset(2026, 10, 24, 12, 0, 0, TimeSpan.Zero)));

        Assert.Equal(
            new[] { "2026-10-25T00:30:00Z=2026-10-25T02:30:00+02:00", "2026-10-26T00:30:00Z=2026-10-26T01:30:00+01:00" },
            cron.Next.Select(o => $"{o.Utc.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}={o.Local:yyyy-MM-dd'T'HH:mm:sszzz}"));
        Assert.Equal("2026-10-25 00:30:00Z = Sun 2026-10-25 02:30:00 +02:00 (Europe/Berlin)", cron.Next[0].ToString());
    }

    [Fact]
    public void Next_WhenTheServiceEvaluatesInBerlin_TheSkippedHourMovesTheRun()
    {
        // 02:00 does not exist in Berlin on 29 March 2026: Cronos (like most schedulers) runs at 03:00 CEST.
        MgwCron cron = CronBuilder.Daily(new TimeSpan(2, 0, 0), Options(next: 2, zone: "Europe/Berlin", serviceZone: "Europe/Berlin", from: new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero)));

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), cron.Next[0].Utc);
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 0, 0, 0, TimeSpan.Zero), cron.Next[1].Utc);
        Assert.Equal("Europe/Berlin", cron.ServiceTimeZone);
    }

    [Fact]
    public void Next_Zero_ListsNothingButStillValidates()
    {
        Assert.Empty(CronBuilder.Daily(new TimeSpan(2, 0, 0), Options(next: 0)).Next);
        Assert.Throws<MgwException>(() => CronBuilder.FromExpression("0 0 0 30 2 *", Options(next: 0)));
    }

    [Theory]
    [InlineData("Europe/Berlin")]
    [InlineData("W. Europe Standard Time")]
    [InlineData("Asia/Shanghai")]
    [InlineData("China Standard Time")]
    [InlineData("UTC")]
    [InlineData("utc")]
    public void FindTimeZone_TakesWindowsAndIanaIds(string id)
    {
        Assert.NotNull(CronBuilder.FindTimeZone(id));
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("")]
    [InlineData("Not A Zone Standard Time")]
    public void FindTimeZone_Unknown_IsInvalidTimeZone(string id)
    {
        var e = Assert.Throws<MgwException>(() => CronBuilder.FindTimeZone(id));

        Assert.Equal(MgwErrorCodes.InvalidTimeZone, e.Error.Code);
        Assert.Equal("TimeZone", e.Error.Field);
        Assert.Equal(id, e.Error.Value);
        Assert.Contains("is not a time zone this machine knows", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0 0 2 * * 1", true)]
    [InlineData("0 0 2 * * 1-5", true)]
    [InlineData("0 0 2 * * MON", false)]
    [InlineData("0 0 2 * * *", false)]
    [InlineData("0 0 2 ? * MON#2", false)]
    public void HasNumericDayOfWeek(string expression, bool numeric)
    {
        Assert.Equal(numeric, CronBuilder.HasNumericDayOfWeek(expression));
    }

    [Theory]
    [InlineData("02:00", "02:00:00")]
    [InlineData("2:00", "02:00:00")]
    [InlineData("14:05:30", "14:05:30")]
    [InlineData("2:30 PM", "14:30:00")]
    [InlineData("2:30 pm", "14:30:00")]
    [InlineData("12:00 AM", "00:00:00")]
    [InlineData("2 PM", "14:00:00")]
    [InlineData(" 23:59 ", "23:59:00")]
    [InlineData("2026-01-01 02:15", "02:15:00")]
    public void TimeOfDay_ParsesWhatPeopleType(string text, string expected)
    {
        Assert.True(TimeOfDayText.TryConvert(text, out TimeSpan value, out _));
        Assert.Equal(TimeSpan.Parse(expected, CultureInfo.InvariantCulture), value);
    }

    [Fact]
    public void TimeOfDay_TakesDateTimesAndTimeSpans_DroppingFractions()
    {
        Assert.True(TimeOfDayText.TryConvert(new DateTime(2026, 1, 1, 2, 3, 4, 500, DateTimeKind.Local), out TimeSpan fromDateTime, out _));
        Assert.Equal(new TimeSpan(2, 3, 4), fromDateTime);
        Assert.True(TimeOfDayText.TryConvert(new DateTimeOffset(2026, 1, 1, 2, 3, 4, TimeSpan.FromHours(8)), out TimeSpan fromOffset, out _));
        Assert.Equal(new TimeSpan(2, 3, 4), fromOffset);
        Assert.True(TimeOfDayText.TryConvert(new TimeSpan(0, 14, 5, 30, 999), out TimeSpan fromSpan, out _));
        Assert.Equal(new TimeSpan(14, 5, 30), fromSpan);
    }

    [Theory]
    [InlineData("25:00")]
    [InlineData("noon")]
    [InlineData("")]
    [InlineData(2)]
    public void TimeOfDay_RejectsTheRest(object input)
    {
        Assert.False(TimeOfDayText.TryConvert(input, out _, out string error));
        Assert.Contains("is not a time of day", error, StringComparison.Ordinal);
        Assert.False(TimeOfDayText.TryConvert(TimeSpan.FromHours(24), out _, out _));
        Assert.False(TimeOfDayText.TryConvert(TimeSpan.FromHours(-1), out _, out _));
    }

    [Fact]
    public void FromExpression_The240KbRepro_IsInvalidCron_NamingTheLimit()
    {
        string huge = "0 0 " + string.Join(",", Enumerable.Repeat("1", 120000)) + " * * *";

        var e = Assert.Throws<MgwException>(() => CronBuilder.FromExpression(huge, Options()));

        Assert.Equal(MgwErrorCodes.InvalidCron, e.Error.Code);
        Assert.Equal("Expression", e.Error.Field);
        Assert.Equal(huge, e.Error.Value);
        Assert.Contains("is too long: at most 256 characters are allowed", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0 0 2 * * *\0")]           // was an IndexOutOfRangeException: Cronos stopped at the NUL
    [InlineData("0 0 2 * * MON\0garbage")]
    [InlineData("0 2 * * *\0")]
    public void FromExpression_Nul_IsInvalidCron(string input)
    {
        var e = Assert.Throws<MgwException>(() => CronBuilder.FromExpression(input, Options()));

        Assert.Equal(MgwErrorCodes.InvalidCron, e.Error.Code);
        Assert.Contains("holds a control character (U+0000)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromExpression_UnixCronWithTooLongAList_NamesTheUnixField()
    {
        string minutes = string.Join(",", Enumerable.Repeat("5", 61));

        var e = Assert.Throws<MgwException>(() => CronBuilder.FromExpression($"{minutes} 2 * * *", Options()));

        Assert.Equal(MgwErrorCodes.InvalidCron, e.Error.Code);
        Assert.StartsWith("The minute field of '5,5,5", e.Message, StringComparison.Ordinal);
        Assert.Contains("at most 60 list items", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromExpression_UnixCronOf256Characters_IsAccepted_ThoughTheConvertedOneIsLonger()
    {
        string days = string.Join(",", Enumerable.Range(1, 28).Concat(Enumerable.Range(1, 28)).Select(d => d.ToString("00", CultureInfo.InvariantCulture)));
        string unix = $"0 2 {days} * *";
        unix = unix.Replace(" * *", new string(' ', 256 - unix.Length + 1) + "* *");
        Assert.Equal(256, unix.Length);

        MgwCron cron = CronBuilder.FromExpression(unix, Options());

        Assert.StartsWith("0 0 2 01,02,", cron.Expression, StringComparison.Ordinal);
    }

    public static TheoryData<string, Func<CronOptions, MgwCron>> NearTheEndOfTheCalendar => new()
    {
        { "Daily", o => CronBuilder.Daily(new TimeSpan(2, 0, 0), o) },
        { "Weekly", o => CronBuilder.Weekly(new[] { DayOfWeek.Monday }, new TimeSpan(2, 0, 0), o) },
        { "Monthly", o => CronBuilder.Monthly(new[] { 1 }, new TimeSpan(2, 0, 0), o) },
        { "Hourly", o => CronBuilder.Hourly(0, o) },
        { "Expression", o => CronBuilder.FromExpression("0 2 * * *", o) },
    };

    [Theory]
    [MemberData(nameof(NearTheEndOfTheCalendar))]
    public void From9999_12_31_IsFromOutOfRange_ForEverySchedule(string kind, Func<CronOptions, MgwCron> build)
    {
        foreach (string zone in new[] { "UTC", "Pacific/Kiritimati", "Etc/GMT+12" })
        {
            var from = new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);
            var e = Assert.Throws<MgwException>(() => build(Options(next: 5, zone: zone, serviceZone: zone, from: from)));

            Assert.True(MgwErrorCodes.FromOutOfRange == e.Error.Code, $"{kind} in {zone}: {e.Error.Code}");
            Assert.Equal("From", e.Error.Field);
            Assert.Equal("-From 9999-12-31 00:00:00 +00:00 is outside the calendar runs are computed in: give an instant from 0001-01-04 to 9999-12-28 (UTC).", e.Message);
        }
    }

    [Theory]
    [MemberData(nameof(NearTheEndOfTheCalendar))]
    public void From_TheLastDays_WithExtremeZones_ListsWhatFits_WithoutOverflow(string kind, Func<CronOptions, MgwCron> build)
    {
        // Runs end at 9999-12-28; shown at UTC+14 and UTC-12 they must stay representable.
        foreach ((string display, string service) in new[] { ("Pacific/Kiritimati", "Etc/GMT+12"), ("Etc/GMT+12", "Pacific/Kiritimati"), ("Europe/Berlin", "Europe/Berlin") })
        {
            try
            {
                MgwCron cron = build(Options(next: 1000, zone: display, serviceZone: service, from: new DateTimeOffset(9999, 11, 1, 0, 0, 0, TimeSpan.Zero)));
                Assert.All(cron.Next, o => Assert.True(o.Utc <= CronRules.CalendarEnd));
                Assert.NotEmpty(cron.Next);
            }
            catch (MgwException e)
            {
                Assert.Fail($"{kind} ({display}, {service}): {e.Error.Code} {e.Message}");
            }
        }
    }

    [Fact]
    public void Next_StopsAtTheEndOfTheCalendar()
    {
        MgwCron cron = CronBuilder.FromExpression("0 0 2 1 * *", Options(next: 1000, zone: "Pacific/Kiritimati", from: new DateTimeOffset(9990, 1, 1, 0, 0, 0, TimeSpan.Zero)));

        Assert.Equal(120, cron.Next.Count);
        Assert.Equal(new DateTimeOffset(9999, 12, 1, 2, 0, 0, TimeSpan.Zero), cron.Next[119].Utc);
    }

    [Fact]
    public void CheckFrom_TheEdgesAreIncluded()
    {
        CronBuilder.CheckFrom(CronRules.CalendarStart);
        CronBuilder.CheckFrom(CronRules.CalendarEnd);
        Assert.Equal(MgwErrorCodes.FromOutOfRange, Assert.Throws<MgwException>(() => CronBuilder.CheckFrom(DateTimeOffset.MaxValue)).Error.Code);
        Assert.Equal(MgwErrorCodes.FromOutOfRange, Assert.Throws<MgwException>(() => CronBuilder.CheckFrom(DateTimeOffset.MinValue)).Error.Code);
    }

    [Theory]
    [InlineData("America")]              // a folder of the zone database on Linux
    [InlineData("Europe/Berlin\0")]
    [InlineData("Europe/\u202EBerlin")]
    [InlineData("../../etc/passwd")]
    [InlineData("UTC/")]
    public void FindTimeZone_Junk_IsInvalidTimeZone_Escaped(string id)
    {

        var e = Assert.Throws<MgwException>(() => CronBuilder.FindTimeZone(id, "ServiceTimeZone"));

        Assert.Equal(MgwErrorCodes.InvalidTimeZone, e.Error.Code);
        Assert.Equal("ServiceTimeZone", e.Error.Field);
        Assert.DoesNotContain(e.Message, c => c is '\0' or '\u202E');
    }

    [Fact]
    public void FindTimeZone_Huge_IsInvalidTimeZone_WithAShortMessage()
    {
        string id = new string('x', 100000);

        var e = Assert.Throws<MgwException>(() => CronBuilder.FindTimeZone(id));

        Assert.Equal(MgwErrorCodes.InvalidTimeZone, e.Error.Code);
        Assert.StartsWith("'xxxxxxxx", e.Message, StringComparison.Ordinal);
        Assert.Contains("… (100,000 characters)' is not a time zone this machine knows", e.Message, StringComparison.Ordinal);
        Assert.True(e.Message.Length < 400);
    }

    [Fact]
    public void TimeOfDay_HugeText_IsRejected_WithAShortMessage()
    {
        Assert.False(TimeOfDayText.TryConvert(new string('1', 100000) + ":00", out _, out string error));
        Assert.Contains("(100,003 characters)' is not a time of day", error, StringComparison.Ordinal);
        Assert.True(error.Length < 300);
    }

    [Fact]
    public void Weekly_DayOutOfRange_IsAnArgumentError()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CronBuilder.Weekly(new[] { (DayOfWeek)9 }, new TimeSpan(2, 0, 0), Options()));
    }

    [Fact]
    public void Occurrence_ConvertsToDateTimeOffsetAndDateTime()
    {
        MgwCronOccurrence run = CronBuilder.Daily(new TimeSpan(2, 0, 0), Options(zone: "Asia/Tokyo")).Next[0];

        DateTimeOffset instant = run;
        DateTime local = run;

        Assert.Equal(new DateTimeOffset(2026, 1, 1, 2, 0, 0, TimeSpan.Zero), instant);
        Assert.Equal(DateTimeKind.Local, local.Kind);
        Assert.Equal(instant.LocalDateTime, local);
        Assert.Equal("Asia/Tokyo", run.TimeZone);
    }

    [Fact]
    public void Occurrence_ComparesWithRunsAndDates()
    {
        MgwCron cron = CronBuilder.Daily(new TimeSpan(2, 0, 0), Options(next: 2));
        MgwCronOccurrence first = cron.Next[0];
        var at = new DateTimeOffset(2026, 1, 1, 2, 0, 0, TimeSpan.Zero);

        Assert.True(first.CompareTo(cron.Next[1]) < 0);
        Assert.Equal(0, first.CompareTo((object)at));
        Assert.True(first.CompareTo((object)at.AddSeconds(-1)) > 0);
        Assert.Equal(0, first.CompareTo((object)at.UtcDateTime));
        Assert.Equal(0, first.CompareTo((object)at.LocalDateTime));
        Assert.True(first.CompareTo(null) > 0);
        Assert.Throws<ArgumentException>(() => first.CompareTo("soon"));
        Assert.Equal(first, CronBuilder.Daily(new TimeSpan(2, 0, 0), Options(zone: "Asia/Tokyo")).Next[0]);
        Assert.Equal(first.GetHashCode(), CronBuilder.Daily(new TimeSpan(2, 0, 0), Options(zone: "Asia/Tokyo")).Next[0].GetHashCode());
    }

    [Fact]
    public void Occurrence_TypeConverter_GoesBothWays()
    {
        System.ComponentModel.TypeConverter converter = System.ComponentModel.TypeDescriptor.GetConverter(typeof(MgwCronOccurrence));
        MgwCronOccurrence run = CronBuilder.Daily(new TimeSpan(2, 0, 0), Options()).Next[0];
        var at = new DateTimeOffset(2026, 1, 1, 2, 0, 0, TimeSpan.Zero);

        Assert.Equal(at, converter.ConvertTo(run, typeof(DateTimeOffset)));
        Assert.Equal(at.LocalDateTime, converter.ConvertTo(run, typeof(DateTime)));
        Assert.Equal(run, converter.ConvertFrom(at));
        Assert.Equal(run, converter.ConvertFrom(at.UtcDateTime));
        Assert.Equal(run, converter.ConvertFrom("2026-01-01T02:00:00Z"));
        Assert.False(converter.CanConvertFrom(typeof(int)));
    }
}
