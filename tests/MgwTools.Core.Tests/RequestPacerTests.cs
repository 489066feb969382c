using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MgwTools.Core.Client;

namespace MgwTools.Core.Tests;

public class RequestPacerTests
{
    private readonly List<TimeSpan> _waits = new();
    private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private RequestPacer Pacer(double rate) => new(rate, () => _now, (wait, _) =>
    {
        _waits.Add(wait);
        return Task.CompletedTask;
    });

    [Fact]
    public async Task SpacesBurstsEvenly()
    {
        RequestPacer pacer = Pacer(4);

        for (int i = 0; i < 5; i++)
        {
            await pacer.WaitAsync(CancellationToken.None);
        }

        // The first goes at once; the next four wait 250, 500, 750 and 1000 ms.
        Assert.Equal(new[] { 250, 500, 750, 1000 }, _waits.Select(w => (int)w.TotalMilliseconds));
    }

    [Fact]
    public async Task DoesNotBankUnusedSlots()
    {
        RequestPacer pacer = Pacer(2);
        await pacer.WaitAsync(CancellationToken.None);

        _now += TimeSpan.FromSeconds(10);
        await pacer.WaitAsync(CancellationToken.None);
        await pacer.WaitAsync(CancellationToken.None);

        // After an idle spell the next request goes at once and the one after waits a full interval.
        Assert.Equal(new[] { 500 }, _waits.Select(w => (int)w.TotalMilliseconds));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void RejectsRatesThatAreNotPositive(double rate)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RequestPacer(rate));
    }

    [Fact]
    public async Task CancellationReachesTheWait()
    {
        var pacer = new RequestPacer(0.001);
        await pacer.WaitAsync(CancellationToken.None);
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pacer.WaitAsync(cts.Token));
    }
}
