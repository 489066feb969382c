using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace MgwTools.Core.Automation;

/// <summary>
/// <see cref="MgwRunSummary.ToMarkdown"/>: the counts, the rows refused or failed, the jobs created, as GitHub-flavoured
/// markdown tables that Azure Pipelines' summary tab and <c>$GITHUB_STEP_SUMMARY</c> both render.
/// </summary>
internal static class RunSummaryMarkdown
{
    /// <summary>The most rows listed per table.</summary>
    public const int MaxListed = 200;

    /// <summary>The longest text of one cell.</summary>
    public const int MaxCell = 300;

    public static string Write(MgwRunSummary s, IReadOnlyList<MgwError> problems, IReadOnlyList<(MgwJob Job, int? Line)> jobs)
    {
        var md = new StringBuilder();
        md.Append("### ").Append(Text(Headline(s))).Append("\n\n");
        string input = s.Files.Length > 0 ? string.Join(", ", Array.ConvertAll(s.Files, f => Path.GetFileName(f))) : "pipeline input";
        md.Append("Input: ").Append(Text(input)).Append(" · ").Append(Number(s.RowsIn)).Append(" row(s) · ")
          .Append(Text(s.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture))).Append(" s\n\n");

        if (s.IsCreation)
        {
            md.Append("| Rows in | Created | Existing | Refused | Failed | Not sent |\n| ---: | ---: | ---: | ---: | ---: | ---: |\n");
            md.Append("| ").Append(Number(s.RowsIn)).Append(" | ").Append(Number(s.Created)).Append(" | ").Append(Number(s.Existing))
              .Append(" | ").Append(Number(s.Refused)).Append(" | ").Append(Number(s.Failed)).Append(" | ").Append(Number(s.NotSent)).Append(" |\n\n");
        }
        else
        {
            md.Append("| Rows in | Valid | Refused | Warnings |\n| ---: | ---: | ---: | ---: |\n");
            md.Append("| ").Append(Number(s.RowsIn)).Append(" | ").Append(Number(s.Valid)).Append(" | ").Append(Number(s.Refused))
              .Append(" | ").Append(Number(s.Warnings)).Append(" |\n\n");
        }

        if (s.StopCode is { } code)
        {
            md.Append("**Stopped** at ").Append(Text(code)).Append(": ").Append(Number(s.NotSent))
              .Append(" row(s) were not sent. Fix the cause, then run the same command again with -SkipExisting.\n\n");
        }

        if (problems.Count > 0)
        {
            md.Append("#### Refused or failed\n\n| Row | Line | Job | Code | Reason |\n| ---: | ---: | --- | --- | --- |\n");
            for (int i = 0; i < problems.Count && i < MaxListed; i++)
            {
                MgwError e = problems[i];
                md.Append("| ").Append(Number(e.Row)).Append(" | ").Append(Number(e.Line)).Append(" | ").Append(Text(e.JobName))
                  .Append(" | ").Append(Text(e.Code)).Append(" | ").Append(Text(e.Message)).Append(" |\n");
            }

            More(md, problems.Count, s.Refused + s.Failed > problems.Count ? s.Refused + s.Failed : problems.Count);
        }

        if (jobs.Count > 0)
        {
            md.Append("#### Jobs\n\n| Row | Line | Job | Status | Version |\n| ---: | ---: | --- | --- | --- |\n");
            for (int i = 0; i < jobs.Count && i < MaxListed; i++)
            {
                var (job, line) = jobs[i];
                md.Append("| ").Append(Number(job.Row)).Append(" | ").Append(Number(line)).Append(" | ").Append(Text(job.Name))
                  .Append(" | ").Append(Text(job.Status?.ToString())).Append(" | ").Append(Text(job.Version)).Append(" |\n");
            }

            More(md, jobs.Count, s.Created + s.Existing);
        }

        return md.ToString();
    }

    private static string Headline(MgwRunSummary s)
    {
        if (!s.IsCreation)
        {
            return string.Format(CultureInfo.InvariantCulture, "{0}: {1} of {2} row(s) valid", s.Command, s.Valid, s.RowsIn);
        }

        var parts = new List<string> { string.Format(CultureInfo.InvariantCulture, "{0} created", s.Created) };
        if (s.Existing > 0) parts.Add(string.Format(CultureInfo.InvariantCulture, "{0} existing", s.Existing));
        if (s.Refused > 0) parts.Add(string.Format(CultureInfo.InvariantCulture, "{0} refused", s.Refused));
        if (s.Failed > 0) parts.Add(string.Format(CultureInfo.InvariantCulture, "{0} failed", s.Failed));
        if (s.NotSent > 0) parts.Add(string.Format(CultureInfo.InvariantCulture, "{0} not sent", s.NotSent));
        return s.Command + ": " + string.Join(", ", parts) + (s.Stopped ? " (stopped)" : "");
    }

    private static void More(StringBuilder md, int listed, int total)
    {
        int shown = Math.Min(listed, MaxListed);
        md.Append('\n');
        if (total > shown)
        {
            md.Append("… and ").Append(Number(total - shown)).Append(" more (the error stream, or -SummaryVariable's Problems and Jobs, has them).\n\n");
        }
    }

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    /// <summary>
    /// A value as markdown text that stays text: control characters and line breaks as in messages, HTML's <c>&amp;</c>,
    /// <c>&lt;</c>, <c>&gt;</c> as entities, the inline markdown characters backslash-escaped (so <c>|</c> cannot split a
    /// table cell and nothing becomes a link, an image, code or emphasis), cut at <see cref="MaxCell"/>.
    /// </summary>
    internal static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        string shown = CiCommands.SafeLine(value!.Length > MaxCell ? value.Substring(0, MaxCell) : value);
        var sb = new StringBuilder(shown.Length + 16);
        foreach (char c in shown)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                // Inline markdown (a cell never starts a line, so list and heading markers cannot act); ':' stops autolinks.
                case '\\' or '`' or '*' or '_' or '[' or ']' or '!' or '|' or '~' or ':':
                    sb.Append('\\').Append(c);
                    break;
                default: sb.Append(c); break;
            }
        }

        if (value.Length > MaxCell) sb.Append('…');
        return sb.ToString();
    }
}
