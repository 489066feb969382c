using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using MgwTools.Core.Bulk;
using MgwTools.Core.Client;
using MgwTools.Emulator;
using static MgwTools.Core.Tests.JobCreatorRig;

namespace MgwTools.Core.Tests;

public class JobCreatorTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Polls until <paramref name="condition"/> holds; fails (never flakes on a slow machine) after 30 s.</summary>
    internal static async Task Eventually(Func<bool> condition, string what)
    {
        DateTime giveUp = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < giveUp, "Timed out waiting for: " + what);
            await Task.Delay(10);
        }
    }

    private static async Task<MgwException> Refused(Task task) => await Assert.ThrowsAsync<MgwException>(() => task.WaitAsync(Patience));

    [Fact]
    public void Constructor_RefusesAThrottleLimitBelowOne_AndANullClient()
    {
        using var rig = new JobCreatorRig();
        Assert.Throws<ArgumentOutOfRangeException>(() => new JobCreator(rig.Client, 0));
        Assert.Throws<ArgumentNullException>(() => new JobCreator(null!, 1));
    }

    [Fact]
    public void Submit_WithoutAName_Throws_AndSendsNothing()
    {
        using var rig = new JobCreatorRig();
        var creator = new JobCreator(rig.Client, 1);

        // Thrown by Submit itself, not through the task.
        Assert.IsType<ArgumentException>(Record.Exception(() => { _ = creator.Submit(Spec(""), null, 1, CancellationToken.None); }));
        Assert.IsType<ArgumentException>(Record.Exception(() => { _ = creator.Submit(null!, null, 1, CancellationToken.None); }));
        Assert.Empty(rig.Handler.Calls);
    }

    [Fact]
    public async Task Created_OneSend_TheJobAsGetJobReportsIt()
    {
        using var rig = new JobCreatorRig();
        var creator = new JobCreator(rig.Client, 4);

        JobCreationResult result = await creator.Submit(Spec("job-a"), null, 1, CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(JobCreationKind.Created, result.Kind);
        Assert.Equal(1, result.Sends);
        Assert.False(result.Started);
        Assert.Equal("job-a", result.Job.Name);
        Assert.Equal("IMPORT_JOB_BEGIN", result.Job.Status);
        Assert.Equal(Assert.Single(rig.Emulator.Jobs).Version, result.Job.Version);
        Assert.Equal(["POST /job", "GET /job/job-a"], rig.Handler.Calls);
    }

    [Fact]
    public async Task SecondRowWithTheSameName_IsDuplicateJobName_NamingTheFirstRow_AndIsNotSent()
    {
        using var rig = new JobCreatorRig();
        var creator = new JobCreator(rig.Client, 4);

        Task<JobCreationResult> first = creator.Submit(Spec("job-a", 0), null, 3, CancellationToken.None);
        Task<JobCreationResult> second = creator.Submit(Spec("job-a", 1), null, 7, CancellationToken.None);

        MgwException ex = await Refused(second);
        Assert.Equal(MgwErrorCodes.DuplicateJobName, ex.Error.Code);
        Assert.Equal("Name", ex.Error.Field);
        Assert.Equal("job-a", ex.Error.JobName);
        Assert.Contains("row 3", ex.Message);
        Assert.DoesNotContain("row 7", ex.Message);
        Assert.Equal(JobCreationKind.Created, (await first.WaitAsync(Patience)).Kind);
        Assert.Equal(1, rig.Handler.Count("POST /job"));
        Assert.Equal("src0", Assert.Single(rig.Emulator.Jobs).SourceAddress);
    }

    [Fact]
    public async Task DuplicateName_EvenWhenTheFirstRowFailed_AndWithoutRowNumbers()
    {
        using var rig = new JobCreatorRig();
        var creator = new JobCreator(rig.Client, 4);
        MgwJobSpec bad = Spec("job-a");
        bad.SourceAddress = "nosuch";

        MgwException firstError = await Refused(creator.Submit(bad, null, null, CancellationToken.None));
        MgwException ex = await Refused(creator.Submit(Spec("job-a"), null, null, CancellationToken.None));

        Assert.Equal("NoSuchImportAddress", firstError.Error.Code);
        Assert.Equal(MgwErrorCodes.DuplicateJobName, ex.Error.Code);
        Assert.Contains("already used earlier in this input", ex.Message);
        Assert.Equal(1, rig.Handler.Count("POST /job"));
        Assert.Equal(0, rig.Emulator.JobCount);
    }

    [Fact]
    public async Task ParentByNameAndByVersion_IsParentGivenTwice_NothingSent()
    {
        using var rig = new JobCreatorRig();
        var creator = new JobCreator(rig.Client, 4);
        MgwJobSpec spec = Spec("child");
        spec.ParentVersion = "6af62558-970d-4f44-8663-4e297170fd6a";

        MgwException ex = await Refused(creator.Submit(spec, "parent", 1, CancellationToken.None));

        Assert.Equal(MgwErrorCodes.ParentGivenTwice, ex.Error.Code);
        Assert.Equal("ParentJobName", ex.Error.Field);
        Assert.Equal("parent", ex.Error.Value);
        Assert.Contains("not both", ex.Message);
        Assert.Empty(rig.Handler.Calls);
    }

    [Fact]
    public async Task AJobAsItsOwnParent_IsParentGivenTwice_NothingSent()
    {
        using var rig = new JobCreatorRig();
        var creator = new JobCreator(rig.Client, 4);

        MgwException ex = await Refused(creator.Submit(Spec("job-a"), " job-a ", 1, CancellationToken.None));

        Assert.Equal(MgwErrorCodes.ParentGivenTwice, ex.Error.Code);
        Assert.Contains("cannot be its own parent", ex.Message);
        Assert.Empty(rig.Handler.Calls);
    }

    [Theory]
    [InlineData("..")]
    [InlineData("a/../b")]
    [InlineData("ab")]
    [InlineData("nightly copy")]
    [InlineData("job%2F")]
    [InlineData("line\nbreak")]
    public async Task AParentNameThatIsNoJobName_FailsItsRowOnly_NothingSentForIt(string parent)
    {
        using var rig = new JobCreatorRig();
        var creator = new JobCreator(rig.Client, 4);

        MgwException ex = await Refused(creator.Submit(Spec("child"), parent, 3, CancellationToken.None));
        JobCreationResult other = await creator.Submit(Spec("other", 1), null, 4, CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(MgwErrorCodes.InvalidJobName, ex.Error.Code);
        Assert.Equal(MgwErrorKind.BadInput, ex.Error.Kind);        // not a credentials error: the run goes on
        Assert.Equal("ParentJobName", ex.Error.Field);
        Assert.Equal(parent, ex.Error.Value);
        Assert.Equal("child", ex.Error.JobName);
        Assert.StartsWith("The parent job name '", ex.Message);
        Assert.EndsWith("' (-ParentJobName) is not a job name: use 3 to 63 letters, digits, '_' or '-'. The row was not sent.", ex.Message);
        Assert.DoesNotContain("\n", ex.Message);
        Assert.Equal(JobCreationKind.Created, other.Kind);
        Assert.Equal(["POST /job", "GET /job/other"], rig.Handler.Calls);
    }

    [Fact]
    public async Task TheGivenSpec_IsNeverChanged_TheParentVersionGoesOnACopy()
    {
        using var rig = new JobCreatorRig();
        await rig.Client.CreateJobAsync(Spec("parent"));
        var creator = new JobCreator(rig.Client, 4);
        MgwJobSpec child = Spec("child");

        JobCreationResult result = await creator.Submit(child, "parent", 1, CancellationToken.None).WaitAsync(Patience);

        Assert.Null(child.ParentVersion);
        Assert.Equal(rig.Emulator.Jobs.Single(j => j.Name == "parent").Version, result.Job.ParentVersion);
    }

    [Fact]
    public async Task ParentByName_IsLookedUpOnce_AndEveryChildGetsItsVersion()
    {
        using var rig = new JobCreatorRig();
        await rig.Client.CreateJobAsync(Spec("parent"));
        string parentVersion = Assert.Single(rig.Emulator.Jobs).Version;
        var creator = new JobCreator(rig.Client, 4);

        // One after the other: the second child must use the cached lookup, not a second GetJob.
        JobCreationResult c1 = await creator.Submit(Spec("child-1"), "parent", 1, CancellationToken.None).WaitAsync(Patience);
        JobCreationResult c2 = await creator.Submit(Spec("child-2"), " parent ", 2, CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(1, rig.Handler.Count("GET /job/parent"));
        Assert.Equal(parentVersion, c1.Job.ParentVersion);
        Assert.Equal(parentVersion, c2.Job.ParentVersion);
        Assert.All(rig.Emulator.Jobs.Where(j => j.Name != "parent"), j => Assert.Equal("parent", j.ParentName));
    }

    [Fact]
    public async Task ParentLookupThatFailed_IsNotCached()
    {
        using var rig = new JobCreatorRig();
        var creator = new JobCreator(rig.Client, 4);

        MgwException ex = await Refused(creator.Submit(Spec("child-1"), "parent", 1, CancellationToken.None));
        Assert.Equal("NoSuchImportJob", ex.Error.Code);
        Assert.Equal("ParentJobName", ex.Error.Field);
        Assert.Equal("parent", ex.Error.Value);
        Assert.StartsWith("The parent job 'parent' (-ParentJobName) does not exist: ", ex.Error.Message);
        Assert.Equal(404, ex.Error.StatusCode);
        Assert.NotNull(ex.Error.RequestId);
        Assert.Equal(0, rig.Handler.Count("POST /job"));

        await rig.Client.CreateJobAsync(Spec("parent"));
        JobCreationResult c2 = await creator.Submit(Spec("child-2"), "parent", 2, CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(2, rig.Handler.Count("GET /job/parent"));
        Assert.Equal(rig.Emulator.Jobs.Single(j => j.Name == "parent").Version, c2.Job.ParentVersion);
    }

    [Fact]
    public async Task ManyConcurrentChildrenOfOneParentByName_LookItUpExactlyOnce()
    {
        const int children = 16;
        using var rig = new JobCreatorRig();
        await rig.Client.CreateJobAsync(Spec("parent"));
        string parentVersion = Assert.Single(rig.Emulator.Jobs).Version;

        // Widen the window between "not cached yet" and "cached": a lookup of the parent holds its thread inside the send
        // until a second lookup arrives (or 3 s pass). A creator that can look the parent up twice does so
        // here at once; one that cannot simply waits the 3 s out.
        using var second = new ManualResetEventSlim();
        int lookups = 0;
        rig.Handler.BlockSynchronously = request =>
        {
            if (CountingHandler.Describe(request) != "GET /job/parent") return;
            if (Interlocked.Increment(ref lookups) >= 2) second.Set();
            second.Wait(TimeSpan.FromSeconds(3));
        };
        var creator = new JobCreator(rig.Client, children);

        Task<JobCreationResult>[] rows = Enumerable.Range(0, children)
            .Select(i => creator.Submit(Spec("child-" + i), "parent", i + 1, CancellationToken.None))
            .ToArray();
        JobCreationResult[] results = await Task.WhenAll(rows).WaitAsync(Patience);

        Assert.Equal(1, rig.Handler.Count("GET /job/parent"));
        Assert.All(results, r => Assert.Equal(parentVersion, r.Job.ParentVersion));
        Assert.Equal(children + 1, rig.Emulator.JobCount);
    }

    [Fact]
    public async Task ParentCreatedEarlierInTheRun_IsAwaited_NotLookedUp_EvenWithOneSlot()
    {
        using var rig = new JobCreatorRig();
        // One slot: a child that took a slot before its parent was created would never finish.
        var creator = new JobCreator(rig.Client, 1);

        Task<JobCreationResult> parent = creator.Submit(Spec("parent"), null, 1, CancellationToken.None);
        Task<JobCreationResult> child = creator.Submit(Spec("child"), "parent", 2, CancellationToken.None);
        JobCreationResult[] both = await Task.WhenAll(parent, child).WaitAsync(Patience);

        Assert.Equal(JobCreationKind.Created, both[1].Kind);
        Assert.Equal(both[0].Job.Version, both[1].Job.ParentVersion);
        // The only GET of the parent is CreateJobSafely's own read-back of the new parent.
        Assert.Equal(1, rig.Handler.Count("GET /job/parent"));
        Assert.Equal("parent", rig.Emulator.Jobs.Single(j => j.Name == "child").ParentName);
        Assert.True(rig.Handler.Calls.ToList().IndexOf("GET /job/parent") < rig.Handler.Calls.ToList().LastIndexOf("POST /job"));
    }

    [Fact]
    public async Task ParentRowFailed_ChildIsParentNotCreated_NamingTheRow_AndIsNotSent()
    {
        using var rig = new JobCreatorRig();
        var creator = new JobCreator(rig.Client, 4);
        MgwJobSpec badParent = Spec("parent");
        badParent.SourceAddress = "nosuch";

        Task<JobCreationResult> parent = creator.Submit(badParent, null, 5, CancellationToken.None);
        Task<JobCreationResult> child = creator.Submit(Spec("child"), "parent", 6, CancellationToken.None);

        Assert.Equal("NoSuchImportAddress", (await Refused(parent)).Error.Code);
        MgwException ex = await Refused(child);
        Assert.Equal(MgwErrorCodes.ParentNotCreated, ex.Error.Code);
        Assert.Equal("ParentJobName", ex.Error.Field);
        Assert.Equal("parent", ex.Error.Value);
        Assert.Contains("row 5", ex.Message);
        Assert.Contains("does not exist", ex.Message);   // the parent's own error is passed on
        Assert.Equal(1, rig.Handler.Count("POST /job"));
        Assert.Equal(0, rig.Handler.Count("GET /job/parent"));
        Assert.Equal(0, rig.Emulator.JobCount);
    }

    [Fact]
    public async Task SkipExisting_SameDefinition_IsExisting_NothingSent()
    {
        using var rig = new JobCreatorRig();
        await rig.Client.CreateJobAsync(Spec("job-a"));
        string version = Assert.Single(rig.Emulator.Jobs).Version;
        var creator = new JobCreator(rig.Client, 4, skipExisting: true);

        JobCreationResult result = await creator.Submit(Spec("job-a"), null, 1, CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(JobCreationKind.Existing, result.Kind);
        Assert.Equal(0, result.Sends);
        Assert.False(result.Started);
        Assert.Equal(version, result.Job.Version);
        Assert.Equal(["POST /job", "GET /job/job-a"], rig.Handler.Calls);   // the setup's POST, then the lookup
        Assert.Equal("IMPORT_JOB_BEGIN", Assert.Single(rig.Emulator.Jobs).Status);
    }

    [Fact]
    public async Task SkipExistingAndStart_ANeverStartedJob_IsStarted()
    {
        using var rig = new JobCreatorRig();
        await rig.Client.CreateJobAsync(Spec("job-a"));
        var creator = new JobCreator(rig.Client, 4, skipExisting: true, start: true);

        JobCreationResult result = await creator.Submit(Spec("job-a"), null, 1, CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(JobCreationKind.Existing, result.Kind);
        Assert.True(result.Started);                        // a re-run finishes what a failed start left
        Assert.Equal("IMPORT_JOB_LAUNCHING", result.Job.Status);
        Assert.Equal(["POST /job", "GET /job/job-a", "PUT /job/job-a", "GET /job/job-a"], rig.Handler.Calls);
    }

    [Fact]
    public async Task SkipExistingAndStart_AJobThatWasStarted_IsNotStartedAgain()
    {
        using var rig = new JobCreatorRig();
        await rig.Client.CreateJobAsync(Spec("job-a"));
        await rig.Client.UpdateJobStatusAsync("job-a", MgwJobStatusChange.Launch);
        var creator = new JobCreator(rig.Client, 4, skipExisting: true, start: true);

        JobCreationResult result = await creator.Submit(Spec("job-a"), null, 1, CancellationToken.None).WaitAsync(Patience);

        Assert.False(result.Started);                       // a re-run never starts a second run
        Assert.Equal(1, rig.Handler.Count("PUT /job/job-a"));
    }

    [Fact]
    public async Task SkipExisting_OtherDefinition_IsImportJobSpecConflict_ListingTheFields()
    {
        using var rig = new JobCreatorRig();
        await rig.Client.CreateJobAsync(Spec("job-a"));
        var creator = new JobCreator(rig.Client, 4, skipExisting: true);
        MgwJobSpec other = Spec("job-a", 1);
        other.MaxQps = 5;

        MgwException ex = await Refused(creator.Submit(other, null, 1, CancellationToken.None));

        Assert.Equal(MgwErrorCodes.ImportJobSpecConflict, ex.Error.Code);
        Assert.Equal("job-a", ex.Error.JobName);
        Assert.Equal(["SourceAddress", "DestinationAddress", "MaxQps"], (IReadOnlyList<string>)ex.Error.Value!);
        Assert.Contains("differs in: SourceAddress, DestinationAddress, MaxQps", ex.Message);
        Assert.Equal(1, rig.Handler.Count("POST /job"));    // the setup's only
        Assert.Equal("src0", Assert.Single(rig.Emulator.Jobs).SourceAddress);
    }

    [Fact]
    public async Task SkipExisting_NoSuchJob_CreatesIt()
    {
        using var rig = new JobCreatorRig();
        var creator = new JobCreator(rig.Client, 4, skipExisting: true);

        JobCreationResult result = await creator.Submit(Spec("job-a"), null, 1, CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(JobCreationKind.Created, result.Kind);
        Assert.Equal(1, result.Sends);
        Assert.Equal(["GET /job/job-a", "POST /job", "GET /job/job-a"], rig.Handler.Calls);
    }

    [Fact]
    public async Task WithoutSkipExisting_AnExistingJob_IsTheServicesError()
    {
        using var rig = new JobCreatorRig();
        await rig.Client.CreateJobAsync(Spec("job-a"));
        var creator = new JobCreator(rig.Client, 4);

        MgwException ex = await Refused(creator.Submit(Spec("job-a"), null, 1, CancellationToken.None));

        Assert.Equal("ImportJobAlreadyExist", ex.Error.Code);
        Assert.Equal(1, rig.Emulator.JobCount);
    }

    [Fact]
    public async Task Start_LaunchesThenReadsTheJobAgain()
    {
        using var rig = new JobCreatorRig();
        var creator = new JobCreator(rig.Client, 4, start: true);

        JobCreationResult result = await creator.Submit(Spec("job-a"), null, 1, CancellationToken.None).WaitAsync(Patience);

        Assert.True(result.Started);
        Assert.Equal(JobCreationKind.Created, result.Kind);
        Assert.Equal(1, result.Sends);
        Assert.Equal("IMPORT_JOB_LAUNCHING", result.Job.Status);
        Assert.Equal(["POST /job", "GET /job/job-a", "PUT /job/job-a", "GET /job/job-a"], rig.Handler.Calls);
        Assert.Equal("IMPORT_JOB_LAUNCHING", Assert.Single(rig.Emulator.Jobs).Status);
    }

    [Fact]
    public async Task ParentRowNotSent_ChildIsParentNotCreated_AndDoesNotAttachToAnOlderJobOfThatName()
    {
        using var rig = new JobCreatorRig();
        await rig.Client.CreateJobAsync(Spec("par-one", 1));       // an older job with the parent's name
        var creator = new JobCreator(rig.Client, 4);
        creator.NotSent("par-one", 1, "was refused by validation");

        MgwException ex = await Refused(creator.Submit(Spec("kid-two", 2), "par-one", 2, CancellationToken.None));

        Assert.Equal(MgwErrorCodes.ParentNotCreated, ex.Error.Code);
        Assert.Equal("par-one", ex.Error.Value);
        Assert.Equal("The parent job 'par-one' (row 1 of this run) was refused by validation, so this child was not sent either.", ex.Error.Message);
        Assert.Equal(0, rig.Handler.Count("GET /job/par-one"));
        Assert.Equal(1, rig.Handler.Count("POST /job"));           // the setup's only
    }

    [Fact]
    public async Task ParentRowNotSent_ThenSentByALaterRow_TheLaterRowIsTheParent()
    {
        using var rig = new JobCreatorRig();
        var creator = new JobCreator(rig.Client, 4);
        creator.NotSent("par-one", 1, "was refused by validation");

        JobCreationResult parent = await creator.Submit(Spec("par-one", 1), null, 2, CancellationToken.None).WaitAsync(Patience);
        JobCreationResult child = await creator.Submit(Spec("kid-two", 2), "par-one", 3, CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(parent.Job.Version, child.Job.ParentVersion);
    }

    [Fact]
    public async Task StopAdmitting_RowsSendingEnd_RowsWaitingAreCancelled_NothingElseSent()
    {
        using var rig = new JobCreatorRig();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Handler.Hold = r => r.Method == HttpMethod.Post ? release.Task : Task.CompletedTask;
        var creator = new JobCreator(rig.Client, 1);

        Task<JobCreationResult> sending = creator.Submit(Spec("job-a", 0), null, 1, CancellationToken.None);
        Task<JobCreationResult> waiting1 = creator.Submit(Spec("job-b", 1), null, 2, CancellationToken.None);
        Task<JobCreationResult> waiting2 = creator.Submit(Spec("job-c", 2), null, 3, CancellationToken.None);
        await Eventually(() => rig.Handler.InFlight == 1, "the first create in flight");

        creator.StopAdmitting();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting1.WaitAsync(Patience));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting2.WaitAsync(Patience));
        release.SetResult();
        JobCreationResult done = await sending.WaitAsync(Patience);

        Assert.Equal(JobCreationKind.Created, done.Kind);           // the job it created is reported
        Assert.Equal(1, rig.Handler.Count("POST /job"));
        Assert.Equal("job-a", Assert.Single(rig.Emulator.Jobs).Name);
    }

    [Fact]
    public async Task AFailureEveryRequestWouldMeet_StopsAdmitting_TheRowsWaitingAreNotSent()
    {
        using var server = new LoopbackServer().Enqueue(Scripted.Error(403, "SignatureDoesNotMatch", "The signature does not match."));
        using MgwClient client = ClientTestKit.NewClient(server, tweak: o => o.MaxRetries = 0);
        var creator = new JobCreator(client, 1);

        Task<JobCreationResult>[] rows = Enumerable.Range(0, 3)
            .Select(i => creator.Submit(Spec("job-" + i, i), null, i + 1, CancellationToken.None)).ToArray();

        MgwException ex = await Refused(rows[0]);
        Assert.Equal("SignatureDoesNotMatch", ex.Error.Code);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => rows[1].WaitAsync(Patience));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => rows[2].WaitAsync(Patience));
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task StartFails_AfterTheCreate_TheErrorSaysTheJobExistsNotStarted()
    {
        using var server = new LoopbackServer().Enqueue(
            Scripted.Ok(), Scripted.Ok(ClientTestKit.Doc(ClientTestKit.JobXml(ClientTestKit.SeedSpec()))), Scripted.Error(500, "InternalError", "boom"));
        using MgwClient client = ClientTestKit.NewClient(server, tweak: o => o.MaxRetries = 0);
        var creator = new JobCreator(client, 1, start: true);

        MgwException ex = await Refused(creator.Submit(ClientTestKit.SeedSpec(), null, 1, CancellationToken.None));

        Assert.Equal("InternalError", ex.Error.Code);               // the code stays the service's
        Assert.Equal("Job 'examplejob' was created, but starting it failed: boom. (It exists, not started: run the same command again with -SkipExisting -Start to start it.)", ex.Error.Message);
        Assert.Equal(["POST", "GET", "PUT"], server.Requests.Select(r => r.Method).ToArray());
    }

    [Fact]
    public async Task ThrottleLimit_NeverMoreRowsInFlightThanAllowed()
    {
        const int rows = 10, limit = 3;
        using var rig = new JobCreatorRig(addressPairs: rows);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Handler.Hold = r => r.Method == HttpMethod.Post ? release.Task : Task.CompletedTask;
        var creator = new JobCreator(rig.Client, limit);

        Task<JobCreationResult>[] tasks = Enumerable.Range(0, rows)
            .Select(i => creator.Submit(Spec("job-" + i, i), null, i + 1, CancellationToken.None))
            .ToArray();

        await Eventually(() => rig.Handler.InFlight == limit, $"{limit} creates in flight");
        await Task.Delay(300);   // room for a row that ignores the limit to show itself (not a timing assertion)
        Assert.Equal(limit, rig.Handler.InFlight);
        Assert.Equal(limit, rig.Handler.Count("POST /job"));
        Assert.All(tasks, t => Assert.False(t.IsCompleted));

        release.SetResult();
        JobCreationResult[] results = await Task.WhenAll(tasks).WaitAsync(Patience);

        Assert.All(results, r => Assert.Equal(JobCreationKind.Created, r.Kind));
        Assert.Equal(limit, rig.Handler.Peak);
        Assert.Equal(rows, rig.Emulator.JobCount);
        Assert.Equal(rows, rig.Handler.Count("POST /job"));
    }

    [Fact]
    public async Task Cancellation_StopsRowsInFlightAndQueued_QueuedOnesAreNeverSent()
    {
        using var rig = new JobCreatorRig(addressPairs: 5);
        var never = new TaskCompletionSource();
        rig.Handler.Hold = r => r.Method == HttpMethod.Post ? never.Task : Task.CompletedTask;
        var creator = new JobCreator(rig.Client, 2);
        using var cts = new CancellationTokenSource();

        Task<JobCreationResult>[] tasks = Enumerable.Range(0, 5)
            .Select(i => creator.Submit(Spec("job-" + i, i), null, i + 1, cts.Token))
            .ToArray();
        await Eventually(() => rig.Handler.InFlight == 2, "2 creates in flight");
        cts.Cancel();

        foreach (Task<JobCreationResult> task in tasks)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task.WaitAsync(Patience));
        }

        Assert.Equal(2, rig.Handler.Count("POST /job"));
        Assert.Equal(0, rig.Emulator.JobCount);
    }

    [Fact]
    public async Task AlreadyCancelled_SendsNothing()
    {
        using var rig = new JobCreatorRig();
        var creator = new JobCreator(rig.Client, 2);

        Task<JobCreationResult> task = creator.Submit(Spec("job-a"), null, 1, new CancellationToken(canceled: true));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task.WaitAsync(Patience));
        Assert.Empty(rig.Handler.Calls);
    }

    [Fact]
    public async Task CommitThenDrop_IsRecovered_ExactlyOneJobOnTheService()
    {
        using var rig = new JobCreatorRig();
        rig.Emulator.FailNext(EmulatorFault.CommitThenDrop);
        var creator = new JobCreator(rig.Client, 4);

        JobCreationResult result = await creator.Submit(Spec("job-a"), null, 1, CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(JobCreationKind.Recovered, result.Kind);
        Assert.Equal(1, result.Sends);
        Assert.Equal(1, rig.Emulator.JobCount);
        Assert.Equal(1, rig.Emulator.Stats.JobsCreated);
        Assert.Equal(1, rig.Emulator.Stats.Count(EmulatorFault.CommitThenDrop));
        Assert.Equal(1, rig.Handler.Count("POST /job"));
        Assert.Equal(Assert.Single(rig.Emulator.Jobs).Version, result.Job.Version);
    }

    [Fact]
    public async Task CommitThenDrop_ManyRows_EachCreatedExactlyOnce_AndStarted()
    {
        const int rows = 12;
        using var rig = new JobCreatorRig(addressPairs: rows);
        rig.Emulator.FailNext(EmulatorFault.CommitThenDrop, 4);
        var creator = new JobCreator(rig.Client, 4, start: true);

        JobCreationResult[] results = await Task.WhenAll(Enumerable.Range(0, rows)
            .Select(i => creator.Submit(Spec("job-" + i, i), null, i + 1, CancellationToken.None))).WaitAsync(Patience);

        Assert.Equal(4, results.Count(r => r.Kind == JobCreationKind.Recovered));
        Assert.Equal(rows - 4, results.Count(r => r.Kind == JobCreationKind.Created));
        Assert.All(results, r => Assert.Equal(1, r.Sends));
        Assert.All(results, r => Assert.True(r.Started));
        Assert.Equal(rows, rig.Emulator.JobCount);
        Assert.Equal(rows, rig.Emulator.Stats.JobsCreated);
        Assert.Equal(rows, rig.Handler.Count("POST /job"));
        Assert.All(rig.Emulator.Jobs, j => Assert.Equal("IMPORT_JOB_LAUNCHING", j.Status));
    }

    [Fact]
    public async Task StopAtFirstFailure_AnyRowsFailure_StopsAdmitting_BeforeItsSlotIsReused()
    {
        using var server = new LoopbackServer().Enqueue(Scripted.Error(404, "NoSuchImportAddress", "The import address 'x' does not exist."));
        using MgwClient client = ClientTestKit.NewClient(server, tweak: o => o.MaxRetries = 0);
        var creator = new JobCreator(client, 1, stopAtFirstFailure: true);

        Task<JobCreationResult>[] rows = Enumerable.Range(0, 3)
            .Select(i => creator.Submit(Spec("job-" + i, i), null, i + 1, CancellationToken.None)).ToArray();

        MgwException ex = await Refused(rows[0]);
        Assert.Equal("NoSuchImportAddress", ex.Error.Code);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => rows[1].WaitAsync(Patience));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => rows[2].WaitAsync(Patience));
        // One create only: the GET after it is the lookup that names which address is missing (issue 12 item 5).
        Assert.Single(server.Requests, r => r.Method == "POST");
    }
}
