using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using MgwTools.Core.Client;

namespace MgwTools.Core.Bulk;

/// <summary>How a row's job came to be returned.</summary>
public enum JobCreationKind
{
    /// <summary>POST /job was answered: this run created it.</summary>
    Created,
    /// <summary>An unanswered POST created it; a lookup proved it (design §6).</summary>
    Recovered,
    /// <summary><c>-SkipExisting</c>: it existed with the same definition and was returned as it is.</summary>
    Existing,
}

/// <summary>What <see cref="JobCreator.Submit"/> produced for one row.</summary>
public sealed class JobCreationResult
{
    internal JobCreationResult(MgwJob job, JobCreationKind kind, int sends, bool started)
    {
        Job = job;
        Kind = kind;
        Sends = sends;
        Started = started;
    }

    /// <summary>The job as GetJob reports it (after the start, when started).</summary>
    public MgwJob Job { get; }

    /// <summary>Created, recovered or existing.</summary>
    public JobCreationKind Kind { get; }

    /// <summary>How many times POST /job was sent for it (0 for an existing job).</summary>
    public int Sends { get; }

    /// <summary>True when this run started it (<c>-Start</c>).</summary>
    public bool Started { get; }
}

/// <summary>
/// The work of <c>New-MgwJob</c> behind its parameters, for one run (one pipeline): creates each submitted
/// spec at most once, at most <c>throttleLimit</c> rows at a time, and
/// <list type="bullet">
/// <item>refuses a second row with a name already submitted in this run (<c>DuplicateJobName</c>), so a CSV that
/// names a job twice creates it once and says which row came first;</item>
/// <item>with <c>skipExisting</c>, returns a job that exists with the same definition and reports
/// <c>ImportJobSpecConflict</c> with the differing fields when it differs;</item>
/// <item>resolves a parent given by name with GetJob, once per name; a parent created earlier in the same run is
/// awaited first, so parents and children can share one CSV;</item>
/// <item>creates with <see cref="MgwClient.CreateJobSafelyAsync"/> (never twice, never lost) and, with
/// <c>start</c>, starts the new job and reads it again.</item>
/// </list>
/// Thread-safe; <see cref="Submit"/> is meant to be called in row order from one thread.
/// </summary>
public sealed class JobCreator
{
    // mgwutil's job-name rule (design §3, InvalidJobName): a parent name that breaks it is no job's name, and may not
    // be a path segment at all ('..', 'a/b').
    private static readonly Regex s_jobName = new("^[A-Za-z0-9_-]{3,63}$", RegexOptions.CultureInvariant);

    private readonly MgwClient _client;
    private readonly bool _skipExisting;
    private readonly bool _start;
    private readonly bool _stopAtFirstFailure;
    // Never disposed: rows cancelled by Ctrl+C may still release it after the command has ended.
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _admission = new();
    private readonly ConcurrentDictionary<string, Submitted> _submitted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, NotSentRow> _notSent = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<MgwJob>>> _parents = new(StringComparer.Ordinal);

    /// <summary>
    /// A creator over <paramref name="client"/>; <paramref name="throttleLimit"/> rows are worked on at once. With
    /// <paramref name="stopAtFirstFailure"/> (<c>-ErrorAction Stop</c>) any row's failure stops admitting rows, as a
    /// failure every request would meet always does, before the failed row's slot is given to the next one.
    /// </summary>
    public JobCreator(MgwClient client, int throttleLimit, bool skipExisting = false, bool start = false, bool stopAtFirstFailure = false)
    {
        _stopAtFirstFailure = stopAtFirstFailure;
        if (throttleLimit < 1) throw new ArgumentOutOfRangeException(nameof(throttleLimit), throttleLimit, "At least one row must be allowed at a time.");
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _skipExisting = skipExisting;
        _start = start;
        _slots = new SemaphoreSlim(throttleLimit, throttleLimit);
    }

    /// <summary>
    /// Starts creating <paramref name="spec"/> (a spec that passed validation) and returns at once. The task ends
    /// with the job, or faults with an <see cref="MgwException"/> (the service's error, <c>DuplicateJobName</c>,
    /// <c>ImportJobSpecConflict</c>, <c>ParentGivenTwice</c>, <c>ParentNotCreated</c>, <c>InvalidJobName</c> for a
    /// parent name that is no job name), or is cancelled. <paramref name="spec"/> is copied, never changed.
    /// </summary>
    /// <param name="spec">The job; its Name is required.</param>
    /// <param name="parentJobName">The parent's name, as an alternative to <see cref="MgwJobSpec.ParentVersion"/>.</param>
    /// <param name="row">The input row, named in errors about duplicates.</param>
    /// <param name="cancellationToken">Stops the work; what was sent may still have landed.</param>
    public Task<JobCreationResult> Submit(MgwJobSpec spec, string? parentJobName, int? row, CancellationToken cancellationToken)
    {
        if (spec?.Name is not { Length: > 0 } name) throw new ArgumentException("The spec has no name.", nameof(spec));
        var entry = new Submitted(row);
        Submitted first = _submitted.GetOrAdd(name, entry);
        if (!ReferenceEquals(first, entry))
        {
            return Task.FromException<JobCreationResult>(new MgwException(DuplicateName(name, first.Row)));
        }

        _notSent.TryRemove(name, out _);
        entry.Task = RunAsync(MgwJob.Copy(spec), parentJobName, cancellationToken);
        return entry.Task;
    }

    /// <summary>
    /// Records that a row of this run named <paramref name="name"/> was not sent (<paramref name="reason"/>, e.g.
    /// "was refused by validation"), so a child naming it as its parent fails with <c>ParentNotCreated</c> instead
    /// of attaching to an older job of that name on the service. A later row that submits the name wins.
    /// </summary>
    public void NotSent(string? name, int? row, string reason)
    {
        if (string.IsNullOrWhiteSpace(name) || _submitted.ContainsKey(name!.Trim())) return;
        _notSent[name.Trim()] = new NotSentRow(row, reason);
    }

    /// <summary>
    /// Stops admitting rows: those not yet sent end cancelled; those already sending run to their end, so every
    /// job that gets created is reported. Done by <see cref="RunAsync"/> when a row meets a failure every further
    /// request would meet (<see cref="MgwErrorKinds.AffectsEveryRequest"/>: bad credentials, clock skew).
    /// </summary>
    public void StopAdmitting() => _admission.Cancel();

    private async Task<JobCreationResult> RunAsync(MgwJobSpec spec, string? parentJobName, CancellationToken ct)
    {
        // A row without a parent queues for its slot now, on the caller's thread, so rows are admitted in the order
        // they were submitted (the semaphore serves its waiters in turn): with -ThrottleLimit 1 they go, and finish,
        // in input order. A child queues only once its parent is resolved (AdmitAsync).
        Task? slot = string.IsNullOrWhiteSpace(parentJobName) ? EnterSlotAsync(ct) : null;

        // Off the caller's thread at once: Submit must not block on the first await's synchronous part.
        await Task.Yield();
        try
        {
            return await AdmitAsync(spec, parentJobName, slot, ct).ConfigureAwait(false);
        }
        catch (MgwException ex) when (StopsAdmitting(ex))
        {
            // Bad credentials or clock (in the parent lookup as in the create): every row still to be sent would
            // fail alike. Stop here, not when the caller gets round to it, so no further row slips out in between.
            StopAdmitting();
            throw;
        }
    }

    private async Task<JobCreationResult> AdmitAsync(MgwJobSpec spec, string? parentJobName, Task? slot, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(parentJobName))
        {
            if (!string.IsNullOrWhiteSpace(spec.ParentVersion) || string.Equals(parentJobName!.Trim(), spec.Name, StringComparison.Ordinal))
            {
                throw new MgwException(new MgwError
                {
                    Code = MgwErrorCodes.ParentGivenTwice,
                    Field = "ParentJobName",
                    Value = parentJobName,
                    JobName = spec.Name,
                    Message = string.IsNullOrWhiteSpace(spec.ParentVersion)
                        ? $"Job '{spec.Name}' cannot be its own parent."
                        : $"Give the parent either by name (ParentJobName '{parentJobName}') or by version (ParentVersion '{spec.ParentVersion}'), not both.",
                });
            }

            string parentName = parentJobName!.Trim();
            if (!s_jobName.IsMatch(parentName))
            {
                throw new MgwException(InvalidParentName(parentName, spec.Name));
            }

            // Resolved before a slot is taken: a child waiting for its parent must not hold a slot the parent needs.
            // The spec is this run's own copy.
            MgwJob parent = await ParentAsync(parentName, ct).ConfigureAwait(false);
            spec.ParentVersion = parent.Version;
        }

        await (slot ?? EnterSlotAsync(ct)).ConfigureAwait(false);

        try
        {
            _admission.Token.ThrowIfCancellationRequested();
            return await CreateAsync(spec, ct).ConfigureAwait(false);
        }
        catch (MgwException ex) when (StopsAdmitting(ex))
        {
            // Before the slot is released: the row waiting for it must find admission closed.
            StopAdmitting();
            throw;
        }
        finally
        {
            _slots.Release();
        }
    }

    // Waits for a slot; cancelled when the caller cancels or admission stops.
    private async Task EnterSlotAsync(CancellationToken ct)
    {
        using var admitted = CancellationTokenSource.CreateLinkedTokenSource(ct, _admission.Token);
        await _slots.WaitAsync(admitted.Token).ConfigureAwait(false);
    }

    private bool StopsAdmitting(MgwException ex) => _stopAtFirstFailure || MgwErrorKinds.AffectsEveryRequest(ex.Error.Kind);

    private async Task<JobCreationResult> CreateAsync(MgwJobSpec spec, CancellationToken ct)
    {
        string name = spec.Name!;
        if (_skipExisting && await _client.TryGetJobAsync(name, ct).ConfigureAwait(false) is { } existing)
        {
            IReadOnlyList<string> differing = spec.DifferingFields(existing.ToSpec());
            if (differing.Count > 0)
            {
                throw new MgwException(MgwClient.ImportJobSpecConflict(name, differing));
            }

            // A job that was never started is started (a re-run finishes what a failed start left); one that has
            // run, or runs, is left alone: a re-run never starts a second run.
            return _start && existing.Status == MgwJobStatus.Begin
                ? new JobCreationResult(await StartAsync(name, ct).ConfigureAwait(false), JobCreationKind.Existing, 0, started: true)
                : new JobCreationResult(existing, JobCreationKind.Existing, 0, started: false);
        }

        MgwCreateOutcome outcome;
        try
        {
            outcome = await _client.CreateJobSafelyAsync(spec, ct).ConfigureAwait(false);
        }
        catch (MgwException ex) when (ex.Error.Code == MgwServiceCodes.NoSuchImportAddress)
        {
            throw new MgwException(await MissingAddressAsync(ex.Error, spec, ct).ConfigureAwait(false), ex);
        }

        JobCreationKind kind = outcome.Recovered ? JobCreationKind.Recovered : JobCreationKind.Created;
        return _start
            ? new JobCreationResult(await StartAsync(name, ct).ConfigureAwait(false), kind, outcome.Sends, started: true)
            : new JobCreationResult(outcome.Job, kind, outcome.Sends, started: false);
    }

    private async Task<MgwJob> StartAsync(string name, CancellationToken ct)
    {
        await MgwClient.AfterCreateAsync(name, "starting it failed", async () =>
        {
            await _client.UpdateJobStatusAsync(name, MgwJobStatusChange.Launch, ct).ConfigureAwait(false);
            return true;
        }, "It exists, not started: run the same command again with -SkipExisting -Start to start it.").ConfigureAwait(false);
        return await _client.ReadBackAsync(name, ct, "reading it back after starting it").ConfigureAwait(false);
    }

    private async Task<MgwJob> ParentAsync(string parentName, CancellationToken ct)
    {
        if (_submitted.TryGetValue(parentName, out Submitted? inRun) && inRun.Task is { } creating)
        {
            try
            {
                return (await creating.ConfigureAwait(false)).Job;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw ParentNotCreated(parentName, inRun.Row, "was not created, so this child cannot be: " + (ex is MgwException mgw ? mgw.Error.Message : ex.Message));
            }
        }

        if (_notSent.TryGetValue(parentName, out NotSentRow? notSent))
        {
            throw ParentNotCreated(parentName, notSent.Row, notSent.Reason + ", so this child was not sent either.");
        }

        // One GetJob per parent name for the whole run; a failed lookup is not cached. GetOrAdd may run its factory
        // on several threads at once, so it only makes the Lazy; the Lazy that was stored sends the one GetJob.
        Lazy<Task<MgwJob>> lookup = _parents.GetOrAdd(parentName,
            name => new Lazy<Task<MgwJob>>(() => _client.GetJobAsync(name, false, ct), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return await lookup.Value.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            ((ICollection<KeyValuePair<string, Lazy<Task<MgwJob>>>>)_parents).Remove(new KeyValuePair<string, Lazy<Task<MgwJob>>>(parentName, lookup));
            if (ex is MgwException missing && missing.Error.Kind == MgwErrorKind.NotFound)
            {
                // The service's answer is about the lookup, not the row's own job: say whose name was not found.
                throw new MgwException(ParentNotFound(missing.Error, parentName));
            }

            throw;
        }
    }

    /// <summary>
    /// The service's <c>NoSuchImportAddress</c> does not say which address is missing: one GetAddress of the source
    /// decides, and the error names its field (<c>SourceAddress</c> or <c>DestinationAddress</c>) and value, keeping the
    /// service's code, status and request ID. When the lookup itself fails, the service's error is returned as it was.
    /// </summary>
    private async Task<MgwError> MissingAddressAsync(MgwError error, MgwJobSpec spec, CancellationToken ct)
    {
        bool sourceMissing;
        try
        {
            sourceMissing = spec.SourceAddress is null || await _client.TryGetAddressAsync(spec.SourceAddress, ct).ConfigureAwait(false) is null;
        }
        catch (MgwException)
        {
            return error;
        }

        MgwError named = error.WithContext(null, null);
        named.Field = sourceMissing ? Specs.JobFields.SourceAddress : Specs.JobFields.DestinationAddress;
        named.Value = sourceMissing ? spec.SourceAddress : spec.DestinationAddress;
        named.Message = string.Format(CultureInfo.InvariantCulture, "The {0} address '{1}' (-{2}) does not exist: {3}",
            sourceMissing ? "source" : "destination", named.Value, named.Field, error.Message);
        return named;
    }

    private static MgwException ParentNotCreated(string parentName, int? parentRow, string what) => new(new MgwError
    {
        Code = MgwErrorCodes.ParentNotCreated,
        Field = "ParentJobName",
        Value = parentName,
        Message = string.Format(CultureInfo.InvariantCulture, "The parent job '{0}' (row {1} of this run) {2}",
            parentName, parentRow?.ToString(CultureInfo.InvariantCulture) ?? "?", what),
    });

    private static MgwError ParentNotFound(MgwError lookup, string parentName)
    {
        MgwError error = lookup.WithContext(null, null);
        error.Field = "ParentJobName";
        error.Value = parentName;
        error.Message = string.Format(CultureInfo.InvariantCulture,
            "The parent job '{0}' (-ParentJobName) does not exist: {1}", parentName, lookup.Message);
        return error;
    }

    private static MgwError InvalidParentName(string parentName, string? jobName) => new()
    {
        Code = MgwErrorCodes.InvalidJobName,
        Field = "ParentJobName",
        Value = parentName,
        JobName = jobName,
        Message = string.Format(CultureInfo.InvariantCulture,
            "The parent job name '{0}' (-ParentJobName) is not a job name: use 3 to 63 letters, digits, '_' or '-'. The row was not sent.",
            MgwMessages.Printable(parentName)),
    };

    internal static MgwError DuplicateName(string name, int? firstRow) => new()
    {
        Code = MgwErrorCodes.DuplicateJobName,
        Field = "Name",
        Value = name,
        JobName = name,
        Message = firstRow.HasValue
            ? string.Format(CultureInfo.InvariantCulture, "Job name '{0}' was already used by row {1} of this input; each job needs its own name. The row was not sent.", name, firstRow.Value)
            : $"Job name '{name}' was already used earlier in this input; each job needs its own name. It was not sent again.",
    };

    private sealed record NotSentRow(int? Row, string Reason);

    private sealed class Submitted
    {
        public Submitted(int? row) => Row = row;

        public int? Row { get; }

        public Task<JobCreationResult>? Task { get; set; }
    }
}
