using System.Collections;
using System.Collections.Generic;
using System.Linq;
using MgwTools.Core.Agents;

namespace MgwTools.Core.Tests;

public class AgentRulesTests
{
    [Theory]
    [InlineData("nas-agent")]
    [InlineData("a_1")]
    [InlineData("007")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij123")]
    public void AgentNames_FollowingTheApiRule_Pass(string name)
    {
        Assert.Null(AgentRules.CheckAgentName(name));
    }

    [Theory]
    [InlineData("ab", "it has 2 characters")]
    [InlineData("", "it has 0 characters")]
    [InlineData(null, "it has 0 characters")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij1234", "it has 64 characters")]
    [InlineData("-agent", "it starts with '-' or '_'")]
    [InlineData("_agent", "it starts with '-' or '_'")]
    [InlineData("NAS-Agent", "it has characters other than lowercase letters, digits, '-' and '_'")]
    [InlineData("nas agent", "it has characters other than lowercase letters, digits, '-' and '_'")]
    [InlineData("agent\u00e9", "it has characters other than lowercase letters, digits, '-' and '_'")]
    public void AgentNames_BreakingTheRule_AreInvalidAgentName_SayingWhy(string? name, string why)
    {
        MgwError error = AgentRules.CheckAgentName(name)!;

        Assert.Equal(MgwErrorCodes.InvalidAgentName, error.Code);
        Assert.Equal("Name", error.Field);
        Assert.Equal(name, error.Value);
        Assert.Equal(MgwErrorKind.BadInput, error.Kind);
        Assert.Equal($"'{name}' cannot be the name of an agent ({why}): agent names are 3-63 lowercase letters, digits, '-' and '_', not starting with '-' or '_'.",
            error.Message);
    }

    [Theory]
    [InlineData("10485760", 10485760L)]
    [InlineData("0", 0L)]
    [InlineData("-5", -5L)]
    [InlineData("100MB/s", 100000000L)]
    [InlineData("10MiB/s", 10485760L)]
    [InlineData("10MB/s", 10000000L)]
    [InlineData("1GiB/s", 1073741824L)]
    [InlineData("25MBps", 25000000L)]
    [InlineData("800Mbps", 100000000L)]
    [InlineData("1Gbps", 125000000L)]
    [InlineData("84 Mibps", 11010048L)]
    [InlineData(" 1.5GiB/s ", 1610612736L)]
    [InlineData("9b/s", 1L)]
    public void TunnelBandwidth_IsBytesPerSecond_AndUnitsConvert(string text, long bytes)
    {
        Assert.True(AgentRules.TryParseBandwidth(text, out long parsed));
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("fast")]
    [InlineData("100M")]
    [InlineData("1.5")]
    [InlineData("10 MB per second")]
    [InlineData("99999999999999999999999GB/s")]
    [InlineData("1111111111111111111111111111111111111111111111111111111111111111111111MB/s")]
    public void TunnelBandwidth_ThatDoesNotParse_IsRefused(string? text)
    {
        Assert.False(AgentRules.TryParseBandwidth(text, out _));
    }

    [Theory]
    [InlineData(0L, 0L)]
    [InlineData(10485760L, 1L)]
    [InlineData(long.MaxValue, long.MaxValue)]
    [InlineData(null, null)]
    public void Qos_WithinTheRules_Passes(long? bandwidth, long? qps)
    {
        Assert.Empty(AgentRules.CheckQos(bandwidth, qps));
    }

    [Fact]
    public void Qos_BelowTheBounds_IsRefused_NamingBoth()
    {
        var errors = AgentRules.CheckQos(10485759, -1);

        Assert.Equal(new[] { MgwErrorCodes.BandwidthOutOfRange, MgwErrorCodes.QpsOutOfRange }, errors.Select(e => e.Code));
        Assert.Equal("MaxBandwidth", errors[0].Field);
        Assert.Equal(10485759L, errors[0].Value);
        Assert.Equal("MaxBandwidth 10,485,759 bytes/s is out of range for a tunnel: give 0 (not limited) or at least 10,485,760 bytes/s (10MiB/s; note that " +
                     "10MB/s is 10,000,000, below it).", errors[0].Message);
        Assert.Equal("MaxQps", errors[1].Field);
        Assert.Equal(-1L, errors[1].Value);
        Assert.Equal("MaxQps -1 is out of range for a tunnel: give 0 (not limited) or a number of files per second above 0.", errors[1].Message);
        Assert.All(errors, e => Assert.Equal(MgwErrorKind.BadInput, e.Kind));
        Assert.Equal(MgwErrorCodes.BandwidthOutOfRange, Assert.Single(AgentRules.CheckQos(-1, null)).Code);
    }

    [Fact]
    public void Tags_FromTextOrHashtable_BecomeTheWireText()
    {
        var errors = new List<MgwError>();
        Assert.Equal("team:data,env:prod", AgentRules.Tags("team:data, env:prod", errors));
        Assert.Equal("k:v", AgentRules.Tags(new Hashtable { ["k"] = "v" }, errors));
        Assert.Equal("a:1,b:x,y", AgentRules.Tags(new object[] { "a:1", "b:x,y" }, errors));
        Assert.Null(AgentRules.Tags(null, errors));
        Assert.Null(AgentRules.Tags("  ", errors));
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("notatag", "Tag: 'notatag' is not key:value. Write tags as k1:v1,k2:v2 or as a hashtable @{ k1 = 'v1' }.")]
    [InlineData("k:v w", "Tag 'k:v w' is not key:value of ASCII letters, digits, '-' and '_' (values may also hold ','); remove other characters and give both a key and a value.")]
    [InlineData("équipe:x", "Tag 'équipe:x' is not key:value of ASCII letters, digits, '-' and '_' (values may also hold ','); remove other characters and give both a key and a value.")]
    public void Tags_ThatCannotBeSent_AreInvalidTag(string text, string message)
    {
        var errors = new List<MgwError>();

        Assert.Null(AgentRules.Tags(text, errors));

        MgwError error = Assert.Single(errors);
        Assert.Equal(MgwErrorCodes.InvalidTag, error.Code);
        Assert.Equal("Tag", error.Field);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Tags_OverTheLengthLimit_AreInvalidTag()
    {
        var errors = new List<MgwError>();
        Assert.Null(AgentRules.Tags("k:" + new string('v', 1100), errors));
        Assert.Equal("The tags are 1,102 characters as k1:v1,k2:v2; the service takes at most 1,024. Drop or shorten some.", Assert.Single(errors).Message);
    }

    [Fact]
    public void Tags_ReportsItsOwnProblemsOnly()
    {
        var errors = new List<MgwError> { new() { Code = MgwErrorCodes.InvalidTag } };
        Assert.Equal("k:v", AgentRules.Tags("k:v", errors));
        Assert.Single(errors);
    }

    [Fact]
    public void WireValues_AreTheApiSpellings()
    {
        Assert.Equal("public", AgentRules.WireValue(MgwAgentEndpoint.Public));
        Assert.Equal("vpc", AgentRules.WireValue(MgwAgentEndpoint.Vpc));
        Assert.Equal(10485760, MgwTunnelQos.MinBandwidth);
    }
}
