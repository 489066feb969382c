using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MgwTools.Core.Bulk;
using static MgwTools.Core.Tests.JobCreatorRig;

namespace MgwTools.Core.Tests;

public class JobCreationTallyTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static Task<JobCreationResult> Failed(string code, int status) =>
        Task.FromException<JobCreationResult>(new MgwException(new MgwError { Code = code, StatusCode = status, Message = code + " happened" }));

    [Fact]
    public void Counts_EveryKindOfRow_AndSaysWhatToDoWithIt()
    {
        var tally = new JobCreationTally();
        var cancelled = Task.FromCanceled<JobCreationResult>(new CancellationToken(canceled: true));

        tally.RefusedByValidation("bad-row", 1);
        tally.Sent();
        tally.Sent();
        tally.Sent();
        JobRowOutcome notFound = tally.Finish(Failed("NoSuchImportAddress", 404), 2, "job-b", "target-b", out MgwError? error);
        JobRowOutcome unsent = tally.Finish(cancelled, 3, "job-c", "target-c", out MgwError? none);

        Assert.Equal(JobRowOutcome.Error, notFound);
        Assert.Equal(2, error!.Row);
        Assert.Equal("job-b", error.JobName);
        Assert.Equal(JobRowOutcome.NotSent, unsent);
        Assert.Null(none);
        Assert.Equal((1, 3, 0, 0, 1, 1), (tally.Refused, tally.Submitted, tally.Created, tally.Existing, tally.Failed, tally.Unsent));
        Assert.False(tally.Stopping);
        Assert.Null(tally.StopWarning);
        Assert.Equal("1 of 3 sent done: 0 created, 0 existing, 1 failed; 1 refused by validation", tally.ProgressStatus);
        Assert.Equal(33, tally.PercentComplete);
        Assert.Equal("4 input(s): 0 created, 0 already existed, 1 failed, 1 refused by validation.", tally.Summary(4));
    }

    [Fact]
    public void TheFirstFailureThatEveryRowWouldMeet_StopsTheRun_AndIsHeldWithItsTarget()
    {
        var tally = new JobCreationTally();
        for (int i = 0; i < 4; i++) tally.Sent();

        JobRowOutcome first = tally.Finish(Failed("SignatureDoesNotMatch", 403), 1, "job-a", "target-a", out MgwError? stop);
        JobRowOutcome second = tally.Finish(Failed("RequestTimeTooSkewed", 403), 2, "job-b", "target-b", out MgwError? later);
        JobRowOutcome third = tally.Finish(Task.FromCanceled<JobCreationResult>(new CancellationToken(true)), 3, "job-c", "target-c", out _);

        Assert.Equal(JobRowOutcome.Stop, first);
        Assert.Equal(JobRowOutcome.Error, second);    // the run stops once, at the first; later ones are written
        Assert.Equal(JobRowOutcome.NotSent, third);
        Assert.True(tally.Stopping);
        Assert.Same(stop, tally.Fatal);
        Assert.Equal("target-a", tally.FatalTarget);
        Assert.Equal(1, stop!.Row);
        Assert.Equal("RequestTimeTooSkewed", later!.Code);
        Assert.Equal("stopped at SignatureDoesNotMatch: 1 input(s) read were not sent, and no more were read. " +
                     "Fix the cause, then run the same command again with -SkipExisting.", tally.StopWarning);
    }

    [Fact]
    public void ADefect_IsRethrownInFull()
    {
        var tally = new JobCreationTally();
        Assert.Throws<InvalidCastException>(() => tally.Finish(Task.FromException<JobCreationResult>(new InvalidCastException("bug")), 1, "j", null, out _));
        Assert.Throws<InvalidOperationException>(() => tally.Finish(new TaskCompletionSource<JobCreationResult>().Task, 1, "j", null, out _));
    }

    [Fact]
    public async Task RowsNotSent_BeforeTheCreatorExists_StillMakeTheirChildrenParentNotCreated()
    {
        using var rig = new JobCreatorRig();
        var tally = new JobCreationTally();
        tally.RefusedByValidation("parent-a", 1);
        tally.NotConfirmed("parent-b", 2);
        var creator = new JobCreator(rig.Client, 2);
        tally.Attach(creator);
        tally.RefusedByValidation("parent-c", 3);

        foreach (var (parent, row, reason) in new[] { ("parent-a", 1, "was refused by validation"), ("parent-b", 2, "was not confirmed"), ("parent-c", 3, "was refused by validation") })
        {
            Task<JobCreationResult> child = creator.Submit(Spec("child-of-" + parent), parent, 10 + row, CancellationToken.None);
            var ex = await Assert.ThrowsAsync<MgwException>(() => child.WaitAsync(Patience));
            Assert.Equal(MgwErrorCodes.ParentNotCreated, ex.Error.Code);
            Assert.Equal($"The parent job '{parent}' (row {row} of this run) {reason}, so this child was not sent either.", ex.Message);
        }

        Assert.Empty(rig.Handler.Calls);
    }

    [Fact]
    public async Task Created_AndExisting_AreCounted()
    {
        using var rig = new JobCreatorRig();
        await rig.Client.CreateJobAsync(Spec("old-job", 1));
        var creator = new JobCreator(rig.Client, 2, skipExisting: true);
        var tally = new JobCreationTally();
        tally.Attach(creator);

        Task<JobCreationResult> created = creator.Submit(Spec("new-job"), null, 1, CancellationToken.None);
        Task<JobCreationResult> existing = creator.Submit(Spec("old-job", 1), null, 2, CancellationToken.None);
        tally.Sent();
        tally.Sent();
        await Task.WhenAll(created, existing).WaitAsync(Patience);

        Assert.Equal(JobRowOutcome.Job, tally.Finish(created, 1, "new-job", null, out _));
        Assert.Equal(JobRowOutcome.Job, tally.Finish(existing, 2, "old-job", null, out _));
        Assert.Equal((1, 1, 100), (tally.Created, tally.Existing, tally.PercentComplete));
    }

    private static Task<JobCreationResult> Created() =>
        Task.FromResult(new JobCreationResult(new MgwJob(new MgwJobSpec { Name = "ok" }), JobCreationKind.Created, 1, false));

    private static MgwError Finding(string code, int row) => new() { Code = code, Row = row, JobName = "job-" + row, Message = code + " found" };

    [Fact]
    public void StopAtFirstError_TheFirstRefusalStopsTheRun_ItsOtherErrorsAndLaterOnesAreHeld()
    {
        var tally = new JobCreationTally(stopAtFirstError: true);
        tally.Sent();
        tally.Sent();

        JobRowOutcome first = tally.Refuse("job-3", 3, new[] { Finding("InvalidJobName", 3), Finding("MissingTransferMode", 3) }, "target-3");
        JobRowOutcome later = tally.Finish(Failed("NoSuchImportAddress", 404), 1, "job-1", "target-1", out MgwError? held);
        JobRowOutcome done = tally.Finish(Created(), 2, "job-2", "target-2", out _);

        Assert.Equal(JobRowOutcome.Stop, first);
        Assert.Equal(JobRowOutcome.Held, later);
        Assert.Equal(JobRowOutcome.Job, done);
        Assert.Equal("InvalidJobName", tally.Fatal!.Code);
        Assert.Equal("target-3", tally.FatalTarget);
        Assert.Equal(new[] { "MissingTransferMode", "NoSuchImportAddress" }, tally.Held.Select(e => e.Code));
        Assert.Same(held, tally.Held[1]);
        Assert.Equal(JobRowOutcome.Held, tally.Refuse("job-4", 4, new[] { Finding("InvalidCron", 4) }, null));
        Assert.Equal("stopped at the first error (InvalidJobName, row 3) because -ErrorAction is Stop: 0 row(s) read were not sent, and 7 more " +
                     "row(s) of the input were not read; the 1 job(s) finished before are in the output, and 3 more error(s) met meanwhile are " +
                     "listed above. Fix the cause, then run the same command again with -SkipExisting to create the rest.", tally.StopWarningFor(7));
        Assert.Contains(", and no more were read;", tally.StopWarning);
    }

    [Fact]
    public void StopAtFirstError_TheFirstFailureAfterSendingStopsTheRun_TheRowsWaitingAreNotSent()
    {
        var tally = new JobCreationTally(stopAtFirstError: true);
        for (int i = 0; i < 3; i++) tally.Sent();

        Assert.Equal(JobRowOutcome.Stop, tally.Finish(Failed("NoSuchImportAddress", 404), 1, "job-1", "t", out MgwError? stop));
        Assert.Equal(JobRowOutcome.NotSent, tally.Finish(Task.FromCanceled<JobCreationResult>(new CancellationToken(true)), 2, "job-2", "t", out _));
        Assert.Equal(JobRowOutcome.Held, tally.Finish(Failed("InternalError", 500), 3, "job-3", "t", out _));
        Assert.Same(stop, tally.Fatal);
        Assert.False(tally.FatalAffectsEveryRequest);
        Assert.StartsWith("stopped at the first error (NoSuchImportAddress, row 1) because -ErrorAction is Stop: 1 row(s) read were not sent", tally.StopWarning);
    }

    [Fact]
    public void WithoutStopAtFirstError_ARefusalIsWritten_AndTheRunGoesOn()
    {
        var tally = new JobCreationTally();
        Assert.Equal(JobRowOutcome.Error, tally.Refuse("job-1", 1, new[] { Finding("InvalidJobName", 1) }, null));
        Assert.False(tally.Stopping);
        Assert.Empty(tally.Held);
        Assert.Equal(1, tally.Refused);
    }

    [Fact]
    public async Task StopAt_StopsTheCreatorFromAdmitting()
    {
        using var rig = new JobCreatorRig();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Handler.Hold = r => r.Method == System.Net.Http.HttpMethod.Post ? release.Task : Task.CompletedTask;
        var creator = new JobCreator(rig.Client, 1);
        var tally = new JobCreationTally();
        tally.Attach(creator);
        Task<JobCreationResult> sending = creator.Submit(Spec("job-a"), null, 1, CancellationToken.None);
        Task<JobCreationResult> waiting = creator.Submit(Spec("job-b", 1), null, 2, CancellationToken.None);
        await JobCreatorTests.Eventually(() => rig.Handler.InFlight == 1, "the first create in flight");

        tally.StopAt(new MgwError { Code = MgwErrorCodes.WrongDelimiter, Message = "misread" }, "input");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Patience));
        release.SetResult();
        await sending.WaitAsync(Patience);

        Assert.Equal(MgwErrorCodes.WrongDelimiter, tally.Fatal!.Code);
        Assert.Equal(1, rig.Handler.Count("POST /job"));

        // About the whole input, not -ErrorAction: no stop-at-first-error wording, and no warning when nothing was left unsent.
        var strict = new JobCreationTally(stopAtFirstError: true);
        strict.StopAt(new MgwError { Code = MgwErrorCodes.WrongDelimiter, Message = "misread" }, null, everyRow: true);
        Assert.True(strict.FatalAffectsEveryRequest);
        Assert.Null(strict.StopWarning);
        Assert.Equal("stopped at WrongDelimiter: 0 input(s) read were not sent, and 3 more row(s) of the input were not read. " +
                     "Fix the cause, then run the same command again with -SkipExisting.", strict.StopWarningFor(3));
    }

    [Fact]
    public void TheCounts_AreTheRunSummarys_AsTheyChange()
    {
        var run = new MgwRunSummary("New-MgwJob", DateTimeOffset.UtcNow);
        var tally = new JobCreationTally(run);
        tally.Sent();
        tally.Finish(Created(), 1, "ok", null, out _);
        tally.Refuse("bad", 2, new[] { Finding("InvalidJobName", 2) }, null);
        tally.NotConfirmed("maybe", 3);

        Assert.Same(run, tally.Run);
        Assert.Equal((1, 1, 1, 0), (run.Created, run.Refused, run.NotConfirmed, run.Failed));   // before Fill
        Assert.Equal((1, 1, 1, 0), (tally.Created, tally.Refused, tally.Unconfirmed, tally.Failed));
        Assert.Throws<ArgumentNullException>(() => new JobCreationTally(null!));
    }

    [Fact]
    public void Fill_CountsEveryRowOnce_NotSentIncludingTheRowsNeverRead()
    {
        var tally = new JobCreationTally();
        tally.Refuse("bad", 1, new[] { Finding("InvalidJobName", 1) }, null);
        tally.NotConfirmed("maybe", 2);
        for (int i = 0; i < 3; i++) tally.Sent();
        tally.Finish(Created(), 3, "ok", null, out _);
        tally.Finish(Failed("NoSuchImportAddress", 404), 4, "gone", null, out _);
        tally.Finish(Task.FromCanceled<JobCreationResult>(new CancellationToken(true)), 5, "cut", null, out _);
        MgwRunSummary summary = tally.Run;

        tally.Fill(rowsIn: 6, unread: 4);   // row 6 was read but never handed over

        Assert.Equal((10, 1, 0, 1, 1, 1), (summary.RowsIn, summary.Created, summary.Existing, summary.Refused, summary.Failed, summary.NotConfirmed));
        Assert.Equal(1 + 4 + 1, summary.NotSent);
        Assert.Equal(5, summary.Valid);
        Assert.False(summary.Succeeded);

        var all = new MgwRunSummary("New-MgwJob", DateTimeOffset.UtcNow);
        var withheld = new JobCreationTally(all);
        withheld.Refuse("bad", 1, new[] { Finding("InvalidJobName", 1) }, null);
        withheld.Withhold(3);
        withheld.Fill(4);
        Assert.Equal((4, 1, 3, 0), (all.RowsIn, all.Refused, all.NotSent, all.Created));
    }
}
