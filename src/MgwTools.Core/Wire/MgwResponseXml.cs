using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Xml;
using System.Xml.Linq;

namespace MgwTools.Core.Wire;

/// <summary>
/// The service's answers (mgw-api.md §2.5–§2.8, §4.1) read into the model, tolerantly, as the vendor SDKs read them:
/// an unknown mode or status, a boolean written <c>1</c>/<c>0</c>/<c>True</c>, a time filter missing a bound, an
/// unknown or missing element never fail an object or a page. What cannot be typed is kept as text (the
/// <c>*Text</c> properties, <see cref="MgwJobStatus"/>, and each object's <c>UnreadValues</c>). Only the caller's
/// parse (<see cref="WireXml.Parse"/>: not XML, or not the expected root) fails a whole answer.
/// </summary>
internal static class MgwResponseXml
{
    /// <summary>Root of GetJob (and of each ListJob item).</summary>
    public const string JobRoot = "ImportJob";
    /// <summary>Root of ListJob.</summary>
    public const string JobListRoot = "ImportJobList";
    /// <summary>Root of ListJobHistory.</summary>
    public const string HistoryListRoot = "JobHistoryList";
    /// <summary>Root of GetJobResult.</summary>
    public const string JobResultRoot = "ImportJobResult";
    /// <summary>Root of GetReport.</summary>
    public const string ReportRoot = "GetReportResponse";
    /// <summary>Root of GetAddress (and of each ListAddress item).</summary>
    public const string AddressRoot = "ImportAddress";
    /// <summary>Root of ListAddress.</summary>
    public const string AddressListRoot = "ImportAddressList";
    /// <summary>Root of VerifyAddress.</summary>
    public const string VerifyRoot = "VerifyAddressResponse";
    /// <summary>Root of an error answer.</summary>
    public const string ErrorRoot = "Error";

    /// <summary>An <c>&lt;ImportJob&gt;</c> of GetJob / ListJob.</summary>
    public static MgwJob Job(XElement e)
    {
        WireFields fields = WireFields.Tolerant();
        MgwJobSpec spec = MgwJobSpecXml.ReadSpec(e, fields);
        return new MgwJob(spec)
        {
            Version = Text(e, "Version"),
            Status = Text(e, "Status") is { } status ? new MgwJobStatus(status.Trim()) : null,
            OverwriteModeText = Text(e, "OverwriteMode"),
            TransferModeText = Text(e, "TransferMode"),
            LogModeText = Text(e.Element("Audit"), "LogMode"),
            TargetStorageClassText = Text(e, "TargetStorageClass"),
            CreateTime = fields.Time(e, "CreateTime"),
            ModifyTime = fields.Time(e, "ModifyTime"),
            ParentName = Text(e, "ParentName"),
            Owner = Text(e, "Owner"),
            EnableMultiVersioning = fields.Bool(e, "EnableMultiVersioning"),
            UnreadValues = fields.Unread,
        };
    }

    /// <summary>A ListJob page.</summary>
    public static MgwPage<MgwJob> JobPage(XElement root) => Page(root, JobRoot, Job);

    /// <summary>One <c>&lt;JobHistory&gt;</c>.</summary>
    public static MgwJobRun History(XElement e)
    {
        WireFields f = WireFields.Tolerant();
        return new MgwJobRun
        {
            Name = Text(e, "Name"),
            JobVersion = Text(e, "JobVersion"),
            RuntimeId = Text(e, "RuntimeId"),
            CommitId = Text(e, "CommitId"),
            StartTime = f.Time(e, "StartTime"),
            EndTime = f.Time(e, "EndTime"),
            Status = Text(e, "Status") is { } status ? new MgwJobStatus(status.Trim()) : null,
            TotalCount = f.Long(e, "TotalCount"),
            CopiedCount = f.Long(e, "CopiedCount"),
            FailedCount = f.Long(e, "FailedCount"),
            TotalSize = f.Long(e, "TotalSize"),
            CopiedSize = f.Long(e, "CopiedSize"),
            SkippedCount = f.Long(e, "SkippedCount"),
            SkippedSize = f.Long(e, "SkippedSize"),
            RuntimeState = Text(e, "RuntimeState"),
            Message = Text(e, "Message"),
            Operator = Text(e, "Operator"),
            ListStatus = Text(e, "ListStatus"),
            UnreadValues = f.Unread,
        };
    }

    /// <summary>A ListJobHistory page.</summary>
    public static MgwPage<MgwJobRun> HistoryPage(XElement root) => Page(root, "JobHistory", History);

    /// <summary>GetJobResult's <c>&lt;ImportJobResult&gt;</c>; the job name and run come from the request.</summary>
    public static MgwJobResult JobResult(string jobName, int runtimeId, XElement e)
    {
        WireFields f = WireFields.Tolerant();
        return new MgwJobResult
        {
            JobName = jobName,
            RuntimeId = runtimeId,
            ReadyRetry = Text(e, "ReadyRetry"),
            Version = Text(e, "Version"),
            AddressType = Text(e, "AddressType"),
            InvPath = Text(e, "InvPath"),
            InvBucket = Text(e, "InvBucket"),
            InvDomain = Text(e, "InvDomain"),
            InvLocation = Text(e, "InvLocation"),
            InvAccessId = Text(e, "InvAccessId"),
            InvAccessSecret = Text(e, "InvAccessSecret"),
            InvRegionId = Text(e, "InvRegionId"),
            TotalObjectCount = f.Long(e, "TotalObjectCount"),
            CopiedObjectCount = f.Long(e, "CopiedObjectCount"),
            FailedObjectCount = f.Long(e, "FailedObjectCount"),
            TotalObjectSize = f.Long(e, "TotalObjectSize"),
            CopiedObjectSize = f.Long(e, "CopiedObjectSize"),
            SkippedObjectCount = f.Long(e, "SkippedObjectCount"),
            SkippedObjectSize = f.Long(e, "SkippedObjectSize"),
            UnreadValues = f.Unread,
        };
    }

    /// <summary>GetReport's <c>&lt;GetReportResponse&gt;</c>; the job ID and run come from the request.</summary>
    public static MgwReport Report(string version, int? runtimeId, XElement e)
    {
        WireFields f = WireFields.Tolerant();
        return new MgwReport
        {
            JobVersion = version,
            RuntimeId = runtimeId,
            Status = Text(e, "Status"),
            TotalCount = f.Long(e, "TotalCount"),
            CopiedCount = f.Long(e, "CopiedCount"),
            SkippedCount = f.Long(e, "SkippedCount"),
            FailedCount = f.Long(e, "FailedCount"),
            JobCreateTime = f.Time(e, "JobCreateTime"),
            JobEndTime = f.Time(e, "JobEndTime"),
            JobExecuteTime = Text(e, "JobExecuteTime"),
            ReportCreateTime = f.Time(e, "ReportCreateTime"),
            ReportEndTime = f.Time(e, "ReportEndTime"),
            TotalListPrefix = Text(e, "TotalListPrefix"),
            SkippedListPrefix = Text(e, "SkippedListPrefix"),
            FailedListPrefix = Text(e, "FailedListPrefix"),
            ErrorMessage = Text(e, "ErrorMessage"),
            UnreadValues = f.Unread,
        };
    }

    /// <summary>An <c>&lt;ImportAddress&gt;</c> of GetAddress / ListAddress; a secret in it is dropped on purpose.</summary>
    public static MgwAddress Address(XElement e)
    {
        WireFields f = WireFields.Tolerant();
        XElement? verify = e.Element("VerifyResult");
        XElement? d = e.Element("AddressDetail");
        return new MgwAddress
        {
            Name = Text(e, "Name"),
            Detail = new MgwAddressDetail
            {
                AddressType = Text(d, "AddressType"),
                Bucket = Text(d, "Bucket"),
                Domain = Text(d, "Domain"),
                FullAccessId = Text(d, "AccessId"),
                Prefix = Text(d, "Prefix"),
                RegionId = Text(d, "RegionId"),
                Role = Text(d, "Role"),
                AgentList = Text(d, "AgentList"),
                InvBucket = Text(d, "InvBucket"),
                InvDomain = Text(d, "InvDomain"),
                FullInvAccessId = Text(d, "InvAccessId"),
                InvPath = Text(d, "InvPath"),
                InvRegionId = Text(d, "InvRegionId"),
                InvRole = Text(d, "InvRole"),
                InvLocation = Text(d, "InvLocation"),
                DataType = Text(d, "DataType"),
                HdfsAuthType = Text(d?.Element("HdfsAuthConfig"), "AuthType"),
                HdfsUserName = Text(d?.Element("HdfsAuthConfig"), "UserName"),
            },
            Tags = Text(e, "Tags"),
            Owner = Text(e, "Owner"),
            Version = Text(e, "Version"),
            Status = Text(e, "Status"),
            CreateTime = f.Time(e, "CreateTime"),
            ModifyTime = f.Time(e, "ModifyTime"),
            VerifyTime = f.Time(e, "VerifyTime"),
            VerifyHttpCode = Text(verify, "HttpCode"),
            VerifyErrorCode = Text(verify, "ErrorCode"),
            VerifyErrorMessage = Text(verify, "ErrorMsg"),
            UnreadValues = f.Unread,
        };
    }

    /// <summary>A ListAddress page.</summary>
    public static MgwPage<MgwAddress> AddressPage(XElement root) => Page(root, AddressRoot, Address);

    /// <summary>VerifyAddress's answer; the address name comes from the request.</summary>
    public static MgwAddressVerification Verification(string name, XElement e)
    {
        WireFields f = WireFields.Tolerant();
        return new MgwAddressVerification
        {
            Name = name,
            Status = Text(e, "Status"),
            VerifyTime = f.Time(e, "VerifyTime"),
            ErrorCode = Text(e, "ErrorCode"),
            ErrorMessage = Text(e, "ErrorMessage"),
            UnreadValues = f.Unread,
        };
    }

    /// <summary>Reads a GetJob answer by job ID (any job name).</summary>
    public static readonly AnswerReader JobReader = new(JobRoot, Job);

    /// <summary>
    /// Reads a GetJob answer by name: a job without that name (another, or none) is no answer to the question, and
    /// fails like a body that is not XML.
    /// </summary>
    public static AnswerReader JobReaderFor(string name) => new(JobRoot, e =>
    {
        MgwJob job = Job(e);
        if (!string.Equals(job.Name, name, StringComparison.Ordinal))
        {
            throw new FormatException(string.IsNullOrEmpty(job.Name)
                ? $"it names no job, where job '{name}' was asked for."
                : $"it is job '{job.Name}', where job '{name}' was asked for.");
        }

        return job;
    });

    /// <summary>Reads a ListJob answer.</summary>
    public static readonly AnswerReader JobPageReader = new(JobListRoot, JobPage);

    /// <summary>Reads a ListJobHistory answer.</summary>
    public static readonly AnswerReader HistoryPageReader = new(HistoryListRoot, HistoryPage);

    /// <summary>Reads a GetAddress answer.</summary>
    public static readonly AnswerReader AddressReader = new(AddressRoot, Address);

    /// <summary>Reads a ListAddress answer.</summary>
    public static readonly AnswerReader AddressPageReader = new(AddressListRoot, AddressPage);

    /// <summary>Reads a GetJobResult answer for job <paramref name="jobName"/>, run <paramref name="runtimeId"/>.</summary>
    public static AnswerReader JobResultReader(string jobName, int runtimeId) => new(JobResultRoot, e => JobResult(jobName, runtimeId, e));

    /// <summary>Reads a GetReport answer for job ID <paramref name="version"/>.</summary>
    public static AnswerReader ReportReader(string version, int? runtimeId) => new(ReportRoot, e => Report(version, runtimeId, e));

    /// <summary>Reads a VerifyAddress answer for address <paramref name="name"/>.</summary>
    public static AnswerReader VerificationReader(string name) => new(VerifyRoot, e => Verification(name, e));

    /// <summary>
    /// The elements of an error answer's body, or null when it is not an <c>&lt;Error&gt;</c> document (empty, a proxy's
    /// page, a DTD, too deep or too long).
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static ServiceErrorBody? TryError(string body, long maxCharacters, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(body)) return null;
        try
        {
            return Error(WireXml.Parse(body, ErrorRoot, maxCharacters, cancellationToken));
        }
        catch (Exception ex) when (ex is XmlException || ex is FormatException)
        {
            return null;
        }
    }

    /// <summary>The fields of an <c>&lt;Error&gt;</c> answer (mgw-api.md §4.1).</summary>
    public static ServiceErrorBody Error(XElement error) => new(
        Text(error, "Code"),
        Text(error, "Message"),
        Text(error, "RequestId"),
        Text(error, "HostId"),
        Text(error, "EC"),
        Text(error, "RecommendDoc"),
        Text(error, "AccessDeniedDetail"));

    private static string? Text(XElement? parent, string name) => WireXml.Text(parent, name);

    // A page of any listing (jobs, histories, addresses, agents, tunnels) never fails on its paging fields: an unreadable
    // Truncated means "more" exactly when a marker was sent (the caller stops at a marker it has seen).
    internal static MgwPage<T> Page<T>(XElement root, string itemName, Func<XElement, T> read)
    {
        List<T> items = root.Elements(itemName).Select(read).ToList();
        string? marker = Text(root, "NextMarker");
        bool? truncated = WireFields.Tolerant().Bool(root, "Truncated");
        return new MgwPage<T>(items, truncated ?? (Text(root, "Truncated") is not null && marker is not null), marker);
    }
}

/// <summary>
/// How one kind of answer is read: the root element it must have, and what is made of it. Only a body that is not XML
/// (within the wire layer's limits) or lacks that root fails.
/// </summary>
internal sealed class AnswerReader
{
    private readonly Func<XElement, object> _read;

    /// <summary>A reader of answers rooted at <paramref name="root"/>.</summary>
    public AnswerReader(string root, Func<XElement, object> read)
    {
        Root = root;
        _read = read;
    }

    /// <summary>The root element the answer must have.</summary>
    public string Root { get; }

    /// <summary>Parses <paramref name="body"/> and reads it.</summary>
    /// <exception cref="FormatException">Not XML, a DTD, over <paramref name="maxCharacters"/>, nested too deep, or another root; the message says which.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public object Read(string body, long maxCharacters, CancellationToken cancellationToken)
    {
        XElement root;
        try
        {
            root = WireXml.Parse(body, Root, maxCharacters, cancellationToken);
        }
        catch (XmlException ex)
        {
            throw new FormatException(ex.Message, ex);
        }

        return _read(root);
    }
}

/// <summary>The elements of an <c>&lt;Error&gt;</c> answer, as sent.</summary>
internal sealed record ServiceErrorBody(
    string? Code, string? Message, string? RequestId, string? HostId, string? EcCode, string? RecommendDoc, string? AccessDeniedDetail);
