using System.Globalization;

namespace MgwTools.Core.Credentials;

/// <summary>
/// What an AccessKey ID, secret and STS token may hold before they reach a signed request. The ID
/// and the token travel in request headers, so a CR or LF in either would add a header of the
/// sender's choosing to every request; neither real one has anything but visible ASCII. Checked
/// where each source is read (parameters, environment, profile files) and again when
/// <see cref="MgwCredentials"/> is built. Errors (code <c>InvalidCredentialValue</c>) name the source
/// and never show the value.
/// </summary>
public static class CredentialRules
{
    /// <summary>The longest AccessKey ID accepted (real ones have 16–30 characters; STS ones about 30).</summary>
    public const int MaxAccessKeyIdLength = 128;

    /// <summary>The longest STS token accepted (real ones have about 1,000–2,000 characters).</summary>
    public const int MaxSecurityTokenLength = 8192;

    /// <summary>The longest AccessKey secret accepted (real ones have 30 characters).</summary>
    public const int MaxAccessKeySecretLength = 8192;

    /// <summary>
    /// Throws unless all three values can be used; <paramref name="from"/> names where they came
    /// from for the messages, <paramref name="field"/> is the error's field.
    /// </summary>
    /// <exception cref="MgwException"><see cref="MgwErrorCodes.InvalidCredentialValue"/>.</exception>
    internal static void Check(string accessKeyId, string accessKeySecret, string? securityToken, CredentialSources from, string field)
    {
        CheckAccessKeyId(accessKeyId, from.AccessKeyId, field);
        CheckSecret(accessKeySecret, from.AccessKeySecret, field);
        CheckSecurityToken(securityToken, from.SecurityToken, field);
    }

    /// <summary>Throws unless <paramref name="value"/> is visible ASCII of at most <see cref="MaxAccessKeyIdLength"/> characters.</summary>
    internal static void CheckAccessKeyId(string? value, string from, string field) =>
        CheckVisible(value, "AccessKey ID", MaxAccessKeyIdLength, from, field);

    /// <summary>Throws unless <paramref name="value"/> (null allowed) is visible ASCII of at most <see cref="MaxSecurityTokenLength"/> characters.</summary>
    internal static void CheckSecurityToken(string? value, string from, string field) =>
        CheckVisible(value, "STS token", MaxSecurityTokenLength, from, field);

    /// <summary>
    /// Throws when the secret holds a control or invisible formatting character or is longer than
    /// <see cref="MaxAccessKeySecretLength"/>; neither its length nor the place of the character is told.
    /// </summary>
    internal static void CheckSecret(string? value, string from, string field)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length > MaxAccessKeySecretLength)
        {
            throw Invalid(field, string.Format(
                CultureInfo.InvariantCulture,
                "The AccessKey secret from {0} cannot be used: it is longer than {1:N0} characters. The value is not shown.",
                from, MaxAccessKeySecretLength));
        }

        foreach (char c in value)
        {
            if (ShownText.IsHidden(c))
            {
                throw Invalid(field, $"The AccessKey secret from {from} cannot be used: it holds {What(c)}. Copy the secret again without it. The value is not shown.");
            }
        }
    }

    private static void CheckVisible(string? value, string what, int maxLength, string from, string field)
    {
        if (value is null)
        {
            return;
        }

        string rule = string.Format(CultureInfo.InvariantCulture, "an {0} is at most {1:N0} visible ASCII characters (letters, digits and punctuation; no spaces)", what, maxLength);
        if (value.Length > maxLength)
        {
            throw Invalid(field, string.Format(
                CultureInfo.InvariantCulture,
                "The {0} from {1} cannot be used: it has {2:N0} characters; {3}. The value is not shown.",
                what, from, value.Length, rule));
        }

        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c is < '!' or > '~')
            {
                throw Invalid(field, string.Format(
                    CultureInfo.InvariantCulture,
                    "The {0} from {1} cannot be used: it holds {2} at position {3} of {4}; {5}. The value is not shown.",
                    what, from, What(c), i + 1, value.Length, rule));
            }
        }
    }

    private static string What(char c) => c switch
    {
        '\r' or '\n' => "a line break (CR or LF)",
        ' ' => "a space",
        _ when ShownText.IsHidden(c) => string.Format(CultureInfo.InvariantCulture, "a control character (U+{0:X4})", (int)c),
        _ => "a character outside ASCII",
    };

    private static MgwException Invalid(string field, string message) => new(new MgwError
    {
        Code = MgwErrorCodes.InvalidCredentialValue,
        Severity = MgwSeverity.Error,
        Field = field,
        Message = message,
    });
}

/// <summary>Where each part of a set of credentials came from, as the messages name it.</summary>
internal readonly struct CredentialSources
{
    public CredentialSources(string accessKeyId, string accessKeySecret, string securityToken)
    {
        AccessKeyId = accessKeyId;
        AccessKeySecret = accessKeySecret;
        SecurityToken = securityToken;
    }

    /// <summary>e.g. <c>the environment variable ALIBABA_CLOUD_ACCESS_KEY_ID</c>.</summary>
    public string AccessKeyId { get; }

    /// <summary>e.g. <c>-AccessKeySecret</c>.</summary>
    public string AccessKeySecret { get; }

    /// <summary>e.g. <c>sts_token of profile 'dev' in '~/.aliyun/config.json'</c>.</summary>
    public string SecurityToken { get; }

    /// <summary>The same source for all three parts, e.g. <c>the Environment credentials</c>.</summary>
    public static CredentialSources All(string source) => new(source, source, source);
}
