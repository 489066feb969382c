using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MgwTools.Core.Client;
using MgwTools.Core.Jobs;
using MgwTools.Emulator;
using static MgwTools.Core.Tests.JobCreatorRig;

namespace MgwTools.Core.Tests;

public class JobWaiterTests
{
    private static MgwJob Job(string? status) => new(new MgwJobSpec { Name = "a" }) { Status = status is null ? null : (MgwJobStatus)status };

    private static async Task Create(JobCreatorRig rig, params string[] names)
    {
        for (int i = 0; i < names.Length; i++) await rig.Client.CreateJobAsync(Spec(names[i], i));
    }

    [Fact]
    public void Constructor_RefusesANullClient_AndWaitsForTheStoppedStatesByDefault()
    {
        Assert.Throws<ArgumentNullException>(() => new JobWaiter(null!));
        Assert.Equal(new[] { "IMPORT_JOB_FINISHED", "IMPORT_JOB_INTERRUPTED", "IMPORT_JOB_SUSPEND", "IMPORT_JOB_CONFIRMED" }, JobWaiter.DefaultStatuses.Select(s => s.Value));
    }

    [Fact]
    public void IsDone_MatchesTheAwaitedStatuses_IgnoringCase()
    {
        using var rig = new JobCreatorRig();
        var waiter = new JobWaiter(rig.Client, new[] { "import_job_doing" });

        Assert.True(waiter.IsDone(Job("IMPORT_JOB_DOING")));
        Assert.False(waiter.IsDone(Job("IMPORT_JOB_FINISHED")));
        Assert.False(waiter.IsDone(Job(null)));
        Assert.True(new JobWaiter(rig.Client).IsDone(Job("IMPORT_JOB_SUSPEND")));
    }

    [Fact]
    public async Task PollAsync_FewJobs_OneGetJobEach_AndAMissingJobIsMissingNotFailed()
    {
        using var rig = new JobCreatorRig();
        await Create(rig, "wait-a", "wait-b");
        await rig.Client.UpdateJobStatusAsync("wait-a", MgwJobStatusChange.Launch);
        var waiter = new JobWaiter(rig.Client);

        JobPoll poll = await waiter.PollAsync(new[] { "wait-a", "wait-b", "wait-gone" }, CancellationToken.None);

        Assert.Equal("IMPORT_JOB_LAUNCHING", poll.Jobs["wait-a"].Status);
        Assert.Equal("IMPORT_JOB_BEGIN", poll.Jobs["wait-b"].Status);
        Assert.Equal(new[] { "wait-gone" }, poll.Missing);
        Assert.Empty(poll.Failed);
        Assert.Equal(1, rig.Handler.Count("GET /job/wait-a"));
        Assert.Equal(0, rig.Handler.Count("GET /joblist"));
    }

    [Fact]
    public async Task PollAsync_FromTheThreshold_OneListingServesEveryJob_ChildrenIncluded()
    {
        using var rig = new JobCreatorRig(addressPairs: 3);
        await Create(rig, "many-0", "many-1");
        MgwJob parent = await rig.Client.GetJobAsync("many-0");
        MgwJobSpec child = Spec("many-child", 2);
        child.ParentVersion = parent.Version;
        await rig.Client.CreateJobAsync(child);
        var waiter = new JobWaiter(rig.Client) { ListThreshold = 3 };
        int before = rig.Handler.Calls.Count;

        JobPoll poll = await waiter.PollAsync(new[] { "many-0", "many-1", "many-child", "many-gone" }, CancellationToken.None);

        Assert.Equal(new[] { "many-0", "many-1", "many-child" }, poll.Jobs.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal(new[] { "many-gone" }, poll.Missing);
        Assert.Equal(new[] { "GET /joblist" }, rig.Handler.Calls.Skip(before));
    }

    [Fact]
    public async Task PollAsync_AJobWhoseReadFailed_IsInFailedWithTheError()
    {
        using var rig = new JobCreatorRig(tweak: o => o.MaxRetries = 0);
        await Create(rig, "fails-once");
        rig.Emulator.FailNext(EmulatorFault.ServerError);

        JobPoll poll = await new JobWaiter(rig.Client).PollAsync(new[] { "fails-once" }, CancellationToken.None);

        Assert.Empty(poll.Jobs);
        Assert.Empty(poll.Missing);
        Assert.Equal(500, poll.Failed["fails-once"].StatusCode);
    }

    [Fact]
    public async Task CurrentRunAsync_HasTheCountsOfTheRunSoFar_AndNullBeforeTheFirstRun()
    {
        using var rig = new JobCreatorRig();
        await Create(rig, "counting");
        var waiter = new JobWaiter(rig.Client);
        Assert.Null(await waiter.CurrentRunAsync("counting", CancellationToken.None));

        await rig.Client.UpdateJobStatusAsync("counting", MgwJobStatusChange.Launch);
        rig.Emulator.Clock.Advance(TimeSpan.FromSeconds(15));     // launched and listed: copying starts
        await rig.Client.GetJobAsync("counting");
        await rig.Client.UpdateJobStatusAsync("counting", MgwJobStatusChange.Suspend);
        MgwJobRun? early = await waiter.CurrentRunAsync("counting", CancellationToken.None);

        await rig.Client.UpdateJobStatusAsync("counting", MgwJobStatusChange.Launch);
        rig.Emulator.Clock.Advance(TimeSpan.FromSeconds(35));     // launching again, then half of the copying
        await rig.Client.UpdateJobStatusAsync("counting", MgwJobStatusChange.Suspend);
        MgwJobRun? later = await waiter.CurrentRunAsync("counting", CancellationToken.None);

        Assert.Equal("IMPORT_JOB_SUSPEND", later?.Status);
        Assert.Equal("1", later?.RuntimeId);
        Assert.True(later!.TotalCount > 0);
        Assert.True(later.CopiedCount > early!.CopiedCount, $"{later.CopiedCount} after {early.CopiedCount}");
        Assert.True(later.CopiedCount < later.TotalCount);
    }

    [Fact]
    public async Task WaitUntilGoneAsync_TrueOnceTheServiceNoLongerKnowsTheJob()
    {
        using var rig = new JobCreatorRig();
        await Create(rig, "short-lived");
        await rig.Client.DeleteJobAsync("short-lived");
        rig.Emulator.Clock.Advance(TimeSpan.FromMinutes(1));   // past the service's deleting state

        Assert.True(await JobWaiter.WaitUntilGoneAsync(rig.Client, "short-lived", TimeSpan.FromSeconds(30), CancellationToken.None));
        Assert.True(await JobWaiter.WaitUntilGoneAsync(rig.Client, "never-was", TimeSpan.FromSeconds(30), CancellationToken.None));
    }

    [Fact]
    public async Task WaitUntilGoneAsync_FalseWhenTheJobIsStillThereAtTheTimeout()
    {
        using var rig = new JobCreatorRig();
        await Create(rig, "stays");

        Assert.False(await JobWaiter.WaitUntilGoneAsync(rig.Client, "stays", TimeSpan.FromMilliseconds(300), CancellationToken.None));
        Assert.True(rig.Handler.Count("GET /job/stays") >= 2, "polled again before giving up");
    }

    [Fact]
    public async Task WaitUntilGoneAsync_StopsWhenCancelled()
    {
        using var rig = new JobCreatorRig();
        await Create(rig, "stays-too");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            JobWaiter.WaitUntilGoneAsync(rig.Client, "stays-too", TimeSpan.FromHours(1), cancel.Token));
    }
}
