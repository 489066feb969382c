using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using MgwTools.Emulator;

namespace MgwTools.Core.Tests;

/// <summary>The local service's agents and tunnels, over signed HTTP: the operations of mgw-api.md §1 and their rules.</summary>
public class EmulatorAgentTests
{
    private const string Qos = "<TunnelQos><MaxBandwidth>10485760</MaxBandwidth><MaxQps>100</MaxQps></TunnelQos>";

    private static async Task<string> NewTunnel(EmulatorFixture f, string body = "<ImportTunnel>" + Qos + "</ImportTunnel>")
    {
        var before = f.Emulator.Tunnels.Select(t => t.TunnelId).ToHashSet();
        EmulatorReply reply = await f.Client.Send("POST", "/tunnel", body);
        Assert.Equal((200, ""), (reply.Status, reply.Body));
        return f.Emulator.Tunnels.Single(t => !before.Contains(t.TunnelId)).TunnelId;
    }

    private static Task<EmulatorReply> NewAgent(EmulatorFixture f, string name, string tunnelId, string endpoint = "public", string deploy = "default", string extra = "") =>
        f.Client.Send("POST", "/agent",
            $"<ImportAgent><Name>{name}</Name><TunnelId>{tunnelId}</TunnelId><AgentEndpoint>{endpoint}</AgentEndpoint><DeployMethod>{deploy}</DeployMethod>{extra}</ImportAgent>");

    private static Dictionary<string, string?> Query(params string[] pairs) =>
        pairs.Select(p => p.Split('=')).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : null);

    [Fact]
    public async Task Tunnel_CreateGetUpdateListDelete()
    {
        using var f = new EmulatorFixture();
        string id = await NewTunnel(f, "<ImportTunnel><Tags>team:data</Tags>" + Qos + "</ImportTunnel>");

        EmulatorReply got = await f.Client.Send("GET", "/tunnel/" + id);
        Assert.Equal(200, got.Status);
        Assert.Equal("ImportTunnel", got.Xml!.Name.LocalName);
        Assert.Equal(id, got.Text("TunnelId"));
        Assert.Equal("10485760", got.Xml.Element("TunnelQos")!.Element("MaxBandwidth")!.Value);
        Assert.Equal("100", got.Xml.Element("TunnelQos")!.Element("MaxQps")!.Value);
        Assert.Equal("team:data", got.Text("Tags"));
        Assert.Equal(f.Emulator.AccountId, got.Text("Owner"));
        Assert.Equal("2026-03-01T08:00:00.000Z", got.Text("CreateTime"));

        // UpdateTunnel replaces the values it carries and keeps the others.
        f.Emulator.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(200, (await f.Client.Send("PUT", "/tunnel/" + id, "<ImportTunnel><TunnelQos><MaxQps>7</MaxQps></TunnelQos></ImportTunnel>")).Status);
        got = await f.Client.Send("GET", "/tunnel/" + id);
        Assert.Equal("10485760", got.Xml!.Element("TunnelQos")!.Element("MaxBandwidth")!.Value);
        Assert.Equal("7", got.Xml.Element("TunnelQos")!.Element("MaxQps")!.Value);
        Assert.Equal("2026-03-01T08:01:00.000Z", got.Text("ModifyTime"));
        Assert.Equal(200, (await f.Client.Send("PUT", "/tunnel/" + id, "<ImportTunnel><Tags>team:ops</Tags></ImportTunnel>")).Status);
        Assert.Equal("team:ops", (await f.Client.Send("GET", "/tunnel/" + id)).Text("Tags"));

        EmulatorReply list = await f.Client.Send("GET", "/tunnellist");
        Assert.Equal("ImportTunnelList", list.Xml!.Name.LocalName);
        Assert.Equal("false", list.Text("Truncated"));
        Assert.Equal(id, list.Xml.Elements("ImportTunnel").Single().Element("TunnelId")!.Value);

        EmulatorReply deleted = await f.Client.Send("DELETE", "/tunnel/" + id);
        Assert.Equal((204, ""), (deleted.Status, deleted.Body));
        EmulatorReply gone = await f.Client.Send("GET", "/tunnel/" + id);
        Assert.Equal((404, "NoSuchImportTunnel"), (gone.Status, gone.Code));
        Assert.Equal($"The import tunnel '{id}' does not exist.", gone.Text("Message"));
    }

    [Fact]
    public async Task Tunnel_WithoutQos_IsNotLimited()
    {
        using var f = new EmulatorFixture();
        string id = await NewTunnel(f, "<ImportTunnel/>");
        var qos = (await f.Client.Send("GET", "/tunnel/" + id)).Xml!.Element("TunnelQos")!;
        Assert.Equal(("0", "0"), (qos.Element("MaxBandwidth")!.Value, qos.Element("MaxQps")!.Value));
    }

    [Theory]
    [InlineData("<TunnelQos><MaxBandwidth>10485759</MaxBandwidth></TunnelQos>", "TunnelQos/MaxBandwidth must be 0 (not limited) or at least 10485760 bytes/s, not 10485759.")]
    [InlineData("<TunnelQos><MaxBandwidth>-1</MaxBandwidth></TunnelQos>", "TunnelQos/MaxBandwidth must be 0 (not limited) or at least 10485760 bytes/s, not -1.")]
    [InlineData("<TunnelQos><MaxBandwidth>fast</MaxBandwidth></TunnelQos>", "TunnelQos/MaxBandwidth must be a whole number, not 'fast'.")]
    [InlineData("<TunnelQos><MaxQps>-1</MaxQps></TunnelQos>", "TunnelQos/MaxQps must be 0 (not limited) or more, not -1.")]
    [InlineData("<Tags>bad tag</Tags>", "Tags must be key:value pairs of letters, digits, '-', '_' and ',', at most 1,024 characters.")]
    public async Task Tunnel_BadValues_AreInvalidArgument_OnCreateAndUpdate(string inner, string message)
    {
        using var f = new EmulatorFixture();
        string id = await NewTunnel(f);

        foreach (EmulatorReply reply in new[]
                 {
                     await f.Client.Send("POST", "/tunnel", "<ImportTunnel>" + inner + "</ImportTunnel>"),
                     await f.Client.Send("PUT", "/tunnel/" + id, "<ImportTunnel>" + inner + "</ImportTunnel>"),
                 })
        {
            Assert.Equal((400, "InvalidArgument"), (reply.Status, reply.Code));
            Assert.Equal(message, reply.Text("Message"));
        }

        Assert.Single(f.Emulator.Tunnels);
    }

    [Fact]
    public async Task Tunnel_UpdateWithNothing_OrUnknown_OrWrongRoot_IsRefused()
    {
        using var f = new EmulatorFixture();
        string id = await NewTunnel(f);

        EmulatorReply empty = await f.Client.Send("PUT", "/tunnel/" + id, "<ImportTunnel><TunnelQos/></ImportTunnel>");
        Assert.Equal((400, "InvalidArgument", "UpdateTunnel needs TunnelQos (MaxBandwidth, MaxQps) or Tags."), (empty.Status, empty.Code, empty.Text("Message")));
        EmulatorReply unknown = await f.Client.Send("PUT", "/tunnel/no-such", "<ImportTunnel><Tags>a:b</Tags></ImportTunnel>");
        Assert.Equal((404, "NoSuchImportTunnel"), (unknown.Status, unknown.Code));
        EmulatorReply root = await f.Client.Send("POST", "/tunnel", "<ImportAgent/>");
        Assert.Equal((400, "MalformedXML"), (root.Status, root.Code));
        EmulatorReply delete = await f.Client.Send("DELETE", "/tunnel/no-such");
        Assert.Equal((404, "NoSuchImportTunnel"), (delete.Status, delete.Code));
    }

    [Fact]
    public async Task Agent_CreateGetStatusListDelete()
    {
        using var f = new EmulatorFixture();
        string tunnel = await NewTunnel(f);

        Assert.Equal(200, (await NewAgent(f, "nas-agent", tunnel, "vpc", extra: "<Tags>site:hq</Tags>")).Status);

        EmulatorReply got = await f.Client.Send("GET", "/agent/nas-agent");
        Assert.Equal("ImportAgent", got.Xml!.Name.LocalName);
        Assert.Equal("nas-agent", got.Text("Name"));
        Assert.Equal(tunnel, got.Text("TunnelId"));
        Assert.Equal("vpc", got.Text("AgentEndpoint"));
        Assert.Equal("default", got.Text("DeployMethod"));
        Assert.Equal("site:hq", got.Text("Tags"));
        Assert.Equal(32, got.Text("ActivationKey")!.Length);
        Assert.True(Guid.TryParse(got.Text("Version"), out _));
        Assert.Equal("2026-03-01T08:00:00.000Z", got.Text("CreateTime"));

        EmulatorReply status = await f.Client.Send("GET", "/agent/nas-agent", query: Query("status"));
        Assert.Equal("ImportAgentStatus", status.Xml!.Name.LocalName);
        Assert.Equal(("OK", "192.0.2.10", "2.3.1"), (status.Text("Status"), status.Text("AgentIP"), status.Text("AgentVersion")));
        f.Emulator.SetAgentStatus("nas-agent", "disconnected", "192.0.2.99");
        status = await f.Client.Send("GET", "/agent/nas-agent", query: Query("status"));
        Assert.Equal(("Disconnected", "192.0.2.99", "2.3.1"), (status.Text("Status"), status.Text("AgentIP"), status.Text("AgentVersion")));
        Assert.Equal("Disconnected", f.Emulator.Agents.Single().Status);

        EmulatorReply list = await f.Client.Send("GET", "/agentlist", query: Query("count=0"));
        Assert.Equal("ImportAgentList", list.Xml!.Name.LocalName);
        Assert.Equal("nas-agent", list.Xml.Elements("ImportAgent").Single().Element("Name")!.Value);
        Assert.Equal(1, f.Emulator.Tunnels.Single().Agents);

        // The tunnel is in use until the agent is gone.
        EmulatorReply busy = await f.Client.Send("DELETE", "/tunnel/" + tunnel);
        Assert.Equal((409, "ImportTunnelIsOccupied"), (busy.Status, busy.Code));
        Assert.Equal($"The import tunnel '{tunnel}' is occupied by import agent 'nas-agent'.", busy.Text("Message"));
        Assert.Equal(204, (await f.Client.Send("DELETE", "/agent/nas-agent")).Status);
        EmulatorReply gone = await f.Client.Send("GET", "/agent/nas-agent", query: Query("status"));
        Assert.Equal((404, "NoSuchImportAgent", "The import agent 'nas-agent' does not exist."), (gone.Status, gone.Code, gone.Text("Message")));
        Assert.Equal(204, (await f.Client.Send("DELETE", "/tunnel/" + tunnel)).Status);
    }

    [Fact]
    public async Task Agent_ThatAnAddressLists_CannotBeDeleted()
    {
        using var f = new EmulatorFixture();
        string tunnel = await NewTunnel(f);
        await NewAgent(f, "agent-a", tunnel);
        await NewAgent(f, "agent-b", tunnel);
        Assert.Equal(200, (await f.Client.Send("PUT", "/address/src", "<ImportAddress><AgentList>agent-x, agent-b</AgentList></ImportAddress>")).Status);

        EmulatorReply busy = await f.Client.Send("DELETE", "/agent/agent-b");
        Assert.Equal((409, "ImportAgentIsOccupied"), (busy.Status, busy.Code));
        Assert.Equal("The import agent 'agent-b' is occupied by import address 'src'.", busy.Text("Message"));
        Assert.Equal(204, (await f.Client.Send("DELETE", "/agent/agent-a")).Status);

        Assert.Equal(200, (await f.Client.Send("PUT", "/address/src", "<ImportAddress><AgentList>agent-x</AgentList></ImportAddress>")).Status);
        Assert.Equal(204, (await f.Client.Send("DELETE", "/agent/agent-b")).Status);
    }

    [Theory]
    [InlineData("Bad Name", "public", "default", 400, "InvalidArgument", "The agent name 'Bad Name' is invalid: use 3 to 63 lowercase letters, digits, hyphens and underscores, not starting with a hyphen or an underscore.")]
    [InlineData("nas-agent", "internet", "default", 400, "InvalidArgument", "AgentEndpoint 'internet' is not one of public and vpc.")]
    [InlineData("nas-agent", "public", "docker", 400, "InvalidArgument", "DeployMethod 'docker' is not supported; the value must be default.")]
    public async Task Agent_BadValues_AreInvalidArgument(string name, string endpoint, string deploy, int status, string code, string message)
    {
        using var f = new EmulatorFixture();
        string tunnel = await NewTunnel(f);

        EmulatorReply reply = await NewAgent(f, name, tunnel, endpoint, deploy);

        Assert.Equal((status, code, message), (reply.Status, reply.Code, reply.Text("Message")));
        Assert.Empty(f.Emulator.Agents);
    }

    [Theory]
    [InlineData("Name")]
    [InlineData("TunnelId")]
    [InlineData("AgentEndpoint")]
    [InlineData("DeployMethod")]
    public async Task Agent_MissingARequiredElement_IsInvalidArgument(string element)
    {
        using var f = new EmulatorFixture();
        string tunnel = await NewTunnel(f);
        var values = new Dictionary<string, string> { ["Name"] = "nas-agent", ["TunnelId"] = tunnel, ["AgentEndpoint"] = "public", ["DeployMethod"] = "default" };
        values.Remove(element);

        EmulatorReply reply = await f.Client.Send("POST", "/agent", "<ImportAgent>" + string.Concat(values.Select(v => $"<{v.Key}>{v.Value}</{v.Key}>")) + "</ImportAgent>");

        Assert.Equal((400, "InvalidArgument", $"The required element '{element}' is missing."), (reply.Status, reply.Code, reply.Text("Message")));
    }

    [Fact]
    public async Task Agent_OnAnUnknownTunnel_OrTwice_IsRefused()
    {
        using var f = new EmulatorFixture();
        string tunnel = await NewTunnel(f);

        EmulatorReply noTunnel = await NewAgent(f, "nas-agent", "no-such-tunnel");
        Assert.Equal((404, "NoSuchImportTunnel", "The import tunnel 'no-such-tunnel' does not exist."), (noTunnel.Status, noTunnel.Code, noTunnel.Text("Message")));
        Assert.Equal(200, (await NewAgent(f, "nas-agent", tunnel)).Status);
        EmulatorReply twice = await NewAgent(f, "nas-agent", tunnel);
        Assert.Equal((409, "ImportAgentAlreadyExist", "The import agent 'nas-agent' already exists."), (twice.Status, twice.Code, twice.Text("Message")));
    }

    [Fact]
    public async Task Quotas_AreMaxAgentsAndMaxTunnels()
    {
        using var f = new EmulatorFixture(o =>
        {
            o.MaxAgents = 2;
            o.MaxTunnels = 1;
        });
        string tunnel = await NewTunnel(f);

        EmulatorReply tooMany = await f.Client.Send("POST", "/tunnel", "<ImportTunnel/>");
        Assert.Equal((400, "ImportTunnelNumExceed", "The number of import tunnels exceeds the limit of 1 per region."), (tooMany.Status, tooMany.Code, tooMany.Text("Message")));
        await NewAgent(f, "agent-1", tunnel);
        await NewAgent(f, "agent-2", tunnel);
        EmulatorReply third = await NewAgent(f, "agent-3", tunnel);
        Assert.Equal((400, "ImportAgentNumExceed", "The number of import agents exceeds the limit of 2 per region."), (third.Status, third.Code, third.Text("Message")));
    }

    [Fact]
    public void Quotas_DefaultTo100_AndCannotBeNegative()
    {
        var options = new MgwEmulatorOptions();
        Assert.Equal((100, 100), (options.MaxAgents, options.MaxTunnels));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MgwEmulator(new MgwEmulatorOptions { MaxAgents = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MgwEmulator(new MgwEmulatorOptions { MaxTunnels = -1 }));
    }

    [Fact]
    public async Task Lists_PageWithMaxPageSize()
    {
        using var f = new EmulatorFixture(o => o.MaxPageSize = 2);
        string tunnel = await NewTunnel(f);
        await NewTunnel(f);
        await NewTunnel(f);
        foreach (string name in new[] { "agent-c", "agent-a", "agent-b" }) await NewAgent(f, name, tunnel);

        EmulatorReply first = await f.Client.Send("GET", "/agentlist", query: Query("count=1000"));
        Assert.Equal(("true", "agent-b"), (first.Text("Truncated"), first.Text("NextMarker")));
        Assert.Equal(new[] { "agent-a", "agent-b" }, first.Xml!.Elements("ImportAgent").Select(a => a.Element("Name")!.Value));
        EmulatorReply second = await f.Client.Send("GET", "/agentlist", query: Query("marker=agent-b"));
        Assert.Equal("false", second.Text("Truncated"));
        Assert.Equal(new[] { "agent-c" }, second.Xml!.Elements("ImportAgent").Select(a => a.Element("Name")!.Value));

        EmulatorReply one = await f.Client.Send("GET", "/tunnellist", query: Query("count=1"));
        Assert.Single(one.Xml!.Elements("ImportTunnel"));
        Assert.Equal("true", one.Text("Truncated"));
        EmulatorReply bad = await f.Client.Send("GET", "/tunnellist", query: Query("count=1001"));
        Assert.Equal((400, "InvalidArgument"), (bad.Status, bad.Code));
    }

    [Fact]
    public async Task SetAgentStatus_RefusesUnknownStatesAndAgents_AndResetForgetsEverything()
    {
        using var f = new EmulatorFixture();
        string tunnel = await NewTunnel(f);
        await NewAgent(f, "nas-agent", tunnel);

        var bad = Assert.Throws<ArgumentException>(() => f.Emulator.SetAgentStatus("nas-agent", "Sleeping"));
        Assert.StartsWith("'Sleeping' is not an agent state; use OK, Disconnected, NoResponse.", bad.Message);
        var missing = Assert.Throws<MgwException>(() => f.Emulator.SetAgentStatus("no-agent", "OK"));
        Assert.Equal(("NoSuchImportAgent", 404), (missing.Error.Code, missing.Error.StatusCode));
        f.Emulator.SetAgentStatus("nas-agent", "noresponse", agentVersion: "2.4.0");
        EmulatorAgent agent = f.Emulator.Agents.Single();
        Assert.Equal(("NoResponse", "192.0.2.10", "2.4.0"), (agent.Status, agent.AgentIP, agent.AgentVersion));
        Assert.Equal("nas-agent (NoResponse)", agent.ToString());

        f.Emulator.Reset();
        Assert.Empty(f.Emulator.Agents);
        Assert.Empty(f.Emulator.Tunnels);
    }

    [Fact]
    public async Task OtherMethods_OnAgentPaths_AreMethodNotAllowed()
    {
        using var f = new EmulatorFixture();
        EmulatorReply put = await f.Client.Send("PUT", "/agent/nas-agent", "<ImportAgent/>");
        Assert.Equal((405, "MethodNotAllowed"), (put.Status, put.Code));
        EmulatorReply post = await f.Client.Send("POST", "/tunnellist", "<ImportTunnel/>");
        Assert.Equal((405, "MethodNotAllowed"), (post.Status, post.Code));
    }
}
