using System;
using System.Globalization;

namespace MgwTools;

/// <summary>A last-modified time window; both ends are UTC instants.</summary>
public sealed class MgwTimeWindow
{
    /// <summary>Creates a window; the instants are normalised to UTC.</summary>
    public MgwTimeWindow(DateTimeOffset start, DateTimeOffset end)
    {
        Start = start.ToUniversalTime();
        End = end.ToUniversalTime();
    }

    /// <summary>Start of the window (UTC).</summary>
    public DateTimeOffset Start { get; }

    /// <summary>End of the window (UTC).</summary>
    public DateTimeOffset End { get; }

    /// <summary>The window in mgwutil's syntax, UTC: <c>yyyy-MM-dd HH:mm:ssZ &gt; yyyy-MM-dd HH:mm:ssZ</c>.</summary>
    public override string ToString() =>
        Start.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) + " > " +
        End.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
