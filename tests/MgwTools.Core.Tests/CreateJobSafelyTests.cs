using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
using MgwTools.Core.Client;
using static MgwTools.Core.Tests.ClientTestKit;

namespace MgwTools.Core.Tests;

public class CreateJobSafelyTests
{
    private static string[] Calls(LoopbackServer server) => server.Requests.Select(r => r.Method + " " + r.RawUrl).ToArray();

    [Fact]
    public async Task PlainSuccess_OneSend_ThenGetJob()
    {
        using var server = new LoopbackServer().Enqueue(Scripted.Ok(), Scripted.Ok(Doc(JobXml(SeedSpec()))));
        using MgwClient client = NewClient(server);

        MgwCreateOutcome outcome = await client.CreateJobSafelyAsync(SeedSpec());

        Assert.Equal(["POST /job", "GET /job/examplejob"], Calls(server));
        Assert.Equal(1, outcome.Sends);
        Assert.False(outcome.Recovered);
        Assert.Empty(outcome.AmbiguousFailures);
        Assert.Equal("6af62558-970d-4f44-8663-4e297170fd6a", outcome.Job.Version);
    }

    [Fact]
    public async Task CommittedThenDropped_LookupFindsIt_CreatedExactlyOnce()
    {
        var log = new ConcurrentQueue<string>();
        // The server created the job, then the connection dropped before the answer.
        using var server = new LoopbackServer().Enqueue(Scripted.Dropped(), Scripted.Ok(Doc(JobXml(SeedSpec()))));
        using MgwClient client = NewClient(server, log);

        MgwCreateOutcome outcome = await client.CreateJobSafelyAsync(SeedSpec());

        Assert.Equal(["POST /job", "GET /job/examplejob"], Calls(server));
        Assert.Equal(1, outcome.Sends);
        Assert.True(outcome.Recovered);
        Assert.Equal(MgwErrorCodes.ConnectionFailed, Assert.Single(outcome.AmbiguousFailures).Code);
        Assert.Equal("examplejob", outcome.Job.Name);
        Assert.Contains(log, l => l.Contains("looking it up before sending again"));
    }

    [Fact]
    public async Task NotCreated_LookupSaysNoSuchJob_SendsAgain()
    {
        using var server = new LoopbackServer().Enqueue(
            Scripted.Error(503, "ServiceUnavailable"),
            Scripted.Error(404, "NoSuchImportJob"),
            Scripted.Ok(),
            Scripted.Ok(Doc(JobXml(SeedSpec()))));
        using MgwClient client = NewClient(server);

        MgwCreateOutcome outcome = await client.CreateJobSafelyAsync(SeedSpec());

        Assert.Equal(["POST /job", "GET /job/examplejob", "POST /job", "GET /job/examplejob"], Calls(server));
        Assert.Equal(2, outcome.Sends);
        Assert.False(outcome.Recovered);
        Assert.Equal(server.Requests[0].BodyText, server.Requests[2].BodyText);
    }

    [Fact]
    public async Task LateLanding_ResendAnsweredAlreadyExists_SameSpec_IsSuccess()
    {
        using var server = new LoopbackServer().Enqueue(
            Scripted.Slow(TimeSpan.FromSeconds(5)),          // timed out, but the service committed it later
            Scripted.Error(404, "NoSuchImportJob"),          // the lookup came too early
            Scripted.Error(409, "ImportJobAlreadyExist"),    // the re-send meets the first one
            Scripted.Ok(Doc(JobXml(SeedSpec()))));
        using MgwClient client = NewClient(server, tweak: o => o.AttemptTimeout = TimeSpan.FromMilliseconds(3000));

        MgwCreateOutcome outcome = await client.CreateJobSafelyAsync(SeedSpec());

        Assert.Equal(["POST /job", "GET /job/examplejob", "POST /job", "GET /job/examplejob"], Calls(server));
        Assert.True(outcome.Recovered);
        Assert.Equal(MgwErrorCodes.RequestTimeout, Assert.Single(outcome.AmbiguousFailures).Code);
    }

    [Fact]
    public async Task ExistsWithAnotherSpec_IsJobSpecConflict_NamingTheFields()
    {
        MgwJobSpec other = SeedSpec();
        other.DestinationAddress = "elsewhere";
        other.MaxQps = 5;
        using var server = new LoopbackServer().Enqueue(Scripted.Dropped(), Scripted.Ok(Doc(JobXml(other))));
        using MgwClient client = NewClient(server);

        var ex = await Assert.ThrowsAsync<MgwException>(() => client.CreateJobSafelyAsync(SeedSpec()));

        Assert.Equal(MgwErrorCodes.ImportJobSpecConflict, ex.Error.Code);
        Assert.Equal("examplejob", ex.Error.JobName);
        Assert.Equal(["DestinationAddress", "MaxQps"], (System.Collections.Generic.IReadOnlyList<string>)ex.Error.Value!);
        Assert.Equal("Job 'examplejob' already exists with a different definition (differs in: DestinationAddress, MaxQps). Use another name, or delete the existing job first.", ex.Message);
        Assert.Single(server.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task AlreadyExistsOnTheFirstSend_IsTheServicesError()
    {
        using var server = new LoopbackServer().Enqueue(Scripted.Error(409, "ImportJobAlreadyExist", "The import job already exists"));
        using MgwClient client = NewClient(server);

        var ex = await Assert.ThrowsAsync<MgwException>(() => client.CreateJobSafelyAsync(SeedSpec()));

        Assert.Equal("ImportJobAlreadyExist", ex.Error.Code);
        Assert.Equal(["POST /job"], Calls(server));
    }

    [Fact]
    public async Task RetriesRunOut_TheLastAmbiguousFailureIsThrown_SendsBounded()
    {
        using var server = new LoopbackServer();
        for (int i = 0; i < 3; i++) server.Enqueue(Scripted.Dropped(), Scripted.Error(404, "NoSuchImportJob"));
        using MgwClient client = NewClient(server, tweak: o => o.MaxRetries = 2);

        var ex = await Assert.ThrowsAsync<MgwException>(() => client.CreateJobSafelyAsync(SeedSpec()));

        Assert.Equal(MgwErrorCodes.ConnectionFailed, ex.Error.Code);
        Assert.Equal(3, server.Requests.Count(r => r.Method == "POST"));
        Assert.Equal(3, server.Requests.Count(r => r.Method == "GET"));
    }

    [Fact]
    public async Task LookupFailsToo_TheSendsErrorSaysTheOutcomeIsUnknown_NothingResent()
    {
        using var server = new LoopbackServer().Enqueue(Scripted.Dropped(), Scripted.Dropped());
        using MgwClient client = NewClient(server, tweak: o => o.MaxRetries = 0);

        var ex = await Assert.ThrowsAsync<MgwException>(() => client.CreateJobSafelyAsync(SeedSpec()));

        Assert.Equal(["POST /job", "GET /job/examplejob"], Calls(server));
        Assert.Equal(MgwErrorCodes.ConnectionFailed, ex.Error.Code);
        Assert.Equal("examplejob", ex.Error.JobName);
        Assert.Contains("for POST /job", ex.Error.Message);
        Assert.Contains("Whether job 'examplejob' was created is not known", ex.Error.Message);
        Assert.Contains("-SkipExisting", ex.Error.Message);
        Assert.IsType<MgwException>(ex.InnerException);
    }

    [Fact]
    public async Task ReadBackFails_AfterAnAnsweredCreate_SaysTheJobWasCreated_NoLookupNoResend()
    {
        using var server = new LoopbackServer().Enqueue(Scripted.Ok(), Scripted.Error(403, "SignatureDoesNotMatch", "The signature does not match."));
        using MgwClient client = NewClient(server, tweak: o => o.MaxRetries = 0);

        var ex = await Assert.ThrowsAsync<MgwException>(() => client.CreateJobSafelyAsync(SeedSpec()));

        Assert.Equal(["POST /job", "GET /job/examplejob"], Calls(server));
        Assert.Equal("SignatureDoesNotMatch", ex.Error.Code);        // still the code that stops a run
        // The service's message stays whole; the remedy is set apart from it, not glued on (issue 10 item 9).
        Assert.Equal("Job 'examplejob' was created, but reading it back failed: The signature does not match. " +
                     "(It exists on the service: run the same command again with -SkipExisting to get it.)", ex.Error.Message);
    }

    [Fact]
    public async Task ReadBackWithoutXml_AfterAnAnsweredCreate_IsInvalidResponse_ThatSaysTheJobWasProbablyCreated()
    {
        using var server = new LoopbackServer().Enqueue(Scripted.Ok(), Scripted.Ok("<html><body>Sign in to the proxy</body></html>", "REQ-PROXY"));
        using MgwClient client = NewClient(server, tweak: o => o.MaxRetries = 0);

        var ex = await Assert.ThrowsAsync<MgwException>(() => client.CreateJobSafelyAsync(SeedSpec()));

        Assert.Equal(MgwErrorCodes.InvalidResponse, ex.Error.Code);
        Assert.Equal(200, ex.Error.StatusCode);
        Assert.Equal("REQ-PROXY", ex.Error.RequestId);
        Assert.Equal("examplejob", ex.Error.JobName);
        Assert.Equal("The answer to GET /job/examplejob could not be read: expected <ImportJob>, got <html>. (Job 'examplejob' was created: " +
                     "its create was answered as a success. If something other than the service answered, it may not exist: run the same command " +
                     "again with -SkipExisting once the service answers properly; it returns the job if it was created, and creates it if not.)",
            ex.Error.Message);
    }

    [Theory]
    [InlineData("<ImportJob><Version>6af62558-970d-4f44-8663-4e297170fd6a</Version><Status>IMPORT_JOB_BEGIN</Status></ImportJob>", "it names no job, where job 'examplejob' was asked for.")]
    [InlineData("<ImportJob><Name></Name><Status>IMPORT_JOB_BEGIN</Status></ImportJob>", "it names no job, where job 'examplejob' was asked for.")]
    [InlineData("<ImportJob><Name>someone-else</Name><Status>IMPORT_JOB_BEGIN</Status></ImportJob>", "it is job 'someone-else', where job 'examplejob' was asked for.")]
    public async Task ReadBackOfAnotherJob_IsAnError_NotTheCreatedJob(string readBack, string what)
    {
        using var server = new LoopbackServer().Enqueue(Scripted.Ok(), Scripted.Ok(Doc(readBack)));
        using MgwClient client = NewClient(server, tweak: o => o.MaxRetries = 0);

        var ex = await Assert.ThrowsAsync<MgwException>(() => client.CreateJobSafelyAsync(SeedSpec()));

        Assert.Equal(MgwErrorCodes.InvalidResponse, ex.Error.Code);
        Assert.Equal("examplejob", ex.Error.JobName);
        Assert.StartsWith($"The answer to GET /job/examplejob could not be read: {what} (Job 'examplejob' was created: ", ex.Error.Message);
        Assert.Contains("-SkipExisting", ex.Error.Message);
        Assert.Equal(["POST /job", "GET /job/examplejob"], Calls(server));
    }

    [Theory]
    [InlineData("..", "is a relative path segment ('.' or '..')")]
    [InlineData(".", "is a relative path segment ('.' or '..')")]
    [InlineData("a/../b", "contains '/'")]
    [InlineData("a\\b", "contains '\\'")]
    [InlineData("100%", "contains '%'")]
    [InlineData("what?", "contains '?'")]
    [InlineData("tag#1", "contains '#'")]
    [InlineData("line\nbreak", "contains a control character (U+000A)")]
    [InlineData("", "is empty")]
    public async Task ANameThatCannotBeAPathSegment_IsInvalidName_AndNothingIsSent(string name, string why)
    {
        using var server = new LoopbackServer();
        using MgwClient client = NewClient(server);
        MgwJobSpec spec = SeedSpec();
        spec.Name = name;

        var ex = await Assert.ThrowsAsync<MgwException>(() => client.CreateJobSafelyAsync(spec));

        Assert.Equal(MgwErrorCodes.InvalidName, ex.Error.Code);
        Assert.Equal(MgwErrorKind.BadInput, ex.Error.Kind);
        Assert.Equal("Name", ex.Error.Field);
        Assert.Contains("cannot be sent: it " + why + ".", ex.Error.Message);
        Assert.DoesNotContain("\n", ex.Error.Message);   // a control character is shown escaped, never raw
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Throttled_IsRetriedInsideOneSend_NoLookup()
    {
        using var server = new LoopbackServer().Enqueue(Scripted.Empty(429), Scripted.Ok(), Scripted.Ok(Doc(JobXml(SeedSpec()))));
        using MgwClient client = NewClient(server);

        MgwCreateOutcome outcome = await client.CreateJobSafelyAsync(SeedSpec());

        Assert.Equal(["POST /job", "POST /job", "GET /job/examplejob"], Calls(server));
        Assert.Equal(1, outcome.Sends);
        Assert.Empty(outcome.AmbiguousFailures);
    }

    [Fact]
    public async Task OtherServiceErrors_Propagate_Unchanged()
    {
        using var server = new LoopbackServer().Enqueue(Scripted.Error(404, "NoSuchImportAddress", "The source address does not exist"));
        using MgwClient client = NewClient(server);

        var ex = await Assert.ThrowsAsync<MgwException>(() => client.CreateJobSafelyAsync(SeedSpec()));

        Assert.Equal("NoSuchImportAddress", ex.Error.Code);
        Assert.Equal(["POST /job"], Calls(server));
    }
}
