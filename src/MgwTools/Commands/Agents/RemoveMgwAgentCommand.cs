using System.Management.Automation;

namespace MgwTools.Commands;

/// <summary>
/// <c>Remove-MgwAgent</c>: deletes agents (DeleteAgent). The service refuses an agent a data address still lists in its
/// <c>AgentList</c> (<c>ImportAgentIsOccupied</c>): take it off the address, or remove the address, first.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "MgwAgent", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ByInputObjectSet)]
[OutputType(typeof(void))]
public sealed class RemoveMgwAgentCommand : AgentTargetCmdlet
{
    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var (name, target) in Targets())
        {
            if (!ShouldProcess(name, "Delete agent")) continue;
            if (TryCall((c, ct) => c.DeleteAgentAsync(name, ct), target)) WriteVerbose($"Deleted agent '{name}'.");
        }
    }
}
