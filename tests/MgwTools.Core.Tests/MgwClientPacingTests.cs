using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MgwTools.Core.Client;
using static MgwTools.Core.Tests.ClientTestKit;

namespace MgwTools.Core.Tests;

/// <summary>
/// <see cref="MgwClientOptions.Pacer"/>: every attempt (retries included) asks the pacer first, and the pacer's wait
/// is outside the attempt's timeout. The pacer runs on a frozen clock with a recording delay, so each paced attempt
/// shows up as one recorded wait, and nothing here depends on how fast the machine is.
/// </summary>
public class MgwClientPacingTests
{
    private static readonly DateTimeOffset Frozen = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>One pacer call: the wait it asked for and how many requests the server had seen by then.</summary>
    private sealed record Paced(int WaitMs, int RequestsSoFar);

    private sealed class PacerProbe
    {
        private readonly LoopbackServer _server;
        private int _asks;

        public PacerProbe(LoopbackServer server, double ratePerSecond = 1)
        {
            _server = server;
            Pacer = new RequestPacer(ratePerSecond, () =>
            {
                Interlocked.Increment(ref _asks);
                return Frozen;
            }, (wait, _) =>
            {
                lock (Waits) Waits.Add(new Paced((int)wait.TotalMilliseconds, _server.Requests.Count));
                return Task.CompletedTask;
            });
        }

        public RequestPacer Pacer { get; }

        /// <summary>Every WaitAsync call (the first of a frozen clock needs no wait, so it is not in <see cref="Waits"/>).</summary>
        public int Asks => Volatile.Read(ref _asks);

        public List<Paced> Waits { get; } = new();
    }

    [Fact]
    public async Task EveryAttemptIsPaced_RetriesIncluded_BeforeTheAttemptIsSent()
    {
        using var server = new LoopbackServer().Enqueue(Scripted.Empty(503), Scripted.Empty(503), Scripted.Ok(Doc(JobXml(SeedSpec()))));
        var probe = new PacerProbe(server);
        using MgwClient client = NewClient(server, tweak: o => o.Pacer = probe.Pacer);

        MgwJob job = await client.GetJobAsync("examplejob");

        Assert.Equal("examplejob", job.Name);
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(3, probe.Asks);
        // The 2nd attempt was paced after the 1st was answered and before it was sent itself; likewise the 3rd.
        Assert.Equal([new Paced(1000, 1), new Paced(2000, 2)], probe.Waits);
    }

    [Fact]
    public async Task SafeCreate_PacesEachPostAttemptAndTheReadBack()
    {
        using var server = new LoopbackServer().Enqueue(Scripted.Empty(429), Scripted.Empty(429), Scripted.Ok(), Scripted.Ok(Doc(JobXml(SeedSpec()))));
        var probe = new PacerProbe(server, ratePerSecond: 4);
        using MgwClient client = NewClient(server, tweak: o => o.Pacer = probe.Pacer);

        MgwCreateOutcome outcome = await client.CreateJobSafelyAsync(SeedSpec());

        Assert.Equal(1, outcome.Sends);
        Assert.Equal(["POST", "POST", "POST", "GET"], server.Requests.Select(r => r.Method));
        Assert.Equal(4, probe.Asks);
        Assert.Equal([new Paced(250, 1), new Paced(500, 2), new Paced(750, 3)], probe.Waits);
    }

    [Fact]
    public async Task WithoutAPacer_NothingIsPaced_AndWithOne_ItIsAskedOncePerRequest()
    {
        using var server = new LoopbackServer().Enqueue(Scripted.Ok(Doc(JobXml(SeedSpec()))), Scripted.Ok(Doc(JobXml(SeedSpec()))));
        var probe = new PacerProbe(server);
        using (MgwClient plain = NewClient(server))
        {
            await plain.GetJobAsync("examplejob");
        }

        using MgwClient paced = NewClient(server, tweak: o => o.Pacer = probe.Pacer);
        await paced.GetJobAsync("examplejob");

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(1, probe.Asks);
        Assert.Empty(probe.Waits);
    }

    [Fact]
    public async Task OnePacerSharedByTwoClients_SpacesTheirRequestsTogether()
    {
        using var server = new LoopbackServer();
        for (int i = 0; i < 4; i++) server.Enqueue(Scripted.Ok(Doc(JobXml(SeedSpec()))));
        var probe = new PacerProbe(server, ratePerSecond: 2);
        using MgwClient first = NewClient(server, tweak: o => o.Pacer = probe.Pacer);
        using MgwClient second = NewClient(server, tweak: o => o.Pacer = probe.Pacer);

        await first.GetJobAsync("examplejob");
        await second.GetJobAsync("examplejob");
        await first.GetJobAsync("examplejob");
        await second.GetJobAsync("examplejob");

        Assert.Equal(4, probe.Asks);
        // One schedule for both: slots 500 ms apart on the frozen clock, not two schedules of their own.
        Assert.Equal([500, 1000, 1500], probe.Waits.Select(w => w.WaitMs));
    }

    [Fact]
    public async Task ThePacingWait_DoesNotCountAgainstTheAttemptTimeout()
    {
        // The pacer's wait (3 s) is twice the attempt timeout (1.5 s): if the wait were inside the timeout, the
        // attempt would time out whatever the machine's speed. The server answers at once.
        using var server = new LoopbackServer().Enqueue(Scripted.Ok(Doc(JobXml(SeedSpec()))), Scripted.Ok(Doc(JobXml(SeedSpec()))));
        int paced = 0;
        var pacer = new RequestPacer(1, () => Frozen, async (wait, ct) =>
        {
            Interlocked.Increment(ref paced);
            await Task.Delay(TimeSpan.FromSeconds(3), ct);
        });
        using MgwClient client = NewClient(server, tweak: o =>
        {
            o.Pacer = pacer;
            o.AttemptTimeout = TimeSpan.FromSeconds(1.5);
            o.MaxRetries = 0;
        });

        await client.GetJobAsync("examplejob");   // the first slot: no wait
        MgwJob job = await client.GetJobAsync("examplejob");

        Assert.Equal("examplejob", job.Name);
        Assert.Equal(1, paced);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task CancellationWhileWaitingForASlot_IsACancellation_AndNothingIsSent()
    {
        using var server = new LoopbackServer().Enqueue(Scripted.Ok(Doc(JobXml(SeedSpec()))));
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pacer = new RequestPacer(1, () => Frozen, (wait, ct) =>
        {
            waiting.TrySetResult();
            return Task.Delay(Timeout.Infinite, ct);
        });
        using MgwClient client = NewClient(server, tweak: o => o.Pacer = pacer);
        await client.GetJobAsync("examplejob");
        using var cts = new CancellationTokenSource();

        Task call = client.GetJobAsync("examplejob", cancellationToken: cts.Token);
        await waiting.Task.WaitAsync(TimeSpan.FromSeconds(30));
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Single(server.Requests);
    }
}
