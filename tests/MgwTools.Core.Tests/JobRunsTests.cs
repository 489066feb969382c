using System;
using System.Threading;
using System.Threading.Tasks;
using MgwTools.Core.Client;
using MgwTools.Core.Jobs;
using static MgwTools.Core.Tests.JobCreatorRig;

namespace MgwTools.Core.Tests;

public class JobRunsTests
{
    private static MgwJobRun Entry(string? runtimeId, string status, string? commit = null) =>
        new() { Name = "j", RuntimeId = runtimeId, Status = status, CommitId = commit };

    [Theory]
    [InlineData("1", 1)]
    [InlineData(" 12 ", 12)]
    [InlineData("", null)]
    [InlineData(null, null)]
    [InlineData("two", null)]
    [InlineData("99999999999", null)]
    public void RuntimeIdOf_ReadsTheRunNumberTheServiceSentAsText(string? text, int? expected)
    {
        Assert.Equal(expected, JobRuns.RuntimeIdOf(Entry(text, "IMPORT_JOB_DOING")));
    }

    [Fact]
    public void Latest_IsTheLastEntryOfTheHighestRun_NotTheLastEntryListed()
    {
        var history = new[]
        {
            Entry("1", "IMPORT_JOB_LAUNCHING", "1"),
            Entry("2", "IMPORT_JOB_LAUNCHING", "4"),
            Entry("2", "IMPORT_JOB_DOING", "5"),
            Entry("1", "IMPORT_JOB_FINISHED", "3"),   // an older run listed after the newer one
        };

        MgwJobRun? latest = JobRuns.Latest(history);

        Assert.Equal("5", latest?.CommitId);
    }

    [Fact]
    public void Latest_PrefersAnEntryWithARunNumberOverOneWithout_AndIsNullForNoHistory()
    {
        Assert.Null(JobRuns.Latest(Array.Empty<MgwJobRun>()));
        Assert.Equal("b", JobRuns.Latest(new[] { Entry("1", "x", "b"), Entry(null, "y", "c") })?.CommitId);
        Assert.Equal("c", JobRuns.Latest(new[] { Entry(null, "y", "c") })?.CommitId);
    }

    [Fact]
    public async Task ResolveAsync_IsTheGivenRun_WithoutAskingTheService()
    {
        using var rig = new JobCreatorRig();

        Assert.Equal(7, await JobRuns.ResolveAsync(rig.Client, "never-asked", 7, CancellationToken.None));
        Assert.Empty(rig.Handler.Calls);
    }

    [Fact]
    public async Task ResolveAsync_IsTheLatestRun_AndNoRunYetForAJobThatNeverRan()
    {
        using var rig = new JobCreatorRig();
        await rig.Client.CreateJobAsync(Spec("runs-twice"));

        MgwException none = await Assert.ThrowsAsync<MgwException>(() => JobRuns.ResolveAsync(rig.Client, "runs-twice", null, CancellationToken.None));
        Assert.Equal(MgwErrorCodes.NoRunYet, none.Error.Code);
        Assert.Equal("runs-twice", none.Error.JobName);
        Assert.Contains("has not run yet", none.Error.Message);

        await rig.Client.UpdateJobStatusAsync("runs-twice", MgwJobStatusChange.Launch);
        rig.Emulator.Clock.Advance(TimeSpan.FromMinutes(5));
        await rig.Client.UpdateJobStatusAsync("runs-twice", MgwJobStatusChange.Launch);

        Assert.Equal(2, await JobRuns.ResolveAsync(rig.Client, "runs-twice", null, CancellationToken.None));
        MgwJobRun? latest = await JobRuns.LatestAsync(rig.Client, "runs-twice", CancellationToken.None);
        Assert.Equal("IMPORT_JOB_LAUNCHING", latest?.Status);
        Assert.Equal("2", latest?.RuntimeId);
    }
}
