using System;
using System.Collections.Generic;
using System.Xml.Linq;
using Cronos;
using MgwTools.Core.Wire;

namespace MgwTools.Emulator;

/// <summary>The job status values of mgw-api.md §2.6 (and the Deleting state of §2.6's note).</summary>
public static class JobStatus
{
    /// <summary>Created, not started.</summary>
    public const string Begin = "IMPORT_JOB_BEGIN";
    /// <summary>Being started.</summary>
    public const string Launching = "IMPORT_JOB_LAUNCHING";
    /// <summary>Listing the source.</summary>
    public const string Preparing = "IMPORT_JOB_PREPARING";
    /// <summary>Copying.</summary>
    public const string Doing = "IMPORT_JOB_DOING";
    /// <summary>Paused.</summary>
    public const string Suspend = "IMPORT_JOB_SUSPEND";
    /// <summary>Being closed.</summary>
    public const string Closing = "IMPORT_JOB_CLOSING";
    /// <summary>Complete.</summary>
    public const string Finished = "IMPORT_JOB_FINISHED";
    /// <summary>Being deleted (DeleteJob); the job disappears when it is over. The wire value is the likely one
    /// (mgw-api.md §2.6 calls it unverified).</summary>
    public const string Deleting = "IMPORT_JOB_DELETING";
}

/// <summary>What one run of a job migrates: files, bytes, and how many of them fail or are skipped.</summary>
internal readonly struct Workload
{
    public Workload(long total, long bytes, long failed, long skipped, bool isRetry)
    {
        Total = total;
        Bytes = bytes;
        Failed = failed;
        Skipped = skipped;
        IsRetry = isRetry;
    }

    public long Total { get; }
    public long Bytes { get; }
    public long Failed { get; }
    public long Skipped { get; }

    /// <summary>The source is a retry inventory (the failed-file list of an earlier run).</summary>
    public bool IsRetry { get; }

    public long AverageSize => Total == 0 ? 0 : Bytes / Total;
}

/// <summary>One run of a job (a launch from BEGIN or FINISHED; resuming after SUSPEND continues the run).</summary>
internal sealed class RunRecord
{
    public int RuntimeId { get; set; }
    public DateTimeOffset Start { get; set; }
    public DateTimeOffset? End { get; set; }
    public bool Listed { get; set; }
    public bool Interrupted { get; set; }
    /// <summary>Started by the job's StartCronExpression (counts toward MaxScheduleCount).</summary>
    public bool Scheduled { get; set; }
    /// <summary>DOING time spent so far, excluding the current DOING phase.</summary>
    public TimeSpan DoingDone { get; set; }
    public Workload Workload { get; set; }
}

/// <summary>One status change of a job (ListJobHistory).</summary>
internal sealed class HistoryRecord
{
    public int CommitId { get; set; }
    public int RuntimeId { get; set; }
    public string Status { get; set; } = "";
    public DateTimeOffset Time { get; set; }
    public string Operator { get; set; } = "system";
    public string Message { get; set; } = "";
    public Progress Progress { get; set; }
    public bool Listed { get; set; }
    public bool RunEnded { get; set; }
    public bool Interrupted { get; set; }

    public HistoryRecord With(Progress progress, bool listed) =>
        new()
        {
            CommitId = CommitId, RuntimeId = RuntimeId, Status = Status, Time = Time, Operator = Operator, Message = Message,
            Progress = progress, Listed = listed, RunEnded = RunEnded, Interrupted = Interrupted,
        };
}

/// <summary>Counts of a run at some instant.</summary>
internal readonly struct Progress
{
    public Progress(long total, long copied, long failed, long skipped, long totalSize, long copiedSize, long skippedSize)
    {
        Total = total;
        Copied = copied;
        Failed = failed;
        Skipped = skipped;
        TotalSize = totalSize;
        CopiedSize = copiedSize;
        SkippedSize = skippedSize;
    }

    public long Total { get; }
    public long Copied { get; }
    public long Failed { get; }
    public long Skipped { get; }
    public long TotalSize { get; }
    public long CopiedSize { get; }
    public long SkippedSize { get; }
}

/// <summary>
/// A job and its state machine. Started jobs move LAUNCHING → PREPARING → DOING → FINISHED on the emulator
/// clock; the job's schedule starts runs (StartCronExpression, at most MaxScheduleCount of them) and suspends
/// them (SuspendCronExpression), evaluated in UTC; DeleteJob moves it to DELETING, after which it is gone.
/// <see cref="Refresh"/> catches up to "now" lazily (on every read), taking the due transitions and schedule
/// firings in time order and writing one history entry per change at the instant it happened, so a test that
/// advances the clock sees the same result as one that waits. Not thread-safe: the store's lock guards it.
/// </summary>
internal sealed class JobRecord
{
    /// <summary>Most state changes one <see cref="Refresh"/> applies; the rest wait for the next call.</summary>
    internal const int MaxStepsPerRefresh = 100_000;

    private readonly MgwEmulatorOptions _options;
    private readonly Func<JobRecord, DateTimeOffset, Workload> _workloadOf;
    private readonly CronExpression? _startCron;
    private readonly CronExpression? _suspendCron;

    /// <summary>When the current timed phase (LAUNCHING, PREPARING, DOING, CLOSING, DELETING) began.</summary>
    private DateTimeOffset _phaseStart;

    /// <summary>Everything up to this instant has been applied; schedule firings are looked for after it.</summary>
    private DateTimeOffset _cursor;

    private bool _refreshing;

    public JobRecord(MgwJobSpec spec, string version, DateTimeOffset now, string owner, JobRecord? parent, MgwEmulatorOptions options,
        Func<JobRecord, DateTimeOffset, Workload> workloadOf, CronExpression? startCron, CronExpression? suspendCron)
    {
        _options = options;
        _workloadOf = workloadOf;
        _startCron = startCron;
        _suspendCron = suspendCron;
        Spec = spec;
        Version = version;
        CreateTime = ModifyTime = now;
        _cursor = now;
        Owner = owner;
        ParentName = parent?.Name;
        ParentVersion = parent?.Version;
        Depth = parent is null ? 0 : parent.Depth + 1;
        RootVersion = parent?.RootVersion ?? version;
        Status = JobStatus.Begin;
    }

    public MgwJobSpec Spec { get; }

    /// <summary>
    /// <see cref="Spec"/> as the wire writes it, parsed once (every GetJob and ListJob answer starts from it) and again only
    /// after <see cref="SetQos"/> changes the spec. Callers copy it before adding to it.
    /// </summary>
    public XElement SpecXml => _specXml ??= XElement.Parse(MgwJobSpecXml.Write(Spec));

    private XElement? _specXml;

    public string Name => Spec.Name!;
    public string Version { get; }
    public DateTimeOffset CreateTime { get; }
    public DateTimeOffset ModifyTime { get; set; }
    public string Owner { get; }
    public string? ParentName { get; }
    public string? ParentVersion { get; }
    public int Depth { get; }
    public string RootVersion { get; }
    public string Status { get; private set; }
    public List<RunRecord> Runs { get; } = new();
    public List<HistoryRecord> History { get; } = new();

    /// <summary>Runs started by the schedule so far.</summary>
    public int ScheduledRuns { get; private set; }

    /// <summary>The deletion is over: the store forgets the job.</summary>
    public bool IsGone { get; private set; }

    public RunRecord? CurrentRun => Runs.Count == 0 ? null : Runs[Runs.Count - 1];

    public bool IsRunning => Status is JobStatus.Launching or JobStatus.Preparing or JobStatus.Doing;

    public bool IsDeleting => Status == JobStatus.Deleting;

    /// <summary>Applies every timed transition and schedule firing due by <paramref name="now"/>, in time order.</summary>
    public void Refresh(DateTimeOffset now)
    {
        // A retry job's workload may need its source job brought to the same instant, which may in turn look
        // here: a job already catching up is left as it is.
        if (_refreshing || IsGone) return;
        _refreshing = true;
        try
        {
            // Bounded work per call, whatever the clock jump: a request never stalls the service. Each step is one
            // state change (a history entry); a schedule fires at most hourly, so the bound is years of runs.
            for (int i = 0; i < MaxStepsPerRefresh && !IsGone && Step(now); i++)
            {
            }
        }
        finally
        {
            _refreshing = false;
        }
    }

    /// <summary>Applies the earliest change due by <paramref name="now"/>; false when none is.</summary>
    private bool Step(DateTimeOffset now)
    {
        DateTimeOffset? due = PhaseEnd();
        DateTimeOffset? start = NextStart();
        DateTimeOffset? suspend = IsRunning ? Next(_suspendCron) : null;

        // The earliest; a phase ending at the same instant as a firing goes first.
        DateTimeOffset? at = Min(Min(due, start), suspend);
        if (at is null || at.Value > now) return false;
        DateTimeOffset t = at.Value;
        if (t == due) EndPhase(t);
        else if (t == start) Start(t, "system", scheduled: true);
        else SuspendAt(t, "system", "The job was suspended by its schedule (SuspendCronExpression).");
        _cursor = t;
        return true;
    }

    private static DateTimeOffset? Min(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a.Value <= b.Value ? a : b;

    private DateTimeOffset? Next(CronExpression? cron) =>
        cron?.GetNextOccurrence(_cursor.UtcDateTime, TimeZoneInfo.Utc) is { } next ? new DateTimeOffset(next, TimeSpan.Zero) : null;

    /// <summary>The next schedule start that would change something: it resumes a suspended run, or starts a new one
    /// while the schedule has runs left.</summary>
    private DateTimeOffset? NextStart()
    {
        if (_startCron is null) return null;
        bool resumes = Status == JobStatus.Suspend;
        bool startsNew = Status is JobStatus.Begin or JobStatus.Finished &&
                         (Spec.MaxScheduleCount is not { } max || ScheduledRuns < max);
        return resumes || startsNew ? Next(_startCron) : null;
    }

    /// <summary>When the current timed phase ends, or null when the status does not end by itself.</summary>
    private DateTimeOffset? PhaseEnd()
    {
        RunRecord? run = CurrentRun;
        return Status switch
        {
            JobStatus.Launching => _phaseStart + _options.LaunchingDuration,
            JobStatus.Preparing => _phaseStart + _options.PreparingDuration,
            JobStatus.Doing => _phaseStart + (_options.DoingDuration - run!.DoingDone),
            JobStatus.Closing => _phaseStart + _options.ClosingDuration,
            JobStatus.Deleting => _phaseStart + _options.DeletingDuration,
            _ => null,
        };
    }

    private void EndPhase(DateTimeOffset due)
    {
        RunRecord? run = CurrentRun;
        switch (Status)
        {
            case JobStatus.Launching:
                Enter(run!.Listed ? JobStatus.Doing : JobStatus.Preparing, due, "system",
                    run.Listed ? "The job resumed copying." : "The job is listing the source.");
                break;
            case JobStatus.Preparing:
                run!.Listed = true;
                Enter(JobStatus.Doing, due, "system", "Listing finished; the job is copying.");
                break;
            case JobStatus.Doing:
                run!.DoingDone = _options.DoingDuration;
                run.End = due;
                Enter(JobStatus.Finished, due, "system", "The job is complete.");
                break;
            case JobStatus.Closing:
                run!.End = due;
                run.Interrupted = true;
                Enter(JobStatus.Finished, due, "system", "The job was closed.");
                break;
            case JobStatus.Deleting:
                IsGone = true;
                ModifyTime = due;
                break;
        }
    }

    /// <summary>UpdateJob Status=IMPORT_JOB_LAUNCHING: a new run from BEGIN/FINISHED, a resume from SUSPEND.</summary>
    public void Launch(DateTimeOffset now)
    {
        if (IsRunning) return; // idempotent: a retried start of a started job succeeds
        RefuseWhileDeleting("started");
        if (Status == JobStatus.Closing)
        {
            throw new ServiceException(ServiceErrors.InvalidArgument, $"The job '{Name}' is being closed and cannot be started now.");
        }

        Start(now, "user", scheduled: false);
        _cursor = now;
    }

    private void Start(DateTimeOffset at, string op, bool scheduled)
    {
        bool resume = Status == JobStatus.Suspend;
        if (!resume)
        {
            Runs.Add(new RunRecord { RuntimeId = Runs.Count + 1, Start = at, Scheduled = scheduled, Workload = _workloadOf(this, at) });
            if (scheduled) ScheduledRuns++;
        }

        string message = (resume, scheduled) switch
        {
            (true, false) => "The job was resumed.",
            (true, true) => "The job was resumed by its schedule (StartCronExpression).",
            (false, false) => "The job was started.",
            (false, true) => $"The job was started by its schedule (StartCronExpression), run {ScheduledRuns}" +
                             (Spec.MaxScheduleCount is { } max ? $" of {max}." : "."),
        };
        Enter(JobStatus.Launching, at, op, message);
    }

    /// <summary>UpdateJob Status=IMPORT_JOB_SUSPEND.</summary>
    public void Suspend(DateTimeOffset now)
    {
        if (Status == JobStatus.Suspend) return;
        RefuseWhileDeleting("suspended");
        if (!IsRunning)
        {
            throw new ServiceException(ServiceErrors.InvalidArgument,
                $"The job '{Name}' is not running (status {Status}); only a running job can be suspended.");
        }

        SuspendAt(now, "user", "The job was suspended.");
        _cursor = now;
    }

    private void SuspendAt(DateTimeOffset at, string op, string message)
    {
        FreezeDoing(at);
        Enter(JobStatus.Suspend, at, op, message);
    }

    /// <summary>UpdateJob Status=IMPORT_JOB_CLOSING.</summary>
    public void Close(DateTimeOffset now)
    {
        if (Status is JobStatus.Closing or JobStatus.Finished) return;
        RefuseWhileDeleting("closed");
        if (Status == JobStatus.Begin)
        {
            throw new ServiceException(ServiceErrors.InvalidArgument, $"The job '{Name}' has not been started; there is nothing to close.");
        }

        FreezeDoing(now);
        Enter(JobStatus.Closing, now, "user", "The job is being closed.");
        _cursor = now;
    }

    /// <summary>DeleteJob: a running run stops where it is; the job is DELETING until <see cref="MgwEmulatorOptions.DeletingDuration"/> passes.</summary>
    public void Delete(DateTimeOffset now)
    {
        if (IsDeleting) return;
        FreezeDoing(now);
        RunRecord? run = CurrentRun;
        if (run is not null && run.End is null)
        {
            run.End = now;
            run.Interrupted = true;
        }

        if (run is null)
        {
            Status = JobStatus.Deleting;
            _phaseStart = ModifyTime = now;
        }
        else
        {
            Enter(JobStatus.Deleting, now, "user", "The job is being deleted.");
        }

        _cursor = now;
    }

    /// <summary>Changes the throttling (UpdateJob ImportQos).</summary>
    public void SetQos(long? bandwidth, long? qps, DateTimeOffset now)
    {
        RefuseWhileDeleting("changed");
        if (bandwidth.HasValue) Spec.MaxBandwidth = bandwidth;
        if (qps.HasValue) Spec.MaxQps = qps;
        _specXml = null;
        ModifyTime = now;
    }

    private void RefuseWhileDeleting(string what)
    {
        if (IsDeleting)
        {
            throw new ServiceException(ServiceErrors.InvalidArgument, $"The job '{Name}' is being deleted and cannot be {what}.");
        }
    }

    /// <summary>Counts of <paramref name="run"/> at <paramref name="now"/> (Refresh first).</summary>
    public Progress ProgressOf(RunRecord run, DateTimeOffset now)
    {
        TimeSpan done = run.DoingDone;
        if (ReferenceEquals(run, CurrentRun) && Status == JobStatus.Doing) done += now - _phaseStart;
        double fraction = _options.DoingDuration <= TimeSpan.Zero ? 1 : Math.Min(1, Math.Max(0, done.TotalMilliseconds / _options.DoingDuration.TotalMilliseconds));
        Workload w = run.Workload;
        long total = run.Listed ? w.Total : 0;
        long processed = (long)Math.Floor(total * fraction);
        long failed = run.Listed ? (long)Math.Floor(w.Failed * fraction) : 0;
        long skipped = run.Listed ? (long)Math.Floor(w.Skipped * fraction) : 0;
        if (fraction >= 1)
        {
            // Exact at the end, whatever the rounding on the way.
            processed = total;
            failed = run.Listed ? w.Failed : 0;
            skipped = run.Listed ? w.Skipped : 0;
        }

        long copied = Math.Max(0, processed - failed);
        long size = w.AverageSize;
        return new Progress(total, copied, failed, skipped, run.Listed ? w.Bytes : 0, copied * size, skipped * size);
    }

    /// <summary>The last history entry of the current run while it has not ended: its counts follow the run.</summary>
    public bool IsLive(HistoryRecord entry) =>
        CurrentRun is { End: null } run && entry.RuntimeId == run.RuntimeId && History.Count > 0 && ReferenceEquals(History[History.Count - 1], entry);

    private void FreezeDoing(DateTimeOffset now)
    {
        RunRecord? run = CurrentRun;
        if (run is not null && Status == JobStatus.Doing)
        {
            run.DoingDone += now - _phaseStart;
        }
    }

    private void Enter(string status, DateTimeOffset at, string op, string message)
    {
        Status = status;
        _phaseStart = at;
        ModifyTime = at;
        RunRecord run = CurrentRun!;
        History.Add(new HistoryRecord
        {
            CommitId = History.Count + 1,
            RuntimeId = run.RuntimeId,
            Status = status,
            Time = at,
            Operator = op,
            Message = message,
            Progress = ProgressOf(run, at),
            Listed = run.Listed,
            RunEnded = run.End.HasValue,
            Interrupted = run.Interrupted,
        });
    }
}
