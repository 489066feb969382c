using System.Management.Automation;
using MgwTools.Core.Jobs;

namespace MgwTools.Commands;

/// <summary>
/// <c>New-MgwJobReport</c>: asks the service to build the migration report of a run (CreateReport) and returns the
/// report as GetReport then shows it (usually <c>Running</c>; <c>Get-MgwJobReport -Wait</c> waits for it).
/// Jobs created with <c>-CreateReport</c> get their reports without it.
/// </summary>
[Cmdlet(VerbsCommon.New, "MgwJobReport", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = ByInputObjectSet)]
[OutputType(typeof(MgwReport))]
public sealed class NewMgwJobReportCommand : JobTargetCmdlet
{
    /// <summary>The run number; default the latest run.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, int.MaxValue)]
    public int? RuntimeId { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var (name, target) in Targets())
        {
            string run = RuntimeId is { } id ? $"run {id}" : "the latest run";
            if (!ShouldProcess(name, $"Create the migration report of {run}")) continue;
            if (TryCall((c, ct) => JobReports.CreateAsync(c, name, Known(target)?.Version, RuntimeId, ct), target, out MgwReport report))
            {
                WriteObject(report);
            }
        }
    }
}
