using System;
using System.Collections.Generic;
using System.Linq;

namespace MgwTools.Emulator;

public sealed partial class MgwEmulator
{
    /// <summary>The agents, with the state GetAgentStatus answers for each (never an activation key).</summary>
    public IReadOnlyList<EmulatorAgent> Agents => _store.SnapshotAgents();

    /// <summary>The tunnels, with how many agents use each.</summary>
    public IReadOnlyList<EmulatorTunnel> Tunnels => _store.SnapshotTunnels();

    /// <summary>
    /// Sets what GetAgentStatus answers for agent <paramref name="name"/> from now on: <paramref name="status"/> is
    /// <c>OK</c> (every new agent's state), <c>Disconnected</c> or <c>NoResponse</c> (any case); the IP and version are
    /// changed when given.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="status"/> is not one of the three.</exception>
    /// <exception cref="MgwException"><c>NoSuchImportAgent</c>: no agent of that name.</exception>
    public void SetAgentStatus(string name, string status, string? agentIp = null, string? agentVersion = null)
    {
        string? known = EmulatorAgentStatus.All.FirstOrDefault(s => string.Equals(s, status?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (known is null)
        {
            throw new ArgumentException($"'{status}' is not an agent state; use {string.Join(", ", EmulatorAgentStatus.All)}.", nameof(status));
        }

        try
        {
            _store.SetAgentStatus(name ?? "", known, agentIp, agentVersion);
        }
        catch (ServiceException ex)
        {
            throw new MgwException(new MgwError { Code = ex.Code, Message = ex.Message, StatusCode = ex.StatusCode, Field = "Name", Value = name });
        }
    }

    // The agent and tunnel operations of mgw-api.md §1; null when the request is for another resource.
    private HttpResponseData? DispatchAgents(HttpRequestData request, string first, string? name, bool single, string method,
        List<KeyValuePair<string, string?>> query)
    {
        switch (first)
        {
            case "agent" when single && method == "POST":
                _store.CreateAgent(Body(request, "ImportAgent"));
                return Ok();
            case "agent" when name is not null && method == "GET" && Has(query, "status"):
                return Xml(AgentResponseXml.AgentStatus(_store.GetAgent(name)));
            case "agent" when name is not null && method == "GET":
                return Xml(AgentResponseXml.Agent(_store.GetAgent(name)));
            case "agent" when name is not null && method == "DELETE":
                _store.DeleteAgent(name);
                return NoContent();
            case "agentlist" when single && method == "GET":
                var agents = _store.ListAgents(Value(query, "marker"), Count(query, allowZero: true));
                return Xml(AgentResponseXml.AgentList(agents.Page, agents.NextMarker));
            case "tunnel" when single && method == "POST":
                // No answer body: the SDKs' CreateTunnelResponse has none (mgw-api.md §1); clients find the new ID by listing.
                _store.CreateTunnel(Body(request, "ImportTunnel"));
                return Ok();
            case "tunnel" when name is not null && method == "GET":
                return Xml(AgentResponseXml.Tunnel(_store.GetTunnel(name)));
            case "tunnel" when name is not null && method == "PUT":
                _store.UpdateTunnel(name, Body(request, "ImportTunnel"));
                return Ok();
            case "tunnel" when name is not null && method == "DELETE":
                _store.DeleteTunnel(name);
                return NoContent();
            case "tunnellist" when single && method == "GET":
                var tunnels = _store.ListTunnels(Value(query, "marker"), Count(query, allowZero: true));
                return Xml(AgentResponseXml.TunnelList(tunnels.Page, tunnels.NextMarker));
            default:
                return null;
        }
    }
}
