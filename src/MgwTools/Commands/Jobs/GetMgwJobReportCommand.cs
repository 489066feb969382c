using System;
using System.Management.Automation;
using MgwTools.Core.Jobs;

namespace MgwTools.Commands;

/// <summary>
/// <c>Get-MgwJobReport</c>: the migration report of a run (GetReport): status, counts, and where the lists of
/// copied, skipped and failed files are. <c>-Wait</c> polls until the report is <c>Finished</c> or <c>Failed</c>.
/// </summary>
[Cmdlet(VerbsCommon.Get, "MgwJobReport", DefaultParameterSetName = ByInputObjectSet)]
[OutputType(typeof(MgwReport))]
public sealed class GetMgwJobReportCommand : JobTargetCmdlet
{
    #region Parameters

    /// <summary>The run number; default the latest run.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, int.MaxValue)]
    public int? RuntimeId { get; set; }

    /// <summary>Wait until the report is Finished or Failed.</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>With <c>-Wait</c>: the most seconds to wait before a <c>WaitTimeout</c> error. Default 600.</summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    [Alias("TimeoutSec")]
    public int Timeout { get; set; } = 600;

    /// <summary>With <c>-Wait</c>: seconds between two polls. Default 2.</summary>
    [Parameter]
    [ValidateRange(0.05, 3600.0)]
    public double PollInterval { get; set; } = 2;

    #endregion

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var (name, target) in Targets())
        {
            TimeSpan? wait = Wait ? TimeSpan.FromSeconds(Timeout) : null;
            if (!TryCall((c, ct) => JobReports.GetAsync(c, name, Known(target)?.Version, RuntimeId, wait, TimeSpan.FromSeconds(PollInterval), ct),
                    target, out MgwReport report))
            {
                continue;
            }

            if (wait is { } limit && !JobReports.IsFinal(report))
            {
                WriteMgwError(JobErrors.WaitTimeout(name, limit, "finish its report", report.Status), target);
                continue;
            }

            WriteObject(report);
        }
    }
}
