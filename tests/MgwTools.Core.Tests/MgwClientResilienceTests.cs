using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MgwTools.Core.Client;
using static MgwTools.Core.Tests.ClientTestKit;

namespace MgwTools.Core.Tests;

public class MgwClientResilienceTests
{
    private static readonly TimeSpan Base = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan Max = TimeSpan.FromMilliseconds(200);
    // Long enough that a busy 2-core machine (xunit runs classes in parallel) does not time out an answer that came at
    // once: at 1.5 s, "429 then 200" once saw its 200 time out and two more sends; short enough that Slow() always does.
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromMilliseconds(3000);
    // Timer resolution can end a wait a hair early; everything else about the bounds is exact.
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(15);

    private static Scripted Ok() => Scripted.Ok(Doc(JobXml(SeedSpec())));
    private static Scripted Slow() => Scripted.Slow(TimeSpan.FromSeconds(5));

    public static TheoryData<string, Scripted[], int, string?> Table() => new()
    {
        // scenario, answers, expected sends, expected final error code (null = success)
        { "500 InternalError then 200", [Scripted.Error(500, "InternalError"), Ok()], 2, null },
        { "503 empty body then 200", [Scripted.Empty(503), Ok()], 2, null },
        { "502 twice then 200", [Scripted.Empty(502), Scripted.Empty(502), Ok()], 3, null },
        { "429 then 200", [Scripted.Empty(429), Ok()], 2, null },
        { "400 Throttling then 200", [Scripted.Error(400, "Throttling"), Ok()], 2, null },
        { "403 Throttling.User then 200", [Scripted.Error(403, "Throttling.User"), Ok()], 2, null },
        { "400 RequestLimitExceeded then 200", [Scripted.Error(400, "RequestLimitExceeded"), Ok()], 2, null },
        { "dropped connection then 200", [Scripted.Dropped(), Ok()], 2, null },
        { "attempt timeout then 200", [Slow(), Ok()], 2, null },
        { "503 on every attempt", [Scripted.Empty(503), Scripted.Empty(503), Scripted.Empty(503), Scripted.Error(503, "ServiceUnavailable")], 4, "ServiceUnavailable" },
        { "dropped on every attempt", [Scripted.Dropped(), Scripted.Dropped(), Scripted.Dropped(), Scripted.Dropped()], 4, MgwErrorCodes.ConnectionFailed },
        { "timeout on every attempt", [Slow(), Slow(), Slow(), Slow()], 4, MgwErrorCodes.RequestTimeout },
        { "400 InvalidArgument", [Scripted.Error(400, "InvalidArgument")], 1, "InvalidArgument" },
        { "403 SignatureDoesNotMatch", [Scripted.Error(403, "SignatureDoesNotMatch")], 1, "SignatureDoesNotMatch" },
        { "403 RequestTimeTooSkewed", [Scripted.Error(403, "RequestTimeTooSkewed")], 1, "RequestTimeTooSkewed" },
        { "404 NoSuchImportJob", [Scripted.Error(404, "NoSuchImportJob")], 1, "NoSuchImportJob" },
        { "404 empty body", [Scripted.Empty(404)], 1, "404" },
        { "409 ImportJobAlreadyExist", [Scripted.Error(409, "ImportJobAlreadyExist")], 1, "ImportJobAlreadyExist" },
        { "400 ImportJobNumExceed (a quota, not throttling)", [Scripted.Error(400, "ImportJobNumExceed")], 1, "ImportJobNumExceed" },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public async Task Get_RetriesExactlyTheRetryableFailures_WithinTheDelayBounds(string scenario, Scripted[] answers, int sends, string? code)
    {
        var delays = new ConcurrentQueue<TimeSpan>();
        using var server = new LoopbackServer().Enqueue(answers);
        using MgwClient client = NewClient(server, tweak: o =>
        {
            o.AttemptTimeout = AttemptTimeout;
            o.OnRetryDelay = delays.Enqueue;
        });

        MgwException? error = null;
        try
        {
            await client.GetJobAsync("examplejob");
        }
        catch (MgwException ex)
        {
            error = ex;
        }

        Assert.True(sends == server.Requests.Count, $"{scenario}: {server.Requests.Count} sends, expected {sends}");
        Assert.Equal(code, error?.Error.Code);
        AssertDelays(server.Requests, delays.ToArray(), sends - 1);
    }

    public static TheoryData<string, Scripted[], int, string?> PostTable() => new()
    {
        { "429 then 200: refused, so safe to resend", [Scripted.Empty(429), Scripted.Ok()], 2, null },
        { "400 Throttling then 200", [Scripted.Error(400, "Throttling"), Scripted.Ok()], 2, null },
        { "503: may have landed, never resent blindly", [Scripted.Empty(503)], 1, "503" },
        { "500 InternalError", [Scripted.Error(500, "InternalError")], 1, "InternalError" },
        { "dropped connection", [Scripted.Dropped()], 1, MgwErrorCodes.ConnectionFailed },
        { "attempt timeout", [Slow()], 1, MgwErrorCodes.RequestTimeout },
        { "409 ImportJobAlreadyExist", [Scripted.Error(409, "ImportJobAlreadyExist")], 1, "ImportJobAlreadyExist" },
    };

    [Theory]
    [MemberData(nameof(PostTable))]
    public async Task Post_IsRepeatedOnlyWhenRefusedForRate(string scenario, Scripted[] answers, int sends, string? code)
    {
        var delays = new ConcurrentQueue<TimeSpan>();
        using var server = new LoopbackServer().Enqueue(answers);
        using MgwClient client = NewClient(server, tweak: o =>
        {
            o.AttemptTimeout = AttemptTimeout;
            o.OnRetryDelay = delays.Enqueue;
        });

        MgwException? error = null;
        try
        {
            await client.CreateJobAsync(SeedSpec());
        }
        catch (MgwException ex)
        {
            error = ex;
        }

        Assert.True(sends == server.Requests.Count, $"{scenario}: {server.Requests.Count} sends, expected {sends}");
        Assert.All(server.Requests, r => Assert.Equal("POST", r.Method));
        Assert.Equal(code, error?.Error.Code);
        AssertDelays(server.Requests, delays.ToArray(), sends - 1);
    }

    /// <summary>
    /// Each chosen wait lies in [cap/2, cap], cap = min(MaxDelay, BaseDelay·2ⁿ); the fixture saw the next
    /// request no sooner than that wait (upper bound generous: the attempt itself takes time).
    /// </summary>
    private static void AssertDelays(IReadOnlyList<RecordedRequest> requests, TimeSpan[] delays, int retries)
    {
        Assert.Equal(retries, delays.Length);
        for (int n = 0; n < delays.Length; n++)
        {
            double cap = Math.Min(Max.TotalMilliseconds, Base.TotalMilliseconds * Math.Pow(2, n));
            Assert.InRange(delays[n].TotalMilliseconds, cap / 2, cap);
            TimeSpan gap = requests[n + 1].At - requests[n].At;
            Assert.InRange(gap, delays[n] - Slack, delays[n] + AttemptTimeout + TimeSpan.FromSeconds(10));
        }
    }

    [Fact]
    public void Backoff_GrowsExponentially_WithEqualJitter_CappedByMaxDelay()
    {
        using var server = new LoopbackServer();
        double jitter = 0;
        using MgwClient client = NewClient(server, tweak: o =>
        {
            o.BaseDelay = TimeSpan.FromMilliseconds(500);
            o.MaxDelay = TimeSpan.FromSeconds(20);
            o.Jitter = () => jitter;
        });

        Assert.Equal(250, client.NextDelay(0, null).TotalMilliseconds);
        Assert.Equal(1000, client.NextDelay(2, null).TotalMilliseconds);
        jitter = 0.999999;
        Assert.Equal(500, client.NextDelay(0, null).TotalMilliseconds, 1);
        Assert.Equal(4000, client.NextDelay(3, null).TotalMilliseconds, 1);
        Assert.Equal(20000, client.NextDelay(10, null).TotalMilliseconds, 1);
        jitter = 0;
        Assert.Equal(10000, client.NextDelay(10, null).TotalMilliseconds);
        Assert.Equal(3000, client.NextDelay(0, TimeSpan.FromSeconds(3)).TotalMilliseconds);  // Retry-After raises it
        Assert.Equal(20000, client.NextDelay(0, TimeSpan.FromMinutes(5)).TotalMilliseconds); // MaxDelay caps Retry-After
    }

    [Theory]
    [InlineData("1", 1000, 1000)]      // seconds: waited as asked (above the jittered backoff)
    [InlineData("30", 1500, 1500)]     // capped by MaxDelay
    [InlineData("date+2", 500, 2000)]  // HTTP date, ~2 s ahead (second granularity)
    public async Task RetryAfter_IsHonoured_AndCappedByMaxDelay(string retryAfter, double minMs, double maxMs)
    {
        if (retryAfter == "date+2") retryAfter = DateTimeOffset.UtcNow.AddSeconds(2).ToString("r");
        var delays = new ConcurrentQueue<TimeSpan>();
        using var server = new LoopbackServer().Enqueue(Scripted.RetryAfter(503, retryAfter), Ok());
        using MgwClient client = NewClient(server, tweak: o =>
        {
            o.BaseDelay = TimeSpan.FromMilliseconds(10);
            o.MaxDelay = TimeSpan.FromMilliseconds(1500);
            o.OnRetryDelay = delays.Enqueue;
        });

        await client.GetJobAsync("examplejob");

        TimeSpan delay = Assert.Single(delays);
        Assert.InRange(delay.TotalMilliseconds, minMs, maxMs);
        Assert.True(server.Requests[1].At - server.Requests[0].At >= delay - Slack);
    }

    [Fact]
    public async Task EveryAttempt_IsSignedAfresh()
    {
        var time = new DateTimeOffset(2024, 6, 26, 12, 0, 0, TimeSpan.Zero);
        using var server = new LoopbackServer().Enqueue(Scripted.Empty(503), Scripted.Dropped(), Ok());
        using MgwClient client = NewClient(server, tweak: o => o.Clock = () => time = time.AddSeconds(1));

        await client.GetJobAsync("examplejob");

        var r = server.Requests;
        Assert.Equal(3, r.Count);
        Assert.Equal(["20240626T120001Z", "20240626T120002Z", "20240626T120003Z"], r.Select(x => x.Header("x-oss-date")!).ToArray());
        Assert.Equal(3, r.Select(x => x.Header("Authorization")).Distinct().Count());
        Assert.All(r, x => Assert.Equal(ExpectedAuthorization(x), x.Header("Authorization")));
    }

    [Fact]
    public async Task Cancellation_DuringAnAttempt_StopsAtOnce_NotRetried()
    {
        using var server = new LoopbackServer().Enqueue(Scripted.Slow(TimeSpan.FromSeconds(20)), Ok());
        using MgwClient client = NewClient(server, tweak: o => o.AttemptTimeout = TimeSpan.FromSeconds(30));
        using var cts = new CancellationTokenSource();

        Task call = client.GetJobAsync("examplejob", cancellationToken: cts.Token);
        await server.WaitForRequestsAsync(1);
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await Task.Delay(100);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Cancellation_DuringBackoff_StopsAtOnce()
    {
        using var server = new LoopbackServer().Enqueue(Scripted.Empty(503), Ok());
        using MgwClient client = NewClient(server, tweak: o =>
        {
            o.BaseDelay = TimeSpan.FromSeconds(30);
            o.MaxDelay = TimeSpan.FromSeconds(30);
        });
        using var cts = new CancellationTokenSource();

        Task call = client.GetJobAsync("examplejob", cancellationToken: cts.Token);
        await server.WaitForRequestsAsync(1);
        await Task.Delay(50);
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task AlreadyCancelled_SendsNothing()
    {
        using var server = new LoopbackServer();
        using MgwClient client = NewClient(server);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetJobAsync("examplejob", cancellationToken: new CancellationToken(true)));

        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Delete_WhoseAnswerWasLost_ThenNotFound_CountsAsDeleted()
    {
        using var server = new LoopbackServer().Enqueue(Scripted.Dropped(), Scripted.Error(404, "NoSuchImportJob"));
        using MgwClient client = NewClient(server);

        await client.DeleteJobAsync("examplejob");

        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Delete_NotFoundAtFirst_IsAnError()
    {
        using var server = new LoopbackServer().Enqueue(Scripted.Error(404, "NoSuchImportJob"));
        using MgwClient client = NewClient(server);

        var ex = await Assert.ThrowsAsync<MgwException>(() => client.DeleteJobAsync("examplejob"));

        Assert.Equal("NoSuchImportJob", ex.Error.Code);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task AnAnswerOverTheSizeCap_IsInvalidResponse_NamingTheCap_NotRetried()
    {
        string big = "<ImportJobList>" + string.Concat(Enumerable.Repeat("<ImportJob><Name>padding-job-name</Name></ImportJob>", 2000)) + "</ImportJobList>";
        using var server = new LoopbackServer().Enqueue(Scripted.Ok(big, "REQ-BIG"), Scripted.Ok(big));
        using MgwClient client = NewClient(server, tweak: o => o.MaxResponseBytes = 64 * 1024);

        var ex = await Assert.ThrowsAsync<MgwException>(() => client.ListJobsAsync());

        Assert.Equal(MgwErrorCodes.InvalidResponse, ex.Error.Code);
        Assert.Equal(200, ex.Error.StatusCode);
        Assert.Equal("REQ-BIG", ex.Error.RequestId);
        Assert.StartsWith("The answer to GET /joblist is larger than the 64 KiB limit on an answer's size (it announced ", ex.Message);
        Assert.Contains("MgwClientOptions.MaxResponseBytes", ex.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task AnErrorAnswerOverTheSizeCap_IsRefusedToo()
    {
        using var server = new LoopbackServer().Enqueue(new Scripted { Status = 502, Body = new string('x', 4096) });
        using MgwClient client = NewClient(server, tweak: o => { o.MaxResponseBytes = 1024; o.MaxRetries = 0; });

        var ex = await Assert.ThrowsAsync<MgwException>(() => client.GetJobAsync("examplejob"));

        Assert.Equal(MgwErrorCodes.InvalidResponse, ex.Error.Code);
        Assert.Equal(502, ex.Error.StatusCode);
        Assert.Contains("larger than the 1 KiB limit", ex.Message);
    }

    [Fact]
    public async Task AnEndlessAnswerWithoutALength_IsCutAtTheCap_AsItStreams()
    {
        var endless = new EndlessStream(Encoding.UTF8.GetBytes("<ImportJobList>"), Encoding.UTF8.GetBytes("<ImportJob><Name>x</Name></ImportJob>"));
        using var handler = new StreamingHandler(() => endless);
        using MgwClient client = ThroughHandler(handler, o => { o.MaxResponseBytes = 256 * 1024; });

        var ex = await Assert.ThrowsAsync<MgwException>(() => client.ListJobsAsync());

        Assert.Equal(MgwErrorCodes.InvalidResponse, ex.Error.Code);
        Assert.Equal("The answer to GET /joblist is larger than the 256 KiB limit on an answer's size, so it was not read. " +
                     "The service's answers are far smaller: something else may be answering at '127.0.0.1:9'. " +
                     "(The limit is MgwClientOptions.MaxResponseBytes.)", ex.Message);
        Assert.InRange(endless.Served, 256 * 1024, 256 * 1024 + 64 * 1024);   // read in bounded chunks, then stopped
    }

    [Fact]
    public async Task AnAnswerWithoutALength_LargerThanTheFirstBuffer_IsReadWhole()
    {
        // About 40 KiB, chunked (no Content-Length): the buffer grows past its first 4 KiB until the end.
        const int jobs = 400;
        string page = "<ImportJobList><Truncated>false</Truncated>" +
                      string.Concat(Enumerable.Range(0, jobs).Select(i => $"<ImportJob><Name>job-{i:d4}-{new string('n', 60)}</Name></ImportJob>")) +
                      "</ImportJobList>";
        using var handler = new StreamingHandler(() => new MemoryStream(Encoding.UTF8.GetBytes(page)));
        using MgwClient client = ThroughHandler(handler, o => { o.MaxResponseBytes = 64 * 1024; });

        MgwPage<MgwJob> listed = await client.ListJobsAsync();

        Assert.Equal(jobs, listed.Items.Count);
        Assert.Equal($"job-0399-{new string('n', 60)}", listed.Items[jobs - 1].Name);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1023L)]
    [InlineData((1L << 30) + 1)]
    public void AResponseCapOutOfRange_IsRefused(long cap)
    {
        using var server = new LoopbackServer();
        Assert.Throws<ArgumentOutOfRangeException>(() => NewClient(server, tweak: o => o.MaxResponseBytes = cap));
    }

    [Fact]
    public async Task ABodyThatStalls_EndsAtTheAttemptTimeout_AndIsRetried()
    {
        int sends = 0;
        using var handler = new StreamingHandler(() => Interlocked.Increment(ref sends) == 1
            ? new StallingStream(Encoding.UTF8.GetBytes("<ImportJob><Name>exam"), honoursToken: false)
            : new MemoryStream(Encoding.UTF8.GetBytes(JobXml(SeedSpec()))));
        using MgwClient client = ThroughHandler(handler, o => { o.AttemptTimeout = TimeSpan.FromMilliseconds(300); });

        MgwJob job = await client.GetJobAsync("examplejob");

        Assert.Equal("examplejob", job.Name);
        Assert.Equal(2, sends);
    }

    [Fact]
    public async Task ABodyThatStalls_WithoutRetries_IsRequestTimeout()
    {
        using var handler = new StreamingHandler(() => new StallingStream(Encoding.UTF8.GetBytes("<ImportJob>"), honoursToken: true));
        using MgwClient client = ThroughHandler(handler, o => { o.AttemptTimeout = TimeSpan.FromMilliseconds(200); o.MaxRetries = 0; });

        var ex = await Assert.ThrowsAsync<MgwException>(() => client.GetJobAsync("examplejob"));

        Assert.Equal(MgwErrorCodes.RequestTimeout, ex.Error.Code);
    }

    [Fact]
    public async Task Cancellation_WhileTheBodyStalls_StopsAtOnce_EvenWhenTheStreamIgnoresTheToken()
    {
        var stalling = new StallingStream(Encoding.UTF8.GetBytes("<ImportJob>"), honoursToken: false);
        using var handler = new StreamingHandler(() => stalling);
        using MgwClient client = ThroughHandler(handler, o => { o.AttemptTimeout = TimeSpan.FromMinutes(5); });
        using var cts = new CancellationTokenSource();

        Task call = client.GetJobAsync("examplejob", cancellationToken: cts.Token);
        await stalling.Started.WaitAsync(TimeSpan.FromSeconds(30));
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(stalling.Disposed);
    }

    // A client whose requests go to the handler only (nothing listens at the loopback endpoint it names).
    private static MgwClient ThroughHandler(HttpMessageHandler handler, Action<MgwClientOptions> tweak) => new(new MgwClientOptions
    {
        Endpoint = new Uri("http://127.0.0.1:9/"),
        AccountId = AccountId,
        Region = Region,
        Credentials = new MgwCredentials(KeyId, Secret, Token, "Explicit"),
        BaseDelay = TimeSpan.FromMilliseconds(10),
        MaxDelay = TimeSpan.FromMilliseconds(50),
        Handler = handler,
    }.With(tweak));

    /// <summary>Answers every request 200 with the body of a fresh stream and no Content-Length; talks to no network.</summary>
    private sealed class StreamingHandler(Func<Stream> body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new StreamContent(body());
            content.Headers.ContentLength = null;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }

    /// <summary>A head, then the same chunk for ever.</summary>
    private sealed class EndlessStream(byte[] head, byte[] chunk) : Stream
    {
        private long _position;

        public long Served => Interlocked.Read(ref _position);

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = 0;
            while (n < count)
            {
                long at = _position;
                byte b = at < head.Length ? head[at] : chunk[(at - head.Length) % chunk.Length];
                buffer[offset + n++] = b;
                Interlocked.Increment(ref _position);
            }

            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Serves a head, then waits until disposed (or, when it honours it, until the read's token is cancelled).</summary>
    private sealed class StallingStream(byte[] head, bool honoursToken) : Stream
    {
        private readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private bool _headServed;

        public Task Started => _started.Task;

        public bool Disposed => _disposed.Task.IsCompleted;

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            if (!_headServed)
            {
                _headServed = true;
                Array.Copy(head, 0, buffer, offset, Math.Min(count, head.Length));
                return Math.Min(count, head.Length);
            }

            _started.TrySetResult();
            if (honoursToken) await _disposed.Task.WaitAsync(cancellationToken);
            else await _disposed.Task;
            throw new ObjectDisposedException(nameof(StallingStream));
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        protected override void Dispose(bool disposing)
        {
            _disposed.TrySetResult();
            base.Dispose(disposing);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => 0; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

internal static class OptionsExtensions
{
    public static MgwClientOptions With(this MgwClientOptions options, Action<MgwClientOptions> tweak)
    {
        tweak(options);
        return options;
    }
}
