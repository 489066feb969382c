using System;
using System.Collections.Generic;
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
    [InlineData("0 0 25 * * *", "field 3 (hour) '25' is not valid")]
    [InlineData("61 0 2 * * *", "field 1 (second) '61' is not valid")]
    [InlineData("0 ? 2 * * *", "'?' is allowed only in the day-of-month and day-of-week fields")]
    [InlineData("0 0 2 * ? *", "field 5 (month) '?' is not valid; '?' is allowed only")]
    [InlineData("0 0 2 32 * *", "field 4 (day-of-month) '32' is not valid")]
    [InlineData("0 0 2 * 13 *", "field 5 (month) '13' is not valid")]
    [InlineData("0 0 2 * * MONDAY", "field 6 (day-of-week) 'MONDAY' is not valid")]
    [InlineData("a b c d e f", "field 1 (second) 'A' is not valid")]
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
}
