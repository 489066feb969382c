using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;

namespace MgwTools.Emulator;

/// <summary>A tunnel as the emulator keeps it: the ID it assigned and its throttling (0 = not limited).</summary>
internal sealed class TunnelRecord
{
    public TunnelRecord(string id, long maxBandwidth, long maxQps, string? tags, DateTimeOffset now, string owner)
    {
        Id = id;
        MaxBandwidth = maxBandwidth;
        MaxQps = maxQps;
        Tags = tags;
        CreateTime = ModifyTime = now;
        Owner = owner;
    }

    public string Id { get; }
    public long MaxBandwidth { get; set; }
    public long MaxQps { get; set; }
    public string? Tags { get; set; }
    public DateTimeOffset CreateTime { get; }
    public DateTimeOffset ModifyTime { get; set; }
    public string Owner { get; }
}

/// <summary>An agent as the emulator keeps it, with the connection state GetAgentStatus reports (set by tests).</summary>
internal sealed class AgentRecord
{
    public AgentRecord(string name, string tunnelId, string endpoint, string deployMethod, string? tags, DateTimeOffset now, string owner)
    {
        Name = name;
        TunnelId = tunnelId;
        Endpoint = endpoint;
        DeployMethod = deployMethod;
        Tags = tags;
        CreateTime = ModifyTime = now;
        Owner = owner;
        Version = Guid.NewGuid().ToString();
        ActivationKey = RetryInventory.RandomText(32);
    }

    public string Name { get; }
    public string TunnelId { get; }
    public string Endpoint { get; }
    public string DeployMethod { get; }
    public string? Tags { get; }
    public DateTimeOffset CreateTime { get; }
    public DateTimeOffset ModifyTime { get; }
    public string Owner { get; }
    public string Version { get; }
    /// <summary>What the agent is deployed with: a credential of this agent, in GetAgent's answer only.</summary>
    public string ActivationKey { get; }
    public string Status { get; set; } = EmulatorAgentStatus.OK;
    public string AgentIP { get; set; } = EmulatorAgentStatus.DefaultAgentIP;
    public string AgentVersion { get; set; } = EmulatorAgentStatus.DefaultAgentVersion;
}

/// <summary>The states GetAgentStatus answers (mgw-api.md §2.8) and what a new agent reports.</summary>
public static class EmulatorAgentStatus
{
    /// <summary>Connected and answering: every new agent's state.</summary>
    public const string OK = nameof(OK);
    /// <summary>Not connected.</summary>
    public const string Disconnected = nameof(Disconnected);
    /// <summary>Connected but not answering.</summary>
    public const string NoResponse = nameof(NoResponse);
    /// <summary>The address a new agent reports (192.0.2.0/24 is reserved for documentation, RFC 5737: nothing is there).</summary>
    public const string DefaultAgentIP = "192.0.2.10";
    /// <summary>The agent program version a new agent reports.</summary>
    public const string DefaultAgentVersion = "2.3.1";

    /// <summary>The three states, as the service spells them.</summary>
    public static readonly IReadOnlyList<string> All = new[] { OK, Disconnected, NoResponse };
}

/// <summary>
/// Agents and tunnels with the service's rules (mgw-api.md §1, §2.8, §7): an agent needs an existing tunnel; names
/// follow the API rule; at most <see cref="MgwEmulatorOptions.MaxAgents"/> agents and
/// <see cref="MgwEmulatorOptions.MaxTunnels"/> tunnels (100 each per region on the service); a tunnel an agent uses and
/// an agent a data address lists (<c>AgentList</c>) cannot be deleted; tunnel throttling is 0 or at least 10,485,760
/// bytes/s and 0 or more files/s. Error codes other than <c>ImportAgentIsOccupied</c> are not evidenced and follow the
/// vendor's naming (see <see cref="ServiceErrors"/>).
/// </summary>
internal sealed partial class EmulatorStore
{
    private readonly SortedDictionary<string, TunnelRecord> _tunnels = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, AgentRecord> _agents = new(StringComparer.Ordinal);

    private void ClearAgents()
    {
        _agents.Clear();
        _tunnels.Clear();
    }

    // ---- tunnels ---------------------------------------------------------------------------------

    /// <summary>CreateTunnel: returns the new tunnel (whose ID the service assigns; the answer carries no body).</summary>
    public TunnelRecord CreateTunnel(XElement body)
    {
        var (bandwidth, qps) = ReadTunnelQos(body);
        string? tags = NonEmpty(body.Element("Tags")?.Value);
        if (tags is not null) CheckTags(tags);
        lock (_lock)
        {
            if (_tunnels.Count >= _options.MaxTunnels)
            {
                throw new ServiceException(ServiceErrors.ImportTunnelNumExceed,
                    $"The number of import tunnels exceeds the limit of {_options.MaxTunnels} per region.");
            }

            var tunnel = new TunnelRecord(Guid.NewGuid().ToString(), bandwidth ?? 0, qps ?? 0, tags, _clock.UtcNow, _owner);
            _tunnels[tunnel.Id] = tunnel;
            return tunnel;
        }
    }

    public TunnelRecord GetTunnel(string id)
    {
        lock (_lock) return FindTunnel(id);
    }

    public (IReadOnlyList<TunnelRecord> Page, string? NextMarker) ListTunnels(string? marker, int count)
    {
        lock (_lock) return Page(_tunnels, marker, count, _ => true);
    }

    /// <summary>UpdateTunnel: the throttling values and tags the body carries replace the tunnel's; the others stay.</summary>
    public void UpdateTunnel(string id, XElement body)
    {
        bool hasQos = body.Element("TunnelQos") is { } q && q.Elements().Any(e => NonEmpty(e.Value) is not null);
        string? tags = NonEmpty(body.Element("Tags")?.Value);
        if (!hasQos && tags is null)
        {
            throw new ServiceException(ServiceErrors.InvalidArgument, "UpdateTunnel needs TunnelQos (MaxBandwidth, MaxQps) or Tags.");
        }

        var (bandwidth, qps) = ReadTunnelQos(body);
        if (tags is not null) CheckTags(tags);
        lock (_lock)
        {
            TunnelRecord tunnel = FindTunnel(id);
            if (bandwidth is { } b) tunnel.MaxBandwidth = b;
            if (qps is { } q2) tunnel.MaxQps = q2;
            if (tags is not null) tunnel.Tags = tags;
            tunnel.ModifyTime = _clock.UtcNow;
        }
    }

    public void DeleteTunnel(string id)
    {
        lock (_lock)
        {
            FindTunnel(id);
            AgentRecord? user = _agents.Values.FirstOrDefault(a => a.TunnelId == id);
            if (user is not null)
            {
                throw new ServiceException(ServiceErrors.ImportTunnelIsOccupied, $"The import tunnel '{id}' is occupied by import agent '{user.Name}'.");
            }

            _tunnels.Remove(id);
        }
    }

    // ---- agents ----------------------------------------------------------------------------------

    /// <summary>CreateAgent: the rules in the order the service would meet them.</summary>
    public AgentRecord CreateAgent(XElement body)
    {
        string name = Required(body, "Name");
        CheckName(name, "agent");
        string tunnelId = Required(body, "TunnelId").Trim();
        string endpoint = Required(body, "AgentEndpoint").Trim();
        if (endpoint is not ("public" or "vpc"))
        {
            throw new ServiceException(ServiceErrors.InvalidArgument, $"AgentEndpoint '{endpoint}' is not one of public and vpc.");
        }

        string deployMethod = Required(body, "DeployMethod").Trim();
        if (deployMethod != "default")
        {
            throw new ServiceException(ServiceErrors.InvalidArgument, $"DeployMethod '{deployMethod}' is not supported; the value must be default.");
        }

        string? tags = NonEmpty(body.Element("Tags")?.Value);
        if (tags is not null) CheckTags(tags);
        lock (_lock)
        {
            if (_agents.ContainsKey(name))
            {
                throw new ServiceException(ServiceErrors.ImportAgentAlreadyExist, $"The import agent '{name}' already exists.");
            }

            FindTunnel(tunnelId);
            if (_agents.Count >= _options.MaxAgents)
            {
                throw new ServiceException(ServiceErrors.ImportAgentNumExceed,
                    $"The number of import agents exceeds the limit of {_options.MaxAgents} per region.");
            }

            var agent = new AgentRecord(name, tunnelId, endpoint, deployMethod, tags, _clock.UtcNow, _owner);
            _agents[name] = agent;
            return agent;
        }
    }

    public AgentRecord GetAgent(string name)
    {
        lock (_lock) return FindAgent(name);
    }

    public (IReadOnlyList<AgentRecord> Page, string? NextMarker) ListAgents(string? marker, int count)
    {
        lock (_lock) return Page(_agents, marker, count, _ => true);
    }

    public void DeleteAgent(string name)
    {
        lock (_lock)
        {
            FindAgent(name);
            AddressRecord? user = _addresses.Values.FirstOrDefault(a => AgentNames(a.Detail.Element("AgentList")?.Value).Contains(name));
            if (user is not null)
            {
                throw new ServiceException(ServiceErrors.ImportAgentIsOccupied, $"The import agent '{name}' is occupied by import address '{user.Name}'.");
            }

            _agents.Remove(name);
        }
    }

    /// <summary>What GetAgentStatus will answer for <paramref name="name"/> from now on (test set-up).</summary>
    public void SetAgentStatus(string name, string status, string? agentIp, string? agentVersion)
    {
        lock (_lock)
        {
            AgentRecord agent = FindAgent(name);
            agent.Status = status;
            if (agentIp is not null) agent.AgentIP = agentIp;
            if (agentVersion is not null) agent.AgentVersion = agentVersion;
        }
    }

    public IReadOnlyList<EmulatorAgent> SnapshotAgents()
    {
        lock (_lock) return _agents.Values.Select(a => new EmulatorAgent(a)).ToList();
    }

    public IReadOnlyList<EmulatorTunnel> SnapshotTunnels()
    {
        lock (_lock) return _tunnels.Values.Select(t => new EmulatorTunnel(t, _agents.Values.Count(a => a.TunnelId == t.Id))).ToList();
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /// <summary>The comma-separated agent names of an <c>AgentList</c> (mgw-api.md §2.8: <c>agent1,agent2</c>), trimmed.</summary>
    internal static IReadOnlyList<string> AgentNames(string? agentList) =>
        (agentList ?? "").Split(',').Select(n => n.Trim()).Where(n => n.Length > 0).ToList();

    // TunnelQos: MaxBandwidth "Unit: byte/s. Valid values: values greater than or equal to 10485760. Default value: 0 …
    // not limited"; MaxQps ">= 0. Default 0 … not limited" (mgw-api.md §2.8). Null: not in the body.
    private static (long? Bandwidth, long? Qps) ReadTunnelQos(XElement body)
    {
        XElement? qos = body.Element("TunnelQos");
        long? bandwidth = WholeNumber(qos, "MaxBandwidth");
        long? qps = WholeNumber(qos, "MaxQps");
        if (bandwidth is { } b && b != 0 && b < 10485760)
        {
            throw new ServiceException(ServiceErrors.InvalidArgument,
                string.Format(CultureInfo.InvariantCulture, "TunnelQos/MaxBandwidth must be 0 (not limited) or at least 10485760 bytes/s, not {0}.", b));
        }

        if (qps is < 0)
        {
            throw new ServiceException(ServiceErrors.InvalidArgument,
                string.Format(CultureInfo.InvariantCulture, "TunnelQos/MaxQps must be 0 (not limited) or more, not {0}.", qps));
        }

        return (bandwidth, qps);
    }

    private static long? WholeNumber(XElement? parent, string element)
    {
        string? text = NonEmpty(parent?.Element(element)?.Value);
        if (text is null) return null;
        if (!long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            throw new ServiceException(ServiceErrors.InvalidArgument, $"TunnelQos/{element} must be a whole number, not '{text}'.");
        }

        return value;
    }

    private TunnelRecord FindTunnel(string id) =>
        _tunnels.TryGetValue(id, out TunnelRecord? t) ? t
            : throw new ServiceException(ServiceErrors.NoSuchImportTunnel, $"The import tunnel '{id}' does not exist.");

    private AgentRecord FindAgent(string name) =>
        _agents.TryGetValue(name, out AgentRecord? a) ? a
            : throw new ServiceException(ServiceErrors.NoSuchImportAgent, $"The import agent '{name}' does not exist.");
}

/// <summary>The agent and tunnel answers: the model name as root (mgw-api.md §2.1), elements as the SDKs name them.</summary>
internal static class AgentResponseXml
{
    public static XElement Agent(AgentRecord a) =>
        new("ImportAgent",
            new XElement("Name", a.Name),
            new XElement("TunnelId", a.TunnelId),
            new XElement("AgentEndpoint", a.Endpoint),
            new XElement("DeployMethod", a.DeployMethod),
            new XElement("ActivationKey", a.ActivationKey),
            new XElement("Tags", a.Tags ?? ""),
            new XElement("Owner", a.Owner),
            new XElement("Version", a.Version),
            new XElement("CreateTime", ResponseXml.Time(a.CreateTime)),
            new XElement("ModifyTime", ResponseXml.Time(a.ModifyTime)));

    public static XElement AgentList(IEnumerable<AgentRecord> agents, string? nextMarker) =>
        new("ImportAgentList",
            new XElement("Truncated", nextMarker is null ? "false" : "true"),
            new XElement("NextMarker", nextMarker ?? ""),
            agents.Select(Agent));

    public static XElement AgentStatus(AgentRecord a) =>
        new("ImportAgentStatus",
            new XElement("Status", a.Status),
            new XElement("AgentIP", a.AgentIP),
            new XElement("AgentVersion", a.AgentVersion));

    public static XElement Tunnel(TunnelRecord t) =>
        new("ImportTunnel",
            new XElement("TunnelId", t.Id),
            new XElement("TunnelQos",
                new XElement("MaxBandwidth", t.MaxBandwidth.ToString(CultureInfo.InvariantCulture)),
                new XElement("MaxQps", t.MaxQps.ToString(CultureInfo.InvariantCulture))),
            new XElement("Tags", t.Tags ?? ""),
            new XElement("Owner", t.Owner),
            new XElement("CreateTime", ResponseXml.Time(t.CreateTime)),
            new XElement("ModifyTime", ResponseXml.Time(t.ModifyTime)));

    public static XElement TunnelList(IEnumerable<TunnelRecord> tunnels, string? nextMarker) =>
        new("ImportTunnelList",
            new XElement("Truncated", nextMarker is null ? "false" : "true"),
            new XElement("NextMarker", nextMarker ?? ""),
            tunnels.Select(Tunnel));
}

/// <summary>An agent as the emulator holds it, at the moment of the snapshot (never its activation key).</summary>
public sealed class EmulatorAgent
{
    internal EmulatorAgent(AgentRecord agent)
    {
        Name = agent.Name;
        TunnelId = agent.TunnelId;
        AgentEndpoint = agent.Endpoint;
        Version = agent.Version;
        Status = agent.Status;
        AgentIP = agent.AgentIP;
        AgentVersion = agent.AgentVersion;
        CreateTime = agent.CreateTime;
    }

    /// <summary>Agent name.</summary>
    public string Name { get; }
    /// <summary>The tunnel it uses.</summary>
    public string TunnelId { get; }
    /// <summary><c>public</c> or <c>vpc</c>.</summary>
    public string AgentEndpoint { get; }
    /// <summary>Agent ID.</summary>
    public string Version { get; }
    /// <summary>What GetAgentStatus answers (<c>OK</c> unless a test set another).</summary>
    public string Status { get; }
    /// <summary>The IP GetAgentStatus answers.</summary>
    public string AgentIP { get; }
    /// <summary>The version GetAgentStatus answers.</summary>
    public string AgentVersion { get; }
    /// <summary>Creation time (emulator clock).</summary>
    public DateTimeOffset CreateTime { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Status})";
}

/// <summary>A tunnel as the emulator holds it, at the moment of the snapshot.</summary>
public sealed class EmulatorTunnel
{
    internal EmulatorTunnel(TunnelRecord tunnel, int agents)
    {
        TunnelId = tunnel.Id;
        MaxBandwidth = tunnel.MaxBandwidth;
        MaxQps = tunnel.MaxQps;
        Tags = tunnel.Tags;
        Agents = agents;
        CreateTime = tunnel.CreateTime;
    }

    /// <summary>The ID the emulator assigned.</summary>
    public string TunnelId { get; }
    /// <summary>Bandwidth limit, bytes/s (0 = not limited).</summary>
    public long MaxBandwidth { get; }
    /// <summary>Files per second (0 = not limited).</summary>
    public long MaxQps { get; }
    /// <summary>Tags as sent.</summary>
    public string? Tags { get; }
    /// <summary>How many agents use it.</summary>
    public int Agents { get; }
    /// <summary>Creation time (emulator clock).</summary>
    public DateTimeOffset CreateTime { get; }

    /// <inheritdoc />
    public override string ToString() => TunnelId;
}
