using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace MgwTools.Completers;

/// <summary>Completes <c>-Region</c> with the regions of the service's endpoint table.</summary>
internal sealed class RegionCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var pattern = WildcardPattern.Get(WildcardPattern.Escape(CompletionText.Unquote(wordToComplete)) + "*", WildcardOptions.IgnoreCase);
        foreach (MgwRegion region in MgwRegions.All)
        {
            if (pattern.IsMatch(region.Id))
            {
                yield return new CompletionResult(region.Id, region.Id, CompletionResultType.ParameterValue, $"{region.Id}: {region.Name}");
            }
        }
    }
}
