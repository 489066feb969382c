using System.Management.Automation;
using MgwTools.Core.Jobs;

namespace MgwTools.Commands;

/// <summary>
/// <c>Get-MgwJobResult</c>: the outcome of a run (GetJobResult): whether its failed files can be migrated again
/// (<c>ReadyRetry</c>), the counts, and where the failed-file list lives. The list's secret never leaves the object.
/// Without <c>-RuntimeId</c>, the latest run (from ListJobHistory).
/// </summary>
[Cmdlet(VerbsCommon.Get, "MgwJobResult", DefaultParameterSetName = ByInputObjectSet)]
[OutputType(typeof(MgwJobResult))]
public sealed class GetMgwJobResultCommand : JobTargetCmdlet
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
            if (TryCall(async (c, ct) => await c.GetJobResultAsync(name, await JobRuns.ResolveAsync(c, name, RuntimeId, ct).ConfigureAwait(false), ct).ConfigureAwait(false),
                    target, out MgwJobResult result))
            {
                WriteObject(result);
            }
        }
    }
}
