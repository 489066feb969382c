using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Cronos;
using MgwTools.Core.Wire;
using MgwTools.Core.Specs;

namespace MgwTools.Emulator;

/// <summary>A data address as the emulator keeps it.</summary>
internal sealed class AddressRecord
{
    public AddressRecord(string name, XElement detail, string? tags, DateTimeOffset now, string owner)
    {
        Name = name;
        Detail = detail;
        Tags = tags;
        CreateTime = ModifyTime = now;
        Owner = owner;
        Version = Guid.NewGuid().ToString();
    }

    public string Name { get; }
    public XElement Detail { get; set; }
    public string? Tags { get; }
    public DateTimeOffset CreateTime { get; }
    public DateTimeOffset ModifyTime { get; set; }
    public DateTimeOffset? VerifyTime { get; set; }
    public string Owner { get; }
    public string Version { get; }
    public string AddressType => Detail.Element("AddressType")?.Value ?? "";
}

/// <summary>A migration report request (CreateReport, or CreateReport=true at the end of a run).</summary>
internal sealed class ReportRecord
{
    public string JobVersion { get; set; } = "";
    public int RuntimeId { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
}

/// <summary>
/// Where the emulator "keeps" the failed-file lists of finished runs (GetJobResult's inventory location): one
/// bucket per emulator, one manifest per run, and a generated key pair for reading them.
/// </summary>
internal sealed class RetryInventory
{
    public const string AddressType = "ossinv";
    public const string Location = "oss";

    public RetryInventory(string accountId, string region)
    {
        Bucket = "mgw-retry-lists-" + accountId;
        RegionId = "oss-" + region;
        Domain = RegionId + ".aliyuncs.com";
        AccessId = "LTAI" + RandomText(20);
        AccessSecret = RandomText(30);
    }

    public string Bucket { get; }
    public string RegionId { get; }
    public string Domain { get; }
    public string AccessId { get; }
    public string AccessSecret { get; }

    /// <summary>The manifest of <paramref name="run"/>'s failed files: <c>&lt;job&gt;/&lt;version&gt;/&lt;runtimeId&gt;/manifest.json</c>.</summary>
    public static string PathOf(JobRecord job, RunRecord run) =>
        string.Format(CultureInfo.InvariantCulture, "{0}/{1}/{2}/manifest.json", job.Name, job.Version, run.RuntimeId);

    /// <summary>The job version and runtime id a manifest path names, if it has the shape of <see cref="PathOf"/>.</summary>
    public static bool TryParsePath(string? path, out string version, out int runtimeId)
    {
        version = "";
        runtimeId = 0;
        string[] parts = (path ?? "").Trim().TrimStart('/').Split('/');
        if (parts.Length != 4 || parts[3] != "manifest.json") return false;
        version = parts[1];
        return int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out runtimeId);
    }

    internal static string RandomText(int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var bytes = new byte[length];
        using (var rng = RandomNumberGenerator.Create()) rng.GetBytes(bytes);
        return new string(bytes.Select(b => alphabet[b % alphabet.Length]).ToArray());
    }
}

/// <summary>
/// Addresses, jobs and reports with the service's rules. Every public method takes the one lock, so
/// concurrent requests see a consistent state and a rule check and the change it guards are atomic.
/// </summary>
internal sealed partial class EmulatorStore
{
    // The API rule for job and address names (mgw-api.md §2.2): lowercase, digits, '-', '_', 3-63, no leading '-'/'_'.
    private static readonly Regex s_nameRule = new("^[a-z0-9][a-z0-9_-]{2,62}$", RegexOptions.CultureInvariant);
    private static readonly Regex s_tagRule = new("^[A-Za-z0-9_,:-]*$", RegexOptions.CultureInvariant);
    private readonly object _lock = new();
    private readonly MgwEmulatorOptions _options;
    private readonly EmulatorClock _clock;
    private readonly string _owner;
    private readonly SortedDictionary<string, AddressRecord> _addresses = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, JobRecord> _jobs = new(StringComparer.Ordinal);
    private readonly List<ReportRecord> _reports = new();

    public EmulatorStore(MgwEmulatorOptions options, EmulatorClock clock)
    {
        _options = options;
        _clock = clock;
        _owner = options.AccountId;
        Inventory = new RetryInventory(options.AccountId, options.Region);
    }

    public object SyncRoot => _lock;

    /// <summary>Where failed-file lists are kept.</summary>
    public RetryInventory Inventory { get; }

    public int JobCount
    {
        get
        {
            lock (_lock)
            {
                CatchUp(_clock.UtcNow);
                return _jobs.Count;
            }
        }
    }

    /// <summary>
    /// Brings every job to <paramref name="now"/> (state changes, schedule firings) and forgets the jobs whose
    /// deletion is over. Every operation starts with it, so what one job's schedule did is seen by all.
    /// </summary>
    private void CatchUp(DateTimeOffset now)
    {
        List<JobRecord>? gone = null;
        foreach (JobRecord job in _jobs.Values)
        {
            job.Refresh(now);
            if (job.IsGone) (gone ??= new List<JobRecord>()).Add(job);
        }

        if (gone is null) return;
        foreach (JobRecord job in gone)
        {
            _jobs.Remove(job.Name);
            _reports.RemoveAll(r => r.JobVersion == job.Version);
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _addresses.Clear();
            _jobs.Clear();
            _reports.Clear();
            ClearAgents();
        }
    }

    // ---- addresses -------------------------------------------------------------------------------

    public void CreateAddress(XElement body)
    {
        string name = Required(body, "Name");
        CheckName(name, "address");
        XElement? detail = body.Element("AddressDetail");
        if (detail is null || string.IsNullOrWhiteSpace(detail.Element("AddressType")?.Value))
        {
            throw new ServiceException(ServiceErrors.InvalidArgument, "AddressDetail/AddressType is required.");
        }

        if (string.Equals(detail.Element("AddressType")!.Value.Trim(), RetryInventory.AddressType, StringComparison.OrdinalIgnoreCase))
        {
            // An inventory address reads its file list from a manifest in a bucket (e.g. GetJobResult's failed-file list).
            foreach (string element in new[] { "InvBucket", "InvPath" })
            {
                if (NonEmpty(detail.Element(element)?.Value) is null)
                {
                    throw new ServiceException(ServiceErrors.InvalidArgument,
                        $"AddressDetail/{element} is required for an address of type ossinv (the inventory's bucket and manifest path).");
                }
            }

            string? location = NonEmpty(detail.Element("InvLocation")?.Value)?.Trim();
            if (location is not null && location is not ("oss" or "s3" or "cos"))
            {
                throw new ServiceException(ServiceErrors.InvalidArgument, $"AddressDetail/InvLocation '{location}' is not one of oss, s3 and cos.");
            }
        }

        string? tags = NonEmpty(body.Element("Tags")?.Value);
        if (tags is not null) CheckTags(tags);
        lock (_lock)
        {
            if (_addresses.ContainsKey(name))
            {
                throw new ServiceException(ServiceErrors.ImportAddressAlreadyExist, $"The import address '{name}' already exists.");
            }

            if (_addresses.Count >= _options.MaxAddresses)
            {
                throw new ServiceException(ServiceErrors.ImportAddressNumExceed,
                    $"The number of import addresses exceeds the limit of {_options.MaxAddresses} per region.");
            }

            _addresses[name] = new AddressRecord(name, new XElement(detail), tags, _clock.UtcNow, _owner);
        }
    }

    public AddressRecord GetAddress(string name)
    {
        lock (_lock) return FindAddress(name);
    }

    public (IReadOnlyList<AddressRecord> Page, string? NextMarker) ListAddresses(string? marker, int count)
    {
        lock (_lock) return Page(_addresses, marker, count, _ => true);
    }

    public void UpdateAddress(string name, XElement body)
    {
        string? agents = body.Element("AgentList")?.Value;
        if (agents is null)
        {
            throw new ServiceException(ServiceErrors.InvalidArgument, "UpdateAddress takes only AgentList, and it is missing.");
        }

        lock (_lock)
        {
            AddressRecord address = FindAddress(name);
            var detail = new XElement(address.Detail);
            detail.SetElementValue("AgentList", agents);
            address.Detail = detail;
            address.ModifyTime = _clock.UtcNow;
        }
    }

    public void DeleteAddress(string name)
    {
        lock (_lock)
        {
            CatchUp(_clock.UtcNow);
            FindAddress(name);
            JobRecord? user = _jobs.Values.FirstOrDefault(j => j.Spec.SourceAddress == name || j.Spec.DestinationAddress == name);
            if (user is not null)
            {
                throw new ServiceException(ServiceErrors.ImportAddressIsOccupied, $"The import address '{name}' is used by import job '{user.Name}'.");
            }

            _addresses.Remove(name);
        }
    }

    public AddressRecord VerifyAddress(string name)
    {
        lock (_lock)
        {
            AddressRecord address = FindAddress(name);
            address.VerifyTime = _clock.UtcNow;
            return address;
        }
    }

    // ---- jobs ------------------------------------------------------------------------------------

    /// <summary>CreateJob: the rules in the order the service would meet them; returns the new job.</summary>
    public JobRecord CreateJob(XElement body)
    {
        MgwJobSpec spec = ReadSpec(body);
        CheckSpec(body, spec);
        DateTimeOffset created = _clock.UtcNow;
        CronExpression? startCron = ParseCron(spec.StartCron, "StartCronExpression", created);
        CronExpression? suspendCron = ParseCron(spec.SuspendCron, "SuspendCronExpression", created);
        lock (_lock)
        {
            DateTimeOffset now = _clock.UtcNow;
            CatchUp(now);
            if (_jobs.ContainsKey(spec.Name!))
            {
                throw new ServiceException(ServiceErrors.ImportJobAlreadyExist, $"The import job '{spec.Name}' already exists.");
            }

            foreach (string address in new[] { spec.SourceAddress!, spec.DestinationAddress! })
            {
                if (!_addresses.ContainsKey(address))
                {
                    throw new ServiceException(ServiceErrors.NoSuchImportAddress, $"The import address '{address}' does not exist.");
                }
            }

            JobRecord? parent = null;
            if (spec.ParentVersion is { } parentVersion)
            {
                parent = _jobs.Values.FirstOrDefault(j => string.Equals(j.Version, parentVersion.Trim(), StringComparison.OrdinalIgnoreCase))
                    ?? throw new ServiceException(ServiceErrors.NoSuchImportJobParent, $"The parent import job with version '{parentVersion}' does not exist.");
                if (parent.IsDeleting)
                {
                    throw new ServiceException(ServiceErrors.NoSuchImportJobParent, $"The parent import job '{parent.Name}' (version '{parentVersion}') is being deleted.");
                }
                if (parent.Depth + 1 > _options.MaxDepth)
                {
                    throw new ServiceException(ServiceErrors.ImportJobDepthExceed, string.Format(
                        System.Globalization.CultureInfo.InvariantCulture,
                        "The import job would be nested {0} levels deep (parent '{1}'); the limit is {2}.",
                        parent.Depth + 1, parent.Name, _options.MaxDepth));
                }
            }

            // A child job re-runs (part of) its family's work, so it may share an address pair with its
            // ancestors, siblings and descendants; any other job on the same pair is refused.
            string root = parent?.RootVersion ?? "";
            JobRecord? twin = _jobs.Values.FirstOrDefault(j =>
                j.Spec.SourceAddress == spec.SourceAddress && j.Spec.DestinationAddress == spec.DestinationAddress &&
                !(parent is not null && j.RootVersion == root));
            if (twin is not null)
            {
                throw new ServiceException(ServiceErrors.ImportJobRepeatedOnSameAddress,
                    $"The import job '{twin.Name}' already migrates from '{spec.SourceAddress}' to '{spec.DestinationAddress}'.");
            }

            if (_jobs.Count >= _options.MaxJobs)
            {
                throw new ServiceException(ServiceErrors.ImportJobNumExceed,
                    $"The number of import jobs exceeds the limit of {_options.MaxJobs} per region.");
            }

            var job = new JobRecord(spec, Guid.NewGuid().ToString(), now, _owner, parent, _options, WorkloadOf, startCron, suspendCron);
            _jobs[job.Name] = job;
            return job;
        }
    }

    public JobRecord GetJob(string nameOrVersion, bool byVersion)
    {
        lock (_lock)
        {
            CatchUp(_clock.UtcNow);
            JobRecord job = byVersion
                ? _jobs.Values.FirstOrDefault(j => string.Equals(j.Version, nameOrVersion, StringComparison.OrdinalIgnoreCase))
                  ?? throw new ServiceException(ServiceErrors.NoSuchImportJob, $"The import job with version '{nameOrVersion}' does not exist.")
                : FindJob(nameOrVersion);
            job.Refresh(_clock.UtcNow);
            return job;
        }
    }

    public (IReadOnlyList<JobRecord> Page, string? NextMarker) ListJobs(string? marker, int count, string? parentName, bool all)
    {
        lock (_lock)
        {
            DateTimeOffset now = _clock.UtcNow;
            CatchUp(now);
            Func<JobRecord, bool> filter = parentName is not null
                ? j => j.ParentName == parentName
                : all ? _ => true : j => j.ParentVersion is null;
            var page = Page(_jobs, marker, count, filter);
            foreach (JobRecord job in page.Page) job.Refresh(now);
            return page;
        }
    }

    public void UpdateJob(string name, XElement body)
    {
        string? status = NonEmpty(body.Element("Status")?.Value)?.Trim();
        XElement? qos = body.Element("ImportQos");
        if (status is not null && qos is not null)
        {
            throw new ServiceException(ServiceErrors.InvalidArgument, "Update either the status or the throttling (ImportQos) of a job in one request, not both.");
        }

        if (status is null && qos is null)
        {
            throw new ServiceException(ServiceErrors.InvalidArgument, "The request updates nothing: give Status or ImportQos.");
        }

        long? bandwidth = null, qps = null;
        if (qos is not null)
        {
            bandwidth = PositiveLong(qos, "MaxBandWidth");
            qps = PositiveLong(qos, "MaxImportTaskQps");
        }

        lock (_lock)
        {
            DateTimeOffset now = _clock.UtcNow;
            CatchUp(now);
            JobRecord job = FindJob(name);
            switch (status)
            {
                case null:
                    job.SetQos(bandwidth, qps, now);
                    break;
                case JobStatus.Launching:
                    job.Launch(now);
                    break;
                case JobStatus.Suspend:
                    job.Suspend(now);
                    break;
                case JobStatus.Closing:
                    job.Close(now);
                    break;
                default:
                    throw new ServiceException(ServiceErrors.InvalidArgument,
                        $"The status '{status}' cannot be set; use IMPORT_JOB_LAUNCHING, IMPORT_JOB_SUSPEND or IMPORT_JOB_CLOSING.");
            }
        }
    }

    /// <summary>
    /// DeleteJob: the job (and with <paramref name="force"/> its subtasks) goes to DELETING and disappears
    /// <see cref="MgwEmulatorOptions.DeletingDuration"/> later. A job with subtasks needs <paramref name="force"/>.
    /// </summary>
    public void DeleteJob(string name, bool force)
    {
        lock (_lock)
        {
            DateTimeOffset now = _clock.UtcNow;
            CatchUp(now);
            JobRecord job = FindJob(name);
            var children = _jobs.Values.Where(j => j.ParentVersion == job.Version).ToList();
            if (children.Count > 0 && !force)
            {
                throw new ServiceException(ServiceErrors.InvalidArgument,
                    $"The import job '{name}' has {children.Count} subtask(s); set forceDelete=true to delete it with them.");
            }

            var doomed = new List<JobRecord> { job };
            for (int i = 0; i < doomed.Count; i++)
            {
                doomed.AddRange(_jobs.Values.Where(j => j.ParentVersion == doomed[i].Version));
            }

            foreach (JobRecord j in doomed) j.Delete(now);
        }
    }

    public (JobRecord Job, RunRecord Run, Progress Progress) GetJobResult(string name, int runtimeId)
    {
        lock (_lock)
        {
            DateTimeOffset now = _clock.UtcNow;
            CatchUp(now);
            JobRecord job = FindJob(name);
            RunRecord run = FindRun(job, runtimeId);
            return (job, run, job.ProgressOf(run, now));
        }
    }

    /// <summary>ListJobHistory: the entries after <paramref name="marker"/>; the latest entry of a run under way
    /// carries the run's counts as they are now.</summary>
    public (JobRecord Job, IReadOnlyList<HistoryRecord> Page, string? NextMarker) ListJobHistory(string name, string? marker, int count, int? runtimeId)
    {
        lock (_lock)
        {
            DateTimeOffset now = _clock.UtcNow;
            CatchUp(now);
            JobRecord job = FindJob(name);
            int after = 0;
            if (marker is not null && !int.TryParse(marker, NumberStyles.None, CultureInfo.InvariantCulture, out after))
            {
                throw new ServiceException(ServiceErrors.InvalidArgument, $"The marker '{marker}' is not one this service returned.");
            }

            var matching = job.History.Where(h => h.CommitId > after && (runtimeId is null || h.RuntimeId == runtimeId)).ToList();
            var page = matching.Take(count)
                .Select(h => job.IsLive(h) ? h.With(job.ProgressOf(job.CurrentRun!, now), job.CurrentRun!.Listed) : h)
                .ToList();
            string? next = matching.Count > count ? page[page.Count - 1].CommitId.ToString(CultureInfo.InvariantCulture) : null;
            return (job, page, next);
        }
    }

    public void CreateReport(XElement body)
    {
        string? name = NonEmpty(body.Element("JobName")?.Value);
        string? version = NonEmpty(body.Element("Version")?.Value);
        string? runtimeText = NonEmpty(body.Element("RuntimeId")?.Value);
        if (name is null && version is null)
        {
            throw new ServiceException(ServiceErrors.InvalidArgument, "CreateReport needs JobName or Version.");
        }

        int? runtimeId = null;
        if (runtimeText is not null)
        {
            if (!int.TryParse(runtimeText, out int r)) throw new ServiceException(ServiceErrors.InvalidArgument, $"RuntimeId '{runtimeText}' is not an integer.");
            runtimeId = r;
        }

        lock (_lock)
        {
            CatchUp(_clock.UtcNow);
            JobRecord job = name is not null ? FindJob(name) : GetJob(version!, byVersion: true);
            if (version is not null && !string.Equals(job.Version, version, StringComparison.OrdinalIgnoreCase))
            {
                throw new ServiceException(ServiceErrors.NoSuchImportJob, $"The import job '{name}' has no version '{version}'.");
            }

            RunRecord run = runtimeId is null ? job.CurrentRun ?? NoRun(job) : FindRun(job, runtimeId.Value);
            _reports.RemoveAll(r => r.JobVersion == job.Version && r.RuntimeId == run.RuntimeId);
            _reports.Add(new ReportRecord { JobVersion = job.Version, RuntimeId = run.RuntimeId, RequestedAt = _clock.UtcNow });
        }
    }

    /// <summary>GetReport: the job, run, report (null = NotExist) and whether the report is ready.</summary>
    public (JobRecord Job, RunRecord? Run, Progress Progress, ReportRecord? Report, DateTimeOffset? ReadyAt) GetReport(string version, int? runtimeId)
    {
        lock (_lock)
        {
            JobRecord job = GetJob(version, byVersion: true);
            DateTimeOffset now = _clock.UtcNow;
            RunRecord? run = runtimeId is null ? job.CurrentRun : FindRun(job, runtimeId.Value);
            if (run is null) return (job, null, default, null, null);
            ReportRecord? report = _reports.FirstOrDefault(r => r.JobVersion == job.Version && r.RuntimeId == run.RuntimeId);
            if (report is null && job.Spec.CreateReport == true && run.End is { } end)
            {
                report = new ReportRecord { JobVersion = job.Version, RuntimeId = run.RuntimeId, RequestedAt = end };
            }

            if (report is null) return (job, run, job.ProgressOf(run, now), null, null);
            // A report covers a whole run: it is ready a while after both the request and the end of the run.
            DateTimeOffset? readyAt = run.End is { } runEnd
                ? (runEnd > report.RequestedAt ? runEnd : report.RequestedAt) + _options.ReportDuration
                : null;
            return (job, run, job.ProgressOf(run, now), report, readyAt);
        }
    }

    /// <summary>A snapshot for tests, each job brought up to the clock.</summary>
    public IReadOnlyList<EmulatorJob> SnapshotJobs()
    {
        lock (_lock)
        {
            CatchUp(_clock.UtcNow);
            return _jobs.Values.Select(j => new EmulatorJob(j)).ToList();
        }
    }

    public IReadOnlyList<EmulatorAddress> SnapshotAddresses()
    {
        lock (_lock) return _addresses.Values.Select(a => new EmulatorAddress(a)).ToList();
    }

    // ---- workloads -------------------------------------------------------------------------------

    /// <summary>
    /// What a run of <paramref name="job"/> starting at <paramref name="at"/> migrates. A source that is a retry
    /// inventory — an <c>ossinv</c> address naming the failed-file list of a finished run with failures — holds
    /// exactly that run's failed files, and they all succeed. Any other source gets figures drawn from
    /// <see cref="MgwEmulatorOptions.Seed"/> and the source address name (the same each run and each emulator
    /// with that seed), of which <see cref="MgwEmulatorOptions.FailureRate"/> fail.
    /// </summary>
    private Workload WorkloadOf(JobRecord job, DateTimeOffset at)
    {
        string source = job.Spec.SourceAddress!;
        if (_addresses.TryGetValue(source, out AddressRecord? address) && TryRetryList(address, job, at, out Workload retry))
        {
            return retry;
        }

        uint h = Fnv(string.Format(CultureInfo.InvariantCulture, "{0}:{1}", _options.Seed, source));
        long total = 1000 + h % 99000;
        long averageSize = 4096L << (int)((h >> 20) % 10);
        long skipped = job.Spec.OverwriteMode == OverwriteMode.Never ? total / 10 : 0;
        double rate = _options.AddressFailureRates.TryGetValue(source, out double own) ? own : _options.FailureRate;
        long failed = (long)Math.Round((total - skipped) * rate, MidpointRounding.AwayFromZero);
        return new Workload(total, total * averageSize, failed, skipped, isRetry: false);
    }

    private bool TryRetryList(AddressRecord address, JobRecord job, DateTimeOffset at, out Workload workload)
    {
        workload = default;
        if (!string.Equals(address.AddressType.Trim(), RetryInventory.AddressType, StringComparison.OrdinalIgnoreCase) ||
            !string.Equals(address.Detail.Element("InvBucket")?.Value.Trim(), Inventory.Bucket, StringComparison.Ordinal) ||
            !RetryInventory.TryParsePath(address.Detail.Element("InvPath")?.Value, out string version, out int runtimeId))
        {
            return false;
        }

        JobRecord? owner = _jobs.Values.FirstOrDefault(j => string.Equals(j.Version, version, StringComparison.OrdinalIgnoreCase));
        if (owner is null || ReferenceEquals(owner, job)) return false;
        owner.Refresh(at);
        RunRecord? run = owner.Runs.FirstOrDefault(r => r.RuntimeId == runtimeId);
        if (run?.End is not { } end || end > at || run.Workload.Failed == 0) return false;
        workload = new Workload(run.Workload.Failed, run.Workload.Failed * run.Workload.AverageSize, failed: 0, skipped: 0, isRetry: true);
        return true;
    }

    private static uint Fnv(string text)
    {
        uint hash = 2166136261;
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 16777619;
        }

        return hash;
    }

    /// <summary>
    /// A schedule expression as the service takes it: 6 fields, seconds first, evaluated in UTC, firing at all and
    /// at least an hour apart (mgw-api.md §2.2 and §7).
    /// </summary>
    private static CronExpression? ParseCron(string? text, string element, DateTimeOffset from)
    {
        if (text is null) return null;
        CronExpression cron;
        try
        {
            cron = CronExpression.Parse(text.Trim(), CronFormat.IncludeSeconds);
        }
        catch (CronFormatException ex)
        {
            throw new ServiceException(ServiceErrors.InvalidArgument, $"ScheduleRule/{element} '{text}' is not a valid cron expression: {ex.Message}");
        }

        DateTime? previous = cron.GetNextOccurrence(from.UtcDateTime, TimeZoneInfo.Utc);
        if (previous is null)
        {
            throw new ServiceException(ServiceErrors.InvalidArgument, $"ScheduleRule/{element} '{text}' never fires.");
        }

        for (int i = 0; i < 3; i++)
        {
            DateTime? next = cron.GetNextOccurrence(previous.Value, TimeZoneInfo.Utc);
            if (next is null) break;
            if (next.Value - previous.Value < TimeSpan.FromHours(1))
            {
                throw new ServiceException(ServiceErrors.InvalidArgument, string.Format(CultureInfo.InvariantCulture,
                    "ScheduleRule/{0} '{1}' fires at {2:yyyy-MM-dd HH:mm:ss}Z and again at {3:HH:mm:ss}Z; runs must be at least 1 hour apart.",
                    element, text, previous.Value, next.Value));
            }

            previous = next;
        }

        return cron;
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static MgwJobSpec ReadSpec(XElement body)
    {
        try
        {
            return MgwJobSpecXml.Read(body);
        }
        catch (FormatException ex)
        {
            throw new ServiceException(ServiceErrors.InvalidArgument, ex.Message);
        }
    }

    private static void CheckSpec(XElement body, MgwJobSpec spec)
    {
        if (spec.Name is null) throw Missing("Name");
        if (spec.SourceAddress is null) throw Missing("SrcAddress");
        if (spec.DestinationAddress is null) throw Missing("DestAddress");
        if (spec.OverwriteMode is null) throw Missing("OverwriteMode");
        CheckName(spec.Name, "job");
        if (spec.OverwriteMode == OverwriteMode.Always && spec.TransferMode is null)
        {
            throw new ServiceException(ServiceErrors.InvalidArgument, "OverwriteMode 'always' needs TransferMode 'all' or 'lastmodified'.");
        }

        if (spec.OverwriteMode == OverwriteMode.Never && spec.TransferMode == TransferMode.LastModified)
        {
            throw new ServiceException(ServiceErrors.InvalidArgument,
                "OverwriteMode 'never' with TransferMode 'lastmodified' is not a valid combination; use 'all' (or omit it) with 'never'.");
        }

        if (string.Equals(body.Element("EnableMultiVersioning")?.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new ServiceException(ServiceErrors.InvalidArgument, "Multi-version migration (EnableMultiVersioning) is not supported.");
        }

        if (spec.MaxBandwidth is <= 0) throw new ServiceException(ServiceErrors.InvalidArgument, "ImportQos/MaxBandWidth must be greater than 0.");
        if (spec.MaxQps is <= 0) throw new ServiceException(ServiceErrors.InvalidArgument, "ImportQos/MaxImportTaskQps must be greater than 0.");
        if (spec.MaxScheduleCount is <= 0) throw new ServiceException(ServiceErrors.InvalidArgument, "ScheduleRule/MaxScheduleCount must be greater than 0.");
        foreach (string? cron in new[] { spec.StartCron, spec.SuspendCron })
        {
            if (cron is not null && cron.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries).Length != 6)
            {
                throw new ServiceException(ServiceErrors.InvalidArgument, $"The cron expression '{cron}' does not have 6 fields (seconds first).");
            }
        }

        if (NonEmpty(body.Element("Tags")?.Value) is { } tags) CheckTags(tags);
    }

    private static void CheckName(string name, string what)
    {
        if (!s_nameRule.IsMatch(name))
        {
            throw new ServiceException(ServiceErrors.InvalidArgument,
                $"The {what} name '{name}' is invalid: use 3 to 63 lowercase letters, digits, hyphens and underscores, not starting with a hyphen or an underscore.");
        }
    }

    private static void CheckTags(string tags)
    {
        var unreadable = new List<string>();
        SpecBinder.SplitTagText(tags, unreadable);
        if (tags.Length > 1024 || !s_tagRule.IsMatch(tags) || unreadable.Count > 0)
        {
            throw new ServiceException(ServiceErrors.InvalidArgument,
                "Tags must be key:value pairs of letters, digits, '-', '_' and ',', at most 1,024 characters.");
        }
    }

    private static ServiceException Missing(string element) =>
        new(ServiceErrors.InvalidArgument, $"The required element '{element}' is missing.");

    private static string Required(XElement body, string element) =>
        NonEmpty(body.Element(element)?.Value) ?? throw Missing(element);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static long? PositiveLong(XElement parent, string element)
    {
        string? text = NonEmpty(parent.Element(element)?.Value);
        if (text is null) return null;
        if (!long.TryParse(text.Trim(), out long value) || value <= 0)
        {
            throw new ServiceException(ServiceErrors.InvalidArgument, $"ImportQos/{element} must be a whole number greater than 0, not '{text}'.");
        }

        return value;
    }

    private AddressRecord FindAddress(string name) =>
        _addresses.TryGetValue(name, out AddressRecord? a) ? a
            : throw new ServiceException(ServiceErrors.NoSuchImportAddress, $"The import address '{name}' does not exist.");

    private JobRecord FindJob(string name) =>
        _jobs.TryGetValue(name, out JobRecord? j) ? j
            : throw new ServiceException(ServiceErrors.NoSuchImportJob, "The specified import job does not exist.");

    private static RunRecord FindRun(JobRecord job, int runtimeId) =>
        job.Runs.FirstOrDefault(r => r.RuntimeId == runtimeId)
        ?? throw new ServiceException(ServiceErrors.InvalidArgument, $"The import job '{job.Name}' has no run with runtimeId {runtimeId}.");

    private static RunRecord NoRun(JobRecord job) =>
        throw new ServiceException(ServiceErrors.InvalidArgument, $"The import job '{job.Name}' has not run yet; there is nothing to report.");

    private static (IReadOnlyList<T> Page, string? NextMarker) Page<T>(SortedDictionary<string, T> items, string? marker, int count, Func<T, bool> filter)
    {
        var page = new List<T>();
        string? last = null;
        bool more = false;
        foreach (var pair in items)
        {
            if (marker is not null && string.CompareOrdinal(pair.Key, marker) <= 0) continue;
            if (!filter(pair.Value)) continue;
            if (page.Count == count)
            {
                more = true;
                break;
            }

            page.Add(pair.Value);
            last = pair.Key;
        }

        return (page, more ? last : null);
    }
}
