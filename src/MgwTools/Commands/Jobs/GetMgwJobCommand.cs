using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using MgwTools.Completers;

namespace MgwTools.Commands;

/// <summary>
/// <c>Get-MgwJob</c>: jobs as the service reports them. No name lists every job (ListJob, page after page); an
/// exact <c>-Name</c> is one GetJob (a missing job is a non-terminating <c>NoSuchImportJob</c>); a name with
/// wildcards filters the listing, which is read once per command however many records are piped in.
/// <c>-Id</c> finds a job by its ID (the Version), <c>-ParentName</c> lists a job's children.
/// </summary>
[Cmdlet(VerbsCommon.Get, "MgwJob", DefaultParameterSetName = ByNameSet)]
[OutputType(typeof(MgwJob))]
public sealed class GetMgwJobCommand : MgwServiceCmdlet
{
    private const string ByNameSet = "ByName";
    private const string ByIdSet = "ById";
    private const string ByParentSet = "ByParent";

    private ServiceLookup<MgwJob>? _jobs;

    #region Parameters

    /// <summary>Job names; wildcards filter the listing. None: every job.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ByNameSet)]
    [Alias("JobName")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(JobNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Job IDs (the <c>Version</c> of a job, a UUID).</summary>
    // Not bound from a "Version" property: a piped MgwJob has Name and Version, and must bind by Name alone.
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByIdSet)]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>Name of a parent job: its child jobs (retry jobs and other subtasks) are listed.</summary>
    // Typed only: a piped MgwJob carries a ParentName of its own and must bind by Name.
    [Parameter(Mandatory = true, ParameterSetName = ByParentSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(JobNameCompleter))]
    public string ParentName { get; set; } = "";

    #endregion

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        switch (ParameterSetName)
        {
            case ByIdSet:
                foreach (string id in Id.Where(i => !string.IsNullOrWhiteSpace(i)))
                {
                    string trimmed = id.Trim();
                    if (TryCall((c, ct) => c.GetJobAsync(trimmed, byVersion: true, ct), trimmed, out MgwJob job)) WriteObject(job);
                }

                break;
            case ByParentSet:
                string parent = ParentName.Trim();
                if (TryCall((c, ct) => c.ListAllJobsAsync(parentName: parent, cancellationToken: ct), parent, out IReadOnlyList<MgwJob> children))
                {
                    WriteObject(children, enumerateCollection: true);
                }

                break;
            default:
                WriteObject(Jobs.Find(Name), enumerateCollection: true);
                break;
        }
    }

    private ServiceLookup<MgwJob> Jobs => _jobs ??= Lookup((c, ct) => c.ListAllJobsAsync(cancellationToken: ct), (c, name, ct) => c.GetJobAsync(name, false, ct), j => j.Name);
}
