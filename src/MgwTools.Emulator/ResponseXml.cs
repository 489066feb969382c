using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using MgwTools.Core.Wire;
using MgwTools.Core.Specs;

namespace MgwTools.Emulator;

/// <summary>The response bodies: the model name as root, the declaration the service writes (mgw-api.md §2.1).</summary>
internal static class ResponseXml
{
    private const string Declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>";

    public static byte[] Document(XElement root) =>
        Encoding.UTF8.GetBytes(Declaration + root.ToString(SaveOptions.DisableFormatting));

    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string B(bool value) => value ? "true" : "false";

    public static XElement Error(string code, string message, string requestId, string hostId, string? ec) =>
        new("Error",
            new XElement("Code", code),
            new XElement("Message", message),
            new XElement("RequestId", requestId),
            new XElement("HostId", hostId),
            new XElement("EC", ec ?? ""));

    /// <summary>GetJob's <c>ImportJob</c>: the spec in <see cref="MgwJobSpecXml.Write"/>'s shape plus the service's fields.</summary>
    public static XElement Job(JobRecord job)
    {
        var e = new XElement(job.SpecXml);
        e.Add(new XElement("Status", job.Status),
            new XElement("EnableMultiVersioning", "false"),
            new XElement("CreateTime", Time(job.CreateTime)),
            new XElement("ModifyTime", Time(job.ModifyTime)),
            new XElement("Version", job.Version),
            new XElement("Owner", job.Owner));
        if (job.ParentName is not null) e.Add(new XElement("ParentName", job.ParentName));
        return e;
    }

    public static XElement JobList(IEnumerable<JobRecord> jobs, string? nextMarker) =>
        new("ImportJobList",
            new XElement("Truncated", B(nextMarker is not null)),
            new XElement("NextMarker", nextMarker ?? ""),
            jobs.Select(Job));

    /// <summary>GetJobResult's <c>ImportJobResult</c>: NotReady until the run ends, then Ready with the failed-file
    /// list's location (an inventory a retry job's <c>ossinv</c> address can name) or NoNeed without failures.</summary>
    public static XElement JobResult(JobRecord job, RunRecord run, Progress p, RetryInventory inventory)
    {
        string ready = run.End is null ? "NotReady" : p.Failed > 0 ? "Ready" : "NoNeed";
        var e = new XElement("ImportJobResult", new XElement("ReadyRetry", ready), new XElement("Version", job.Version));
        if (ready == "Ready")
        {
            e.Add(new XElement("AddressType", RetryInventory.AddressType),
                new XElement("InvPath", RetryInventory.PathOf(job, run)),
                new XElement("InvBucket", inventory.Bucket),
                new XElement("InvDomain", inventory.Domain),
                new XElement("InvLocation", RetryInventory.Location),
                new XElement("InvAccessId", inventory.AccessId),
                new XElement("InvAccessSecret", inventory.AccessSecret),
                new XElement("InvRegionId", inventory.RegionId));
        }

        e.Add(new XElement("TotalObjectCount", N(p.Total)),
            new XElement("CopiedObjectCount", N(p.Copied)),
            new XElement("FailedObjectCount", N(p.Failed)),
            new XElement("TotalObjectSize", N(p.TotalSize)),
            new XElement("CopiedObjectSize", N(p.CopiedSize)),
            new XElement("SkippedObjectCount", N(p.Skipped)),
            new XElement("SkippedObjectSize", N(p.SkippedSize)));
        return e;
    }

    public static XElement History(JobRecord job, IEnumerable<HistoryRecord> page, string? nextMarker) =>
        new("JobHistoryList",
            page.Select(h =>
            {
                RunRecord run = job.Runs.First(r => r.RuntimeId == h.RuntimeId);
                return new XElement("JobHistory",
                    new XElement("Name", job.Name),
                    new XElement("JobVersion", job.Version),
                    new XElement("RuntimeId", h.RuntimeId.ToString(CultureInfo.InvariantCulture)),
                    new XElement("CommitId", h.CommitId.ToString(CultureInfo.InvariantCulture)),
                    new XElement("StartTime", Time(run.Start)),
                    new XElement("EndTime", h.RunEnded ? Time(h.Time) : ""),
                    new XElement("Status", h.Status),
                    new XElement("TotalCount", N(h.Progress.Total)),
                    new XElement("CopiedCount", N(h.Progress.Copied)),
                    new XElement("FailedCount", N(h.Progress.Failed)),
                    new XElement("TotalSize", N(h.Progress.TotalSize)),
                    new XElement("CopiedSize", N(h.Progress.CopiedSize)),
                    new XElement("SkippedCount", N(h.Progress.Skipped)),
                    new XElement("SkippedSize", N(h.Progress.SkippedSize)),
                    new XElement("RuntimeState", h.Interrupted ? "Interrupt" : "Normal"),
                    new XElement("Message", h.Message),
                    new XElement("Operator", h.Operator),
                    new XElement("ListStatus", h.Listed ? "Finished" : "Listing"));
            }),
            new XElement("NextMarker", nextMarker ?? ""),
            // The SDK models Truncated here as a string.
            new XElement("Truncated", B(nextMarker is not null)));

    public static XElement Report(JobRecord job, RunRecord? run, Progress p, ReportRecord? report, DateTimeOffset? readyAt, DateTimeOffset now)
    {
        if (run is null || report is null)
        {
            return new XElement("GetReportResponse", new XElement("Status", "NotExist"));
        }

        bool finished = readyAt is { } ready && now >= ready;
        string prefix = $"mgw-report/{job.Name}/{run.RuntimeId}/";
        var e = new XElement("GetReportResponse",
            new XElement("Status", finished ? "Finished" : "Running"),
            new XElement("TotalCount", N(p.Total)),
            new XElement("CopiedCount", N(p.Copied)),
            new XElement("SkippedCount", N(p.Skipped)),
            new XElement("FailedCount", N(p.Failed)),
            new XElement("JobCreateTime", Time(job.CreateTime)),
            new XElement("JobEndTime", run.End is { } end ? Time(end) : ""),
            new XElement("JobExecuteTime", run.End is { } e2 ? N((long)(e2 - run.Start).TotalSeconds) : ""),
            new XElement("ReportCreateTime", Time(report.RequestedAt)),
            new XElement("ReportEndTime", finished ? Time(readyAt!.Value) : ""));
        if (finished)
        {
            e.Add(new XElement("TotalListPrefix", prefix + "total_list/"),
                new XElement("SkippedListPrefix", prefix + "skipped_list/"),
                new XElement("FailedListPrefix", prefix + "failed_list/"));
        }

        e.Add(new XElement("ErrorMessage", ""));
        return e;
    }

    /// <summary>GetAddress's <c>ImportAddress</c>; secrets given at creation are never echoed.</summary>
    public static XElement Address(AddressRecord a)
    {
        var detail = new XElement(a.Detail);
        detail.Elements().Where(x => x.Name.LocalName is "AccessSecret" or "InvAccessSecret").Remove();
        var e = new XElement("ImportAddress",
            new XElement("Name", a.Name),
            detail,
            new XElement("Owner", a.Owner),
            new XElement("CreateTime", Time(a.CreateTime)),
            new XElement("ModifyTime", Time(a.ModifyTime)),
            new XElement("VerifyTime", a.VerifyTime is { } v ? Time(v) : ""),
            new XElement("Version", a.Version),
            new XElement("Status", a.LastVerify?.Status ?? "available"));
        if (a.Tags is not null) e.Add(new XElement("Tags", a.Tags));
        if (a.LastVerify is { } last)
        {
            e.Add(new XElement("VerifyResult",
                new XElement("HttpCode", last.HttpCode.ToString(CultureInfo.InvariantCulture)),
                new XElement("ErrorCode", last.ErrorCode ?? ""),
                new XElement("ErrorMsg", last.ErrorMessage ?? "")));
        }

        return e;
    }

    public static XElement AddressList(IEnumerable<AddressRecord> page, string? nextMarker) =>
        new("ImportAddressList",
            new XElement("Truncated", B(nextMarker is not null)),
            new XElement("NextMarker", nextMarker ?? ""),
            page.Select(Address));

    public static XElement Verify(AddressRecord a) =>
        new("VerifyAddressResponse",
            new XElement("Status", a.LastVerify?.Status ?? "available"),
            new XElement("VerifyTime", Time(a.VerifyTime ?? a.CreateTime)),
            new XElement("ErrorCode", a.LastVerify?.ErrorCode ?? ""),
            new XElement("ErrorMessage", a.LastVerify?.ErrorMessage ?? ""));
}
