using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using MgwTools.Core.Credentials;

namespace MgwTools.Completers;

/// <summary>Completes <c>-ProfileName</c> with the profiles of <c>~/.aliyun/config.json</c>.</summary>
internal sealed class ProfileNameCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var pattern = WildcardPattern.Get(WildcardPattern.Escape(CompletionText.Unquote(wordToComplete)) + "*", WildcardOptions.IgnoreCase);
        foreach (string name in AliyunConfigFile.TryReadProfileNames(ProcessEnvironment.Instance))
        {
            if (pattern.IsMatch(name))
            {
                yield return new CompletionResult(CompletionText.Quote(name), name, CompletionResultType.ParameterValue, name);
            }
        }
    }
}

/// <summary>Quoting shared by the completers.</summary>
internal static class CompletionText
{
    /// <summary>The word without the quote the user may have started it with.</summary>
    public static string Unquote(string word) => word.Trim('\'', '"');

    /// <summary>Single-quotes a value that would not parse as a bare word.</summary>
    public static string Quote(string value)
    {
        foreach (char c in value)
        {
            if (char.IsWhiteSpace(c) || "'\"`$(){}[];,|&@#<>".IndexOf(c) >= 0)
            {
                return "'" + value.Replace("'", "''") + "'";
            }
        }

        return value;
    }
}
