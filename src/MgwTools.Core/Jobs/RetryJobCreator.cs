using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using MgwTools.Core.Client;

namespace MgwTools.Core.Jobs;

/// <summary>What <see cref="RetryJobCreator.CreateAsync"/> is asked to do.</summary>
public sealed class RetryJobRequest
{
    /// <summary>The job whose failed files are migrated again.</summary>
    public string JobName { get; set; } = "";

    /// <summary>The run whose failed-file list is used; null: the latest run.</summary>
    public int? RuntimeId { get; set; }

    /// <summary>The retry job's (and its address's) name; null: <see cref="RetryJobCreator.DefaultName"/>.</summary>
    public string? NewName { get; set; }

    /// <summary>The source's AccessKey ID, when the source authenticates with an AccessKey pair (null: the source address's own).</summary>
    public string? SourceAccessId { get; set; }

    /// <summary>The source's AccessKey secret (never returned by the service, so it must be given again).</summary>
    public string? SourceAccessSecret { get; set; }

    /// <summary>Start the retry job when it has never run.</summary>
    public bool Start { get; set; }
}

/// <summary>What a retry came to.</summary>
public sealed class RetryJobOutcome
{
    /// <summary>The run's result (ReadyRetry, counts).</summary>
    public MgwJobResult Result { get; internal set; } = null!;

    /// <summary>The retry job; null when the run needed no retry (<c>ReadyRetry = NoNeed</c>).</summary>
    public MgwJob? Job { get; internal set; }

    /// <summary>True when this call created the job; false when the same retry job existed already.</summary>
    public bool Created { get; internal set; }

    /// <summary>True when this call started the job.</summary>
    public bool Started { get; internal set; }
}

/// <summary>
/// <c>mgwutil retry-job</c>: from the failed-file list of a run, a data address that lists those files (the source's
/// details plus the list, type <c>ossinv</c> as GetJobResult names it) and a child job (<c>ParentVersion</c> = the
/// job's ID) that migrates them again to the job's destination with its modes. Safe to repeat: an address and a job
/// of the retry's name that match are used again, one that differs is a conflict, nothing is created twice.
/// </summary>
public static class RetryJobCreator
{
    /// <summary>The longest job or address name the service takes.</summary>
    public const int MaxNameLength = 63;

    /// <summary><c>&lt;job&gt;-retry-&lt;runtimeId&gt;</c>, the job part shortened so the whole stays within 63 characters.</summary>
    public static string DefaultName(string jobName, int runtimeId)
    {
        string suffix = "-retry-" + runtimeId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string stem = jobName.Length + suffix.Length > MaxNameLength ? jobName.Substring(0, MaxNameLength - suffix.Length) : jobName;
        return stem.TrimEnd('-', '_') + suffix;
    }

    /// <summary>Runs the retry; see the class summary.</summary>
    /// <exception cref="MgwException"><c>RetryNotReady</c>, <c>NoRunYet</c>, <c>SourceCredentialRequired</c>,
    /// <c>RetryAddressConflict</c>, <c>ImportJobSpecConflict</c>, or the service's errors.</exception>
    public static async Task<RetryJobOutcome> CreateAsync(MgwClient client, RetryJobRequest request, CancellationToken cancellationToken)
    {
        string name = request.JobName;
        MgwJob parent = await client.GetJobAsync(name, false, cancellationToken).ConfigureAwait(false);
        int run = await JobRuns.ResolveAsync(client, name, request.RuntimeId, cancellationToken).ConfigureAwait(false);
        MgwJobResult result = await client.GetJobResultAsync(name, run, cancellationToken).ConfigureAwait(false);
        var outcome = new RetryJobOutcome { Result = result };
        switch (result.ReadyRetry)
        {
            case "NoNeed":
                return outcome;
            case "Ready":
                break;
            default:
                throw new MgwException(JobErrors.RetryNotReady(name, run));
        }

        string retryName = string.IsNullOrWhiteSpace(request.NewName) ? DefaultName(name, run) : request.NewName!.Trim();
        MgwAddress source = await client.GetAddressAsync(parent.SourceAddress ?? "", cancellationToken).ConfigureAwait(false);
        MgwAddressDetail detail = RetryAddress(parent, source, result, request);
        await EnsureAddressAsync(client, retryName, name, detail, cancellationToken).ConfigureAwait(false);

        MgwJobSpec spec = RetrySpec(parent, retryName);
        MgwJob? existing = await client.TryGetJobAsync(retryName, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            IReadOnlyList<string> differing = spec.DifferingFields(existing.ToSpec());
            if (differing.Count > 0) throw new MgwException(MgwClient.ImportJobSpecConflict(retryName, differing));
            outcome.Job = existing;
        }
        else
        {
            outcome.Job = (await client.CreateJobSafelyAsync(spec, cancellationToken).ConfigureAwait(false)).Job;
            outcome.Created = true;
        }

        if (request.Start && (outcome.Job.Status is null || outcome.Job.Status == MgwJobStatus.Begin))
        {
            await client.UpdateJobStatusAsync(retryName, MgwJobStatusChange.Launch, cancellationToken).ConfigureAwait(false);
            outcome.Job = await client.GetJobAsync(retryName, false, cancellationToken).ConfigureAwait(false);
            outcome.Started = true;
        }

        return outcome;
    }

    // The source as it was (bucket, prefix, region, role, agents, key id) plus the failed-file list of the run.
    private static MgwAddressDetail RetryAddress(MgwJob parent, MgwAddress source, MgwJobResult result, RetryJobRequest request)
    {
        MgwAddressDetail detail = result.ToAddressDetail();
        MgwAddressDetail from = source.Detail;
        detail.AddressType = string.IsNullOrEmpty(result.AddressType) ? "ossinv" : result.AddressType;
        detail.Bucket = from.Bucket;
        detail.Domain = from.Domain;
        detail.Prefix = from.Prefix;
        detail.RegionId = from.RegionId;
        detail.Role = from.Role;
        detail.AgentList = from.AgentList;
        detail.DataType = from.DataType;
        detail.AccessId = string.IsNullOrEmpty(request.SourceAccessId) ? from.AccessId : request.SourceAccessId;

        // A source read with an AccessKey pair (S3, Qiniu, COS…) needs its secret again: the service never returns it.
        if (!string.IsNullOrEmpty(detail.AccessId))
        {
            if (string.IsNullOrEmpty(request.SourceAccessSecret))
            {
                throw new MgwException(JobErrors.SourceCredentialRequired(parent.Name ?? "", source.Name ?? "", from.AddressType));
            }

            detail.SetAccessSecret(request.SourceAccessSecret);
        }

        return detail;
    }

    private static async Task EnsureAddressAsync(MgwClient client, string addressName, string jobName, MgwAddressDetail detail, CancellationToken ct)
    {
        MgwAddress? existing = await TryGetAddressAsync(client, addressName, ct).ConfigureAwait(false);
        if (existing is null)
        {
            try
            {
                await client.CreateAddressAsync(addressName, detail, cancellationToken: ct).ConfigureAwait(false);
                return;
            }
            catch (MgwException ex) when (ex.Error.Code.EndsWith("AlreadyExist", StringComparison.Ordinal))
            {
                // Created meanwhile (an earlier attempt whose answer was lost, or a concurrent retry): judge it below.
                existing = await client.GetAddressAsync(addressName, ct).ConfigureAwait(false);
            }
        }

        if (!SameList(existing.Detail, detail)) throw new MgwException(JobErrors.RetryAddressConflict(addressName, jobName));
    }

    private static async Task<MgwAddress?> TryGetAddressAsync(MgwClient client, string name, CancellationToken ct)
    {
        try
        {
            return await client.GetAddressAsync(name, ct).ConfigureAwait(false);
        }
        catch (MgwException ex) when (ex.Error.Kind == MgwErrorKind.NotFound)
        {
            return null;
        }
    }

    private static bool SameList(MgwAddressDetail a, MgwAddressDetail b) =>
        string.Equals(a.AddressType, b.AddressType, StringComparison.OrdinalIgnoreCase) &&
        string.Equals(a.InvBucket, b.InvBucket, StringComparison.Ordinal) &&
        string.Equals(a.InvPath, b.InvPath, StringComparison.Ordinal) &&
        string.Equals(a.Bucket, b.Bucket, StringComparison.Ordinal);

    // A one-off child: the parent's destination, modes and throttling; no schedule, no key filters (the list names the files).
    private static MgwJobSpec RetrySpec(MgwJob parent, string name) => new()
    {
        Name = name,
        SourceAddress = name,
        DestinationAddress = parent.DestinationAddress,
        OverwriteMode = parent.OverwriteMode,
        TransferMode = parent.TransferMode,
        MaxBandwidth = parent.MaxBandwidth,
        MaxQps = parent.MaxQps,
        LogMode = parent.LogMode,
        ParentVersion = parent.Version,
    };
}
