using System;
using System.Management.Automation;
using MgwTools.Core.Jobs;

namespace MgwTools.Commands;

/// <summary>
/// <c>Remove-MgwJob</c>: deletes jobs (DeleteJob). The service refuses a job with child jobs unless
/// <c>-Recurse</c> (<c>forceDelete=true</c>), which deletes the children too. Deletion is asynchronous (the job
/// stays in the deleting state for a while); <c>-Wait</c> returns only once GetJob says the job is gone.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "MgwJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ByInputObjectSet)]
[OutputType(typeof(void))]
public sealed class RemoveMgwJobCommand : JobTargetCmdlet
{
    #region Parameters

    /// <summary>Delete the job's child jobs too (<c>forceDelete=true</c>).</summary>
    [Parameter]
    public SwitchParameter Recurse { get; set; }

    /// <summary>Return only when the service no longer knows the job.</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>With <c>-Wait</c>: how long to wait for each job, in seconds, before a <c>WaitTimeout</c> error. Default 300.</summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    [Alias("Timeout")]
    public int TimeoutSec { get; set; } = 300;

    #endregion

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var (name, target) in Targets())
        {
            string what = Recurse ? "Delete migration job and its child jobs" : "Delete migration job";
            if (!ShouldProcess(name, what)) continue;
            if (!TryCall((c, ct) => c.DeleteJobAsync(name, Recurse ? true : null, ct), target)) continue;
            if (!Wait) continue;

            WriteVerbose($"Waiting until job '{name}' is gone.");
            if (!TryCall((c, ct) => JobWaiter.WaitUntilGoneAsync(c, name, TimeSpan.FromSeconds(TimeoutSec), ct), target, out bool gone)) continue;
            if (gone)
            {
                WriteVerbose($"Job '{name}' is gone.");
            }
            else
            {
                WriteMgwError(JobErrors.WaitTimeout(name, TimeSpan.FromSeconds(TimeoutSec), "disappear after deletion"), target);
            }
        }
    }
}
