using System;
using System.Collections.Generic;
using System.Linq;
using MgwTools.Core.Scheduling;

namespace MgwTools.Core.Tests;

public class CronRulesTests
{
    private static readonly DateTimeOffset From = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("0 0 2 * * *")]
    [InlineData("0 0 * * * *")]
    [InlineData("0 0 * * * ?")]
    [InlineData("0 0 0 ? * MON-FRI")]
    [InlineData("0 30 9 * * mon,fri")]
    [InlineData("0 0 1,2 * * *")]
    [InlineData("0 0 */2 * * *")]
    [InlineData("0 15 10 L * ?")]
    [InlineData("0 0 12 1,15 JAN-JUN *")]
    [InlineData("  0 0 2 * * *  ")]
    [InlineData("0 0 0 29 2 *")]
    public void Accepts_WhatTheServiceAccepts(string expression)
    {
        Assert.Empty(CronRules.Check(expression, "StartCron", From, TimeZoneInfo.Utc));
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("0 2 * * *", "has 5 fields; the service needs 6")]
    [InlineData("0 0 2 * * * 2026", "A 7th (year) field is not accepted")]
    [InlineData("@daily", "has 1 field;")]
    [InlineData("0 0 25 * * *", "the hour field (field 3 of 6) '25' is not valid")]
    [InlineData("61 0 2 * * *", "the second field (field 1 of 6) '61' is not valid")]
    [InlineData("0 ? 2 * * *", "'?' is allowed only in the day-of-month and day-of-week fields")]
    [InlineData("0 0 2 * ? *", "the month field (field 5 of 6) '?' is not valid; '?' is allowed only")]
    [InlineData("0 0 2 32 * *", "the day-of-month field (field 4 of 6) '32' is not valid")]
    [InlineData("0 0 2 * 13 *", "the month field (field 5 of 6) '13' is not valid")]
    [InlineData("0 0 2 * * MONDAY", "the day-of-week field (field 6 of 6) 'MONDAY' is not valid")]
    [InlineData("a b c d e f", "the second field (field 1 of 6) 'A' is not valid")]
    public void InvalidCron_SaysWhatIsWrong(string expression, string expected)
    {
        MgwError error = Assert.Single(CronRules.Check(expression, "StartCron", From, TimeZoneInfo.Utc));

        Assert.Equal(MgwErrorCodes.InvalidCron, error.Code);
        Assert.Equal(MgwSeverity.Error, error.Severity);
        Assert.Equal("StartCron", error.Field);
        Assert.Equal(expression, error.Value);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidCron_FiveFields_SuggestsTheConverter()
    {
        MgwError error = Assert.Single(CronRules.Check("0 2 * * *", "SuspendCron"));

        Assert.Equal("SuspendCron", error.Field);
        Assert.Contains("ConvertTo-MgwCron -Expression '0 2 * * *'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0 0,30 * * * *", "30 minutes")]
    [InlineData("0 */30 * * * *", "30 minutes")]
    [InlineData("* * * * * *", "1 seconds")]
    [InlineData("0 * * * * *", "1 minutes")]
    [InlineData("0 0,59 2 * * *", "59 minutes")]
    [InlineData("0,30 0 2 * * *", "30 seconds")]
    [InlineData("0 0,30 0 1 1 *", "30 minutes")]       // a near pair once a year
    [InlineData("0 0,30 0 29 2 *", "30 minutes")]      // once every four years
    [InlineData("0 0 2 * * *", null)]
    [InlineData("0 0 * * * *", null)]
    [InlineData("0 59 0,1 * * *", null)]               // exactly an hour apart is allowed
    public void CronTooFrequent_BothWays(string expression, string? gap)
    {
        IReadOnlyList<MgwError> errors = CronRules.Check(expression, "StartCron", From, TimeZoneInfo.Utc);

        if (gap is null)
        {
            Assert.Empty(errors);
            return;
        }

        MgwError error = Assert.Single(errors);
        Assert.Equal(MgwErrorCodes.CronTooFrequent, error.Code);
        Assert.Equal(MgwSeverity.Error, error.Severity);
        Assert.Equal(expression, error.Value);
        Assert.Contains($"again {gap} later", error.Message, StringComparison.Ordinal);
        Assert.Contains("at least 1 hour", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CronTooFrequent_StartingAtTheLastRunOfASlot_IsStillCaught()
    {
        // From 00:30:00 the first run is 01:00, the tail of nothing; 01:00 and 01:30 share a slot.
        var from = new DateTimeOffset(2026, 1, 1, 0, 29, 59, TimeSpan.Zero);

        MgwError error = Assert.Single(CronRules.Check("0 0,30 * * * *", "StartCron", from, TimeZoneInfo.Utc));

        Assert.Equal(MgwErrorCodes.CronTooFrequent, error.Code);
    }

    [Fact]
    public void CronTooFrequent_AroundADaylightSavingChange_InTheServiceZone()
    {
        TimeZoneInfo berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        // 02:30 does not exist on 29 March 2026 in Berlin: it runs at 03:00, half an hour before 03:30.
        MgwError error = Assert.Single(CronRules.Check("0 30 2,3 * * *", "StartCron", From, berlin));
        Assert.Equal(MgwErrorCodes.CronTooFrequent, error.Code);

        // The same expression is fine when the service evaluates in UTC.
        Assert.Empty(CronRules.Check("0 30 2,3 * * *", "StartCron", From, TimeZoneInfo.Utc));
    }

    [Theory]
    [InlineData("0 0 0 30 2 *", true)]
    [InlineData("0 0 0 31 4 *", true)]
    [InlineData("0 0 0 31 4,6,9,11 ?", true)]
    [InlineData("0 0 0 31 * *", false)]
    [InlineData("0 0 0 29 2 *", false)]
    public void CronNeverFires_BothWays(string expression, bool never)
    {
        IReadOnlyList<MgwError> errors = CronRules.Check(expression, "StartCron", From, TimeZoneInfo.Utc);

        if (!never)
        {
            Assert.Empty(errors);
            return;
        }

        MgwError error = Assert.Single(errors);
        Assert.Equal(MgwErrorCodes.CronNeverFires, error.Code);
        Assert.Equal(MgwSeverity.Error, error.Severity);
        Assert.Equal("StartCron", error.Field);
        Assert.Equal(expression, error.Value);
        Assert.Contains("never fires", error.Message, StringComparison.Ordinal);
    }

    // The repro: 120,000 list items (about 240 KB). Cronos parses lists recursively; before
    // the bound this ended the test host with a stack overflow instead of failing one assertion.
    private static readonly string s_hugeList = "0 0 " + string.Join(",", Enumerable.Repeat("1", 120000)) + " * * *";

    [Fact]
    public void Bounds_The240KbRepro_IsInvalidCron_NamingTheLengthLimit()
    {
        MgwError error = Assert.Single(CronRules.Check(s_hugeList, "StartCron", From, TimeZoneInfo.Utc));

        Assert.Equal(MgwErrorCodes.InvalidCron, error.Code);
        Assert.Equal(MgwSeverity.Error, error.Severity);
        Assert.Equal("StartCron", error.Field);
        Assert.Equal(s_hugeList, error.Value);
        Assert.StartsWith("The cron expression '0 0 1,1,1,", error.Message, StringComparison.Ordinal);
        Assert.Contains("… (240,009 characters)' is too long: at most 256 characters are allowed", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 300, error.Message);
    }

    [Theory]
    [InlineData(256, true)]
    [InlineData(257, false)]
    public void Bounds_Length_AtMost256Characters(int length, bool accepted)
    {
        string expression = "0 0 2 * * *".PadRight(length);

        IReadOnlyList<MgwError> errors = CronRules.Check(expression, "StartCron", From, TimeZoneInfo.Utc);

        Assert.Equal(256, CronRules.MaxExpressionLength);
        if (accepted)
        {
            Assert.Empty(errors);
            return;
        }

        Assert.Equal(MgwErrorCodes.InvalidCron, Assert.Single(errors).Code);
        Assert.Contains("at most 256 characters", errors[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "second")]
    [InlineData(1, "minute")]
    [InlineData(2, "hour")]
    [InlineData(3, "day-of-month")]
    [InlineData(4, "month")]
    [InlineData(5, "day-of-week")]
    public void Bounds_ListItems_AtMost60PerField(int index, string name)
    {
        string[] fields = { "0", "0", "0", "*", "*", "*" };
        fields[index] = string.Join(",", Enumerable.Repeat("1", 61));

        MgwError error = Assert.Single(CronRules.Check(string.Join(" ", fields), "StartCron", From, TimeZoneInfo.Utc));

        Assert.Equal(MgwErrorCodes.InvalidCron, error.Code);
        Assert.StartsWith($"The {name} field of '", error.Message, StringComparison.Ordinal);
        Assert.Contains("lists 61 items: at most 60 list items (values, ranges or steps separated by commas) are allowed in a field", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bounds_SixtyItems_RangesAndStepsIncluded_AreAccepted()
    {
        Assert.Equal(60, CronRules.MaxListItems);
        string days = string.Join(",", Enumerable.Range(1, 30).Concat(Enumerable.Range(1, 30)));
        Assert.Empty(CronRules.Check($"0 0 2 {days} * *", "StartCron", From, TimeZoneInfo.Utc));

        // 60 items, most of them steps, in the hour field: within the bound, so the usual rules decide.
        string hours = string.Join(",", Enumerable.Repeat("1/5", 40).Concat(Enumerable.Repeat("3", 20)));
        Assert.Empty(CronRules.Check($"0 0 {hours} * * *", "StartCron", From, TimeZoneInfo.Utc));
        string tooMany = string.Join(",", Enumerable.Repeat("1/5", 61));
        Assert.Equal(MgwErrorCodes.InvalidCron, Assert.Single(CronRules.Check($"0 0 {tooMany} * * *", "StartCron", From, TimeZoneInfo.Utc)).Code);
    }

    [Fact]
    public void Bounds_ControlCharacters_AreEscapedInTheMessage()
    {
        MgwError error = Assert.Single(CronRules.Check("0 0 2\u001b[31m * * *", "StartCron", From, TimeZoneInfo.Utc));

        Assert.Equal(MgwErrorCodes.InvalidCron, error.Code);
        Assert.DoesNotContain('\u001b', error.Message);
        Assert.Equal("'0 0 2\\u001B[31m * * *' holds a control character (U+001B) at position 6: a cron expression is written in ASCII (digits, letters, * ? , - / # and spaces).", error.Message);
    }

    [Theory]
    [InlineData("0 0 2 * * *\0", "a control character (U+0000) at position 12")]           // Cronos stops reading at a NUL
    [InlineData("0 0 2 * * MON\0; anything", "a control character (U+0000) at position 14")]
    [InlineData("0 0 2\u00a0* * *", "the non-ASCII character '\u00a0' (U+00A0) at position 6")]
    [InlineData("0 0 ２ * * *", "the non-ASCII character '２' (U+FF12) at position 5")]
    [InlineData("0 0 2 * * *\u202E", "a control character (U+202E) at position 12")]
    public void Bounds_OnlyAsciiInside_ControlCharactersAndNulRefused(string expression, string expected)
    {
        MgwError error = Assert.Single(CronRules.Check(expression, "StartCron", From, TimeZoneInfo.Utc));

        Assert.Equal(MgwErrorCodes.InvalidCron, error.Code);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\0', error.Message);
    }

    [Theory]
    [InlineData("0\t0 2 * * *")]
    [InlineData("\r\n 0 0 2 * * *\r\n")]
    public void Bounds_TabsInsideAndWhitespaceAtTheEdges_AreFine(string expression) =>
        Assert.Empty(CronRules.Check(expression, "StartCron", From, TimeZoneInfo.Utc));

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(9999, 12, 31)]
    public void CheckRuns_FromOutsideTheCalendar_IsFromOutOfRange(int year, int month, int day)
    {
        var from = new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero);

        MgwError error = Assert.Single(CronRules.Check("0 0 2 * * *", "StartCron", from, TimeZoneInfo.Utc));

        Assert.Equal(MgwErrorCodes.FromOutOfRange, error.Code);
        Assert.Equal("From", error.Field);
        Assert.Equal(from, error.Value);
        Assert.Contains("is outside the calendar runs are computed in: give an instant from 0001-01-04 to 9999-12-28 (UTC)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckRuns_NearTheEndOfTheCalendar_InADaylightSavingZone_DoesNotOverflow()
    {
        TimeZoneInfo berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        // The clock-change check looks a year ahead; from 9999-01-01 that is past the calendar's end.
        Assert.Empty(CronRules.Check("0 0 2 * * *", "StartCron", new DateTimeOffset(9999, 1, 1, 0, 0, 0, TimeSpan.Zero), berlin));
        Assert.Empty(CronRules.Check("0 0 2 * * *", "StartCron", CronRules.CalendarStart, berlin));
    }

    [Fact]
    public void CheckRuns_NoRunLeftBeforeTheCalendarEnds_IsFromOutOfRange_NotNeverFires()
    {
        // 9999 is no leap year: from 9997 on, 29 February never comes again.
        MgwError error = Assert.Single(CronRules.Check("0 0 0 29 2 *", "StartCron", new DateTimeOffset(9997, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc));

        Assert.Equal(MgwErrorCodes.FromOutOfRange, error.Code);
        Assert.Equal("'0 0 0 29 2 *' has no run between 9997-01-01 00:00:00Z and 9999-12-28, the last day runs are computed for; give an earlier -From.", error.Message);

        // One that never fires at all still says so.
        Assert.Equal(MgwErrorCodes.CronNeverFires, Assert.Single(CronRules.Check("0 0 0 30 2 *", "StartCron", new DateTimeOffset(9997, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc)).Code);
    }
}
