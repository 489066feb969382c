using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using MgwTools.Emulator;

namespace MgwTools.Core.Tests;

/// <summary>
/// The local service keeps its resources bounded (issue 10 item 6): body size, header and body time, idle time,
/// connection count and XML depth/size, and it keeps answering everyone else meanwhile. Raw sockets on 127.0.0.1
/// play the abusive clients. Waits are guards against a hang (generous), never assertions on timing.
/// </summary>
public class EmulatorAbuseTests
{
    /// <summary>Longest any single step may take before the test calls it a hang.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);

    private static EmulatorFixture Fixture(Action<MgwEmulatorOptions>? configure = null) => new(configure);

    [Fact]
    public async Task AnOversizeBodyIsRefusedBeforeItIsReadAndTheConnectionCloses()
    {
        using var f = Fixture();
        using var raw = await RawConnection.OpenAsync(f.Emulator.Port);
        // 15 MB announced; only the first 64 KB are ever sent.
        await raw.SendAsync(Head("POST", "/job", ("Content-Type", "application/xml"), ("Content-Length", "15000000")));
        await raw.SendAsync(new byte[64 * 1024]);

        RawResponse answer = await raw.ReadResponseAsync();
        Assert.Equal(413, answer.Status);
        Assert.Equal("close", answer.Header("Connection"));
        Assert.Equal("EntityTooLarge", answer.Xml.Element("Code")!.Value);
        Assert.Equal("The request body is larger than the 1048576 bytes this service accepts.", answer.Xml.Element("Message")!.Value);
        Assert.NotNull(answer.Header("x-oss-request-id"));
        Assert.True(await raw.IsClosedAsync(), "the connection stays open after a refused body");
        Assert.Equal(1, f.Emulator.Stats.Count("EntityTooLarge"));
        Assert.Equal(0, f.Emulator.JobCount);
    }

    [Fact]
    public async Task AnOversizeChunkedBodyIsRefusedAtTheLimit()
    {
        using var f = Fixture(o => o.MaxRequestBodyBytes = 100_000);
        using var raw = await RawConnection.OpenAsync(f.Emulator.Port);
        await raw.SendAsync(Head("POST", "/job", ("Content-Type", "application/xml"), ("Transfer-Encoding", "chunked")));
        var chunk = Encoding.ASCII.GetBytes("4000\r\n" + new string('x', 0x4000) + "\r\n");
        for (int i = 0; i < 10; i++)
        {
            // 160 KB in all, unless the server has already refused and closed.
            if (!await raw.TrySendAsync(chunk)) break;
        }

        RawResponse answer = await raw.ReadResponseAsync();
        Assert.Equal(413, answer.Status);
        Assert.Equal("The request body is larger than the 100000 bytes this service accepts.", answer.Xml.Element("Message")!.Value);
        Assert.True(await raw.IsClosedAsync());
    }

    [Fact]
    public async Task ABodyWithinTheLimitIsServed()
    {
        using var f = Fixture(o => o.MaxRequestBodyBytes = 4096);
        // Exactly at the limit: padded with whitespace after the root, still one well-formed document.
        string body = EmulatorTestClient.JobBody("fits");
        body += new string(' ', 4096 - Encoding.UTF8.GetByteCount(body));
        Assert.Equal(200, (await f.Client.Send("POST", "/job", body)).Status);
        EmulatorReply over = await f.Client.Send("POST", "/job", body.Replace("fits", "fits2") + " ");
        Assert.Equal((413, "EntityTooLarge"), (over.Status, over.Code));
        Assert.Equal(1, f.Emulator.JobCount);
    }

    [Fact]
    public async Task ManyOversizeBodiesAtOnceAreAllRefusedAndTheServiceStillAnswers()
    {
        using var f = Fixture();
        var abusers = Enumerable.Range(0, 20).Select(async _ =>
        {
            using var raw = await RawConnection.OpenAsync(f.Emulator.Port);
            await raw.SendAsync(Head("PUT", "/job/x", ("Content-Length", "15000000")));
            await raw.TrySendAsync(new byte[32 * 1024]);
            return (await raw.ReadResponseAsync()).Status;
        }).ToList();

        Assert.Equal(200, (await f.Client.CreateJob("meanwhile")).Status);
        int[] statuses = await Within(Task.WhenAll(abusers));
        Assert.All(statuses, s => Assert.Equal(413, s));
        Assert.Equal(20, f.Emulator.Stats.Count("EntityTooLarge"));
    }

    [Fact]
    public async Task ADeeplyNestedBodyIsRefusedWithoutBeingBuilt()
    {
        using var f = Fixture();
        // 300 KB: 50,000 levels. Building a tree of it took minutes of CPU before the depth limit.
        var deep = new StringBuilder("<ImportJob><Name>");
        for (int i = 0; i < 50_000; i++) deep.Append("<a>");
        for (int i = 0; i < 50_000; i++) deep.Append("</a>");
        deep.Append("</Name></ImportJob>");

        EmulatorReply r = await Within(f.Client.Send("POST", "/job", deep.ToString()));
        Assert.Equal((400, "MalformedXML"), (r.Status, r.Code));
        Assert.Equal("The XML nests elements more than 32 levels deep.", r.Text("Message"));
        Assert.Equal(0, f.Emulator.JobCount);
    }

    [Fact]
    public async Task TheDepthLimitCountsLevelsFromTheRoot()
    {
        // A time filter is the deepest legitimate body: ImportJob/FilterRule/LastModifiedFilters/Includes/TimeFilter/StartTime.
        const string filter = "<FilterRule><LastModifiedFilters><Includes><TimeFilter><StartTime>2026-01-01T00:00:00Z</StartTime>" +
                              "<EndTime>2026-02-01T00:00:00Z</EndTime></TimeFilter></Includes></LastModifiedFilters></FilterRule>";
        using (var six = Fixture(o => o.MaxXmlDepth = 6))
        {
            Assert.Equal(200, (await six.Client.CreateJob("six-deep", extra: filter)).Status);
        }

        using var five = Fixture(o => o.MaxXmlDepth = 5);
        EmulatorReply r = await five.Client.CreateJob("six-deep", extra: filter);
        Assert.Equal((400, "MalformedXML"), (r.Status, r.Code));
        Assert.Equal("The XML nests elements more than 5 levels deep.", r.Text("Message"));
    }

    [Fact]
    public async Task ADtdOrTooManyElementsIsRefused()
    {
        using var f = Fixture();
        const string laughs = "<?xml version=\"1.0\"?><!DOCTYPE ImportJob [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>" +
                              "<ImportJob><Name>&b;</Name></ImportJob>";
        EmulatorReply dtd = await f.Client.Send("POST", "/job", laughs);
        Assert.Equal((400, "MalformedXML"), (dtd.Status, dtd.Code));
        Assert.Contains("DTD", dtd.Text("Message"));

        string many = EmulatorTestClient.JobBody("wide", extra: "<FilterRule><KeyFilters><Includes>" +
            string.Concat(Enumerable.Repeat("<Regex>x</Regex>", 10_001)) + "</Includes></KeyFilters></FilterRule>");
        EmulatorReply wide = await Within(f.Client.Send("POST", "/job", many));
        Assert.Equal((400, "MalformedXML"), (wide.Status, wide.Code));
        Assert.Equal("The XML has more than 10000 elements.", wide.Text("Message"));
        Assert.Equal(0, f.Emulator.JobCount);
    }

    [Fact]
    public async Task ASlowHeadersClientIsCutOff()
    {
        using var f = Fixture(o => o.RequestHeaderTimeout = TimeSpan.FromMilliseconds(200));
        using var raw = await RawConnection.OpenAsync(f.Emulator.Port);
        await raw.SendAsync(Encoding.ASCII.GetBytes("GET /joblist HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
        // One header line every 50 ms, for at most 10 s: each byte is in time, the whole is not.
        for (int i = 0; i < 200 && !raw.HasData; i++)
        {
            if (!await raw.TrySendAsync(Encoding.ASCII.GetBytes($"X-Slow-{i}: a\r\n"))) break;
            await Task.Delay(50);
        }

        RawResponse answer = await raw.ReadResponseAsync();
        Assert.Equal(400, answer.Status);
        Assert.Equal("RequestTimeout", answer.Xml.Element("Code")!.Value);
        Assert.Equal("The request line and headers did not arrive within 0.2 seconds.", answer.Xml.Element("Message")!.Value);
        Assert.True(await raw.IsClosedAsync());
        Assert.Equal(1, f.Emulator.Stats.Count("RequestTimeout"));
    }

    [Fact]
    public async Task ASlowBodyIsCutOff()
    {
        using var f = Fixture(o => o.RequestBodyTimeout = TimeSpan.FromMilliseconds(200));
        using var raw = await RawConnection.OpenAsync(f.Emulator.Port);
        await raw.SendAsync(Head("POST", "/job", ("Content-Length", "1000")));
        await raw.SendAsync(Encoding.ASCII.GetBytes("<ImportJob>"));

        RawResponse answer = await raw.ReadResponseAsync();
        Assert.Equal(400, answer.Status);
        Assert.Equal("The request body did not arrive within 0.2 seconds.", answer.Xml.Element("Message")!.Value);
        Assert.True(await raw.IsClosedAsync());
    }

    [Fact]
    public async Task AnIdleConnectionIsClosedWithoutAnAnswer()
    {
        using var f = Fixture(o => o.IdleTimeout = TimeSpan.FromMilliseconds(200));
        using var silent = await RawConnection.OpenAsync(f.Emulator.Port);
        Assert.True(await silent.IsClosedAsync(), "a connection that never sends stays open");
        Assert.Equal(0, silent.Received);

        // After an answer, a keep-alive connection that sends nothing more is closed too.
        using var once = await RawConnection.OpenAsync(f.Emulator.Port);
        await once.SendAsync(Head("GET", "/joblist"));
        Assert.Equal(403, (await once.ReadResponseAsync()).Status);
        Assert.True(await once.IsClosedAsync());
        Assert.Equal(1, f.Emulator.Stats.Requests);
    }

    [Fact]
    public async Task RequestsOverTheConcurrencyCapWaitAndAreServedWhenOneEnds()
    {
        using var f = Fixture(o =>
        {
            o.MaxConcurrentRequests = 2;
            o.RequestHeaderTimeout = TimeSpan.FromMinutes(1);
        });
        // Two clients in the middle of their headers hold both request slots.
        using var busy1 = await RawConnection.OpenAsync(f.Emulator.Port);
        using var busy2 = await RawConnection.OpenAsync(f.Emulator.Port);
        await busy1.SendAsync(Encoding.ASCII.GetBytes("GET /joblist HTTP/1.1\r\n"));
        await busy2.SendAsync(Encoding.ASCII.GetBytes("GET /joblist HTTP/1.1\r\n"));
        await Until(() => f.Emulator.Connections == (2, 2, 0));

        using var third = await RawConnection.OpenAsync(f.Emulator.Port);
        await third.SendAsync(Head("GET", "/joblist"));
        await Until(() => f.Emulator.Connections == (3, 2, 1));
        Assert.False(third.HasData, "a request over the cap was served");

        busy1.Dispose();
        Assert.Equal(403, (await third.ReadResponseAsync()).Status);

        // The other slot holder is unharmed: it finishes its request.
        await busy2.SendAsync(Encoding.ASCII.GetBytes("Host: 127.0.0.1\r\n\r\n"));
        Assert.Equal(403, (await busy2.ReadResponseAsync()).Status);
        Assert.Equal(2, f.Emulator.Stats.Requests);
    }

    [Fact]
    public async Task OverTheConnectionCapTheLongestIdleConnectionMakesRoom()
    {
        using var f = Fixture(o => o.MaxConnections = 2);
        using var older = await RawConnection.OpenAsync(f.Emulator.Port);
        using var newer = await RawConnection.OpenAsync(f.Emulator.Port);
        foreach (RawConnection c in new[] { older, newer })
        {
            await c.SendAsync(Head("GET", "/joblist"));
            Assert.Equal(403, (await c.ReadResponseAsync()).Status);
            // The client can read the answer before the service's side of the connection is idle again: wait for
            // that, so the older connection's idle phase begins first (on a loaded machine it sometimes did not).
            await Until(() => f.Emulator.IdleConnections == 2);
        }

        await Until(() => f.Emulator.Connections == (2, 0, 0));

        // Both are kept alive and idle: a newcomer is served at once, and the one idle the longest is closed for it.
        using var newcomer = await RawConnection.OpenAsync(f.Emulator.Port);
        await newcomer.SendAsync(Head("GET", "/joblist"));
        Assert.Equal(403, (await newcomer.ReadResponseAsync()).Status);
        Assert.True(await older.IsClosedAsync(), "the longest-idle connection stays open");
        await newer.SendAsync(Head("GET", "/joblist"));
        Assert.Equal(403, (await newer.ReadResponseAsync()).Status);
    }

    [Fact]
    public async Task OverTheConnectionCapWithNoneIdleTheNewcomerIsRefusedWith503()
    {
        using var f = Fixture(o =>
        {
            o.MaxConnections = 1;
            o.RequestHeaderTimeout = TimeSpan.FromMinutes(1);
        });
        using var busy = await RawConnection.OpenAsync(f.Emulator.Port);
        await busy.SendAsync(Encoding.ASCII.GetBytes("GET /joblist HTTP/1.1\r\n"));
        await Until(() => f.Emulator.Connections == (1, 1, 0));

        using (var extra = await RawConnection.OpenAsync(f.Emulator.Port))
        {
            await extra.TrySendAsync(Head("GET", "/joblist"));
            RawResponse refused = await extra.ReadResponseAsync();
            Assert.Equal(503, refused.Status);
            Assert.Equal("ServiceUnavailable", refused.Xml.Element("Code")!.Value);
            Assert.Equal("The local service has its limit of 1 connections open, none of them idle; try again shortly.",
                refused.Xml.Element("Message")!.Value);
            Assert.Equal("1", refused.Header("Retry-After"));
            Assert.True(await extra.IsClosedAsync());
        }

        // The connection being served was not harmed, and once it ends a signed request is served again.
        await busy.SendAsync(Encoding.ASCII.GetBytes("Host: 127.0.0.1\r\nConnection: close\r\n\r\n"));
        Assert.Equal(403, (await busy.ReadResponseAsync()).Status);
        await Until(() => f.Emulator.Connections == (0, 0, 0));
        Assert.Equal(200, (await f.Client.Send("GET", "/joblist")).Status);
        Assert.Equal(1, f.Emulator.Stats.Count("ServiceUnavailable"));
    }

    [Fact]
    public async Task SignedRequestsSucceedWhileAbusiveClientsAreAtWork()
    {
        using var f = Fixture();
        using var stop = new CancellationTokenSource();

        // A slow-headers client (within its 10 s allowance), a huge upload and a stream of deep bodies.
        using var slow = await RawConnection.OpenAsync(f.Emulator.Port);
        await slow.SendAsync(Encoding.ASCII.GetBytes("POST /job HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
        using var upload = await RawConnection.OpenAsync(f.Emulator.Port);
        await upload.SendAsync(Head("POST", "/job", ("Content-Length", "15000000")));
        await upload.TrySendAsync(new byte[32 * 1024]);
        var deep = new StringBuilder("<ImportJob>");
        for (int i = 0; i < 20_000; i++) deep.Append("<a>");
        for (int i = 0; i < 20_000; i++) deep.Append("</a>");
        deep.Append("</ImportJob>");
        int deepRefused = 0;
        Task deepLoop = Task.Run(async () =>
        {
            using var abuser = new EmulatorTestClient(f.Emulator);
            // Bounded: at most 200 bodies, and it stops when the test is done.
            for (int i = 0; i < 200 && !stop.IsCancellationRequested; i++)
            {
                EmulatorReply r = await abuser.Send("POST", "/job", deep.ToString());
                if (r.Code == "MalformedXML") Interlocked.Increment(ref deepRefused);
            }
        });

        for (int i = 0; i < 10; i++)
        {
            f.Emulator.AddAddress($"busy-src-{i}");
            Assert.Equal(200, (await Within(f.Client.CreateJob($"busy-{i}", $"busy-src-{i}", "dest"))).Status);
            Assert.Equal("IMPORT_JOB_BEGIN", (await Within(f.Client.GetJob($"busy-{i}"))).Text("Status"));
        }

        stop.Cancel();
        await Within(deepLoop);
        Assert.True(deepRefused > 0);
        Assert.Equal(10, f.Emulator.JobCount);
        Assert.Equal(413, (await upload.ReadResponseAsync()).Status);
    }

    [Theory]
    [InlineData("MaxRequestBodyBytes", "MaxRequestBodyBytes must be at least 1.")]
    [InlineData("MaxConnections", "MaxConnections must be at least 1.")]
    [InlineData("MaxConcurrentRequests", "MaxConcurrentRequests must be at least 1.")]
    [InlineData("MaxXmlDepth", "MaxXmlDepth must be at least 1.")]
    [InlineData("RequestHeaderTimeout", "RequestHeaderTimeout must be greater than zero and less than 24 days.")]
    [InlineData("RequestBodyTimeout", "RequestBodyTimeout must be greater than zero and less than 24 days.")]
    [InlineData("IdleTimeout", "IdleTimeout must be greater than zero and less than 24 days.")]
    public void LimitsMustBePositive(string option, string message)
    {
        var options = new MgwEmulatorOptions();
        var property = typeof(MgwEmulatorOptions).GetProperty(option)!;
        property.SetValue(options, property.PropertyType == typeof(int) ? 0 : TimeSpan.Zero);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new MgwEmulator(options));
        Assert.Equal(option, ex.ParamName);
        Assert.StartsWith(message, ex.Message);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static async Task<T> Within<T>(Task<T> task)
    {
        await Within((Task)task);
        return await task;
    }

    private static async Task Within(Task task)
    {
        if (await Task.WhenAny(task, Task.Delay(Guard)) != task) throw new TimeoutException($"No answer within {Guard.TotalSeconds} s.");
        await task;
    }

    /// <summary>Waits for <paramref name="condition"/>, checking every 20 ms for at most the guard time.</summary>
    private static async Task Until(Func<bool> condition)
    {
        for (int i = 0; i < Guard.TotalMilliseconds / 20; i++)
        {
            if (condition()) return;
            await Task.Delay(20);
        }

        Assert.True(condition(), "The condition did not come true within the guard time.");
    }

    private static byte[] Head(string method, string path, params (string Name, string Value)[] headers)
    {
        var text = new StringBuilder($"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        foreach (var (name, value) in headers) text.Append(name).Append(": ").Append(value).Append("\r\n");
        return Encoding.ASCII.GetBytes(text.Append("\r\n").ToString());
    }

    private sealed record RawResponse(int Status, Dictionary<string, string> Headers, string Body)
    {
        public string? Header(string name) => Headers.TryGetValue(name, out string? v) ? v : null;

        public XElement Xml => XElement.Parse(Body);
    }

    /// <summary>A plain TCP client on 127.0.0.1 that speaks just enough HTTP/1.1 to misbehave.</summary>
    private sealed class RawConnection : IDisposable
    {
        private readonly TcpClient _client;
        private readonly NetworkStream _stream;
        private readonly byte[] _buffer = new byte[64 * 1024];
        private int _start;
        private int _end;

        private RawConnection(TcpClient client)
        {
            _client = client;
            _stream = client.GetStream();
        }

        /// <summary>Bytes received so far.</summary>
        public long Received { get; private set; }

        /// <summary>True when the server has sent something not yet read.</summary>
        public bool HasData => _end > _start || _client.Available > 0;

        public static async Task<RawConnection> OpenAsync(int port)
        {
            var client = new TcpClient(AddressFamily.InterNetwork) { NoDelay = true };
            await client.ConnectAsync(IPAddress.Loopback, port);
            return new RawConnection(client);
        }

        public async Task SendAsync(byte[] bytes)
        {
            using var cts = new CancellationTokenSource(Guard);
            await _stream.WriteAsync(bytes, cts.Token);
        }

        /// <summary>Sends, or returns false when the server has closed or reset the connection.</summary>
        public async Task<bool> TrySendAsync(byte[] bytes)
        {
            try
            {
                await SendAsync(bytes);
                return true;
            }
            catch (IOException)
            {
                return false;
            }
        }

        public async Task<RawResponse> ReadResponseAsync()
        {
            string? statusLine = await ReadLineAsync() ?? throw new IOException("The connection closed before an answer.");
            int status = int.Parse(statusLine.Split(' ')[1], CultureInfo.InvariantCulture);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            string? line;
            while ((line = await ReadLineAsync()) is { Length: > 0 })
            {
                int colon = line.IndexOf(':');
                headers[line.Substring(0, colon).Trim()] = line.Substring(colon + 1).Trim();
            }

            int length = headers.TryGetValue("Content-Length", out string? text) ? int.Parse(text, CultureInfo.InvariantCulture) : 0;
            var body = new byte[length];
            for (int copied = 0; copied < length;)
            {
                if (_start == _end && !await FillAsync()) throw new IOException("The connection closed in the middle of an answer.");
                int n = Math.Min(length - copied, _end - _start);
                Buffer.BlockCopy(_buffer, _start, body, copied, n);
                _start += n;
                copied += n;
            }

            return new RawResponse(status, headers, Encoding.UTF8.GetString(body));
        }

        /// <summary>True when the server closes (or resets) the connection, with nothing more to read, within the guard.</summary>
        public async Task<bool> IsClosedAsync()
        {
            // Anything more than the answer already read means the connection is still being served.
            if (_start < _end) return false;
            try
            {
                return !await FillAsync();
            }
            catch (IOException)
            {
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        private async Task<bool> FillAsync()
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            using var cts = new CancellationTokenSource(Guard);
            int n = await _stream.ReadAsync(_buffer.AsMemory(_end), cts.Token);
            if (n <= 0) return false;
            _end += n;
            Received += n;
            return true;
        }

        private async Task<string?> ReadLineAsync()
        {
            while (true)
            {
                for (int i = _start; i < _end - 1; i++)
                {
                    if (_buffer[i] == '\r' && _buffer[i + 1] == '\n')
                    {
                        string line = Encoding.ASCII.GetString(_buffer, _start, i - _start);
                        _start = i + 2;
                        return line;
                    }
                }

                if (!await FillAsync()) return null;
            }
        }

        public void Dispose()
        {
            _stream.Dispose();
            _client.Dispose();
        }
    }
}
