using System;
using System.Management.Automation;

namespace MgwTools.Commands;

/// <summary>
/// The one place where an <see cref="MgwError"/> becomes an <see cref="ErrorRecord"/>: the
/// error id is the code, the category is mapped from the code and HTTP status, the exception
/// carries the <see cref="MgwError"/>, and the target object is the input.
/// </summary>
public static class ErrorRecords
{
    /// <summary>Builds the record; the id starts with the error's code.</summary>
    public static ErrorRecord From(MgwError error, object? target, Exception? inner = null)
    {
        var exception = new MgwException(error, inner);
        var record = new ErrorRecord(exception, error.Code, CategoryOf(error), target);
        string where = Where(error);
        if (where.Length > 0 || error.Recommend is { Length: > 0 })
        {
            record.ErrorDetails = new ErrorDetails(where + error.Message) { RecommendedAction = error.Recommend };
        }

        return record;
    }

    // "Row 3 'nightly-a': " for an error about one input of many, so a CSV run's errors say which line to fix; "Job
    // 'nightly-a': " for a service error about one job whose text does not name it ("The specified import job does not
    // exist."), so the errors of a pipeline of names say which one failed.
    private static string Where(MgwError error) => error.Row switch
    {
        int row when error.JobName is { Length: > 0 } name => $"Row {row} '{name}': ",
        int row => $"Row {row}: ",
        _ when error.IsServiceError && error.JobName is { Length: > 0 } name &&
               error.Message.IndexOf($"'{name}'", StringComparison.Ordinal) < 0 => $"Job '{name}': ",
        _ => "",
    };

    /// <summary>Maps a code / HTTP status to a PowerShell error category (design §4).</summary>
    public static ErrorCategory CategoryOf(MgwError error)
    {
        string code = error.Code;
        if (JobCategory(code) is { } job)
        {
            return job;
        }

        if (code is MgwErrorCodes.EmulatorPortInUse or MgwErrorCodes.EmulatorStartFailed)
        {
            return ErrorCategory.ResourceUnavailable;
        }

        if (code is MgwErrorCodes.EmulatorNotRunning)
        {
            return ErrorCategory.ObjectNotFound;
        }

        if (SessionCategory(code) is { } session)
        {
            return session;
        }

        if (code.StartsWith("NoSuch", StringComparison.Ordinal) || error.StatusCode == 404)
        {
            return ErrorCategory.ObjectNotFound;
        }

        if (code.EndsWith("AlreadyExist", StringComparison.Ordinal) || code.EndsWith("AlreadyExists", StringComparison.Ordinal) ||
            code.Contains("Repeated") || code.Contains("Conflict") || error.StatusCode == 409)
        {
            return ErrorCategory.ResourceExists;
        }

        if (code.EndsWith("Exceed", StringComparison.Ordinal) || code.EndsWith("Exceeded", StringComparison.Ordinal) ||
            code.Contains("Throttl") || error.StatusCode == 429)
        {
            return ErrorCategory.LimitsExceeded;
        }

        // Before the 403 rule: the service answers 403, but the fix is the local clock, not a permission.
        if (code is "RequestTimeTooSkewed")
        {
            return ErrorCategory.InvalidOperation;
        }

        if (error.StatusCode == 403 || code is "AccessDenied" or "SignatureDoesNotMatch" or "InvalidAccessKeyId")
        {
            return ErrorCategory.PermissionDenied;
        }

        if (code is "Timeout" or "RequestTimeout" || error.StatusCode == 408)
        {
            return ErrorCategory.OperationTimeout;
        }

        if (code is MgwErrorCodes.InvalidResponse)
        {
            return ErrorCategory.InvalidResult;
        }

        if (error.StatusCode >= 500 || code is "NetworkError" or "ConnectionFailed")
        {
            return ErrorCategory.ConnectionError;
        }

        if (error.StatusCode == 400 || !error.IsServiceError)
        {
            return ErrorCategory.InvalidArgument;
        }

        return ErrorCategory.NotSpecified;
    }

    // The job-lifecycle cmdlets' own codes (Wait-MgwJob, Remove-MgwJob -Wait, the run readers, New-MgwRetryJob).
    private static ErrorCategory? JobCategory(string code) => code switch
    {
        MgwErrorCodes.WaitTimeout => ErrorCategory.OperationTimeout,
        MgwErrorCodes.RetryNotReady => ErrorCategory.ResourceUnavailable,
        MgwErrorCodes.NoRunYet => ErrorCategory.ObjectNotFound,
        MgwErrorCodes.SourceCredentialRequired => ErrorCategory.InvalidArgument,
        MgwErrorCodes.RetryAddressConflict => ErrorCategory.ResourceExists,
        _ => null,
    };

    // Connect-Mgw's own codes; the rest of the session codes are plain InvalidArgument.
    private static ErrorCategory? SessionCategory(string code) => code switch
    {
        MgwErrorCodes.NoCredentials or MgwErrorCodes.IncompleteProfile => ErrorCategory.AuthenticationError,
        MgwErrorCodes.UnsupportedProfileMode => ErrorCategory.NotImplemented,
        MgwErrorCodes.ProfileNotFound => ErrorCategory.ObjectNotFound,
        MgwErrorCodes.InvalidCredentialsFile => ErrorCategory.InvalidData,
        MgwErrorCodes.InsecureEndpoint => ErrorCategory.SecurityError,
        MgwErrorCodes.NotConnected => ErrorCategory.InvalidOperation,
        _ => null,
    };
}
