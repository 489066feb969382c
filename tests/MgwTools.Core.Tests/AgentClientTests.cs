using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
using MgwTools.Core.Client;
using MgwTools.Emulator;
using static MgwTools.Core.Tests.ClientTestKit;

namespace MgwTools.Core.Tests;

/// <summary>The client's agent and tunnel operations, against the local service and against scripted answers.</summary>
public class AgentClientTests
{
    private static readonly MgwTunnelQos s_qos = new() { MaxBandwidth = 104857600, MaxQps = 500 };

    [Fact]
    public async Task Lifecycle_AgainstTheLocalService()
    {
        using var rig = new JobCreatorRig(addressPairs: 1, configure: o => o.MaxPageSize = 1);
        MgwClient client = rig.Client;

        MgwTunnel tunnel = await client.CreateTunnelAsync(s_qos, "team:data");
        Assert.Equal(rig.Emulator.Tunnels.Single().TunnelId, tunnel.TunnelId);
        Assert.Equal((104857600L, 500L), (tunnel.MaxBandwidth!.Value, tunnel.MaxQps!.Value));
        Assert.Equal("team:data", tunnel.Tags);
        Assert.Equal(EmulatorFixture.Start, tunnel.CreateTime);

        MgwAgent agent = await client.CreateAgentAsync("nas-agent", tunnel.TunnelId!, MgwAgentEndpoint.Vpc, tags: "site:hq");
        Assert.Equal(("nas-agent", tunnel.TunnelId, MgwAgentEndpoint.Vpc, "default", "site:hq"),
            (agent.Name, agent.TunnelId, agent.AgentEndpoint, agent.DeployMethod, agent.Tags));
        Assert.True(agent.HasActivationKey);
        Assert.Equal(rig.Emulator.Agents.Single().Version, agent.Version);
        await client.CreateAgentAsync("nas-agent-2", tunnel.TunnelId!, MgwAgentEndpoint.Public);

        MgwAgentStatus status = await client.GetAgentStatusAsync("nas-agent");
        Assert.Equal(("nas-agent", "OK", MgwAgentState.OK, "192.0.2.10"), (status.Name, status.Status, status.State, status.AgentIP));
        rig.Emulator.SetAgentStatus("nas-agent", "NoResponse");
        Assert.Equal(MgwAgentState.NoResponse, (await client.GetAgentStatusAsync("nas-agent")).State);

        // MaxPageSize 1: the listings page, and every item comes back once.
        MgwTunnel second = await client.CreateTunnelAsync();
        Assert.Equal((0L, 0L), (second.MaxBandwidth!.Value, second.MaxQps!.Value));
        Assert.Equal(new[] { "nas-agent", "nas-agent-2" }, (await client.ListAllAgentsAsync()).Select(a => a.Name));
        Assert.Equal(new[] { tunnel.TunnelId, second.TunnelId }.OrderBy(i => i, StringComparer.Ordinal),
            (await client.ListAllTunnelsAsync()).Select(t => t.TunnelId));
        Assert.True(rig.Handler.Count("GET /agentlist") >= 2);

        await client.UpdateTunnelAsync(tunnel.TunnelId!, new MgwTunnelQos { MaxBandwidth = 0, MaxQps = 500 });
        Assert.Equal(0L, (await client.GetTunnelAsync(tunnel.TunnelId!)).MaxBandwidth);

        var busy = await Assert.ThrowsAsync<MgwException>(() => client.DeleteTunnelAsync(tunnel.TunnelId!));
        Assert.Equal((MgwServiceCodes.ImportTunnelIsOccupied, 409, MgwErrorKind.InUse), (busy.Error.Code, busy.Error.StatusCode, busy.Error.Kind));
        await client.DeleteAgentAsync("nas-agent");
        await client.DeleteAgentAsync("nas-agent-2");
        Assert.Null(await client.TryGetAgentAsync("nas-agent"));
        await client.DeleteTunnelAsync(tunnel.TunnelId!);
        var gone = await Assert.ThrowsAsync<MgwException>(() => client.GetTunnelAsync(tunnel.TunnelId!));
        Assert.Equal((MgwServiceCodes.NoSuchImportTunnel, MgwErrorKind.NotFound), (gone.Error.Code, gone.Error.Kind));
    }

    [Fact]
    public async Task CreateTunnel_FindsTheNewOne_AmongIdenticalAndOtherTunnels()
    {
        using var rig = new JobCreatorRig(addressPairs: 1);
        MgwTunnel first = await rig.Client.CreateTunnelAsync(s_qos, "team:a");
        MgwTunnel same = await rig.Client.CreateTunnelAsync(s_qos, "team:a");
        MgwTunnel other = await rig.Client.CreateTunnelAsync(s_qos, "team:b");

        Assert.Equal(3, new[] { first.TunnelId, same.TunnelId, other.TunnelId }.Distinct().Count());
        Assert.Equal("team:b", other.Tags);
        // Each create: a listing before, the POST, a listing after; no GET needed.
        Assert.Equal(3, rig.Handler.Count("POST /tunnel"));
        Assert.Equal(6, rig.Handler.Count("GET /tunnellist"));
    }

    [Fact]
    public async Task ServiceErrors_KeepTheirCodesAndKinds()
    {
        using var rig = new JobCreatorRig(addressPairs: 1, configure: o => o.MaxAgents = 1);
        MgwClient client = rig.Client;
        MgwTunnel tunnel = await client.CreateTunnelAsync();

        var noTunnel = await Assert.ThrowsAsync<MgwException>(() => client.CreateAgentAsync("nas-agent", "no-such-tunnel", MgwAgentEndpoint.Public));
        Assert.Equal((MgwServiceCodes.NoSuchImportTunnel, MgwErrorKind.NotFound), (noTunnel.Error.Code, noTunnel.Error.Kind));
        await client.CreateAgentAsync("nas-agent", tunnel.TunnelId!, MgwAgentEndpoint.Public);
        var twice = await Assert.ThrowsAsync<MgwException>(() => client.CreateAgentAsync("nas-agent", tunnel.TunnelId!, MgwAgentEndpoint.Public));
        Assert.Equal((MgwServiceCodes.ImportAgentAlreadyExist, MgwErrorKind.Exists), (twice.Error.Code, twice.Error.Kind));
        var quota = await Assert.ThrowsAsync<MgwException>(() => client.CreateAgentAsync("nas-agent-2", tunnel.TunnelId!, MgwAgentEndpoint.Public));
        Assert.Equal((MgwServiceCodes.ImportAgentNumExceed, MgwErrorKind.Quota), (quota.Error.Code, quota.Error.Kind));
        var bad = await Assert.ThrowsAsync<MgwException>(() => client.CreateTunnelAsync(new MgwTunnelQos { MaxBandwidth = 1 }));
        Assert.Equal((MgwServiceCodes.InvalidArgument, MgwErrorKind.BadInput), (bad.Error.Code, bad.Error.Kind));

        await client.UpdateAddressAsync("src0", "nas-agent");
        var occupied = await Assert.ThrowsAsync<MgwException>(() => client.DeleteAgentAsync("nas-agent"));
        Assert.Equal((MgwServiceCodes.ImportAgentIsOccupied, 409, MgwErrorKind.InUse), (occupied.Error.Code, occupied.Error.StatusCode, occupied.Error.Kind));
        Assert.Equal("The import agent 'nas-agent' is occupied by import address 'src0'.", occupied.Error.Message);
        Assert.False(string.IsNullOrEmpty(occupied.Error.RequestId));
    }

    [Fact]
    public async Task Names_ThatCannotBeAPathSegment_AreRefused_BeforeAnyRequest()
    {
        using var server = new LoopbackServer();
        using MgwClient client = NewClient(server);

        var slash = await Assert.ThrowsAsync<MgwException>(() => client.GetAgentAsync("a/b"));
        Assert.Equal((MgwErrorCodes.InvalidName, "name"), (slash.Error.Code, slash.Error.Field));
        Assert.Equal("The agent name 'a/b' cannot be sent: it contains '/'. Use the name as the service lists it " +
                     "(agent names are 3 to 63 lowercase letters, digits, '_' and '-').", slash.Error.Message);
        var dots = await Assert.ThrowsAsync<MgwException>(() => client.DeleteTunnelAsync(".."));
        Assert.Equal((MgwErrorCodes.InvalidName, "The tunnel ID '..' cannot be sent: it is a relative path segment ('.' or '..'). Use the ID as the service lists it (a UUID)."),
            (dots.Error.Code, dots.Error.Message));
        var address = await Assert.ThrowsAsync<MgwException>(() => client.GetAddressAsync("a#b"));
        Assert.Equal("The data address name 'a#b' cannot be sent: it contains '#'. Use the name as the service lists it " +
                     "(data address names are 3 to 63 lowercase letters, digits, '_' and '-').", address.Error.Message);
        Assert.Null(address.Error.JobName);
        Assert.Equal(MgwErrorCodes.InvalidName, (await Assert.ThrowsAsync<MgwException>(() => client.CreateAgentAsync("a?b", "t", MgwAgentEndpoint.Public))).Error.Code);
        var noTunnel = await Assert.ThrowsAsync<MgwException>(() => client.CreateAgentAsync("nas-agent", " ", MgwAgentEndpoint.Public));
        Assert.Equal((MgwErrorCodes.MissingValue, "TunnelId"), (noTunnel.Error.Code, noTunnel.Error.Field));
        await Assert.ThrowsAsync<ArgumentException>(() => client.UpdateTunnelAsync("t", new MgwTunnelQos()));
        Assert.Empty(server.Requests);
    }

    private const string EmptyTunnels = "<ImportTunnelList><Truncated>false</Truncated></ImportTunnelList>";
    private const string OneTunnel =
        "<ImportTunnelList><Truncated>false</Truncated><ImportTunnel><TunnelId>t-new</TunnelId><TunnelQos><MaxBandwidth>104857600</MaxBandwidth>" +
        "<MaxQps>500</MaxQps></TunnelQos></ImportTunnel></ImportTunnelList>";

    [Fact]
    public async Task CreateTunnel_AfterALostAnswer_FindsTheTunnelByListing_AndNeverSendsTwice()
    {
        var log = new ConcurrentQueue<string>();
        using var server = new LoopbackServer().Enqueue(Scripted.Ok(Doc(EmptyTunnels)), Scripted.Dropped(), Scripted.Ok(Doc(OneTunnel)));
        using MgwClient client = NewClient(server, log);

        MgwTunnel tunnel = await client.CreateTunnelAsync(s_qos);

        Assert.Equal("t-new", tunnel.TunnelId);
        Assert.Equal(new[] { "GET /tunnellist", "POST /tunnel", "GET /tunnellist" }, server.Requests.Select(r => r.Method + " " + r.Path));
        Assert.Contains(log, l => l.Contains("tunnel 't-new' appeared with the requested settings; created once"));
    }

    [Fact]
    public async Task CreateTunnel_AfterALostAnswer_WithNothingNew_SendsAgain()
    {
        using var server = new LoopbackServer().Enqueue(
            Scripted.Ok(Doc(EmptyTunnels)), Scripted.Dropped(), Scripted.Ok(Doc(EmptyTunnels)), Scripted.Ok(), Scripted.Ok(Doc(OneTunnel)));
        using MgwClient client = NewClient(server);

        MgwTunnel tunnel = await client.CreateTunnelAsync(s_qos);

        Assert.Equal("t-new", tunnel.TunnelId);
        Assert.Equal(2, server.Requests.Count(r => r.Method == "POST"));
    }

    [Fact]
    public async Task CreateTunnel_WhoseAnswerNamesTheTunnel_ReadsThatOne()
    {
        using var server = new LoopbackServer().Enqueue(
            Scripted.Ok(Doc(EmptyTunnels)),
            Scripted.Ok(Doc("<ImportTunnel><TunnelId>t-said</TunnelId></ImportTunnel>")),
            Scripted.Ok(Doc("<ImportTunnel><TunnelId>t-said</TunnelId></ImportTunnel>")));
        using MgwClient client = NewClient(server);

        Assert.Equal("t-said", (await client.CreateTunnelAsync()).TunnelId);
        Assert.Equal(new[] { "GET /tunnellist", "POST /tunnel", "GET /tunnel/t-said" }, server.Requests.Select(r => r.Method + " " + r.Path));
    }

    [Fact]
    public async Task CreateTunnel_AnsweredButNotFound_IsInvalidResponse()
    {
        const string otherTunnel = "<ImportTunnelList><ImportTunnel><TunnelId>t-other</TunnelId><TunnelQos><MaxQps>1</MaxQps></TunnelQos></ImportTunnel></ImportTunnelList>";
        using var server = new LoopbackServer().Enqueue(Scripted.Ok(Doc(EmptyTunnels)), Scripted.Ok(null, "REQ-CREATE"), Scripted.Ok(Doc(otherTunnel)));
        using MgwClient client = NewClient(server);

        var ex = await Assert.ThrowsAsync<MgwException>(() => client.CreateTunnelAsync(s_qos));

        Assert.Equal((MgwErrorCodes.InvalidResponse, MgwErrorKind.InvalidResponse, "REQ-CREATE"), (ex.Error.Code, ex.Error.Kind, ex.Error.RequestId));
        Assert.StartsWith("The service answered CreateTunnel as a success, but no new tunnel with the requested settings appears in its tunnel list", ex.Error.Message);
    }

    [Fact]
    public async Task CreateTunnel_WhoseListingFailsAfterTheCreate_SaysItWasCreated()
    {
        using var server = new LoopbackServer().Enqueue(Scripted.Ok(Doc(EmptyTunnels)), Scripted.Ok(), Scripted.Error(403, "AccessDenied", "no ListImportTunnel"));
        using MgwClient client = NewClient(server);

        var ex = await Assert.ThrowsAsync<MgwException>(() => client.CreateTunnelAsync());

        Assert.Equal(MgwServiceCodes.AccessDenied, ex.Error.Code);
        Assert.Equal("The tunnel was created, but reading it back failed: no ListImportTunnel. (It may exist on the service: Get-MgwTunnel lists the tunnels.)", ex.Error.Message);
    }

    private const string AgentXmlBody = "<ImportAgent><Name>nas-agent</Name><TunnelId>t-1</TunnelId><AgentEndpoint>public</AgentEndpoint></ImportAgent>";

    [Fact]
    public async Task CreateAgent_AfterALostAnswer_FindsTheAgent_AndNeverSendsTwice()
    {
        using var server = new LoopbackServer().Enqueue(Scripted.Dropped(), Scripted.Ok(Doc(AgentXmlBody)));
        using MgwClient client = NewClient(server);

        MgwAgent agent = await client.CreateAgentAsync("nas-agent", "t-1", MgwAgentEndpoint.Public);

        Assert.Equal("t-1", agent.TunnelId);
        Assert.Equal(new[] { "POST /agent", "GET /agent/nas-agent" }, server.Requests.Select(r => r.Method + " " + r.Path));
        Assert.Equal("<ImportAgent><Name>nas-agent</Name><TunnelId>t-1</TunnelId><AgentEndpoint>public</AgentEndpoint><DeployMethod>default</DeployMethod></ImportAgent>",
            server.Requests[0].BodyText);
    }

    [Fact]
    public async Task CreateAgent_AfterALostAnswer_WithNoAgent_SendsAgain_AndAnExistsAnswerIsSettledByLookingUp()
    {
        using var server = new LoopbackServer().Enqueue(
            Scripted.Dropped(), Scripted.Error(404, "NoSuchImportAgent"),
            Scripted.Error(409, "ImportAgentAlreadyExist"), Scripted.Ok(Doc(AgentXmlBody)));
        using MgwClient client = NewClient(server);

        MgwAgent agent = await client.CreateAgentAsync("nas-agent", "t-1", MgwAgentEndpoint.Public);

        Assert.Equal("nas-agent", agent.Name);
        Assert.Equal(new[] { "POST /agent", "GET /agent/nas-agent", "POST /agent", "GET /agent/nas-agent" }, server.Requests.Select(r => r.Method + " " + r.Path));
    }

    [Fact]
    public async Task CreateAgent_AfterALostAnswer_FindingAnotherAgentOfThatName_ReportsTheSendFailure()
    {
        using var server = new LoopbackServer().Enqueue(Scripted.Dropped(), Scripted.Ok(Doc(AgentXmlBody.Replace("t-1", "t-other"))));
        using MgwClient client = NewClient(server);

        var ex = await Assert.ThrowsAsync<MgwException>(() => client.CreateAgentAsync("nas-agent", "t-1", MgwAgentEndpoint.Public));

        Assert.Equal(MgwErrorCodes.ConnectionFailed, ex.Error.Code);
        Assert.Single(server.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task CreateAgent_WhoseReadBackFails_SaysItWasCreated()
    {
        using var server = new LoopbackServer().Enqueue(Scripted.Ok(), Scripted.Error(403, "AccessDenied", "no GetImportAgent"));
        using MgwClient client = NewClient(server);

        var ex = await Assert.ThrowsAsync<MgwException>(() => client.CreateAgentAsync("nas-agent", "t-1", MgwAgentEndpoint.Vpc, tags: "a:b"));

        Assert.Equal(MgwServiceCodes.AccessDenied, ex.Error.Code);
        Assert.Equal("Agent 'nas-agent' was created, but reading it back failed: no GetImportAgent. (It exists on the service: Get-MgwAgent nas-agent shows it.)", ex.Error.Message);
        Assert.Contains("<AgentEndpoint>vpc</AgentEndpoint><DeployMethod>default</DeployMethod><Tags>a:b</Tags>", server.Requests[0].BodyText);
    }

    [Fact]
    public async Task DeleteAgent_AfterALostAnswer_ThenNotFound_CountsAsDeleted()
    {
        using var server = new LoopbackServer().Enqueue(Scripted.Dropped(), Scripted.Error(404, "NoSuchImportAgent"));
        using MgwClient client = NewClient(server);

        await client.DeleteAgentAsync("nas-agent");

        Assert.Equal(2, server.Requests.Count(r => r.Method == "DELETE" && r.Path == "/agent/nas-agent"));
    }
}
