using System;
using System.Globalization;

namespace MgwTools.Core.Scheduling;

/// <summary>
/// Reads a time of day from what people type: <c>02:00</c>, <c>2:30 PM</c>, <c>14:05:30</c>, a
/// <see cref="DateTime"/>, <see cref="DateTimeOffset"/> (its wall-clock time as written) or a
/// <see cref="TimeSpan"/> under 24 hours. Fractions of a second are dropped: cron counts seconds.
/// </summary>
public static class TimeOfDayText
{
    private static readonly string[] s_formats =
    {
        "H:mm", "HH:mm", "H:mm:ss", "HH:mm:ss",
        "h:mm tt", "hh:mm tt", "h:mm:ss tt", "hh:mm:ss tt", "h tt", "htt", "h:mmtt", "hh:mmtt", "h:mm:sstt",
    };

    /// <summary>The longest text read as a time of day ('2026-01-01T02:00:00.0000000+08:00' is 33).</summary>
    public const int MaxLength = 64;

    /// <summary>The error text for input that is not a time of day.</summary>
    public const string Expected = "Give a time of day such as '02:00', '14:05:30' or '2:30 PM', a [datetime] or a [timespan] under 24 hours.";

    /// <summary>Converts <paramref name="input"/>; false (with a reason) when it is not a time of day.</summary>
    public static bool TryConvert(object? input, out TimeSpan timeOfDay, out string error)
    {
        timeOfDay = default;
        error = "";
        switch (input)
        {
            case TimeSpan span when span >= TimeSpan.Zero && span < TimeSpan.FromDays(1):
                timeOfDay = Whole(span);
                return true;
            case TimeSpan span:
                error = $"'{span}' is not a time of day. {Expected}";
                return false;
            case DateTime dateTime:
                timeOfDay = Whole(dateTime.TimeOfDay);
                return true;
            case DateTimeOffset dateTimeOffset:
                timeOfDay = Whole(dateTimeOffset.TimeOfDay);
                return true;
            case string text when TryParse(text, out timeOfDay):
                return true;
            default:
                error = $"'{ShownText.Of(Convert.ToString(input, CultureInfo.InvariantCulture))}' is not a time of day. {Expected}";
                return false;
        }
    }

    /// <summary>Parses a typed time of day (invariant formats first, then the current culture's).</summary>
    public static bool TryParse(string text, out TimeSpan timeOfDay)
    {
        timeOfDay = default;
        string trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0 || trimmed.Length > MaxLength)
        {
            return false;
        }

        const DateTimeStyles styles = DateTimeStyles.NoCurrentDateDefault | DateTimeStyles.AllowWhiteSpaces;
        if (DateTime.TryParseExact(trimmed, s_formats, CultureInfo.InvariantCulture, styles, out DateTime parsed) ||
            DateTime.TryParseExact(trimmed, s_formats, CultureInfo.CurrentCulture, styles, out parsed))
        {
            timeOfDay = Whole(parsed.TimeOfDay);
            return true;
        }

        // A full date and time ('2026-01-01 02:00') gives its time of day.
        if (trimmed.IndexOf(':') > 0 && DateTime.TryParse(trimmed, CultureInfo.CurrentCulture, styles, out parsed))
        {
            timeOfDay = Whole(parsed.TimeOfDay);
            return true;
        }

        return false;
    }

    private static TimeSpan Whole(TimeSpan span) => TimeSpan.FromSeconds(Math.Floor(span.TotalSeconds));
}
