using System;
using System.Collections.Generic;

namespace MgwTools;

/// <summary>Every error code the module produces itself, as constants (service codes are the service's).</summary>
public static class MgwErrorCodes
{
    // Validation rules of design §3.
    /// <summary>A required value is missing.</summary>
    public const string MissingValue = nameof(MissingValue);
    /// <summary>The job name breaks mgwutil's rule.</summary>
    public const string InvalidJobName = nameof(InvalidJobName);
    /// <summary>The job name breaks the API's stricter rule.</summary>
    public const string JobNameNotCanonical = nameof(JobNameNotCanonical);
    /// <summary>Always needs a transfer mode.</summary>
    public const string MissingTransferMode = nameof(MissingTransferMode);
    /// <summary>Overwrite and transfer mode do not combine.</summary>
    public const string InvalidModeCombination = nameof(InvalidModeCombination);
    /// <summary>Bandwidth not within (0, region limit].</summary>
    public const string BandwidthOutOfRange = nameof(BandwidthOutOfRange);
    /// <summary>QPS not within (0, region limit].</summary>
    public const string QpsOutOfRange = nameof(QpsOutOfRange);
    /// <summary>A bandwidth text that does not parse.</summary>
    public const string InvalidBandwidth = nameof(InvalidBandwidth);
    /// <summary>A regex that does not compile.</summary>
    public const string InvalidKeyFilter = nameof(InvalidKeyFilter);
    /// <summary>A regex construct the service's engine may lack.</summary>
    public const string NonPortableRegex = nameof(NonPortableRegex);
    /// <summary>A time window that does not parse.</summary>
    public const string InvalidTimeWindow = nameof(InvalidTimeWindow);
    /// <summary>A window whose start is not before its end.</summary>
    public const string TimeWindowReversed = nameof(TimeWindowReversed);
    /// <summary>Windows that overlap.</summary>
    public const string TimeWindowsOverlap = nameof(TimeWindowsOverlap);
    /// <summary>Not a 6-field cron the service accepts.</summary>
    public const string InvalidCron = nameof(InvalidCron);
    /// <summary>Runs less than an hour apart.</summary>
    public const string CronTooFrequent = nameof(CronTooFrequent);
    /// <summary>A schedule that can never fire.</summary>
    public const string CronNeverFires = nameof(CronNeverFires);
    /// <summary>A time zone id (Windows or IANA) the machine does not know.</summary>
    public const string InvalidTimeZone = nameof(InvalidTimeZone);
    /// <summary>Suspend cron without start cron.</summary>
    public const string SuspendWithoutStart = nameof(SuspendWithoutStart);
    /// <summary>Schedule count without start cron.</summary>
    public const string ScheduleCountWithoutStart = nameof(ScheduleCountWithoutStart);
    /// <summary>Schedule count of zero or less.</summary>
    public const string InvalidScheduleCount = nameof(InvalidScheduleCount);
    /// <summary>Parent version is not a UUID.</summary>
    public const string InvalidParentVersion = nameof(InvalidParentVersion);
    /// <summary>WithStorageClass and TargetStorageClass together.</summary>
    public const string StorageClassConflict = nameof(StorageClassConflict);
    /// <summary>Tags that are not key:value pairs of allowed characters, or too long.</summary>
    public const string InvalidTag = nameof(InvalidTag);
    /// <summary>Source and destination are the same address.</summary>
    public const string SameSourceAndDestination = nameof(SameSourceAndDestination);
    /// <summary>A value that does not convert to the parameter's type (CSV text).</summary>
    public const string InvalidValue = nameof(InvalidValue);
    /// <summary>A data address name that breaks the API's address name rule.</summary>
    public const string InvalidAddressName = nameof(InvalidAddressName);
    /// <summary>An agent name that breaks the API's name rule (3 to 63 lowercase letters, digits, '-' and '_', not starting with '-' or '_').</summary>
    public const string InvalidAgentName = nameof(InvalidAgentName);
    /// <summary>A value longer than its field takes (a key-filter regex, a cron).</summary>
    public const string ValueTooLong = nameof(ValueTooLong);
    /// <summary>More values than a list field takes (key filters, time windows).</summary>
    public const string TooManyValues = nameof(TooManyValues);
    /// <summary>One field given under several names (CSV columns, parameters) with different values.</summary>
    public const string AmbiguousValue = nameof(AmbiguousValue);

    // Reading input for unattended runs (issue 13, issue 14): CSV files, columns, whole-run decisions.
    /// <summary>A CSV file that cannot be read: not its encoding, an unclosed quote, two columns of one name, too big.</summary>
    public const string InvalidCsv = nameof(InvalidCsv);
    /// <summary>A CSV row with values in cells beyond the header's columns (a value with an unquoted delimiter).</summary>
    public const string TooManyCells = nameof(TooManyCells);
    /// <summary>A CSV column or piped property that names no job field: a warning, or an error with -Strict.</summary>
    public const string UnknownColumn = nameof(UnknownColumn);
    /// <summary>The input was read with the wrong delimiter: one column whose name joins job field names with ';' or a tab.</summary>
    public const string WrongDelimiter = nameof(WrongDelimiter);
    /// <summary>Rows of a CSV file whose cells are all empty, skipped (a note, once per file).</summary>
    public const string EmptyRowsSkipped = nameof(EmptyRowsSkipped);
    /// <summary>-Path together with piped input: one of them must say where the rows come from.</summary>
    public const string PathWithPipelineInput = nameof(PathWithPipelineInput);
    /// <summary>A job field given as a script block (run for each piped row, <c>-Name { $_.id }</c>) with no piped input to run it for.</summary>
    public const string ScriptBlockArgumentNoInput = nameof(ScriptBlockArgumentNoInput);
    /// <summary>-Path names no file, or a path that is not on the file system.</summary>
    public const string PathNotFound = nameof(PathNotFound);
    /// <summary>A bulk run stopped before every row read was sent (first error under -ErrorAction Stop, or a failure every row would meet).</summary>
    public const string RunStopped = nameof(RunStopped);
    /// <summary>New-MgwJob -AllOrNothing sent nothing because rows were refused.</summary>
    public const string NothingSent = nameof(NothingSent);
    /// <summary>More input than a buffered run (-AllOrNothing) holds.</summary>
    public const string TooManyRows = nameof(TooManyRows);

    // Talking to the service (mgw-api.md §4, §5; design §6).
    /// <summary>A plain-http endpoint that is not loopback.</summary>
    public const string InsecureEndpoint = nameof(InsecureEndpoint);
    /// <summary>An endpoint that is not an absolute http(s) URI.</summary>
    public const string InvalidEndpoint = nameof(InvalidEndpoint);
    /// <summary>The service could not be reached (DNS, refused, reset, dropped) after every retry.</summary>
    public const string ConnectionFailed = nameof(ConnectionFailed);
    /// <summary>No answer within the attempt timeout, after every retry.</summary>
    public const string RequestTimeout = nameof(RequestTimeout);
    /// <summary>
    /// An answer the client cannot use: a 2xx body that is not XML or lacks the expected root element, any body
    /// over <c>MgwClientOptions.MaxResponseBytes</c>, or a read-back that names another job.
    /// </summary>
    public const string InvalidResponse = nameof(InvalidResponse);
    /// <summary>A name that cannot be one segment of a request path (empty, <c>.</c>, <c>..</c>, <c>/</c>, <c>%</c>, a control character…).</summary>
    public const string InvalidName = nameof(InvalidName);
    /// <summary>A header value (security token, AccessKey ID, region) with a character HTTP does not allow; never echoed.</summary>
    public const string InvalidHeaderValue = nameof(InvalidHeaderValue);
    /// <summary>A job of that name exists with a definition other than the one requested.</summary>
    public const string ImportJobSpecConflict = nameof(ImportJobSpecConflict);
    /// <summary>New-MgwJob: a second row of the same input names a job already submitted.</summary>
    public const string DuplicateJobName = nameof(DuplicateJobName);
    /// <summary>New-MgwJob: both ParentJobName and ParentVersion, or a job named as its own parent.</summary>
    public const string ParentGivenTwice = nameof(ParentGivenTwice);
    /// <summary>New-MgwJob: the parent named by an earlier row of the same input failed.</summary>
    public const string ParentNotCreated = nameof(ParentNotCreated);
    // Data addresses (New-/Get-/Set-/Test-/Remove-MgwAddress) and the online pre-flight of job definitions (issue 12).
    /// <summary>A secret given as plain text (a CSV cell, a -Detail key, text for -Credential); never read, never shown.</summary>
    public const string PlainTextSecret = nameof(PlainTextSecret);
    /// <summary>A -Detail key that is not an element of AddressDetail.</summary>
    public const string UnknownDetailField = nameof(UnknownDetailField);
    /// <summary>An address type MgwTools does not know (a warning: it is sent as given).</summary>
    public const string UnknownAddressType = nameof(UnknownAddressType);
    /// <summary>A field the address's kind does not use (a role on an S3 address, a bucket on a NAS one).</summary>
    public const string FieldNotUsed = nameof(FieldNotUsed);
    /// <summary>Both a RAM role and an AccessKey pair for the same bucket; give one.</summary>
    public const string RoleAndCredential = nameof(RoleAndCredential);
    /// <summary>A bucket name its store cannot have.</summary>
    public const string InvalidBucketName = nameof(InvalidBucketName);
    /// <summary>A key prefix that starts with '/' or does not end with '/'.</summary>
    public const string InvalidPrefix = nameof(InvalidPrefix);
    /// <summary>A file-system directory not of the form /dir/, or an inventory or URL-list file path of the wrong shape.</summary>
    public const string InvalidPath = nameof(InvalidPath);
    /// <summary>A domain that is not a host name (with an optional scheme and port).</summary>
    public const string InvalidDomain = nameof(InvalidDomain);
    /// <summary>A well-formed region id that is not an OSS region MgwTools knows (a warning).</summary>
    public const string UnknownRegion = nameof(UnknownRegion);
    /// <summary>An inventory location other than oss, s3 and cos.</summary>
    public const string InvalidInventoryLocation = nameof(InvalidInventoryLocation);
    /// <summary>A RAM role that is neither a role name nor a role ARN.</summary>
    public const string InvalidRoleName = nameof(InvalidRoleName);
    /// <summary>New-MgwAddress: a second row of the same input names an address already submitted.</summary>
    public const string DuplicateAddressName = nameof(DuplicateAddressName);
    /// <summary>An address of that name exists with a definition other than the one requested.</summary>
    public const string ImportAddressSpecConflict = nameof(ImportAddressSpecConflict);
    /// <summary>Test-MgwJobSpec -Online: an address the job names was never verified (a warning).</summary>
    public const string AddressNotVerified = nameof(AddressNotVerified);
    /// <summary>Test-MgwJobSpec -Online: the last verification of an address the job names failed (a warning).</summary>
    public const string AddressVerifyFailed = nameof(AddressVerifyFailed);

    // The local service (Start-MgwEmulator / Stop-MgwEmulator).
    /// <summary>The emulator's port is taken.</summary>
    public const string EmulatorPortInUse = nameof(EmulatorPortInUse);
    /// <summary>The emulator could not listen for another reason.</summary>
    public const string EmulatorStartFailed = nameof(EmulatorStartFailed);
    /// <summary>Stop-MgwEmulator found no running emulator.</summary>
    public const string EmulatorNotRunning = nameof(EmulatorNotRunning);

    // Session: credentials and Connect-Mgw (design §6).
    /// <summary>No credential source had credentials.</summary>
    public const string NoCredentials = nameof(NoCredentials);
    /// <summary>A profile whose mode (or credentials-file type) MgwTools cannot use, e.g. RamRoleArn.</summary>
    public const string UnsupportedProfileMode = nameof(UnsupportedProfileMode);
    /// <summary>The profile named by -ProfileName does not exist.</summary>
    public const string ProfileNotFound = nameof(ProfileNotFound);
    /// <summary>The profile chosen by name lacks a key its mode needs.</summary>
    public const string IncompleteProfile = nameof(IncompleteProfile);
    /// <summary>~/.aliyun/config.json is not valid JSON of the expected shape.</summary>
    public const string InvalidCredentialsFile = nameof(InvalidCredentialsFile);
    /// <summary>No account ID from parameters, environment or endpoint.</summary>
    public const string MissingAccountId = nameof(MissingAccountId);
    /// <summary>An account ID that is not the numeric account UID.</summary>
    public const string InvalidAccountId = nameof(InvalidAccountId);
    /// <summary>No region from parameters, endpoint, environment or profile.</summary>
    public const string MissingRegion = nameof(MissingRegion);
    /// <summary>A region id that cannot be part of a host name.</summary>
    public const string InvalidRegion = nameof(InvalidRegion);
    /// <summary>A service cmdlet ran with no current context and no -Context.</summary>
    public const string NotConnected = nameof(NotConnected);
    /// <summary>A service cmdlet was given -Context and also -Region or -ProfileName, which build a context of their own.</summary>
    public const string ContextConflict = nameof(ContextConflict);

    // Bounds on untrusted input: schedules and credentials (issue 10).
    /// <summary>ConvertTo-MgwCron -From outside the years where runs can be computed and shown.</summary>
    public const string FromOutOfRange = nameof(FromOutOfRange);
    /// <summary>An AccessKey ID, secret or STS token with characters or a length no real one has; never echoed.</summary>
    public const string InvalidCredentialValue = nameof(InvalidCredentialValue);

    // The job lifecycle (Wait-MgwJob, Remove-MgwJob -Wait, New-MgwRetryJob, the run readers).
    /// <summary>A job did not reach the awaited state in time.</summary>
    public const string WaitTimeout = nameof(WaitTimeout);
    /// <summary>The failed-file list of a run is not ready (ReadyRetry = NotReady).</summary>
    public const string RetryNotReady = nameof(RetryNotReady);
    /// <summary>A job has no run to read from.</summary>
    public const string NoRunYet = nameof(NoRunYet);
    /// <summary>A retry needs the source's secret.</summary>
    public const string SourceCredentialRequired = nameof(SourceCredentialRequired);
    /// <summary>The retry job's address name is taken by another address.</summary>
    public const string RetryAddressConflict = nameof(RetryAddressConflict);
}

/// <summary>The service's own error codes (mgw-api.md §4.2) that the module reasons about, as constants.</summary>
public static class MgwServiceCodes
{
    /// <summary>The job does not exist (404).</summary>
    public const string NoSuchImportJob = nameof(NoSuchImportJob);
    /// <summary>A source or destination address does not exist.</summary>
    public const string NoSuchImportAddress = nameof(NoSuchImportAddress);
    /// <summary>The ParentVersion names no job.</summary>
    public const string NoSuchImportJobParent = nameof(NoSuchImportJobParent);
    /// <summary>A job of that name exists.</summary>
    public const string ImportJobAlreadyExist = nameof(ImportJobAlreadyExist);
    /// <summary>Another job already uses the same address pair.</summary>
    public const string ImportJobRepeatedOnSameAddress = nameof(ImportJobRepeatedOnSameAddress);
    /// <summary>The region's job quota (500) is used up.</summary>
    public const string ImportJobNumExceed = nameof(ImportJobNumExceed);
    /// <summary>Child jobs nested too deep.</summary>
    public const string ImportJobDepthExceed = nameof(ImportJobDepthExceed);
    /// <summary>An address of that name exists.</summary>
    public const string ImportAddressAlreadyExist = nameof(ImportAddressAlreadyExist);
    /// <summary>The region's address quota (1,000) is used up.</summary>
    public const string ImportAddressNumExceed = nameof(ImportAddressNumExceed);
    /// <summary>The address is used by a job and cannot be deleted.</summary>
    public const string ImportAddressIsOccupied = nameof(ImportAddressIsOccupied);
    // Agents and tunnels. Only ImportAgentIsOccupied (409) is evidenced (mgw-api.md §4.2, [DOC:delete-agent]); the
    // others are not in any retrieved source and follow the vendor's naming of the job and address codes
    // (NoSuchImport*, Import*AlreadyExist, Import*NumExceed, Import*IsOccupied). Implement by code, not status.
    /// <summary>The agent does not exist (404; assumed by analogy with <c>NoSuchImportJob</c>).</summary>
    public const string NoSuchImportAgent = nameof(NoSuchImportAgent);
    /// <summary>The tunnel does not exist (404; assumed, also CreateAgent naming an unknown tunnel).</summary>
    public const string NoSuchImportTunnel = nameof(NoSuchImportTunnel);
    /// <summary>An agent of that name exists (409; assumed).</summary>
    public const string ImportAgentAlreadyExist = nameof(ImportAgentAlreadyExist);
    /// <summary>DeleteAgent while a data address lists the agent (409, evidenced: "The import agent is occupied by import address").</summary>
    public const string ImportAgentIsOccupied = nameof(ImportAgentIsOccupied);
    /// <summary>DeleteTunnel while an agent uses the tunnel (409; assumed by analogy with <c>ImportAgentIsOccupied</c>).</summary>
    public const string ImportTunnelIsOccupied = nameof(ImportTunnelIsOccupied);
    /// <summary>The region's agent quota (100) is used up (assumed by analogy with <c>ImportJobNumExceed</c>).</summary>
    public const string ImportAgentNumExceed = nameof(ImportAgentNumExceed);
    /// <summary>The region's tunnel quota (100) is used up (assumed).</summary>
    public const string ImportTunnelNumExceed = nameof(ImportTunnelNumExceed);
    /// <summary>A request value the service refuses.</summary>
    public const string InvalidArgument = nameof(InvalidArgument);
    /// <summary>The RAM user lacks a permission.</summary>
    public const string AccessDenied = nameof(AccessDenied);
    /// <summary>The signature does not match: wrong secret (or a request changed on the way).</summary>
    public const string SignatureDoesNotMatch = nameof(SignatureDoesNotMatch);
    /// <summary>The AccessKey ID is unknown.</summary>
    public const string InvalidAccessKeyId = nameof(InvalidAccessKeyId);
    /// <summary>The STS token is not valid.</summary>
    public const string InvalidSecurityToken = nameof(InvalidSecurityToken);
    /// <summary>The STS token has expired.</summary>
    public const string SecurityTokenExpired = nameof(SecurityTokenExpired);
    /// <summary>The local clock is too far from the service's.</summary>
    public const string RequestTimeTooSkewed = nameof(RequestTimeTooSkewed);
    /// <summary>The service failed.</summary>
    public const string InternalError = nameof(InternalError);
    /// <summary>The service is unavailable.</summary>
    public const string ServiceUnavailable = nameof(ServiceUnavailable);
    /// <summary>A service-side timeout.</summary>
    public const string Timeout = nameof(Timeout);
    /// <summary>A gateway's network failure.</summary>
    public const string NetworkError = nameof(NetworkError);
    /// <summary>The gateway's throttling code; any <c>Throttling.*</c> code is throttling too.</summary>
    public const string Throttling = nameof(Throttling);

    /// <summary>
    /// Codes that mean "slow down, nothing was done", whatever the HTTP status: the Alibaba Cloud gateway family
    /// (<c>Throttling</c>, <c>Throttling.User</c>, <c>Throttling.Api</c>, <c>Throttling.System</c>, and any
    /// <c>Throttling.*</c>) and the common OSS/S3/HTTP spellings.
    /// </summary>
    public static readonly IReadOnlyCollection<string> ThrottlingCodes = new HashSet<string>(StringComparer.Ordinal)
    {
        Throttling, "Throttling.User", "Throttling.Api", "Throttling.System",
        "TooManyRequests", "RequestLimitExceeded", "SlowDown", "QpsLimitExceeded",
    };

    /// <summary>The credential codes: the service refuses who signed, so every request of the run would fail alike.</summary>
    public static readonly IReadOnlyCollection<string> CredentialCodes = new HashSet<string>(StringComparer.Ordinal)
    {
        SignatureDoesNotMatch, InvalidAccessKeyId, InvalidSecurityToken, SecurityTokenExpired,
    };
}
