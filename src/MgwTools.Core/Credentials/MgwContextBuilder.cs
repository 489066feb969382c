using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

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
    private static readonly Regex s_region = new("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant);
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

        string? hostAccount = serviceHost is { } h1 && h1.Groups["account"].Success ? h1.Groups["account"].Value : null;
        string accountId = Pick("account ID", trail,
            (request.AccountId, "-AccountId"),
            (hostAccount, "the endpoint's host"),
            (Variable(environment, AccountIdVariable), AccountIdVariable))
            ?? throw Error(MgwErrorCodes.MissingAccountId,
                $"No account ID was given. Give -AccountId (the numeric ID of the Alibaba Cloud main account, e.g. 1234567890123456) or set {AccountIdVariable}.",
                "AccountId", null);
        if (!s_accountId.IsMatch(accountId))
        {
            throw Error(MgwErrorCodes.InvalidAccountId,
                $"'{accountId}' is not an Alibaba Cloud account ID: it is the numeric UID of the main account, e.g. 1234567890123456.",
                "AccountId", accountId);
        }

        if (hostAccount is not null && hostAccount != accountId)
        {
            throw Error(MgwErrorCodes.InvalidEndpoint,
                $"The endpoint '{request.Endpoint}' belongs to account {hostAccount}, but the account ID is {accountId}.",
                "Endpoint", request.Endpoint!.OriginalString);
        }

        string? hostRegion = serviceHost?.Groups["region"].Value.ToLowerInvariant();
        string region = (Pick("region", trail,
            (request.Region, "-Region"),
            (hostRegion, "the endpoint's host"),
            (Variable(environment, RegionVariable), RegionVariable),
            (credentials.RegionId, $"the region_id of {credentials.Credentials.Source}"))
            ?? throw Error(MgwErrorCodes.MissingRegion,
                $"No region was given. Give -Region (e.g. cn-hangzhou), set {RegionVariable}, or use a profile with a region_id.",
                "Region", null)).ToLowerInvariant();
        if (!s_region.IsMatch(region))
        {
            throw Error(MgwErrorCodes.InvalidRegion,
                $"'{region}' is not a region id: use lower-case letters, digits and hyphens, e.g. cn-hangzhou.",
                "Region", region);
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

        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(id!.Trim());
            return id.Trim();
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            throw Error(MgwErrorCodes.InvalidTimeZone,
                $"'{id}' is not a time zone this system knows. Give a Windows id (e.g. 'China Standard Time') or, on PowerShell 7, an IANA id (e.g. 'Asia/Shanghai').",
                "ScheduleTimeZone", id);
        }
    }

    // The SDK puts the account in front of a service host that lacks it (mgw-api.md §3.2).
    private static Uri Normalise(Uri endpoint, Match? serviceHost, string accountId)
    {
        var builder = new UriBuilder(endpoint.Scheme, endpoint.Host, endpoint.IsDefaultPort ? -1 : endpoint.Port);
        if (serviceHost is not null && !serviceHost.Groups["account"].Success)
        {
            builder.Host = accountId + "." + endpoint.Host;
        }

        return builder.Uri;
    }

    private static string? Pick(string what, List<string> trail, params (string? Value, string From)[] candidates)
    {
        foreach ((string? value, string from) in candidates)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                trail.Add($"The {what} '{value!.Trim()}' comes from {from}.");
                return value.Trim();
            }
        }

        return null;
    }

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
