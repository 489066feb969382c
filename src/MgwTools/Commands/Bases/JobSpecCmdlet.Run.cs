using System;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Text;
using MgwTools.Core.Automation;

namespace MgwTools.Commands;

/// <summary>
/// What an unattended run needs besides the objects: a <see cref="MgwRunSummary"/> (<c>-SummaryVariable</c>), the rows'
/// errors and warnings as the CI runner's annotations, progress a CI log can show, and the run's markdown summary
/// (<c>-CIOutput</c>, <c>$MgwCIOutput</c>, or the runner's own environment variables). The logging commands are Core's
/// (<see cref="CiCommands"/>, which escapes every value); they are written as Write-Host writes, so a redirected or
/// captured log receives them as whole lines.
/// </summary>
public abstract partial class JobSpecCmdlet
{
    /// <summary>The tag of every information record this module writes for a CI runner.</summary>
    public const string CiTag = "MgwTools.CI";

    private readonly CiProgress _ciProgress = new();
    private CiRunner _runner;
    private string? _workspace;
    private bool _runFinished;

    /// <summary>The run's summary, filled as rows end; set into <c>-SummaryVariable</c> by <see cref="FinishRun"/>.</summary>
    protected MgwRunSummary Summary { get; private set; } = null!;

    /// <summary>The CI runner whose logging commands are written; <see cref="CiRunner.None"/> outside CI.</summary>
    protected CiRunner Runner => _runner;

    /// <summary>
    /// True when verbose messages are shown (<c>-Verbose</c>, or <c>$VerbosePreference</c> other than SilentlyContinue and
    /// Ignore), taken when the run begins: a per-row message is then worth formatting.
    /// </summary>
    protected bool VerboseWanted { get; private set; }

    private void BeginRun()
    {
        Summary = new MgwRunSummary(MyInvocation.MyCommand.Name, DateTimeOffset.UtcNow);
        VerboseWanted = MyInvocation.BoundParameters.TryGetValue("Verbose", out object? verbose)
            ? verbose is SwitchParameter { IsPresent: true } || verbose is true
            : Preference(GetVariableValue("VerbosePreference")) is not (null or ActionPreference.SilentlyContinue or ActionPreference.Ignore);
        _runner = CiCommands.Resolve(AskedCiOutput(), Environment.GetEnvironmentVariable);
        _workspace = _runner switch
        {
            CiRunner.AzurePipelines => Environment.GetEnvironmentVariable("BUILD_SOURCESDIRECTORY") ?? Environment.GetEnvironmentVariable("SYSTEM_DEFAULTWORKINGDIRECTORY"),
            CiRunner.GitHubActions => Environment.GetEnvironmentVariable("GITHUB_WORKSPACE"),
            _ => null,
        };
        if (_runner != CiRunner.None) WriteVerbose($"{Summary.Command}: writing {_runner} logging commands.");
    }

    // -CIOutput when given; else $MgwCIOutput (a preference, as $ErrorActionPreference is); else Auto.
    private MgwCIOutput AskedCiOutput()
    {
        if (MyInvocation.BoundParameters.ContainsKey(nameof(CIOutput))) return CIOutput;
        object? preference = GetVariableValue("MgwCIOutput");
        if (preference is PSObject wrapped) preference = wrapped.BaseObject;
        switch (preference)
        {
            case null:
                return MgwCIOutput.Auto;
            case MgwCIOutput asked:
                return asked;
            case string text when Enum.TryParse(text.Trim(), true, out MgwCIOutput parsed) && Enum.IsDefined(typeof(MgwCIOutput), parsed) && !IsNumber(text):
                return parsed;
            default:
                WriteWarning($"$MgwCIOutput is '{Core.Specs.SpecBinder.Show(Convert.ToString(preference, CultureInfo.InvariantCulture))}', not one of " +
                             $"{string.Join(", ", Enum.GetNames(typeof(MgwCIOutput)))}; Auto is used.");
                return MgwCIOutput.Auto;
        }
    }

    private static bool IsNumber(string text) => int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out _);

    private static ActionPreference? Preference(object? value)
    {
        if (value is PSObject wrapped) value = wrapped.BaseObject;
        return value switch
        {
            ActionPreference preference => preference,
            string text when Enum.TryParse(text.Trim(), true, out ActionPreference parsed) => parsed,
            _ => null,
        };
    }

    /// <summary>
    /// True when an error would stop the command at once: <c>-ErrorAction Stop</c>, or <c>$ErrorActionPreference = 'Stop'</c>
    /// where the command runs (the Azure Pipelines PowerShell task's default). A bulk command then stops admitting rows at
    /// its first error, lets the rows in flight end and reports them, and only then throws.
    /// </summary>
    protected bool StopsAtFirstError()
    {
        object? value = MyInvocation.BoundParameters.TryGetValue("ErrorAction", out object? given) ? given : GetVariableValue("ErrorActionPreference");
        return Preference(value) == ActionPreference.Stop;
    }

    /// <summary>A whole line for the host, the way Write-Host writes it (so <c>6&gt;</c> and transcripts see it too).</summary>
    protected void WriteHostLine(string line) =>
        WriteInformation(new HostInformationMessage { Message = line }, new[] { "PSHOST", CiTag });

    /// <summary>Text for an error or warning the user sees: as it is, or, when a CI runner reads the log, made safe for it.</summary>
    protected string Shown(string text) => _runner == CiRunner.None ? text : CiCommands.SafeLine(text);

    /// <summary>Counts <paramref name="error"/> in the summary (errors) and writes it as the runner's annotation.</summary>
    protected void Report(MgwError error)
    {
        if (error.Severity == MgwSeverity.Error) Summary.AddProblem(error);
        if (_runner == CiRunner.None) return;
        string? file = error.File is { Length: > 0 } path ? CiCommands.RunnerPath(path, _workspace) : null;
        WriteHostLine(CiCommands.Issue(_runner, error.Severity, error.LocatedMessage, file, error.Line, error.Code,
            $"{Summary.Command} {error.Code}"));
    }

    /// <summary>A row's error as a non-terminating error (reported first; its text made safe for a CI log).</summary>
    protected void WriteRowError(MgwError error, object? target, Exception? inner = null)
    {
        Report(error);
        WriteError(Record(error, target, inner));
    }

    /// <summary>Stops the command with <paramref name="error"/>: reported, the run finished (<see cref="FinishRun"/>), then thrown.</summary>
    protected override void ThrowRowError(MgwError error, object? target, Exception? inner = null)
    {
        Report(error);
        FinishRun();
        ThrowTerminatingError(Record(error, target, inner));
    }

    /// <summary>
    /// Counts one verdict in the summary (a row in; valid or refused; its warnings) and reports each finding as the runner's
    /// annotation. For commands whose output is the verdicts (Test-MgwJobSpec).
    /// </summary>
    protected void Tally(MgwSpecValidation validation)
    {
        Summary.RowsIn++;
        if (validation.IsValid) Summary.Valid++;
        else Summary.Refused++;
        Summary.Warnings += validation.Warnings.Length;
        foreach (MgwError error in validation.Errors) Report(error);
        foreach (MgwError warning in validation.Warnings) Report(warning);
    }

    /// <summary>Completes the summary's counts when the run ends; the default keeps what <see cref="Tally"/> counted.</summary>
    protected virtual void FillSummary(MgwRunSummary summary)
    {
    }

    /// <summary>A row's warning: <c>Row 3 'name': message [Code]</c> (with the file and line for a -Path row), reported too.</summary>
    protected void WriteRowWarning(MgwError warning)
    {
        Report(warning);
        WriteWarning(Shown($"{warning.LocatedMessage} [{warning.Code}]"));
    }

    /// <summary>A warning about the run rather than a row (empty rows skipped, a stop, nothing sent): written, reported, counted.</summary>
    protected override void Note(MgwError warning)
    {
        warning.Severity = MgwSeverity.Warning;
        Summary.Warnings++;
        WriteRowWarning(warning);
    }

    private ErrorRecord Record(MgwError error, object? target, Exception? inner)
    {
        ErrorRecord record = ErrorRecords.From(error, target, inner);
        if (_runner != CiRunner.None)
        {
            record.ErrorDetails = new ErrorDetails(Shown(error.LocatedMessage)) { RecommendedAction = error.Recommend };
        }

        return record;
    }

    /// <summary>In CI: Azure Pipelines' <c>task.setprogress</c> as the share of done rows moves, and a plain line every 10 %.</summary>
    protected void ReportProgress(int done, int? total, string activity, string status)
    {
        if (_runner == CiRunner.None) return;
        var (percent, line) = _ciProgress.Next(done, total);
        if (percent is int share && CiCommands.Progress(_runner, share, activity) is { } command) WriteHostLine(command);
        if (line) WriteHostLine(Shown($"{Summary.Command}: {status}"));
    }

    /// <summary>
    /// Ends the run's reporting, once: <see cref="FillSummary"/> completes the summary, which goes to <c>-SummaryVariable</c>,
    /// to the verbose stream, and in CI to the log (one line) and to the runner's summary page (markdown). Call it before
    /// the command returns or throws.
    /// </summary>
    protected void FinishRun()
    {
        if (_runFinished || Summary is null) return;
        _runFinished = true;
        Summary.EndTime = DateTimeOffset.UtcNow;
        FillSummary(Summary);
        if (SummaryVariable is { Length: > 0 } name) SessionState.PSVariable.Set(name, Summary);
        WriteVerbose(Summary.ToString());
        if (_runner == CiRunner.None) return;
        WriteHostLine(Shown(Summary.ToString()));
        try
        {
            PublishSummary(Summary.ToMarkdown());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or System.Security.SecurityException)
        {
            WriteWarning(Shown($"{Summary.Command}: the run's summary could not be written for {_runner}: {ex.Message}"));
        }
    }

    private void PublishSummary(string markdown)
    {
        var utf8 = new UTF8Encoding(false);
        if (_runner == CiRunner.AzurePipelines)
        {
            string? agentTemp = Environment.GetEnvironmentVariable("AGENT_TEMPDIRECTORY");
            string folder = agentTemp is { Length: > 0 and < 4096 } && System.IO.Path.IsPathRooted(agentTemp) && Directory.Exists(agentTemp)
                ? agentTemp
                : System.IO.Path.GetTempPath();
            string file = System.IO.Path.Combine(folder, string.Format(CultureInfo.InvariantCulture, "MgwTools-{0}-{1:yyyyMMdd-HHmmss}-{2}.md",
                Summary.Command, Summary.StartTime, Guid.NewGuid().ToString("N").Substring(0, 8)));
            File.WriteAllText(file, markdown, utf8);
            WriteHostLine(CiCommands.UploadSummary(file));
            return;
        }

        string? summaryFile = Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY");
        if (summaryFile is not { Length: > 0 })
        {
            WriteVerbose($"{Summary.Command}: GITHUB_STEP_SUMMARY is not set; no step summary written.");
            return;
        }

        if (summaryFile.Length > 4096 || !System.IO.Path.IsPathRooted(summaryFile) || Directory.Exists(summaryFile))
        {
            throw new ArgumentException("GITHUB_STEP_SUMMARY does not name a file by its full path.");
        }

        File.AppendAllText(summaryFile, markdown + "\n", utf8);
    }
}
