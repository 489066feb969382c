using System;
using MgwTools.Core.Credentials;

namespace MgwTools.Core.Tests;

public sealed class CredentialChainTests : IDisposable
{
    // Every secret and token below must never appear in a message, a trail line or ToString().
    private const string ExplicitSecret = "ExplicitSecret0000000000000001";
    private const string EnvSecret = "EnvSecret000000000000000000002";
    private const string EnvToken = "EnvToken0000000000000000000003";
    private const string ProfileSecret = "ProfileSecret00000000000000004";
    private const string ProdSecret = "ProdSecret00000000000000000005";
    private const string StsSecret = "StsSecret000000000000000000006";
    private const string StsToken = "StsToken00000000000000000000007";
    private const string IniSecret = "IniSecret000000000000000000008";
    private const string IniProdSecret = "IniProdSecret00000000000000009";
    private const string RoleSecret = "RoleSecret00000000000000000010";
    private static readonly string[] s_secrets =
    {
        ExplicitSecret, EnvSecret, EnvToken, ProfileSecret, ProdSecret, StsSecret, StsToken, IniSecret, IniProdSecret, RoleSecret,
    };

    private const string ConfigJson = """
        {
          "current": "default",
          "profiles": [
            { "name": "default", "mode": "AK", "access_key_id": "LTAIprofileDefault01", "access_key_secret": "ProfileSecret00000000000000004", "region_id": "cn-shanghai" },
            { "name": "prod", "mode": "AK", "access_key_id": "LTAIprofileProd00002", "access_key_secret": "ProdSecret00000000000000000005", "region_id": "cn-beijing" },
            { "name": "sts", "mode": "StsToken", "access_key_id": "STS.profileSts00003", "access_key_secret": "StsSecret000000000000000000006", "sts_token": "StsToken00000000000000000000007" },
            { "name": "role", "mode": "RamRoleArn", "access_key_id": "LTAIprofileRole00004", "access_key_secret": "RoleSecret00000000000000000010", "ram_role_arn": "acs:ram::1:role/x" },
            { "name": "ecs", "mode": "EcsRamRole", "ram_role_name": "r" },
            { "name": "empty", "mode": "AK", "access_key_id": "", "access_key_secret": "" }
          ]
        }
        """;

    private const string Ini = """
        ; credentials for the tests
        [default]
        type = access_key
        access_key_id = LTAIiniDefault000001
        access_key_secret = IniSecret000000000000000000008

        # a second section
        [prod]
        type = access_key
        access_key_id = LTAIiniProd000000002
        access_key_secret = "IniProdSecret00000000000000009"

        [ecs]
        type = ecs_ram_role
        role_name = EcsRole
        """;

    private readonly FakeEnvironment _env = new();

    public void Dispose() => _env.Dispose();

    private CredentialResolution Resolve(MgwCredentials? explicitCredentials = null, string? profile = null)
    {
        CredentialResolution result = new CredentialChain(_env).Resolve(explicitCredentials, profile);
        AssertNoSecret(string.Join("\n", result.Trail) + result.Credentials);
        return result;
    }

    private MgwError Fails(MgwCredentials? explicitCredentials = null, string? profile = null)
    {
        var e = Assert.Throws<MgwException>(() => new CredentialChain(_env).Resolve(explicitCredentials, profile));
        AssertNoSecret(e.ToString() + e.Error);
        return e.Error;
    }

    private static void AssertNoSecret(string text)
    {
        foreach (string secret in s_secrets)
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    private void SetEnvKeys(bool withToken = false)
    {
        _env.Set(CredentialChain.AccessKeyIdVariable, "LTAIenvironment00001").Set(CredentialChain.AccessKeySecretVariable, EnvSecret);
        if (withToken) _env.Set(CredentialChain.SecurityTokenVariable, EnvToken);
    }

    [Fact]
    public void Explicit_BeatsEverything()
    {
        SetEnvKeys();
        _env.WriteConfigJson(ConfigJson);
        _env.WriteIni(Ini);

        CredentialResolution r = Resolve(new MgwCredentials("LTAIexplicit00000001", ExplicitSecret, null, "Explicit"));

        Assert.Equal("Explicit", r.Credentials.Source);
        Assert.Equal(ExplicitSecret, r.Credentials.AccessKeySecret);
        Assert.Null(r.RegionId);
    }

    [Fact]
    public void Environment_BeatsConfigJsonAndIni_AndCarriesTheToken()
    {
        SetEnvKeys(withToken: true);
        _env.WriteConfigJson(ConfigJson);
        _env.WriteIni(Ini);

        CredentialResolution r = Resolve();

        Assert.Equal("Environment", r.Credentials.Source);
        Assert.Equal("LTAIenvironment00001", r.Credentials.AccessKeyId);
        Assert.Equal(EnvSecret, r.Credentials.AccessKeySecret);
        Assert.Equal(EnvToken, r.Credentials.SecurityToken);
        Assert.Contains(r.Trail, l => l.Contains("LTAI*************001") && l.Contains("STS token"));
    }

    [Fact]
    public void Environment_WithOnlyTheId_IsSkippedWithANote()
    {
        _env.Set(CredentialChain.AccessKeyIdVariable, "LTAIenvironment00001");
        _env.WriteIni(Ini);

        CredentialResolution r = Resolve();

        Assert.Equal("CredentialsFile:default", r.Credentials.Source);
        Assert.Contains(r.Trail, l => l.Contains("ALIBABA_CLOUD_ACCESS_KEY_ID is set but ALIBABA_CLOUD_ACCESS_KEY_SECRET is not"));
    }

    [Fact]
    public void ConfigJson_CurrentProfile_BeatsIni_AndGivesItsRegion()
    {
        _env.WriteConfigJson(ConfigJson);
        _env.WriteIni(Ini);

        CredentialResolution r = Resolve();

        Assert.Equal("Profile:default", r.Credentials.Source);
        Assert.Equal("LTAIprofileDefault01", r.Credentials.AccessKeyId);
        Assert.Equal(ProfileSecret, r.Credentials.AccessKeySecret);
        Assert.Null(r.Credentials.SecurityToken);
        Assert.Equal("cn-shanghai", r.RegionId);
    }

    [Fact]
    public void ConfigJson_ProfileVariable_BeatsCurrent()
    {
        _env.WriteConfigJson(ConfigJson);
        _env.Set(CredentialChain.ProfileVariable, "prod");

        CredentialResolution r = Resolve();

        Assert.Equal("Profile:prod", r.Credentials.Source);
        Assert.Equal(ProdSecret, r.Credentials.AccessKeySecret);
        Assert.Equal("cn-beijing", r.RegionId);
    }

    [Fact]
    public void NamedProfile_BeatsEnvironmentAndProfileVariable()
    {
        SetEnvKeys();
        _env.Set(CredentialChain.ProfileVariable, "default");
        _env.WriteConfigJson(ConfigJson);

        CredentialResolution r = Resolve(profile: "prod");

        Assert.Equal("Profile:prod", r.Credentials.Source);
        Assert.Equal("LTAIprofileProd00002", r.Credentials.AccessKeyId);
    }

    [Fact]
    public void StsTokenMode_CarriesTheToken()
    {
        _env.WriteConfigJson(ConfigJson);

        CredentialResolution r = Resolve(profile: "sts");

        Assert.Equal(StsSecret, r.Credentials.AccessKeySecret);
        Assert.Equal(StsToken, r.Credentials.SecurityToken);
        Assert.True(r.Credentials.HasSecurityToken);
    }

    [Theory]
    [InlineData("role", "RamRoleArn")]
    [InlineData("ecs", "EcsRamRole")]
    public void UnsupportedMode_ErrorsNamingModeAndProfile(string profile, string mode)
    {
        string path = _env.WriteConfigJson(ConfigJson);

        MgwError named = Fails(profile: profile);
        _env.Set(CredentialChain.ProfileVariable, profile);
        MgwError chained = Fails();

        foreach (MgwError e in new[] { named, chained })
        {
            Assert.Equal(MgwErrorCodes.UnsupportedProfileMode, e.Code);
            Assert.Contains($"Profile '{profile}'", e.Message);
            Assert.Contains($"mode '{mode}'", e.Message);
            Assert.Contains(path, e.Message);
            Assert.Contains("AK and StsToken", e.Message);
        }
    }

    [Fact]
    public void UnsupportedMode_StopsTheChain_RatherThanFallingThroughToTheIni()
    {
        _env.WriteConfigJson(ConfigJson.Replace("\"current\": \"default\"", "\"current\": \"role\""));
        _env.WriteIni(Ini);

        Assert.Equal(MgwErrorCodes.UnsupportedProfileMode, Fails().Code);
    }

    [Fact]
    public void ProfileDisabled_SkipsConfigJson()
    {
        _env.WriteConfigJson(ConfigJson);
        _env.WriteIni(Ini);
        _env.Set(CredentialChain.ProfileDisabledVariable, "true");

        CredentialResolution r = Resolve();

        Assert.Equal("CredentialsFile:default", r.Credentials.Source);
        Assert.Contains(r.Trail, l => l.Contains("ALIBABA_CLOUD_CLI_PROFILE_DISABLED"));
    }

    [Fact]
    public void EmptyCurrentProfile_IsSkipped_AndTheIniIsUsed()
    {
        _env.WriteConfigJson(ConfigJson.Replace("\"current\": \"default\"", "\"current\": \"empty\""));
        _env.WriteIni(Ini);

        CredentialResolution r = Resolve();

        Assert.Equal("CredentialsFile:default", r.Credentials.Source);
        Assert.Contains(r.Trail, l => l.Contains("profile 'empty'") && l.Contains("lacks a key"));
    }

    [Fact]
    public void NamedProfile_Missing_IsProfileNotFound_ListingTheProfiles()
    {
        string path = _env.WriteConfigJson(ConfigJson);

        MgwError e = Fails(profile: "nope");

        Assert.Equal(MgwErrorCodes.ProfileNotFound, e.Code);
        Assert.Equal($"There is no profile 'nope' in '{path}'. Profiles there: 'default', 'prod', 'sts', 'role', 'ecs', 'empty'.", e.Message);
    }

    [Fact]
    public void NamedProfile_WithoutConfigFile_IsProfileNotFound()
    {
        MgwError e = Fails(profile: "prod");

        Assert.Equal(MgwErrorCodes.ProfileNotFound, e.Code);
        Assert.Contains("does not exist", e.Message);
    }

    [Fact]
    public void NamedProfile_Incomplete_IsIncompleteProfile()
    {
        _env.WriteConfigJson(ConfigJson);

        MgwError e = Fails(profile: "empty");

        Assert.Equal(MgwErrorCodes.IncompleteProfile, e.Code);
        Assert.Contains("mode AK needs access_key_id and access_key_secret", e.Message);
    }

    [Fact]
    public void ConfigJson_NotJson_IsInvalidCredentialsFile_WithoutQuotingIt()
    {
        _env.WriteConfigJson("{ \"profiles\": [ { \"access_key_secret\": \"" + ProfileSecret + "\" ");

        MgwError e = Fails();

        Assert.Equal(MgwErrorCodes.InvalidCredentialsFile, e.Code);
        Assert.Contains("is not valid JSON (line", e.Message);
    }

    [Fact]
    public void Ini_DefaultSection()
    {
        _env.WriteIni(Ini);

        CredentialResolution r = Resolve();

        Assert.Equal("CredentialsFile:default", r.Credentials.Source);
        Assert.Equal("LTAIiniDefault000001", r.Credentials.AccessKeyId);
        Assert.Equal(IniSecret, r.Credentials.AccessKeySecret);
    }

    [Fact]
    public void Ini_NamedSection_FromProfileVariable_QuotedValue()
    {
        _env.WriteIni(Ini);
        _env.Set(CredentialChain.ProfileVariable, "prod");

        CredentialResolution r = Resolve();

        Assert.Equal("CredentialsFile:prod", r.Credentials.Source);
        Assert.Equal(IniProdSecret, r.Credentials.AccessKeySecret);
    }

    [Fact]
    public void Ini_PathFromVariable()
    {
        string path = _env.WriteIni(Ini, System.IO.Path.Combine(_env.HomeDirectory, "elsewhere", "my.ini"));
        _env.Set(CredentialChain.CredentialsFileVariable, path);

        CredentialResolution r = Resolve();

        Assert.Equal("LTAIiniDefault000001", r.Credentials.AccessKeyId);
        Assert.Contains(r.Trail, l => l.Contains(path));
    }

    [Fact]
    public void Ini_UnsupportedType_ErrorsNamingTypeAndSection()
    {
        string path = _env.WriteIni(Ini);
        _env.Set(CredentialChain.ProfileVariable, "ecs");

        MgwError e = Fails();

        Assert.Equal(MgwErrorCodes.UnsupportedProfileMode, e.Code);
        Assert.Contains("Section [ecs]", e.Message);
        Assert.Contains("type 'ecs_ram_role'", e.Message);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void NothingFound_IsNoCredentials_ListingEverySourceTried()
    {
        _env.Set(CredentialChain.ProfileVariable, "prod");
        _env.WriteConfigJson("""{ "current": "default", "profiles": [] }""");

        MgwError e = Fails();

        Assert.Equal(MgwErrorCodes.NoCredentials, e.Code);
        Assert.StartsWith("No Alibaba Cloud credentials were found. Tried, in order: Parameters: none given.", e.Message);
        Assert.Contains("Environment: ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET are not set.", e.Message);
        Assert.Contains("has no profile 'prod' (named by ALIBABA_CLOUD_PROFILE)", e.Message);
        Assert.Contains("credentials.ini' does not exist.", e.Message);
    }

    [Fact]
    public void NoSecretInAnyErrorOfAnySource()
    {
        // Fails() already asserts this per error; here every error path runs once more with all secrets in play.
        SetEnvKeys(withToken: true);
        _env.WriteConfigJson(ConfigJson);
        _env.WriteIni(Ini);
        foreach (string profile in new[] { "role", "ecs", "empty", "nope" })
        {
            Fails(profile: profile);
        }

        _env.Variables.Remove(CredentialChain.AccessKeyIdVariable);
        _env.Set(CredentialChain.ProfileVariable, "ecs");
        Fails();
    }

    // A value that must never appear in any message: it carries a header of the sender's choosing.
    private const string Injected = "X-Injected-0000000000000011: yes";

    private MgwError FailsWithInvalidValue(MgwCredentials? explicitCredentials = null, string? profile = null)
    {
        MgwError e = Fails(explicitCredentials, profile);
        Assert.Equal(MgwErrorCodes.InvalidCredentialValue, e.Code);
        Assert.Equal("Credential", e.Field);
        Assert.Null(e.Value);
        Assert.DoesNotContain("X-Injected", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("The value is not shown.", e.Message, StringComparison.Ordinal);
        return e;
    }

    [Theory]
    [InlineData(CredentialChain.AccessKeyIdVariable, "LTAIenvironment00001\r\n" + Injected, "The AccessKey ID from the environment variable ALIBABA_CLOUD_ACCESS_KEY_ID cannot be used: it holds a line break (CR or LF) at position 21 of ")]
    [InlineData(CredentialChain.SecurityTokenVariable, "token\n" + Injected, "The STS token from the environment variable ALIBABA_CLOUD_SECURITY_TOKEN cannot be used: it holds a line break (CR or LF) at position 6 of ")]
    [InlineData(CredentialChain.AccessKeyIdVariable, "LTAI env", "it holds a space at position 5 of 8; an AccessKey ID is at most 128 visible ASCII characters")]
    [InlineData(CredentialChain.AccessKeyIdVariable, "LTAIé", "it holds a character outside ASCII at position 5 of 5")]
    [InlineData(CredentialChain.SecurityTokenVariable, "tok\u0000en", "it holds a control character (U+0000) at position 4 of 6")]
    [InlineData(CredentialChain.AccessKeySecretVariable, "EnvSecret\r\n" + Injected, "The AccessKey secret from the environment variable ALIBABA_CLOUD_ACCESS_KEY_SECRET cannot be used: it holds a line break (CR or LF). Copy the secret again without it.")]
    public void Environment_HostileValue_IsInvalidCredentialValue_NamingTheVariable(string variable, string value, string expected)
    {
        SetEnvKeys(withToken: true);
        _env.Set(variable, value);
        _env.WriteIni(Ini); // present, but the chain must stop at the bad source rather than fall through

        MgwError e = FailsWithInvalidValue();

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CredentialChain.AccessKeyIdVariable, 128, false)]
    [InlineData(CredentialChain.AccessKeyIdVariable, 129, true)]
    [InlineData(CredentialChain.SecurityTokenVariable, 8192, false)]
    [InlineData(CredentialChain.SecurityTokenVariable, 8193, true)]
    [InlineData(CredentialChain.AccessKeySecretVariable, 8192, false)]
    [InlineData(CredentialChain.AccessKeySecretVariable, 8193, true)]
    public void Environment_Lengths_AreBounded(string variable, int length, bool refused)
    {
        SetEnvKeys(withToken: true);
        _env.Set(variable, new string('A', length));

        if (!refused)
        {
            Assert.Equal("Environment", Resolve().Credentials.Source);
            return;
        }

        MgwError e = FailsWithInvalidValue();
        Assert.Contains($"from the environment variable {variable} cannot be used", e.Message, StringComparison.Ordinal);
        Assert.Contains(variable == CredentialChain.AccessKeyIdVariable ? "at most 128" : "8,192", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AAAAAAAA", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("access_key_id", "LTAIprofile\r\nX-Injected: 1", "The AccessKey ID from access_key_id of profile 'dev' in '")]
    [InlineData("sts_token", "tok\nX-Injected: 1", "The STS token from sts_token of profile 'dev' in '")]
    [InlineData("access_key_secret", "sec\u0007ret", "The AccessKey secret from access_key_secret of profile 'dev' in '")]
    public void ConfigJson_HostileValue_NamesTheFileAndProfile(string key, string value, string expected)
    {
        var profile = new System.Collections.Generic.Dictionary<string, string>
        {
            ["name"] = "dev", ["mode"] = "StsToken", ["access_key_id"] = "STS.profileDev00001",
            ["access_key_secret"] = StsSecret, ["sts_token"] = StsToken,
        };
        profile[key] = value;
        string path = _env.WriteConfigJson(System.Text.Json.JsonSerializer.Serialize(new { current = "dev", profiles = new[] { profile } }));

        // Both ways in: the chain's current profile and -ProfileName.
        foreach (string? named in new[] { null, "dev" })
        {
            MgwError e = FailsWithInvalidValue(profile: named);
            Assert.Contains(expected + path + "' cannot be used", e.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("access_key_id", "LTAI\tini", "The AccessKey ID from access_key_id of section [default] in '", "a control character (U+0009) at position 5 of 8")]
    [InlineData("access_key_id", "LTAI ini", "The AccessKey ID from access_key_id of section [default] in '", "a space at position 5 of 8")]
    [InlineData("access_key_secret", "sec\u0001ret", "The AccessKey secret from access_key_secret of section [default] in '", "a control character (U+0001)")]
    public void Ini_HostileValue_NamesTheFileAndSection(string key, string value, string expected, string why)
    {
        string path = _env.WriteIni($"[default]\n{(key == "access_key_id" ? "" : "access_key_id = LTAIiniDefault000001\n")}{(key == "access_key_secret" ? "" : "access_key_secret = " + IniSecret + "\n")}{key} = {value}\n");

        MgwError e = FailsWithInvalidValue();

        Assert.Contains(expected + path + "' cannot be used", e.Message, StringComparison.Ordinal);
        Assert.Contains(why, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Explicit_HostileValue_IsRefusedWhenTheCredentialsAreBuilt()
    {
        var e = Assert.Throws<MgwException>(() => new MgwCredentials("LTAIexplicit\r\n" + Injected, ExplicitSecret, null, "Explicit"));

        Assert.Equal(MgwErrorCodes.InvalidCredentialValue, e.Error.Code);
        Assert.StartsWith("The AccessKey ID from the Explicit credentials cannot be used: it holds a line break", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Injected", e.ToString(), StringComparison.Ordinal);
        Assert.Throws<MgwException>(() => new MgwCredentials("LTAIexplicit00000001", ExplicitSecret, "token\r\n" + Injected, "Explicit"));
        Assert.Throws<MgwException>(() => new MgwCredentials("LTAIexplicit00000001", ExplicitSecret + "\n", null, "Explicit"));
    }

    [Fact]
    public void ProfileFiles_LargerThanOneMebibyte_AreInvalidCredentialsFile()
    {
        string json = _env.WriteConfigJson("{ \"current\": \"default\", \"profiles\": [] }" + new string(' ', 1024 * 1024));
        MgwError e = Fails();
        Assert.Equal(MgwErrorCodes.InvalidCredentialsFile, e.Code);
        Assert.Contains($"'{json}' cannot be used: it is larger than 1 MiB", e.Message, StringComparison.Ordinal);

        System.IO.File.Delete(json);
        string ini = _env.WriteIni("[default]\n" + new string(';', 1024 * 1024));
        e = Fails();
        Assert.Equal(MgwErrorCodes.InvalidCredentialsFile, e.Code);
        Assert.Contains($"'{ini}' cannot be used: it is larger than 1 MiB", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NamedProfile_HostileName_IsShownEscapedAndCut()
    {
        _env.WriteConfigJson(ConfigJson);

        MgwError e = Fails(profile: "evil\u001b[2J" + new string('p', 100000));

        Assert.Equal(MgwErrorCodes.ProfileNotFound, e.Code);
        Assert.StartsWith("There is no profile 'evil\\u001B[2Jppp", e.Message, StringComparison.Ordinal);
        Assert.Contains("(100,008 characters)'", e.Message, StringComparison.Ordinal);
        Assert.True(e.Message.Length < 1000);
    }
}
