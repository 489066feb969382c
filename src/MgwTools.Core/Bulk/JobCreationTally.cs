using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;

namespace MgwTools.Core.Bulk;

/// <summary>What the command does with one row's outcome (<see cref="JobCreationTally.Finish"/>).</summary>
public enum JobRowOutcome
{
    /// <summary>The row produced a job (created, recovered or existing): write it out.</summary>
    Job,
    /// <summary>The row failed on its own: write its error, go on with the others.</summary>
    Error,
    /// <summary>The row met a failure every other row would meet too: hold it, stop the run (<see cref="JobCreationTally.Fatal"/>).</summary>
    Stop,
    /// <summary>The row was never sent (the run stopped, or was cancelled).</summary>
    NotSent,
    /// <summary>
    /// The row failed while the run was stopping at an earlier error under <c>-ErrorAction Stop</c>: its error is kept in
    /// <see cref="JobCreationTally.Held"/> and told in the stop warning, not written (writing it would throw at once, before
    /// the rows still sending are reported).
    /// </summary>
    Held,
}

/// <summary>
/// The bookkeeping of one bulk creation (one <c>New-MgwJob</c> pipeline): how many rows were refused by validation,
/// submitted, created, found existing, failed or never sent; which rows were not sent (so a child naming one of them
/// as its parent is <c>ParentNotCreated</c>, even before the <see cref="JobCreator"/> exists); and the decision to
/// stop the run at the first failure every further row would meet too (<see cref="MgwErrorKinds.AffectsEveryRequest"/>).
/// With <c>stopAtFirstError</c> (<c>-ErrorAction Stop</c>), the first error of any kind stops the run the same way: no
/// further row is admitted, the rows already sending end and are reported, then the command throws that error.
/// The counts the user gets (created, existing, refused, failed, not confirmed) are kept in the run's
/// <see cref="MgwRunSummary"/> (<see cref="Run"/>) as they change, not in a copy; <see cref="Fill"/> adds what is
/// known only at the end. Not thread-safe: the command calls it from its pipeline thread only.
/// </summary>
public sealed class JobCreationTally
{
    private readonly List<(string Name, int? Row, string Reason)> _notSentEarly = new();
    private readonly List<MgwError> _held = new();
    private JobCreator? _creator;

    /// <summary>A tally with a summary of its own; <paramref name="stopAtFirstError"/> stops the run at its first error of any kind.</summary>
    public JobCreationTally(bool stopAtFirstError = false)
        : this(new MgwRunSummary("New-MgwJob", DateTimeOffset.UtcNow), stopAtFirstError)
    {
    }

    /// <summary>A tally that counts into <paramref name="run"/>; <paramref name="stopAtFirstError"/> stops the run at its first error of any kind.</summary>
    public JobCreationTally(MgwRunSummary run, bool stopAtFirstError = false)
    {
        Run = run ?? throw new ArgumentNullException(nameof(run));
        StopAtFirstError = stopAtFirstError;
    }

    /// <summary>The run's summary, whose counts this tally keeps.</summary>
    public MgwRunSummary Run { get; }

    /// <summary>True when the first error of any kind stops the run (<c>-ErrorAction Stop</c>).</summary>
    public bool StopAtFirstError { get; }

    /// <summary>Rows not confirmed (<c>-WhatIf</c>, or No at <c>-Confirm</c>): <see cref="MgwRunSummary.NotConfirmed"/>.</summary>
    public int Unconfirmed => Run.NotConfirmed;

    /// <summary>Valid rows deliberately not sent (<c>-AllOrNothing</c> after a refusal).</summary>
    public int Withheld { get; private set; }

    /// <summary>The errors of rows that ended while the run was stopping under <see cref="StopAtFirstError"/>, not written.</summary>
    public IReadOnlyList<MgwError> Held => _held;

    /// <summary>True when the run stops because every request would fail alike (credentials, clock), not at a row's own error.</summary>
    public bool FatalAffectsEveryRequest { get; private set; }

    /// <summary>Rows sent to the creator.</summary>
    public int Submitted { get; private set; }

    /// <summary>Rows whose job this run created (or recovered after an unanswered create): <see cref="MgwRunSummary.Created"/>.</summary>
    public int Created => Run.Created;

    /// <summary>Rows whose job existed with the same definition (<c>-SkipExisting</c>): <see cref="MgwRunSummary.Existing"/>.</summary>
    public int Existing => Run.Existing;

    /// <summary>Rows that failed after being sent (the stopping one included): <see cref="MgwRunSummary.Failed"/>.</summary>
    public int Failed => Run.Failed;

    /// <summary>Rows refused by validation (never sent): <see cref="MgwRunSummary.Refused"/>.</summary>
    public int Refused => Run.Refused;

    /// <summary>Rows submitted but never sent, because the run stopped or was cancelled.</summary>
    public int Unsent { get; private set; }

    /// <summary>Rows sent and finished, one way or another.</summary>
    public int Done => Created + Existing + Failed;

    /// <summary>The failure that stops the run (with its row and job name); null while the run goes on.</summary>
    public MgwError? Fatal { get; private set; }

    /// <summary>The input whose row <see cref="Fatal"/> is about, to be the target of the error.</summary>
    public object? FatalTarget { get; private set; }

    /// <summary>True once a row met a failure every other row would meet: admit nothing more.</summary>
    public bool Stopping => Fatal is not null;

    /// <summary>Hands the rows not sent so far to <paramref name="creator"/>, and every later one as it comes.</summary>
    public void Attach(JobCreator creator)
    {
        _creator = creator ?? throw new ArgumentNullException(nameof(creator));
        foreach (var (name, row, reason) in _notSentEarly)
        {
            creator.NotSent(name, row, reason);
        }

        _notSentEarly.Clear();
    }

    /// <summary>Row <paramref name="row"/>, naming job <paramref name="name"/>, was refused by validation.</summary>
    public void RefusedByValidation(string? name, int row)
    {
        Run.Refused++;
        NotSent(name, row, "was refused by validation");
    }

    /// <summary>
    /// Row <paramref name="row"/> was refused with <paramref name="errors"/> (its findings, with row and job name): counts it
    /// and says what to do with them. <see cref="JobRowOutcome.Error"/>: write them all. Under
    /// <see cref="StopAtFirstError"/>, <see cref="JobRowOutcome.Stop"/> for the first error of the run (it becomes
    /// <see cref="Fatal"/>, the row's other errors are <see cref="Held"/>), then <see cref="JobRowOutcome.Held"/>.
    /// </summary>
    public JobRowOutcome Refuse(string? name, int row, IReadOnlyList<MgwError> errors, object? target)
    {
        if (errors is null) throw new ArgumentNullException(nameof(errors));
        RefusedByValidation(name, row);
        if (!StopAtFirstError || errors.Count == 0) return JobRowOutcome.Error;
        if (Fatal is not null)
        {
            _held.AddRange(errors);
            return JobRowOutcome.Held;
        }

        StopAt(errors[0], target);
        for (int i = 1; i < errors.Count; i++) _held.Add(errors[i]);
        return JobRowOutcome.Stop;
    }

    /// <summary>
    /// Stops the run at <paramref name="error"/> (unless it stops already): no further row is admitted; the rows sending end.
    /// <paramref name="everyRow"/>: the error is about the whole input (a file read with the wrong delimiter), so it stops
    /// the run whatever <see cref="StopAtFirstError"/> says, and the stop warning says so rather than blaming -ErrorAction.
    /// </summary>
    public void StopAt(MgwError error, object? target, bool everyRow = false)
    {
        if (Fatal is not null) return;
        Fatal = error ?? throw new ArgumentNullException(nameof(error));
        FatalTarget = target;
        FatalAffectsEveryRequest = everyRow;
        _creator?.StopAdmitting();
    }

    /// <summary>Row <paramref name="row"/> was not confirmed (<c>-WhatIf</c>, or No at <c>-Confirm</c>).</summary>
    public void NotConfirmed(string? name, int row)
    {
        Run.NotConfirmed++;
        NotSent(name, row, "was not confirmed");
    }

    /// <summary><paramref name="count"/> valid rows were not sent on purpose (<c>-AllOrNothing</c> after a refusal).</summary>
    public void Withhold(int count) => Withheld += count;

    /// <summary>A row was submitted to the creator.</summary>
    public void Sent() => Submitted++;

    /// <summary>
    /// Counts the end of a submitted row and says what to do with it. For <see cref="JobRowOutcome.Error"/> and
    /// <see cref="JobRowOutcome.Stop"/>, <paramref name="error"/> is the row's error with its row and job name.
    /// </summary>
    /// <exception cref="InvalidOperationException"><paramref name="done"/> has not ended.</exception>
    public JobRowOutcome Finish(Task<JobCreationResult> done, int row, string name, object? target, out MgwError? error)
    {
        if (done is null) throw new ArgumentNullException(nameof(done));
        if (!done.IsCompleted) throw new InvalidOperationException("The row has not ended.");
        error = null;
        if (done.Status == TaskStatus.RanToCompletion)
        {
            if (done.Result.Kind == JobCreationKind.Existing) Run.Existing++;
            else Run.Created++;
            return JobRowOutcome.Job;
        }

        if (done.IsCanceled)
        {
            Unsent++;
            return JobRowOutcome.NotSent;
        }

        if (done.Exception?.GetBaseException() is not MgwException failure)
        {
            // A defect, not bad input: the caller rethrows it in full.
            throw done.Exception!.GetBaseException();
        }

        Run.Failed++;
        error = failure.Error.WithContext(row, name);
        if (Fatal is null && (StopAtFirstError || MgwErrorKinds.AffectsEveryRequest(error.Kind)))
        {
            // Every row still to be sent would fail the same way (or the user asked to stop at the first error): the
            // creator admits no more, the rows already sending end (so every job created is reported), then the command
            // stops with this error.
            StopAt(error, target, MgwErrorKinds.AffectsEveryRequest(error.Kind));
            return JobRowOutcome.Stop;
        }

        if (Fatal is not null && StopAtFirstError)
        {
            _held.Add(error);
            return JobRowOutcome.Held;
        }

        return JobRowOutcome.Error;
    }

    /// <summary>The progress line, e.g. "3 of 5 sent done: 2 created, 0 existing, 1 failed; 1 refused by validation".</summary>
    public string ProgressStatus => string.Format(CultureInfo.InvariantCulture,
        "{0} of {1} sent done: {2} created, {3} existing, {4} failed; {5} refused by validation",
        Done, Submitted, Created, Existing, Failed, Refused);

    /// <summary>The share of submitted rows done, 0–100; null before any row was submitted.</summary>
    public int? PercentComplete => Submitted > 0 ? Math.Min(100, Done * 100 / Submitted) : null;

    /// <summary>The closing line for <paramref name="inputs"/> inputs read.</summary>
    public string Summary(int inputs) => string.Format(CultureInfo.InvariantCulture,
        "{0} input(s): {1} created, {2} already existed, {3} failed, {4} refused by validation.",
        inputs, Created, Existing, Failed, Refused);

    /// <summary>When the run stopped with rows read but not sent: what happened and how to finish; else null.</summary>
    public string? StopWarning => StopWarningFor(null);

    /// <summary>
    /// The stop warning when <paramref name="unread"/> rows of the input are known never to have been read (a file read
    /// with <c>-Path</c>); null for piped input, whose rest is unknown. Under <see cref="StopAtFirstError"/> there is
    /// always one: it says what stopped the run, how many rows were not sent and how to resume.
    /// </summary>
    public string? StopWarningFor(int? unread)
    {
        if (Fatal is not { } fatal) return null;
        string rest = unread is int n
            ? string.Format(CultureInfo.InvariantCulture, ", and {0} more row(s) of the input were not read", n)
            : ", and no more were read";
        if (!StopAtFirstError || FatalAffectsEveryRequest)
        {
            return Unsent > 0 || unread > 0
                ? string.Format(CultureInfo.InvariantCulture,
                    "stopped at {0}: {1} input(s) read were not sent{2}. Fix the cause, then run the same command again with -SkipExisting.",
                    fatal.Code, Unsent, rest)
                : null;
        }

        string where = fatal.Row is int row ? string.Format(CultureInfo.InvariantCulture, ", row {0}", row) : "";
        return string.Format(CultureInfo.InvariantCulture,
            "stopped at the first error ({0}{1}) because -ErrorAction is Stop: {2} row(s) read were not sent{3}; the {4} job(s) finished " +
            "before are in the output{5}. Fix the cause, then run the same command again with -SkipExisting to create the rest.",
            fatal.Code, where, Unsent, rest, Created + Existing,
            _held.Count > 0 ? string.Format(CultureInfo.InvariantCulture, ", and {0} more error(s) met meanwhile are listed above", _held.Count) : "");
    }

    /// <summary>
    /// Completes <see cref="Run"/> at the end of the run with what only the end knows: <paramref name="rowsIn"/> rows read,
    /// <paramref name="unread"/> rows of the input known never to have been read (counted as not sent), the rows valid and
    /// not sent, and the stop code.
    /// </summary>
    public void Fill(int rowsIn, int unread = 0)
    {
        Run.RowsIn = rowsIn + unread;
        Run.NotSent = Unsent + Withheld + unread + Math.Max(0, rowsIn - Refused - Submitted - Unconfirmed - Withheld);
        Run.Valid = Math.Max(0, rowsIn - Refused);
        Run.StopCode = Fatal?.Code;
    }

    private void NotSent(string? name, int? row, string reason)
    {
        if (_creator is null) _notSentEarly.Add((name ?? "", row, reason));
        else _creator.NotSent(name, row, reason);
    }
}
