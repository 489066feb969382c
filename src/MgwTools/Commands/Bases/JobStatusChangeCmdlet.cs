using System.Management.Automation;
using MgwTools.Core.Client;

namespace MgwTools.Commands;

/// <summary>
/// Base of <c>Start-</c>, <c>Suspend-</c> and <c>Stop-MgwJob</c>: one UpdateJob with a new status per job, after
/// ShouldProcess; <c>-PassThru</c> writes the job as GetJob reports it afterwards.
/// </summary>
public abstract class JobStatusChangeCmdlet : JobTargetCmdlet
{
    /// <summary>Write the refreshed job (GetJob after the change).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>The change this cmdlet asks for.</summary>
    protected abstract MgwJobStatusChange Change { get; }

    /// <summary>What ShouldProcess shows, e.g. "Start migration job".</summary>
    protected abstract string Action { get; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var (name, target) in Targets())
        {
            if (!ShouldProcess(name, Action)) continue;
            if (!TryCall((client, ct) => client.UpdateJobStatusAsync(name, Change, ct), target)) continue;
            if (PassThru && TryCall((client, ct) => client.GetJobAsync(name, false, ct), target, out MgwJob job))
            {
                WriteObject(job);
            }
        }
    }
}
