using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MgwTools.Emulator;

namespace MgwTools.Core.Tests;

/// <summary>
/// The local service's latency waits (LatencyTimer): they end, in any number, and cancel. No test here measures how
/// precisely: the bounds below only turn a wait that never ends into a failure instead of a hung run.
/// </summary>
public class LatencyTimerTests
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(30);

    [Fact]
    public void ADeadlineAlreadyPassed_IsMetAtOnce()
    {
        Task wait = LatencyTimer.WaitUntilAsync(Stopwatch.GetTimestamp() - Stopwatch.Frequency, CancellationToken.None);

        Assert.Equal(TaskStatus.RanToCompletion, wait.Status);
    }

    [Fact]
    public async Task ManyWaits_InAnyOrderOfDeadlines_AllEnd()
    {
        long now = Stopwatch.GetTimestamp();
        // Deadlines given out of order (the later ones first), several sharing an instant.
        Task[] waits = Enumerable.Range(0, 300)
            .Select(i => LatencyTimer.WaitUntilAsync(now + LatencyTimer.Ticks(TimeSpan.FromMilliseconds(60 - (i % 30) * 2)), CancellationToken.None))
            .ToArray();

        await Task.WhenAll(waits).WaitAsync(s_bound);

        Assert.All(waits, w => Assert.Equal(TaskStatus.RanToCompletion, w.Status));
    }

    [Fact]
    public async Task AWait_IsCancelledByItsToken_AndLeavesTheOthersWaiting()
    {
        using var cancel = new CancellationTokenSource();
        long now = Stopwatch.GetTimestamp();
        Task far = LatencyTimer.WaitUntilAsync(now + LatencyTimer.Ticks(TimeSpan.FromHours(1)), cancel.Token);
        Task soon = LatencyTimer.WaitUntilAsync(now + LatencyTimer.Ticks(TimeSpan.FromMilliseconds(20)), CancellationToken.None);

        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => far.WaitAsync(s_bound));
        Assert.True(far.IsCanceled);
        await soon.WaitAsync(s_bound);
        Assert.Equal(TaskStatus.RanToCompletion, soon.Status);
    }

    [Fact]
    public void AnAlreadyCancelledToken_CancelsAtOnce()
    {
        Task wait = LatencyTimer.WaitUntilAsync(Stopwatch.GetTimestamp() + Stopwatch.Frequency, new CancellationToken(canceled: true));

        Assert.True(wait.IsCanceled);
    }

    [Theory]
    [InlineData(-5.0, 0L)]
    [InlineData(0.0, 0L)]
    [InlineData(1e9, 1_000_000L)]   // about 11 days at most, so that adding it to a timestamp cannot overflow
    public void Ticks_AreBounded(double seconds, long expectedSeconds)
    {
        TimeSpan delay = TimeSpan.FromSeconds(seconds);

        Assert.Equal(expectedSeconds * Stopwatch.Frequency, LatencyTimer.Ticks(delay));
        Assert.Equal(Stopwatch.Frequency / 50, LatencyTimer.Ticks(TimeSpan.FromMilliseconds(20)));
    }
}
