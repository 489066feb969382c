using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MgwTools.Core.Automation;

namespace MgwTools;

/// <summary>
/// The outcome of one run of a bulk cmdlet (<c>New-MgwJob</c>, <c>Test-MgwJobSpec</c>) over all its input, for scripts
/// and pipelines: <c>-SummaryVariable run</c>, then <c>exit $run.ExitCode</c>. Counts rows (inputs), not findings.
/// </summary>
public sealed class MgwRunSummary
{
    /// <summary>The most problems and jobs kept in <see cref="Problems"/> and <see cref="Jobs"/> (the counts are exact).</summary>
    public const int MaxKept = 1000;

    private readonly List<MgwError> _problems = new();
    private readonly List<(MgwJob Job, int? Line)> _jobs = new();
    private readonly List<string> _files = new();

    internal MgwRunSummary(string command, DateTimeOffset start)
    {
        Command = command;
        StartTime = start;
        EndTime = start;
    }

    /// <summary>The cmdlet that ran.</summary>
    public string Command { get; }

    /// <summary>The CSV files read with <c>-Path</c> (full paths); empty for piped or typed input.</summary>
    public string[] Files => _files.ToArray();

    /// <summary>When the run began.</summary>
    public DateTimeOffset StartTime { get; }

    /// <summary>When the run ended.</summary>
    public DateTimeOffset EndTime { get; internal set; }

    /// <summary>How long the run took.</summary>
    public TimeSpan Duration => EndTime - StartTime;

    /// <summary>Rows read: piped objects, typed invocations, or CSV rows that have a value.</summary>
    public int RowsIn { get; internal set; }

    /// <summary>Rows that passed validation.</summary>
    public int Valid { get; internal set; }

    /// <summary>Rows whose job this run created (New-MgwJob).</summary>
    public int Created { get; internal set; }

    /// <summary>Rows whose job already existed with the same definition (New-MgwJob -SkipExisting).</summary>
    public int Existing { get; internal set; }

    /// <summary>Rows refused before anything was sent: validation errors, or -Strict's unknown columns.</summary>
    public int Refused { get; internal set; }

    /// <summary>Rows that failed after being sent (a service error, a duplicate name, a parent not created…).</summary>
    public int Failed { get; internal set; }

    /// <summary>
    /// Rows that passed validation but were never sent: the run stopped (first error under <c>-ErrorAction Stop</c>, a
    /// failure every row would meet, Ctrl+C) or <c>-AllOrNothing</c> refused the run; with <c>-Path</c>, also the rows of
    /// the file that were never read.
    /// </summary>
    public int NotSent { get; internal set; }

    /// <summary>Rows not confirmed (<c>-WhatIf</c>, or No at <c>-Confirm</c>): not a failure.</summary>
    public int NotConfirmed { get; internal set; }

    /// <summary>Warnings found (findings of severity Warning, unknown columns).</summary>
    public int Warnings { get; internal set; }

    /// <summary>True when the run stopped before its end.</summary>
    public bool Stopped => StopCode is not null;

    /// <summary>The code of the error the run stopped at; null when it ran to its end.</summary>
    public string? StopCode { get; internal set; }

    /// <summary>The errors of the rows refused or failed, in the order met (at most <see cref="MaxKept"/>).</summary>
    public MgwError[] Problems => _problems.ToArray();

    /// <summary>The jobs created or found (New-MgwJob; at most <see cref="MaxKept"/>).</summary>
    public MgwJob[] Jobs => _jobs.Select(j => j.Job).ToArray();

    /// <summary>True when every row read was valid and, for New-MgwJob, became a job (or was not confirmed).</summary>
    public bool Succeeded => Refused + Failed + NotSent == 0 && !Stopped;

    /// <summary>0 when <see cref="Succeeded"/>, else 1: <c>exit $run.ExitCode</c> fails a pipeline step.</summary>
    public int ExitCode => Succeeded ? 0 : 1;

    internal bool IsCreation => Command == "New-MgwJob";

    internal void AddFile(string path)
    {
        if (!_files.Contains(path)) _files.Add(path);
    }

    internal void AddProblem(MgwError error)
    {
        if (_problems.Count < MaxKept) _problems.Add(error);
    }

    internal void AddJob(MgwJob job, int? line)
    {
        if (_jobs.Count < MaxKept) _jobs.Add((job, line));
    }

    /// <summary>One line: <c>New-MgwJob: 14 row(s): 8 created, 0 existing, 6 refused, 0 failed, 0 not sent.</c></summary>
    public override string ToString() => IsCreation
        ? string.Format(CultureInfo.InvariantCulture, "{0}: {1} row(s): {2} created, {3} existing, {4} refused, {5} failed, {6} not sent{7}.",
            Command, RowsIn, Created, Existing, Refused, Failed, NotSent, NotConfirmed > 0 ? $", {NotConfirmed} not confirmed" : "")
        : string.Format(CultureInfo.InvariantCulture, "{0}: {1} row(s): {2} valid, {3} refused, {4} warning(s).", Command, RowsIn, Valid, Refused, Warnings);

    /// <summary>
    /// The run as GitHub-flavoured markdown, for a CI run's summary page: the counts, then the rows refused or failed with
    /// their reasons, then the jobs created. Every value from the input is escaped (no HTML, no markdown, no table
    /// break), long texts and lists are cut; the whole stays far under the runners' 1 MiB.
    /// </summary>
    public string ToMarkdown() => RunSummaryMarkdown.Write(this, _problems, _jobs);
}
