using System;
using System.Management.Automation;

namespace MgwTools.Commands;

/// <summary>
/// The one place where an <see cref="MgwError"/> becomes an <see cref="ErrorRecord"/>: the
/// error id is the code, the category is mapped from the error's kind, the exception
/// carries the <see cref="MgwError"/>, and the target object is the input.
/// </summary>
public static class ErrorRecords
{
    /// <summary>Builds the record; the id starts with the error's code.</summary>
    public static ErrorRecord From(MgwError error, object? target, Exception? inner = null)
    {
        var exception = new MgwException(error, inner);
        var record = new ErrorRecord(exception, error.Code, CategoryOf(error), target);
        if (error.JobName is { Length: > 0 } name)
        {
            // CategoryInfo names the job ("InvalidArgument: (nightly-a:MgwJobSpec)"), whatever the target object is.
            record.CategoryInfo.TargetName = name;
        }

        if (error.Where.Length > 0 || error.Recommend is { Length: > 0 })
        {
            record.ErrorDetails = new ErrorDetails(error.LocatedMessage) { RecommendedAction = error.Recommend };
        }

        return record;
    }

    /// <summary>
    /// The PowerShell error category of <paramref name="error"/> (design §4): its <see cref="MgwError.Kind"/>, which Core
    /// computes from the code and HTTP status, mapped here and nowhere else.
    /// </summary>
    public static ErrorCategory CategoryOf(MgwError error) => CategoryOf(error.Kind);

    /// <summary>The PowerShell error category of an error kind.</summary>
    public static ErrorCategory CategoryOf(MgwErrorKind kind) => kind switch
    {
        MgwErrorKind.BadInput => ErrorCategory.InvalidArgument,
        MgwErrorKind.NotFound => ErrorCategory.ObjectNotFound,
        MgwErrorKind.Exists => ErrorCategory.ResourceExists,
        MgwErrorKind.Quota or MgwErrorKind.Throttled => ErrorCategory.LimitsExceeded,
        MgwErrorKind.Denied or MgwErrorKind.Credentials => ErrorCategory.PermissionDenied,
        // The service answers 403, but the fix is the local clock, not a permission.
        MgwErrorKind.Clock => ErrorCategory.InvalidOperation,
        MgwErrorKind.Timeout => ErrorCategory.OperationTimeout,
        MgwErrorKind.Transient => ErrorCategory.ConnectionError,
        MgwErrorKind.InvalidResponse => ErrorCategory.InvalidResult,
        MgwErrorKind.Unauthenticated => ErrorCategory.AuthenticationError,
        MgwErrorKind.Unsupported => ErrorCategory.NotImplemented,
        MgwErrorKind.InvalidData => ErrorCategory.InvalidData,
        MgwErrorKind.Insecure => ErrorCategory.SecurityError,
        MgwErrorKind.InvalidState => ErrorCategory.InvalidOperation,
        MgwErrorKind.Unavailable => ErrorCategory.ResourceUnavailable,
        MgwErrorKind.InUse => ErrorCategory.ResourceBusy,
        _ => ErrorCategory.NotSpecified,
    };
}
