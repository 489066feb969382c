using System;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net;
using System.Security;
using MgwTools.Completers;
using MgwTools.Core.Credentials;

namespace MgwTools.Commands;

/// <summary>
/// <para type="synopsis">Sets the account, region, endpoint and credentials for this PowerShell session.</para>
/// <para type="description">Resolves credentials (explicit, environment, aliyun CLI profile, credentials
/// file), validates everything locally and stores the context for the current runspace. It calls no service.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "Mgw", DefaultParameterSetName = ChainSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(MgwContext))]
public sealed class ConnectMgwCommand : MgwCmdlet
{
    /// <summary>No credential parameter: the default credential chain.</summary>
    public const string ChainSet = "Chain";
    /// <summary>-Credential.</summary>
    public const string CredentialSet = "Credential";
    /// <summary>-AccessKeyId and -AccessKeySecret.</summary>
    public const string AccessKeySet = "AccessKey";
    /// <summary>-ProfileName.</summary>
    public const string ProfileSet = "Profile";

    #region Parameters

    /// <summary>The Alibaba Cloud account ID (the main account's numeric UID); else ALIBABA_CLOUD_ACCOUNT_ID.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string AccountId { get; set; } = "";

    /// <summary>The region id, e.g. cn-hangzhou; else the endpoint's host, ALIBABA_CLOUD_REGION_ID, or the profile's region_id.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string Region { get; set; } = "";

    /// <summary>An endpoint instead of https://&lt;AccountId&gt;.&lt;Region&gt;.mgw.aliyuncs.com; http:// only to loopback.</summary>
    [Parameter]
    [ValidateNotNull]
    public Uri? Endpoint { get; set; }

    /// <summary>The AccessKey pair: user name = AccessKey ID, password = AccessKey secret.</summary>
    [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
    [Credential]
    [ValidateNotNull]
    public PSCredential Credential { get; set; } = PSCredential.Empty;

    /// <summary>The AccessKey ID.</summary>
    [Parameter(Mandatory = true, ParameterSetName = AccessKeySet)]
    [ValidateNotNullOrEmpty]
    public string AccessKeyId { get; set; } = "";

    /// <summary>The AccessKey secret.</summary>
    [Parameter(Mandatory = true, ParameterSetName = AccessKeySet)]
    [ValidateNotNull]
    public SecureString AccessKeySecret { get; set; } = new();

    /// <summary>An STS security token, for temporary (STS) credentials.</summary>
    [Parameter(ParameterSetName = AccessKeySet)]
    [Parameter(ParameterSetName = CredentialSet)]
    [ValidateNotNull]
    public SecureString? SecurityToken { get; set; }

    /// <summary>A profile of ~/.aliyun/config.json (mode AK or StsToken) to use, and no other source.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ProfileSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    public string ProfileName { get; set; } = "";

    /// <summary>The time zone (Windows or IANA id) schedules are assumed to run in; default UTC.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TimeZoneCompleter))]
    public string ScheduleTimeZone { get; set; } = "";

    /// <summary>Returns the new context.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    #endregion

    #region Overrides

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        ConnectResult result;
        try
        {
            var request = new ConnectRequest
            {
                AccountId = NullIfEmpty(AccountId),
                Region = NullIfEmpty(Region),
                Endpoint = Endpoint,
                Credentials = ExplicitCredentials(),
                ProfileName = ParameterSetName == ProfileSet ? ProfileName : null,
                ScheduleTimeZone = NullIfEmpty(ScheduleTimeZone),
            };
            result = MgwContextBuilder.Build(request);
        }
        catch (MgwException e)
        {
            // The target is the offending value as the error states it (never an endpoint's user info).
            ThrowMgwError(e.Error, e.Error.Value);
            return;
        }

        foreach (string line in result.Trail)
        {
            WriteVerbose(line);
        }

        foreach (string warning in result.Warnings)
        {
            WriteWarning(warning);
        }

        MgwContext context = result.Context;
        if (!ShouldProcess($"account '{context.AccountId}' in region '{context.Region}' as {context.AccessKeyId} ({context.CredentialSource})",
                "Connect the session"))
        {
            return;
        }

        MgwContext? previous = MgwSession.Get();
        MgwSession.Set(context);
        WriteDebug($"Stored the context for runspace {Runspace.DefaultRunspace?.InstanceId}{(previous is null ? "" : $", replacing account '{previous.AccountId}' in '{previous.Region}'")}.");
        WriteVerbose($"Connected: account '{context.AccountId}', region '{context.Region}', endpoint '{context.Endpoint}', AccessKey {context.AccessKeyId} from {context.CredentialSource}, schedule time zone '{context.ScheduleTimeZone}'. No request was sent.");
        if (PassThru)
        {
            WriteObject(context);
        }
    }

    #endregion

    // Checked against CredentialRules before the credentials are built, so an error names the parameter.
    private MgwCredentials? ExplicitCredentials()
    {
        string? token = SecurityToken is null ? null : Plain(SecurityToken);
        CredentialRules.CheckSecurityToken(token, "-SecurityToken", nameof(SecurityToken));
        switch (ParameterSetName)
        {
            case CredentialSet:
                string? user = Credential.UserName;
                string password = Credential.GetNetworkCredential()?.Password ?? "";
                if (string.IsNullOrEmpty(user) || password.Length == 0)
                {
                    ThrowMgwError(Missing("Credential",
                        "The credential needs a user name and a password: the user name is the AccessKey ID and the password is the AccessKey secret."), null);
                }

                CredentialRules.CheckAccessKeyId(user, "the user name of -Credential", nameof(Credential));
                CredentialRules.CheckSecret(password, "the password of -Credential", nameof(Credential));
                return new MgwCredentials(user!, password, token, "Explicit");

            case AccessKeySet:
                string secret = Plain(AccessKeySecret);
                if (secret.Length == 0)
                {
                    ThrowMgwError(Missing("AccessKeySecret", "The AccessKey secret is empty."), null);
                }

                CredentialRules.CheckAccessKeyId(AccessKeyId, "-AccessKeyId", nameof(AccessKeyId));
                CredentialRules.CheckSecret(secret, "-AccessKeySecret", nameof(AccessKeySecret));
                return new MgwCredentials(AccessKeyId, secret, token, "Explicit");

            default:
                return null;
        }
    }

    private static string Plain(SecureString value) => new NetworkCredential("", value).Password ?? "";

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static MgwError Missing(string field, string message) =>
        new() { Code = MgwErrorCodes.MissingValue, Message = message, Field = field };
}
