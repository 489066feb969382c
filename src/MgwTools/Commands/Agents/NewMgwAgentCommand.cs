using System.Collections.Generic;
using System.Management.Automation;
using MgwTools.Completers;
using MgwTools.Core.Agents;
using MgwTools.Transforms;

namespace MgwTools.Commands;

/// <summary>
/// <c>New-MgwAgent</c>: creates an agent (CreateAgent) on an existing tunnel and writes it as the service reports it
/// (GetAgent). The name and tags are checked first. The create is never sent twice: after a lost answer the agent is looked
/// up before anything is resent. Piped objects bind by property name (an <see cref="MgwAgent"/>, a CSV row).
/// </summary>
[Cmdlet(VerbsCommon.New, "MgwAgent", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(MgwAgent))]
public sealed class NewMgwAgentCommand : AgentServiceCmdlet
{
    #region Parameters

    /// <summary>Agent name: 3-63 lowercase letters, digits, '-' and '_', not starting with '-' or '_'.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("AgentName")]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>The tunnel the agent moves data through (New-MgwTunnel makes one).</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("tunnel-id")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TunnelIdCompleter))]
    public string TunnelId { get; set; } = "";

    /// <summary>How the agent reaches the service: Public (internet) or Vpc (leased line or VPN).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("agent-endpoint", "NetworkType")]
    public MgwAgentEndpoint AgentEndpoint { get; set; }

    /// <summary>Deployment method; the API takes only 'default'.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("deploy-method")]
    [ValidateSet(AgentRules.DefaultDeployMethod, IgnoreCase = true)]
    public string DeployMethod { get; set; } = AgentRules.DefaultDeployMethod;

    /// <summary>Tags: a hashtable or the text k1:v1,k2:v2.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Tags")]
    public object? Tag { get; set; }

    #endregion

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        string name = Name.Trim();
        string tunnelId = TunnelId.Trim();
        var errors = new List<MgwError>();
        if (AgentRules.CheckAgentName(name) is { } badName) errors.Add(badName);
        string? tags = AgentRules.Tags(PSValues.Unwrap(Tag), errors);
        if (errors.Count > 0)
        {
            foreach (MgwError error in errors) WriteMgwError(error, error.Field == "Name" ? name : error.Value);
            return;
        }

        string endpoint = AgentRules.WireValue(AgentEndpoint);
        if (!ShouldProcess($"Create agent '{name}' on tunnel '{tunnelId}' ({endpoint}).", $"Create agent '{name}' on tunnel '{tunnelId}' ({endpoint})?", "New-MgwAgent"))
        {
            return;
        }

        if (TryCall((c, ct) => c.CreateAgentAsync(name, tunnelId, AgentEndpoint, DeployMethod.ToLowerInvariant(), tags, ct), name, out MgwAgent agent))
        {
            WriteVerbose($"Created agent '{name}' on tunnel '{tunnelId}'. Its activation key: (Get-MgwAgent {name}).GetActivationKey().");
            WriteObject(agent);
        }
    }
}
