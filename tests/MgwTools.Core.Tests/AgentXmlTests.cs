using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using System.Xml.Linq;
using MgwTools.Core.Client;
using MgwTools.Core.Wire;
using static MgwTools.Core.Tests.ClientTestKit;

namespace MgwTools.Core.Tests;

/// <summary>
/// The agent and tunnel bodies: requests exactly as the SDK models name them, answers read tolerantly (an unknown
/// network type or state kept as text, bad numbers and times kept in UnreadValues, unknown elements ignored), and only
/// a body that is not XML or has another root is InvalidResponse.
/// </summary>
public class AgentXmlTests
{
    private const string OddAgent =
        "<ImportAgent><Name>nas-agent</Name><TunnelId>t-1</TunnelId><AgentEndpoint>satellite</AgentEndpoint><DeployMethod>docker</DeployMethod>" +
        "<ActivationKey>KEY-do-not-print-0001</ActivationKey><Tags>team:data</Tags><Owner>1234567890123456</Owner><Version>v-1</Version>" +
        "<CreateTime>yesterday</CreateTime><ModifyTime>2025-07-04T06:02:21.000Z</ModifyTime><Colour>blue</Colour><New><Nested>x</Nested></New></ImportAgent>";

    private const string OddTunnel =
        "<ImportTunnel><TunnelId>t-odd</TunnelId><TunnelQos><MaxBandwidth>lots</MaxBandwidth><MaxQps> 50 </MaxQps><Burst>9</Burst></TunnelQos>" +
        "<Tags>a:b</Tags><CreateTime>2025-07-03 00:00:00</CreateTime><ModifyTime>soon</ModifyTime><Region>cn</Region></ImportTunnel>";

    [Fact]
    public void CreateAgent_IsTheSdkShape_WithoutEmptyElements()
    {
        Assert.Equal("<ImportAgent><Name>nas-agent</Name><TunnelId>t-1</TunnelId><AgentEndpoint>vpc</AgentEndpoint><DeployMethod>default</DeployMethod></ImportAgent>",
            AgentXml.CreateAgent("nas-agent", "t-1", "vpc", "default", null));
        Assert.Equal("<ImportAgent><Name>a&amp;b</Name><TunnelId>t</TunnelId><AgentEndpoint>public</AgentEndpoint><DeployMethod>default</DeployMethod><Tags>k:v</Tags></ImportAgent>",
            AgentXml.CreateAgent("a&b", "t", "public", "default", "k:v"));
    }

    [Fact]
    public void CreateAndUpdateTunnel_CarryOnlyTheValuesGiven()
    {
        Assert.Equal("<ImportTunnel><TunnelQos><MaxBandwidth>10485760</MaxBandwidth><MaxQps>0</MaxQps></TunnelQos></ImportTunnel>",
            AgentXml.CreateTunnel(new MgwTunnelQos { MaxBandwidth = 10485760, MaxQps = 0 }, null));
        Assert.Equal("<ImportTunnel><Tags>k:v</Tags><TunnelQos><MaxQps>5</MaxQps></TunnelQos></ImportTunnel>",
            AgentXml.UpdateTunnel(new MgwTunnelQos { MaxQps = 5 }, "k:v"));
        Assert.Equal("<ImportTunnel />", AgentXml.CreateTunnel(null, null));
    }

    [Fact]
    public void Agent_WithEveryOddShape_IsRead_KeepingTheRawValues_AndTheKeyHidden()
    {
        MgwAgent agent = AgentXml.Agent(XElement.Parse(OddAgent));

        Assert.Equal("nas-agent", agent.Name);
        Assert.Equal("t-1", agent.TunnelId);
        Assert.Null(agent.AgentEndpoint);
        Assert.Equal("satellite", agent.AgentEndpointText);
        Assert.Equal("docker", agent.DeployMethod);
        Assert.Equal("team:data", agent.Tags);
        Assert.Equal("v-1", agent.Version);
        Assert.Null(agent.CreateTime);
        Assert.Equal("yesterday", agent.UnreadValues["CreateTime"]);
        Assert.Equal(new DateTimeOffset(2025, 7, 4, 6, 2, 21, TimeSpan.Zero), agent.ModifyTime);
        Assert.Null(agent.Status);
        Assert.True(agent.HasActivationKey);
        Assert.Equal("KEY-do-not-print-0001", new NetworkCredential("", agent.GetActivationKey()).Password);
        Assert.True(agent.GetActivationKey()!.IsReadOnly());
        Assert.Equal("nas-agent", agent.ToString());
        // Public properties never carry the key (formatters, ConvertTo-Json and Select-Object * read only those).
        foreach (var property in typeof(MgwAgent).GetProperties().Where(p => p.GetMethod!.IsPublic))
        {
            Assert.DoesNotContain("KEY-do-not-print", Convert.ToString(property.GetValue(agent)) ?? "");
        }
    }

    [Fact]
    public void Agent_Minimal_AndTheKnownEndpoints()
    {
        MgwAgent bare = AgentXml.Agent(XElement.Parse("<ImportAgent><Name>a-1</Name></ImportAgent>"));
        Assert.Equal("a-1", bare.Name);
        Assert.False(bare.HasActivationKey);
        Assert.Null(bare.GetActivationKey());
        Assert.Empty(bare.UnreadValues);
        Assert.Equal(MgwAgentEndpoint.Vpc, AgentXml.Agent(XElement.Parse("<ImportAgent><AgentEndpoint> VPC </AgentEndpoint></ImportAgent>")).AgentEndpoint);
        Assert.Equal(MgwAgentEndpoint.Public, AgentXml.Agent(XElement.Parse("<ImportAgent><AgentEndpoint>public</AgentEndpoint></ImportAgent>")).AgentEndpoint);
    }

    [Fact]
    public void WithStatus_CopiesEverything_AndLeavesTheOriginal()
    {
        MgwAgent agent = AgentXml.Agent(XElement.Parse(OddAgent));
        var status = new MgwAgentStatus { Name = "nas-agent", Status = "OK", State = MgwAgentState.OK };

        MgwAgent withStatus = agent.WithStatus(status);

        Assert.Same(status, withStatus.Status);
        Assert.Null(agent.Status);
        foreach (var property in typeof(MgwAgent).GetProperties().Where(p => p.Name != nameof(MgwAgent.Status)))
        {
            Assert.Equal(property.GetValue(agent), property.GetValue(withStatus));
        }

        Assert.Equal("KEY-do-not-print-0001", new NetworkCredential("", withStatus.GetActivationKey()).Password);
    }

    [Theory]
    [InlineData("OK", MgwAgentState.OK)]
    [InlineData("disconnected", MgwAgentState.Disconnected)]
    [InlineData(" NoResponse ", MgwAgentState.NoResponse)]
    [InlineData("Upgrading", null)]
    public void AgentStatus_KnownStatesAreTyped_OthersKeptAsText(string sent, MgwAgentState? state)
    {
        MgwAgentStatus status = AgentXml.AgentStatus("a-1", XElement.Parse(
            $"<ImportAgentStatus><Status>{sent}</Status><AgentIP>192.0.2.10</AgentIP><AgentVersion>2.3.1</AgentVersion><Extra>x</Extra></ImportAgentStatus>"));

        Assert.Equal("a-1", status.Name);
        Assert.Equal(sent.Trim(), status.Status);
        Assert.Equal(state, status.State);
        Assert.Equal(state == MgwAgentState.OK, status.IsOK);
        Assert.Equal("192.0.2.10", status.AgentIP);
        Assert.Equal("2.3.1", status.AgentVersion);
        Assert.Equal(sent.Trim(), status.ToString());
    }

    [Fact]
    public void AgentStatus_Empty_HasNoState()
    {
        MgwAgentStatus status = AgentXml.AgentStatus("a-1", XElement.Parse("<ImportAgentStatus/>"));
        Assert.Null(status.Status);
        Assert.Null(status.State);
        Assert.False(status.IsOK);
    }

    [Fact]
    public void Tunnel_WithEveryOddShape_IsRead_KeepingTheRawValues()
    {
        MgwTunnel tunnel = AgentXml.Tunnel(XElement.Parse(OddTunnel));

        Assert.Equal("t-odd", tunnel.TunnelId);
        Assert.Null(tunnel.MaxBandwidth);
        Assert.Equal("lots", tunnel.UnreadValues["TunnelQos/MaxBandwidth"]);
        Assert.Equal(50, tunnel.MaxQps);
        Assert.Equal(50, tunnel.Qos.MaxQps);
        Assert.Equal("a:b", tunnel.Tags);
        Assert.Equal(new DateTimeOffset(2025, 7, 3, 0, 0, 0, TimeSpan.Zero), tunnel.CreateTime);
        Assert.Null(tunnel.ModifyTime);
        Assert.Equal("soon", tunnel.UnreadValues["ModifyTime"]);
        Assert.Equal("t-odd", tunnel.ToString());
        Assert.Equal("MaxBandwidth=- B/s, MaxQps=50", tunnel.Qos.ToString());
    }

    [Fact]
    public void Tunnel_WithoutQos_HasEmptyQos()
    {
        MgwTunnel tunnel = AgentXml.Tunnel(XElement.Parse("<ImportTunnel><TunnelId>t</TunnelId></ImportTunnel>"));
        Assert.NotNull(tunnel.Qos);
        Assert.Null(tunnel.MaxBandwidth);
        Assert.Null(tunnel.MaxQps);
    }

    [Theory]
    [InlineData("<ImportAgentList><Truncated>true</Truncated><NextMarker>m</NextMarker><ImportAgent><Name>a-1</Name></ImportAgent><ImportAgent><Name>a-2</Name></ImportAgent></ImportAgentList>", 2, true, "m")]
    [InlineData("<ImportAgentList><Truncated>1</Truncated><NextMarker>m</NextMarker></ImportAgentList>", 0, true, "m")]
    [InlineData("<ImportAgentList><Truncated>maybe</Truncated><NextMarker>m</NextMarker><ImportAgent/></ImportAgentList>", 1, true, "m")]
    [InlineData("<ImportAgentList><Truncated>maybe</Truncated></ImportAgentList>", 0, false, null)]
    [InlineData("<ImportAgentList><ImportAgent><Name>a</Name><CreateTime>bad</CreateTime></ImportAgent></ImportAgentList>", 1, false, null)]
    public void AgentPage_NeverFailsOnItsPagingFields(string xml, int count, bool truncated, string? marker)
    {
        MgwPage<MgwAgent> page = AgentXml.AgentPage(XElement.Parse(xml));
        Assert.Equal(count, page.Items.Count);
        Assert.Equal(truncated, page.Truncated);
        Assert.Equal(marker, page.NextMarker);
    }

    [Fact]
    public void TunnelPage_ReadsItsItems()
    {
        MgwPage<MgwTunnel> page = AgentXml.TunnelPage(XElement.Parse(
            "<ImportTunnelList><Truncated>false</Truncated><NextMarker></NextMarker>" + OddTunnel + "<ImportTunnel><TunnelId>t-2</TunnelId></ImportTunnel></ImportTunnelList>"));
        Assert.Equal(new[] { "t-odd", "t-2" }, page.Items.Select(t => t.TunnelId));
        Assert.False(page.HasMore);
    }

    [Theory]
    [InlineData("<ImportTunnel><TunnelId> t-9 </TunnelId></ImportTunnel>", "t-9")]
    [InlineData("", null)]
    [InlineData("<root/>", null)]
    [InlineData("<ImportTunnel/>", null)]
    [InlineData("not xml", null)]
    public void CreatedTunnelId_IsBelievedOnlyFromAnImportTunnelBody(string body, string? id)
    {
        Assert.Equal(id, AgentXml.CreatedTunnelId(body, 1 << 20));
    }

    [Theory]
    [InlineData("not xml at all")]
    [InlineData("<ImportJob><Name>nas-agent</Name></ImportJob>")]
    [InlineData("<ImportAgent><Name>other-agent</Name></ImportAgent>")]
    [InlineData("<ImportAgent><TunnelId>t</TunnelId></ImportAgent>")]
    public async Task GetAgent_NotXml_WrongRoot_OrAnotherAgent_IsInvalidResponse(string body)
    {
        using var server = new LoopbackServer().Enqueue(Scripted.Ok(Doc(body)));
        using MgwClient client = NewClient(server);

        var ex = await Assert.ThrowsAsync<MgwException>(() => client.GetAgentAsync("nas-agent"));

        Assert.Equal(MgwErrorCodes.InvalidResponse, ex.Error.Code);
        Assert.StartsWith("The answer to GET /agent/nas-agent could not be read: ", ex.Error.Message);
    }

    [Theory]
    [InlineData("<ImportAgent/>")]
    [InlineData("<ImportTunnel><TunnelId>t-2</TunnelId></ImportTunnel>")]
    public async Task GetTunnel_WrongRoot_OrAnotherTunnel_IsInvalidResponse(string body)
    {
        using var server = new LoopbackServer().Enqueue(Scripted.Ok(Doc(body)));
        using MgwClient client = NewClient(server);

        var ex = await Assert.ThrowsAsync<MgwException>(() => client.GetTunnelAsync("t-1"));

        Assert.Equal(MgwErrorCodes.InvalidResponse, ex.Error.Code);
        Assert.StartsWith("The answer to GET /tunnel/t-1 could not be read: ", ex.Error.Message);
    }

    [Fact]
    public async Task GetAgentStatus_AndLists_ReadOddAnswersThroughTheClient()
    {
        using var server = new LoopbackServer().Enqueue(
            Scripted.Ok(Doc("<ImportAgentStatus><Status>Rebooting</Status></ImportAgentStatus>")),
            Scripted.Ok(Doc("<ImportAgentList><Truncated>true</Truncated><NextMarker>a-1</NextMarker>" + OddAgent.Replace("nas-agent", "a-1") + "</ImportAgentList>")),
            Scripted.Ok(Doc("<ImportAgentList><Truncated>false</Truncated><ImportAgent><Name>a-2</Name></ImportAgent></ImportAgentList>")),
            Scripted.Ok(Doc("<ImportTunnelList><Truncated>true</Truncated><NextMarker>same</NextMarker>" + OddTunnel + "</ImportTunnelList>")),
            Scripted.Ok(Doc("<ImportTunnelList><Truncated>true</Truncated><NextMarker>same</NextMarker><ImportTunnel><TunnelId>t-2</TunnelId></ImportTunnel></ImportTunnelList>")));
        using MgwClient client = NewClient(server);

        MgwAgentStatus status = await client.GetAgentStatusAsync("a-1");
        var agents = await client.ListAllAgentsAsync(pageSize: 1);
        // A marker seen twice ends the listing rather than loop.
        var tunnels = await client.ListAllTunnelsAsync();

        Assert.Equal("Rebooting", status.Status);
        Assert.Null(status.State);
        Assert.Equal(new[] { "a-1", "a-2" }, agents.Select(a => a.Name));
        Assert.Equal("satellite", agents[0].AgentEndpointText);
        Assert.Equal(new[] { "t-odd", "t-2" }, tunnels.Select(t => t.TunnelId));
        var r = server.Requests;
        Assert.Equal("/agent/a-1", r[0].Path);
        Assert.Contains(r[0].Query, q => q.Key == "status");
        Assert.Equal("/agentlist", r[1].Path);
        Assert.Contains(r[1].Query, q => q.Key == "count" && q.Value == "1");
        Assert.Contains(r[2].Query, q => q.Key == "marker" && q.Value == "a-1");
        Assert.Equal("/tunnellist", r[3].Path);
        Assert.Equal(5, r.Count);
    }
}
