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

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 (keep-alive, Content-Length and chunked bodies, Expect: 100-continue).
/// Not <c>HttpListener</c>: its managed implementation answers 404 itself to any Host header that does not
/// match a registered prefix, so it could not receive <c>&lt;account&gt;.&lt;region&gt;.mgw.aliyuncs.com</c>
/// hosts without a wildcard prefix, and a wildcard prefix binds every interface. Here the socket is bound to
/// loopback only and every Host reaches the handler, which decides. A dropped request gets a TCP reset.
/// </summary>
internal sealed class LoopbackHttpServer : IDisposable
{
    private const int MaxHeaderBytes = 64 * 1024;
    private const int MaxBodyBytes = 16 * 1024 * 1024;
    private readonly Func<HttpRequestData, CancellationToken, Task<HttpResponseData>> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<TcpClient, Task> _connections = new();
    private TcpListener? _listener;
    private Task? _acceptLoop;
    private int _disposed;

    public LoopbackHttpServer(Func<HttpRequestData, CancellationToken, Task<HttpResponseData>> handler)
    {
        _handler = handler;
    }

    public int Port { get; private set; }

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
            _connections[client] = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        bool reset = false;
        try
        {
            NetworkStream stream = client.GetStream();
            var reader = new RequestReader(stream);
            while (!_stop.IsCancellationRequested)
            {
                HttpRequestData? request;
                bool keepAlive;
                try
                {
                    (request, keepAlive) = await reader.ReadAsync(stream, _stop.Token).ConfigureAwait(false);
                }
                catch (InvalidDataException ex)
                {
                    await WriteAsync(stream, BadRequest(ex.Message), keepAlive: false).ConfigureAwait(false);
                    return;
                }

                if (request is null) return;
                HttpResponseData response = await _handler(request, _stop.Token).ConfigureAwait(false);
                if (response.Drop)
                {
                    // A few bytes of a status line, then the connection ends: the answer is lost. Without any
                    // byte, HttpClient would silently re-send the request on a new connection when the dropped
                    // one had been reused (even a POST), hiding the fault from the caller.
                    byte[] partial = Encoding.ASCII.GetBytes("HTTP/1.1 ");
                    await stream.WriteAsync(partial, 0, partial.Length).ConfigureAwait(false);
                    await stream.FlushAsync().ConfigureAwait(false);
                    client.Client.Shutdown(SocketShutdown.Send);
                    reset = true;
                    return;
                }

                await WriteAsync(stream, response, keepAlive).ConfigureAwait(false);
                if (!keepAlive) return;
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The peer went away or the server is stopping.
        }
        finally
        {
            _connections.TryRemove(client, out _);
            Close(client, reset);
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

    private static HttpResponseData BadRequest(string message) =>
        new() { StatusCode = 400, Body = Encoding.UTF8.GetBytes(message), Headers = { new("Content-Type", "text/plain; charset=utf-8") } };

    private static async Task WriteAsync(Stream stream, HttpResponseData response, bool keepAlive)
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
        await stream.WriteAsync(all, 0, all.Length).ConfigureAwait(false);
        await stream.FlushAsync().ConfigureAwait(false);
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
        private readonly byte[] _buffer = new byte[16 * 1024];
        private int _start;
        private int _end;

        public RequestReader(Stream stream)
        {
            _stream = stream;
        }

        /// <summary>The next request, or null at a clean end of stream.</summary>
        public async Task<(HttpRequestData? Request, bool KeepAlive)> ReadAsync(Stream output, CancellationToken ct)
        {
            string? requestLine = await ReadLineAsync(ct, allowEof: true).ConfigureAwait(false);
            while (requestLine is { Length: 0 })
            {
                requestLine = await ReadLineAsync(ct, allowEof: true).ConfigureAwait(false);
            }

            if (requestLine is null) return (null, false);
            string[] parts = requestLine.Split(' ');
            if (parts.Length != 3 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
            {
                throw new InvalidDataException("Malformed request line.");
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

            int headerBytes = 0;
            while (true)
            {
                string? line = await ReadLineAsync(ct, allowEof: false).ConfigureAwait(false);
                if (line is null || line.Length == 0) break;
                headerBytes += line.Length;
                if (headerBytes > MaxHeaderBytes) throw new InvalidDataException("Headers too large.");
                int colon = line.IndexOf(':');
                if (colon <= 0) throw new InvalidDataException("Malformed header line.");
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
            if (!chunked && lengthText is null) return (request, keepAlive);

            if (string.Equals(request.Header("Expect"), "100-continue", StringComparison.OrdinalIgnoreCase))
            {
                byte[] cont = Encoding.ASCII.GetBytes("HTTP/1.1 100 Continue\r\n\r\n");
                await output.WriteAsync(cont, 0, cont.Length, ct).ConfigureAwait(false);
            }

            if (chunked)
            {
                request.Body = await ReadChunkedAsync(ct).ConfigureAwait(false);
            }
            else
            {
                if (!int.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out int length) || length > MaxBodyBytes)
                {
                    throw new InvalidDataException("Bad Content-Length.");
                }

                request.Body = await ReadBytesAsync(length, ct).ConfigureAwait(false);
            }

            return (request, keepAlive);
        }

        private async Task<byte[]> ReadChunkedAsync(CancellationToken ct)
        {
            using var body = new MemoryStream();
            while (true)
            {
                string line = await ReadLineAsync(ct, allowEof: false).ConfigureAwait(false) ?? "";
                int semi = line.IndexOf(';');
                string sizeText = (semi < 0 ? line : line.Substring(0, semi)).Trim();
                if (!int.TryParse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int size) || size < 0 ||
                    body.Length + size > MaxBodyBytes)
                {
                    throw new InvalidDataException("Bad chunk size.");
                }

                if (size == 0)
                {
                    // Trailers, up to the empty line.
                    while ((await ReadLineAsync(ct, allowEof: false).ConfigureAwait(false))?.Length > 0)
                    {
                    }

                    return body.ToArray();
                }

                byte[] chunk = await ReadBytesAsync(size, ct).ConfigureAwait(false);
                body.Write(chunk, 0, chunk.Length);
                await ReadLineAsync(ct, allowEof: false).ConfigureAwait(false);
            }
        }

        private async Task<bool> FillAsync(CancellationToken ct)
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length) throw new InvalidDataException("Line too long.");
            int n = await _stream.ReadAsync(_buffer, _end, _buffer.Length - _end, ct).ConfigureAwait(false);
            if (n <= 0) return false;
            _end += n;
            return true;
        }

        private async Task<string?> ReadLineAsync(CancellationToken ct, bool allowEof)
        {
            while (true)
            {
                for (int i = _start; i < _end - 1; i++)
                {
                    if (_buffer[i] == '\r' && _buffer[i + 1] == '\n')
                    {
                        string line = Encoding.UTF8.GetString(_buffer, _start, i - _start);
                        _start = i + 2;
                        return line;
                    }
                }

                if (!await FillAsync(ct).ConfigureAwait(false))
                {
                    if (allowEof && _start == _end) return null;
                    throw new IOException("The connection closed in the middle of a request.");
                }
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
