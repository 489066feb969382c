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

        var credentials = new MgwCredentials(id, secret, Variable(SecurityTokenVariable), "Environment");
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
            trail.Add($"aliyun CLI profiles: '{path}' does not exist.");
            return null;
        }

        string? fromVariable = Variable(ProfileVariable);
        string? name = fromVariable ?? (string.IsNullOrEmpty(file.Current) ? null : file.Current);
        string why = fromVariable is not null ? $"named by {ProfileVariable}" : "the file's current profile";
        if (name is null)
        {
            trail.Add($"aliyun CLI profiles: '{path}' names no current profile and {ProfileVariable} is not set.");
            return null;
        }

        AliyunProfile? profile = file.Find(name);
        if (profile is null)
        {
            trail.Add($"aliyun CLI profiles: '{path}' has no profile '{name}' ({why}).");
            return null;
        }

        CredentialResolution? found = FromProfile(file, profile, trail, out string? missing);
        if (found is null)
        {
            trail.Add($"aliyun CLI profiles: profile '{profile.Name}' ({why}) in '{path}' {missing}; skipped.");
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
                $"There is no profile '{name}': the aliyun CLI profile file '{path}' does not exist. Create it with 'aliyun configure --profile {name}'.",
                name);
        }

        AliyunProfile? profile = file.Find(name);
        if (profile is null)
        {
            string names = string.Join(", ", file.Profiles.Where(p => p.Name.Length > 0).Select(p => $"'{p.Name}'"));
            throw Error(MgwErrorCodes.ProfileNotFound,
                $"There is no profile '{name}' in '{path}'. Profiles there: {(names.Length == 0 ? "none" : names)}.",
                name);
        }

        return FromProfile(file, profile, trail, out string? missing)
            ?? throw Error(MgwErrorCodes.IncompleteProfile,
                $"Profile '{profile.Name}' in '{path}' {missing}. Complete it with 'aliyun configure --profile {profile.Name}'.",
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
                $"Profile '{profile.Name}' in '{file.Path}' uses mode '{profile.Mode}', which MgwTools does not support. " +
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
        var credentials = new MgwCredentials(profile.AccessKeyId!, profile.AccessKeySecret!, sts ? profile.StsToken : null, "Profile:" + profile.Name);
        trail.Add($"aliyun CLI profiles: profile '{profile.Name}' (mode {mode}) in '{file.Path}', AccessKey {credentials.MaskedAccessKeyId}.");
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
            throw Error(MgwErrorCodes.InvalidCredentialsFile, $"The credentials file '{path}' cannot be read ({e.GetType().Name}).", path);
        }

        if (file is null)
        {
            trail.Add($"Credentials file: '{path}' does not exist{(overridePath is null ? "" : $" ({CredentialsFileVariable})")}.");
            return null;
        }

        string sectionName = Variable(ProfileVariable) ?? "default";
        IReadOnlyDictionary<string, string>? section = file.Section(sectionName);
        if (section is null)
        {
            trail.Add($"Credentials file: '{path}' has no section [{sectionName}].");
            return null;
        }

        string type = section.TryGetValue("type", out string? t) && t.Length > 0 ? t : "access_key";
        if (!string.Equals(type, "access_key", StringComparison.OrdinalIgnoreCase))
        {
            throw Error(MgwErrorCodes.UnsupportedProfileMode,
                $"Section [{sectionName}] of the credentials file '{path}' has type '{type}', which MgwTools does not support. " +
                "Supported type is access_key. Use environment variables, an AK or StsToken profile, or -Credential.",
                sectionName);
        }

        section.TryGetValue("access_key_id", out string? id);
        section.TryGetValue("access_key_secret", out string? secret);
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(secret))
        {
            trail.Add($"Credentials file: section [{sectionName}] of '{path}' lacks access_key_id or access_key_secret; skipped.");
            return null;
        }

        var credentials = new MgwCredentials(id!, secret!, null, "CredentialsFile:" + sectionName);
        trail.Add($"Credentials file: section [{sectionName}] of '{path}', AccessKey {credentials.MaskedAccessKeyId}.");
        return new CredentialResolution(credentials, null, trail);
    }

    private string? Variable(string name)
    {
        string? value = _environment.GetVariable(name);
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static bool IsTrue(string? value) =>
        value is not null && (string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) || value == "1");

    private static MgwException NoCredentials(List<string> trail) => Error(MgwErrorCodes.NoCredentials,
        "No Alibaba Cloud credentials were found. Tried, in order: " + string.Join(" ", trail) +
        $" Give -Credential, or -AccessKeyId with -AccessKeySecret; or set {AccessKeyIdVariable} and {AccessKeySecretVariable}; or configure a profile with 'aliyun configure'.",
        null);

    private static MgwException Error(string code, string message, object? value) =>
        new(new MgwError { Code = code, Message = message, Field = "Credential", Value = value });
}
