using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using MgwTools.Core.Specs;
using MgwTools.Core.Wire;

namespace MgwTools.Commands;

/// <summary>
/// <c>Test-MgwJobSpec</c>: validates job definitions offline against every rule of design §3 and writes
/// one <see cref="MgwSpecValidation"/> per input (or only <c>$true</c>/<c>$false</c> with <c>-Quiet</c>).
/// Bad input is its job: it never throws on it. With <c>-Online</c> it also asks the service what only the service
/// knows (<see cref="OnlineSpecChecker"/>); a failure to ask stops the command.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "MgwJobSpec")]
[OutputType(typeof(MgwSpecValidation))]
[OutputType(typeof(bool))]
public sealed class TestMgwJobSpecCommand : JobSpecCmdlet
{
    #region Parameters

    /// <summary>Write only $true (no errors) or $false per input.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    /// <summary>Also ask the service: addresses exist and verified, parent exists, name free, room under the job quota.</summary>
    [Parameter]
    public SwitchParameter Online { get; set; }

    /// <summary>With -Online: a job that exists with the same definition passes, as New-MgwJob -SkipExisting returns it.</summary>
    [Parameter]
    public SwitchParameter SkipExisting { get; set; }

    #endregion

    private OnlineSpecChecker? _online;

    #region Overrides

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (!string.IsNullOrWhiteSpace(Region) && !RegionLimits.IsKnown(Region))
        {
            WriteWarning($"Region '{Region}' is not one of {string.Join(", ", RegionLimits.Regions)}; the highest limits apply.");
        }
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (RowInput input in Inputs())
        {
            var (spec, findings) = BindRecord(input);
            // The parent matters to -Online only; a script block for it runs either way, so one that fails is a finding.
            string? parent = Online || ParentJobName?.Value is ScriptBlock ? ParentJobNameOf(input, findings) : null;
            MgwSpecValidation result = Evaluate(input, spec, findings, LimitsRegion);
            if (Online) result = WithOnlineFindings(input, result, parent);
            Tally(result);
            if (VerboseWanted) WriteVerbose($"Row {input.Row} '{result.Name}': {result.Errors.Length} error(s), {result.Warnings.Length} warning(s).");
            WriteObject(Quiet ? result.IsValid : result);
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing() => FinishRun();

    #endregion

    // The offline verdict plus what the service says (row, field, and for a -Path row its file and line); the service's
    // lookups are cached across rows.
    private MgwSpecValidation WithOnlineFindings(RowInput input, MgwSpecValidation offline, string? parent)
    {
        _online ??= new OnlineSpecChecker(Client, SkipExisting);
        OnlineSpecChecker checker = _online;
        MgwJobSpec spec = offline.Spec;
        IReadOnlyList<MgwError> online;
        try
        {
            online = Await(ct => checker.CheckAsync(spec, parent, input.Row, offline.IsValid, ct));
        }
        catch (MgwException ex)
        {
            ThrowMgwError(ex.Error.WithContext(input.Row, spec.Name), input.Target ?? spec, ex);
            throw;
        }

        if (online.Count == 0) return offline;
        var located = online.Select(e =>
        {
            MgwError finding = e.WithContext(input.Row, spec.Name);
            finding.File = input.File;
            finding.Line = input.Line;
            return finding;
        });
        var all = offline.Errors.Concat(offline.Warnings).Concat(located).ToList();
        return new MgwSpecValidation(spec, all, input.Row, MgwJobSpecXml.Write) { File = offline.File, Line = offline.Line };
    }
}
