using System;
using System.Collections.Generic;
using System.ComponentModel;
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

/// <summary>
/// One upcoming run of an <see cref="MgwCron"/>: the instant in UTC and as local time. It stands for
/// its instant wherever a date is wanted: it converts to <see cref="DateTimeOffset"/> (the instant) and
/// <see cref="DateTime"/> (this machine's local time, as Get-Date gives), and compares with either, so
/// <c>[datetimeoffset]$cron.Next[0]</c> and <c>$cron.Next[0] -gt (Get-Date)</c> work.
/// </summary>
[TypeConverter(typeof(MgwCronOccurrenceConverter))]
public sealed class MgwCronOccurrence : IComparable, IComparable<MgwCronOccurrence>, IEquatable<MgwCronOccurrence>
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

    /// <summary>The run's instant.</summary>
    public static implicit operator DateTimeOffset(MgwCronOccurrence occurrence) =>
        (occurrence ?? throw new ArgumentNullException(nameof(occurrence))).Utc;

    /// <summary>The run as this machine's local time (kind Local), comparable with Get-Date.</summary>
    public static implicit operator DateTime(MgwCronOccurrence occurrence) =>
        (occurrence ?? throw new ArgumentNullException(nameof(occurrence))).Utc.LocalDateTime;

    /// <summary>
    /// Orders by instant against another run, a <see cref="DateTimeOffset"/> or a
    /// <see cref="DateTime"/> (one of kind Unspecified is read as local time, as .NET converts it).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="obj"/> is none of those.</exception>
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        MgwCronOccurrence other => Utc.CompareTo(other.Utc),
        DateTimeOffset instant => Utc.CompareTo(instant),
        DateTime dateTime => Utc.CompareTo(new DateTimeOffset(dateTime)),
        _ => throw new ArgumentException($"A run compares with a run, a [datetimeoffset] or a [datetime], not a {obj.GetType().Name}.", nameof(obj)),
    };

    /// <inheritdoc />
    public int CompareTo(MgwCronOccurrence? other) => other is null ? 1 : Utc.CompareTo(other.Utc);

    /// <summary>True for a run at the same instant (whatever zone it is shown in).</summary>
    public bool Equals(MgwCronOccurrence? other) => other is not null && Utc == other.Utc;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is MgwCronOccurrence other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Utc.GetHashCode();

    /// <summary>e.g. <c>2026-03-29 02:00:00Z = Sun 2026-03-29 04:00:00 +02:00 (Europe/Berlin)</c>.</summary>
    public override string ToString() => string.Format(
        CultureInfo.InvariantCulture,
        "{0:yyyy-MM-dd HH:mm:ss}Z = {1:ddd yyyy-MM-dd HH:mm:ss zzz} ({2})",
        Utc.UtcDateTime, Local, TimeZone);

    /// <summary>A run at <paramref name="instant"/>, shown in UTC (for conversions from a date).</summary>
    internal static MgwCronOccurrence At(DateTimeOffset instant)
    {
        DateTimeOffset utc = instant.ToUniversalTime();
        return new MgwCronOccurrence(utc, utc, "UTC");
    }
}

/// <summary>
/// Lets PowerShell (and any <see cref="TypeDescriptor"/> user) convert between a run and a date:
/// to <see cref="DateTimeOffset"/> and <see cref="DateTime"/>, and from either or from date text,
/// which is what comparing a run with <c>Get-Date</c> needs (the right operand is converted to the
/// left one's type).
/// </summary>
internal sealed class MgwCronOccurrenceConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(DateTimeOffset) || sourceType == typeof(DateTime) || sourceType == typeof(string) ||
        base.CanConvertFrom(context, sourceType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) => value switch
    {
        DateTimeOffset instant => MgwCronOccurrence.At(instant),
        DateTime dateTime => MgwCronOccurrence.At(new DateTimeOffset(dateTime)),
        string text => MgwCronOccurrence.At(DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces)),
        _ => base.ConvertFrom(context, culture, value),
    };

    public override bool CanConvertTo(ITypeDescriptorContext? context, Type? destinationType) =>
        destinationType == typeof(DateTimeOffset) || destinationType == typeof(DateTime) || base.CanConvertTo(context, destinationType);

    public override object? ConvertTo(ITypeDescriptorContext? context, CultureInfo? culture, object? value, Type destinationType) => value switch
    {
        MgwCronOccurrence run when destinationType == typeof(DateTimeOffset) => (DateTimeOffset)run,
        MgwCronOccurrence run when destinationType == typeof(DateTime) => (DateTime)run,
        _ => base.ConvertTo(context, culture, value, destinationType),
    };
}
