using System;
using System.Linq;
using System.Globalization;

namespace MgwTools;

/// <summary>
/// One problem: a validation finding (no <see cref="StatusCode"/>) or an error the service (or the
/// network on the way to it) returned. The same class for both so a script handles them alike.
/// </summary>
public sealed class MgwError
{
    /// <summary>Stable code: a rule code of design §3 or the service's <c>Code</c>.</summary>
    public string Code { get; set; } = "";

    /// <summary>What is wrong and how to fix it.</summary>
    public string Message { get; set; } = "";

    /// <summary>Error blocks creation; Warning does not.</summary>
    public MgwSeverity Severity { get; set; } = MgwSeverity.Error;

    /// <summary>The parameter the finding is about, when there is one.</summary>
    public string? Field { get; set; }

    /// <summary>The offending value, as given.</summary>
    public object? Value { get; set; }

    /// <summary>1-based position of the input in the pipeline (the CSV data line).</summary>
    public int? Row { get; set; }

    /// <summary>The CSV file the input row came from (<c>-Path</c>), as a full path; null for piped and typed input.</summary>
    public string? File { get; set; }

    /// <summary>The 1-based line of <see cref="File"/> the row starts on (blank lines count); null without a file.</summary>
    public int? Line { get; set; }

    /// <summary>The job the error is about, when known.</summary>
    public string? JobName { get; set; }

    /// <summary>HTTP status of a service error; null for local findings and network failures.</summary>
    public int? StatusCode { get; set; }

    /// <summary>The service's request id (<c>RequestId</c> or <c>x-oss-request-id</c>).</summary>
    public string? RequestId { get; set; }

    /// <summary>The host that answered (<c>HostId</c>).</summary>
    public string? HostId { get; set; }

    /// <summary>The service's <c>EC</c> code (<c>x-oss-ec-code</c> when the body is empty).</summary>
    public string? EcCode { get; set; }

    /// <summary>The service's recommended documentation link.</summary>
    public string? Recommend { get; set; }

    /// <summary>True when this came from the service or the network rather than local validation.</summary>
    public bool IsServiceError => StatusCode.HasValue || RequestId is not null;

    /// <summary>What the error is about, from its code and status (<see cref="MgwErrorKinds.Of(MgwError)"/>).</summary>
    public MgwErrorKind Kind => MgwErrorKinds.Of(this);

    /// <summary>A copy with the row and job name set (findings are built before the row is known).</summary>
    public MgwError WithContext(int? row, string? jobName)
    {
        var copy = (MgwError)MemberwiseClone();
        copy.Row = row ?? Row;
        copy.JobName = jobName ?? JobName;
        return copy;
    }

    /// <summary>A copy with the file and line set (rows read with <c>-Path</c>).</summary>
    public MgwError WithSource(string? file, int? line)
    {
        var copy = (MgwError)MemberwiseClone();
        copy.File = file ?? File;
        copy.Line = line ?? Line;
        return copy;
    }

    /// <summary>
    /// Which input the error is about, as a prefix of its message: <c>Row 3 'nightly-a': </c> for an error about one
    /// input of many (so a CSV run's errors say which line to fix), with <c>jobs.csv:17: </c> before it for a row of a
    /// <c>-Path</c> file (the file without its folder, and the line the row starts on); <c>Job 'nightly-a': </c> for a
    /// service error about one job whose text does not name it ("The specified import job does not exist."); empty
    /// otherwise. Names are shown as <c>SpecBinder.Show</c> shows values (no control character), so a name from a CSV
    /// cannot start a line of its own in a log.
    /// </summary>
    public string Where
    {
        get
        {
            string file = File is { Length: > 0 } path
                ? MgwTools.Core.Specs.SpecBinder.Show(System.IO.Path.GetFileName(path)) +
                  (Line is int line ? string.Format(CultureInfo.InvariantCulture, ":{0}: ", line) : ": ")
                : "";
            return file + (Row switch
            {
                int row when JobName is { Length: > 0 } name =>
                    string.Format(CultureInfo.InvariantCulture, "Row {0} '{1}': ", row, MgwTools.Core.Specs.SpecBinder.Show(name)),
                int row => string.Format(CultureInfo.InvariantCulture, "Row {0}: ", row),
                _ when IsServiceError && JobName is { Length: > 0 } name && Message.IndexOf($"'{name}'", StringComparison.Ordinal) < 0 =>
                    $"Job '{MgwTools.Core.Specs.SpecBinder.Show(name)}': ",
                _ => "",
            });
        }
    }

    /// <summary>The message with the input it is about in front (<see cref="Where"/>), e.g. <c>Row 3 'nightly-a': …</c>.</summary>
    public string LocatedMessage => Where + Message;

    /// <summary>The located message and the code, e.g. <c>Row 3 'nightly-a': The job name … [InvalidJobName]</c>.</summary>
    public override string ToString() => $"{LocatedMessage} [{Code}]";
}

/// <summary>An exception that carries an <see cref="MgwError"/> to the cmdlet layer.</summary>
public sealed class MgwException : Exception
{
    /// <summary>
    /// Wraps <paramref name="error"/>; the message is the error's message with the row and job it is about in front
    /// (<see cref="MgwError.LocatedMessage"/>), so a script that logs only the exception message keeps them.
    /// </summary>
    public MgwException(MgwError error, Exception? inner = null)
        : base((error ?? throw new ArgumentNullException(nameof(error))).LocatedMessage, inner)
    {
        Error = error;
    }

    /// <summary>The error, with its code, status and request id.</summary>
    public MgwError Error { get; }
}

/// <summary>
/// The one classification of errors: <see cref="MgwErrorKind"/> from a code and an HTTP status. Retries, the
/// stop-the-run decision and the PowerShell error category all read it.
/// </summary>
public static class MgwErrorKinds
{
    /// <summary>The kind of <paramref name="error"/>.</summary>
    public static MgwErrorKind Of(MgwError error)
    {
        if (error is null) throw new ArgumentNullException(nameof(error));
        return Of(error.Code, error.StatusCode, error.IsServiceError);
    }

    /// <summary>
    /// The kind of an error with <paramref name="code"/> and <paramref name="statusCode"/>; <paramref name="fromService"/>
    /// says whether the service (or the network) produced it, for codes of neither side.
    /// </summary>
    public static MgwErrorKind Of(string? code, int? statusCode, bool fromService)
    {
        code ??= "";
        if (ModuleKind(code) is { } module) return module;
        if (IsThrottled(statusCode, code)) return MgwErrorKind.Throttled;
        if (code.StartsWith("NoSuch", StringComparison.Ordinal) || statusCode == 404) return MgwErrorKind.NotFound;
        // Before the 409 rule: "occupied" is a conflict with what uses the resource, not a duplicate of it.
        if (code.EndsWith("IsOccupied", StringComparison.Ordinal) || code.EndsWith("InUse", StringComparison.Ordinal)) return MgwErrorKind.InUse;
        if (code.EndsWith("AlreadyExist", StringComparison.Ordinal) || code.EndsWith("AlreadyExists", StringComparison.Ordinal) ||
            code.Contains("Repeated") || code.Contains("Conflict") || statusCode == 409)
        {
            return MgwErrorKind.Exists;
        }

        if (code.EndsWith("Exceed", StringComparison.Ordinal) || code.EndsWith("Exceeded", StringComparison.Ordinal)) return MgwErrorKind.Quota;
        // Before the 403 rules: the service answers 403, but the fix is the local clock or the credentials.
        if (code == MgwServiceCodes.RequestTimeTooSkewed) return MgwErrorKind.Clock;
        if (MgwServiceCodes.CredentialCodes.Contains(code)) return MgwErrorKind.Credentials;
        if (statusCode == 403 || code == MgwServiceCodes.AccessDenied) return MgwErrorKind.Denied;
        if (code == MgwServiceCodes.Timeout || statusCode == 408) return MgwErrorKind.Timeout;
        if (statusCode >= 500 || code == MgwServiceCodes.NetworkError) return MgwErrorKind.Transient;
        if (statusCode == 400 || !fromService) return MgwErrorKind.BadInput;
        return MgwErrorKind.Other;
    }

    /// <summary>
    /// True for kinds every further request of a run would meet as well (credentials, clock): a bulk command
    /// stops at the first.
    /// </summary>
    public static bool AffectsEveryRequest(MgwErrorKind kind) => kind is MgwErrorKind.Credentials or MgwErrorKind.Clock;

    /// <summary>True for kinds after which the request may have been carried out (network, timeout, 5xx).</summary>
    public static bool MayHaveBeenDone(MgwErrorKind kind) => kind is MgwErrorKind.Transient or MgwErrorKind.Timeout;

    private static bool IsThrottled(int? statusCode, string code) =>
        statusCode == 429 || MgwServiceCodes.ThrottlingCodes.Contains(code) || code.StartsWith("Throttling.", StringComparison.Ordinal) ||
        code.Contains("Throttl");

    // The module's own codes, whose kind does not follow from a status.
    private static MgwErrorKind? ModuleKind(string code) => code switch
    {
        MgwErrorCodes.InvalidResponse => MgwErrorKind.InvalidResponse,
        MgwErrorCodes.ConnectionFailed => MgwErrorKind.Transient,
        MgwErrorCodes.RequestTimeout => MgwErrorKind.Timeout,
        MgwErrorCodes.InvalidHeaderValue => MgwErrorKind.Credentials,
        MgwErrorCodes.EmulatorPortInUse or MgwErrorCodes.EmulatorStartFailed => MgwErrorKind.Unavailable,
        MgwErrorCodes.EmulatorNotRunning or MgwErrorCodes.ProfileNotFound => MgwErrorKind.NotFound,
        MgwErrorCodes.NoCredentials or MgwErrorCodes.IncompleteProfile => MgwErrorKind.Unauthenticated,
        MgwErrorCodes.UnsupportedProfileMode => MgwErrorKind.Unsupported,
        MgwErrorCodes.InvalidCredentialsFile => MgwErrorKind.InvalidData,
        MgwErrorCodes.InsecureEndpoint => MgwErrorKind.Insecure,
        MgwErrorCodes.NotConnected => MgwErrorKind.InvalidState,
        MgwErrorCodes.InvalidCsv or MgwErrorCodes.WrongDelimiter => MgwErrorKind.InvalidData,
        MgwErrorCodes.PathNotFound => MgwErrorKind.NotFound,
        MgwErrorCodes.TooManyRows => MgwErrorKind.Quota,
        // "Conflict" in the name, but two parameters that do not go together: bad input, not an existing resource.
        MgwErrorCodes.ContextConflict => MgwErrorKind.BadInput,
        MgwErrorCodes.WaitTimeout => MgwErrorKind.Timeout,
        MgwErrorCodes.RetryNotReady => MgwErrorKind.Unavailable,
        MgwErrorCodes.NoRunYet => MgwErrorKind.NotFound,
        MgwErrorCodes.SourceCredentialRequired => MgwErrorKind.BadInput,
        MgwErrorCodes.RetryAddressConflict => MgwErrorKind.Exists,
        _ => null,
    };
}
