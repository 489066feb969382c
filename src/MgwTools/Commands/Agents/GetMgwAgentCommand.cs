using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using MgwTools.Completers;

namespace MgwTools.Commands;

/// <summary>
/// <c>Get-MgwAgent</c>: agents as the service reports them. No name lists every agent (ListAgent, page after page); an
/// exact <c>-Name</c> is one GetAgent (a missing agent is a non-terminating <c>NoSuchImportAgent</c>); a name with
/// wildcards filters the listing, read once per command. <c>-TunnelId</c> lists the agents of tunnels (a piped tunnel
/// binds it). <c>-Status</c> adds each agent's connection state (GetAgentStatus) in its <c>Status</c> property.
/// </summary>
[Cmdlet(VerbsCommon.Get, "MgwAgent", DefaultParameterSetName = ByNameSet)]
[OutputType(typeof(MgwAgent))]
public sealed class GetMgwAgentCommand : AgentServiceCmdlet
{
    private const string ByNameSet = "ByName";
    private const string ByTunnelSet = "ByTunnel";

    private ServiceLookup<MgwAgent>? _agents;

    #region Parameters

    /// <summary>Agent names; wildcards filter the listing. None: every agent.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ByNameSet)]
    [Alias("AgentName")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(AgentNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Tunnel IDs: the agents that use these tunnels.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByTunnelSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TunnelIdCompleter))]
    public string[] TunnelId { get; set; } = Array.Empty<string>();

    /// <summary>Also ask each agent's connection state (OK, Disconnected, NoResponse), one GetAgentStatus per agent.</summary>
    [Parameter]
    public SwitchParameter Status { get; set; }

    #endregion

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (ParameterSetName == ByTunnelSet)
        {
            var tunnels = new HashSet<string>(TunnelId.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()), StringComparer.Ordinal);
            Write((Agents.All() ?? Array.Empty<MgwAgent>()).Where(a => a.TunnelId is { } t && tunnels.Contains(t)));
            return;
        }

        Write(Agents.Find(Name));
    }

    // With -Status, each agent carries its state; an agent whose state cannot be read is still written, without it,
    // after the error that says why.
    private void Write(IEnumerable<MgwAgent> agents)
    {
        foreach (MgwAgent agent in agents)
        {
            if (Status && agent.Name is { Length: > 0 } name &&
                TryCall((c, ct) => c.GetAgentStatusAsync(name, ct), name, out MgwAgentStatus status))
            {
                WriteObject(agent.WithStatus(status));
            }
            else
            {
                WriteObject(agent);
            }
        }
    }

    private ServiceLookup<MgwAgent> Agents => _agents ??= Lookup((c, ct) => c.ListAllAgentsAsync(cancellationToken: ct), (c, name, ct) => c.GetAgentAsync(name, ct), a => a.Name);
}
