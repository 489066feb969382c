using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using MgwTools.Completers;
using MgwTools.Core.Jobs;

namespace MgwTools.Commands;

/// <summary>
/// <c>Wait-MgwJob</c>: like <c>Wait-Job</c>, for migration jobs. Collects the jobs of the whole pipeline, then polls
/// until each is in one of <c>-Status</c> (default: finished, interrupted, suspended or confirmed) and writes each
/// job as it gets there. One progress bar per job shows the files and bytes of its current run, under one overall
/// bar. Jobs still running at <c>-Timeout</c> get a non-terminating <c>WaitTimeout</c> error each.
/// </summary>
[Cmdlet(VerbsLifecycle.Wait, "MgwJob", DefaultParameterSetName = ByInputObjectSet)]
[OutputType(typeof(MgwJob))]
public sealed class WaitMgwJobCommand : JobTargetCmdlet
{
    private const int OverallProgressId = 1;
    private const int MaxJobBars = 10;

    private readonly List<(string Name, object Target)> _jobs = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private int _barsMade;

    #region Parameters

    /// <summary>The states to wait for (wire names such as IMPORT_JOB_FINISHED). Default: finished, interrupted, suspended, confirmed.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(JobStatusCompleter))]
    public string[]? Status { get; set; }

    /// <summary>The most seconds to wait; -1 (the default) waits as long as it takes.</summary>
    [Parameter]
    [ValidateRange(-1, int.MaxValue)]
    [Alias("TimeoutSec")]
    public int Timeout { get; set; } = -1;

    /// <summary>Seconds between two polls. Default 2.</summary>
    [Parameter]
    [ValidateRange(0.05, 3600.0)]
    public double PollInterval { get; set; } = 2;

    #endregion

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var target in Targets())
        {
            if (_seen.Add(target.Name)) _jobs.Add(target);
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (_jobs.Count == 0) return;
        var waiter = new JobWaiter(Client, Status?.Select(s => s.Trim()));
        var pending = _jobs.ToDictionary(j => j.Name, j => j.Target, StringComparer.Ordinal);
        var bars = new Dictionary<string, int>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        TimeSpan? timeout = Timeout < 0 ? null : TimeSpan.FromSeconds(Timeout);
        var last = new Dictionary<string, MgwJob>(StringComparer.Ordinal);

        while (pending.Count > 0)
        {
            JobPoll poll = Poll(waiter, pending);
            foreach (string name in poll.Missing)
            {
                WriteMgwError(Gone(name), pending[name]);
                Done(name);
            }

            foreach (var failed in poll.Failed)
            {
                WriteMgwError(failed.Value.WithContext(null, failed.Key), pending[failed.Key]);
                Done(failed.Key);
            }

            foreach (var found in poll.Jobs)
            {
                last[found.Key] = found.Value;
                if (!waiter.IsDone(found.Value)) continue;
                WriteObject(found.Value);
                Done(found.Key);
            }

            ShowProgress(waiter, pending.Keys, last, bars);
            if (pending.Count == 0) break;

            if (timeout is { } limit && clock.Elapsed >= limit)
            {
                foreach (var left in pending)
                {
                    string? status = last.TryGetValue(left.Key, out MgwJob? job) ? job.Status?.Value : null;
                    WriteMgwError(JobErrors.WaitTimeout(left.Key, limit, "reach " + Awaited(), status), left.Value);
                }

                break;
            }

            TimeSpan pause = TimeSpan.FromSeconds(PollInterval);
            if (timeout is { } t && t - clock.Elapsed < pause) pause = t - clock.Elapsed;
            if (pause > TimeSpan.Zero) Await(ct => Task.Delay(pause, ct));
        }

        foreach (int id in bars.Values) WriteProgress(new ProgressRecord(id, "Migration job", "Done") { RecordType = ProgressRecordType.Completed, ParentActivityId = OverallProgressId });
        WriteProgress(new ProgressRecord(OverallProgressId, "Waiting for migration jobs", "Done") { RecordType = ProgressRecordType.Completed });

        void Done(string name)
        {
            pending.Remove(name);
            if (bars.TryGetValue(name, out int id))
            {
                WriteProgress(new ProgressRecord(id, $"Job {name}", "Done") { RecordType = ProgressRecordType.Completed, ParentActivityId = OverallProgressId });
                bars.Remove(name);
            }
        }
    }

    // One poll. A listing that fails (the client has retried already) ends the wait as an error record naming the
    // jobs still awaited, not as a bare exception.
    private JobPoll Poll(JobWaiter waiter, Dictionary<string, object> pending)
    {
        try
        {
            return Await(ct => waiter.PollAsync(pending.Keys.ToArray(), ct));
        }
        catch (MgwException ex)
        {
            ThrowMgwError(ex.Error, pending.Values.ToArray(), ex);
            throw;
        }
    }

    private string Awaited() => Status is { Length: > 0 } s ? string.Join(" or ", s) : string.Join(" or ", JobWaiter.DefaultStatuses);

    private static MgwError Gone(string name) => new()
    {
        Code = "NoSuchImportJob",
        StatusCode = 404,
        JobName = name,
        Field = "Name",
        Value = name,
        Message = $"Job '{name}' does not exist (it was never created, or was deleted while being waited for).",
    };

    // One bar per job still awaited (at most MaxJobBars, the first ones), with the counts of its current run.
    private void ShowProgress(JobWaiter waiter, IEnumerable<string> pending, Dictionary<string, MgwJob> last, Dictionary<string, int> bars)
    {
        int total = _jobs.Count;
        string[] waiting = pending.ToArray();
        var overall = new ProgressRecord(OverallProgressId, "Waiting for migration jobs",
            string.Format(CultureInfo.InvariantCulture, "{0} of {1} done", total - waiting.Length, total))
        {
            PercentComplete = (int)(100.0 * (total - waiting.Length) / total),
        };
        WriteProgress(overall);

        foreach (string name in waiting.Take(MaxJobBars))
        {
            if (!bars.TryGetValue(name, out int id))
            {
                id = OverallProgressId + 1 + _barsMade++;
                bars[name] = id;
            }

            string status = last.TryGetValue(name, out MgwJob? job) ? job.Status?.Value ?? "?" : "?";
            var record = new ProgressRecord(id, $"Job {name}", status) { ParentActivityId = OverallProgressId };
            if (TryRun(waiter, name) is { } run)
            {
                record.StatusDescription = RunText(status, run);
                if (run.TotalCount is > 0 and { } files && run.CopiedCount is { } copied)
                {
                    record.PercentComplete = (int)Math.Min(100, 100 * (copied + (run.FailedCount ?? 0)) / files);
                }
            }

            WriteProgress(record);
        }
    }

    private MgwJobRun? TryRun(JobWaiter waiter, string name)
    {
        try
        {
            return Await(ct => waiter.CurrentRunAsync(name, ct));
        }
        catch (MgwException ex)
        {
            // Progress is a courtesy: a failed history read must not end the wait.
            WriteVerbose($"No progress for job '{name}': {ex.Error.Message}");
            return null;
        }
    }

    internal static string RunText(string status, MgwJobRun run) => string.Format(CultureInfo.InvariantCulture,
        "{0}, run {1}: {2:N0} of {3:N0} files, {4} of {5}{6}",
        status, run.RuntimeId, run.CopiedCount ?? 0, run.TotalCount ?? 0, ByteSize.Format(run.CopiedSize), ByteSize.Format(run.TotalSize),
        run.FailedCount is > 0 and { } failed ? $", {failed:N0} failed" : "");
}
