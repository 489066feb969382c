using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace MgwTools.Completers;

/// <summary>
/// Completes time zone ids the machine knows (IANA ids on Linux and macOS, Windows ids on Windows;
/// both kinds are accepted when typed) plus <c>UTC</c>, by prefix and then by substring.
/// </summary>
public sealed class TimeZoneCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string word = (wordToComplete ?? "").Trim('\'', '"');
        var zones = new List<(string Id, string Display)> { ("UTC", "Coordinated Universal Time") };
        zones.AddRange(TimeZoneInfo.GetSystemTimeZones()
            .Where(z => !z.Id.Equals("UTC", StringComparison.OrdinalIgnoreCase))
            .Select(z => (z.Id, z.DisplayName)));

        var matches = zones.Where(z => z.Id.StartsWith(word, StringComparison.OrdinalIgnoreCase)).ToList();
        if (matches.Count == 0)
        {
            matches = zones.Where(z => z.Id.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0 ||
                                       z.Display.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0).ToList();
        }

        foreach ((string id, string display) in matches.OrderBy(z => z.Id, StringComparer.OrdinalIgnoreCase))
        {
            string text = id.IndexOfAny(new[] { ' ', '(', ')', '\'', '+' }) >= 0 ? "'" + id.Replace("'", "''") + "'" : id;
            yield return new CompletionResult(text, id, CompletionResultType.ParameterValue, display);
        }
    }
}
