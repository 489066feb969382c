using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using MgwTools.Core.Scheduling;

namespace MgwTools.Core.Credentials;

/// <summary>What Connect-Mgw was given; everything optional.</summary>
public sealed class ConnectRequest
{
    /// <summary>The account ID (-AccountId).</summary>
    public string? AccountId { get; set; }

    /// <summary>The region id (-Region).</summary>
    public string? Region { get; set; }

    /// <summary>An endpoint to use instead of the public one (-Endpoint).</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Explicit credentials (-Credential, -AccessKeyId…); skip the chain.</summary>
    public MgwCredentials? Credentials { get; set; }

    /// <summary>A config.json profile to use, and nothing else (-ProfileName).</summary>
    public string? ProfileName { get; set; }

    /// <summary>The time zone schedules are assumed to run in (-ScheduleTimeZone); default UTC.</summary>
    public string? ScheduleTimeZone { get; set; }
}

/// <summary>A context and how it was put together.</summary>
public sealed class ConnectResult
{
    internal ConnectResult(MgwContext context, IReadOnlyList<string> trail, IReadOnlyList<string> warnings)
    {
        Context = context;
        Trail = trail;
        Warnings = warnings;
    }

    /// <summary>The new context.</summary>
    public MgwContext Context { get; }

    /// <summary>Where each value came from, one line each (verbose output; never a secret).</summary>
    public IReadOnlyList<string> Trail { get; }

    /// <summary>Things worth a warning that do not stop the connection (an unknown region…).</summary>
    public IReadOnlyList<string> Warnings { get; }
}

/// <summary>
/// Turns a <see cref="ConnectRequest"/> into an <see cref="MgwContext"/>: validates the time zone and
/// endpoint, resolves credentials through <see cref="CredentialChain"/>, and takes the account ID and
/// region from parameters, the endpoint's host, the environment or the profile. Calls no service.
/// </summary>
public static class MgwContextBuilder
{
    /// <summary>The account ID variable.</summary>
    public const string AccountIdVariable = "ALIBABA_CLOUD_ACCOUNT_ID";
    /// <summary>The region variable.</summary>
    public const string RegionVariable = "ALIBABA_CLOUD_REGION_ID";

    private static readonly Regex s_accountId = new("^[0-9]{1,32}$", RegexOptions.CultureInvariant);
    private static readonly Regex s_serviceHost = new(
        @"^(?:(?<account>[0-9]+)\.)?(?<region>[a-z0-9-]+)\.(?<kind>mgw|mgw-internal)\.aliyuncs\.com$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    /// <summary>Builds the context.</summary>
    /// <exception cref="MgwException">
    /// Any code of the session group of <see cref="MgwErrorCodes"/> (NoCredentials … InvalidTimeZone).
    /// </exception>
    public static ConnectResult Build(ConnectRequest request, IMgwEnvironment? environment = null)
    {
        environment ??= ProcessEnvironment.Instance;
        var trail = new List<string>();
        var warnings = new List<string>();

        string timeZone = CheckTimeZone(request.ScheduleTimeZone);

        Match? serviceHost = null;
        if (request.Endpoint is not null)
        {
            EndpointPolicy.Check(request.Endpoint);
            Match m = s_serviceHost.Match(request.Endpoint.Host);
            serviceHost = m.Success ? m : null;
        }

        CredentialResolution credentials = new CredentialChain(environment).Resolve(request.Credentials, request.ProfileName);
        trail.AddRange(credentials.Trail);

        string? hostRegion = serviceHost?.Groups["region"].Value.ToLowerInvariant();
        if (hostRegion is not null && !MgwRegions.IsWellFormedId(hostRegion))
        {
            throw Error(MgwErrorCodes.InvalidEndpoint,
                $"The endpoint '{Show(request.Endpoint!.OriginalString)}' names the region '{Show(hostRegion)}', which is not a region id: {RegionRule}.",
                "Endpoint", request.Endpoint.OriginalString);
        }

        string? hostAccount = serviceHost is { } h1 && h1.Groups["account"].Success ? h1.Groups["account"].Value : null;
        (string Value, string From)? account = Pick("account ID", trail,
            (request.AccountId, "-AccountId"),
            (hostAccount, "the endpoint's host"),
            (Variable(environment, AccountIdVariable), AccountIdVariable))
            ?? throw Error(MgwErrorCodes.MissingAccountId,
                $"No account ID was given. Give -AccountId (the numeric ID of the Alibaba Cloud main account, e.g. 1234567890123456) or set {AccountIdVariable}.",
                "AccountId", null);
        string accountId = account.Value.Value;
        if (!s_accountId.IsMatch(accountId))
        {
            throw Error(MgwErrorCodes.InvalidAccountId,
                $"'{Show(accountId)}'{FromText(account.Value.From)} is not an Alibaba Cloud account ID: it is the numeric UID of the main account (digits only, at most 32), e.g. 1234567890123456.",
                "AccountId", accountId);
        }

        if (hostAccount is not null && hostAccount != accountId)
        {
            throw Error(MgwErrorCodes.InvalidEndpoint,
                $"The endpoint '{Show(request.Endpoint!.OriginalString, 128)}' belongs to account {Show(hostAccount)}, but the account ID is {accountId}.",
                "Endpoint", request.Endpoint!.OriginalString);
        }

        (string Value, string From)? picked = Pick("region", trail,
            (request.Region, "-Region"),
            (hostRegion, "the endpoint's host"),
            (Variable(environment, RegionVariable), RegionVariable),
            (credentials.RegionId, $"the region_id of {credentials.Credentials.Source}"))
            ?? throw Error(MgwErrorCodes.MissingRegion,
                $"No region was given. Give -Region (e.g. cn-hangzhou), set {RegionVariable}, or use a profile with a region_id.",
                "Region", null);
        string region = picked.Value.Value.ToLowerInvariant();
        if (!MgwRegions.IsWellFormedId(region))
        {
            throw Error(MgwErrorCodes.InvalidRegion,
                $"'{Show(picked.Value.Value)}'{FromText(picked.Value.From)} is not a region id: {RegionRule}.",
                "Region", picked.Value.Value);
        }

        if (MgwRegions.Find(region) is null)
        {
            warnings.Add($"Region '{region}' is not one of the regions Data Online Migration is known to serve ({string.Join(", ", AllIds())}); connecting anyway.");
        }

        if (hostRegion is not null && hostRegion != region)
        {
            warnings.Add($"Region '{region}' differs from the endpoint's region '{hostRegion}'; requests are signed for '{region}'.");
        }

        Uri endpoint = request.Endpoint is null
            ? MgwRegions.EndpointFor(accountId, region)
            : Normalise(request.Endpoint, serviceHost, accountId);
        trail.Add($"Endpoint: {endpoint} ({(request.Endpoint is null ? "the public endpoint of the region" : "-Endpoint")}).");

        var context = new MgwContext(accountId, region, endpoint, credentials.Credentials, timeZone);
        return new ConnectResult(context, trail, warnings);
    }

    /// <summary>Checks a Windows or IANA time zone id; null or empty means UTC.</summary>
    /// <exception cref="MgwException"><see cref="MgwErrorCodes.InvalidTimeZone"/>.</exception>
    public static string CheckTimeZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return MgwContext.DefaultScheduleTimeZone;
        }

        if (CronBuilder.TryFindTimeZone(id, out _, out Exception? cause))
        {
            return id!.Trim();
        }

        throw new MgwException(
            new MgwError
            {
                Code = MgwErrorCodes.InvalidTimeZone,
                Message = $"'{Show(id!.Trim())}' is not a time zone this system knows. Give a Windows id (e.g. 'China Standard Time') or, on PowerShell 7, an IANA id (e.g. 'Asia/Shanghai').",
                Field = "ScheduleTimeZone",
                Value = id,
            },
            cause);
    }

    private const string RegionRule = "use lower-case letters, digits and hyphens, at most 32 characters, e.g. cn-hangzhou";

    // The SDK puts the account in front of a service host that lacks it (mgw-api.md §3.2). Any
    // other endpoint is kept as given (the policy already refused paths, queries and user info), so
    // an IPv6 zone index or an odd port survives.
    private static Uri Normalise(Uri endpoint, Match? serviceHost, string accountId)
    {
        if (serviceHost is null || serviceHost.Groups["account"].Success)
        {
            return endpoint;
        }

        string host = accountId + "." + endpoint.Host;
        if (Uri.CheckHostName(host) != UriHostNameType.Dns)
        {
            throw Error(MgwErrorCodes.InvalidEndpoint,
                $"The endpoint '{Show(endpoint.OriginalString)}' cannot be used: with the account ID in front its host '{Show(host, 128)}' is not a valid host name.",
                "Endpoint", endpoint.OriginalString);
        }

        return new UriBuilder(endpoint.Scheme, host, endpoint.IsDefaultPort ? -1 : endpoint.Port).Uri;
    }

    private static (string Value, string From)? Pick(string what, List<string> trail, params (string? Value, string From)[] candidates)
    {
        foreach ((string? value, string from) in candidates)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                string trimmed = value!.Trim();
                trail.Add($"The {what} '{Show(trimmed)}' comes from {from}.");
                return (trimmed, from);
            }
        }

        return null;
    }

    // " (from ALIBABA_CLOUD_REGION_ID)" for a value that was not typed as a parameter.
    private static string FromText(string from) => from.StartsWith("-", StringComparison.Ordinal) ? "" : $" (from {from})";

    // Values come from parameters, variables and files: escaped and cut before a message shows them.
    private static string Show(string? value, int maxLength = 64) => ShownText.Of(value, maxLength);

    private static IEnumerable<string> AllIds()
    {
        foreach (MgwRegion r in MgwRegions.All) yield return r.Id;
    }

    private static string? Variable(IMgwEnvironment environment, string name)
    {
        string? value = environment.GetVariable(name);
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static MgwException Error(string code, string message, string field, object? value) =>
        new(new MgwError { Code = code, Message = message, Field = field, Value = value });
}
