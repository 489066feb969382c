using System.Management.Automation;

namespace MgwTools.Commands;

/// <summary>
/// <c>Stop-MgwJob</c>: closes a job (UpdateJob to <c>IMPORT_JOB_CLOSING</c>). Closing ends the job for good, hence
/// <c>ConfirmImpact = High</c>: PowerShell asks first unless <c>-Confirm:$false</c>.
/// </summary>
[Cmdlet(VerbsLifecycle.Stop, "MgwJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ByInputObjectSet)]
[OutputType(typeof(MgwJob))]
public sealed class StopMgwJobCommand : JobStatusChangeCmdlet
{
    /// <inheritdoc />
    protected override MgwJobStatusChange Change => MgwJobStatusChange.Close;

    /// <inheritdoc />
    protected override string Action => "Close migration job (this ends the job)";
}
