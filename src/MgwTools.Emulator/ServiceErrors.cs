using System;

namespace MgwTools.Emulator;

/// <summary>
/// The error codes the emulator answers with and their HTTP statuses. The service's error-code page was not
/// retrievable (mgw-api.md §4.2), so statuses follow OSS conventions where the code is not evidenced:
/// <code>
/// Code                            Status  When
/// InvalidArgument                 400     bad name/value/combination, missing required element, bad query value
/// MalformedXML                    400     body missing, not XML, or the wrong root element
/// InvalidDigest                   400     Content-MD5 does not match the body (or is not base64 MD5)
/// ImportJobDepthExceed            400     a child job nested deeper than MaxDepth
/// ImportJobNumExceed              400     more than MaxJobs jobs (OSS's TooManyBuckets is 400 too)
/// ImportAddressNumExceed          400     more than MaxAddresses addresses
/// ImportAgentNumExceed            400     more than MaxAgents agents (assumed code, like ImportJobNumExceed)
/// ImportTunnelNumExceed           400     more than MaxTunnels tunnels (assumed code)
/// AccessDenied                    403     no/unsupported Authorization; Host names another account or region
/// InvalidAccessKeyId              403     unknown AccessKey ID
/// InvalidSecurityToken            403     STS key without its token, or a wrong token
/// SignatureDoesNotMatch           403     recomputed signature differs (or scope date/region/product wrong)
/// RequestTimeTooSkewed            403     x-oss-date missing, malformed, or off by more than the allowed skew
/// NoSuchImportJob                 404     job name / version unknown
/// NoSuchImportAddress             404     address unknown (CreateJob source or destination, address operations)
/// NoSuchImportJobParent           404     CreateJob ParentVersion matches no job
/// NoSuchImportAgent               404     agent unknown (assumed code)
/// NoSuchImportTunnel              404     tunnel unknown, also CreateAgent's TunnelId (assumed code)
/// MethodNotAllowed                405     no operation at that method and path
/// ImportJobAlreadyExist           409     CreateJob with a name in use
/// ImportJobRepeatedOnSameAddress  409     another job (outside the new job's family) has the same source+destination
/// ImportAddressAlreadyExist       409     CreateAddress with a name in use
/// ImportAddressIsOccupied         409     DeleteAddress while a job uses the address
/// ImportAgentAlreadyExist         409     CreateAgent with a name in use (assumed code)
/// ImportAgentIsOccupied           409     DeleteAgent while an address's AgentList names the agent (evidenced, [DOC:delete-agent])
/// ImportTunnelIsOccupied          409     DeleteTunnel while an agent uses the tunnel (assumed, like ImportAgentIsOccupied)
/// InternalError                   500     injected fault (ServerError)
/// ServiceUnavailable              503     injected fault (ServiceUnavailable, RetryAfter); a connection over MaxConnections
/// </code>
/// The HTTP layer refuses some requests before they are read whole; these answers close the connection:
/// <code>
/// EntityTooLarge                  413     body larger than MaxRequestBodyBytes (refused before the body is read)
/// RequestTimeout                  400     headers or body not received within RequestHeaderTimeout / RequestBodyTimeout
/// InvalidRequest                  400/431 a malformed request line, header or chunk; headers over 64 KB (431)
/// </code>
/// </summary>
internal static class ServiceErrors
{
    public const string InvalidArgument = nameof(InvalidArgument);
    public const string MalformedXml = "MalformedXML";
    public const string InvalidDigest = nameof(InvalidDigest);
    public const string ImportJobDepthExceed = nameof(ImportJobDepthExceed);
    public const string ImportJobNumExceed = nameof(ImportJobNumExceed);
    public const string ImportAddressNumExceed = nameof(ImportAddressNumExceed);
    public const string AccessDenied = nameof(AccessDenied);
    public const string InvalidAccessKeyId = nameof(InvalidAccessKeyId);
    public const string InvalidSecurityToken = nameof(InvalidSecurityToken);
    public const string SignatureDoesNotMatch = nameof(SignatureDoesNotMatch);
    public const string RequestTimeTooSkewed = nameof(RequestTimeTooSkewed);
    public const string NoSuchImportJob = nameof(NoSuchImportJob);
    public const string NoSuchImportAddress = nameof(NoSuchImportAddress);
    public const string NoSuchImportJobParent = nameof(NoSuchImportJobParent);
    public const string MethodNotAllowed = nameof(MethodNotAllowed);
    public const string ImportJobAlreadyExist = nameof(ImportJobAlreadyExist);
    public const string ImportJobRepeatedOnSameAddress = nameof(ImportJobRepeatedOnSameAddress);
    public const string ImportAddressAlreadyExist = nameof(ImportAddressAlreadyExist);
    public const string ImportAddressIsOccupied = nameof(ImportAddressIsOccupied);
    public const string NoSuchImportAgent = nameof(NoSuchImportAgent);
    public const string NoSuchImportTunnel = nameof(NoSuchImportTunnel);
    public const string ImportAgentAlreadyExist = nameof(ImportAgentAlreadyExist);
    public const string ImportAgentIsOccupied = nameof(ImportAgentIsOccupied);
    public const string ImportTunnelIsOccupied = nameof(ImportTunnelIsOccupied);
    public const string ImportAgentNumExceed = nameof(ImportAgentNumExceed);
    public const string ImportTunnelNumExceed = nameof(ImportTunnelNumExceed);
    public const string InternalError = nameof(InternalError);
    public const string ServiceUnavailable = nameof(ServiceUnavailable);
    public const string EntityTooLarge = nameof(EntityTooLarge);
    public const string RequestTimeout = nameof(RequestTimeout);
    public const string InvalidRequest = nameof(InvalidRequest);

    /// <summary>The HTTP status the emulator sends with <paramref name="code"/>.</summary>
    public static int StatusOf(string code) => code switch
    {
        InvalidArgument or MalformedXml or InvalidDigest or ImportJobDepthExceed or ImportJobNumExceed or ImportAddressNumExceed or
            ImportAgentNumExceed or ImportTunnelNumExceed => 400,
        AccessDenied or InvalidAccessKeyId or InvalidSecurityToken or SignatureDoesNotMatch or RequestTimeTooSkewed => 403,
        NoSuchImportJob or NoSuchImportAddress or NoSuchImportJobParent or NoSuchImportAgent or NoSuchImportTunnel => 404,
        MethodNotAllowed => 405,
        ImportJobAlreadyExist or ImportJobRepeatedOnSameAddress or ImportAddressAlreadyExist or ImportAddressIsOccupied or
            ImportAgentAlreadyExist or ImportAgentIsOccupied or ImportTunnelIsOccupied => 409,
        ServiceUnavailable => 503,
        _ => 500,
    };
}

/// <summary>A request the service refuses: becomes an <c>&lt;Error&gt;</c> answer.</summary>
internal sealed class ServiceException : Exception
{
    public ServiceException(string code, string message, string? ec = null)
        : base(message)
    {
        Code = code;
        StatusCode = ServiceErrors.StatusOf(code);
        Ec = ec;
    }

    public string Code { get; }

    public int StatusCode { get; }

    /// <summary>The service's <c>EC</c> detail code, when the emulator has one to give.</summary>
    public string? Ec { get; }
}
