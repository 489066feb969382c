using System.Management.Automation;

namespace MgwTools.Commands;

/// <summary><c>Start-MgwJob</c>: starts a job, or resumes a suspended one (UpdateJob to <c>IMPORT_JOB_LAUNCHING</c>).</summary>
[Cmdlet(VerbsLifecycle.Start, "MgwJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByInputObjectSet)]
[OutputType(typeof(MgwJob))]
public sealed class StartMgwJobCommand : JobStatusChangeCmdlet
{
    /// <inheritdoc />
    protected override MgwJobStatusChange Change => MgwJobStatusChange.Launch;

    /// <inheritdoc />
    protected override string Action => "Start migration job";
}
