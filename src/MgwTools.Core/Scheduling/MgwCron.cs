using System;
using System.Collections.Generic;
using System.Globalization;

namespace MgwTools;

/// <summary>
/// A schedule the service accepts: a 6-field, seconds-first cron expression with day-of-week as
/// names, its description and its upcoming runs. <see cref="ToString"/> is the expression, so the
/// object binds to <c>-StartCron</c> / <c>-SuspendCron</c> as text.
/// </summary>
public sealed class MgwCron
{
    internal MgwCron(string expression, string description, string timeZone, string serviceTimeZone, IReadOnlyList<MgwCronOccurrence> next)
    {
        Expression = expression;
        Description = description;
        TimeZone = timeZone;
        ServiceTimeZone = serviceTimeZone;
        Next = next;
    }

    /// <summary>The 6-field expression: second minute hour day-of-month month day-of-week.</summary>
    public string Expression { get; }

    /// <summary>Plain English, ending with the zone the times are in (the assumed service zone).</summary>
    public string Description { get; }

    /// <summary>The zone <see cref="MgwCronOccurrence.Local"/> is shown in.</summary>
    public string TimeZone { get; }

    /// <summary>
    /// The zone the service is assumed to evaluate cron in. The service does not document it; the
    /// module assumes UTC unless told otherwise.
    /// </summary>
    public string ServiceTimeZone { get; }

    /// <summary>The upcoming runs, earliest first.</summary>
    public IReadOnlyList<MgwCronOccurrence> Next { get; }

    /// <summary>The expression, so the object binds as text.</summary>
    public override string ToString() => Expression;
}

/// <summary>One upcoming run of an <see cref="MgwCron"/>: the instant in UTC and as local time.</summary>
public sealed class MgwCronOccurrence
{
    internal MgwCronOccurrence(DateTimeOffset utc, DateTimeOffset local, string timeZone)
    {
        Utc = utc;
        Local = local;
        TimeZone = timeZone;
    }

    /// <summary>The run as a UTC instant (offset zero).</summary>
    public DateTimeOffset Utc { get; }

    /// <summary>The same instant as wall-clock time in <see cref="TimeZone"/>, with that zone's offset.</summary>
    public DateTimeOffset Local { get; }

    /// <summary>The zone of <see cref="Local"/>.</summary>
    public string TimeZone { get; }

    /// <summary>e.g. <c>2026-03-29 02:00:00Z = Sun 2026-03-29 04:00:00 +02:00 (Europe/Berlin)</c>.</summary>
    public override string ToString() => string.Format(
        CultureInfo.InvariantCulture,
        "{0:yyyy-MM-dd HH:mm:ss}Z = {1:ddd yyyy-MM-dd HH:mm:ss zzz} ({2})",
        Utc.UtcDateTime, Local, TimeZone);
}
