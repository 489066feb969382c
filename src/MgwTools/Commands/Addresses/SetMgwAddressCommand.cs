using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using MgwTools.Completers;
using MgwTools.Core.Addresses;

namespace MgwTools.Commands;

/// <summary>
/// <c>Set-MgwAddress</c>: replaces the agent list of data addresses (UpdateAddress), the only thing the API can change
/// about an address. The names are checked offline first; nothing is sent when one breaks the rule.
/// </summary>
[Cmdlet(VerbsCommon.Set, "MgwAddress", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(MgwAddress))]
public sealed class SetMgwAddressCommand : AddressServiceCmdlet
{
    private bool _refused;

    /// <summary>The addresses to change.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AddressNameCompleter))]
    public string[] Name { get; set; } = System.Array.Empty<string>();

    /// <summary>The agents that reach the address from now on (the whole list, in order).</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [Alias("AgentList")]
    [AllowEmptyCollection]
    public string[] Agent { get; set; } = System.Array.Empty<string>();

    /// <summary>Return each address as the service reports it after the change.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private IReadOnlyList<string> Agents => Agent.SelectMany(a => MgwAddressDetail.SplitAgents(a)).ToList();

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        foreach (MgwError error in AddressValidator.CheckAgents(Agents))
        {
            WriteMgwError(error, Agent);
            _refused = true;
        }
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (_refused) return;
        string list = string.Join(",", Agents);
        foreach (string name in Name)
        {
            if (!ShouldProcess($"Set the agents of data address '{name}' to {list}.", $"Set the agents of data address '{name}' to {list}?", "Set-MgwAddress"))
            {
                continue;
            }

            if (!TryCall((client, ct) => client.UpdateAddressAsync(name, list, ct), name)) continue;
            WriteVerbose($"Set-MgwAddress: address '{name}' is reached through {list}.");
            if (PassThru && TryCall((client, ct) => client.GetAddressAsync(name, ct), name, out MgwAddress address))
            {
                WriteObject(address);
            }
        }
    }
}
