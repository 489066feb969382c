using System.Management.Automation;
using MgwTools.Core.Specs;

namespace MgwTools.Commands;

/// <summary>
/// <c>Test-MgwJobSpec</c>: validates job definitions offline against every rule of design §3 and writes
/// one <see cref="MgwSpecValidation"/> per input (or only <c>$true</c>/<c>$false</c> with <c>-Quiet</c>).
/// Bad input is its job: it never throws on it.
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

    #endregion

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
        foreach (JobInput input in Inputs())
        {
            var (spec, findings) = BindRecord(input);
            MgwSpecValidation result = Evaluate(input, spec, findings, LimitsRegion);
            Tally(result);
            WriteVerbose($"Row {input.Row} '{result.Name}': {result.Errors.Length} error(s), {result.Warnings.Length} warning(s).");
            WriteObject(Quiet ? result.IsValid : result);
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing() => FinishRun();

    #endregion
}
