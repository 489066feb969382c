using System;
using System.Globalization;

namespace MgwTools.Core.Jobs;

/// <summary>The errors of the job-lifecycle cmdlets that are the module's own (the service's come as they are).</summary>
public static class JobErrors
{
    /// <summary><c>WaitTimeout</c>: job <paramref name="name"/> did not reach what was awaited in <paramref name="timeout"/>.</summary>
    public static MgwError WaitTimeout(string name, TimeSpan timeout, string what, string? status = null) => new()
    {
        Code = MgwErrorCodes.WaitTimeout,
        JobName = name,
        Field = "Timeout",
        Value = status,
        Message = string.Format(CultureInfo.InvariantCulture,
            "Job '{0}' did not {1} within {2:N0} s{3}. It goes on on the service: wait again, or give a longer -Timeout.",
            name, what, timeout.TotalSeconds, status is null ? "" : $" (status {status})"),
    };

    /// <summary><c>RetryNotReady</c>: the failed-file list of a run is not ready yet.</summary>
    public static MgwError RetryNotReady(string name, int runtimeId) => new()
    {
        Code = MgwErrorCodes.RetryNotReady,
        JobName = name,
        Field = "RuntimeId",
        Value = runtimeId,
        Message = $"The failed-file list of run {runtimeId} of job '{name}' is not ready yet (ReadyRetry = NotReady). " +
                  "Wait for the run to end (Wait-MgwJob), then run New-MgwRetryJob again.",
    };

    /// <summary><c>NoRunYet</c>: the job has no run to read a result, report or failed-file list from.</summary>
    public static MgwError NoRunYet(string name) => new()
    {
        Code = MgwErrorCodes.NoRunYet,
        JobName = name,
        Field = "RuntimeId",
        Message = $"Job '{name}' has not run yet, so it has no run to read. Start it (Start-MgwJob) and wait for it (Wait-MgwJob), or give -RuntimeId.",
    };

    /// <summary><c>SourceCredentialRequired</c>: the retry address needs the source's secret, which the service never returns.</summary>
    public static MgwError SourceCredentialRequired(string name, string sourceAddress, string? addressType) => new()
    {
        Code = MgwErrorCodes.SourceCredentialRequired,
        JobName = name,
        Field = "SourceCredential",
        Value = sourceAddress,
        Message = $"The source address '{sourceAddress}' of job '{name}' is of type '{addressType}', whose files can only be read again " +
                  "with its AccessKey pair; the service never returns the secret. Give it with -SourceCredential (user name: AccessKey ID, password: AccessKey secret).",
    };

    /// <summary><c>RetryAddressConflict</c>: an address with the retry job's name exists but points elsewhere.</summary>
    public static MgwError RetryAddressConflict(string addressName, string jobName) => new()
    {
        Code = MgwErrorCodes.RetryAddressConflict,
        JobName = jobName,
        Field = "NewName",
        Value = addressName,
        Message = $"A data address named '{addressName}' exists already and is not the failed-file list of this run. " +
                  "Give the retry job another name with -NewName, or remove that address (Remove-MgwAddress).",
    };
}
