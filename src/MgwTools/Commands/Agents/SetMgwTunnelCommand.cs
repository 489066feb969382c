using System.Collections.Generic;
using System.Management.Automation;
using MgwTools.Core.Agents;
using MgwTools.Transforms;

namespace MgwTools.Commands;

/// <summary>
/// <c>Set-MgwTunnel</c>: changes a tunnel's throttling and/or tags (UpdateTunnel). The values are checked once, before
/// any request. Whether the service keeps a throttling value the request leaves out is not documented, so both are always
/// sent: the one not given is the tunnel's current value (GetTunnel). <c>-PassThru</c> writes the tunnel as it is after.
/// </summary>
[Cmdlet(VerbsCommon.Set, "MgwTunnel", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByInputObjectSet)]
[OutputType(typeof(MgwTunnel))]
public sealed class SetMgwTunnelCommand : TunnelTargetCmdlet
{
    private string? _tags;

    #region Parameters

    /// <summary>New bandwidth limit in bytes/s: 0 (not limited) or at least 10485760; units such as 100MB/s, 10MiB/s, 800Mbps convert.</summary>
    [Parameter]
    [Alias("max-bandwidth")]
    [TunnelBandwidthTransform]
    public long? MaxBandwidth { get; set; }

    /// <summary>New files per second: 0 (not limited) or more.</summary>
    [Parameter]
    [Alias("max-qps")]
    public long? MaxQps { get; set; }

    /// <summary>New tags (they replace the tunnel's): a hashtable or the text k1:v1,k2:v2.</summary>
    [Parameter]
    [Alias("Tags")]
    public object? Tag { get; set; }

    /// <summary>Write the tunnel as the service reports it after the change.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    #endregion

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        if (MaxBandwidth is null && MaxQps is null && Tag is null)
        {
            ThrowMgwError(new MgwError
            {
                Code = MgwErrorCodes.MissingValue,
                Field = "MaxBandwidth",
                Message = "Give -MaxBandwidth, -MaxQps, -Tag or several: there is nothing to change.",
            }, null);
        }

        var errors = new List<MgwError>(AgentRules.CheckQos(MaxBandwidth, MaxQps));
        _tags = AgentRules.Tags(PSValues.Unwrap(Tag), errors);
        if (errors.Count > 0)
        {
            // The same values for every tunnel: the first problem stops the command before any request.
            ThrowMgwError(errors[0], errors[0].Value);
        }
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var (id, target) in Targets())
        {
            string what = TunnelText.Describe(MaxBandwidth, MaxQps, _tags);
            if (!ShouldProcess(id, $"Set tunnel ({what})")) continue;
            MgwTunnelQos? qos = null;
            if (MaxBandwidth is not null || MaxQps is not null)
            {
                long? bandwidth = MaxBandwidth, qps = MaxQps;
                if (bandwidth is null || qps is null)
                {
                    // Fresh values, not a piped object's: the tunnel may have changed since it was read.
                    if (!TryCall((c, ct) => c.GetTunnelAsync(id, ct), target, out MgwTunnel current)) continue;
                    bandwidth ??= current.MaxBandwidth;
                    qps ??= current.MaxQps;
                }

                qos = new MgwTunnelQos { MaxBandwidth = bandwidth, MaxQps = qps };
            }

            if (!TryCall((c, ct) => c.UpdateTunnelAsync(id, qos, _tags, ct), target)) continue;
            WriteVerbose($"Tunnel '{id}': {TunnelText.Describe(qos?.MaxBandwidth, qos?.MaxQps, _tags)}.");
            if (PassThru && TryCall((c, ct) => c.GetTunnelAsync(id, ct), target, out MgwTunnel after)) WriteObject(after);
        }
    }
}
