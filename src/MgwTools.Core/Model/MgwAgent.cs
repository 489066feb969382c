using System;
using System.Collections.Generic;
using System.Security;

namespace MgwTools;

/// <summary>How an agent reaches the service (<c>AgentEndpoint</c>, mgw-api.md §2.8: "public and vpc").</summary>
public enum MgwAgentEndpoint
{
    /// <summary>Over the internet (wire value <c>public</c>).</summary>
    Public,
    /// <summary>Over a leased line or VPN into a VPC (wire value <c>vpc</c>).</summary>
    Vpc,
}

/// <summary>An agent's connection state as GetAgentStatus reports it (mgw-api.md §2.8: "OK, Disconnected, and NoResponse").</summary>
public enum MgwAgentState
{
    /// <summary>Connected and answering (<c>OK</c>).</summary>
    OK,
    /// <summary>Not connected to the service (<c>Disconnected</c>).</summary>
    Disconnected,
    /// <summary>Connected, but not answering (<c>NoResponse</c>).</summary>
    NoResponse,
}

/// <summary>
/// An agent as the service reports it (GetAgent / ListAgent, <c>GetAgentResp</c>): the program deployed next to a
/// NAS or local file system that moves its files through a tunnel. The activation key the service returns is a
/// credential: it is kept, never shown, printed or serialised; <see cref="HasActivationKey"/> says whether there is
/// one and <see cref="GetActivationKey"/> gives it as a <see cref="SecureString"/> for deploying the agent.
/// </summary>
public sealed class MgwAgent
{
    /// <summary>Agent name.</summary>
    public string? Name { get; init; }

    /// <summary>The tunnel the agent moves data through.</summary>
    public string? TunnelId { get; init; }

    /// <summary>Network type; null when absent or a value this module does not know (see <see cref="AgentEndpointText"/>).</summary>
    public MgwAgentEndpoint? AgentEndpoint { get; init; }

    /// <summary>The network type as the service wrote it (e.g. <c>vpc</c>), known or not.</summary>
    public string? AgentEndpointText { get; init; }

    /// <summary>Deployment method as sent (the API says "Set the value to default").</summary>
    public string? DeployMethod { get; init; }

    /// <summary>Tags as sent (<c>k1:v1,k2:v2</c>).</summary>
    public string? Tags { get; init; }

    /// <summary>The owner's account ID.</summary>
    public string? Owner { get; init; }

    /// <summary>The agent ID (<c>Version</c> on the wire).</summary>
    public string? Version { get; init; }

    /// <summary>Creation time (UTC).</summary>
    public DateTimeOffset? CreateTime { get; init; }

    /// <summary>Last modification (UTC).</summary>
    public DateTimeOffset? ModifyTime { get; init; }

    /// <summary>The agent's connection state (GetAgentStatus), when it was asked for (<c>Get-MgwAgent -Status</c>); else null.</summary>
    public MgwAgentStatus? Status { get; init; }

    /// <summary>Values the service sent that could not be typed (element path → text as sent); their properties are null.</summary>
    public IReadOnlyDictionary<string, string> UnreadValues { get; init; } = new Dictionary<string, string>();

    /// <summary>True when the service returned an activation key (kept internal; see <see cref="GetActivationKey"/>).</summary>
    public bool HasActivationKey => ActivationKey is not null;

    internal string? ActivationKey { get; init; }

    /// <summary>The activation key to deploy the agent with, read-only; null when the service sent none.</summary>
    public SecureString? GetActivationKey()
    {
        if (ActivationKey is null) return null;
        var key = new SecureString();
        foreach (char c in ActivationKey) key.AppendChar(c);
        key.MakeReadOnly();
        return key;
    }

    /// <summary>A copy carrying <paramref name="status"/> (what <c>Get-MgwAgent -Status</c> writes).</summary>
    public MgwAgent WithStatus(MgwAgentStatus? status) => new()
    {
        Name = Name,
        TunnelId = TunnelId,
        AgentEndpoint = AgentEndpoint,
        AgentEndpointText = AgentEndpointText,
        DeployMethod = DeployMethod,
        Tags = Tags,
        Owner = Owner,
        Version = Version,
        CreateTime = CreateTime,
        ModifyTime = ModifyTime,
        UnreadValues = UnreadValues,
        ActivationKey = ActivationKey,
        Status = status,
    };

    /// <inheritdoc />
    public override string ToString() => Name ?? "";
}

/// <summary>GetAgentStatus's answer (<c>ImportAgentStatus</c>): whether the agent is connected, from where, in which version.</summary>
public sealed class MgwAgentStatus
{
    /// <summary>The agent asked about (from the request).</summary>
    public string? Name { get; init; }

    /// <summary>The state as the service wrote it (<c>OK</c>, <c>Disconnected</c>, <c>NoResponse</c>), known or not.</summary>
    public string? Status { get; init; }

    /// <summary>The state; null when absent or a value this module does not know (see <see cref="Status"/>).</summary>
    public MgwAgentState? State { get; init; }

    /// <summary>The agent's IP address as the service reports it.</summary>
    public string? AgentIP { get; init; }

    /// <summary>The agent program's version.</summary>
    public string? AgentVersion { get; init; }

    /// <summary>True when the service says the agent is connected and answering (<c>OK</c>).</summary>
    public bool IsOK => State == MgwAgentState.OK;

    /// <summary>Values the service sent that could not be typed (element path → text as sent).</summary>
    public IReadOnlyDictionary<string, string> UnreadValues { get; init; } = new Dictionary<string, string>();

    /// <summary>The state as sent.</summary>
    public override string ToString() => Status ?? "";
}

/// <summary>
/// A tunnel's throttling (<c>TunnelQos</c>, mgw-api.md §2.8 and §7): bandwidth in <b>bytes</b> per second, 0 (the
/// default) or at least <see cref="MinBandwidth"/>; files per second, 0 (the default) or more. 0 means not limited.
/// </summary>
public sealed class MgwTunnelQos
{
    /// <summary>The lowest bandwidth limit the service takes: 10,485,760 bytes/s (10 MiB/s). 0 means not limited.</summary>
    public const long MinBandwidth = 10485760;

    /// <summary>Bandwidth limit in bytes/s; 0 = not limited; null = not given / not reported.</summary>
    public long? MaxBandwidth { get; init; }

    /// <summary>Files per second; 0 = not limited; null = not given / not reported.</summary>
    public long? MaxQps { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"MaxBandwidth={(MaxBandwidth is { } b ? b.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-")} B/s, " +
        $"MaxQps={(MaxQps is { } q ? q.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-")}";
}

/// <summary>A tunnel as the service reports it (GetTunnel / ListTunnel, <c>GetTunnelResp</c>): the channel agents move data through, with its throttling.</summary>
public sealed class MgwTunnel
{
    /// <summary>The tunnel ID the service assigned.</summary>
    public string? TunnelId { get; init; }

    /// <summary>Its throttling as reported.</summary>
    public MgwTunnelQos Qos { get; init; } = new();

    /// <summary>Bandwidth limit in bytes/s (0 = not limited), from <see cref="Qos"/>.</summary>
    public long? MaxBandwidth => Qos.MaxBandwidth;

    /// <summary>Files per second (0 = not limited), from <see cref="Qos"/>.</summary>
    public long? MaxQps => Qos.MaxQps;

    /// <summary>Tags as sent (<c>k1:v1,k2:v2</c>).</summary>
    public string? Tags { get; init; }

    /// <summary>The owner's account ID.</summary>
    public string? Owner { get; init; }

    /// <summary>Creation time (UTC).</summary>
    public DateTimeOffset? CreateTime { get; init; }

    /// <summary>Last modification (UTC).</summary>
    public DateTimeOffset? ModifyTime { get; init; }

    /// <summary>Values the service sent that could not be typed (element path → text as sent); their properties are null.</summary>
    public IReadOnlyDictionary<string, string> UnreadValues { get; init; } = new Dictionary<string, string>();

    /// <inheritdoc />
    public override string ToString() => TunnelId ?? "";
}
