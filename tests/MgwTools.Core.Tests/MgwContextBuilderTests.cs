using System;
using MgwTools.Core.Credentials;

namespace MgwTools.Core.Tests;

public sealed class MgwContextBuilderTests : IDisposable
{
    private const string Account = "1234567890123456";
    private const string Secret = "BuilderSecret000000000000000001";
    private const string Token = "BuilderToken0000000000000000002";
    private readonly FakeEnvironment _env = new();

    public void Dispose() => _env.Dispose();

    private static MgwCredentials Keys() => new("LTAI5tBuilderKey0001", Secret, Token, "Explicit");

    private ConnectResult Build(string? account = Account, string? region = "cn-hangzhou", string? endpoint = null, string? timeZone = null) =>
        MgwContextBuilder.Build(new ConnectRequest
        {
            AccountId = account,
            Region = region,
            Endpoint = endpoint is null ? null : new Uri(endpoint, UriKind.RelativeOrAbsolute),
            Credentials = Keys(),
            ScheduleTimeZone = timeZone,
        }, _env);

    private MgwError Fails(string? account = Account, string? region = "cn-hangzhou", string? endpoint = null, string? timeZone = null)
    {
        var e = Assert.Throws<MgwException>(() => Build(account, region, endpoint, timeZone));
        Assert.DoesNotContain(Secret, e.ToString());
        return e.Error;
    }

    [Fact]
    public void PublicEndpoint_IsBuiltFromAccountAndRegion()
    {
        MgwContext c = Build().Context;

        Assert.Equal(new Uri("https://1234567890123456.cn-hangzhou.mgw.aliyuncs.com"), c.Endpoint);
        Assert.Equal("cn-hangzhou", c.Region);
        Assert.Equal("UTC", c.ScheduleTimeZone);
        Assert.Equal("LTAI*************001", c.AccessKeyId);
        Assert.Equal("Explicit", c.CredentialSource);
        Assert.Same(c.Credentials.AccessKeySecret, Secret);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("http://127.8.9.10:1")]
    [InlineData("http://localhost:5000/")]
    [InlineData("http://[::1]:5000")]
    [InlineData("https://example.invalid")]
    public void Endpoint_HttpsOrLoopback_IsAccepted(string endpoint)
    {
        MgwContext c = Build(endpoint: endpoint).Context;

        Assert.Equal(new Uri(endpoint).Authority, c.Endpoint.Authority);
    }

    [Theory]
    [InlineData("http://example.invalid")]
    [InlineData("http://localhost.example.invalid")]
    [InlineData("http://128.0.0.1")]
    [InlineData("http://10.0.0.1:8080")]
    public void Endpoint_PlainHttpElsewhere_IsInsecureEndpoint(string endpoint)
    {
        MgwError e = Fails(endpoint: endpoint);

        Assert.Equal(MgwErrorCodes.InsecureEndpoint, e.Code);
        Assert.StartsWith($"The endpoint '{endpoint}' uses plain http://", e.Message);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1", "not an absolute https:// URI")]
    [InlineData("cn-hangzhou.mgw.aliyuncs.com", "not an absolute https:// URI")]
    [InlineData("https://example.invalid/base", "path, query or fragment")]
    [InlineData("https://example.invalid/?a=1", "path, query or fragment")]
    [InlineData("https://LTAIkey:secretvalue@example.invalid", "user information")]
    public void Endpoint_Malformed_IsInvalidEndpoint(string endpoint, string why)
    {
        MgwError e = Fails(endpoint: endpoint);

        Assert.Equal(MgwErrorCodes.InvalidEndpoint, e.Code);
        Assert.Contains(why, e.Message);
        Assert.DoesNotContain("secretvalue", e.Message + e.Value);
    }

    [Fact]
    public void ServiceHostWithoutAccount_GetsTheAccountPrefixed_AndGivesTheRegion()
    {
        ConnectResult r = Build(region: null, endpoint: "https://cn-beijing.mgw-internal.aliyuncs.com");

        Assert.Equal(new Uri("https://1234567890123456.cn-beijing.mgw-internal.aliyuncs.com"), r.Context.Endpoint);
        Assert.Equal("cn-beijing", r.Context.Region);
    }

    [Fact]
    public void ServiceHostWithAccount_GivesTheAccount()
    {
        ConnectResult r = Build(account: null, region: null, endpoint: "https://1234567890123456.cn-shenzhen.mgw.aliyuncs.com");

        Assert.Equal(Account, r.Context.AccountId);
        Assert.Equal("cn-shenzhen", r.Context.Region);
    }

    [Fact]
    public void ServiceHostOfAnotherAccount_IsInvalidEndpoint()
    {
        MgwError e = Fails(endpoint: "https://9999999999999999.cn-hangzhou.mgw.aliyuncs.com");

        Assert.Equal(MgwErrorCodes.InvalidEndpoint, e.Code);
        Assert.Contains("belongs to account 9999999999999999, but the account ID is 1234567890123456", e.Message);
    }

    [Fact]
    public void RegionDifferentFromTheEndpointHost_IsAWarning()
    {
        ConnectResult r = Build(region: "cn-hangzhou", endpoint: "https://cn-beijing.mgw.aliyuncs.com");

        Assert.Contains(r.Warnings, w => w.Contains("differs from the endpoint's region 'cn-beijing'"));
    }

    [Fact]
    public void AccountAndRegion_FromTheEnvironment()
    {
        _env.Set(MgwContextBuilder.AccountIdVariable, "1111222233334444").Set(MgwContextBuilder.RegionVariable, "eu-central-1");

        ConnectResult r = Build(account: null, region: null);

        Assert.Equal("1111222233334444", r.Context.AccountId);
        Assert.Equal("eu-central-1", r.Context.Region);
        Assert.Contains(r.Trail, l => l == "The region 'eu-central-1' comes from ALIBABA_CLOUD_REGION_ID.");
    }

    [Fact]
    public void Parameters_BeatTheEnvironment()
    {
        _env.Set(MgwContextBuilder.AccountIdVariable, "1111222233334444").Set(MgwContextBuilder.RegionVariable, "eu-central-1");

        MgwContext c = Build().Context;

        Assert.Equal(Account, c.AccountId);
        Assert.Equal("cn-hangzhou", c.Region);
    }

    [Fact]
    public void Region_FromTheProfile_WhenNothingElseGivesOne()
    {
        _env.WriteConfigJson("""{"current":"p","profiles":[{"name":"p","mode":"AK","access_key_id":"LTAIprofile000000001","access_key_secret":"x1234567","region_id":"ap-southeast-1"}]}""");

        ConnectResult r = MgwContextBuilder.Build(new ConnectRequest { AccountId = Account }, _env);

        Assert.Equal("ap-southeast-1", r.Context.Region);
        Assert.Equal("Profile:p", r.Context.CredentialSource);
    }

    [Fact]
    public void MissingAccount_IsMissingAccountId()
    {
        MgwError e = Fails(account: null);

        Assert.Equal(MgwErrorCodes.MissingAccountId, e.Code);
        Assert.Contains("ALIBABA_CLOUD_ACCOUNT_ID", e.Message);
    }

    [Fact]
    public void NonNumericAccount_IsInvalidAccountId() =>
        Assert.Equal(MgwErrorCodes.InvalidAccountId, Fails(account: "my-account").Code);

    [Fact]
    public void MissingRegion_IsMissingRegion() =>
        Assert.Equal(MgwErrorCodes.MissingRegion, Fails(region: null).Code);

    [Fact]
    public void MalformedRegion_IsInvalidRegion() =>
        Assert.Equal(MgwErrorCodes.InvalidRegion, Fails(region: "cn hangzhou").Code);

    [Fact]
    public void UnknownRegion_IsAccepted_WithAWarning()
    {
        ConnectResult r = Build(region: "CN-Guangzhou");

        Assert.Equal("cn-guangzhou", r.Context.Region);
        Assert.Contains(r.Warnings, w => w.StartsWith("Region 'cn-guangzhou' is not one of the regions"));
    }

    [Theory]
    [InlineData("Asia/Shanghai")]
    [InlineData("China Standard Time")]
    [InlineData("UTC")]
    public void TimeZone_WindowsOrIana_IsKept(string id) =>
        Assert.Equal(id, Build(timeZone: id).Context.ScheduleTimeZone);

    [Fact]
    public void TimeZone_Unknown_IsInvalidTimeZone()
    {
        MgwError e = Fails(timeZone: "Mars/Olympus_Mons");

        Assert.Equal(MgwErrorCodes.InvalidTimeZone, e.Code);
        Assert.StartsWith("'Mars/Olympus_Mons' is not a time zone this system knows.", e.Message);
    }

    [Fact]
    public void Context_ShowsNoSecret_InToStringOrJson()
    {
        MgwContext c = Build().Context;
        string json = System.Text.Json.JsonSerializer.Serialize(c);

        foreach (string text in new[] { c.ToString(), json })
        {
            Assert.DoesNotContain(Secret, text);
            Assert.DoesNotContain(Token, text);
            Assert.DoesNotContain("LTAI5tBuilderKey0001", text);
        }

        Assert.Equal("1234567890123456 in cn-hangzhou at https://1234567890123456.cn-hangzhou.mgw.aliyuncs.com/ as LTAI*************001 (Explicit)", c.ToString());
    }

    [Fact]
    public void Regions_AreTheElevenOfTheEndpointTable_ThenUsWest1()
    {
        Assert.Equal(12, MgwRegions.All.Count);
        Assert.Equal("China (Ulanqab)", MgwRegions.Find("CN-WULANCHABU")!.Name);
        Assert.Equal("us-west-1", MgwRegions.All[11].Id);
        Assert.Equal("US (Silicon Valley)", MgwRegions.Find("us-west-1")!.Name);
        Assert.Null(MgwRegions.Find("cn-guangzhou"));
    }

    [Fact]
    public void UsWest1_IsKnown_WithoutAWarning()
    {
        ConnectResult r = Build(region: "us-west-1");

        Assert.Equal(new Uri("https://1234567890123456.us-west-1.mgw.aliyuncs.com"), r.Context.Endpoint);
        Assert.Empty(r.Warnings);
    }

    [Theory]
    [InlineData(64)]
    [InlineData(33)]
    [InlineData(100000)]
    public void Region_LongerThan32_IsInvalidRegion_NotAUriError(int length)
    {
        MgwError e = Fails(region: new string('a', length));

        Assert.Equal(MgwErrorCodes.InvalidRegion, e.Code);
        Assert.Equal("Region", e.Field);
        Assert.Contains("is not a region id: use lower-case letters, digits and hyphens, at most 32 characters, e.g. cn-hangzhou.", e.Message);
        Assert.True(e.Message.Length < 300);
    }

    [Theory]
    [InlineData("a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-p0")]  // 32: the most
    [InlineData("us-west-1")]
    [InlineData("CN-Hangzhou")]
    public void Region_WellFormed_IsAccepted(string region) =>
        Assert.Equal(region.ToLowerInvariant(), Build(region: region).Context.Region);

    [Theory]
    [InlineData("cn--hangzhou")]
    [InlineData("-cn")]
    [InlineData("cn-")]
    [InlineData("cn_hangzhou")]
    [InlineData("cn-hangzhou\u0000")]
    [InlineData("cn-\u202Ehangzhou")]
    public void Region_Malformed_IsInvalidRegion_Escaped(string region)
    {
        MgwError e = Fails(region: region);

        Assert.Equal(MgwErrorCodes.InvalidRegion, e.Code);
        Assert.DoesNotContain(e.Message, c => c is '\0' or '\u202E');
        Assert.False(MgwRegions.IsWellFormedId(region));
    }

    [Fact]
    public void Region_FromTheEnvironment_NamesTheVariable()
    {
        _env.Set(MgwContextBuilder.RegionVariable, new string('r', 64));

        MgwError e = Fails(region: null);

        Assert.Equal(MgwErrorCodes.InvalidRegion, e.Code);
        Assert.StartsWith($"'{new string('r', 64)}' (from ALIBABA_CLOUD_REGION_ID) is not a region id", e.Message);
    }

    [Fact]
    public void Account_Huge_IsInvalidAccountId_WithAShortMessage()
    {
        MgwError e = Fails(account: new string('1', 100000));

        Assert.Equal(MgwErrorCodes.InvalidAccountId, e.Code);
        Assert.Contains("… (100,000 characters)' is not an Alibaba Cloud account ID", e.Message);
        Assert.True(e.Message.Length < 400);
    }

    [Fact]
    public void Account_FromTheEnvironment_NamesTheVariable()
    {
        _env.Set(MgwContextBuilder.AccountIdVariable, "12345\u001b[31m");

        MgwError e = Fails(account: null);

        Assert.Equal(MgwErrorCodes.InvalidAccountId, e.Code);
        Assert.StartsWith("'12345\\u001B[31m' (from ALIBABA_CLOUD_ACCOUNT_ID) is not an Alibaba Cloud account ID", e.Message);
    }

    [Theory]
    [InlineData("America")]        // a folder of the zone database: SecurityException on Linux
    [InlineData("UTC/")]
    [InlineData("leapseconds")]
    [InlineData("Europe/Berlin\u0000")]
    public void TimeZone_Junk_IsInvalidTimeZone_NeverARawException(string id)
    {
        MgwError e = Fails(timeZone: id);

        Assert.Equal(MgwErrorCodes.InvalidTimeZone, e.Code);
        Assert.Equal("ScheduleTimeZone", e.Field);
        Assert.Contains("is not a time zone this system knows", e.Message);
        Assert.DoesNotContain('\0', e.Message);
    }

    [Fact]
    public void TimeZone_Huge_IsInvalidTimeZone_WithAShortMessage()
    {
        MgwError e = Fails(timeZone: new string('z', 100000));

        Assert.Equal(MgwErrorCodes.InvalidTimeZone, e.Code);
        Assert.Contains("… (100,000 characters)' is not a time zone this system knows", e.Message);
        Assert.True(e.Message.Length < 400);
    }

    [Fact]
    public void ServiceHostNamingAnOverlongRegion_IsInvalidEndpoint()
    {
        string endpoint = "https://" + new string('a', 70) + ".mgw.aliyuncs.com";

        MgwError e = Fails(endpoint: endpoint);

        Assert.Equal(MgwErrorCodes.InvalidEndpoint, e.Code);
        Assert.Equal("Endpoint", e.Field);
        Assert.Contains("which is not a region id: use lower-case letters, digits and hyphens, at most 32 characters", e.Message);
    }

    [Theory]
    [InlineData("https://cn-hangzhou.mgw.aliyuncs.com:8443", "https://1234567890123456.cn-hangzhou.mgw.aliyuncs.com:8443/")]
    [InlineData("https://[fe80::1%25eth0]:8443", null)]
    [InlineData("http://[::1]:5000", "http://[::1]:5000/")]
    [InlineData("https://example.invalid:65535", "https://example.invalid:65535/")]
    public void Endpoint_PortsAndIpv6_AreKept(string endpoint, string? expected)
    {
        MgwContext c = Build(endpoint: endpoint).Context;

        if (expected is null)
        {
            // An IPv6 zone index survives: it is part of the address.
            Assert.Equal(new Uri(endpoint), c.Endpoint);
            Assert.Equal(8443, c.Endpoint.Port);
            return;
        }

        Assert.Equal(expected, c.Endpoint.ToString());
    }

    [Fact]
    public void Credentials_ByProfileFile_AreCheckedBeforeTheContextIsBuilt()
    {
        _env.WriteConfigJson("""{ "current": "p", "profiles": [ { "name": "p", "mode": "AK", "access_key_id": "LTAI\r\nX-Injected: 1", "access_key_secret": "BuilderSecret000000000000000001" } ] }""");

        var e = Assert.Throws<MgwException>(() => MgwContextBuilder.Build(new ConnectRequest { AccountId = Account, Region = "cn-hangzhou" }, _env));

        Assert.Equal(MgwErrorCodes.InvalidCredentialValue, e.Error.Code);
        Assert.StartsWith("The AccessKey ID from access_key_id of profile 'p' in '", e.Message);
        Assert.DoesNotContain("X-Injected", e.ToString());
        Assert.DoesNotContain(Secret, e.ToString());
    }
}
