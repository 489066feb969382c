using System;
using System.Threading;
using System.Threading.Tasks;

namespace MgwTools.Core.Client;

/// <summary>
/// Spaces requests evenly so that no more than <c>ratePerSecond</c> start in any second, across
/// all threads (<c>New-MgwJob -MaxRequestsPerSecond</c>). A slot is reserved under a lock and the
/// caller waits outside it, so waiting callers never block each other.
/// </summary>
public sealed class RequestPacer
{
    private readonly object _lock = new();
    private readonly TimeSpan _interval;
    private readonly Func<DateTimeOffset> _clock;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;
    private DateTimeOffset _nextSlot = DateTimeOffset.MinValue;

    /// <summary>A pacer for <paramref name="ratePerSecond"/> requests per second (must be &gt; 0).</summary>
    public RequestPacer(double ratePerSecond)
        : this(ratePerSecond, () => DateTimeOffset.UtcNow, Task.Delay)
    {
    }

    internal RequestPacer(double ratePerSecond, Func<DateTimeOffset> clock, Func<TimeSpan, CancellationToken, Task> delay)
    {
        if (!(ratePerSecond > 0) || double.IsInfinity(ratePerSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(ratePerSecond), ratePerSecond, "The rate must be a positive number.");
        }

        _interval = TimeSpan.FromTicks((long)(TimeSpan.TicksPerSecond / ratePerSecond));
        _clock = clock;
        _delay = delay;
    }

    /// <summary>The time between two request starts.</summary>
    public TimeSpan Interval => _interval;

    /// <summary>Waits until the caller may send its next request.</summary>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset now = _clock();
        DateTimeOffset slot;
        lock (_lock)
        {
            slot = _nextSlot > now ? _nextSlot : now;
            _nextSlot = slot + _interval;
        }

        TimeSpan wait = slot - now;
        return wait > TimeSpan.Zero ? _delay(wait, cancellationToken) : Task.CompletedTask;
    }
}
