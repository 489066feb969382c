using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace MgwTools.Completers;

/// <summary>Completes job status names (mgw-api.md §2.6). The set is the service's and may grow, so it is not an enum.</summary>
internal sealed class JobStatusCompleter : IArgumentCompleter
{
    private static readonly string[] s_statuses = Array.ConvertAll(MgwJobStatus.Known, s => s.Value);

    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var pattern = WildcardPattern.Get(WildcardPattern.Escape(CompletionText.Unquote(wordToComplete)) + "*", WildcardOptions.IgnoreCase);
        return s_statuses.Where(s => pattern.IsMatch(s)).Select(s => new CompletionResult(s, s, CompletionResultType.ParameterValue, s));
    }
}
