using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using System.Xml.Linq;
using MgwTools.Core.Specs;

namespace MgwTools.Core.Client;

/// <summary>
/// The hcs-mgw 2024-06-26 API for jobs and data addresses (mgw-api.md §1): one async method per operation,
/// OSS V4 signed, XML bodies with Content-MD5, errors as <see cref="MgwException"/>, retries with jittered
/// exponential backoff (never a blind repeat of a POST). Thread-safe; one instance per account/region.
/// </summary>
public sealed partial class MgwClient : IDisposable
{
    private readonly MgwClientOptions _options;
    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly string _authorityPrefix;
    private readonly Func<DateTimeOffset> _clock;
    private readonly Polly.ResiliencePipeline<MgwResponse> _attemptTimeout;

    /// <summary>Creates a client; the options are read now (later changes to them are not seen except <c>Log</c>).</summary>
    /// <exception cref="MgwException"><c>InvalidEndpoint</c>, <c>InsecureEndpoint</c>, or <c>MissingValue</c> (account, region, credentials).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A timeout, retry count or delay out of range.</exception>
    public MgwClient(MgwClientOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        Require(options.Region, "Region", "A region is required (for example cn-hangzhou).");
        Require(options.AccountId, "AccountId", "An account ID is required: the Alibaba Cloud account (UID) that owns the jobs.");
        if (options.Credentials is null)
        {
            throw new MgwException(new MgwError { Code = MgwErrorCodes.MissingValue, Field = "Credentials", Message = "Credentials are required to sign requests." });
        }

        if (options.AttemptTimeout <= TimeSpan.FromMilliseconds(10) || options.AttemptTimeout >= TimeSpan.FromHours(24))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "AttemptTimeout must be more than 10 ms and less than 24 h.");
        }

        if (options.MaxRetries < 0 || options.MaxRetries > 100) throw new ArgumentOutOfRangeException(nameof(options), "MaxRetries must be 0 to 100.");
        if (options.BaseDelay < TimeSpan.Zero || options.MaxDelay < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), "Delays cannot be negative.");

        _endpoint = options.ResolveEndpoint();
        _authorityPrefix = _endpoint.GetLeftPart(UriPartial.Authority);
        _clock = options.Clock ?? (() => DateTimeOffset.UtcNow);
        _attemptTimeout = BuildTimeoutPipeline(options.AttemptTimeout);
        HttpMessageHandler handler = options.Handler ?? new HttpClientHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = !MgwClientOptions.IsLoopback(_endpoint),
        };
        // The per-attempt timeout is the pipeline's; HttpClient's own would surface as an unretried cancellation.
        _http = new HttpClient(handler, disposeHandler: options.Handler is null) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Where requests go (scheme and host; the host carries the account prefix for Alibaba endpoints).</summary>
    public Uri Endpoint => _endpoint;

    /// <summary>The account ID.</summary>
    public string AccountId => _options.AccountId;

    /// <summary>The signing region.</summary>
    public string Region => _options.Region;

    private string Authority => _endpoint.Authority;

    #region Jobs

    /// <summary>
    /// <c>POST /job</c>, sent once (retried only when the service answers 429/throttling, which proves nothing was
    /// created). Prefer <see cref="CreateJobSafelyAsync"/>, which resolves ambiguous failures.
    /// </summary>
    public async Task CreateJobAsync(MgwJobSpec spec, CancellationToken cancellationToken = default)
    {
        if (spec is null) throw new ArgumentNullException(nameof(spec));
        await SendAsync(new MgwCall(HttpMethod.Post, "/job", MgwJobSpecXml.Write(spec)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>GET /job/{name}</c>; with <paramref name="byVersion"/>, <paramref name="nameOrVersion"/> is the job ID.</summary>
    public async Task<MgwJob> GetJobAsync(string nameOrVersion, bool byVersion = false, CancellationToken cancellationToken = default)
    {
        var call = new MgwCall(HttpMethod.Get, "/job/" + Name(nameOrVersion, nameof(nameOrVersion))).WithIf(byVersion, "byVersion", "true");
        MgwResponse response = await SendAsync(call, cancellationToken).ConfigureAwait(false);
        return Read(call, response, "ImportJob", MgwJob.FromXml);
    }

    /// <summary>
    /// <c>GET /job/{name}</c>, but null when the service answers <c>NoSuchImportJob</c> / 404.
    /// </summary>
    public async Task<MgwJob?> TryGetJobAsync(string name, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetJobAsync(name, false, cancellationToken).ConfigureAwait(false);
        }
        catch (MgwException ex) when (IsNotFound(ex.Error))
        {
            return null;
        }
    }

    /// <summary><c>GET /joblist</c>: one page. <paramref name="count"/> is 1–1000 (service default 1000).</summary>
    public async Task<MgwPage<MgwJob>> ListJobsAsync(string? marker = null, int? count = null, string? parentName = null, bool? all = null, CancellationToken cancellationToken = default)
    {
        var call = new MgwCall(HttpMethod.Get, "/joblist")
            .WithIf(!string.IsNullOrEmpty(marker), "marker", marker)
            .WithIf(count.HasValue, "count", count?.ToString(CultureInfo.InvariantCulture))
            .WithIf(!string.IsNullOrEmpty(parentName), "parentName", parentName)
            .WithIf(all.HasValue, "all", all == true ? "true" : "false");
        MgwResponse response = await SendAsync(call, cancellationToken).ConfigureAwait(false);
        return Read(call, response, "ImportJobList", root => Page(root, "ImportJob", MgwJob.FromXml));
    }

    /// <summary>Every job, following <c>NextMarker</c> page after page.</summary>
    public Task<IReadOnlyList<MgwJob>> ListAllJobsAsync(string? parentName = null, bool? all = null, int? pageSize = null, CancellationToken cancellationToken = default) =>
        AllPagesAsync(marker => ListJobsAsync(marker, pageSize, parentName, all, cancellationToken), cancellationToken);

    /// <summary><c>PUT /job/{name}</c> with a status change (start, pause, close).</summary>
    public async Task UpdateJobStatusAsync(string name, MgwJobStatusChange status, CancellationToken cancellationToken = default)
    {
        string wire = status switch
        {
            MgwJobStatusChange.Launch => "IMPORT_JOB_LAUNCHING",
            MgwJobStatusChange.Suspend => "IMPORT_JOB_SUSPEND",
            MgwJobStatusChange.Close => "IMPORT_JOB_CLOSING",
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };
        string body = MgwXml.Write(new XElement("ImportJob", new XElement("Status", wire)));
        await SendAsync(new MgwCall(HttpMethod.Put, "/job/" + Name(name, nameof(name)), body), cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>PUT /job/{name}</c> with new throttling (<c>ImportQos</c>); at least one value is required.</summary>
    public async Task UpdateJobQosAsync(string name, long? maxBandwidth, long? maxQps, CancellationToken cancellationToken = default)
    {
        if (maxBandwidth is null && maxQps is null) throw new ArgumentException("Give a bandwidth, a QPS, or both.", nameof(maxBandwidth));
        string body = MgwXml.Write(new XElement("ImportJob", new XElement("ImportQos",
            new XElement("MaxBandWidth", maxBandwidth?.ToString(CultureInfo.InvariantCulture) ?? ""),
            new XElement("MaxImportTaskQps", maxQps?.ToString(CultureInfo.InvariantCulture) ?? ""))));
        await SendAsync(new MgwCall(HttpMethod.Put, "/job/" + Name(name, nameof(name)), body), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>DELETE /job/{name}</c> (asynchronous on the service side). <paramref name="forceDelete"/> also deletes
    /// subtasks. A 404 after an earlier attempt failed ambiguously counts as deleted.
    /// </summary>
    public Task DeleteJobAsync(string name, bool? forceDelete = null, CancellationToken cancellationToken = default) =>
        DeleteAsync(new MgwCall(HttpMethod.Delete, "/job/" + Name(name, nameof(name)))
            .WithIf(forceDelete.HasValue, "forceDelete", forceDelete == true ? "true" : "false"), cancellationToken);

    /// <summary><c>GET /job/{name}?jobResult&amp;runtimeId=N</c>: the failed-file list of run <paramref name="runtimeId"/>.</summary>
    public async Task<MgwJobResult> GetJobResultAsync(string name, int runtimeId, CancellationToken cancellationToken = default)
    {
        var call = new MgwCall(HttpMethod.Get, "/job/" + Name(name, nameof(name)))
            .With("jobResult", null)
            .With("runtimeId", runtimeId.ToString(CultureInfo.InvariantCulture));
        MgwResponse response = await SendAsync(call, cancellationToken).ConfigureAwait(false);
        return Read(call, response, "ImportJobResult", root => MgwJobResult.FromXml(name, runtimeId, root));
    }

    /// <summary><c>GET /jobhistory/{name}</c>: one page of runs.</summary>
    public async Task<MgwPage<MgwJobHistory>> ListJobHistoryAsync(string name, string? marker = null, int? count = null, int? runtimeId = null, CancellationToken cancellationToken = default)
    {
        var call = new MgwCall(HttpMethod.Get, "/jobhistory/" + Name(name, nameof(name)))
            .WithIf(!string.IsNullOrEmpty(marker), "marker", marker)
            .WithIf(count.HasValue, "count", count?.ToString(CultureInfo.InvariantCulture))
            .WithIf(runtimeId.HasValue, "runtimeId", runtimeId?.ToString(CultureInfo.InvariantCulture));
        MgwResponse response = await SendAsync(call, cancellationToken).ConfigureAwait(false);
        return Read(call, response, "JobHistoryList", root => Page(root, "JobHistory", MgwJobHistory.FromXml));
    }

    /// <summary>Every history entry of a job, following <c>NextMarker</c>.</summary>
    public Task<IReadOnlyList<MgwJobHistory>> ListAllJobHistoryAsync(string name, int? runtimeId = null, int? pageSize = null, CancellationToken cancellationToken = default) =>
        AllPagesAsync(marker => ListJobHistoryAsync(name, marker, pageSize, runtimeId, cancellationToken), cancellationToken);

    /// <summary><c>POST /report</c>: asks for a migration report of a job (by name and/or ID) and run.</summary>
    public async Task CreateReportAsync(string? jobName, string? version, int? runtimeId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(jobName) && string.IsNullOrEmpty(version)) throw new ArgumentException("Give a job name or a job ID.", nameof(jobName));
        string body = MgwXml.Write(new XElement("CreateReport",
            new XElement("JobName", jobName ?? ""),
            new XElement("Version", version ?? ""),
            new XElement("RuntimeId", runtimeId?.ToString(CultureInfo.InvariantCulture) ?? "")));
        await SendAsync(new MgwCall(HttpMethod.Post, "/report", body), cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>GET /report?version=ID[&amp;runtimeId=N]</c>.</summary>
    public async Task<MgwReport> GetReportAsync(string version, int? runtimeId = null, CancellationToken cancellationToken = default)
    {
        var call = new MgwCall(HttpMethod.Get, "/report")
            .With("version", Name(version, nameof(version)))
            .WithIf(runtimeId.HasValue, "runtimeId", runtimeId?.ToString(CultureInfo.InvariantCulture));
        MgwResponse response = await SendAsync(call, cancellationToken).ConfigureAwait(false);
        return Read(call, response, "GetReportResponse", root => MgwReport.FromXml(version, runtimeId, root));
    }

    #endregion

    #region Addresses

    /// <summary><c>POST /address</c>: a data address named <paramref name="name"/> pointing at <paramref name="detail"/>.</summary>
    public async Task CreateAddressAsync(string name, MgwAddressDetail detail, string? tags = null, CancellationToken cancellationToken = default)
    {
        if (detail is null) throw new ArgumentNullException(nameof(detail));
        string body = MgwXml.Write(new XElement("ImportAddress",
            new XElement("Name", Name(name, nameof(name))),
            new XElement("Tags", tags ?? ""),
            detail.ToXml()));
        await SendAsync(new MgwCall(HttpMethod.Post, "/address", body), cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>GET /address/{name}</c>.</summary>
    public async Task<MgwAddress> GetAddressAsync(string name, CancellationToken cancellationToken = default)
    {
        var call = new MgwCall(HttpMethod.Get, "/address/" + Name(name, nameof(name)));
        MgwResponse response = await SendAsync(call, cancellationToken).ConfigureAwait(false);
        return Read(call, response, "ImportAddress", MgwAddress.FromXml);
    }

    /// <summary><c>GET /addresslist</c>: one page.</summary>
    public async Task<MgwPage<MgwAddress>> ListAddressesAsync(string? marker = null, int? count = null, CancellationToken cancellationToken = default)
    {
        var call = new MgwCall(HttpMethod.Get, "/addresslist")
            .WithIf(!string.IsNullOrEmpty(marker), "marker", marker)
            .WithIf(count.HasValue, "count", count?.ToString(CultureInfo.InvariantCulture));
        MgwResponse response = await SendAsync(call, cancellationToken).ConfigureAwait(false);
        return Read(call, response, "ImportAddressList", root => Page(root, "ImportAddress", MgwAddress.FromXml));
    }

    /// <summary>Every address, following <c>NextMarker</c>.</summary>
    public Task<IReadOnlyList<MgwAddress>> ListAllAddressesAsync(int? pageSize = null, CancellationToken cancellationToken = default) =>
        AllPagesAsync(marker => ListAddressesAsync(marker, pageSize, cancellationToken), cancellationToken);

    /// <summary><c>PUT /address/{name}</c>: replaces the agent list (comma-separated agent names).</summary>
    public async Task UpdateAddressAsync(string name, string agentList, CancellationToken cancellationToken = default)
    {
        string body = MgwXml.Write(new XElement("ImportAddress", new XElement("AgentList", agentList ?? "")));
        await SendAsync(new MgwCall(HttpMethod.Put, "/address/" + Name(name, nameof(name)), body), cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>DELETE /address/{name}</c>. A 404 after an earlier attempt failed ambiguously counts as deleted.</summary>
    public Task DeleteAddressAsync(string name, CancellationToken cancellationToken = default) =>
        DeleteAsync(new MgwCall(HttpMethod.Delete, "/address/" + Name(name, nameof(name))), cancellationToken);

    /// <summary><c>GET /address/{name}?verify</c>: checks the service can reach the address.</summary>
    public async Task<MgwAddressVerification> VerifyAddressAsync(string name, CancellationToken cancellationToken = default)
    {
        var call = new MgwCall(HttpMethod.Get, "/address/" + Name(name, nameof(name))).With("verify", null);
        MgwResponse response = await SendAsync(call, cancellationToken).ConfigureAwait(false);
        return Read(call, response, "VerifyAddressResponse", root => MgwAddressVerification.FromXml(name, root));
    }

    #endregion

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    /// <summary>True for <c>NoSuch*</c> codes and a bare 404.</summary>
    internal static bool IsNotFound(MgwError error) =>
        error.StatusCode == 404 || error.Code.StartsWith("NoSuch", StringComparison.Ordinal);

    private async Task DeleteAsync(MgwCall call, CancellationToken ct)
    {
        // A DELETE whose answer was lost may have worked: tell the pipeline to report, not retry, ambiguous
        // failures here, so a 404 on the next send can be read as "already deleted".
        call.Retry = RetryKind.ThrottleOnly;
        bool ambiguous = false;
        for (int send = 1; ; send++)
        {
            try
            {
                await SendAsync(call, ct).ConfigureAwait(false);
                return;
            }
            catch (MgwException ex) when (ambiguous && IsNotFound(ex.Error))
            {
                Log($"MGW {call.Method.Method} {call.Display}: {ex.Error.Code} after an unanswered attempt; treated as deleted");
                return;
            }
            catch (MgwException ex) when (IsAmbiguous(ex.Error) && send <= _options.MaxRetries)
            {
                ambiguous = true;
                await Task.Delay(NextDelay(send - 1, null), ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Network failures, timeouts and 5xx (other than throttling): the request may have been carried out.</summary>
    internal static bool IsAmbiguous(MgwError error) =>
        error.Code == MgwErrorCodes.ConnectionFailed || error.Code == MgwErrorCodes.RequestTimeout ||
        (error.StatusCode >= 500 && !MgwServiceErrors.IsThrottled(error.StatusCode.Value, error.Code));

    private async Task<IReadOnlyList<T>> AllPagesAsync<T>(Func<string?, Task<MgwPage<T>>> fetch, CancellationToken ct)
    {
        var items = new List<T>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? marker = null;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            MgwPage<T> page = await fetch(marker).ConfigureAwait(false);
            items.AddRange(page.Items);
            if (!page.HasMore || !seen.Add(page.NextMarker!)) return items;
            marker = page.NextMarker;
        }
    }

    private static MgwPage<T> Page<T>(XElement root, string itemName, Func<XElement, T> read)
    {
        var items = root.Elements(itemName).Select(read).ToList();
        bool truncated = MgwXml.Bool(root, "Truncated") ?? false;
        return new MgwPage<T>(items, truncated, MgwXml.Str(root, "NextMarker"));
    }

    private T Read<T>(MgwCall call, MgwResponse response, string rootName, Func<XElement, T> read)
    {
        try
        {
            return read(MgwXml.Root(response.Body, rootName));
        }
        catch (Exception ex) when (ex is XmlException || ex is FormatException || ex is OverflowException)
        {
            throw new MgwException(new MgwError
            {
                Code = MgwErrorCodes.InvalidResponse,
                Message = $"The answer to {call.Method.Method} {call.Display} could not be read: {ex.Message}",
                StatusCode = response.StatusCode,
                RequestId = response.RequestId,
                HostId = _endpoint.Host,
            }, ex);
        }
    }

    private static string Name(string? value, string parameter)
    {
        if (string.IsNullOrEmpty(value)) throw new ArgumentException("A name is required.", parameter);
        return value!;
    }

    private static void Require(string? value, string field, string message)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new MgwException(new MgwError { Code = MgwErrorCodes.MissingValue, Field = field, Message = message });
        }
    }
}
