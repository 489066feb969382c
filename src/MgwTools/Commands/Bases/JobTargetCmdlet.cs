using System.Collections.Generic;
using System.Management.Automation;
using MgwTools.Completers;

namespace MgwTools.Commands;

/// <summary>
/// Base of the cmdlets that act on existing jobs: two parameter sets, <c>-Name</c> (positional, by property name
/// with the alias <c>JobName</c>, so <c>Import-Csv jobs.csv | Start-MgwJob</c> works, completed from the service)
/// and <c>-InputObject</c> (the <see cref="MgwJob"/> objects <c>Get-MgwJob</c> and <c>New-MgwJob</c> write).
/// <see cref="Targets"/> gives each job of the current record with the object its errors name as target.
/// Derived cmdlets make <see cref="ByInputObjectSet"/> their default set: PowerShell binds pipeline input in the
/// default set first, and a piped <see cref="MgwJob"/> (which has a Name) would otherwise bind by name and lose the
/// job it carries. Typed names and Import-Csv rows still select <see cref="ByNameSet"/>.
/// </summary>
public abstract class JobTargetCmdlet : MgwServiceCmdlet
{
    /// <summary>The parameter set of <c>-Name</c>.</summary>
    protected const string ByNameSet = "ByName";

    /// <summary>The parameter set of <c>-InputObject</c>.</summary>
    protected const string ByInputObjectSet = "ByInputObject";

    #region Parameters

    /// <summary>Names of the jobs.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ByNameSet)]
    [Alias("JobName")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(JobNameCompleter))]
    public string[] Name { get; set; } = System.Array.Empty<string>();

    /// <summary>Jobs from <c>Get-MgwJob</c> or <c>New-MgwJob</c>.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByInputObjectSet)]
    [ValidateNotNull]
    public MgwJob[] InputObject { get; set; } = System.Array.Empty<MgwJob>();

    #endregion

    /// <summary>The jobs of the current record: each name (trimmed, blanks skipped) with the object its errors name.</summary>
    protected IEnumerable<(string Name, object Target)> Targets()
    {
        if (ParameterSetName == ByInputObjectSet)
        {
            foreach (MgwJob job in InputObject)
            {
                if (job?.Name is { Length: > 0 } name) yield return (name, job);
            }

            yield break;
        }

        foreach (string name in Name)
        {
            if (!string.IsNullOrWhiteSpace(name)) yield return (name.Trim(), name.Trim());
        }
    }

    /// <summary>The job as the <c>-InputObject</c> carried it, when it did; null for a name.</summary>
    protected static MgwJob? Known(object target) => target as MgwJob;
}
