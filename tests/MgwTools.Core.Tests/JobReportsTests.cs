using System;
using System.Threading;
using System.Threading.Tasks;
using MgwTools.Core.Client;
using MgwTools.Core.Jobs;
using static MgwTools.Core.Tests.JobCreatorRig;

namespace MgwTools.Core.Tests;

public class JobReportsTests
{
    [Theory]
    [InlineData("Finished", true)]
    [InlineData("failed", true)]
    [InlineData("Running", false)]
    [InlineData("NotExist", false)]
    [InlineData(null, false)]
    public void IsFinal_OnlyFinishedAndFailed(string? status, bool final)
    {
        Assert.Equal(final, JobReports.IsFinal(new MgwReport { Status = status }));
    }

    [Fact]
    public async Task CreateAsync_ForTheLatestRun_ReturnsTheReportWithTheJobsName()
    {
        using var rig = new JobCreatorRig();
        await rig.Client.CreateJobAsync(Spec("reported"));
        await rig.Client.UpdateJobStatusAsync("reported", MgwJobStatusChange.Launch);
        rig.Emulator.Clock.Advance(TimeSpan.FromMinutes(5));

        MgwReport report = await JobReports.CreateAsync(rig.Client, "reported", null, null, CancellationToken.None);

        Assert.Equal("reported", report.JobName);
        Assert.Equal(1, report.RuntimeId);
        Assert.Equal("Running", report.Status);
        Assert.Equal((await rig.Client.GetJobAsync("reported")).Version, report.JobVersion);
    }

    [Fact]
    public async Task GetAsync_WithAWait_PollsUntilTheReportIsFinal()
    {
        using var rig = new JobCreatorRig();
        await rig.Client.CreateJobAsync(Spec("reported"));
        await rig.Client.UpdateJobStatusAsync("reported", MgwJobStatusChange.Launch);
        rig.Emulator.Clock.Advance(TimeSpan.FromMinutes(5));
        await JobReports.CreateAsync(rig.Client, "reported", null, null, CancellationToken.None);
        // The report is ready ReportDuration (5 s) after it was asked for: move the clock when the second poll comes.
        int polls = 0;
        rig.Handler.Hold = request =>
        {
            if (request.RequestUri!.AbsolutePath == "/report" && ++polls == 2) rig.Emulator.Clock.Advance(TimeSpan.FromSeconds(10));
            return Task.CompletedTask;
        };

        MgwReport report = await JobReports.GetAsync(rig.Client, "reported", null, null, TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(20), CancellationToken.None);

        Assert.Equal("Finished", report.Status);
        Assert.Equal("reported", report.JobName);
        Assert.Equal(2, polls);
        Assert.NotNull(report.FailedListPrefix);
    }

    [Fact]
    public async Task GetAsync_ReturnsTheLastReportReadWhenTheWaitRunsOut()
    {
        using var rig = new JobCreatorRig();
        await rig.Client.CreateJobAsync(Spec("reported"));
        await rig.Client.UpdateJobStatusAsync("reported", MgwJobStatusChange.Launch);
        await JobReports.CreateAsync(rig.Client, "reported", null, null, CancellationToken.None);

        MgwReport report = await JobReports.GetAsync(rig.Client, "reported", null, 1, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(20), CancellationToken.None);

        Assert.Equal("Running", report.Status);
        Assert.False(JobReports.IsFinal(report));
    }

    [Fact]
    public async Task NoRunYet_BeforeAnyReportRequest()
    {
        using var rig = new JobCreatorRig();
        await rig.Client.CreateJobAsync(Spec("idle"));

        MgwException create = await Assert.ThrowsAsync<MgwException>(() => JobReports.CreateAsync(rig.Client, "idle", null, null, CancellationToken.None));
        MgwException get = await Assert.ThrowsAsync<MgwException>(() => JobReports.GetAsync(rig.Client, "idle", null, null, null, TimeSpan.FromSeconds(1), CancellationToken.None));

        Assert.Equal(MgwErrorCodes.NoRunYet, create.Error.Code);
        Assert.Equal(MgwErrorCodes.NoRunYet, get.Error.Code);
        Assert.Equal(0, rig.Handler.Count("POST /report"));
    }
}
