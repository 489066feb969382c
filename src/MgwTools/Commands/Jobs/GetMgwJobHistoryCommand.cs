using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using MgwTools.Core.Jobs;

namespace MgwTools.Commands;

/// <summary>
/// <c>Get-MgwJobHistory</c>: the runs of jobs (ListJobHistory, every page): one entry per state change of each run,
/// with file and byte counts, times, <c>RuntimeState</c> and the service's message. <c>-RuntimeId</c> keeps one run.
/// </summary>
[Cmdlet(VerbsCommon.Get, "MgwJobHistory", DefaultParameterSetName = ByInputObjectSet)]
[OutputType(typeof(MgwJobRun))]
public sealed class GetMgwJobHistoryCommand : JobTargetCmdlet
{
    /// <summary>Only this run (the run number, 1 for the first run).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, int.MaxValue)]
    public int? RuntimeId { get; set; }

    /// <summary>Only the newest entry of the newest run: where the job is now.</summary>
    [Parameter]
    public SwitchParameter Latest { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var (name, target) in Targets())
        {
            if (!TryCall((c, ct) => c.ListAllJobHistoryAsync(name, RuntimeId, cancellationToken: ct), target, out IReadOnlyList<MgwJobRun> history)) continue;
            IEnumerable<MgwJobRun> runs = RuntimeId is { } id
                ? history.Where(h => JobRuns.RuntimeIdOf(h) == id)   // the service filters; a lenient one may not
                : history;
            if (Latest)
            {
                if (JobRuns.Latest(runs) is { } newest) WriteObject(newest);
                continue;
            }

            WriteObject(runs, enumerateCollection: true);
        }
    }
}
