using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;

namespace MgwTools.Core.Wire;

/// <summary>
/// The agent and tunnel bodies both ways (mgw-api.md §1, §2.8; element names from the vendor SDKs' <c>CreateAgentInfo</c>,
/// <c>GetAgentResp</c>, <c>GetAgentStatusResp</c>, <c>ListAgentResp</c>, <c>CreateTunnelInfo</c>, <c>UpdateTunnelInfo</c>,
/// <c>GetTunnelResp</c>, <c>ListTunnelResp</c>, <c>TunnelQos</c>). Requests: no declaration, no whitespace, unset values
/// omitted. Answers are read as <see cref="MgwResponseXml"/> reads jobs: an unknown network type or state is kept as text,
/// a number or time that does not parse is null with its text in <c>UnreadValues</c>, an unknown element is ignored;
/// only a body that is not XML or has another root fails (<c>InvalidResponse</c>).
/// </summary>
internal static class AgentXml
{
    /// <summary>Root of CreateAgent's body, of GetAgent and of each ListAgent item.</summary>
    public const string AgentRoot = "ImportAgent";
    /// <summary>Root of ListAgent.</summary>
    public const string AgentListRoot = "ImportAgentList";
    /// <summary>Root of GetAgentStatus.</summary>
    public const string AgentStatusRoot = "ImportAgentStatus";
    /// <summary>Root of CreateTunnel's and UpdateTunnel's bodies, of GetTunnel and of each ListTunnel item.</summary>
    public const string TunnelRoot = "ImportTunnel";
    /// <summary>Root of ListTunnel.</summary>
    public const string TunnelListRoot = "ImportTunnelList";

    #region Requests

    /// <summary>CreateAgent: <c>&lt;ImportAgent&gt;&lt;Name/&gt;&lt;TunnelId/&gt;&lt;AgentEndpoint/&gt;&lt;DeployMethod/&gt;&lt;Tags/&gt;</c>.</summary>
    public static string CreateAgent(string name, string tunnelId, string agentEndpoint, string deployMethod, string? tags) =>
        WireXml.Write(new XElement(AgentRoot,
            new XElement("Name", name),
            new XElement("TunnelId", tunnelId),
            new XElement("AgentEndpoint", agentEndpoint),
            new XElement("DeployMethod", deployMethod),
            new XElement("Tags", tags ?? "")));

    /// <summary>CreateTunnel: <c>&lt;ImportTunnel&gt;&lt;Tags/&gt;&lt;TunnelQos&gt;&lt;MaxBandwidth/&gt;&lt;MaxQps/&gt;</c>; an empty body root when nothing is set.</summary>
    public static string CreateTunnel(MgwTunnelQos? qos, string? tags) => Tunnel(qos, tags);

    /// <summary>UpdateTunnel: the same shape as CreateTunnel (<c>UpdateTunnelInfo</c> has the same two fields).</summary>
    public static string UpdateTunnel(MgwTunnelQos? qos, string? tags) => Tunnel(qos, tags);

    private static string Tunnel(MgwTunnelQos? qos, string? tags) =>
        WireXml.Write(new XElement(TunnelRoot,
            new XElement("Tags", tags ?? ""),
            new XElement("TunnelQos",
                new XElement("MaxBandwidth", N(qos?.MaxBandwidth)),
                new XElement("MaxQps", N(qos?.MaxQps)))));

    private static string N(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    #endregion

    #region Answers

    /// <summary>An <c>&lt;ImportAgent&gt;</c> of GetAgent / ListAgent; the activation key is kept internal (see <see cref="MgwAgent"/>).</summary>
    public static MgwAgent Agent(XElement e)
    {
        WireFields f = WireFields.Tolerant();
        string? endpoint = Text(e, "AgentEndpoint");
        return new MgwAgent
        {
            Name = Text(e, "Name"),
            TunnelId = Text(e, "TunnelId"),
            AgentEndpointText = endpoint,
            AgentEndpoint = endpoint is null ? null : Endpoint(endpoint),
            DeployMethod = Text(e, "DeployMethod"),
            Tags = Text(e, "Tags"),
            Owner = Text(e, "Owner"),
            Version = Text(e, "Version"),
            CreateTime = f.Time(e, "CreateTime"),
            ModifyTime = f.Time(e, "ModifyTime"),
            ActivationKey = Text(e, "ActivationKey"),
            UnreadValues = f.Unread,
        };
    }

    /// <summary>A ListAgent page.</summary>
    public static MgwPage<MgwAgent> AgentPage(XElement root) => MgwResponseXml.Page(root, AgentRoot, Agent);

    /// <summary>GetAgentStatus's <c>&lt;ImportAgentStatus&gt;</c>; the agent name comes from the request.</summary>
    public static MgwAgentStatus AgentStatus(string name, XElement e)
    {
        string? status = Text(e, "Status")?.Trim();
        return new MgwAgentStatus
        {
            Name = name,
            Status = status,
            State = status is null ? null : State(status),
            AgentIP = Text(e, "AgentIP"),
            AgentVersion = Text(e, "AgentVersion"),
        };
    }

    /// <summary>An <c>&lt;ImportTunnel&gt;</c> of GetTunnel / ListTunnel.</summary>
    public static MgwTunnel Tunnel(XElement e)
    {
        WireFields f = WireFields.Tolerant();
        XElement? qos = e.Element("TunnelQos");
        return new MgwTunnel
        {
            TunnelId = Text(e, "TunnelId"),
            Qos = new MgwTunnelQos
            {
                MaxBandwidth = f.Long(qos, "MaxBandwidth", "TunnelQos/MaxBandwidth"),
                MaxQps = f.Long(qos, "MaxQps", "TunnelQos/MaxQps"),
            },
            Tags = Text(e, "Tags"),
            Owner = Text(e, "Owner"),
            CreateTime = f.Time(e, "CreateTime"),
            ModifyTime = f.Time(e, "ModifyTime"),
            UnreadValues = f.Unread,
        };
    }

    /// <summary>A ListTunnel page.</summary>
    public static MgwPage<MgwTunnel> TunnelPage(XElement root) => MgwResponseXml.Page(root, TunnelRoot, Tunnel);

    /// <summary>
    /// Reads a GetAgent answer for <paramref name="name"/>: an agent without that name (another, or none) is no answer to
    /// the question, and fails like a body that is not XML.
    /// </summary>
    public static AnswerReader AgentReaderFor(string name) => new(AgentRoot, e =>
    {
        MgwAgent agent = Agent(e);
        if (!string.Equals(agent.Name, name, StringComparison.Ordinal))
        {
            throw new FormatException(string.IsNullOrEmpty(agent.Name)
                ? $"it names no agent, where agent '{name}' was asked for."
                : $"it is agent '{agent.Name}', where agent '{name}' was asked for.");
        }

        return agent;
    });

    /// <summary>Reads a GetAgentStatus answer for agent <paramref name="name"/>.</summary>
    public static AnswerReader AgentStatusReader(string name) => new(AgentStatusRoot, e => AgentStatus(name, e));

    /// <summary>Reads a ListAgent answer.</summary>
    public static readonly AnswerReader AgentPageReader = new(AgentListRoot, AgentPage);

    /// <summary>
    /// Reads a GetTunnel answer for <paramref name="tunnelId"/>: a tunnel with another ID (or none) fails like a body that is
    /// not XML.
    /// </summary>
    public static AnswerReader TunnelReaderFor(string tunnelId) => new(TunnelRoot, e =>
    {
        MgwTunnel tunnel = Tunnel(e);
        if (!string.Equals(tunnel.TunnelId, tunnelId, StringComparison.Ordinal))
        {
            throw new FormatException(string.IsNullOrEmpty(tunnel.TunnelId)
                ? $"it names no tunnel, where tunnel '{tunnelId}' was asked for."
                : $"it is tunnel '{tunnel.TunnelId}', where tunnel '{tunnelId}' was asked for.");
        }

        return tunnel;
    });

    /// <summary>Reads a ListTunnel answer.</summary>
    public static readonly AnswerReader TunnelPageReader = new(TunnelListRoot, TunnelPage);

    /// <summary>
    /// The tunnel a CreateTunnel answer names, when its 2xx body is an <c>&lt;ImportTunnel&gt;</c> with a <c>TunnelId</c>
    /// (the SDKs expect no body; a service that sends one is believed); null for an empty or any other body.
    /// </summary>
    public static string? CreatedTunnelId(string body, long maxCharacters)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            XElement root = WireXml.Parse(body.Trim().TrimStart('\uFEFF'), TunnelRoot, maxCharacters, default);
            return Text(root, "TunnelId")?.Trim() is { Length: > 0 } id ? id : null;
        }
        catch (Exception ex) when (ex is System.Xml.XmlException or FormatException)
        {
            return null;
        }
    }

    #endregion

    private static MgwAgentEndpoint? Endpoint(string text) => text.Trim().ToLowerInvariant() switch
    {
        "public" => MgwAgentEndpoint.Public,
        "vpc" => MgwAgentEndpoint.Vpc,
        _ => null,
    };

    private static MgwAgentState? State(string text)
    {
        foreach (MgwAgentState state in (MgwAgentState[])Enum.GetValues(typeof(MgwAgentState)))
        {
            if (string.Equals(state.ToString(), text, StringComparison.OrdinalIgnoreCase)) return state;
        }

        return null;
    }

    private static string? Text(XElement? parent, string name) => WireXml.Text(parent, name);
}
