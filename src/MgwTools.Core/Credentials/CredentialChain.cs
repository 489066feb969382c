using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace MgwTools.Core.Credentials;

/// <summary>What <see cref="CredentialChain.Resolve"/> found, and how.</summary>
public sealed class CredentialResolution
{
    internal CredentialResolution(MgwCredentials credentials, string? regionId, IReadOnlyList<string> trail)
    {
        Credentials = credentials;
        RegionId = regionId;
        Trail = trail;
    }

    /// <summary>The credentials of the first source that had them.</summary>
    public MgwCredentials Credentials { get; }

    /// <summary>The <c>region_id</c> of the config.json profile that supplied them, if any.</summary>
    public string? RegionId { get; }

    /// <summary>One line per source consulted, in order (for verbose output; never holds a secret).</summary>
    public IReadOnlyList<string> Trail { get; }
}

/// <summary>
/// Finds credentials the way design §6 orders them, first found wins: explicit, the environment,
/// the aliyun CLI profile (<c>~/.aliyun/config.json</c>), the credentials file
/// (<c>~/.alibabacloud/credentials.ini</c>). A source that is absent or has no keys is skipped and
/// noted; a source that is present but cannot be used (a RAM-role profile, a file that does not
/// parse) stops the search with an error, so the chain never silently falls through to another account.
/// </summary>
public sealed class CredentialChain
{
    /// <summary>The AccessKey ID variable.</summary>
    public const string AccessKeyIdVariable = "ALIBABA_CLOUD_ACCESS_KEY_ID";
    /// <summary>The AccessKey secret variable.</summary>
    public const string AccessKeySecretVariable = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
    /// <summary>The STS token variable.</summary>
    public const string SecurityTokenVariable = "ALIBABA_CLOUD_SECURITY_TOKEN";
    /// <summary>Names the config.json profile and the credentials.ini section.</summary>
    public const string ProfileVariable = "ALIBABA_CLOUD_PROFILE";
    /// <summary>"true" skips config.json in the chain.</summary>
    public const string ProfileDisabledVariable = "ALIBABA_CLOUD_CLI_PROFILE_DISABLED";
    /// <summary>Overrides the credentials.ini path.</summary>
    public const string CredentialsFileVariable = "ALIBABA_CLOUD_CREDENTIALS_FILE";

    private readonly IMgwEnvironment _environment;

    /// <summary>A chain over <paramref name="environment"/> (the process environment when null).</summary>
    public CredentialChain(IMgwEnvironment? environment = null)
    {
        _environment = environment ?? ProcessEnvironment.Instance;
    }

    /// <summary>
    /// Resolves credentials. <paramref name="explicitCredentials"/> wins outright. A
    /// <paramref name="profileName"/> means "this config.json profile and nothing else". Otherwise the
    /// chain runs: environment, config.json (profile <c>ALIBABA_CLOUD_PROFILE</c>, else its
    /// <c>current</c>), credentials.ini (section <c>ALIBABA_CLOUD_PROFILE</c>, else <c>default</c>).
    /// </summary>
    /// <exception cref="MgwException">
    /// <see cref="MgwErrorCodes.NoCredentials"/>, <see cref="MgwErrorCodes.UnsupportedProfileMode"/>,
    /// <see cref="MgwErrorCodes.ProfileNotFound"/>, <see cref="MgwErrorCodes.IncompleteProfile"/> or
    /// <see cref="MgwErrorCodes.InvalidCredentialsFile"/>; no message ever holds a secret.
    /// </exception>
    public CredentialResolution Resolve(MgwCredentials? explicitCredentials = null, string? profileName = null)
    {
        var trail = new List<string>();
        if (explicitCredentials is not null)
        {
            trail.Add($"Parameters: AccessKey {explicitCredentials.MaskedAccessKeyId}.");
            return new CredentialResolution(explicitCredentials, null, trail);
        }

        if (!string.IsNullOrEmpty(profileName))
        {
            return FromNamedProfile(profileName!, trail);
        }

        trail.Add("Parameters: none given.");
        return FromEnvironment(trail) ?? FromConfigFile(trail) ?? FromIniFile(trail) ?? throw NoCredentials(trail);
    }

    private CredentialResolution? FromEnvironment(List<string> trail)
    {
        string? id = Variable(AccessKeyIdVariable);
        string? secret = Variable(AccessKeySecretVariable);
        if (id is null && secret is null)
        {
            trail.Add($"Environment: {AccessKeyIdVariable} and {AccessKeySecretVariable} are not set.");
            return null;
        }

        if (id is null || secret is null)
        {
            trail.Add($"Environment: {(id is null ? AccessKeySecretVariable : AccessKeyIdVariable)} is set but {(id is null ? AccessKeyIdVariable : AccessKeySecretVariable)} is not; skipped.");
            return null;
        }

        string? token = Variable(SecurityTokenVariable);
        CredentialRules.Check(id, secret, token, new CredentialSources(
            $"the environment variable {AccessKeyIdVariable}",
            $"the environment variable {AccessKeySecretVariable}",
            $"the environment variable {SecurityTokenVariable}"), "Credential");
        var credentials = new MgwCredentials(id, secret, token, "Environment");
        trail.Add($"Environment: AccessKey {credentials.MaskedAccessKeyId}{(credentials.HasSecurityToken ? " with an STS token" : "")}.");
        return new CredentialResolution(credentials, null, trail);
    }

    private CredentialResolution? FromConfigFile(List<string> trail)
    {
        if (IsTrue(Variable(ProfileDisabledVariable)))
        {
            trail.Add($"aliyun CLI profiles: skipped ({ProfileDisabledVariable} is set).");
            return null;
        }

        string? home = _environment.HomeDirectory;
        if (home is null)
        {
            trail.Add("aliyun CLI profiles: skipped (the home folder is unknown).");
            return null;
        }

        string path = AliyunConfigFile.PathUnder(home);
        AliyunConfigFile? file = AliyunConfigFile.Read(path);
        if (file is null)
        {
            trail.Add($"aliyun CLI profiles: '{Show(path)}' does not exist.");
            return null;
        }

        string? fromVariable = Variable(ProfileVariable);
        string? name = fromVariable ?? (string.IsNullOrEmpty(file.Current) ? null : file.Current);
        string why = fromVariable is not null ? $"named by {ProfileVariable}" : "the file's current profile";
        if (name is null)
        {
            trail.Add($"aliyun CLI profiles: '{Show(path)}' names no current profile and {ProfileVariable} is not set.");
            return null;
        }

        AliyunProfile? profile = file.Find(name);
        if (profile is null)
        {
            trail.Add($"aliyun CLI profiles: '{Show(path)}' has no profile '{Show(name)}' ({why}).");
            return null;
        }

        CredentialResolution? found = FromProfile(file, profile, trail, out string? missing);
        if (found is null)
        {
            trail.Add($"aliyun CLI profiles: profile '{Show(profile.Name)}' ({why}) in '{Show(path)}' {missing}; skipped.");
        }

        return found;
    }

    private CredentialResolution FromNamedProfile(string name, List<string> trail)
    {
        string? home = _environment.HomeDirectory;
        string path = home is null ? Path.Combine("~", ".aliyun", "config.json") : AliyunConfigFile.PathUnder(home);
        AliyunConfigFile? file = home is null ? null : AliyunConfigFile.Read(path);
        if (file is null)
        {
            throw Error(MgwErrorCodes.ProfileNotFound,
                $"There is no profile '{Show(name)}': the aliyun CLI profile file '{Show(path)}' does not exist. Create it with 'aliyun configure --profile {Show(name)}'.",
                name);
        }

        AliyunProfile? profile = file.Find(name);
        if (profile is null)
        {
            string names = string.Join(", ", file.Profiles.Where(p => p.Name.Length > 0).Take(20).Select(p => $"'{Show(p.Name)}'"));
            int more = file.Profiles.Count(p => p.Name.Length > 0) - 20;
            throw Error(MgwErrorCodes.ProfileNotFound,
                $"There is no profile '{Show(name)}' in '{Show(path)}'. Profiles there: {(names.Length == 0 ? "none" : names)}{(more > 0 ? $" and {more} more" : "")}.",
                name);
        }

        return FromProfile(file, profile, trail, out string? missing)
            ?? throw Error(MgwErrorCodes.IncompleteProfile,
                $"Profile '{Show(profile.Name)}' in '{Show(path)}' {missing}. Complete it with 'aliyun configure --profile {Show(profile.Name)}'.",
                name);
    }

    private static CredentialResolution? FromProfile(AliyunConfigFile file, AliyunProfile profile, List<string> trail, out string? missing)
    {
        // The aliyun CLI writes mode "AK" by default; a profile without a mode is read the same way.
        string mode = profile.Mode.Length == 0 ? "AK" : profile.Mode;
        bool sts = string.Equals(mode, "StsToken", StringComparison.OrdinalIgnoreCase);
        if (!sts && !string.Equals(mode, "AK", StringComparison.OrdinalIgnoreCase))
        {
            throw Error(MgwErrorCodes.UnsupportedProfileMode,
                $"Profile '{Show(profile.Name)}' in '{Show(file.Path)}' uses mode '{Show(profile.Mode)}', which MgwTools does not support. " +
                "Supported modes are AK and StsToken. Use an AK or StsToken profile (-ProfileName), environment variables, or -Credential.",
                profile.Name);
        }

        if (string.IsNullOrEmpty(profile.AccessKeyId) || string.IsNullOrEmpty(profile.AccessKeySecret) || (sts && string.IsNullOrEmpty(profile.StsToken)))
        {
            missing = sts
                ? "lacks a key (mode StsToken needs access_key_id, access_key_secret and sts_token)"
                : "lacks a key (mode AK needs access_key_id and access_key_secret)";
            return null;
        }

        missing = null;
        string where = $"of profile '{Show(profile.Name)}' in '{Show(file.Path)}'";
        string? token = sts ? profile.StsToken : null;
        CredentialRules.Check(profile.AccessKeyId!, profile.AccessKeySecret!, token, new CredentialSources(
            "access_key_id " + where, "access_key_secret " + where, "sts_token " + where), "Credential");
        var credentials = new MgwCredentials(profile.AccessKeyId!, profile.AccessKeySecret!, token, "Profile:" + profile.Name);
        trail.Add($"aliyun CLI profiles: profile '{Show(profile.Name)}' (mode {Show(mode)}) in '{Show(file.Path)}', AccessKey {credentials.MaskedAccessKeyId}.");
        return new CredentialResolution(credentials, string.IsNullOrEmpty(profile.RegionId) ? null : profile.RegionId, trail);
    }

    private CredentialResolution? FromIniFile(List<string> trail)
    {
        string? overridePath = Variable(CredentialsFileVariable);
        string? home = _environment.HomeDirectory;
        if (overridePath is null && home is null)
        {
            trail.Add("Credentials file: skipped (the home folder is unknown).");
            return null;
        }

        string path = overridePath ?? CredentialsIniFile.PathUnder(home!);
        CredentialsIniFile? file;
        try
        {
            file = CredentialsIniFile.Read(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Error(MgwErrorCodes.InvalidCredentialsFile, $"The credentials file '{Show(path)}' cannot be read ({e.GetType().Name}).", path);
        }

        if (file is null)
        {
            trail.Add($"Credentials file: '{Show(path)}' does not exist{(overridePath is null ? "" : $" ({CredentialsFileVariable})")}.");
            return null;
        }

        string sectionName = Variable(ProfileVariable) ?? "default";
        IReadOnlyDictionary<string, string>? section = file.Section(sectionName);
        if (section is null)
        {
            trail.Add($"Credentials file: '{Show(path)}' has no section [{Show(sectionName)}].");
            return null;
        }

        string type = section.TryGetValue("type", out string? t) && t.Length > 0 ? t : "access_key";
        if (!string.Equals(type, "access_key", StringComparison.OrdinalIgnoreCase))
        {
            throw Error(MgwErrorCodes.UnsupportedProfileMode,
                $"Section [{Show(sectionName)}] of the credentials file '{Show(path)}' has type '{Show(type)}', which MgwTools does not support. " +
                "Supported type is access_key. Use environment variables, an AK or StsToken profile, or -Credential.",
                sectionName);
        }

        section.TryGetValue("access_key_id", out string? id);
        section.TryGetValue("access_key_secret", out string? secret);
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(secret))
        {
            trail.Add($"Credentials file: section [{Show(sectionName)}] of '{Show(path)}' lacks access_key_id or access_key_secret; skipped.");
            return null;
        }

        string where = $"of section [{Show(sectionName)}] in '{Show(path)}'";
        CredentialRules.Check(id!, secret!, null, new CredentialSources(
            "access_key_id " + where, "access_key_secret " + where, "sts_token " + where), "Credential");
        var credentials = new MgwCredentials(id!, secret!, null, "CredentialsFile:" + sectionName);
        trail.Add($"Credentials file: section [{Show(sectionName)}] of '{Show(path)}', AccessKey {credentials.MaskedAccessKeyId}.");
        return new CredentialResolution(credentials, null, trail);
    }

    private string? Variable(string name)
    {
        string? value = _environment.GetVariable(name);
        return string.IsNullOrEmpty(value) ? null : value;
    }

    // Names, modes and paths come from files and variables: escaped and cut before a message shows them.
    private static string Show(string? value) => ShownText.Of(value, 128);

    private static bool IsTrue(string? value) =>
        value is not null && (string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) || value == "1");

    private static MgwException NoCredentials(List<string> trail) => Error(MgwErrorCodes.NoCredentials,
        "No Alibaba Cloud credentials were found. Tried, in order: " + string.Join(" ", trail) +
        $" Give -Credential, or -AccessKeyId with -AccessKeySecret; or set {AccessKeyIdVariable} and {AccessKeySecretVariable}; or configure a profile with 'aliyun configure'.",
        null);

    private static MgwException Error(string code, string message, object? value) =>
        new(new MgwError { Code = code, Message = message, Field = "Credential", Value = value });
}
