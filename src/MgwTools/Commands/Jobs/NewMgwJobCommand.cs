using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using MgwTools.Core.Bulk;
using MgwTools.Core.Client;
using MgwTools.Core.Specs;
using MgwTools.Core.Wire;

namespace MgwTools.Commands;

/// <summary>
/// <c>New-MgwJob</c>: <c>mgwutil create-job</c> as a cmdlet. Each input (typed, or a CSV row by property name)
/// is validated offline first; a valid one is created with CreateJob then GetJob and written out as an
/// <see cref="MgwJob"/> the moment it is done, several rows at a time (<c>-ThrottleLimit</c>). The work is
/// <see cref="JobCreator"/>'s; this class binds, asks ShouldProcess, shows progress and writes the results on the
/// pipeline thread.
/// </summary>
[Cmdlet(VerbsCommon.New, "MgwJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(MgwJob))]
public sealed class NewMgwJobCommand : JobSpecCmdlet
{
    private const int ProgressId = 1;
    private const string Activity = "Creating migration jobs";

    private readonly List<Task> _pending = new();
    private readonly JobCreationTally _tally = new();
    private MgwClient? _client;
    private JobCreator? _creator;
    private string? _region;

    #region Parameters

    /// <summary>Name of the parent job, resolved to its Version with GetJob; instead of -ParentVersion.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("parent-job-name")]
    [ArgumentCompleter(typeof(Completers.JobNameCompleter))]
    public string? ParentJobName { get; set; }

    /// <summary>Start each job this command creates (UpdateJob to IMPORT_JOB_LAUNCHING), then return it refreshed.</summary>
    [Parameter]
    public SwitchParameter Start { get; set; }

    /// <summary>Return a job that already exists with the same definition instead of failing; report a conflict when it differs.</summary>
    [Parameter]
    public SwitchParameter SkipExisting { get; set; }

    /// <summary>How many inputs are worked on at once. Default 4.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 4;

    /// <summary>The most requests sent per second, retries included, across all rows. Default: no limit.</summary>
    [Parameter]
    [ValidateRange(0.01, 1000.0)]
    public double MaxRequestsPerSecond { get; set; }

    /// <summary>
    /// How many times a request that failed for a passing reason (network, timeout, 5xx, throttling) is tried
    /// again, with exponential backoff and jitter. Default 3.
    /// </summary>
    [Parameter]
    [ValidateRange(0, 20)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>How long one attempt of one request may take before it counts as failed (and is retried). Default 30.</summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int TimeoutSec { get; set; } = 30;

    #endregion

    #region Overrides

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        // Region limits come from the context when there is one; the context itself is only required to send.
        _region = LimitsRegion;
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var (spec, findings) = BindRecord();
        int row = Row;
        object target = InputObject is { } input ? input : spec;
        InputObject = null;
        MgwSpecValidation validation = SpecValidator.Evaluate(spec, findings, _region, row, MgwJobSpecXml.Write);
        foreach (MgwError warning in validation.Warnings)
        {
            WriteWarning($"Row {row} '{spec.Name}': {warning.Message} [{warning.Code}]");
        }

        if (!validation.IsValid)
        {
            _tally.RefusedByValidation(spec.Name, row);
            foreach (MgwError error in validation.Errors)
            {
                WriteMgwError(error.WithContext(row, spec.Name), target);
            }

            ShowProgress(spec.Name);
            return;
        }

        string name = spec.Name!;
        string summary = string.IsNullOrWhiteSpace(ParentJobName) ? spec.Summary() : $"{spec.Summary()}, child of '{ParentJobName!.Trim()}'";
        if (!ShouldProcess($"Create migration job '{name}': {summary}.", $"Create migration job '{name}': {summary}?", "New-MgwJob"))
        {
            _tally.NotConfirmed(name, row);
            return;
        }

        JobCreator creator = Creator();
        bool piped = MyInvocation.ExpectingInput;
        Task<JobCreationResult> work = creator.Submit(spec, ParentJobName, row, CancelToken);
        _tally.Sent();
        _pending.Add(work.ContinueWith(done => Post(() => Finish(done, row, piped, name, target)), TaskScheduler.Default));
        ShowProgress(name);
        RunPosted();

        // Back-pressure: read ahead of the running rows by at most one more batch, so Ctrl+C and errors stay prompt.
        while (!_tally.Stopping)
        {
            _pending.RemoveAll(t => t.IsCompleted);
            if (_pending.Count < ThrottleLimit * 2) break;
            Await(_ => Task.WhenAny(_pending));
        }

        StopIfFatal();
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (_pending.Count > 0)
        {
            Await(_ => Task.WhenAll(_pending.ToArray()));
        }

        RunPosted();
        StopIfFatal();
        WriteProgress(new ProgressRecord(ProgressId, Activity, "Done") { RecordType = ProgressRecordType.Completed });
        WriteVerbose("New-MgwJob: " + _tally.Summary(Row));
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);   // first: cancels the rows still running
        if (disposing)
        {
            _client?.Dispose();
        }
    }

    #endregion

    private JobCreator Creator()
    {
        if (_creator is null)
        {
            MgwContext context = ResolveContext();
            RequestPacer? pacer = MaxRequestsPerSecond > 0 ? new RequestPacer(MaxRequestsPerSecond) : null;
            _client = CreateClient(context, MaxRetries, pacer, TimeSpan.FromSeconds(TimeoutSec));
            _creator = new JobCreator(_client, ThrottleLimit, SkipExisting, Start);
            _tally.Attach(_creator);
            WriteVerbose($"New-MgwJob: creating jobs in {context}, {ThrottleLimit} at a time.");
        }

        return _creator;
    }

    // On the pipeline thread: one row's outcome becomes output, an error, or the reason to stop.
    private void Finish(Task<JobCreationResult> done, int row, bool piped, string name, object target)
    {
        switch (_tally.Finish(done, row, name, target, out MgwError? error))
        {
            case JobRowOutcome.Job:
                JobCreationResult result = done.Result;
                MgwJob job = result.Job;
                if (piped) job.Row = row;
                WriteVerbose(string.Format(CultureInfo.InvariantCulture, "Row {0} '{1}': {2}{3}; version {4}, status {5}.",
                    row, name, Describe(result), result.Started ? " and started" : "", job.Version, job.Status));
                WriteJob(job);
                break;
            case JobRowOutcome.Error:
                WriteMgwError(error!, target, done.Exception?.GetBaseException());
                break;
        }

        ShowProgress(name);
    }

    private void StopIfFatal()
    {
        if (_tally.Fatal is not { } error)
        {
            return;
        }

        Await(_ => Task.WhenAll(_pending.ToArray()));
        RunPosted();
        WriteProgress(new ProgressRecord(ProgressId, Activity, "Stopped") { RecordType = ProgressRecordType.Completed });
        if (_tally.StopWarning is { } warning)
        {
            WriteWarning("New-MgwJob " + warning);
        }

        ThrowMgwError(error, _tally.FatalTarget);
    }

    private static string Describe(JobCreationResult result) => result.Kind switch
    {
        JobCreationKind.Existing => "exists with the same definition (returned as it is)",
        JobCreationKind.Recovered => string.Format(CultureInfo.InvariantCulture, "created (confirmed by a lookup after {0} unanswered send(s))", result.Sends),
        _ => "created",
    };

    private void ShowProgress(string? current)
    {
        var record = new ProgressRecord(ProgressId, Activity, _tally.ProgressStatus) { CurrentOperation = current ?? "" };
        if (!MyInvocation.ExpectingInput && _tally.PercentComplete is { } percent)
        {
            record.PercentComplete = percent;
        }

        WriteProgress(record);
    }
}
