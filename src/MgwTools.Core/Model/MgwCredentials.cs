using System;

namespace MgwTools;

/// <summary>
/// An AccessKey pair (and STS token) with where it came from. The secret and token are internal:
/// PowerShell formatting, <c>ConvertTo-Json</c> and <see cref="ToString"/> only see public members,
/// so neither can reach an output stream by accident.
/// </summary>
public sealed class MgwCredentials
{
    /// <summary>Creates credentials; <paramref name="source"/> says where they were found.</summary>
    /// <exception cref="MgwException">
    /// <see cref="MgwErrorCodes.InvalidCredentialValue"/> when a value breaks
    /// <see cref="Core.Credentials.CredentialRules"/> (a CR or LF in the ID or token, for one); the value is not shown.
    /// </exception>
    public MgwCredentials(string accessKeyId, string accessKeySecret, string? securityToken, string source)
        : this(accessKeyId, accessKeySecret, securityToken, source, check: true)
    {
    }

    private MgwCredentials(string accessKeyId, string accessKeySecret, string? securityToken, string source, bool check)
    {
        if (string.IsNullOrEmpty(accessKeyId)) throw new ArgumentException("An AccessKey ID is required.", nameof(accessKeyId));
        if (string.IsNullOrEmpty(accessKeySecret)) throw new ArgumentException("An AccessKey secret is required.", nameof(accessKeySecret));
        if (check)
        {
            Core.Credentials.CredentialRules.Check(accessKeyId, accessKeySecret, securityToken,
                Core.Credentials.CredentialSources.All($"the {source} credentials"), "Credential");
        }

        AccessKeyId = accessKeyId;
        AccessKeySecret = accessKeySecret;
        SecurityToken = string.IsNullOrEmpty(securityToken) ? null : securityToken;
        Source = source;
    }

    /// <summary>
    /// Credentials that skip <see cref="Core.Credentials.CredentialRules"/>: only for tests of the client's own last line
    /// of defence (it refuses to put such values into a header), which no public path can reach any more.
    /// </summary>
    internal static MgwCredentials Unchecked(string accessKeyId, string accessKeySecret, string? securityToken, string source) =>
        new(accessKeyId, accessKeySecret, securityToken, source, check: false);

    /// <summary>The AccessKey ID (not a secret, but shown masked in contexts).</summary>
    public string AccessKeyId { get; }

    /// <summary>Where the credentials came from: Explicit, Environment, Profile:&lt;name&gt;, CredentialsFile:&lt;section&gt;, Emulator.</summary>
    public string Source { get; }

    /// <summary>True for STS credentials.</summary>
    public bool HasSecurityToken => SecurityToken is not null;

    /// <summary>The ID with all but its first 4 and last 3 characters masked.</summary>
    public string MaskedAccessKeyId => Mask(AccessKeyId);

    internal string AccessKeySecret { get; }

    internal string? SecurityToken { get; }

    /// <summary>Masks an identifier for display.</summary>
    public static string Mask(string value) =>
        value.Length <= 8 ? new string('*', value.Length) : value.Substring(0, 4) + new string('*', value.Length - 7) + value.Substring(value.Length - 3);

    /// <inheritdoc />
    public override string ToString() => $"{MaskedAccessKeyId} ({Source})";
}
