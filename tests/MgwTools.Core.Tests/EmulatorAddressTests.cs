using System;
using System.Linq;
using System.Threading.Tasks;
using MgwTools.Emulator;

namespace MgwTools.Core.Tests;

/// <summary>The local service's data addresses: rules by kind, the quota, settable verification results (issue 12 item 3).</summary>
public class EmulatorAddressTests
{
    private static string Body(string name, string detail) => $"<ImportAddress><Name>{name}</Name><AddressDetail>{detail}</AddressDetail></ImportAddress>";

    public static TheoryData<string, string> Valid => new()
    {
        { "oss", "<AddressType>oss</AddressType><Bucket>b-1</Bucket><RegionId>oss-cn-beijing</RegionId><Role>r</Role>" },
        { "ossinv", "<AddressType>ossinv</AddressType><InvBucket>inv</InvBucket><InvPath>m/manifest.json</InvPath><InvLocation>cos</InvLocation>" },
        { "http", "<AddressType>http</AddressType><InvBucket>lists</InvBucket><InvPath>urls.txt</InvPath><InvRegionId>oss-cn-hangzhou</InvRegionId>" },
        { "nas", "<AddressType>nas</AddressType><AgentList>agent-a,agent-b</AgentList><Prefix>/mnt/data/</Prefix>" },
        { "local", "<AddressType>local</AddressType><AgentList>agent-a</AgentList><Prefix>/srv/</Prefix>" },
        { "s3", "<AddressType>s3</AddressType><Bucket>b</Bucket><Domain>s3.amazonaws.com</Domain><AccessId>AKIA1</AccessId><AccessSecret>x</AccessSecret>" },
        { "azure", "<AddressType>azure</AddressType><Bucket>c</Bucket><Domain>acct.blob.core.windows.net</Domain><AccessId>acct</AccessId><AccessSecret>x</AccessSecret>" },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public async Task EachKind_WithWhatItNeeds_IsCreated(string type, string detail)
    {
        using var f = new EmulatorFixture();
        EmulatorReply r = await f.Client.Send("POST", "/address", Body("addr-" + type, detail));
        Assert.Equal(200, r.Status);
        Assert.Equal(type, f.Emulator.Addresses.Single(a => a.Name == "addr-" + type).AddressType);
    }

    public static TheoryData<string, string> Refused => new()
    {
        { "<AddressType>oss</AddressType><Bucket>b</Bucket><RegionId>oss-cn-beijing</RegionId>",
            "AddressDetail/Role is required for an address of type oss (the bucket, its region and the role that reaches it)." },
        { "<AddressType>oss</AddressType><Bucket>b</Bucket><RegionId>cn-beijing</RegionId><Role>r</Role>",
            "AddressDetail/RegionId 'cn-beijing' is not an OSS region id such as oss-cn-beijing." },
        { "<AddressType>http</AddressType><InvBucket>lists</InvBucket><InvPath>urls.txt</InvPath>",
            "AddressDetail/InvRegionId is required for an address of type http (the bucket, file and region of the URL list)." },
        { "<AddressType>nas</AddressType><Prefix>/mnt/</Prefix>",
            "AddressDetail/AgentList is required for an address of type nas (the agents that reach it and the directory)." },
        { "<AddressType>nas</AddressType><AgentList>agent-a</AgentList><Prefix>mnt/</Prefix>",
            "AddressDetail/Prefix 'mnt/' is not an absolute directory such as /mnt/data/." },
        { "<AddressType>nas</AddressType><AgentList>agent-a,Bad!</AgentList><Prefix>/mnt/</Prefix>",
            "AgentList names 'Bad!', which is not an agent name." },
        { "<AddressType>s3</AddressType><Bucket>b</Bucket><Domain>s3.amazonaws.com</Domain><AccessId>AKIA1</AccessId>",
            "AddressDetail/AccessSecret is required for an address of type s3 (the bucket, the store's endpoint and its AccessKey pair)." },
        { "<AddressType>gopher</AddressType><Bucket>b</Bucket>", "AddressDetail/AddressType 'gopher' is not a supported address type." },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task EachKind_WithoutWhatItNeeds_InvalidArgument(string detail, string message)
    {
        using var f = new EmulatorFixture();
        EmulatorReply r = await f.Client.Send("POST", "/address", Body("bad-addr", detail));
        Assert.Equal((400, "InvalidArgument"), (r.Status, r.Code));
        Assert.Equal(message, r.Text("Message"));
    }

    [Fact]
    public async Task TheQuota_ImportAddressNumExceed()
    {
        using var f = new EmulatorFixture(o => o.MaxAddresses = 5);   // the fixture holds 4
        Assert.Equal(1000, new MgwEmulatorOptions().MaxAddresses);
        f.Emulator.AddAddress("fifth");
        EmulatorReply r = await f.Client.Send("POST", "/address", Body("sixth", "<AddressType>oss</AddressType><Bucket>b</Bucket><RegionId>oss-cn-beijing</RegionId><Role>r</Role>"));
        Assert.Equal((400, "ImportAddressNumExceed"), (r.Status, r.Code));
        Assert.Equal("The number of import addresses exceeds the limit of 5 per region.", r.Text("Message"));
    }

    [Fact]
    public async Task UpdateAddress_ChecksTheAgents()
    {
        using var f = new EmulatorFixture();
        Assert.Equal(200, (await f.Client.Send("POST", "/address", Body("share", "<AddressType>nas</AddressType><AgentList>agent-a</AgentList><Prefix>/mnt/</Prefix>"))).Status);
        EmulatorReply bad = await f.Client.Send("PUT", "/address/share", "<ImportAddress><AgentList>agent-a,No Good</AgentList></ImportAddress>");
        EmulatorReply none = await f.Client.Send("PUT", "/address/share", "<ImportAddress><AgentList></AgentList></ImportAddress>");
        EmulatorReply missing = await f.Client.Send("PUT", "/address/nowhere", "<ImportAddress><AgentList>agent-a</AgentList></ImportAddress>");
        Assert.Equal(("InvalidArgument", "AgentList names 'No Good', which is not an agent name."), (bad.Code, bad.Text("Message")));
        Assert.Equal("InvalidArgument", none.Code);
        Assert.Equal((404, "NoSuchImportAddress"), (missing.Status, missing.Code));
        Assert.Equal(new[] { "agent-a" }, f.Emulator.Addresses.Single(a => a.Name == "share").Agents);
    }

    [Fact]
    public async Task Verify_AvailableByDefault_ThenWhatTheTestSet()
    {
        using var f = new EmulatorFixture();
        EmulatorReply before = await f.Client.Send("GET", "/address/src");
        Assert.Equal("", before.Text("VerifyTime"));
        Assert.Null(before.Xml!.Element("VerifyResult"));

        EmulatorReply ok = await f.Client.Send("GET", "/address/src", query: [new("verify", null)]);
        Assert.Equal(("available", "", ""), (ok.Text("Status"), ok.Text("ErrorCode"), ok.Text("ErrorMessage")));

        f.Emulator.SetVerifyResult("src", EmulatorVerifyResult.Failure("AccessDenied", "The role cannot read bucket src.", 403));
        f.Emulator.Clock.Advance(TimeSpan.FromMinutes(1));
        EmulatorReply failed = await f.Client.Send("GET", "/address/src", query: [new("verify", null)]);
        Assert.Equal(("unavailable", "AccessDenied", "The role cannot read bucket src."), (failed.Text("Status"), failed.Text("ErrorCode"), failed.Text("ErrorMessage")));
        Assert.Equal("2026-03-01T08:01:00.000Z", failed.Text("VerifyTime"));

        EmulatorReply get = await f.Client.Send("GET", "/address/src");
        Assert.Equal("unavailable", get.Text("Status"));
        Assert.Equal(("403", "AccessDenied", "The role cannot read bucket src."),
            (get.Xml!.Element("VerifyResult")!.Element("HttpCode")!.Value, get.Xml.Element("VerifyResult")!.Element("ErrorCode")!.Value, get.Xml.Element("VerifyResult")!.Element("ErrorMsg")!.Value));
        Assert.Equal("AccessDenied", f.Emulator.Addresses.Single(a => a.Name == "src").LastVerify!.ErrorCode);

        f.Emulator.SetVerifyResult("src", null);
        Assert.Equal("available", (await f.Client.Send("GET", "/address/src", query: [new("verify", null)])).Text("Status"));
    }

    [Fact]
    public async Task Verify_SetBeforeTheAddressExists_AppliesWhenItIsVerified_ResetForgetsIt()
    {
        using var f = new EmulatorFixture();
        f.Emulator.SetVerifyResult("later", EmulatorVerifyResult.Failure("NoSuchBucket"));
        f.Emulator.AddAddress("later");
        EmulatorReply r = await f.Client.Send("GET", "/address/later", query: [new("verify", null)]);
        Assert.Equal(("unavailable", "NoSuchBucket", "The address cannot be reached: NoSuchBucket."), (r.Text("Status"), r.Text("ErrorCode"), r.Text("ErrorMessage")));

        f.Emulator.Reset();
        f.Emulator.AddAddress("later");
        Assert.Equal("available", (await f.Client.Send("GET", "/address/later", query: [new("verify", null)])).Text("Status"));
    }

    [Fact]
    public void VerifyResult_Arguments()
    {
        Assert.Throws<ArgumentException>(() => EmulatorVerifyResult.Failure(" "));
        Assert.Throws<ArgumentException>(() => EmulatorVerifyResult.Failure("AccessDenied", httpCode: 200));
        using var f = new EmulatorFixture();
        Assert.Throws<ArgumentException>(() => f.Emulator.SetVerifyResult("", null));
        Assert.Equal("unavailable (404 NoSuchBucket)", EmulatorVerifyResult.Failure("NoSuchBucket", httpCode: 404).ToString());
        Assert.True(EmulatorVerifyResult.Available.IsAvailable);
    }

    [Fact]
    public void AddAddress_MakesAnOssAddressWithItsRole()
    {
        using var f = new EmulatorFixture();
        EmulatorAddress src = f.Emulator.Addresses.Single(a => a.Name == "src");
        Assert.Equal(("oss", "src", "oss-cn-hangzhou"), (src.AddressType, src.Bucket, src.RegionId));
        Assert.False(src.HasAccessSecret);
    }
}
