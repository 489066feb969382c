using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace MgwTools.Core.Automation;

/// <summary>The CI runners whose logging commands the bulk cmdlets speak.</summary>
public enum CiRunner
{
    /// <summary>No runner: no logging commands.</summary>
    None,
    /// <summary>Azure Pipelines (<c>TF_BUILD</c>): <c>##vso[task.logissue …]</c>, <c>task.uploadsummary</c>, <c>task.setprogress</c>.</summary>
    AzurePipelines,
    /// <summary>GitHub Actions (<c>GITHUB_ACTIONS</c>): <c>::error …::</c>, <c>::warning …::</c>, <c>$GITHUB_STEP_SUMMARY</c>.</summary>
    GitHubActions,
}

/// <summary>
/// The logging commands of the CI runners, written so that nothing from the input can become a command of its own.
/// Every value goes through the runner's escaping (Azure Pipelines: <c>%</c> → <c>%AZP25</c>, CR → <c>%0D</c>, LF →
/// <c>%0A</c>, and in a property also <c>;</c> → <c>%3B</c>, <c>]</c> → <c>%5D</c>; GitHub Actions: <c>%</c> →
/// <c>%25</c>, CR → <c>%0D</c>, LF → <c>%0A</c>, and in a property also <c>:</c> → <c>%3A</c>, <c>,</c> → <c>%2C</c>),
/// after every other control character is written as <c>\uXXXX</c> (an escape sequence or a NUL has no business in a
/// log) and <c>##vso[</c> / <c>##[</c> inside a value lose their bracket (<c>%5B</c>, which no runner unescapes). A command
/// is one line; a value can neither end it nor start another, nor hold text that looks like one.
/// </summary>
public static class CiCommands
{
    /// <summary>The longest message of one annotation; longer ones are cut (the runners cut them too, less visibly).</summary>
    public const int MaxMessageLength = 4000;

    /// <summary>The longest property value (a path, a code).</summary>
    public const int MaxPropertyLength = 1024;

    /// <summary>
    /// The runner to write for: <paramref name="asked"/> when it names one, none for <see cref="MgwCIOutput.None"/>; for
    /// <see cref="MgwCIOutput.Auto"/>, Azure Pipelines when <c>TF_BUILD</c> is set, GitHub Actions when <c>GITHUB_ACTIONS</c>
    /// is ("set": any value other than empty, <c>false</c> or <c>0</c>).
    /// </summary>
    public static CiRunner Resolve(MgwCIOutput asked, Func<string, string?> environment)
    {
        if (environment is null) throw new ArgumentNullException(nameof(environment));
        return asked switch
        {
            MgwCIOutput.AzurePipelines => CiRunner.AzurePipelines,
            MgwCIOutput.GitHubActions => CiRunner.GitHubActions,
            MgwCIOutput.None => CiRunner.None,
            _ when IsSet(environment("TF_BUILD")) => CiRunner.AzurePipelines,
            _ when IsSet(environment("GITHUB_ACTIONS")) => CiRunner.GitHubActions,
            _ => CiRunner.None,
        };
    }

    private static bool IsSet(string? value)
    {
        string v = (value ?? "").Trim();
        return v.Length > 0 && !v.Equals("false", StringComparison.OrdinalIgnoreCase) && v != "0";
    }

    /// <summary>
    /// One annotation: <c>##vso[task.logissue type=error;sourcepath=…;linenumber=…;code=…]message</c> or
    /// <c>::error file=…,line=…,title=…::message</c>. <paramref name="file"/> and <paramref name="line"/> are left out
    /// when null; <paramref name="title"/> is GitHub's (Azure Pipelines has none).
    /// </summary>
    public static string Issue(CiRunner runner, MgwSeverity severity, string message, string? file = null, int? line = null,
        string? code = null, string? title = null)
    {
        string type = severity == MgwSeverity.Error ? "error" : "warning";
        switch (runner)
        {
            case CiRunner.AzurePipelines:
            {
                var sb = new StringBuilder("##vso[task.logissue type=").Append(type).Append(';');
                if (file is { Length: > 0 }) sb.Append("sourcepath=").Append(AzureProperty(file)).Append(';');
                if (file is { Length: > 0 } && line is > 0) sb.Append("linenumber=").Append(line.Value.ToString(CultureInfo.InvariantCulture)).Append(';');
                if (code is { Length: > 0 }) sb.Append("code=").Append(AzureProperty(code)).Append(';');
                return sb.Append(']').Append(AzureData(message)).ToString();
            }
            case CiRunner.GitHubActions:
            {
                var properties = new List<string>();
                if (file is { Length: > 0 }) properties.Add("file=" + GitHubProperty(file));
                if (file is { Length: > 0 } && line is > 0) properties.Add("line=" + line.Value.ToString(CultureInfo.InvariantCulture));
                if (title is { Length: > 0 }) properties.Add("title=" + GitHubProperty(title));
                return "::" + type + (properties.Count > 0 ? " " + string.Join(",", properties) : "") + "::" + GitHubData(message);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(runner), runner, "No runner: no logging command.");
        }
    }

    /// <summary><c>##vso[task.setprogress value=N;]activity</c> on Azure Pipelines (percent 0–100); null elsewhere.</summary>
    public static string? Progress(CiRunner runner, int percent, string activity) => runner == CiRunner.AzurePipelines
        ? "##vso[task.setprogress value=" + Math.Max(0, Math.Min(100, percent)).ToString(CultureInfo.InvariantCulture) + ";]" + AzureData(activity)
        : null;

    /// <summary><c>##vso[task.uploadsummary]path</c>: Azure Pipelines attaches the markdown file to the run's summary.</summary>
    public static string UploadSummary(string path) => "##vso[task.uploadsummary]" + AzureData(path);

    /// <summary>
    /// A line the module writes outside a logging command (an error or warning as PowerShell shows it) made safe for a
    /// runner's log: line breaks become spaces, other control characters <c>\uXXXX</c>, and the starts of Azure Pipelines
    /// commands (<c>##vso[</c>, <c>##[</c>, which that agent finds anywhere in a line) lose their bracket (<c>%5B</c>).
    /// GitHub only reads a command at the start of a line, which a value can no longer reach.
    /// </summary>
    public static string SafeLine(string text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        return Defang(Controls(text.Replace("\r\n", " ").Replace('\r', ' ').Replace('\n', ' '), keepLineBreaks: false));
    }

    // "##vso[" and "##[" lose their bracket, so no Azure Pipelines command can start inside a value.
    private static string Defang(string text)
    {
        if (text.IndexOf("##", StringComparison.Ordinal) < 0) return text;
        var sb = new StringBuilder(text.Length + 8);
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '#' && i + 1 < text.Length && text[i + 1] == '#')
            {
                int open = i + 2;
                if (open < text.Length && text[open] == '[')
                {
                    sb.Append("##%5B");
                    i = open;
                    continue;
                }

                if (open + 4 <= text.Length && string.Compare(text, open, "vso[", 0, 4, StringComparison.OrdinalIgnoreCase) == 0)
                {
                    sb.Append("##").Append(text, open, 3).Append("%5B");
                    i = open + 3;
                    continue;
                }
            }

            sb.Append(text[i]);
        }

        return sb.ToString();
    }

    /// <summary>Azure Pipelines message data: <c>%</c>, CR and LF escaped (and no <c>##vso[</c> of its own, see <see cref="SafeLine"/>).</summary>
    public static string AzureData(string? value) =>
        Defang(Cut(Controls(value, keepLineBreaks: true), MaxMessageLength)).Replace("%", "%AZP25").Replace("\r", "%0D").Replace("\n", "%0A");

    /// <summary>An Azure Pipelines property value: as data, and <c>;</c> and <c>]</c> too.</summary>
    public static string AzureProperty(string? value) =>
        Defang(Cut(Controls(value, keepLineBreaks: true), MaxPropertyLength)).Replace("%", "%AZP25").Replace("\r", "%0D").Replace("\n", "%0A")
            .Replace(";", "%3B").Replace("]", "%5D");

    /// <summary>GitHub Actions message data: <c>%</c>, CR and LF escaped.</summary>
    public static string GitHubData(string? value) =>
        Defang(Cut(Controls(value, keepLineBreaks: true), MaxMessageLength)).Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    /// <summary>A GitHub Actions property value: as data, and <c>:</c> and <c>,</c> too.</summary>
    public static string GitHubProperty(string? value) =>
        Defang(Cut(Controls(value, keepLineBreaks: true), MaxPropertyLength)).Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A")
            .Replace(":", "%3A").Replace(",", "%2C");

    /// <summary>
    /// <paramref name="fullPath"/> as the runner wants it in an annotation: relative to <paramref name="workspace"/>
    /// (<c>BUILD_SOURCESDIRECTORY</c>, <c>GITHUB_WORKSPACE</c>) with forward slashes when it lies inside it, else as it is.
    /// </summary>
    public static string RunnerPath(string fullPath, string? workspace)
    {
        if (string.IsNullOrEmpty(fullPath) || string.IsNullOrWhiteSpace(workspace)) return fullPath;
        string root = workspace!.TrimEnd('/', '\\');
        StringComparison comparison = System.IO.Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (root.Length > 0 && fullPath.Length > root.Length + 1 && fullPath.StartsWith(root, comparison) && fullPath[root.Length] is '/' or '\\')
        {
            return fullPath.Substring(root.Length + 1).Replace('\\', '/');
        }

        return fullPath;
    }

    // Control characters other than the line breaks the escaping handles: \uXXXX, as values are shown in messages.
    private static string Controls(string? value, bool keepLineBreaks)
    {
        if (string.IsNullOrEmpty(value)) return "";
        StringBuilder? sb = null;
        for (int i = 0; i < value!.Length; i++)
        {
            char c = value[i];
            bool bad = (char.IsControl(c) && !(keepLineBreaks && c is '\r' or '\n')) || c is '\u2028' or '\u2029';
            if (bad)
            {
                sb ??= new StringBuilder(value, 0, i, value.Length + 16);
                sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                sb?.Append(c);
            }
        }

        return sb?.ToString() ?? value;
    }

    private static string Cut(string value, int most) =>
        value.Length <= most ? value : value.Substring(0, char.IsHighSurrogate(value[most - 1]) ? most - 1 : most) + "…";
}
