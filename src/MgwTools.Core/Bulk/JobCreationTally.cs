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
}

/// <summary>
/// The bookkeeping of one bulk creation (one <c>New-MgwJob</c> pipeline): how many rows were refused by validation,
/// submitted, created, found existing, failed or never sent; which rows were not sent (so a child naming one of them
/// as its parent is <c>ParentNotCreated</c>, even before the <see cref="JobCreator"/> exists); and the decision to
/// stop the run at the first failure every further row would meet too (<see cref="MgwErrorKinds.AffectsEveryRequest"/>).
/// Not thread-safe: the command calls it from its pipeline thread only.
/// </summary>
public sealed class JobCreationTally
{
    private readonly List<(string Name, int? Row, string Reason)> _notSentEarly = new();
    private JobCreator? _creator;

    /// <summary>Rows sent to the creator.</summary>
    public int Submitted { get; private set; }

    /// <summary>Rows whose job this run created (or recovered after an unanswered create).</summary>
    public int Created { get; private set; }

    /// <summary>Rows whose job existed with the same definition (<c>-SkipExisting</c>).</summary>
    public int Existing { get; private set; }

    /// <summary>Rows that failed after being sent (the stopping one included).</summary>
    public int Failed { get; private set; }

    /// <summary>Rows refused by validation (never sent).</summary>
    public int Refused { get; private set; }

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
        Refused++;
        NotSent(name, row, "was refused by validation");
    }

    /// <summary>Row <paramref name="row"/> was not confirmed (<c>-WhatIf</c>, or No at <c>-Confirm</c>).</summary>
    public void NotConfirmed(string? name, int row) => NotSent(name, row, "was not confirmed");

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
            if (done.Result.Kind == JobCreationKind.Existing) Existing++;
            else Created++;
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

        Failed++;
        error = failure.Error.WithContext(row, name);
        if (Fatal is null && MgwErrorKinds.AffectsEveryRequest(error.Kind))
        {
            // Every row still to be sent would fail the same way: the creator admits no more, the rows already sending
            // end (so every job created is reported), then the command stops with this error.
            Fatal = error;
            FatalTarget = target;
            return JobRowOutcome.Stop;
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
    public string? StopWarning => Fatal is { } fatal && Unsent > 0
        ? string.Format(CultureInfo.InvariantCulture,
            "stopped at {0}: {1} input(s) read were not sent, and no more were read. Fix the cause, then run the same command again with -SkipExisting.",
            fatal.Code, Unsent)
        : null;

    private void NotSent(string? name, int? row, string reason)
    {
        if (_creator is null) _notSentEarly.Add((name ?? "", row, reason));
        else _creator.NotSent(name, row, reason);
    }
}
