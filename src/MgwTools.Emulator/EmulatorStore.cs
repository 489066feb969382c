using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
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
/// Addresses, jobs and reports with the service's rules. Every public method takes the one lock, so
/// concurrent requests see a consistent state and a rule check and the change it guards are atomic.
/// </summary>
internal sealed class EmulatorStore
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
    }

    public object SyncRoot => _lock;

    public int JobCount
    {
        get
        {
            lock (_lock) return _jobs.Count;
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _addresses.Clear();
            _jobs.Clear();
            _reports.Clear();
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
        lock (_lock)
        {
            DateTimeOffset now = _clock.UtcNow;
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

            var job = new JobRecord(spec, Guid.NewGuid().ToString(), now, _owner, parent, _options);
            _jobs[job.Name] = job;
            return job;
        }
    }

    public JobRecord GetJob(string nameOrVersion, bool byVersion)
    {
        lock (_lock)
        {
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
            JobRecord job = FindJob(name);
            DateTimeOffset now = _clock.UtcNow;
            job.Refresh(now);
            switch (status)
            {
                case null:
                    if (bandwidth.HasValue) job.Spec.MaxBandwidth = bandwidth;
                    if (qps.HasValue) job.Spec.MaxQps = qps;
                    job.ModifyTime = now;
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

    public void DeleteJob(string name, bool force)
    {
        lock (_lock)
        {
            JobRecord job = FindJob(name);
            var children = _jobs.Values.Where(j => j.ParentVersion == job.Version).ToList();
            if (children.Count > 0 && !force)
            {
                throw new ServiceException(ServiceErrors.InvalidArgument,
                    $"The import job '{name}' has {children.Count} subtask(s); set forceDelete=true to delete it with them.");
            }

            // Deleting is immediate here (the service's transient "Deleting" state has no documented wire value).
            var doomed = new List<JobRecord> { job };
            for (int i = 0; i < doomed.Count; i++)
            {
                doomed.AddRange(_jobs.Values.Where(j => j.ParentVersion == doomed[i].Version));
            }

            foreach (JobRecord j in doomed)
            {
                _jobs.Remove(j.Name);
                _reports.RemoveAll(r => r.JobVersion == j.Version);
            }
        }
    }

    public (JobRecord Job, RunRecord Run, Progress Progress) GetJobResult(string name, int runtimeId)
    {
        lock (_lock)
        {
            JobRecord job = FindJob(name);
            DateTimeOffset now = _clock.UtcNow;
            job.Refresh(now);
            RunRecord run = FindRun(job, runtimeId);
            return (job, run, job.ProgressOf(run, now));
        }
    }

    public (JobRecord Job, IReadOnlyList<HistoryRecord> Page, string? NextMarker) ListJobHistory(string name, string? marker, int count, int? runtimeId)
    {
        lock (_lock)
        {
            JobRecord job = FindJob(name);
            job.Refresh(_clock.UtcNow);
            int after = 0;
            if (marker is not null && !int.TryParse(marker, out after))
            {
                throw new ServiceException(ServiceErrors.InvalidArgument, $"The marker '{marker}' is not one this service returned.");
            }

            var matching = job.History.Where(h => h.CommitId > after && (runtimeId is null || h.RuntimeId == runtimeId)).ToList();
            var page = matching.Take(count).ToList();
            string? next = matching.Count > count ? page[page.Count - 1].CommitId.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
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
            JobRecord job = name is not null ? FindJob(name) : GetJob(version!, byVersion: true);
            if (version is not null && !string.Equals(job.Version, version, StringComparison.OrdinalIgnoreCase))
            {
                throw new ServiceException(ServiceErrors.NoSuchImportJob, $"The import job '{name}' has no version '{version}'.");
            }

            job.Refresh(_clock.UtcNow);
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
            DateTimeOffset now = _clock.UtcNow;
            return _jobs.Values.Select(j =>
            {
                j.Refresh(now);
                return new EmulatorJob(j);
            }).ToList();
        }
    }

    public IReadOnlyList<EmulatorAddress> SnapshotAddresses()
    {
        lock (_lock) return _addresses.Values.Select(a => new EmulatorAddress(a)).ToList();
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
