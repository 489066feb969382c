using System;
using System.Globalization;

namespace MgwTools.Emulator;

/// <summary>How an emulator's clock runs.</summary>
public enum EmulatorClockMode
{
    /// <summary>It follows real time.</summary>
    System,

    /// <summary>It stands still until moved (tests move it; requests dated at the real time are still accepted).</summary>
    Manual,
}

/// <summary>
/// The emulator's notion of "now": job state changes, timestamps and the <c>x-oss-date</c> skew check all
/// read it. A clock follows real time plus an offset, or stands still (<see cref="Manual"/>) until a test
/// moves it with <see cref="Advance"/> or <see cref="Set"/>. Thread-safe.
/// </summary>
public sealed class EmulatorClock
{
    private readonly object _lock = new();
    private readonly bool _frozen;
    private DateTimeOffset _value;
    private TimeSpan _offset;

    private EmulatorClock(bool frozen, DateTimeOffset value)
    {
        _frozen = frozen;
        _value = value.ToUniversalTime();
    }

    /// <summary>A clock that follows real time (and can still be moved forward or back).</summary>
    public static EmulatorClock System() => new(false, default);

    /// <summary>A clock that stands at <paramref name="start"/> until moved.</summary>
    public static EmulatorClock Manual(DateTimeOffset start) => new(true, start);

    /// <summary>True for a clock made by <see cref="Manual"/>.</summary>
    public bool IsManual => _frozen;

    /// <summary><see cref="EmulatorClockMode.Manual"/> or <see cref="EmulatorClockMode.System"/>.</summary>
    public EmulatorClockMode Mode => _frozen ? EmulatorClockMode.Manual : EmulatorClockMode.System;

    /// <summary>The time, for display.</summary>
    public override string ToString() =>
        string.Format(CultureInfo.InvariantCulture, "{0:yyyy-MM-ddTHH:mm:ssZ} ({1})", UtcNow.UtcDateTime, Mode);

    /// <summary>The current instant, UTC.</summary>
    public DateTimeOffset UtcNow
    {
        get
        {
            lock (_lock)
            {
                return _frozen ? _value : DateTimeOffset.UtcNow + _offset;
            }
        }
    }

    /// <summary>Moves the clock by <paramref name="by"/> (may be negative).</summary>
    public void Advance(TimeSpan by)
    {
        lock (_lock)
        {
            if (_frozen) _value += by;
            else _offset += by;
        }
    }

    /// <summary>Puts the clock at <paramref name="now"/>.</summary>
    public void Set(DateTimeOffset now)
    {
        lock (_lock)
        {
            if (_frozen) _value = now.ToUniversalTime();
            else _offset = now.ToUniversalTime() - DateTimeOffset.UtcNow;
        }
    }
}
