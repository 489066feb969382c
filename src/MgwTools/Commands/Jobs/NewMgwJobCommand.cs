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
/// <c>New-MgwJob</c>: <c>mgwutil create-job</c> as a cmdlet. Each input (typed, a piped CSV row by property name, or a
/// row of a <c>-Path</c> file) is validated offline first; a valid one is created with CreateJob then GetJob and written
/// out as an <see cref="MgwJob"/> the moment it is done, several rows at a time (<c>-ThrottleLimit</c>). The work is
/// <see cref="JobCreator"/>'s and the stop decisions <see cref="JobCreationTally"/>'s; this class binds, asks
/// ShouldProcess, shows progress and writes the results on the pipeline thread. Under <c>-ErrorAction Stop</c> the
/// first error stops the run the way a credential error does: nothing more is admitted, the rows in flight end and are
/// written, then the error is thrown. <c>-AllOrNothing</c> validates every row before sending any.
/// </summary>
[Cmdlet(VerbsCommon.New, "MgwJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(MgwJob))]
public sealed class NewMgwJobCommand : JobSpecCmdlet
{
    private const int ProgressId = 1;
    private const string Activity = "Creating migration jobs";

    private readonly List<Task> _pending = new();
    private readonly List<Buffered> _buffered = new();
    private JobCreationTally _tally = new();
    private MgwClient? _client;
    private JobCreator? _creator;

    #region Parameters

    /// <summary>Start each job this command creates (UpdateJob to IMPORT_JOB_LAUNCHING), then return it refreshed.</summary>
    [Parameter]
    public SwitchParameter Start { get; set; }

    /// <summary>Return a job that already exists with the same definition instead of failing; report a conflict when it differs.</summary>
    [Parameter]
    public SwitchParameter SkipExisting { get; set; }

    /// <summary>
    /// Validate every input first and send nothing when any is refused; the whole input is held in memory until its end.
    /// </summary>
    [Parameter]
    public SwitchParameter AllOrNothing { get; set; }

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
        _tally = new JobCreationTally(Summary, StopsAtFirstError());
        // Region limits come from the context when there is one (worked out here, once); the context itself is only required to send.
        _ = LimitsRegion;
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (RowInput input in Inputs())
        {
            if (_tally.Stopping) break;
            Admit(input);
        }

        StopIfFatal();
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (AllOrNothing)
        {
            SendBuffered();
        }

        if (_pending.Count > 0)
        {
            Await(_ => Task.WhenAll(_pending.ToArray()));
        }

        RunPosted();
        StopIfFatal();
        WriteProgress(new ProgressRecord(ProgressId, Activity, "Done") { RecordType = ProgressRecordType.Completed });
        FinishRun();
    }

    /// <inheritdoc />
    protected override void FillSummary(MgwRunSummary summary) =>
        _tally.Fill(Row, TotalRows is int total ? Math.Max(0, total - Row) : 0);   // the tally counts into Summary (this summary)

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

    // One input: validated, then sent (or, with -AllOrNothing, kept until every input is validated).
    private void Admit(RowInput input)
    {
        var (spec, findings) = BindRecord(input);
        string? parent = ParentJobNameOf(input, findings);
        int row = input.Row;
        object target = input.Target ?? spec;
        InputObject = null;
        MgwSpecValidation validation = Evaluate(input, spec, findings, LimitsRegion);
        if (validation.Errors.FirstOrDefault(e => e.Code == MgwErrorCodes.WrongDelimiter) is { } misread)
        {
            // Every row of this input is misread alike: one clear error for the run, not the same findings for every row.
            _tally.RefusedByValidation(spec.Name, row);
            _tally.StopAt(misread, target, everyRow: true);
            return;
        }

        Summary.Warnings += validation.Warnings.Length;
        foreach (MgwError warning in validation.Warnings)
        {
            WriteRowWarning(warning);
        }

        if (!validation.IsValid)
        {
            if (_tally.Refuse(spec.Name, row, validation.Errors, target) == JobRowOutcome.Error)
            {
                foreach (MgwError error in validation.Errors) WriteRowError(error, target);
            }

            ShowProgress(spec.Name);
            return;
        }

        var item = new Buffered(spec, parent, row, input.File, input.Line, MyInvocation.ExpectingInput || input.File is not null, target);
        if (!AllOrNothing)
        {
            Send(item);
            return;
        }

        if (_buffered.Count == Core.Csv.CsvFile.MaxRecords)
        {
            ThrowRowError(new MgwError
            {
                Code = MgwErrorCodes.TooManyRows,
                Field = nameof(AllOrNothing),
                Message = string.Format(CultureInfo.InvariantCulture,
                    "-AllOrNothing holds every input until the last one is validated, and this input has more than {0:N0}; send it in parts, or without -AllOrNothing.",
                    Core.Csv.CsvFile.MaxRecords),
            }, target);
        }

        _buffered.Add(item);
    }

    // -AllOrNothing: every input is validated; send them all, or none when any was refused.
    private void SendBuffered()
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        int duplicates = 0;
        foreach (Buffered item in _buffered)
        {
            if (!first.TryGetValue(item.Spec.Name!, out int firstRow))
            {
                first[item.Spec.Name!] = item.Row;
                continue;
            }

            // The creator would refuse it too, but only after the rows before it were sent.
            duplicates++;
            MgwError duplicate = JobCreator.DuplicateName(item.Spec.Name!, firstRow).WithContext(item.Row, item.Spec.Name).WithSource(item.File, item.Line);
            if (_tally.Refuse(item.Spec.Name, item.Row, new[] { duplicate }, item.Target) == JobRowOutcome.Error) WriteRowError(duplicate, item.Target);
        }

        StopIfFatal();
        if (_tally.Refused > 0)
        {
            _tally.Withhold(_buffered.Count - duplicates);
            Note(new MgwError
            {
                Code = MgwErrorCodes.NothingSent,
                Message = string.Format(CultureInfo.InvariantCulture,
                    "New-MgwJob -AllOrNothing: {0} of {1} input(s) were refused, so none was sent. Fix them, then run the same command again.",
                    _tally.Refused, Row),
            });
            return;
        }

        foreach (Buffered item in _buffered)
        {
            if (_tally.Stopping) break;
            Send(item);
        }
    }

    private void Send(Buffered item)
    {
        MgwJobSpec spec = item.Spec;
        string name = spec.Name!;
        string summary = string.IsNullOrWhiteSpace(item.Parent) ? spec.Summary() : $"{spec.Summary()}, child of '{item.Parent!.Trim()}'";
        if (!ShouldProcess($"Create migration job '{name}': {summary}.", $"Create migration job '{name}': {summary}?", "New-MgwJob"))
        {
            _tally.NotConfirmed(name, item.Row);
            return;
        }

        JobCreator creator = Creator();
        Task<JobCreationResult> work = creator.Submit(spec, item.Parent, item.Row, CancelToken);
        _tally.Sent();
        // Queued inline as the row completes (Post only enqueues): with -ThrottleLimit 1 the next row, admitted as this
        // one released its slot, cannot reach the output first on a busy thread pool.
        _pending.Add(work.ContinueWith(done => Post(() => Finish(done, item)), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default));
        ShowProgress(name);
        RunPosted();

        // Back-pressure: read ahead of the running rows by at most one more batch, so Ctrl+C and errors stay prompt.
        while (!_tally.Stopping)
        {
            _pending.RemoveAll(t => t.IsCompleted);
            if (_pending.Count < ThrottleLimit * 2) break;
            Await(_ => Task.WhenAny(_pending));
        }
    }

    private JobCreator Creator()
    {
        if (_creator is null)
        {
            if (!HasPerCallAccount && Context is null && MgwSession.Get() is null)
            {
                // Stopped here rather than by ResolveContext, so the run's summary and CI output still have their end.
                ThrowRowError(MgwSession.NotConnectedError(), null);
            }

            MgwContext context = ResolveContext();
            RequestPacer? pacer = MaxRequestsPerSecond > 0 ? new RequestPacer(MaxRequestsPerSecond) : null;
            _client = CreateClient(context, MaxRetries, pacer, TimeSpan.FromSeconds(TimeoutSec));
            _creator = new JobCreator(_client, ThrottleLimit, SkipExisting, Start, _tally.StopAtFirstError);
            _tally.Attach(_creator);
            WriteVerbose($"New-MgwJob: creating jobs in {context}, {ThrottleLimit} at a time.");
        }

        return _creator;
    }

    // On the pipeline thread: one row's outcome becomes output, an error, or the reason to stop.
    private void Finish(Task<JobCreationResult> done, Buffered item)
    {
        JobRowOutcome outcome = _tally.Finish(done, item.Row, item.Spec.Name!, item.Target, out MgwError? error);
        if (error is not null && item.File is not null)
        {
            // The same object the tally keeps as the stop error or a held one, so those name the file and line too.
            error.File = item.File;
            error.Line = item.Line;
        }

        switch (outcome)
        {
            case JobRowOutcome.Job:
                JobCreationResult result = done.Result;
                MgwJob job = result.Job;
                if (item.Numbered) job.Row = item.Row;
                Summary.AddJob(job, item.Line);
                WriteVerbose(string.Format(CultureInfo.InvariantCulture, "Row {0} '{1}': {2}{3}; version {4}, status {5}.",
                    item.Row, item.Spec.Name, Describe(result), result.Started ? " and started" : "", job.Version, job.Status));
                WriteJob(job);
                break;
            case JobRowOutcome.Error:
                WriteRowError(error!, item.Target, done.Exception?.GetBaseException());
                break;
        }

        ShowProgress(item.Spec.Name);
    }

    // The run stops (a failure every row would meet, a misread input, or the first error under -ErrorAction Stop): the rows
    // already sending end and their jobs are written, the errors met meanwhile are told, then the stop error is thrown.
    private void StopIfFatal()
    {
        if (_tally.Fatal is not { } error)
        {
            return;
        }

        Await(_ => Task.WhenAll(_pending.ToArray()));
        RunPosted();
        WriteProgress(new ProgressRecord(ProgressId, Activity, "Stopped") { RecordType = ProgressRecordType.Completed });
        foreach (MgwError held in _tally.Held)
        {
            Report(held);
            WriteWarning(Shown($"{held.LocatedMessage} [{held.Code}] (not raised: the run had already stopped at an earlier error)"));
        }

        int? unread = TotalRows is int total ? Math.Max(0, total - Row) : null;
        // A job typed at the prompt that fails leaves nothing behind to tell about: its error says it all.
        bool leftSomething = MyInvocation.ExpectingInput || unread > 0 || _tally.Unsent > 0 || _tally.Held.Count > 0;
        if (leftSomething && _tally.StopWarningFor(unread) is { } warning)
        {
            Note(new MgwError { Code = MgwErrorCodes.RunStopped, Message = "New-MgwJob " + warning });
        }

        ThrowRowError(error, _tally.FatalTarget);
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
        int finished = _tally.Done + _tally.Refused + _tally.Unconfirmed + _tally.Unsent;
        int? total = TotalRows ?? (AllOrNothing && _buffered.Count > 0 && _tally.Submitted > 0 ? _buffered.Count : null);
        if (total is int all && all > 0)
        {
            record.PercentComplete = Math.Min(100, finished * 100 / all);
        }
        else if (!MyInvocation.ExpectingInput && _tally.PercentComplete is { } percent)
        {
            record.PercentComplete = percent;
        }

        WriteProgress(record);
        ReportProgress(finished, total, Activity, string.Format(CultureInfo.InvariantCulture,
            "{0} of {1} row(s) done: {2} created, {3} existing, {4} refused, {5} failed, {6} not sent.", finished,
            total?.ToString(CultureInfo.InvariantCulture) ?? "?", _tally.Created, _tally.Existing, _tally.Refused, _tally.Failed, _tally.Unsent));
    }

    // A valid input on its way to the creator.
    private sealed record Buffered(MgwJobSpec Spec, string? Parent, int Row, string? File, int? Line, bool Numbered, object Target);
}
