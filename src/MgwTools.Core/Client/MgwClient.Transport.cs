using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MgwTools.Core.Signing;
using MgwTools.Core.Wire;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace MgwTools.Core.Client;

public sealed partial class MgwClient
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly string s_userAgent = "MgwTools/" + typeof(MgwClient).Assembly.GetName().Version?.ToString(3);
    private static readonly Random s_random = new();
    /// <summary>The first buffer for an answer of unannounced length (chunked); the service's answers are smaller.</summary>
    private const int InitialBodyBuffer = 4096;

    /// <summary>What retries a request gets.</summary>
    internal enum RetryKind
    {
        /// <summary>GET/PUT/DELETE: network errors, timeouts, 5xx, 429 and throttling codes.</summary>
        Idempotent,
        /// <summary>POST: only answers that prove nothing was done (429, throttling codes).</summary>
        ThrottleOnly,
    }

    /// <summary>One operation's request, re-signed for each attempt.</summary>
    internal sealed class MgwCall
    {
        public MgwCall(HttpMethod method, string path, string? body = null)
        {
            Method = method;
            Path = path;
            Body = body;
            Retry = method == HttpMethod.Post ? RetryKind.ThrottleOnly : RetryKind.Idempotent;
        }

        public HttpMethod Method { get; }
        /// <summary>Unencoded path, e.g. <c>/job/my-job</c>.</summary>
        public string Path { get; }
        /// <summary>Decoded query; a null value is a sub-resource key (signed bare, sent as <c>k=</c>).</summary>
        public List<KeyValuePair<string, string?>> Query { get; } = new();
        public string? Body { get; }
        public RetryKind Retry { get; set; }

        public MgwCall With(string key, string? value)
        {
            Query.Add(new KeyValuePair<string, string?>(key, value));
            return this;
        }

        public MgwCall WithIf(bool condition, string key, string? value) => condition ? With(key, value) : this;

        /// <summary>Reads a 2xx answer into the result (<see cref="MgwResponse.Value"/>); null when the body is not read.</summary>
        public AnswerReader? Reader { get; private set; }

        /// <summary>Reads a 2xx answer with <paramref name="reader"/>, inside the attempt.</summary>
        public MgwCall Reading(AnswerReader reader)
        {
            Reader = reader;
            return this;
        }

        /// <summary>The path and query as logged and as put in messages (no secrets in either).</summary>
        public string Display => Query.Count == 0 ? Path : Path + "?" + string.Join("&", Query.Select(q => q.Value is null ? q.Key : q.Key + "=" + q.Value));
    }

    /// <summary>A fully read answer.</summary>
    internal sealed class MgwResponse
    {
        public int StatusCode { get; init; }
        public string? Reason { get; init; }
        public string Body { get; init; } = "";
        public string? RequestId { get; init; }
        public string? EcCode { get; init; }
        public TimeSpan? RetryAfter { get; init; }
        /// <summary>Parsed for non-2xx answers.</summary>
        public MgwError? Error { get; init; }
        /// <summary>What <see cref="MgwCall.Reader"/> made of a 2xx answer.</summary>
        public object? Value { get; init; }
        public bool IsSuccess => StatusCode >= 200 && StatusCode < 300;
    }

    /// <summary>One <see cref="SendAsync"/>: what the retry pipeline, built once per client, needs to know about it.</summary>
    private sealed record CallState(MgwCall Call, int MaxAttempts, CancellationToken UserToken)
    {
        /// <summary>
        /// Where the state travels in Polly's context. Here, not a static of <see cref="MgwClient"/>: a static field of a Polly
        /// value type would load Polly.Core with MgwClient's type, and validating (which calls MgwClient's statics) must not.
        /// </summary>
        public static readonly ResiliencePropertyKey<CallState> Key = new("MgwTools.Call");

        /// <summary>Attempts begun so far.</summary>
        public int Attempts;
    }

    /// <summary>
    /// Sends <paramref name="call"/> through the retry/timeout pipeline. Returns the 2xx answer; any other final
    /// outcome is an <see cref="MgwException"/>. Cancellation through <paramref name="ct"/> is an
    /// <see cref="OperationCanceledException"/>, never retried.
    /// </summary>
    internal async Task<MgwResponse> SendAsync(MgwCall call, CancellationToken ct)
    {
        var state = new CallState(call, _options.MaxRetries + 1, ct);
        ResilienceContext context = ResilienceContextPool.Shared.Get(ct);
        context.Properties.Set(CallState.Key, state);
        MgwResponse response;
        try
        {
            response = await _retries.ExecuteAsync(static (context, self) => self.AttemptWithTimeoutAsync(context), context, this).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex) when (!ct.IsCancellationRequested)
        {
            throw new MgwException(MgwServiceErrors.Timeout(call.Method.Method, call.Display, Authority, state.Attempts, _options.AttemptTimeout), ex);
        }
        catch (Exception ex) when (IsNetworkFailure(ex) && !ct.IsCancellationRequested)
        {
            throw new MgwException(MgwServiceErrors.Connection(call.Method.Method, call.Display, Authority, state.Attempts, ex), ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        if (!response.IsSuccess)
        {
            throw new MgwException(response.Error!);
        }

        return response;
    }

    // One attempt inside the retries: the pacer's wait, then the send under the per-attempt timeout.
    private async ValueTask<MgwResponse> AttemptWithTimeoutAsync(ResilienceContext context)
    {
        CallState state = context.Properties.GetValue(CallState.Key, null!);
        if (_options.Pacer is { } pacer)
        {
            await pacer.WaitAsync(context.CancellationToken).ConfigureAwait(false);
        }

        int attempt = Interlocked.Increment(ref state.Attempts);
        return await _attemptTimeout.ExecuteAsync(
            static (s, inner) => new ValueTask<MgwResponse>(s.Client.AttemptAsync(s.State.Call, s.Attempt, s.State.MaxAttempts, s.State.UserToken, inner)),
            (Client: this, State: state, Attempt: attempt),
            context.CancellationToken).ConfigureAwait(false);
    }

    // Retries outside, the per-attempt timeout inside: pacing sits between them (see MgwClientOptions.Pacer). Built once per
    // client (building one validates its options by reflection, which cost more than a request to the local service);
    // what a retry decision needs about the call travels in the context (CallState.Key).
    private ResiliencePipeline<MgwResponse> BuildRetryPipeline()
    {
        if (_options.MaxRetries == 0) return ResiliencePipeline<MgwResponse>.Empty;
        return new ResiliencePipelineBuilder<MgwResponse>()
            .AddRetry(new RetryStrategyOptions<MgwResponse>
            {
                MaxRetryAttempts = _options.MaxRetries,
                ShouldHandle = args => new ValueTask<bool>(ShouldRetry(
                    args.Context.Properties.GetValue(CallState.Key, null!).Call.Retry, args.Outcome.Result, args.Outcome.Exception, args.Context.CancellationToken)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(NextDelay(args.AttemptNumber, args.Outcome.Result?.RetryAfter)),
                OnRetry = args =>
                {
                    _options.OnRetryDelay?.Invoke(args.RetryDelay);
                    if (_options.Log is not null)
                    {
                        CallState state = args.Context.Properties.GetValue(CallState.Key, null!);
                        Log(string.Format(CultureInfo.InvariantCulture, "MGW {0} {1}: retrying in {2:0} ms (attempt {3}/{4} next)",
                            state.Call.Method.Method, state.Call.Display, args.RetryDelay.TotalMilliseconds, Volatile.Read(ref state.Attempts) + 1, state.MaxAttempts));
                    }

                    return default;
                },
            })
            .Build();
    }

    private static ResiliencePipeline<MgwResponse> BuildTimeoutPipeline(TimeSpan attemptTimeout) =>
        new ResiliencePipelineBuilder<MgwResponse>()
            .AddTimeout(new TimeoutStrategyOptions { Timeout = attemptTimeout })
            .Build();

    private static bool ShouldRetry(RetryKind kind, MgwResponse? result, Exception? exception, CancellationToken ct)
    {
        if (ct.IsCancellationRequested) return false;
        if (exception is not null)
        {
            return kind == RetryKind.Idempotent && (exception is TimeoutRejectedException || IsNetworkFailure(exception));
        }

        if (result is null || result.IsSuccess || result.Error is null) return false;
        MgwErrorKind errorKind = result.Error.Kind;
        if (errorKind == MgwErrorKind.Throttled) return true;
        return kind == RetryKind.Idempotent && MgwErrorKinds.MayHaveBeenDone(errorKind);
    }

    private static bool IsNetworkFailure(Exception ex) =>
        ex is HttpRequestException || ex is IOException || ex is System.Net.Sockets.SocketException;

    /// <summary>
    /// The wait before retry <paramref name="retryIndex"/> (0-based): equal jitter over min(MaxDelay, BaseDelay·2ⁿ),
    /// i.e. within [cap/2, cap]; a <c>Retry-After</c> raises it to at least that long; MaxDelay caps everything.
    /// </summary>
    internal TimeSpan NextDelay(int retryIndex, TimeSpan? retryAfter)
    {
        double cap = Math.Min(_options.MaxDelay.TotalMilliseconds, _options.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retryIndex, 30)));
        double jitter;
        if (_options.Jitter is { } source)
        {
            jitter = source();
        }
        else
        {
            lock (s_random) jitter = s_random.NextDouble();
        }

        double ms = cap / 2 + (jitter * cap / 2);
        if (retryAfter is { } after && after.TotalMilliseconds > ms) ms = after.TotalMilliseconds;
        ms = Math.Min(ms, _options.MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(Math.Max(0, ms));
    }

    private async Task<MgwResponse> AttemptAsync(MgwCall call, int attempt, int maxAttempts, CancellationToken userToken, CancellationToken token)
    {
        long started = Stopwatch.GetTimestamp();
        try
        {
            using HttpRequestMessage request = BuildRequest(call);
            // Headers first, then the body read by hand: bounded in size, and inside this attempt's time.
            using HttpResponseMessage answer = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            int status = (int)answer.StatusCode;
            string? requestId = Header(answer, "x-oss-request-id");
            string? ec = Header(answer, "x-oss-ec-code");
            byte[] bytes = await ReadBodyAsync(answer, call, status, requestId, token).ConfigureAwait(false);
            string body = s_utf8.GetString(bytes).TrimStart('\uFEFF');
            bool success = status >= 200 && status < 300;
            var response = new MgwResponse
            {
                StatusCode = status,
                Reason = answer.ReasonPhrase,
                Body = body,
                RequestId = requestId,
                EcCode = ec,
                RetryAfter = RetryAfterOf(answer),
                Error = success ? null : MgwServiceErrors.Parse(status, answer.ReasonPhrase, body, requestId, ec, _endpoint.Host, _options.MaxResponseBytes, token),
                Value = success && call.Reader is not null ? ReadAnswer(call, status, requestId, body, token) : null,
            };
            LogAttempt(call, status, response.Error?.Code, response.Error?.RequestId ?? requestId, attempt, maxAttempts, started);
            return response;
        }
        catch (OperationCanceledException) when (!userToken.IsCancellationRequested)
        {
            LogAttempt(call, null, MgwErrorCodes.RequestTimeout, null, attempt, maxAttempts, started);
            throw;
        }
        catch (OperationCanceledException)
        {
            LogAttempt(call, null, "cancelled", null, attempt, maxAttempts, started);
            throw;
        }
        catch (MgwException ex)
        {
            LogAttempt(call, null, ex.Error.Code, ex.Error.RequestId, attempt, maxAttempts, started);
            throw;
        }
        catch (Exception ex) when (IsNetworkFailure(ex))
        {
            LogAttempt(call, null, MgwErrorCodes.ConnectionFailed, null, attempt, maxAttempts, started);
            throw;
        }
    }

    // "MGW GET /job/x -> 200 (request <id>; attempt 1/4; 21 ms)", or with the error code after the status (or alone);
    // built only when someone reads the log.
    private void LogAttempt(MgwCall call, int? status, string? code, string? requestId, int attempt, int maxAttempts, long started)
    {
        if (_options.Log is not { } log) return;
        string outcome = status is int s
            ? (code is null ? s.ToString(CultureInfo.InvariantCulture) : s.ToString(CultureInfo.InvariantCulture) + " " + code)
            : code ?? "-";
        log(string.Format(CultureInfo.InvariantCulture, "MGW {0} {1} -> {2} (request {3}; attempt {4}/{5}; {6} ms)",
            call.Method.Method, call.Display, outcome, requestId ?? "-", attempt, maxAttempts,
            (Stopwatch.GetTimestamp() - started) * 1000 / Stopwatch.Frequency));
    }

    /// <summary>
    /// Reads the body as it streams in, never more than <see cref="MgwClientOptions.MaxResponseBytes"/>, honouring
    /// <paramref name="token"/> between chunks (and by closing the answer when it fires, for streams that ignore it).
    /// </summary>
    private async Task<byte[]> ReadBodyAsync(HttpResponseMessage answer, MgwCall call, int status, string? requestId, CancellationToken token)
    {
        long cap = _options.MaxResponseBytes;
        if (answer.Content is null) return Array.Empty<byte>();
        long? declared = answer.Content.Headers.ContentLength;
        if (declared > cap)
        {
            throw TooLarge(call, status, requestId, declared);
        }

        try
        {
            using (token.Register(static state => ((HttpResponseMessage)state!).Dispose(), answer))
            using (Stream stream = await answer.Content.ReadAsStreamAsync().ConfigureAwait(false))
            {
                // Read straight into the answer's own size when it is announced (the service always does, and the content
                // stream ends there); otherwise into a buffer that doubles as the chunks come, up to the cap.
                byte[] buffer = new byte[declared is long length ? (int)length : InitialBodyBuffer];
                int filled = 0;
                while (true)
                {
                    if (filled == buffer.Length)
                    {
                        if (declared is not null) return buffer;
                        if (filled >= cap)
                        {
                            // Full at the cap: one byte more is too much.
                            if (await stream.ReadAsync(new byte[1], 0, 1, token).ConfigureAwait(false) > 0) throw TooLarge(call, status, requestId, null);
                            return buffer;
                        }

                        Array.Resize(ref buffer, (int)Math.Min(cap, (long)buffer.Length * 2));
                    }

                    int read = await stream.ReadAsync(buffer, filled, buffer.Length - filled, token).ConfigureAwait(false);
                    if (read == 0)
                    {
                        if (filled < buffer.Length) Array.Resize(ref buffer, filled);
                        return buffer;
                    }

                    filled += read;
                }
            }
        }
        catch (Exception ex) when (token.IsCancellationRequested && ex is not OperationCanceledException && ex is not MgwException)
        {
            // The answer was closed under the read by the cancellation: report the cancellation, not the symptom.
            throw new OperationCanceledException(token);
        }
    }

    private MgwException TooLarge(MgwCall call, int status, string? requestId, long? declared) => new(new MgwError
    {
        Code = MgwErrorCodes.InvalidResponse,
        Message = string.Format(CultureInfo.InvariantCulture,
            "The answer to {0} {1} is larger than the {2} limit on an answer's size{3}, so it was not read. The service's answers are " +
            "far smaller: something else may be answering at '{4}'. (The limit is MgwClientOptions.MaxResponseBytes.)",
            call.Method.Method, call.Display, Size(_options.MaxResponseBytes),
            declared is long d ? " (it announced " + Size(d) + ")" : "", Authority),
        StatusCode = status,
        RequestId = requestId,
        HostId = _endpoint.Host,
    });

    private static string Size(long bytes) =>
        bytes % (1024 * 1024) == 0
            ? (bytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + " MiB"
            : bytes % 1024 == 0
                ? (bytes / 1024).ToString(CultureInfo.InvariantCulture) + " KiB"
                : bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes";

    // Parses a 2xx body inside the attempt. Only a body that is not XML, or lacks the expected root, fails the call:
    // the readers keep whatever they cannot type.
    private object ReadAnswer(MgwCall call, int status, string? requestId, string body, CancellationToken token)
    {
        try
        {
            return call.Reader!.Read(body, _options.MaxResponseBytes, token);
        }
        catch (FormatException ex)
        {
            throw new MgwException(new MgwError
            {
                Code = MgwErrorCodes.InvalidResponse,
                Message = $"The answer to {call.Method.Method} {call.Display} could not be read: {ex.Message.TrimEnd()}",
                StatusCode = status,
                RequestId = requestId,
                HostId = _endpoint.Host,
            }, ex);
        }
    }

    /// <summary>A new, freshly dated and signed request for one attempt.</summary>
    private HttpRequestMessage BuildRequest(MgwCall call)
    {
        MgwCredentials credentials = _options.Credentials!;
        DateTimeOffset now = _clock();
        string date = OssV4Signer.FormatDate(now);
        var signed = new List<KeyValuePair<string, string>>
        {
            new("x-oss-content-sha256", OssV4Signer.UnsignedPayload),
            new("x-oss-date", date),
        };
        if (credentials.SecurityToken is { } token)
        {
            signed.Add(new("x-oss-security-token", token));
        }

        Uri uri = BuildUri(_authorityPrefix, call);
        var request = new HttpRequestMessage(call.Method, uri);
        if (call.Body is not null)
        {
            byte[] bytes = s_utf8.GetBytes(call.Body);
            byte[] md5;
            using (var hash = MD5.Create()) md5 = hash.ComputeHash(bytes);
            var content = new ByteArrayContent(bytes);
            // Exactly what is signed: no charset parameter (mgw-api.md §10).
            content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
            content.Headers.ContentMD5 = md5;
            request.Content = content;
            signed.Add(new("content-md5", Convert.ToBase64String(md5)));
            signed.Add(new("content-type", "application/xml"));
        }

        string authorization = OssV4Signer.Sign(call.Method.Method, call.Path, call.Query, signed,
            credentials.AccessKeyId, credentials.AccessKeySecret, _options.Region, date);
        foreach (var header in signed)
        {
            OssV4Signer.CheckHeaderValue(header.Key, HeaderMeaning(header.Key), header.Value);
            if (header.Key.StartsWith("x-oss-", StringComparison.Ordinal)) request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        OssV4Signer.CheckHeaderValue("Authorization", "the Authorization value", authorization);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        request.Headers.Date = now; // the same instant as x-oss-date, as the SDK sends them
        request.Headers.TryAddWithoutValidation("User-Agent", s_userAgent);
        return request;
    }

    private static string HeaderMeaning(string header) => header switch
    {
        "x-oss-security-token" => "the STS security token",
        _ => "the " + header + " value",
    };

    /// <summary>
    /// The request URI: the endpoint, the encoded path, the query. Refused when the URI would not carry the path as
    /// it was signed (an HTTP stack normalises dot segments and some escapes): the service would answer
    /// <c>SignatureDoesNotMatch</c>, which reads as a credentials failure and would stop a whole bulk run.
    /// </summary>
    internal static Uri BuildUri(string authorityPrefix, MgwCall call)
    {
        string path = OssV4Signer.EncodePath(call.Path);
        var sb = new StringBuilder(authorityPrefix);
        sb.Append(path);
        for (int i = 0; i < call.Query.Count; i++)
        {
            sb.Append(i == 0 ? '?' : '&');
            sb.Append(OssV4Signer.PercentEncode(call.Query[i].Key)).Append('=');
            if (call.Query[i].Value is { Length: > 0 } value) sb.Append(OssV4Signer.PercentEncode(value));
        }

        var uri = new Uri(sb.ToString());
        if (!string.Equals(uri.AbsolutePath, path, StringComparison.Ordinal))
        {
            throw new MgwException(new MgwError
            {
                Code = MgwErrorCodes.InvalidName,
                Field = "Name",
                Value = call.Path,
                Message = $"The request path '{call.Path}' would be sent as '{Uri.UnescapeDataString(uri.AbsolutePath)}', not as it is signed; nothing was sent. Check the name in it.",
            });
        }

        return uri;
    }

    private static string? Header(HttpResponseMessage answer, string name) =>
        answer.Headers.TryGetValues(name, out IEnumerable<string>? values) ? values.FirstOrDefault() : null;

    private static TimeSpan? RetryAfterOf(HttpResponseMessage answer)
    {
        RetryConditionHeaderValue? retryAfter = answer.Headers.RetryAfter;
        if (retryAfter is null) return null;
        if (retryAfter.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (retryAfter.Date is { } date)
        {
            TimeSpan wait = date - DateTimeOffset.UtcNow;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private void Log(string line) => _options.Log?.Invoke(line);
}
