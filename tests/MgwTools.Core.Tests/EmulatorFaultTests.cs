using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using MgwTools.Emulator;

namespace MgwTools.Core.Tests;

public class EmulatorFaultTests
{
    /// <summary>What each of <paramref name="count"/> sequential requests got: a status, or "drop".</summary>
    private static async Task<List<string>> Outcomes(EmulatorFixture f, int count)
    {
        var outcomes = new List<string>();
        for (int i = 0; i < count; i++)
        {
            try
            {
                EmulatorReply r = i % 2 == 0 ? await f.Client.CreateJob($"seeded-{i:000}", "src", $"d{i:000}") : await f.Client.GetJob($"seeded-{i - 1:000}");
                string retryAfter = r.Message.Headers.RetryAfter?.Delta?.TotalSeconds.ToString() ?? "";
                outcomes.Add($"{r.Status}{r.Code}{retryAfter}");
            }
            catch (HttpRequestException)
            {
                outcomes.Add("drop");
            }
        }

        return outcomes;
    }

    private static EmulatorFixture Seeded(int seed, double rate = 0.4)
    {
        var f = new EmulatorFixture(o => o.Faults = new EmulatorFaultOptions { Rate = rate, Seed = seed, RetryAfterSeconds = 2 });
        for (int i = 0; i < 60; i += 2) f.Emulator.AddAddress($"d{i:000}");
        return f;
    }

    [Fact]
    public async Task TheSameSeedGivesTheSameFaults()
    {
        using var a = Seeded(42);
        using var b = Seeded(42);
        using var c = Seeded(7);
        List<string> first = await Outcomes(a, 60);
        List<string> second = await Outcomes(b, 60);
        List<string> other = await Outcomes(c, 60);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        Assert.Equal(a.Emulator.Stats.FaultsByKind, b.Emulator.Stats.FaultsByKind);
        Assert.Equal(a.Emulator.JobCount, b.Emulator.JobCount);
        // Every kind shows up at this rate and length, each with its own answer.
        Assert.Contains("500InternalError", first);
        Assert.Contains("503ServiceUnavailable", first);
        Assert.Contains("503ServiceUnavailable2", first);
        Assert.Contains("drop", first);
        Assert.All(Enum.GetValues<EmulatorFault>(), k => Assert.True(a.Emulator.Stats.Count(k) > 0, k.ToString()));
        Assert.Equal(60, a.Emulator.Stats.Requests);
    }

    [Fact]
    public async Task ChangingFaultsAtRunTimeRestartsTheSequence()
    {
        using var f = Seeded(5);
        List<string> first = await Outcomes(f, 20);
        f.Emulator.Reset();
        for (int i = 0; i < 60; i += 2) f.Emulator.AddAddress($"d{i:000}");
        foreach (string n in new[] { "src", "dest" }) f.Emulator.AddAddress(n);
        f.Emulator.Faults = new EmulatorFaultOptions { Rate = 0.4, Seed = 5, RetryAfterSeconds = 2 };
        Assert.Equal(first, await Outcomes(f, 20));

        f.Emulator.Faults = EmulatorFaultOptions.None;
        Assert.All(await Outcomes(f, 10), o => Assert.DoesNotContain("drop", o));
    }

    [Fact]
    public async Task CommitThenDropLeavesExactlyOneJob()
    {
        using var f = new EmulatorFixture();
        f.Emulator.FailNext(EmulatorFault.CommitThenDrop);
        // Not a CreateJob: the queued fault waits.
        Assert.Equal(404, (await f.Client.GetJob("ctd")).Status);
        await Assert.ThrowsAsync<HttpRequestException>(() => f.Client.CreateJob("ctd"));
        Assert.Equal(1, f.Emulator.JobCount);
        Assert.Equal(1, f.Emulator.Stats.Count(EmulatorFault.CommitThenDrop));
        Assert.Equal(1, f.Emulator.Stats.JobsCreated);

        // A blind retry is refused; GET shows the job the lost answer was about.
        Assert.Equal("ImportJobAlreadyExist", (await f.Client.CreateJob("ctd")).Code);
        Assert.Equal("IMPORT_JOB_BEGIN", (await f.Client.GetJob("ctd")).Text("Status"));
        Assert.Equal(1, f.Emulator.JobCount);
    }

    [Fact]
    public async Task DropCreatesNothing()
    {
        using var f = new EmulatorFixture();
        f.Emulator.FailNext(EmulatorFault.Drop);
        await Assert.ThrowsAsync<HttpRequestException>(() => f.Client.CreateJob("dropped"));
        Assert.Equal(0, f.Emulator.JobCount);
        Assert.Equal(200, (await f.Client.CreateJob("dropped")).Status);
    }

    [Fact]
    public async Task RetryAfterAndServerErrorsDoNothing()
    {
        using var f = new EmulatorFixture(o => o.Faults = new EmulatorFaultOptions { RetryAfterSeconds = 3 });
        f.Emulator.FailNext(EmulatorFault.RetryAfter);
        f.Emulator.FailNext(EmulatorFault.ServerError);
        f.Emulator.FailNext(EmulatorFault.ServiceUnavailable);
        EmulatorReply retry = await f.Client.CreateJob("later");
        Assert.Equal((503, "ServiceUnavailable"), (retry.Status, retry.Code));
        Assert.Equal(TimeSpan.FromSeconds(3), retry.Message.Headers.RetryAfter!.Delta);
        Assert.NotNull(retry.RequestId);
        EmulatorReply server = await f.Client.CreateJob("later");
        Assert.Equal((500, "InternalError"), (server.Status, server.Code));
        EmulatorReply unavailable = await f.Client.CreateJob("later");
        Assert.Equal(503, unavailable.Status);
        Assert.Null(unavailable.Message.Headers.RetryAfter);
        Assert.Equal(0, f.Emulator.JobCount);
        Assert.Equal(3, f.Emulator.Stats.Faults);
        Assert.Equal(200, (await f.Client.CreateJob("later")).Status);
    }

    [Fact]
    public async Task CommitThenDropOnlyHitsCreateJob()
    {
        using var f = new EmulatorFixture(o => o.Faults = new EmulatorFaultOptions { Rate = 1, Kinds = [EmulatorFault.CommitThenDrop] });
        Assert.Equal(404, (await f.Client.GetJob("ctd-only")).Status);
        await Assert.ThrowsAsync<HttpRequestException>(() => f.Client.CreateJob("ctd-only"));
        Assert.Equal(200, (await f.Client.GetJob("ctd-only")).Status);
        Assert.Equal(3, f.Emulator.Stats.Requests);
    }

    [Fact]
    public void FaultOptionsAreValidated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MgwEmulator(new MgwEmulatorOptions { Faults = new EmulatorFaultOptions { Rate = 1.5 } }));
        using var e = new MgwEmulator();
        Assert.Throws<ArgumentOutOfRangeException>(() => e.Faults = new EmulatorFaultOptions { Latency = TimeSpan.FromMilliseconds(-1) });
    }
}
