using System.Management.Automation;
using System.Net;
using MgwTools.Core.Jobs;

namespace MgwTools.Commands;

/// <summary>
/// <c>New-MgwRetryJob</c>: what <c>mgwutil retry-job</c> does. From the failed-file list of a run (default the latest),
/// creates a data address listing those files and a child job that migrates them again with the job's destination
/// and modes, and returns that job. <c>ReadyRetry = NoNeed</c> is a warning and creates nothing; <c>NotReady</c> is a
/// <c>RetryNotReady</c> error. Running it twice gives back the same retry job.
/// </summary>
[Cmdlet(VerbsCommon.New, "MgwRetryJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByInputObjectSet)]
[OutputType(typeof(MgwJob))]
public sealed class NewMgwRetryJobCommand : JobTargetCmdlet
{
    #region Parameters

    /// <summary>The run whose failed files are migrated again; default the latest run.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, int.MaxValue)]
    public int? RuntimeId { get; set; }

    /// <summary>Name of the retry job and its address; default &lt;job&gt;-retry-&lt;runtimeId&gt; (within 63 characters).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateLength(3, 63)]
    public string? NewName { get; set; }

    /// <summary>
    /// The source's AccessKey pair (user name: AccessKey ID, password: secret), for sources read with one (S3, Qiniu,
    /// COS…): the service never returns the secret, so the retry address needs it again. Not needed for OSS or agents.
    /// </summary>
    [Parameter]
    [Credential]
    public PSCredential? SourceCredential { get; set; }

    /// <summary>Start the retry job once created (a retry job that already ran is not started again).</summary>
    [Parameter]
    public SwitchParameter Start { get; set; }

    #endregion

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var (name, target) in Targets())
        {
            if (!ShouldProcess(name, "Create a job that migrates the failed files of " + (RuntimeId is { } id ? $"run {id}" : "the latest run") + " again"))
            {
                continue;
            }

            var request = new RetryJobRequest
            {
                JobName = name,
                RuntimeId = RuntimeId,
                NewName = NewName,
                SourceAccessId = SourceCredential?.UserName,
                SourceAccessSecret = SourceCredential is null ? null : new NetworkCredential("", SourceCredential.Password).Password,
                Start = Start,
            };
            if (!TryCall((c, ct) => RetryJobCreator.CreateAsync(c, request, ct), target, out RetryJobOutcome outcome)) continue;
            if (outcome.Job is null)
            {
                WriteWarning($"Run {outcome.Result.RuntimeId} of job '{name}' has no failed files to migrate again (ReadyRetry = NoNeed): nothing was created.");
                continue;
            }

            WriteVerbose(outcome.Created
                ? $"Created retry job '{outcome.Job.Name}' for run {outcome.Result.RuntimeId} of '{name}' ({outcome.Result.FailedObjectCount:N0} failed files)."
                : $"Retry job '{outcome.Job.Name}' existed already with this definition; returning it.");
            WriteObject(outcome.Job);
        }
    }
}
