using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using MgwTools.Core.Specs;

namespace MgwTools.Completers;

/// <summary>Completes <c>-Region</c> with the 11 hcs-mgw region IDs (mgw-api.md §3.2).</summary>
public sealed class RegionCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var pattern = WildcardPattern.Get((wordToComplete ?? "").Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
        foreach (string region in RegionLimits.Regions)
        {
            if (pattern.IsMatch(region))
            {
                RegionLimit limit = RegionLimits.For(region);
                yield return new CompletionResult(region, region, CompletionResultType.ParameterValue, limit.DisplayName);
            }
        }
    }
}
