using System;
using System.Collections.Generic;

namespace MgwTools;

/// <summary>One run (or state change) of a job (ListJobHistory, <c>JobHistory</c>).</summary>
public sealed class MgwJobRun
{
    /// <summary>Job name.</summary>
    public string? Name { get; init; }
    /// <summary>Job ID.</summary>
    public string? JobVersion { get; init; }
    /// <summary>Run number (as sent, a string).</summary>
    public string? RuntimeId { get; init; }
    /// <summary>ID of the state change.</summary>
    public string? CommitId { get; init; }
    /// <summary>Run start (UTC).</summary>
    public DateTimeOffset? StartTime { get; init; }
    /// <summary>Run end (UTC).</summary>
    public DateTimeOffset? EndTime { get; init; }
    /// <summary>The job's status in this run, as sent (<c>IMPORT_JOB_*</c>, known or not).</summary>
    public MgwJobStatus? Status { get; init; }
    /// <summary>Files found.</summary>
    public long? TotalCount { get; init; }
    /// <summary>Files migrated or skipped.</summary>
    public long? CopiedCount { get; init; }
    /// <summary>Files failed.</summary>
    public long? FailedCount { get; init; }
    /// <summary>Bytes found.</summary>
    public long? TotalSize { get; init; }
    /// <summary>Bytes migrated.</summary>
    public long? CopiedSize { get; init; }
    /// <summary>Files skipped.</summary>
    public long? SkippedCount { get; init; }
    /// <summary>Bytes skipped.</summary>
    public long? SkippedSize { get; init; }
    /// <summary><c>Normal</c> or <c>Interrupt</c>.</summary>
    public string? RuntimeState { get; init; }
    /// <summary>Message of the run.</summary>
    public string? Message { get; init; }
    /// <summary><c>user</c> or <c>system</c>.</summary>
    public string? Operator { get; init; }
    /// <summary><c>Listing</c> or <c>Finished</c>.</summary>
    public string? ListStatus { get; init; }
    /// <summary>Values the service sent that could not be typed (element path → text as sent); their properties are null.</summary>
    public IReadOnlyDictionary<string, string> UnreadValues { get; init; } = new Dictionary<string, string>();

    /// <inheritdoc />
    public override string ToString() => $"{Name} #{RuntimeId}: {Status}";
}

/// <summary>
/// The failed-file list of a run (GetJobResult, <c>ImportJobResult</c>). The inventory secret the service
/// returns is kept internal: <see cref="ToAddressDetail"/> carries it into a retry address without exposing it.
/// </summary>
public sealed class MgwJobResult
{
    /// <summary>Job name (from the request).</summary>
    public string? JobName { get; init; }
    /// <summary>Run number (from the request).</summary>
    public int RuntimeId { get; init; }
    /// <summary><c>NoNeed</c>, <c>Ready</c> or <c>NotReady</c>.</summary>
    public string? ReadyRetry { get; init; }
    /// <summary>Job ID.</summary>
    public string? Version { get; init; }
    /// <summary>Address type of the failed-file list, e.g. <c>ossinv</c>.</summary>
    public string? AddressType { get; init; }
    /// <summary>Inventory path.</summary>
    public string? InvPath { get; init; }
    /// <summary>Inventory bucket.</summary>
    public string? InvBucket { get; init; }
    /// <summary>Inventory domain.</summary>
    public string? InvDomain { get; init; }
    /// <summary>Inventory location.</summary>
    public string? InvLocation { get; init; }
    /// <summary>Inventory AccessKey ID.</summary>
    public string? InvAccessId { get; init; }
    /// <summary>Inventory region.</summary>
    public string? InvRegionId { get; init; }
    /// <summary>Objects found.</summary>
    public long? TotalObjectCount { get; init; }
    /// <summary>Objects copied.</summary>
    public long? CopiedObjectCount { get; init; }
    /// <summary>Objects failed.</summary>
    public long? FailedObjectCount { get; init; }
    /// <summary>Bytes found.</summary>
    public long? TotalObjectSize { get; init; }
    /// <summary>Bytes copied.</summary>
    public long? CopiedObjectSize { get; init; }
    /// <summary>Objects skipped.</summary>
    public long? SkippedObjectCount { get; init; }
    /// <summary>Bytes skipped.</summary>
    public long? SkippedObjectSize { get; init; }
    /// <summary>Values the service sent that could not be typed (element path → text as sent); their properties are null.</summary>
    public IReadOnlyDictionary<string, string> UnreadValues { get; init; } = new Dictionary<string, string>();

    /// <summary>True when the service returned an inventory secret (kept internal).</summary>
    public bool HasInvAccessSecret => InvAccessSecret is not null;

    internal string? InvAccessSecret { get; init; }

    /// <summary>An address detail pointing at the failed-file list (secret included, unseen), for a retry job's source address.</summary>
    public MgwAddressDetail ToAddressDetail()
    {
        var detail = new MgwAddressDetail
        {
            AddressType = AddressType,
            InvPath = InvPath,
            InvBucket = InvBucket,
            InvDomain = InvDomain,
            InvLocation = InvLocation,
            InvAccessId = InvAccessId,
            InvRegionId = InvRegionId,
        };
        detail.SetInvAccessSecret(InvAccessSecret);
        return detail;
    }

    /// <inheritdoc />
    public override string ToString() => $"{JobName} #{RuntimeId}: {ReadyRetry}";
}

/// <summary>A migration report (GetReport, <c>GetReportResponse</c>).</summary>
public sealed class MgwReport
{
    /// <summary>Job name (set by the cmdlets, which know it; GetReport itself answers by job ID only).</summary>
    public string? JobName { get; internal set; }
    /// <summary>Job ID the report is for (from the request).</summary>
    public string? JobVersion { get; init; }
    /// <summary>Run number (from the request), when given.</summary>
    public int? RuntimeId { get; init; }
    /// <summary><c>Running</c>, <c>NotExist</c>, <c>Finished</c> or <c>Failed</c>.</summary>
    public string? Status { get; init; }
    /// <summary>Files found.</summary>
    public long? TotalCount { get; init; }
    /// <summary>Files copied.</summary>
    public long? CopiedCount { get; init; }
    /// <summary>Files skipped.</summary>
    public long? SkippedCount { get; init; }
    /// <summary>Files failed.</summary>
    public long? FailedCount { get; init; }
    /// <summary>Job creation time (UTC).</summary>
    public DateTimeOffset? JobCreateTime { get; init; }
    /// <summary>Job end time (UTC).</summary>
    public DateTimeOffset? JobEndTime { get; init; }
    /// <summary>Job execution time, as sent (its unit is undocumented).</summary>
    public string? JobExecuteTime { get; init; }
    /// <summary>Report creation time (UTC).</summary>
    public DateTimeOffset? ReportCreateTime { get; init; }
    /// <summary>Report end time (UTC).</summary>
    public DateTimeOffset? ReportEndTime { get; init; }
    /// <summary>Prefix of the full-list files.</summary>
    public string? TotalListPrefix { get; init; }
    /// <summary>Prefix of the skipped-list files.</summary>
    public string? SkippedListPrefix { get; init; }
    /// <summary>Prefix of the failed-list files.</summary>
    public string? FailedListPrefix { get; init; }
    /// <summary>Why the report failed.</summary>
    public string? ErrorMessage { get; init; }
    /// <summary>Values the service sent that could not be typed (element path → text as sent); their properties are null.</summary>
    public IReadOnlyDictionary<string, string> UnreadValues { get; init; } = new Dictionary<string, string>();

    /// <inheritdoc />
    public override string ToString() => $"{JobVersion}: {Status}";
}

/// <summary>One page of a list operation.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class MgwPage<T>
{
    /// <summary>Creates a page.</summary>
    public MgwPage(IReadOnlyList<T> items, bool truncated, string? nextMarker)
    {
        Items = items ?? Array.Empty<T>();
        Truncated = truncated;
        NextMarker = string.IsNullOrEmpty(nextMarker) ? null : nextMarker;
    }

    /// <summary>The items of this page.</summary>
    public IReadOnlyList<T> Items { get; }

    /// <summary>True when more items follow.</summary>
    public bool Truncated { get; }

    /// <summary>The marker for the next page; null on the last page.</summary>
    public string? NextMarker { get; }

    /// <summary>True when another page must be fetched.</summary>
    public bool HasMore => Truncated && NextMarker is not null;

    /// <summary>How many items, and whether more follow, e.g. <c>100 item(s), more after 'job-099'</c>.</summary>
    public override string ToString() =>
        Items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " item(s)" + (HasMore ? $", more after '{NextMarker}'" : "");
}

/// <summary>The target status of an UpdateJob status change (mgw-api.md §2.4); see <see cref="MgwJobStatusChanges.Target"/>.</summary>
public enum MgwJobStatusChange
{
    /// <summary>Start the job (<c>IMPORT_JOB_LAUNCHING</c>).</summary>
    Launch,
    /// <summary>Pause the job (<c>IMPORT_JOB_SUSPEND</c>).</summary>
    Suspend,
    /// <summary>Close the job (<c>IMPORT_JOB_CLOSING</c>).</summary>
    Close,
}

/// <summary>The wire status each <see cref="MgwJobStatusChange"/> asks for.</summary>
public static class MgwJobStatusChanges
{
    /// <summary>The status UpdateJob sends for <paramref name="change"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined change.</exception>
    public static MgwJobStatus Target(MgwJobStatusChange change) => change switch
    {
        MgwJobStatusChange.Launch => MgwJobStatus.Launching,
        MgwJobStatusChange.Suspend => MgwJobStatus.Suspend,
        MgwJobStatusChange.Close => MgwJobStatus.Closing,
        _ => throw new ArgumentOutOfRangeException(nameof(change), change, "Not a status change."),
    };
}
