using System.Collections.Generic;
using System.Linq;
using MgwTools.Core.Specs;

namespace MgwTools.Core.Tests;

// The text forms of a job's lists and tags (what Export-Csv writes) read back by the job-field parsers as the same values.
public class MgwJobValuesTests
{
    [Fact]
    public void KeyFilters_JoinWithCommas_AndSplitBackToTheSameFilters()
    {
        var filters = new MgwKeyFilterList(new[] { "logs/.*", "a{1,3}", "[,]x", "(a|b),c" });

        Assert.Equal("logs/.*,a{1,3},[,]x,(?:(a|b),c)", filters.ToString());
        Assert.Equal(new[] { "logs/.*", "a{1,3}", "[,]x", "(?:(a|b),c)" }, SpecBinder.SplitKeyFilters(new[] { filters.ToString() }));
    }

    [Theory]
    [InlineData("x,y", "(?:x,y)")]
    [InlineData(" lead", "(?: lead)")]
    [InlineData("trail ", "(?:trail )")]
    [InlineData("plain", "plain")]
    public void KeyFilters_ThatTheSplitWouldCut_AreWrittenInAGroup(string filter, string text)
    {
        var filters = new MgwKeyFilterList(new[] { filter, "next" });

        Assert.Equal(text + ",next", filters.ToString());
        Assert.Equal(new[] { text, "next" }, SpecBinder.SplitKeyFilters(new[] { filters.ToString() }));
    }

    [Fact]
    public void TimeWindows_AreMgwutilSyntaxInUtc_AndParseBack()
    {
        var windows = new MgwTimeWindowList(new[]
        {
            new MgwTimeWindow(new System.DateTimeOffset(2025, 7, 3, 8, 0, 0, System.TimeSpan.FromHours(8)), new System.DateTimeOffset(2025, 7, 4, 0, 0, 0, System.TimeSpan.Zero)),
            new MgwTimeWindow(new System.DateTimeOffset(2025, 8, 1, 0, 0, 0, System.TimeSpan.Zero), new System.DateTimeOffset(2025, 8, 2, 0, 0, 0, System.TimeSpan.Zero)),
        });

        Assert.Equal("2025-07-03 00:00:00Z > 2025-07-04 00:00:00Z,2025-08-01 00:00:00Z > 2025-08-02 00:00:00Z", windows.ToString());
        Assert.True(SpecBinder.TryParseTimeWindows(windows.ToString(), out List<MgwTimeWindow> back, out _));
        Assert.Equal(windows.Select(w => (w.Start, w.End)), back.Select(w => (w.Start, w.End)));
    }

    [Fact]
    public void Tags_AreKeyColonValue_InOrder_AndSplitBack()
    {
        var tags = new MgwTextPairs(new[] { new KeyValuePair<string, string>("team", "data"), new KeyValuePair<string, string>("env", "prod") });

        Assert.Equal("team:data,env:prod", tags.ToString());
        Assert.Equal(tags.ToList(), SpecBinder.SplitTagText(tags.ToString()).ToList());
        Assert.Equal("", new MgwTextPairs(new Dictionary<string, string>()).ToString());
    }

    [Fact]
    public void Job_ListsTheColumnsThatAreNotJobFields()
    {
        IReadOnlyList<string> columns = MgwJob.ReadOnlyColumns;

        Assert.Contains("Version", columns);
        Assert.Contains("Status", columns);
        Assert.Contains("CreateTime", columns);
        Assert.Contains("Row", columns);
        Assert.Contains("OverwriteModeText", columns);
        Assert.DoesNotContain("Name", columns);
        Assert.DoesNotContain("JobName", columns);
        Assert.DoesNotContain("IncludeKey", columns);
        Assert.DoesNotContain("Tag", columns);
        Assert.All(columns, c => Assert.Null(JobFields.All.FirstOrDefault(f => f.Matches(c))));
    }

    [Fact]
    public void Job_ValuesHaveTheirTextForms()
    {
        var spec = new MgwJobSpec { Name = "nightly-a", IncludeKey = new List<string> { "a", "b" } };
        spec.Tag["k"] = "v";
        var job = new MgwJob(spec) { UnreadValues = new Dictionary<string, string> { ["ImportQos/MaxBandWidth"] = "fast" } };

        Assert.Equal("a,b", job.IncludeKey.ToString());
        Assert.Equal("", job.ExcludeKey.ToString());
        Assert.Equal("k:v", job.Tag.ToString());
        Assert.Equal("ImportQos/MaxBandWidth:fast", job.UnreadValues.ToString());
        Assert.Equal("", new MgwJob(spec).UnreadValues.ToString());
    }
}
