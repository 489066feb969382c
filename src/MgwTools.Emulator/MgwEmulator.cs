using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;

namespace MgwTools.Emulator;

/// <summary>
/// A local, in-process stand-in for the hcs-mgw service (design §9): HTTP on 127.0.0.1 only, OSS V4 signatures
/// and <c>x-oss-date</c> skew verified, the Host's account checked, the job and address operations of
/// mgw-api.md §1 served with the service's rules, codes and statuses (see <see cref="ServiceErrors"/>), started
/// jobs moved through the <c>IMPORT_JOB_*</c> states on <see cref="Clock"/>, and faults injected reproducibly.
/// </summary>
public sealed partial class MgwEmulator : IDisposable
{
    private readonly MgwEmulatorOptions _options;
    private readonly EmulatorStore _store;
    private readonly StatsCounters _stats = new();
    private readonly RequestAuthenticator _auth;
    private readonly object _keysLock = new();
    private Dictionary<string, EmulatorAccessKey> _keys;
    private volatile FaultPlan _faults;
    private LoopbackHttpServer? _server;

    /// <summary>Creates an emulator; <see cref="Start()"/> opens the port.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public MgwEmulator(MgwEmulatorOptions? options = null)
    {
        _options = options ?? new MgwEmulatorOptions();
        Validate(_options);
        Clock = _options.Clock ?? EmulatorClock.System();
        _options.Faults.Validate();
        _faults = new FaultPlan(_options.Faults);
        IList<EmulatorAccessKey> keys = _options.AccessKeys is { Count: > 0 } given ? given : new[] { GenerateKey() };
        _keys = keys.ToDictionary(k => k.AccessKeyId, StringComparer.Ordinal);
        AccessKeys = keys.ToList();
        _store = new EmulatorStore(_options, Clock);
        _auth = new RequestAuthenticator(() => _keys, _options.AccountId, _options.Region, _options.AllowedClockSkew, Clock);
    }

    /// <summary>Creates and starts an emulator.</summary>
    /// <exception cref="MgwException"><c>EmulatorPortInUse</c> or <c>EmulatorStartFailed</c>.</exception>
    public static MgwEmulator StartNew(MgwEmulatorOptions? options = null)
    {
        var emulator = new MgwEmulator(options);
        try
        {
            emulator.Start();
            return emulator;
        }
        catch
        {
            emulator.Dispose();
            throw;
        }
    }

    /// <summary>The base address, <c>http://127.0.0.1:&lt;port&gt;/</c> (valid once started).</summary>
    public Uri Endpoint => new(string.Format(CultureInfo.InvariantCulture, "http://127.0.0.1:{0}/", Port));

    /// <summary>The TCP port (0 until started).</summary>
    public int Port { get; private set; }

    /// <summary>True between <see cref="Start()"/> and <see cref="Stop"/>.</summary>
    public bool IsRunning => _server is not null;

    /// <summary>The account the emulator serves.</summary>
    public string AccountId => _options.AccountId;

    /// <summary>The region the emulator serves.</summary>
    public string Region => _options.Region;

    /// <summary>The first accepted AccessKey ID.</summary>
    public string AccessKeyId => AccessKeys[0].AccessKeyId;

    /// <summary>The secret of <see cref="AccessKeyId"/>: a test credential made for this instance; never print it.</summary>
    public string AccessKeySecret => AccessKeys[0].AccessKeySecret;

    /// <summary>The STS token of <see cref="AccessKeyId"/>, if it has one.</summary>
    public string? SecurityToken => AccessKeys[0].SecurityToken;

    /// <summary>Every accepted key pair.</summary>
    public IReadOnlyList<EmulatorAccessKey> AccessKeys { get; private set; }

    /// <summary>The clock behind job states, timestamps and the skew check.</summary>
    public EmulatorClock Clock { get; }

    /// <summary>The options the emulator was made with.</summary>
    public MgwEmulatorOptions Options => _options;

    /// <summary>Number of jobs held.</summary>
    public int JobCount => _store.JobCount;

    /// <summary>The jobs, brought up to the clock.</summary>
    public IReadOnlyList<EmulatorJob> Jobs => _store.SnapshotJobs();

    /// <summary>The data addresses.</summary>
    public IReadOnlyList<EmulatorAddress> Addresses => _store.SnapshotAddresses();

    /// <summary>Open connections, requests being handled and requests waiting for a slot now (zeros when stopped).</summary>
    internal (int Open, int Active, int Waiting) Connections =>
        _server is { } server ? (server.OpenConnections, server.ActiveRequests, server.WaitingRequests) : (0, 0, 0);

    /// <summary>Connections waiting for their next request now (zero when stopped).</summary>
    internal int IdleConnections => _server?.IdleConnections ?? 0;

    /// <summary>Counters of requests, faults, answers and jobs created.</summary>
    public EmulatorStats Stats => _stats.Snapshot();

    /// <summary>Fault injection in force; setting it restarts the generators from its seed.</summary>
    public EmulatorFaultOptions Faults
    {
        get => _faults.Options;
        set
        {
            EmulatorFaultOptions options = value ?? EmulatorFaultOptions.None;
            options.Validate();
            _faults = new FaultPlan(options);
        }
    }

    /// <summary>Opens 127.0.0.1:<see cref="MgwEmulatorOptions.Port"/> (0 = a free port) and starts serving.</summary>
    /// <exception cref="MgwException"><c>EmulatorPortInUse</c> when the port is taken, <c>EmulatorStartFailed</c> otherwise.</exception>
    public void Start()
    {
        if (_server is not null) return;
        var limits = new LoopbackServerLimits
        {
            MaxBodyBytes = _options.MaxRequestBodyBytes,
            HeaderTimeout = _options.RequestHeaderTimeout,
            BodyTimeout = _options.RequestBodyTimeout,
            IdleTimeout = _options.IdleTimeout,
            MaxConnections = _options.MaxConnections,
            MaxConcurrentRequests = _options.MaxConcurrentRequests,
        };
        var server = new LoopbackHttpServer(HandleAsync, Refusal, limits);
        try
        {
            server.Start(_options.Port);
        }
        catch (SocketException ex)
        {
            server.Dispose();
            bool inUse = ex.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied;
            throw new MgwException(new MgwError
            {
                Code = inUse ? MgwErrorCodes.EmulatorPortInUse : MgwErrorCodes.EmulatorStartFailed,
                Message = inUse
                    ? $"Port {_options.Port} on 127.0.0.1 is already in use. Choose another port, or 0 for any free port."
                    : $"The local service could not listen on 127.0.0.1:{_options.Port}: {ex.Message}",
                Field = "Port",
                Value = _options.Port,
            }, ex);
        }

        _server = server;
        Port = server.Port;
    }

    /// <summary>Stops serving and frees the port; the state stays readable.</summary>
    public void Stop()
    {
        LoopbackHttpServer? server = Interlocked.Exchange(ref _server, null);
        server?.Dispose();
    }

    /// <inheritdoc />
    public void Dispose() => Stop();

    /// <summary>The RAM role of the OSS addresses <see cref="AddAddress"/> creates.</summary>
    public const string DefaultRole = "AliyunMGWImportRole";

    /// <summary>
    /// Creates an OSS data address without a request (for test set-up), with the service's rules: bucket
    /// <paramref name="bucket"/> (the name by default) in <paramref name="regionId"/> (<c>oss-</c> and the service's region
    /// by default), reached with the role <see cref="DefaultRole"/>.
    /// </summary>
    /// <exception cref="MgwException"><c>InvalidArgument</c>, <c>ImportAddressAlreadyExist</c> or <c>ImportAddressNumExceed</c>.</exception>
    public void AddAddress(string name, string addressType = "oss", string? bucket = null, string? prefix = null, string? regionId = null)
    {
        var detail = new XElement("AddressDetail", new XElement("AddressType", addressType));
        detail.Add(new XElement("Bucket", bucket ?? name));
        if (prefix is not null) detail.Add(new XElement("Prefix", prefix));
        detail.Add(new XElement("RegionId", regionId ?? "oss-" + Region));
        detail.Add(new XElement("Role", DefaultRole));
        try
        {
            _store.CreateAddress(new XElement("ImportAddress", new XElement("Name", name ?? ""), detail));
        }
        catch (ServiceException ex)
        {
            throw new MgwException(new MgwError { Code = ex.Code, Message = ex.Message, StatusCode = ex.StatusCode, Field = "Address", Value = name });
        }
    }

    /// <summary>
    /// What every later VerifyAddress of address <paramref name="name"/> answers (the address need not exist yet):
    /// <see cref="EmulatorVerifyResult.Available"/>, or <see cref="EmulatorVerifyResult.Failure"/> with a code and message.
    /// Null makes it available again.
    /// </summary>
    public void SetVerifyResult(string name, EmulatorVerifyResult? result)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("Give the address name.", nameof(name));
        _store.SetVerifyResult(name, result);
    }

    /// <summary>Accepts another key pair from now on (e.g. an STS one).</summary>
    public void AddAccessKey(EmulatorAccessKey key)
    {
        if (key is null) throw new ArgumentNullException(nameof(key));
        lock (_keysLock)
        {
            _keys = new Dictionary<string, EmulatorAccessKey>(_keys, StringComparer.Ordinal) { [key.AccessKeyId] = key };
            AccessKeys = AccessKeys.Concat(new[] { key }).ToList();
        }
    }

    /// <summary>Makes <paramref name="rate"/> (0 to 1) of the files of runs from <paramref name="sourceAddress"/> fail (overrides <see cref="MgwEmulatorOptions.FailureRate"/>); a run already going keeps its figures.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is not between 0 and 1.</exception>
    public void SetFailureRate(string sourceAddress, double rate)
    {
        if (double.IsNaN(rate) || rate is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(rate), rate, "A failure rate is between 0 and 1.");
        _options.AddressFailureRates[sourceAddress ?? throw new ArgumentNullException(nameof(sourceAddress))] = rate;
    }

    /// <summary>Makes the next <paramref name="count"/> requests fail with <paramref name="fault"/> (before any random fault);
    /// a queued <see cref="EmulatorFault.CommitThenDrop"/> waits for the next CreateJob.</summary>
    public void FailNext(EmulatorFault fault, int count = 1) => _faults.Enqueue(fault, count);

    /// <summary>Forgets every job, address, agent, tunnel, report and counter, and restarts the fault generators from their seed.</summary>
    public void Reset()
    {
        _store.Clear();
        _stats.Clear();
        _faults = new FaultPlan(_faults.Options);
    }

    // ---- request handling ------------------------------------------------------------------------

    private async Task<HttpResponseData> HandleAsync(HttpRequestData request, CancellationToken ct)
    {
        long received = Stopwatch.GetTimestamp();
        _stats.Request();
        string requestId = NewRequestId();
        string host = request.Header("Host") ?? Endpoint.Authority;
        FaultPlan plan = _faults;
        bool isCreateJob = request.Method == "POST" && request.RawPath == "/job";
        EmulatorFault? fault = plan.Next(isCreateJob);
        TimeSpan latency = plan.NextLatency();
        // Counted from the request's arrival, on a clock finer than Task.Delay's (LatencyTimer).
        if (latency > TimeSpan.Zero) await LatencyTimer.WaitUntilAsync(received + LatencyTimer.Ticks(latency), ct).ConfigureAwait(false);

        HttpResponseData response;
        switch (fault)
        {
            case EmulatorFault.Drop:
                _stats.Fault(EmulatorFault.Drop);
                return HttpResponseData.Dropped();
            case EmulatorFault.ServerError:
                _stats.Fault(EmulatorFault.ServerError);
                response = Error(new ServiceException(ServiceErrors.InternalError, "We encountered an internal error. Please try again."), requestId, host);
                break;
            case EmulatorFault.ServiceUnavailable:
            case EmulatorFault.RetryAfter:
                _stats.Fault(fault.Value);
                response = Error(new ServiceException(ServiceErrors.ServiceUnavailable, "The service is temporarily unavailable. Please try again."), requestId, host);
                if (fault == EmulatorFault.RetryAfter)
                {
                    response.Headers.Add(new("Retry-After", plan.Options.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture)));
                }

                break;
            default:
                try
                {
                    response = Dispatch(request, requestId);
                }
                catch (ServiceException ex)
                {
                    response = Error(ex, requestId, host);
                }

                if (fault == EmulatorFault.CommitThenDrop)
                {
                    _stats.Fault(EmulatorFault.CommitThenDrop);
                    return HttpResponseData.Dropped();
                }

                break;
        }

        response.Headers.Add(new("x-oss-request-id", requestId));
        _stats.Response(response.StatusCode, response.ErrorCode);
        return response;
    }

    /// <summary>The answer to a request the HTTP layer refused (too large, too slow, malformed, over the connection cap).</summary>
    private HttpResponseData Refusal(int status, string code, string message)
    {
        _stats.Request();
        string requestId = NewRequestId();
        var response = new HttpResponseData
        {
            StatusCode = status,
            ErrorCode = code,
            Body = ResponseXml.Document(ResponseXml.Error(code, message, requestId, Endpoint.Authority, null)),
            Headers = { new("Content-Type", "application/xml"), new("x-oss-request-id", requestId) },
        };
        _stats.Response(status, code);
        return response;
    }

    private HttpResponseData Dispatch(HttpRequestData request, string requestId)
    {
        _auth.CheckHost(request.Header("Host"));
        string path = DecodePath(request.RawPath);
        List<KeyValuePair<string, string?>> query = ParseQuery(request.RawQuery);
        _auth.CheckSignature(request, path, query);
        RequestAuthenticator.CheckContentMd5(request);

        string[] segments = path.Split('/');
        string first = segments.Length > 1 ? segments[1] : "";
        string? name = segments.Length == 3 && segments[2].Length > 0 ? segments[2] : null;
        bool single = segments.Length == 2;
        string method = request.Method;

        if (DispatchAgents(request, first, name, single, method, query) is { } agentAnswer) return agentAnswer;
        switch (first)
        {
            case "job" when single && method == "POST":
                _store.CreateJob(Body(request, "ImportJob"));
                _stats.JobCreated();
                return Ok();
            case "job" when name is not null && method == "GET" && Has(query, "jobResult"):
                var result = _store.GetJobResult(name, RequiredInt(query, "runtimeId"));
                return Xml(ResponseXml.JobResult(result.Job, result.Run, result.Progress, _store.Inventory));
            case "job" when name is not null && method == "GET":
                return Xml(ResponseXml.Job(_store.GetJob(name, IsTrue(query, "byVersion"))));
            case "job" when name is not null && method == "PUT":
                _store.UpdateJob(name, Body(request, "ImportJob"));
                return Ok();
            case "job" when name is not null && method == "DELETE":
                _store.DeleteJob(name, IsTrue(query, "forceDelete"));
                return NoContent();
            case "joblist" when single && method == "GET":
                var jobs = _store.ListJobs(Value(query, "marker"), Count(query, allowZero: false), Value(query, "parentName"), IsTrue(query, "all"));
                return Xml(ResponseXml.JobList(jobs.Page, jobs.NextMarker));
            case "jobhistory" when name is not null && method == "GET":
                int? runtimeId = Value(query, "runtimeId") is null ? null : RequiredInt(query, "runtimeId");
                var history = _store.ListJobHistory(name, Value(query, "marker"), Count(query, allowZero: true), runtimeId);
                return Xml(ResponseXml.History(history.Job, history.Page, history.NextMarker));
            case "report" when single && method == "POST":
                _store.CreateReport(Body(request, "CreateReport"));
                return Ok();
            case "report" when single && method == "GET":
                string version = Value(query, "version") ?? throw new ServiceException(ServiceErrors.InvalidArgument, "The query parameter 'version' is required.");
                int? reportRun = Value(query, "runtimeId") is null ? null : RequiredInt(query, "runtimeId");
                var report = _store.GetReport(version, reportRun);
                return Xml(ResponseXml.Report(report.Job, report.Run, report.Progress, report.Report, report.ReadyAt, Clock.UtcNow));
            case "address" when single && method == "POST":
                _store.CreateAddress(Body(request, "ImportAddress"));
                return Ok();
            case "address" when name is not null && method == "GET" && Has(query, "verify"):
                return Xml(ResponseXml.Verify(_store.VerifyAddress(name)));
            case "address" when name is not null && method == "GET":
                return Xml(ResponseXml.Address(_store.GetAddress(name)));
            case "address" when name is not null && method == "PUT":
                _store.UpdateAddress(name, Body(request, "ImportAddress"));
                return Ok();
            case "address" when name is not null && method == "DELETE":
                _store.DeleteAddress(name);
                return NoContent();
            case "addresslist" when single && method == "GET":
                var addresses = _store.ListAddresses(Value(query, "marker"), Count(query, allowZero: false));
                return Xml(ResponseXml.AddressList(addresses.Page, addresses.NextMarker));
            default:
                throw new ServiceException(ServiceErrors.MethodNotAllowed, $"The specified method is not allowed against this resource: {method} {path}.");
        }
    }

    private static HttpResponseData Ok() => new() { StatusCode = 200 };

    private static HttpResponseData NoContent() => new() { StatusCode = 204 };

    private static HttpResponseData Xml(XElement root) =>
        new() { StatusCode = 200, Body = ResponseXml.Document(root), Headers = { new("Content-Type", "application/xml") } };

    private static HttpResponseData Error(ServiceException ex, string requestId, string host) =>
        new()
        {
            StatusCode = ex.StatusCode,
            ErrorCode = ex.Code,
            Body = ResponseXml.Document(ResponseXml.Error(ex.Code, ex.Message, requestId, host, ex.Ec)),
            Headers = { new("Content-Type", "application/xml") },
        };

    private XElement Body(HttpRequestData request, string root)
    {
        if (request.Body.Length == 0)
        {
            throw new ServiceException(ServiceErrors.MalformedXml, $"The request body is empty; expected <{root}>.");
        }

        XElement element = BoundedXml.Load(request.Body, _options.MaxXmlDepth, _options.MaxRequestBodyBytes);
        if (element.Name.LocalName != root)
        {
            throw new ServiceException(ServiceErrors.MalformedXml,
                $"The XML root element must be <{root}>, not <{element.Name.LocalName}>.");
        }

        return element;
    }

    private static string DecodePath(string rawPath)
    {
        string path = rawPath.Length == 0 ? "/" : rawPath;
        return string.Join("/", path.Split('/').Select(Uri.UnescapeDataString));
    }

    /// <summary>Decoded query pairs in order; <c>k</c> and <c>k=</c> both give an empty value (a bare key when signing).</summary>
    private static List<KeyValuePair<string, string?>> ParseQuery(string rawQuery)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        foreach (string part in rawQuery.Split('&'))
        {
            if (part.Length == 0) continue;
            int eq = part.IndexOf('=');
            string key = Decode(eq < 0 ? part : part.Substring(0, eq));
            string value = eq < 0 ? "" : Decode(part.Substring(eq + 1));
            pairs.Add(new KeyValuePair<string, string?>(key, value));
        }

        return pairs;

        static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
    }

    private static bool Has(List<KeyValuePair<string, string?>> query, string key) => query.Any(p => p.Key == key);

    private static string? Value(List<KeyValuePair<string, string?>> query, string key)
    {
        foreach (var pair in query)
        {
            if (pair.Key == key) return string.IsNullOrEmpty(pair.Value) ? null : pair.Value;
        }

        return null;
    }

    private static bool IsTrue(List<KeyValuePair<string, string?>> query, string key) =>
        string.Equals(Value(query, key), "true", StringComparison.OrdinalIgnoreCase);

    private static int RequiredInt(List<KeyValuePair<string, string?>> query, string key)
    {
        string? text = Value(query, key) ?? throw new ServiceException(ServiceErrors.InvalidArgument, $"The query parameter '{key}' is required.");
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
        {
            throw new ServiceException(ServiceErrors.InvalidArgument, $"The query parameter '{key}' must be an integer, not '{text}'.");
        }

        return value;
    }

    /// <summary>
    /// <c>count</c>: 1..1000 (0 allowed where the API says so, meaning the default), default 1000; then cut to
    /// <see cref="MgwEmulatorOptions.MaxPageSize"/>.
    /// </summary>
    private int Count(List<KeyValuePair<string, string?>> query, bool allowZero)
    {
        int count = 1000;
        if (Value(query, "count") is not null)
        {
            count = RequiredInt(query, "count");
            if (count == 0 && allowZero) count = 1000;
            if (count < 1 || count > 1000)
            {
                throw new ServiceException(ServiceErrors.InvalidArgument, $"The query parameter 'count' must be between 1 and 1000, not {count}.");
            }
        }

        return Math.Min(count, _options.MaxPageSize);
    }

    private static string NewRequestId()
    {
        var bytes = new byte[12];
        using (var rng = RandomNumberGenerator.Create()) rng.GetBytes(bytes);
        return string.Concat(bytes.Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));
    }

    private static EmulatorAccessKey GenerateKey() => new("LTAI" + RandomText(20), RandomText(30));

    private static string RandomText(int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var bytes = new byte[length];
        using (var rng = RandomNumberGenerator.Create()) rng.GetBytes(bytes);
        return new string(bytes.Select(b => alphabet[b % alphabet.Length]).ToArray());
    }

    private static void Validate(MgwEmulatorOptions o)
    {
        if (o.Port is < 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(o.Port), o.Port, "The port must be between 0 and 65535.");
        if (string.IsNullOrWhiteSpace(o.AccountId) || !o.AccountId.All(char.IsDigit))
        {
            throw new ArgumentException($"The account id '{o.AccountId}' must be digits (an Alibaba Cloud UID).", nameof(o.AccountId));
        }

        if (string.IsNullOrWhiteSpace(o.Region) || o.Region.Any(c => !(char.IsLetterOrDigit(c) || c == '-')))
        {
            throw new ArgumentException($"The region '{o.Region}' is not a region id (e.g. cn-hangzhou).", nameof(o.Region));
        }

        if (o.MaxJobs < 0) throw new ArgumentOutOfRangeException(nameof(o.MaxJobs), o.MaxJobs, "MaxJobs cannot be negative.");
        if (o.MaxAddresses < 0) throw new ArgumentOutOfRangeException(nameof(o.MaxAddresses), o.MaxAddresses, "MaxAddresses cannot be negative.");
        if (o.MaxAgents < 0) throw new ArgumentOutOfRangeException(nameof(o.MaxAgents), o.MaxAgents, "MaxAgents cannot be negative.");
        if (o.MaxTunnels < 0) throw new ArgumentOutOfRangeException(nameof(o.MaxTunnels), o.MaxTunnels, "MaxTunnels cannot be negative.");
        if (o.MaxDepth < 0) throw new ArgumentOutOfRangeException(nameof(o.MaxDepth), o.MaxDepth, "MaxDepth cannot be negative.");
        if (o.AllowedClockSkew < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(o.AllowedClockSkew), o.AllowedClockSkew, "The skew cannot be negative.");
        if (o.MaxPageSize is < 1 or > 1000) throw new ArgumentOutOfRangeException(nameof(o.MaxPageSize), o.MaxPageSize, "MaxPageSize must be between 1 and 1000.");
        if (double.IsNaN(o.FailureRate) || o.FailureRate is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(o.FailureRate), o.FailureRate, "FailureRate must be between 0 and 1.");
        }

        foreach (var (name, value) in new[]
                 {
                     (nameof(o.LaunchingDuration), o.LaunchingDuration), (nameof(o.PreparingDuration), o.PreparingDuration),
                     (nameof(o.DoingDuration), o.DoingDuration), (nameof(o.ClosingDuration), o.ClosingDuration),
                     (nameof(o.ReportDuration), o.ReportDuration), (nameof(o.DeletingDuration), o.DeletingDuration),
                 })
        {
            if (value < TimeSpan.Zero) throw new ArgumentOutOfRangeException(name, value, $"{name} cannot be negative.");
        }

        if (o.MaxRequestBodyBytes < 1) throw new ArgumentOutOfRangeException(nameof(o.MaxRequestBodyBytes), o.MaxRequestBodyBytes, "MaxRequestBodyBytes must be at least 1.");
        if (o.MaxConnections < 1) throw new ArgumentOutOfRangeException(nameof(o.MaxConnections), o.MaxConnections, "MaxConnections must be at least 1.");
        if (o.MaxConcurrentRequests < 1) throw new ArgumentOutOfRangeException(nameof(o.MaxConcurrentRequests), o.MaxConcurrentRequests, "MaxConcurrentRequests must be at least 1.");
        if (o.MaxXmlDepth < 1) throw new ArgumentOutOfRangeException(nameof(o.MaxXmlDepth), o.MaxXmlDepth, "MaxXmlDepth must be at least 1.");
        foreach (var (name, value) in new[]
                 {
                     (nameof(o.RequestHeaderTimeout), o.RequestHeaderTimeout), (nameof(o.RequestBodyTimeout), o.RequestBodyTimeout),
                     (nameof(o.IdleTimeout), o.IdleTimeout),
                 })
        {
            if (value <= TimeSpan.Zero || value.TotalMilliseconds > int.MaxValue)
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be greater than zero and less than 24 days.");
            }
        }
    }
}
