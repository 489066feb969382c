using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using MgwTools.Core.Signing;
using MgwTools.Core.Wire;

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
    private readonly Polly.ResiliencePipeline<MgwResponse> _retries;

    /// <summary>Creates a client; the options are read now (later changes to them are not seen except <c>Log</c>).</summary>
    /// <exception cref="MgwException">
    /// <c>InvalidEndpoint</c>, <c>InsecureEndpoint</c>, <c>MissingValue</c> (account, region, credentials), or
    /// <c>InvalidHeaderValue</c> (an AccessKey ID, STS token or region that cannot go into a header).
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">A timeout, retry count, delay or response size limit out of range.</exception>
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
        if (options.MaxResponseBytes < 1024 || options.MaxResponseBytes > 1L << 30)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxResponseBytes must be 1 KiB to 1 GiB.");
        }

        // Every request would carry these: refuse them now, once, rather than on each request.
        OssV4Signer.CheckHeaderValue("Authorization", "the AccessKey ID", options.Credentials.AccessKeyId);
        OssV4Signer.CheckHeaderValue("x-oss-security-token", "the STS security token", options.Credentials.SecurityToken);
        OssV4Signer.CheckHeaderValue("Authorization", "the region", options.Region);
        try
        {
            _endpoint = options.ResolveEndpoint();
        }
        catch (UriFormatException)
        {
            throw new MgwException(new MgwError
            {
                Code = MgwErrorCodes.InvalidEndpoint,
                Field = "AccountId",
                Message = "The account ID and region do not make a host name (https://<AccountId>.<Region>.mgw.aliyuncs.com); check both.",
            });
        }


        _authorityPrefix = _endpoint.GetLeftPart(UriPartial.Authority);
        _clock = options.Clock ?? (() => DateTimeOffset.UtcNow);
        _attemptTimeout = BuildTimeoutPipeline(options.AttemptTimeout);
        _retries = BuildRetryPipeline();
        HttpMessageHandler handler = options.Handler ?? new HttpClientHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = !EndpointPolicy.IsLoopback(_endpoint),
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
    /// <exception cref="MgwException">The service's error, or <c>InvalidName</c> for a job name that cannot be a path segment.</exception>
    public async Task CreateJobAsync(MgwJobSpec spec, CancellationToken cancellationToken = default)
    {
        if (spec is null) throw new ArgumentNullException(nameof(spec));
        Segment(spec.Name, "job", "Name");
        await SendAsync(new MgwCall(HttpMethod.Post, "/job", MgwJobSpecXml.Write(spec)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>GET /job/{name}</c>; with <paramref name="byVersion"/>, <paramref name="nameOrVersion"/> is the job ID. By name, an
    /// answer about another job (or none) is <c>InvalidResponse</c>, never taken for the job asked for.
    /// </summary>
    public async Task<MgwJob> GetJobAsync(string nameOrVersion, bool byVersion = false, CancellationToken cancellationToken = default)
    {
        string segment = Segment(nameOrVersion, byVersion ? "job ID" : "job", nameof(nameOrVersion));
        var call = new MgwCall(HttpMethod.Get, "/job/" + segment)
            .WithIf(byVersion, "byVersion", "true")
            .Reading(byVersion ? MgwResponseXml.JobReader : MgwResponseXml.JobReaderFor(segment));
        return await ReadAsync<MgwJob>(call, cancellationToken).ConfigureAwait(false);
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
        catch (MgwException ex) when (ex.Error.Kind == MgwErrorKind.NotFound)
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
            .WithIf(all.HasValue, "all", all == true ? "true" : "false")
            .Reading(MgwResponseXml.JobPageReader);
        return await ReadAsync<MgwPage<MgwJob>>(call, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every job, following <c>NextMarker</c> page after page.</summary>
    public Task<IReadOnlyList<MgwJob>> ListAllJobsAsync(string? parentName = null, bool? all = null, int? pageSize = null, CancellationToken cancellationToken = default) =>
        AllPagesAsync(marker => ListJobsAsync(marker, pageSize, parentName, all, cancellationToken), cancellationToken);

    /// <summary><c>PUT /job/{name}</c> with a status change (start, pause, close).</summary>
    public async Task UpdateJobStatusAsync(string name, MgwJobStatusChange status, CancellationToken cancellationToken = default)
    {
        string body = MgwRequestXml.JobStatus(MgwJobStatusChanges.Target(status));
        await SendAsync(new MgwCall(HttpMethod.Put, "/job/" + Segment(name, "job", nameof(name)), body), cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>PUT /job/{name}</c> with new throttling (<c>ImportQos</c>); at least one value is required.</summary>
    public async Task UpdateJobQosAsync(string name, long? maxBandwidth, long? maxQps, CancellationToken cancellationToken = default)
    {
        if (maxBandwidth is null && maxQps is null) throw new ArgumentException("Give a bandwidth, a QPS, or both.", nameof(maxBandwidth));
        string body = MgwRequestXml.JobQos(maxBandwidth, maxQps);
        await SendAsync(new MgwCall(HttpMethod.Put, "/job/" + Segment(name, "job", nameof(name)), body), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>DELETE /job/{name}</c> (asynchronous on the service side). <paramref name="forceDelete"/> also deletes
    /// subtasks. A 404 after an earlier attempt failed ambiguously counts as deleted.
    /// </summary>
    public Task DeleteJobAsync(string name, bool? forceDelete = null, CancellationToken cancellationToken = default) =>
        DeleteAsync(new MgwCall(HttpMethod.Delete, "/job/" + Segment(name, "job", nameof(name)))
            .WithIf(forceDelete.HasValue, "forceDelete", forceDelete == true ? "true" : "false"), cancellationToken);

    /// <summary><c>GET /job/{name}?jobResult&amp;runtimeId=N</c>: the failed-file list of run <paramref name="runtimeId"/>.</summary>
    public async Task<MgwJobResult> GetJobResultAsync(string name, int runtimeId, CancellationToken cancellationToken = default)
    {
        var call = new MgwCall(HttpMethod.Get, "/job/" + Segment(name, "job", nameof(name)))
            .With("jobResult", null)
            .With("runtimeId", runtimeId.ToString(CultureInfo.InvariantCulture))
            .Reading(MgwResponseXml.JobResultReader(name, runtimeId));
        return await ReadAsync<MgwJobResult>(call, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>GET /jobhistory/{name}</c>: one page of runs.</summary>
    public async Task<MgwPage<MgwJobRun>> ListJobHistoryAsync(string name, string? marker = null, int? count = null, int? runtimeId = null, CancellationToken cancellationToken = default)
    {
        var call = new MgwCall(HttpMethod.Get, "/jobhistory/" + Segment(name, "job", nameof(name)))
            .WithIf(!string.IsNullOrEmpty(marker), "marker", marker)
            .WithIf(count.HasValue, "count", count?.ToString(CultureInfo.InvariantCulture))
            .WithIf(runtimeId.HasValue, "runtimeId", runtimeId?.ToString(CultureInfo.InvariantCulture))
            .Reading(MgwResponseXml.HistoryPageReader);
        return await ReadAsync<MgwPage<MgwJobRun>>(call, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every history entry of a job, following <c>NextMarker</c>.</summary>
    public Task<IReadOnlyList<MgwJobRun>> ListAllJobHistoryAsync(string name, int? runtimeId = null, int? pageSize = null, CancellationToken cancellationToken = default) =>
        AllPagesAsync(marker => ListJobHistoryAsync(name, marker, pageSize, runtimeId, cancellationToken), cancellationToken);

    /// <summary><c>POST /report</c>: asks for a migration report of a job (by name and/or ID) and run.</summary>
    public async Task CreateReportAsync(string? jobName, string? version, int? runtimeId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(jobName) && string.IsNullOrEmpty(version)) throw new ArgumentException("Give a job name or a job ID.", nameof(jobName));
        await SendAsync(new MgwCall(HttpMethod.Post, "/report", MgwRequestXml.CreateReport(jobName, version, runtimeId)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>GET /report?version=ID[&amp;runtimeId=N]</c>.</summary>
    public async Task<MgwReport> GetReportAsync(string version, int? runtimeId = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(version)) throw Refused(version, "job ID", nameof(version), "is empty");
        var call = new MgwCall(HttpMethod.Get, "/report")
            .With("version", version)
            .WithIf(runtimeId.HasValue, "runtimeId", runtimeId?.ToString(CultureInfo.InvariantCulture))
            .Reading(MgwResponseXml.ReportReader(version, runtimeId));
        return await ReadAsync<MgwReport>(call, cancellationToken).ConfigureAwait(false);
    }

    #endregion

    #region Addresses

    /// <summary><c>POST /address</c>: a data address named <paramref name="name"/> pointing at <paramref name="detail"/>.</summary>
    public async Task CreateAddressAsync(string name, MgwAddressDetail detail, string? tags = null, CancellationToken cancellationToken = default)
    {
        if (detail is null) throw new ArgumentNullException(nameof(detail));
        string body = MgwRequestXml.CreateAddress(Segment(name, "data address", nameof(name)), tags, detail);
        await SendAsync(new MgwCall(HttpMethod.Post, "/address", body), cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>GET /address/{name}</c>.</summary>
    public async Task<MgwAddress> GetAddressAsync(string name, CancellationToken cancellationToken = default)
    {
        var call = new MgwCall(HttpMethod.Get, "/address/" + Segment(name, "data address", nameof(name)))
            .Reading(MgwResponseXml.AddressReader);
        return await ReadAsync<MgwAddress>(call, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>GET /addresslist</c>: one page.</summary>
    public async Task<MgwPage<MgwAddress>> ListAddressesAsync(string? marker = null, int? count = null, CancellationToken cancellationToken = default)
    {
        var call = new MgwCall(HttpMethod.Get, "/addresslist")
            .WithIf(!string.IsNullOrEmpty(marker), "marker", marker)
            .WithIf(count.HasValue, "count", count?.ToString(CultureInfo.InvariantCulture))
            .Reading(MgwResponseXml.AddressPageReader);
        return await ReadAsync<MgwPage<MgwAddress>>(call, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every address, following <c>NextMarker</c>.</summary>
    public Task<IReadOnlyList<MgwAddress>> ListAllAddressesAsync(int? pageSize = null, CancellationToken cancellationToken = default) =>
        AllPagesAsync(marker => ListAddressesAsync(marker, pageSize, cancellationToken), cancellationToken);

    /// <summary><c>PUT /address/{name}</c>: replaces the agent list (comma-separated agent names).</summary>
    public async Task UpdateAddressAsync(string name, string agentList, CancellationToken cancellationToken = default)
    {
        string body = MgwRequestXml.UpdateAddress(agentList);
        await SendAsync(new MgwCall(HttpMethod.Put, "/address/" + Segment(name, "data address", nameof(name)), body), cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>DELETE /address/{name}</c>. A 404 after an earlier attempt failed ambiguously counts as deleted.</summary>
    public Task DeleteAddressAsync(string name, CancellationToken cancellationToken = default) =>
        DeleteAsync(new MgwCall(HttpMethod.Delete, "/address/" + Segment(name, "data address", nameof(name))), cancellationToken);

    /// <summary><c>GET /address/{name}?verify</c>: checks the service can reach the address.</summary>
    public async Task<MgwAddressVerification> VerifyAddressAsync(string name, CancellationToken cancellationToken = default)
    {
        var call = new MgwCall(HttpMethod.Get, "/address/" + Segment(name, "data address", nameof(name)))
            .With("verify", null)
            .Reading(MgwResponseXml.VerificationReader(name));
        return await ReadAsync<MgwAddressVerification>(call, cancellationToken).ConfigureAwait(false);
    }

    #endregion

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

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
            catch (MgwException ex) when (ambiguous && ex.Error.Kind == MgwErrorKind.NotFound)
            {
                Log($"MGW {call.Method.Method} {call.Display}: {ex.Error.Code} after an unanswered attempt; treated as deleted");
                return;
            }
            catch (MgwException ex) when (MgwErrorKinds.MayHaveBeenDone(ex.Error.Kind) && send <= _options.MaxRetries)
            {
                ambiguous = true;
                await Task.Delay(NextDelay(send - 1, null), ct).ConfigureAwait(false);
            }
        }
    }

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

    // Sends a call that reads its answer: the body was parsed inside the attempt (its timeout and cancellation).
    private async Task<T> ReadAsync<T>(MgwCall call, CancellationToken ct)
    {
        MgwResponse response = await SendAsync(call, ct).ConfigureAwait(false);
        return (T)response.Value!;
    }

    /// <summary>
    /// A name that goes into a request path as one segment, checked so that the path sent is the path signed: not
    /// empty, not <c>.</c> or <c>..</c> (an HTTP stack would resolve them), no <c>/</c>, <c>\</c>, <c>%</c>,
    /// <c>?</c>, <c>#</c>, and no control character.
    /// </summary>
    /// <exception cref="MgwException"><see cref="MgwErrorCodes.InvalidName"/>, about this request only.</exception>
    internal static string Segment(string? value, string what, string field)
    {
        if (string.IsNullOrEmpty(value)) throw Refused(value, what, field, "is empty");
        if (value == "." || value == "..") throw Refused(value, what, field, "is a relative path segment ('.' or '..')");
        foreach (char c in value!)
        {
            if (char.IsControl(c)) throw Refused(value, what, field, string.Format(CultureInfo.InvariantCulture, "contains a control character (U+{0:X4})", (int)c));
            if (c is '/' or '\\' or '%' or '?' or '#') throw Refused(value, what, field, $"contains '{c}'");
        }

        return value;
    }

    private static MgwException Refused(string? value, string what, string field, string why) => new(new MgwError
    {
        Code = MgwErrorCodes.InvalidName,
        Field = field,
        Value = value,
        JobName = what == "job" ? MgwMessages.Printable(value) : null,
        Message = what.EndsWith(" ID", StringComparison.Ordinal)
            ? $"The {what} '{MgwMessages.Printable(value)}' cannot be sent: it {why}. Use the ID as the service lists it (a UUID)."
            : $"The {what} name '{MgwMessages.Printable(value)}' cannot be sent: it {why}. Use the name as the service lists it " +
              (what == "job" ? "(job names are 3 to 63 letters, digits, '_' and '-')." : $"({what} names are 3 to 63 lowercase letters, digits, '_' and '-').")
    });

    private static void Require(string? value, string field, string message)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new MgwException(new MgwError { Code = MgwErrorCodes.MissingValue, Field = field, Message = message });
        }
    }
}
