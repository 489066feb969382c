using System.Management.Automation;

namespace MgwTools.Commands;

/// <summary>
/// <c>Remove-MgwTunnel</c>: deletes tunnels (DeleteTunnel). The service refuses a tunnel an agent still uses
/// (<c>ImportTunnelIsOccupied</c>): remove its agents first.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "MgwTunnel", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ByInputObjectSet)]
[OutputType(typeof(void))]
public sealed class RemoveMgwTunnelCommand : TunnelTargetCmdlet
{
    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var (id, target) in Targets())
        {
            if (!ShouldProcess(id, "Delete tunnel")) continue;
            if (TryCall((c, ct) => c.DeleteTunnelAsync(id, ct), target)) WriteVerbose($"Deleted tunnel '{id}'.");
        }
    }
}
