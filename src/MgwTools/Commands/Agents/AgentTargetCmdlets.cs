using System.Collections.Generic;
using System.Management.Automation;
using MgwTools.Completers;

namespace MgwTools.Commands;

/// <summary>
/// Base of the cmdlets that act on existing agents (<c>Remove-MgwAgent</c>): <c>-Name</c> (positional, by property name
/// with the alias <c>AgentName</c>, completed from the service) or <c>-InputObject</c> (the <see cref="MgwAgent"/> objects
/// <c>Get-MgwAgent</c> and <c>New-MgwAgent</c> write). <see cref="ByInputObjectSet"/> is the default set, so a piped agent
/// binds as itself and its errors name it.
/// </summary>
public abstract class AgentTargetCmdlet : AgentServiceCmdlet
{
    /// <summary>The parameter set of <c>-Name</c>.</summary>
    protected const string ByNameSet = "ByName";

    /// <summary>The parameter set of <c>-InputObject</c>.</summary>
    protected const string ByInputObjectSet = "ByInputObject";

    #region Parameters

    /// <summary>Names of the agents.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ByNameSet)]
    [Alias("AgentName")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AgentNameCompleter))]
    public string[] Name { get; set; } = System.Array.Empty<string>();

    /// <summary>Agents from <c>Get-MgwAgent</c> or <c>New-MgwAgent</c>.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByInputObjectSet)]
    [ValidateNotNull]
    public MgwAgent[] InputObject { get; set; } = System.Array.Empty<MgwAgent>();

    #endregion

    /// <summary>The agents of the current record: each name (trimmed, blanks skipped) with the object its errors name.</summary>
    protected IEnumerable<(string Name, object Target)> Targets()
    {
        if (ParameterSetName == ByInputObjectSet)
        {
            foreach (MgwAgent agent in InputObject)
            {
                if (agent?.Name is { Length: > 0 } name) yield return (name, agent);
            }

            yield break;
        }

        foreach (string name in Name)
        {
            if (!string.IsNullOrWhiteSpace(name)) yield return (name.Trim(), name.Trim());
        }
    }
}

/// <summary>
/// Base of the cmdlets that act on existing tunnels (<c>Set-MgwTunnel</c>, <c>Remove-MgwTunnel</c>): <c>-Id</c> (positional,
/// by property name with the alias <c>TunnelId</c>, so a piped <see cref="MgwAgent"/> names its tunnel) or
/// <c>-InputObject</c> (the <see cref="MgwTunnel"/> objects <c>Get-MgwTunnel</c> and <c>New-MgwTunnel</c> write), the default set.
/// </summary>
public abstract class TunnelTargetCmdlet : AgentServiceCmdlet
{
    /// <summary>The parameter set of <c>-Id</c>.</summary>
    protected const string ByIdSet = "ById";

    /// <summary>The parameter set of <c>-InputObject</c>.</summary>
    protected const string ByInputObjectSet = "ByInputObject";

    #region Parameters

    /// <summary>IDs of the tunnels.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ByIdSet)]
    [Alias("TunnelId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TunnelIdCompleter))]
    public string[] Id { get; set; } = System.Array.Empty<string>();

    /// <summary>Tunnels from <c>Get-MgwTunnel</c> or <c>New-MgwTunnel</c>.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByInputObjectSet)]
    [ValidateNotNull]
    public MgwTunnel[] InputObject { get; set; } = System.Array.Empty<MgwTunnel>();

    #endregion

    /// <summary>The tunnels of the current record: each ID (trimmed, blanks skipped) with the object its errors name.</summary>
    protected IEnumerable<(string Id, object Target)> Targets()
    {
        if (ParameterSetName == ByInputObjectSet)
        {
            foreach (MgwTunnel tunnel in InputObject)
            {
                if (tunnel?.TunnelId is { Length: > 0 } id) yield return (id, tunnel);
            }

            yield break;
        }

        foreach (string id in Id)
        {
            if (!string.IsNullOrWhiteSpace(id)) yield return (id.Trim(), id.Trim());
        }
    }
}
