using System;
using System.Collections.Generic;
using System.Text;

namespace MgwTools.Emulator;

/// <summary>The job status values of mgw-api.md §2.6.</summary>
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
}

/// <summary>One run of a job (a launch from BEGIN or FINISHED; resuming after SUSPEND continues the run).</summary>
internal sealed class RunRecord
{
    public int RuntimeId { get; set; }
    public DateTimeOffset Start { get; set; }
    public DateTimeOffset? End { get; set; }
    public bool Listed { get; set; }
    public bool Interrupted { get; set; }
    /// <summary>DOING time spent so far, excluding the current DOING phase.</summary>
    public TimeSpan DoingDone { get; set; }
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
/// clock; <see cref="Refresh"/> catches up to "now" lazily (on every read), writing one history entry per
/// change at the instant it happened, so a test that advances the clock sees the same result as one that waits.
/// Not thread-safe: the store's lock guards it.
/// </summary>
internal sealed class JobRecord
{
    private readonly MgwEmulatorOptions _options;

    public JobRecord(MgwJobSpec spec, string version, DateTimeOffset now, string owner, JobRecord? parent, MgwEmulatorOptions options)
    {
        _options = options;
        Spec = spec;
        Version = version;
        CreateTime = ModifyTime = now;
        Owner = owner;
        ParentName = parent?.Name;
        ParentVersion = parent?.Version;
        Depth = parent is null ? 0 : parent.Depth + 1;
        RootVersion = parent?.RootVersion ?? version;
        Status = JobStatus.Begin;

        // Plausible, stable figures derived from the name (never random): a job migrates the same data each time.
        uint h = Fnv(spec.Name ?? "");
        TotalObjects = 1000 + h % 99000;
        long averageSize = 4096L << (int)(h >> 20) % 10;
        TotalBytes = TotalObjects * averageSize;
        FailedObjects = (h >> 8) % 4 == 0 ? TotalObjects / 250 + 1 : 0;
        SkippedObjects = spec.OverwriteMode == OverwriteMode.Never ? TotalObjects / 10 : 0;
    }

    public MgwJobSpec Spec { get; }
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
    public long TotalObjects { get; }
    public long TotalBytes { get; }
    public long FailedObjects { get; }
    public long SkippedObjects { get; }

    /// <summary>When the current timed phase (LAUNCHING, PREPARING, DOING, CLOSING) began.</summary>
    private DateTimeOffset _phaseStart;

    public RunRecord? CurrentRun => Runs.Count == 0 ? null : Runs[Runs.Count - 1];

    public bool IsRunning => Status is JobStatus.Launching or JobStatus.Preparing or JobStatus.Doing;

    /// <summary>Applies every timed transition due by <paramref name="now"/>.</summary>
    public void Refresh(DateTimeOffset now)
    {
        while (true)
        {
            RunRecord? run = CurrentRun;
            if (run is null) return;
            DateTimeOffset due;
            switch (Status)
            {
                case JobStatus.Launching:
                    due = _phaseStart + _options.LaunchingDuration;
                    if (now < due) return;
                    Enter(run.Listed ? JobStatus.Doing : JobStatus.Preparing, due, "system",
                        run.Listed ? "The job resumed copying." : "The job is listing the source.");
                    break;
                case JobStatus.Preparing:
                    due = _phaseStart + _options.PreparingDuration;
                    if (now < due) return;
                    run.Listed = true;
                    Enter(JobStatus.Doing, due, "system", "Listing finished; the job is copying.");
                    break;
                case JobStatus.Doing:
                    due = _phaseStart + (_options.DoingDuration - run.DoingDone);
                    if (now < due) return;
                    run.DoingDone = _options.DoingDuration;
                    run.End = due;
                    Enter(JobStatus.Finished, due, "system", "The job is complete.");
                    break;
                case JobStatus.Closing:
                    due = _phaseStart + _options.ClosingDuration;
                    if (now < due) return;
                    run.End = due;
                    run.Interrupted = true;
                    Enter(JobStatus.Finished, due, "system", "The job was closed.");
                    break;
                default:
                    return;
            }
        }
    }

    /// <summary>UpdateJob Status=IMPORT_JOB_LAUNCHING: a new run from BEGIN/FINISHED, a resume from SUSPEND.</summary>
    public void Launch(DateTimeOffset now)
    {
        if (IsRunning) return; // idempotent: a retried start of a started job succeeds
        if (Status == JobStatus.Closing)
        {
            throw new ServiceException(ServiceErrors.InvalidArgument, $"The job '{Name}' is being closed and cannot be started now.");
        }

        if (Status != JobStatus.Suspend)
        {
            Runs.Add(new RunRecord { RuntimeId = Runs.Count + 1, Start = now });
        }

        Enter(JobStatus.Launching, now, "user", Status == JobStatus.Suspend ? "The job was resumed." : "The job was started.");
    }

    /// <summary>UpdateJob Status=IMPORT_JOB_SUSPEND.</summary>
    public void Suspend(DateTimeOffset now)
    {
        if (Status == JobStatus.Suspend) return;
        if (!IsRunning)
        {
            throw new ServiceException(ServiceErrors.InvalidArgument,
                $"The job '{Name}' is not running (status {Status}); only a running job can be suspended.");
        }

        FreezeDoing(now);
        Enter(JobStatus.Suspend, now, "user", "The job was suspended.");
    }

    /// <summary>UpdateJob Status=IMPORT_JOB_CLOSING.</summary>
    public void Close(DateTimeOffset now)
    {
        if (Status is JobStatus.Closing or JobStatus.Finished) return;
        if (Status == JobStatus.Begin)
        {
            throw new ServiceException(ServiceErrors.InvalidArgument, $"The job '{Name}' has not been started; there is nothing to close.");
        }

        FreezeDoing(now);
        Enter(JobStatus.Closing, now, "user", "The job is being closed.");
    }

    /// <summary>Counts of <paramref name="run"/> at <paramref name="now"/> (Refresh first).</summary>
    public Progress ProgressOf(RunRecord run, DateTimeOffset now)
    {
        TimeSpan done = run.DoingDone;
        if (ReferenceEquals(run, CurrentRun) && Status == JobStatus.Doing) done += now - _phaseStart;
        double fraction = _options.DoingDuration <= TimeSpan.Zero ? 1 : Math.Min(1, Math.Max(0, done.TotalMilliseconds / _options.DoingDuration.TotalMilliseconds));
        long total = run.Listed ? TotalObjects : 0;
        long processed = (long)Math.Floor(total * fraction);
        long failed = (long)Math.Floor(FailedObjects * fraction);
        long skipped = (long)Math.Floor(SkippedObjects * fraction);
        long copied = Math.Max(0, processed - failed);
        long objectSize = TotalObjects == 0 ? 0 : TotalBytes / TotalObjects;
        return new Progress(total, copied, failed, skipped, run.Listed ? TotalBytes : 0, copied * objectSize, skipped * objectSize);
    }

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

    private static uint Fnv(string text)
    {
        uint hash = 2166136261;
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 16777619;
        }

        return hash;
    }
}
