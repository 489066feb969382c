using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace MgwTools.Emulator;

/// <summary>One HTTP/1.1 request as received.</summary>
internal sealed class HttpRequestData
{
    public string Method { get; set; } = "";

    /// <summary>The path as sent (still percent-encoded), without the query.</summary>
    public string RawPath { get; set; } = "/";

    /// <summary>The query as sent, without the <c>?</c>; empty when there is none.</summary>
    public string RawQuery { get; set; } = "";

    /// <summary>Headers, names case-insensitive; repeated headers joined with a comma.</summary>
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public byte[] Body { get; set; } = Array.Empty<byte>();

    public string? Header(string name) => Headers.TryGetValue(name, out string? v) ? v : null;
}

/// <summary>The answer to a request, or <see cref="Drop"/> to reset the connection instead.</summary>
internal sealed class HttpResponseData
{
    public int StatusCode { get; set; } = 200;

    public List<KeyValuePair<string, string>> Headers { get; } = new();

    public byte[] Body { get; set; } = Array.Empty<byte>();

    public bool Drop { get; set; }

    /// <summary>The error code of an error answer (for the counters).</summary>
    public string? ErrorCode { get; set; }

    public static HttpResponseData Dropped() => new() { Drop = true };
}

/// <summary>The bounds a <see cref="LoopbackHttpServer"/> keeps every connection within.</summary>
internal sealed class LoopbackServerLimits
{
    /// <summary>Largest request body (Content-Length or the sum of the chunks).</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest request line plus headers.</summary>
    public int MaxHeaderBytes { get; set; } = 64 * 1024;

    /// <summary>Time from the first byte of a request to the end of its headers.</summary>
    public TimeSpan HeaderTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time from the end of the headers to the end of the body.</summary>
    public TimeSpan BodyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time a connection may wait for the first byte of a request, and the longest a response write may take.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Open connections. One more closes the longest-idle kept-alive connection, or with none idle is answered 503.</summary>
    public int MaxConnections { get; set; } = 1024;

    /// <summary>Requests read and handled at once; a connection whose request has begun to arrive waits for a slot.</summary>
    public int MaxConcurrentRequests { get; set; } = 32;
}

/// <summary>A request the HTTP layer refuses before the handler sees it: answered with the status, then the connection closes.</summary>
internal sealed class HttpProtocolException : Exception
{
    public HttpProtocolException(int statusCode, string code, string message)
        : base(message)
    {
        StatusCode = statusCode;
        Code = code;
    }

    public int StatusCode { get; }

    /// <summary>The service-style error code of the answer.</summary>
    public string Code { get; }
}

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 (keep-alive, Content-Length and chunked bodies, Expect: 100-continue).
/// Not <c>HttpListener</c>: its managed implementation answers 404 itself to any Host header that does not
/// match a registered prefix, so it could not receive <c>&lt;account&gt;.&lt;region&gt;.mgw.aliyuncs.com</c>
/// hosts without a wildcard prefix, and a wildcard prefix binds every interface. Here the socket is bound to
/// loopback only and every Host reaches the handler, which decides. A dropped request gets a TCP reset.
/// </summary>
/// <remarks>
/// Every connection is bounded (<see cref="LoopbackServerLimits"/>): the body size (413 before the body is read),
/// the header size, the time to send the headers and the body (400 <c>RequestTimeout</c>), the idle time between
/// requests and the time a response write may take (the connection is closed). At most
/// <see cref="LoopbackServerLimits.MaxConcurrentRequests"/> requests are read and handled at once — so at most
/// that many bodies are in memory — and a connection whose request has begun to arrive waits for a slot (every
/// slot is bounded in time, so the wait is too). At most <see cref="LoopbackServerLimits.MaxConnections"/>
/// connections are open: a newcomer over the cap closes the connection that has been idle the longest (a client
/// re-sends on a new connection when a kept-alive one closes), and with none idle it is answered 503. A refused
/// connection is closed gracefully — the answer is sent, then what the client still sends is read and dropped
/// for a short, bounded while — so the client sees the answer instead of a reset.
/// </remarks>
internal sealed class LoopbackHttpServer : IDisposable
{
    /// <summary>How much of a refused request's remaining bytes are read (and dropped) before the socket closes.</summary>
    private const int DrainBytes = 256 * 1024;
    private static readonly TimeSpan s_drainTime = TimeSpan.FromSeconds(1);

    private readonly Func<HttpRequestData, CancellationToken, Task<HttpResponseData>> _handler;
    private readonly Func<int, string, string, HttpResponseData> _refusal;
    private readonly LoopbackServerLimits _limits;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<TcpClient, Task> _connections = new();
    private readonly SemaphoreSlim _slots;
    private readonly object _lock = new();
    /// <summary>Connections in their idle phase: the token that ends the wait, and since when.</summary>
    private readonly Dictionary<CancellationTokenSource, long> _idle = new();
    private TcpListener? _listener;
    private Task? _acceptLoop;
    private int _open;
    private int _waiting;
    private long _idleSequence;
    private int _disposed;

    /// <param name="handler">Answers a request.</param>
    /// <param name="refusal">Builds the answer to a request refused by the HTTP layer: (status, code, message).</param>
    /// <param name="limits">The bounds; defaults when null.</param>
    public LoopbackHttpServer(Func<HttpRequestData, CancellationToken, Task<HttpResponseData>> handler,
        Func<int, string, string, HttpResponseData>? refusal = null, LoopbackServerLimits? limits = null)
    {
        _handler = handler;
        _refusal = refusal ?? PlainRefusal;
        _limits = limits ?? new LoopbackServerLimits();
        _slots = new SemaphoreSlim(_limits.MaxConcurrentRequests, _limits.MaxConcurrentRequests);
    }

    public int Port { get; private set; }

    /// <summary>Open connections (refused ones not counted).</summary>
    public int OpenConnections => Volatile.Read(ref _open);

    /// <summary>Requests being read or handled now.</summary>
    public int ActiveRequests => _limits.MaxConcurrentRequests - _slots.CurrentCount;

    /// <summary>Connections whose request has begun to arrive, waiting for a slot.</summary>
    public int WaitingRequests => Volatile.Read(ref _waiting);

    /// <summary>Connections waiting for their next request (each one a candidate to close for a newcomer over the cap).</summary>
    public int IdleConnections
    {
        get
        {
            lock (_lock) return _idle.Count;
        }
    }

    /// <summary>Binds 127.0.0.1:<paramref name="port"/> (0 = any free port) and starts accepting.</summary>
    /// <exception cref="SocketException">The port cannot be bound (in use, not permitted).</exception>
    public void Start(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        // Windows would otherwise let another socket bind the same port; on Unix .NET's default
        // (SO_REUSEADDR) already refuses a port with a listener and still allows a quick re-bind after Stop.
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) listener.ExclusiveAddressUse = true;
        listener.Start(512);
        _listener = listener;
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener!.AcceptTcpClientAsync().ConfigureAwait(false);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            client.NoDelay = true;
            bool serve = true;
            CancellationTokenSource? victim = null;
            lock (_lock)
            {
                if (_open >= _limits.MaxConnections)
                {
                    // Make room by closing the longest-idle connection; with none idle, refuse the newcomer.
                    long oldest = long.MaxValue;
                    foreach (var pair in _idle)
                    {
                        if (pair.Value < oldest)
                        {
                            oldest = pair.Value;
                            victim = pair.Key;
                        }
                    }

                    if (victim is null) serve = false;
                    else _idle.Remove(victim);
                }

                if (serve) _open++;
            }

            if (victim is not null)
            {
                try
                {
                    victim.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // Its request arrived meanwhile; the count goes over the cap until that one ends.
                }
            }

            _connections[client] = serve ? Task.Run(() => ServeAsync(client)) : Task.Run(() => RefuseAsync(client));
        }
    }

    /// <summary>A connection over the cap with none idle: 503 with Retry-After, then a graceful close.</summary>
    private async Task RefuseAsync(TcpClient client)
    {
        try
        {
            NetworkStream stream = client.GetStream();
            HttpResponseData answer = _refusal(503, ServiceErrors.ServiceUnavailable, string.Format(CultureInfo.InvariantCulture,
                "The local service has its limit of {0} connections open, none of them idle; try again shortly.", _limits.MaxConnections));
            answer.Headers.Add(new("Retry-After", "1"));
            await WriteAsync(stream, answer, keepAlive: false, _stop.Token).ConfigureAwait(false);
            await DrainAsync(client, stream).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsConnectionEnd(ex))
        {
        }
        finally
        {
            _connections.TryRemove(client, out _);
            Close(client, reset: false);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        bool reset = false;
        try
        {
            NetworkStream stream = client.GetStream();
            var reader = new RequestReader(stream, _limits);
            while (!_stop.IsCancellationRequested)
            {
                if (!reader.HasBuffered && !await AwaitRequestAsync(reader).ConfigureAwait(false)) return;

                // A request has begun to arrive: wait for a slot to read and handle it.
                Interlocked.Increment(ref _waiting);
                try
                {
                    await _slots.WaitAsync(_stop.Token).ConfigureAwait(false);
                }
                finally
                {
                    Interlocked.Decrement(ref _waiting);
                }

                (bool keepAlive, bool refused, bool drop) outcome;
                try
                {
                    outcome = await ServeOneAsync(stream, reader).ConfigureAwait(false);
                }
                finally
                {
                    _slots.Release();
                }

                if (outcome.refused)
                {
                    await DrainAsync(client, stream).ConfigureAwait(false);
                    return;
                }

                if (outcome.drop)
                {
                    client.Client.Shutdown(SocketShutdown.Send);
                    reset = true;
                    return;
                }

                if (!outcome.keepAlive) return;
            }
        }
        catch (Exception ex) when (IsConnectionEnd(ex))
        {
            // The peer went away, stalled past a timeout, or the server is stopping.
        }
        finally
        {
            _connections.TryRemove(client, out _);
            Close(client, reset);
            lock (_lock) _open--;
        }
    }

    /// <summary>Reads, handles and answers one request (inside a slot).</summary>
    private async Task<(bool KeepAlive, bool Refused, bool Drop)> ServeOneAsync(NetworkStream stream, RequestReader reader)
    {
        HttpRequestData? request;
        bool keepAlive;
        try
        {
            (request, keepAlive) = await reader.ReadAsync(stream, _stop.Token).ConfigureAwait(false);
        }
        catch (HttpProtocolException ex)
        {
            HttpResponseData refusal = _refusal(ex.StatusCode, ex.Code, ex.Message);
            await WriteAsync(stream, refusal, keepAlive: false, _stop.Token).ConfigureAwait(false);
            return (false, true, false);
        }

        if (request is null) return (false, false, false);
        HttpResponseData response = await _handler(request, _stop.Token).ConfigureAwait(false);
        if (response.Drop)
        {
            // A few bytes of a status line, then the connection ends: the answer is lost. Without any
            // byte, HttpClient would silently re-send the request on a new connection when the dropped
            // one had been reused (even a POST), hiding the fault from the caller.
            byte[] partial = Encoding.ASCII.GetBytes("HTTP/1.1 ");
            await stream.WriteAsync(partial, 0, partial.Length).ConfigureAwait(false);
            await stream.FlushAsync().ConfigureAwait(false);
            return (false, false, true);
        }

        // A client that does not read its answers cannot hold the slot (and the answer) for long.
        using var writeTimeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        writeTimeout.CancelAfter(_limits.IdleTimeout);
        await WriteAsync(stream, response, keepAlive, writeTimeout.Token).ConfigureAwait(false);
        return (keepAlive, false, false);
    }

    /// <summary>
    /// The idle phase: waits for the first byte of the next request. False when the client closed, the idle
    /// timeout ran out, or the connection was closed to make room for a newcomer.
    /// </summary>
    private async Task<bool> AwaitRequestAsync(RequestReader reader)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        lock (_lock) _idle[idle] = ++_idleSequence;
        try
        {
            idle.CancelAfter(_limits.IdleTimeout);
            return await reader.FillAsync(idle.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
        {
            return false;
        }
        finally
        {
            lock (_lock) _idle.Remove(idle);
        }
    }

    private static bool IsConnectionEnd(Exception ex) =>
        ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException;

    /// <summary>
    /// After a refusal: stops sending, then reads and drops what the client still sends (a bounded amount, for a
    /// bounded time), so closing does not reset the connection before the client has read the answer.
    /// </summary>
    private async Task DrainAsync(TcpClient client, NetworkStream stream)
    {
        try
        {
            client.Client.Shutdown(SocketShutdown.Send);
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            cts.CancelAfter(s_drainTime);
            var sink = new byte[16 * 1024];
            int drained = 0;
            while (drained < DrainBytes)
            {
                int n = await stream.ReadAsync(sink, 0, sink.Length, cts.Token).ConfigureAwait(false);
                if (n <= 0) return;
                drained += n;
            }
        }
        catch (Exception ex) when (IsConnectionEnd(ex))
        {
        }
    }

    private static void Close(TcpClient client, bool reset)
    {
        try
        {
            // Linger 0: close sends RST, so the client sees a reset connection and no answer.
            if (reset) client.Client.LingerState = new LingerOption(true, 0);
            client.Close();
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
    }

    private static HttpResponseData PlainRefusal(int status, string code, string message) =>
        new()
        {
            StatusCode = status,
            ErrorCode = code,
            Body = Encoding.UTF8.GetBytes(code + ": " + message),
            Headers = { new("Content-Type", "text/plain; charset=utf-8") },
        };

    private static async Task WriteAsync(Stream stream, HttpResponseData response, bool keepAlive, CancellationToken ct)
    {
        var head = new StringBuilder(256);
        head.Append("HTTP/1.1 ").Append(response.StatusCode.ToString(CultureInfo.InvariantCulture)).Append(' ')
            .Append(ReasonPhrase(response.StatusCode)).Append("\r\n");
        head.Append("Date: ").Append(DateTime.UtcNow.ToString("r", CultureInfo.InvariantCulture)).Append("\r\n");
        head.Append("Server: MgwTools.Emulator\r\n");
        foreach (var header in response.Headers)
        {
            head.Append(header.Key).Append(": ").Append(header.Value).Append("\r\n");
        }

        if (response.StatusCode != 204 && response.StatusCode != 304)
        {
            head.Append("Content-Length: ").Append(response.Body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        }

        head.Append("Connection: ").Append(keepAlive ? "keep-alive" : "close").Append("\r\n\r\n");
        byte[] headBytes = Encoding.ASCII.GetBytes(head.ToString());
        var all = new byte[headBytes.Length + (response.StatusCode == 204 ? 0 : response.Body.Length)];
        Buffer.BlockCopy(headBytes, 0, all, 0, headBytes.Length);
        if (response.StatusCode != 204) Buffer.BlockCopy(response.Body, 0, all, headBytes.Length, response.Body.Length);
        await stream.WriteAsync(all, 0, all.Length, ct).ConfigureAwait(false);
        await stream.FlushAsync(ct).ConfigureAwait(false);
    }

    private static string ReasonPhrase(int status) => status switch
    {
        100 => "Continue",
        200 => "OK",
        204 => "No Content",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        411 => "Length Required",
        413 => "Payload Too Large",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };

    /// <summary>Stops accepting, resets open connections and waits for the handlers to end.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _stop.Cancel();
        try
        {
            _listener?.Stop();
        }
        catch (SocketException)
        {
        }

        foreach (TcpClient client in _connections.Keys)
        {
            Close(client, reset: false);
        }


        var pending = new List<Task>(_connections.Values);
        if (_acceptLoop is not null) pending.Add(_acceptLoop);
        try
        {
            Task.WaitAll(pending.ToArray(), TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    /// <summary>Reads requests off one connection, keeping bytes that arrived ahead of the next request.</summary>
    private sealed class RequestReader
    {
        private readonly Stream _stream;
        private readonly LoopbackServerLimits _limits;
        private readonly byte[] _buffer = new byte[16 * 1024];
        private int _start;
        private int _end;

        public RequestReader(Stream stream, LoopbackServerLimits limits)
        {
            _stream = stream;
            _limits = limits;
        }

        /// <summary>True when bytes of a next request are already buffered.</summary>
        public bool HasBuffered => _end > _start;

        /// <summary>The next request (its first bytes are buffered or arriving), or null at a clean end of stream.</summary>
        /// <exception cref="HttpProtocolException">The request is malformed, too large, or too slow.</exception>
        public async Task<(HttpRequestData? Request, bool KeepAlive)> ReadAsync(Stream output, CancellationToken stop)
        {
            HttpRequestData request;
            bool keepAlive;
            long? contentLength;
            bool chunked;
            using (var headers = CancellationTokenSource.CreateLinkedTokenSource(stop))
            {
                headers.CancelAfter(_limits.HeaderTimeout);
                try
                {
                    (request, keepAlive, contentLength, chunked) = await ReadHeadAsync(headers.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                {
                    throw new HttpProtocolException(400, ServiceErrors.RequestTimeout, string.Format(CultureInfo.InvariantCulture,
                        "The request line and headers did not arrive within {0:0.###} seconds.", _limits.HeaderTimeout.TotalSeconds));
                }
            }

            if (!chunked && contentLength is null) return (request, keepAlive);

            // Refused before a byte of the body is read (and before 100-continue invites it).
            if (contentLength > _limits.MaxBodyBytes)
            {
                throw TooLarge();
            }

            if (string.Equals(request.Header("Expect"), "100-continue", StringComparison.OrdinalIgnoreCase))
            {
                byte[] cont = Encoding.ASCII.GetBytes("HTTP/1.1 100 Continue\r\n\r\n");
                await output.WriteAsync(cont, 0, cont.Length, stop).ConfigureAwait(false);
            }

            using (var body = CancellationTokenSource.CreateLinkedTokenSource(stop))
            {
                body.CancelAfter(_limits.BodyTimeout);
                try
                {
                    request.Body = chunked
                        ? await ReadChunkedAsync(body.Token).ConfigureAwait(false)
                        : await ReadBytesAsync((int)contentLength!.Value, body.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                {
                    throw new HttpProtocolException(400, ServiceErrors.RequestTimeout, string.Format(CultureInfo.InvariantCulture,
                        "The request body did not arrive within {0:0.###} seconds.", _limits.BodyTimeout.TotalSeconds));
                }
            }

            return (request, keepAlive);
        }

        private HttpProtocolException TooLarge() =>
            new(413, ServiceErrors.EntityTooLarge, string.Format(CultureInfo.InvariantCulture,
                "The request body is larger than the {0} bytes this service accepts.", _limits.MaxBodyBytes));

        private static HttpProtocolException Malformed(string message) => new(400, ServiceErrors.InvalidRequest, message);

        private async Task<(HttpRequestData Request, bool KeepAlive, long? ContentLength, bool Chunked)> ReadHeadAsync(CancellationToken ct)
        {
            int headBytes = 0;
            string? requestLine = await ReadLineAsync(ct, allowEof: true).ConfigureAwait(false);
            while (requestLine is { Length: 0 })
            {
                headBytes += 2;
                if (headBytes > _limits.MaxHeaderBytes) throw Malformed("Too many empty lines before the request line.");
                requestLine = await ReadLineAsync(ct, allowEof: true).ConfigureAwait(false);
            }

            if (requestLine is null) throw new IOException("The connection closed before a request line.");
            string[] parts = requestLine.Split(' ');
            if (parts.Length != 3 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
            {
                throw Malformed("Malformed request line.");
            }

            var request = new HttpRequestData { Method = parts[0] };
            string target = parts[1];
            if (target.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || target.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                int slash = target.IndexOf('/', target.IndexOf("//", StringComparison.Ordinal) + 2);
                target = slash < 0 ? "/" : target.Substring(slash);
            }

            int q = target.IndexOf('?');
            request.RawPath = q < 0 ? target : target.Substring(0, q);
            request.RawQuery = q < 0 ? "" : target.Substring(q + 1);

            headBytes += requestLine.Length;
            while (true)
            {
                string? line = await ReadLineAsync(ct, allowEof: false).ConfigureAwait(false);
                if (line is null || line.Length == 0) break;
                headBytes += line.Length + 2;
                if (headBytes > _limits.MaxHeaderBytes) throw new HttpProtocolException(431, ServiceErrors.InvalidRequest, "The request headers are too large.");
                int colon = line.IndexOf(':');
                if (colon <= 0) throw Malformed("Malformed header line.");
                string name = line.Substring(0, colon).Trim();
                string value = line.Substring(colon + 1).Trim();
                request.Headers[name] = request.Headers.TryGetValue(name, out string? existing) ? existing + "," + value : value;
            }

            bool http10 = parts[2] == "HTTP/1.0";
            string connection = request.Header("Connection") ?? "";
            bool keepAlive = http10
                ? connection.IndexOf("keep-alive", StringComparison.OrdinalIgnoreCase) >= 0
                : connection.IndexOf("close", StringComparison.OrdinalIgnoreCase) < 0;

            bool chunked = (request.Header("Transfer-Encoding") ?? "").IndexOf("chunked", StringComparison.OrdinalIgnoreCase) >= 0;
            string? lengthText = request.Header("Content-Length");
            long? length = null;
            if (!chunked && lengthText is not null)
            {
                if (!long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out long parsed))
                {
                    throw Malformed("Bad Content-Length.");
                }

                length = parsed;
            }

            return (request, keepAlive, length, chunked);
        }

        private async Task<byte[]> ReadChunkedAsync(CancellationToken ct)
        {
            using var body = new MemoryStream();
            while (true)
            {
                string line = await ReadLineAsync(ct, allowEof: false).ConfigureAwait(false) ?? "";
                int semi = line.IndexOf(';');
                string sizeText = (semi < 0 ? line : line.Substring(0, semi)).Trim();
                if (!int.TryParse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int size) || size < 0)
                {
                    throw Malformed("Bad chunk size.");
                }

                if (body.Length + size > _limits.MaxBodyBytes) throw TooLarge();
                if (size == 0)
                {
                    // Trailers, up to the empty line (bounded like headers).
                    int trailerBytes = 0;
                    string? trailer;
                    while ((trailer = await ReadLineAsync(ct, allowEof: false).ConfigureAwait(false))?.Length > 0)
                    {
                        trailerBytes += trailer!.Length + 2;
                        if (trailerBytes > _limits.MaxHeaderBytes) throw new HttpProtocolException(431, ServiceErrors.InvalidRequest, "The chunked trailers are too large.");
                    }

                    return body.ToArray();
                }

                byte[] chunk = await ReadBytesAsync(size, ct).ConfigureAwait(false);
                body.Write(chunk, 0, chunk.Length);
                await ReadLineAsync(ct, allowEof: false).ConfigureAwait(false);
            }
        }

        /// <summary>Reads more bytes; false at the end of the stream.</summary>
        public async Task<bool> FillAsync(CancellationToken ct)
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length) throw Malformed("Line too long.");
            int n = await _stream.ReadAsync(_buffer, _end, _buffer.Length - _end, ct).ConfigureAwait(false);
            if (n <= 0) return false;
            _end += n;
            return true;
        }

        private async Task<string?> ReadLineAsync(CancellationToken ct, bool allowEof)
        {
            int scanned = _start;
            while (true)
            {
                for (int i = Math.Max(_start, scanned - 1); i < _end - 1; i++)
                {
                    if (_buffer[i] == '\r' && _buffer[i + 1] == '\n')
                    {
                        string line = Encoding.UTF8.GetString(_buffer, _start, i - _start);
                        _start = i + 2;
                        return line;
                    }
                }

                // Only the new bytes are scanned next time (positions shift when FillAsync compacts).
                int pending = _end - _start;
                if (!await FillAsync(ct).ConfigureAwait(false))
                {
                    if (allowEof && _start == _end) return null;
                    throw new IOException("The connection closed in the middle of a request.");
                }

                scanned = _start + pending;
            }
        }

        private async Task<byte[]> ReadBytesAsync(int count, CancellationToken ct)
        {
            var result = new byte[count];
            int copied = 0;
            while (copied < count)
            {
                if (_start == _end && !await FillAsync(ct).ConfigureAwait(false))
                {
                    throw new IOException("The connection closed in the middle of a body.");
                }

                int n = Math.Min(count - copied, _end - _start);
                Buffer.BlockCopy(_buffer, _start, result, copied, n);
                _start += n;
                copied += n;
            }

            return result;
        }
    }
}
