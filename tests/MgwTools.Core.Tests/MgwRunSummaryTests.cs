using System;
using System.Linq;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace MgwTools.Core.Tests;

public class MgwRunSummaryTests
{
    private static readonly MarkdownPipeline Gfm = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    private static MgwRunSummary Creation()
    {
        var s = new MgwRunSummary("New-MgwJob", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
        {
            RowsIn = 5, Valid = 3, Created = 2, Existing = 0, Refused = 2, Failed = 1, NotSent = 0,
        };
        s.AddFile("/data/jobs.csv");
        s.AddJob(new MgwJob(new MgwJobSpec { Name = "good-one" }) { Version = "v-1", Row = 1 }, 2);
        s.AddJob(new MgwJob(new MgwJobSpec { Name = "good-two" }) { Version = "v-2", Row = 4 }, 6);
        s.AddProblem(new MgwError { Code = "InvalidJobName", Row = 2, Line = 3, JobName = "a|b<script>alert(1)</script>\n## heading *x* [l](http://e.test) `c` ![i](j)", Message = "bad | name" });
        s.AddProblem(new MgwError { Code = "NoSuchImportAddress", Row = 3, Line = 5, JobName = "three", Message = "The import address 'x' does not exist." });
        s.EndTime = s.StartTime.AddSeconds(2);
        return s;
    }

    [Fact]
    public void CountsAndExitCode_SayWhetherTheRunSucceeded()
    {
        MgwRunSummary s = Creation();
        Assert.False(s.Succeeded);
        Assert.Equal(1, s.ExitCode);
        Assert.Equal("New-MgwJob: 5 row(s): 2 created, 0 existing, 2 refused, 1 failed, 0 not sent.", s.ToString());
        Assert.Equal(TimeSpan.FromSeconds(2), s.Duration);
        Assert.Equal(new[] { "/data/jobs.csv" }, s.Files);

        var ok = new MgwRunSummary("New-MgwJob", DateTimeOffset.UtcNow) { RowsIn = 3, Created = 2, Existing = 1, NotConfirmed = 4 };
        Assert.True(ok.Succeeded);
        Assert.Equal(0, ok.ExitCode);
        Assert.Equal(1, new MgwRunSummary("New-MgwJob", DateTimeOffset.UtcNow) { StopCode = "RunStopped" }.ExitCode);
        Assert.Equal(1, new MgwRunSummary("New-MgwJob", DateTimeOffset.UtcNow) { NotSent = 1 }.ExitCode);
        Assert.Equal("Test-MgwJobSpec: 4 row(s): 3 valid, 1 refused, 2 warning(s).",
            new MgwRunSummary("Test-MgwJobSpec", DateTimeOffset.UtcNow) { RowsIn = 4, Valid = 3, Refused = 1, Warnings = 2 }.ToString());
    }

    [Fact]
    public void TheMarkdown_IsTablesThatAValueCannotBreak_WithNoHtmlNoLinkNoEmphasis()
    {
        string md = Creation().ToMarkdown();
        MarkdownDocument doc = Markdown.Parse(md, Gfm);

        Table[] tables = doc.Descendants<Table>().ToArray();
        Assert.Equal(3, tables.Length);
        Assert.All(tables, t => Assert.All(t.OfType<TableRow>(), r => Assert.Equal(((TableRow)t[0]).Count, r.Count)));
        Assert.Equal(3, tables[1].Count);   // header + 2 problems: the hostile name stayed in its cell
        Assert.Equal(3, tables[2].Count);   // header + 2 jobs
        Assert.Empty(doc.Descendants<HtmlBlock>());
        Assert.Empty(doc.Descendants<HtmlInline>());
        Assert.Empty(doc.Descendants<LinkInline>());
        Assert.Empty(doc.Descendants<AutolinkInline>());
        Assert.Empty(doc.Descendants<EmphasisInline>());
        Assert.Empty(doc.Descendants<CodeInline>());
        Assert.Single(doc.Descendants<HeadingBlock>(), h => h.Level == 3);

        string html = Markdown.ToHtml(md, Gfm);
        Assert.DoesNotContain("<script", html);
        Assert.Contains("a|b&lt;script&gt;alert(1)&lt;/script&gt; ## heading *x* [l](http:", html);
        Assert.Contains("<td>InvalidJobName</td>", html);
        Assert.Contains("New-MgwJob: 2 created, 2 refused, 1 failed", html);
        Assert.Contains("jobs.csv", html);
    }

    [Fact]
    public void LongLists_AreCut_AndSaySo()
    {
        var s = new MgwRunSummary("Test-MgwJobSpec", DateTimeOffset.UtcNow) { RowsIn = 1500, Refused = 1500 };
        for (int i = 1; i <= 1500; i++) s.AddProblem(new MgwError { Code = "MissingValue", Row = i, Message = new string('m', 1000) });

        Assert.Equal(MgwRunSummary.MaxKept, s.Problems.Length);
        string md = s.ToMarkdown();
        Table problems = Markdown.Parse(md, Gfm).Descendants<Table>().Last();
        Assert.Equal(201, problems.Count);
        Assert.Contains("… and 1300 more", md);
        Assert.True(md.Length < 256 * 1024, "far under the runners' 1 MiB");
    }

    [Fact]
    public void ATestRun_ShowsValidRefusedAndWarnings()
    {
        var s = new MgwRunSummary("Test-MgwJobSpec", DateTimeOffset.UtcNow) { RowsIn = 4, Valid = 3, Refused = 1, Warnings = 2 };
        string html = Markdown.ToHtml(s.ToMarkdown(), Gfm);
        Assert.Contains("Test-MgwJobSpec: 3 of 4 row(s) valid", html);
        Assert.Contains("<th style=\"text-align: right;\">Valid</th>", html);
        Assert.Contains("pipeline input", html);
    }
}
