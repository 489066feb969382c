using System.Collections.Generic;
using System.Management.Automation;
using MgwTools.Core.Agents;
using MgwTools.Transforms;

namespace MgwTools.Commands;

/// <summary>
/// <c>New-MgwTunnel</c>: creates a tunnel (CreateTunnel), the channel agents move data through, with its throttling.
/// The values are checked first (bandwidth 0 or at least 10,485,760 bytes/s, QPS 0 or more, tags); the service assigns
/// the ID, which the client finds by listing (CreateTunnel answers with no body), and the tunnel is written out.
/// Piped objects bind by property name, so <c>Get-MgwTunnel | New-MgwTunnel -Context $other</c> copies tunnels.
/// </summary>
[Cmdlet(VerbsCommon.New, "MgwTunnel", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(MgwTunnel))]
public sealed class NewMgwTunnelCommand : AgentServiceCmdlet
{
    #region Parameters

    /// <summary>Bandwidth limit in bytes/s: 0 (the default, not limited) or at least 10485760; units such as 100MB/s, 10MiB/s, 800Mbps convert.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("max-bandwidth")]
    [TunnelBandwidthTransform]
    public long? MaxBandwidth { get; set; }

    /// <summary>Files per second: 0 (the default, not limited) or more.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("max-qps")]
    public long? MaxQps { get; set; }

    /// <summary>Tags: a hashtable or the text k1:v1,k2:v2.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Tags")]
    public object? Tag { get; set; }

    #endregion

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var errors = new List<MgwError>(AgentRules.CheckQos(MaxBandwidth, MaxQps));
        string? tags = AgentRules.Tags(PSValues.Unwrap(Tag), errors);
        if (errors.Count > 0)
        {
            foreach (MgwError error in errors) WriteMgwError(error, error.Value);
            return;
        }

        var qos = new MgwTunnelQos { MaxBandwidth = MaxBandwidth, MaxQps = MaxQps };
        string what = TunnelText.Describe(MaxBandwidth, MaxQps, tags);
        if (!ShouldProcess($"Create tunnel: {what}.", $"Create tunnel: {what}?", "New-MgwTunnel")) return;
        if (TryCall((c, ct) => c.CreateTunnelAsync(qos, tags, ct), null, out MgwTunnel tunnel))
        {
            WriteVerbose($"Created tunnel '{tunnel.TunnelId}'.");
            WriteObject(tunnel);
        }
    }
}
