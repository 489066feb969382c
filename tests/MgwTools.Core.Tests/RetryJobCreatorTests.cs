using System;
using System.Threading;
using System.Threading.Tasks;
using MgwTools.Core.Client;
using MgwTools.Core.Jobs;
using static MgwTools.Core.Tests.JobCreatorRig;

namespace MgwTools.Core.Tests;

/// <summary>
/// <see cref="RetryJobCreator"/> against the emulator on a manual clock. The "flaky-*" jobs below read from a source whose
/// runs end with 5% failed files (<see cref="MgwEmulator.SetFailureRate"/>); the "clean-*" ones fail nothing.
/// </summary>
public class RetryJobCreatorTests
{
    private static readonly TimeSpan WholeRun = TimeSpan.FromMinutes(5);

    // A job on address pair <pair>, started, and (unless told otherwise) run to its end on the driven clock.
    private static async Task<MgwJob> Run(JobCreatorRig rig, string name, int pair = 0, bool finish = true)
    {
        if (name.StartsWith("flaky", StringComparison.Ordinal)) rig.Emulator.SetFailureRate("src" + pair, 0.05);
        await rig.Client.CreateJobAsync(Spec(name, pair));
        await rig.Client.UpdateJobStatusAsync(name, MgwJobStatusChange.Launch);
        if (finish) rig.Emulator.Clock.Advance(WholeRun);
        return await rig.Client.GetJobAsync(name);
    }

    private static Task<RetryJobOutcome> Retry(JobCreatorRig rig, string name, Action<RetryJobRequest>? more = null)
    {
        var request = new RetryJobRequest { JobName = name };
        more?.Invoke(request);
        return RetryJobCreator.CreateAsync(rig.Client, request, CancellationToken.None);
    }

    [Theory]
    [InlineData("nightly-logs", 1, "nightly-logs-retry-1")]
    [InlineData("abc", 12, "abc-retry-12")]
    public void DefaultName_IsJobRetryRun(string job, int run, string expected)
    {
        Assert.Equal(expected, RetryJobCreator.DefaultName(job, run));
    }

    [Fact]
    public void DefaultName_ShortensTheJobPartToStayWithin63Characters()
    {
        string job = new('a', 63);

        string name = RetryJobCreator.DefaultName(job, 123);

        Assert.Equal(RetryJobCreator.MaxNameLength, name.Length);
        Assert.Equal(new string('a', 53) + "-retry-123", name);
    }

    [Fact]
    public void DefaultName_DropsADashOrUnderscoreLeftAtTheCut()
    {
        // The cut (63 - "-retry-1".Length = 55 characters) falls just after "-" and "_".
        Assert.Equal(new string('a', 53) + "-retry-1", RetryJobCreator.DefaultName(new string('a', 53) + "_-" + new string('b', 8), 1));
    }

    [Fact]
    public async Task ARunWithoutFailedFiles_NoNeed_CreatesNothing()
    {
        using var rig = new JobCreatorRig();
        await Run(rig, "clean-c");

        RetryJobOutcome outcome = await Retry(rig, "clean-c");

        Assert.Equal("NoNeed", outcome.Result.ReadyRetry);
        Assert.Null(outcome.Job);
        Assert.False(outcome.Created);
        Assert.Equal(0, rig.Handler.Count("POST /address"));
        Assert.Equal(1, rig.Emulator.JobCount);
    }

    [Fact]
    public async Task ARunStillGoing_RetryNotReady_NamingTheRun()
    {
        using var rig = new JobCreatorRig();
        await Run(rig, "flaky-c", finish: false);

        MgwException error = await Assert.ThrowsAsync<MgwException>(() => Retry(rig, "flaky-c"));

        Assert.Equal(MgwErrorCodes.RetryNotReady, error.Error.Code);
        Assert.Equal("flaky-c", error.Error.JobName);
        Assert.Equal(1, error.Error.Value);
        Assert.Contains("run 1 of job 'flaky-c' is not ready yet", error.Error.Message);
        Assert.Equal(0, rig.Handler.Count("POST /address"));
    }

    [Fact]
    public async Task AJobThatNeverRan_NoRunYet()
    {
        using var rig = new JobCreatorRig();
        await rig.Client.CreateJobAsync(Spec("flaky-c"));

        MgwException error = await Assert.ThrowsAsync<MgwException>(() => Retry(rig, "flaky-c"));

        Assert.Equal(MgwErrorCodes.NoRunYet, error.Error.Code);
    }

    [Fact]
    public async Task Ready_CreatesTheListAddressAndAChildJob_WithTheParentsDestinationAndModes_AndStartsIt()
    {
        using var rig = new JobCreatorRig();
        MgwJob parent = await Run(rig, "flaky-c");

        RetryJobOutcome outcome = await Retry(rig, "flaky-c", r => r.Start = true);

        Assert.Equal("Ready", outcome.Result.ReadyRetry);
        Assert.True(outcome.Result.FailedObjectCount > 0, "the emulator's 'flaky-c' run ends with failed files");
        Assert.True(outcome.Created);
        Assert.True(outcome.Started);
        MgwJob retry = outcome.Job!;
        Assert.Equal("flaky-c-retry-1", retry.Name);
        Assert.Equal("flaky-c-retry-1", retry.SourceAddress);
        Assert.Equal(parent.DestinationAddress, retry.DestinationAddress);
        Assert.Equal(parent.OverwriteMode, retry.OverwriteMode);
        Assert.Equal(parent.TransferMode, retry.TransferMode);
        Assert.Equal(parent.Version, retry.ParentVersion);
        Assert.Equal("IMPORT_JOB_LAUNCHING", retry.Status);

        MgwAddress list = await rig.Client.GetAddressAsync("flaky-c-retry-1");
        Assert.Equal("ossinv", list.Detail.AddressType);
        Assert.Equal(outcome.Result.InvBucket, list.Detail.InvBucket);
        Assert.Equal(outcome.Result.InvPath, list.Detail.InvPath);
        Assert.Equal("src0", list.Detail.Bucket);     // the source's own details are kept
    }

    [Fact]
    public async Task RunTwice_ReturnsTheSameRetryJob_CreatingNothingTwice()
    {
        using var rig = new JobCreatorRig();
        await Run(rig, "flaky-c");
        RetryJobOutcome first = await Retry(rig, "flaky-c");

        RetryJobOutcome second = await Retry(rig, "flaky-c", r => r.Start = true);

        Assert.False(second.Created);
        Assert.Equal(first.Job!.Version, second.Job!.Version);
        Assert.True(second.Started, "a retry job that never ran is started on request");
        Assert.Equal(2, rig.Handler.Count("POST /job"));         // the parent's and the retry's
        Assert.Equal(1, rig.Handler.Count("POST /address"));
    }

    [Fact]
    public async Task NewName_NamesTheJobAndItsAddress()
    {
        using var rig = new JobCreatorRig();
        await Run(rig, "flaky-c");

        RetryJobOutcome outcome = await Retry(rig, "flaky-c", r => r.NewName = " logs-again ");

        Assert.Equal("logs-again", outcome.Job!.Name);
        Assert.Equal("logs-again", outcome.Job.SourceAddress);
    }

    [Fact]
    public async Task AnAddressOfTheRetryNameThatIsNotThisList_RetryAddressConflict_AndNoJob()
    {
        using var rig = new JobCreatorRig();
        await Run(rig, "flaky-c");
        rig.Emulator.AddAddress("flaky-c-retry-1");

        MgwException error = await Assert.ThrowsAsync<MgwException>(() => Retry(rig, "flaky-c"));

        Assert.Equal(MgwErrorCodes.RetryAddressConflict, error.Error.Code);
        Assert.Equal("flaky-c-retry-1", error.Error.Value);
        Assert.Contains("-NewName", error.Error.Message);
        Assert.Equal(1, rig.Emulator.JobCount);
    }

    [Fact]
    public async Task ARetryJobChangedSince_ImportJobSpecConflict_NamingTheField()
    {
        using var rig = new JobCreatorRig();
        await Run(rig, "flaky-c");
        await Retry(rig, "flaky-c");
        await rig.Client.UpdateJobQosAsync("flaky-c-retry-1", null, 50);

        MgwException error = await Assert.ThrowsAsync<MgwException>(() => Retry(rig, "flaky-c"));

        Assert.Equal("ImportJobSpecConflict", error.Error.Code);
        Assert.Contains("MaxQps", error.Error.Message);
    }

    [Fact]
    public async Task ASourceReadWithAnAccessKey_NeedsItsSecretAgain()
    {
        using var rig = new JobCreatorRig();
        var s3 = new MgwAddressDetail { AddressType = "s3", Bucket = "photos", Domain = "s3.example.invalid", AccessId = "AKIDEXAMPLE" };
        s3.SetAccessSecret("source-secret-" + Guid.NewGuid().ToString("N"));
        await rig.Client.CreateAddressAsync("s3-photos", s3);
        rig.Emulator.SetFailureRate("s3-photos", 0.05);
        var spec = Spec("flaky-c");
        spec.SourceAddress = "s3-photos";
        await rig.Client.CreateJobAsync(spec);
        await rig.Client.UpdateJobStatusAsync("flaky-c", MgwJobStatusChange.Launch);
        rig.Emulator.Clock.Advance(WholeRun);

        MgwException error = await Assert.ThrowsAsync<MgwException>(() => Retry(rig, "flaky-c"));
        Assert.Equal(MgwErrorCodes.SourceCredentialRequired, error.Error.Code);
        Assert.Equal("s3-photos", error.Error.Value);
        Assert.Contains("-SourceCredential", error.Error.Message);
        Assert.Equal(1, rig.Handler.Count("POST /address"));     // the source's own, nothing since

        RetryJobOutcome outcome = await Retry(rig, "flaky-c", r =>
        {
            r.SourceAccessId = "AKIDOTHER";
            r.SourceAccessSecret = "another-secret";
        });
        Assert.True(outcome.Created);
        MgwAddress list = await rig.Client.GetAddressAsync("flaky-c-retry-1");
        Assert.Equal("AKIDOTHER", list.Detail.AccessId);
        Assert.Equal("photos", list.Detail.Bucket);
    }
}
