using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace MgwTools.Core.Tests;

/// <summary>A request as the loopback server received it.</summary>
public sealed class RecordedRequest
{
    public required string Method { get; init; }
    /// <summary>Path and query exactly as sent.</summary>
    public required string RawUrl { get; init; }
    /// <summary>The path, percent-decoded.</summary>
    public required string Path { get; init; }
    /// <summary>Query pairs, decoded, in wire order; <c>k=</c> gives "".</summary>
    public required List<KeyValuePair<string, string?>> Query { get; init; }
    /// <summary>Headers by name (case-insensitive).</summary>
    public required Dictionary<string, string> Headers { get; init; }
    public required byte[] Body { get; init; }
    /// <summary>Arrival time since the server started.</summary>
    public required TimeSpan At { get; init; }

    public string BodyText => Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out string? v) ? v : null;
}

/// <summary>One scripted answer.</summary>
public sealed class Scripted
{
    public int Status { get; init; } = 200;
    public string? Body { get; init; }
    public Dictionary<string, string> Headers { get; init; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Abort the connection instead of answering.</summary>
    public bool Drop { get; init; }
    /// <summary>Wait this long before answering.</summary>
    public TimeSpan Delay { get; init; }

    public static Scripted Ok(string? body = null, string requestId = "REQ-OK") =>
        new() { Body = body, Headers = { ["x-oss-request-id"] = requestId } };

    public static Scripted Error(int status, string code, string message = "scripted", string requestId = "REQ-ERR", string? ec = null, string? recommend = null) =>
        new()
        {
            Status = status,
            Body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <Code>" + code + "</Code>\n  <Message>" + message + "</Message>\n  <RequestId>" + requestId +
                   "</RequestId>\n  <HostId>1234567890123456.cn-hangzhou.mgw.aliyuncs.com</HostId>\n" +
                   (ec is null ? "" : "  <EC>" + ec + "</EC>\n") + (recommend is null ? "" : "  <RecommendDoc>" + recommend + "</RecommendDoc>\n") + "</Error>",
            Headers = { ["x-oss-request-id"] = requestId },
        };

    public static Scripted Empty(int status, string requestId = "REQ-EMPTY", string? ec = null)
    {
        var s = new Scripted { Status = status, Headers = { ["x-oss-request-id"] = requestId } };
        if (ec is not null) s.Headers["x-oss-ec-code"] = ec;
        return s;
    }

    public static Scripted RetryAfter(int status, string retryAfter) =>
        new() { Status = status, Headers = { ["Retry-After"] = retryAfter, ["x-oss-request-id"] = "REQ-RA" } };

    public static Scripted Dropped() => new() { Drop = true };

    public static Scripted Slow(TimeSpan delay, string? body = null) => new() { Delay = delay, Body = body };
}

/// <summary>
/// An HTTP server on 127.0.0.1 (never any other address) that records every request and answers from a
/// queue of scripted responses; with the queue empty it answers 599 <c>NoScript</c> so a test sees the surprise.
/// </summary>
public sealed class LoopbackServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly ConcurrentQueue<Scripted> _script = new();
    private readonly List<RecordedRequest> _requests = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LoopbackServer()
    {
        for (int tries = 0; ; tries++)
        {
            int port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                _listener = listener;
                Endpoint = new Uri($"http://127.0.0.1:{port}/");
                break;
            }
            catch (HttpListenerException) when (tries < 5)
            {
                listener.Close();
            }
        }

        _loop = Task.Run(LoopAsync);
    }

    public Uri Endpoint { get; }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests) return _requests.ToList();
        }
    }

    public LoopbackServer Enqueue(params Scripted[] answers)
    {
        foreach (Scripted a in answers) _script.Enqueue(a);
        return this;
    }

    /// <summary>Waits (bounded) until at least <paramref name="count"/> requests arrived.</summary>
    public async Task WaitForRequestsAsync(int count, TimeSpan? limit = null)
    {
        var deadline = Stopwatch.StartNew();
        while (Requests.Count < count)
        {
            if (deadline.Elapsed > (limit ?? TimeSpan.FromSeconds(10))) throw new TimeoutException($"Only {Requests.Count} of {count} requests arrived.");
            await Task.Delay(10);
        }
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception) when (_stop.IsCancellationRequested || !_listener.IsListening)
            {
                return;
            }
            catch (HttpListenerException)
            {
                continue;
            }

            RecordedRequest recorded;
            try
            {
                recorded = await RecordAsync(context.Request).ConfigureAwait(false);
            }
            catch (Exception)
            {
                context.Response.Abort();
                continue;
            }

            lock (_requests) _requests.Add(recorded);
            Scripted answer = _script.TryDequeue(out Scripted? next)
                ? next
                : new Scripted { Status = 599, Body = "<Error><Code>NoScript</Code><Message>No scripted answer left.</Message></Error>" };
            _ = Task.Run(() => AnswerAsync(context, answer));
        }
    }

    private async Task<RecordedRequest> RecordAsync(HttpListenerRequest request)
    {
        using var buffer = new MemoryStream();
        await request.InputStream.CopyToAsync(buffer).ConfigureAwait(false);
        string raw = request.RawUrl ?? "/";
        int q = raw.IndexOf('?');
        string rawPath = q < 0 ? raw : raw.Substring(0, q);
        var query = new List<KeyValuePair<string, string?>>();
        if (q >= 0)
        {
            foreach (string part in raw.Substring(q + 1).Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = part.IndexOf('=');
                string key = Uri.UnescapeDataString(eq < 0 ? part : part.Substring(0, eq));
                string? value = eq < 0 ? null : Uri.UnescapeDataString(part.Substring(eq + 1).Replace('+', ' '));
                query.Add(new KeyValuePair<string, string?>(key, value));
            }
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string? name in request.Headers.AllKeys)
        {
            if (name is not null) headers[name] = request.Headers[name] ?? "";
        }

        return new RecordedRequest
        {
            Method = request.HttpMethod,
            RawUrl = raw,
            Path = Uri.UnescapeDataString(rawPath),
            Query = query,
            Headers = headers,
            Body = buffer.ToArray(),
            At = _clock.Elapsed,
        };
    }

    private async Task AnswerAsync(HttpListenerContext context, Scripted answer)
    {
        HttpListenerResponse response = context.Response;
        try
        {
            if (answer.Delay > TimeSpan.Zero) await Task.Delay(answer.Delay, _stop.Token).ConfigureAwait(false);
            if (answer.Drop)
            {
                // Managed HttpListener's Abort() still flushes a 200 header block, so promise a body and cut the
                // connection before it: the client sees the connection end prematurely (a lost answer).
                response.StatusCode = 200;
                response.ContentLength64 = 1 << 20;
                response.Abort();
                return;
            }

            response.StatusCode = answer.Status;
            foreach (var header in answer.Headers) response.AddHeader(header.Key, header.Value);
            byte[] body = answer.Body is null ? Array.Empty<byte>() : Encoding.UTF8.GetBytes(answer.Body);
            if (body.Length > 0) response.ContentType = "application/xml";
            response.ContentLength64 = body.Length;
            if (body.Length > 0) await response.OutputStream.WriteAsync(body).ConfigureAwait(false);
            response.Close();
        }
        catch (Exception)
        {
            // The client gave up (timeout, cancellation) or the server is stopping.
            try { response.Abort(); } catch (Exception) { }
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public void Dispose()
    {
        _stop.Cancel();
        try { _listener.Stop(); } catch (Exception) { }
        try { _listener.Close(); } catch (Exception) { }
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (Exception) { }
        _stop.Dispose();
    }
}
