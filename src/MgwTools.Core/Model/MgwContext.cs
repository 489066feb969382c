using System;

namespace MgwTools;

/// <summary>
/// Who the module talks to, and as whom: account, region, endpoint, where the credentials came
/// from and the (masked) AccessKey ID, plus the time zone schedules are assumed to run in. The
/// credentials themselves are internal, so no output, <c>ConvertTo-Json</c> or
/// <see cref="ToString"/> can show the secret or the STS token.
/// </summary>
public sealed class MgwContext
{
    /// <summary>The schedule time zone when none is given.</summary>
    public const string DefaultScheduleTimeZone = "UTC";

    /// <summary>Builds a context; the endpoint must pass <see cref="EndpointPolicy.Check"/>.</summary>
    /// <exception cref="MgwException"><see cref="MgwErrorCodes.InvalidEndpoint"/> or <see cref="MgwErrorCodes.InsecureEndpoint"/>.</exception>
    internal MgwContext(string accountId, string region, Uri endpoint, MgwCredentials credentials, string scheduleTimeZone)
    {
        EndpointPolicy.Check(endpoint);
        AccountId = accountId;
        Region = region;
        Endpoint = endpoint;
        Credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        ScheduleTimeZone = scheduleTimeZone;
    }

    /// <summary>The Alibaba Cloud account ID (main account UID).</summary>
    public string AccountId { get; }

    /// <summary>The region id, e.g. <c>cn-hangzhou</c>; requests are signed for it.</summary>
    public string Region { get; }

    /// <summary>Where requests go: <c>https://&lt;AccountId&gt;.&lt;Region&gt;.mgw.aliyuncs.com</c> or the given endpoint.</summary>
    public Uri Endpoint { get; }

    /// <summary>Where the credentials came from: Explicit, Environment, Profile:&lt;name&gt;, CredentialsFile:&lt;section&gt;, Emulator.</summary>
    public string CredentialSource => Credentials.Source;

    /// <summary>The AccessKey ID, masked (first 4 and last 3 characters shown).</summary>
    public string AccessKeyId => Credentials.MaskedAccessKeyId;

    /// <summary>The time zone (Windows or IANA id) schedules are assumed to run in; default UTC.</summary>
    public string ScheduleTimeZone { get; }

    /// <summary>The credentials; internal so that no formatter or serializer sees them.</summary>
    internal MgwCredentials Credentials { get; }

    /// <inheritdoc />
    public override string ToString() => $"{AccountId} in {Region} at {Endpoint} as {AccessKeyId} ({CredentialSource})";
}
