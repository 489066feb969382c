using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using MgwTools.Core.Client;

namespace MgwTools.Core.Specs;

/// <summary>
/// The online pre-flight of job definitions (<c>Test-MgwJobSpec -Online</c>): what the offline rules cannot know, asked
/// of the service before a change window, row after row, with findings that name their row and field like the offline
/// ones:
/// <list type="bullet">
/// <item>the source and destination addresses exist (<c>NoSuchImportAddress</c>) and verified (warnings
/// <c>AddressNotVerified</c>, <c>AddressVerifyFailed</c>): one GetAddress per distinct address name for the whole run;</item>
/// <item>the parent exists, by <c>ParentVersion</c> or by <c>ParentJobName</c> (<c>NoSuchImportJobParent</c>), or is
/// created by an earlier valid row of the same input (else <c>ParentNotCreated</c>);</item>
/// <item>the job name is free (<c>ImportJobAlreadyExist</c>), or with <c>skipExisting</c> the existing job is identical
/// (else <c>ImportJobSpecConflict</c>), and no earlier row uses it (<c>DuplicateJobName</c>);</item>
/// <item>no other job outside the new job's family migrates the same address pair (<c>ImportJobRepeatedOnSameAddress</c>);</item>
/// <item>there is room under the region's job quota for the valid rows, in row order (<c>ImportJobNumExceed</c>).</item>
/// </list>
/// The jobs come from one ListJob walk (all pages, subtasks included), which the quota needs anyway; names, versions
/// and address pairs are looked up in it. Not thread-safe: one run, rows in order.
/// </summary>
public sealed class OnlineSpecChecker
{
    /// <summary>The service's job quota per region (mgw-api.md §7).</summary>
    public const int DefaultJobLimit = 500;

    // mgwutil's job-name rule: a name that breaks it is reported offline and never looked up.
    private static readonly Regex s_jobName = new("^[A-Za-z0-9_-]{3,63}$", RegexOptions.CultureInvariant);

    private readonly MgwClient _client;
    private readonly bool _skipExisting;
    private readonly int _jobLimit;
    private readonly Dictionary<string, MgwAddress?> _addresses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InputRow> _rows = new(StringComparer.Ordinal);
    private readonly List<InputRow> _creating = new();
    private JobIndex? _jobs;

    /// <summary>A checker over <paramref name="client"/>; <paramref name="jobLimit"/> is the region's job quota.</summary>
    public OnlineSpecChecker(MgwClient client, bool skipExisting = false, int jobLimit = DefaultJobLimit)
    {
        if (jobLimit < 0) throw new ArgumentOutOfRangeException(nameof(jobLimit), jobLimit, "The job quota cannot be negative.");
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _skipExisting = skipExisting;
        _jobLimit = jobLimit;
    }

    /// <summary>How many GetAddress requests were sent (one per distinct name).</summary>
    public int AddressLookups { get; private set; }

    /// <summary>The jobs the region held when the run began; null before the first row.</summary>
    public int? ExistingJobs => _jobs?.Count;

    /// <summary>How many rows so far would create a new job.</summary>
    public int NewJobs => _creating.Count;

    /// <summary>
    /// The online findings for one row (no row or job name on them yet: the caller adds both). <paramref name="offlineValid"/>
    /// says whether the offline rules passed: only a valid row takes a place under the quota and can be a parent.
    /// </summary>
    /// <exception cref="MgwException">A lookup failed for another reason than "not found" (network, permissions, credentials).</exception>
    public async Task<IReadOnlyList<MgwError>> CheckAsync(MgwJobSpec spec, string? parentJobName, int? row, bool offlineValid, CancellationToken cancellationToken)
    {
        if (spec is null) throw new ArgumentNullException(nameof(spec));
        var f = new List<MgwError>();
        JobIndex jobs = _jobs ??= new JobIndex(await _client.ListAllJobsAsync(all: true, cancellationToken: cancellationToken).ConfigureAwait(false));
        string? name = spec.Name is { } n && s_jobName.IsMatch(n) ? n : null;

        await Address(f, JobFields.SourceAddress, "source", spec.SourceAddress, cancellationToken).ConfigureAwait(false);
        await Address(f, JobFields.DestinationAddress, "destination", spec.DestinationAddress, cancellationToken).ConfigureAwait(false);

        // The parent, and so the family the new job joins.
        string? parentVersion = spec.ParentVersion;
        bool hasParent = false, parentUnknown = false;
        string root = "row:" + (name ?? Guid.NewGuid().ToString());
        string? parentName = string.IsNullOrWhiteSpace(parentJobName) ? null : parentJobName!.Trim();
        if (parentName is not null)
        {
            hasParent = true;
            if (!string.IsNullOrWhiteSpace(spec.ParentVersion) || string.Equals(parentName, spec.Name, StringComparison.Ordinal))
            {
                parentUnknown = true;
                f.Add(Error(MgwErrorCodes.ParentGivenTwice, "ParentJobName", parentName, string.IsNullOrWhiteSpace(spec.ParentVersion)
                    ? $"Job '{spec.Name}' cannot be its own parent."
                    : $"Give the parent either by name (ParentJobName '{parentName}') or by version (ParentVersion '{spec.ParentVersion}'), not both."));
            }
            else if (!s_jobName.IsMatch(parentName))
            {
                parentUnknown = true;
                f.Add(Error(MgwErrorCodes.InvalidJobName, "ParentJobName", parentName,
                    $"The parent job name '{SpecBinder.Show(parentName)}' (-ParentJobName) is not a job name: use 3 to 63 letters, digits, '_' or '-'."));
            }
            else if (_rows.TryGetValue(parentName, out InputRow? earlier))
            {
                if (!earlier.Valid)
                {
                    parentUnknown = true;
                    f.Add(Error(MgwErrorCodes.ParentNotCreated, "ParentJobName", parentName, string.Format(CultureInfo.InvariantCulture,
                        "The parent job '{0}' (row {1} of this input) will not be created (it has errors), so this child cannot be either.",
                        parentName, earlier.Row?.ToString(CultureInfo.InvariantCulture) ?? "?")));
                }

                root = earlier.Root;
                parentVersion = earlier.Version;
            }
            else if (jobs.ByName(parentName) is { } parent)
            {
                parentVersion = parent.Version;
                root = jobs.RootOf(parent);
            }
            else
            {
                parentUnknown = true;
                f.Add(Error(MgwServiceCodes.NoSuchImportJobParent, "ParentJobName", parentName,
                    $"The parent job '{parentName}' (-ParentJobName) does not exist, and no earlier row of this input creates it."));
            }
        }
        else if (!string.IsNullOrWhiteSpace(spec.ParentVersion))
        {
            hasParent = true;
            if (jobs.ByVersion(spec.ParentVersion!) is { } parent) root = jobs.RootOf(parent);
            else
            {
                parentUnknown = true;
                f.Add(Error(MgwServiceCodes.NoSuchImportJobParent, JobFields.ParentVersion, spec.ParentVersion,
                    $"No job has the ID '{SpecBinder.Show(spec.ParentVersion)}' (-ParentVersion): the parent does not exist."));
            }
        }

        // The name: free, or (with -SkipExisting) taken by the same job.
        bool createsNew = true;
        MgwJob? sameName = name is null ? null : jobs.ByName(name);
        if (name is not null)
        {
            if (_rows.TryGetValue(name, out InputRow? first))
            {
                f.Add(Error(MgwErrorCodes.DuplicateJobName, JobFields.Name, name, string.Format(CultureInfo.InvariantCulture,
                    "Job name '{0}' is already used by row {1} of this input; each job needs its own name.", name, first.Row?.ToString(CultureInfo.InvariantCulture) ?? "?")));
                createsNew = false;
            }
            else if (sameName is { } existing)
            {
                if (!_skipExisting)
                {
                    f.Add(Error(MgwServiceCodes.ImportJobAlreadyExist, JobFields.Name, name,
                        $"Job '{name}' already exists (status {existing.Status}{(existing.CreateTime is { } t ? ", created " + t.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture) : "")}): " +
                        "choose another name, or check with -SkipExisting to accept it when its definition is the same."));
                    createsNew = false;
                }
                else
                {
                    MgwJobSpec wanted = MgwJob.Copy(spec);
                    wanted.ParentVersion = parentVersion;
                    IReadOnlyList<string> differing = wanted.DifferingFields(existing.ToSpec());
                    if (differing.Count > 0) f.Add(MgwClient.ImportJobSpecConflict(name, differing));
                    createsNew = false;
                }
            }
        }

        // One job per address pair, outside a job's own family (unknown while the parent is).
        if (createsNew && !parentUnknown && spec.SourceAddress is { } src && spec.DestinationAddress is { } dst)
        {
            MgwJob? twin = jobs.All.FirstOrDefault(j => j.SourceAddress == src && j.DestinationAddress == dst && j.Name != spec.Name &&
                                                        !(hasParent && jobs.RootOf(j) == root));
            InputRow? rowTwin = twin is null ? _creating.FirstOrDefault(r => r.Source == src && r.Destination == dst && !(hasParent && r.Root == root)) : null;
            if (twin is not null || rowTwin is not null)
            {
                string who = twin is not null ? $"Job '{twin.Name}'" : $"Row {rowTwin!.Row?.ToString(CultureInfo.InvariantCulture) ?? "?"} of this input ('{rowTwin.Name}')";
                string parentOf = twin?.Name ?? rowTwin!.Name;
                f.Add(Error(MgwServiceCodes.ImportJobRepeatedOnSameAddress, JobFields.SourceAddress, src,
                    $"{who} already migrates from '{src}' to '{dst}'; the service takes one job per address pair outside a job's family. " +
                    $"Use other addresses, or make this job a child (-ParentJobName '{parentOf}')."));
            }
        }

        // Room under the quota, for the rows that will be created, in row order.
        bool valid = offlineValid && f.All(e => e.Severity != MgwSeverity.Error);
        if (valid && createsNew && jobs.Count + _creating.Count >= _jobLimit)
        {
            f.Add(Error(MgwServiceCodes.ImportJobNumExceed, JobFields.Name, spec.Name, string.Format(CultureInfo.InvariantCulture,
                "The region holds {0} job(s) and the valid rows before this one add {1}: the quota is {2} jobs per region, so this job would not be created. " +
                "Delete jobs that are done (Remove-MgwJob), or split the input.", jobs.Count, _creating.Count, _jobLimit)));
            valid = false;
        }

        if (name is not null && !_rows.ContainsKey(name))
        {
            // A row whose name the service has already stands for that job: a child of it joins its family.
            var entry = new InputRow(row, name, valid, sameName is not null && !hasParent ? jobs.RootOf(sameName) : root,
                spec.SourceAddress, spec.DestinationAddress, _skipExisting ? sameName?.Version : null);
            _rows[name] = entry;
            if (valid && createsNew) _creating.Add(entry);
        }

        return f;
    }

    // Exists and verified: one GetAddress per distinct name for the whole run.
    private async Task Address(List<MgwError> f, string field, string which, string? name, CancellationToken ct)
    {
        if (name is null || !SpecValidator.IsApiName(name)) return;
        if (!_addresses.TryGetValue(name, out MgwAddress? address))
        {
            AddressLookups++;
            address = await _client.TryGetAddressAsync(name, ct).ConfigureAwait(false);
            _addresses[name] = address;
        }

        if (address is null)
        {
            f.Add(Error(MgwServiceCodes.NoSuchImportAddress, field, name,
                $"The {which} address '{name}' (-{field}) does not exist: create it first (New-MgwAddress), or check the name (Get-MgwAddress)."));
            return;
        }

        switch (address.VerifyState)
        {
            case MgwVerifyState.NotVerified:
                f.Add(Warning(MgwErrorCodes.AddressNotVerified, field, name,
                    $"The {which} address '{name}' was never verified: run Test-MgwAddress {name} to check that the service can reach it before the job runs."));
                break;
            case MgwVerifyState.Failed:
                f.Add(Warning(MgwErrorCodes.AddressVerifyFailed, field, name, string.Format(CultureInfo.InvariantCulture,
                    "The last verification of the {0} address '{1}' ({2}) failed: {3}{4}. The job can be created, but its runs would fail; fix the address and run Test-MgwAddress {1}.",
                    which, name, address.VerifyTime?.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture),
                    SpecBinder.Show(address.VerifyErrorCode ?? "HTTP " + address.VerifyHttpCode),
                    string.IsNullOrWhiteSpace(address.VerifyErrorMessage) ? "" : " (" + SpecBinder.Show(address.VerifyErrorMessage) + ")")));
                break;
        }
    }

    private static MgwError Error(string code, string field, object? value, string message) => SpecBinder.Finding(code, field, value, message);

    private static MgwError Warning(string code, string field, object? value, string message) => SpecBinder.Finding(code, field, value, message, MgwSeverity.Warning);

    private sealed record InputRow(int? Row, string Name, bool Valid, string Root, string? Source, string? Destination, string? Version);

    // The jobs of the region, by name and by ID, and the family (root) of each.
    private sealed class JobIndex
    {
        private readonly Dictionary<string, MgwJob> _byName = new(StringComparer.Ordinal);
        private readonly Dictionary<string, MgwJob> _byVersion = new(StringComparer.OrdinalIgnoreCase);

        public JobIndex(IReadOnlyList<MgwJob> jobs)
        {
            All = jobs;
            foreach (MgwJob job in jobs)
            {
                if (job.Name is { } name) _byName[name] = job;
                if (job.Version is { } version) _byVersion[version] = job;
            }
        }

        public IReadOnlyList<MgwJob> All { get; }

        public int Count => All.Count;

        public MgwJob? ByName(string name) => _byName.TryGetValue(name, out MgwJob? job) ? job : null;

        public MgwJob? ByVersion(string version) => _byVersion.TryGetValue(version.Trim(), out MgwJob? job) ? job : null;

        // The top of the job's family, following ParentVersion (bounded: a loop in the service's answer ends it).
        public string RootOf(MgwJob job)
        {
            MgwJob top = job;
            for (int i = 0; i < 64 && top.ParentVersion is { } up && ByVersion(up) is { } parent; i++) top = parent;
            return "job:" + (top.Version ?? top.Name);
        }
    }
}
