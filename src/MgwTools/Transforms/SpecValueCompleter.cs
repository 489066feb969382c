using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using MgwTools.Core.Specs;

namespace MgwTools.Completers;

/// <summary>Completes the enum-valued job-spec parameters (-OverwriteMode, -LogMode, ...) with their names, read from the field table.</summary>
internal sealed class SpecValueCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        JobField? field = JobFields.Find(parameterName);
        if (field is null || !field.ParameterType.IsEnum) yield break;
        string typed = (wordToComplete ?? "").Trim('\'', '"');
        foreach (string name in Enum.GetNames(field.ParameterType))
        {
            if (name.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            {
                yield return new CompletionResult(name, name, CompletionResultType.ParameterValue, name);
            }
        }
    }
}
