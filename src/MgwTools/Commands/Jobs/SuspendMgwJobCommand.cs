using System.Management.Automation;

namespace MgwTools.Commands;

/// <summary><c>Suspend-MgwJob</c>: pauses a running job (UpdateJob to <c>IMPORT_JOB_SUSPEND</c>); <c>Start-MgwJob</c> resumes it.</summary>
[Cmdlet(VerbsLifecycle.Suspend, "MgwJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByInputObjectSet)]
[OutputType(typeof(MgwJob))]
public sealed class SuspendMgwJobCommand : JobStatusChangeCmdlet
{
    /// <inheritdoc />
    protected override MgwJobStatusChange Change => MgwJobStatusChange.Suspend;

    /// <inheritdoc />
    protected override string Action => "Suspend migration job";
}
