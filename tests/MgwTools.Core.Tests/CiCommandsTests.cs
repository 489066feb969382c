using System.Collections.Generic;
using System.Linq;
using MgwTools.Core.Automation;

namespace MgwTools.Core.Tests;

public class CiCommandsTests
{
    // A job name from a CSV that tries every way out of a logging command.
    private const string Hostile = "x%y;z]w:v,u\r\n##vso[task.setvariable variable=pwned]yes\n::set-output name=p::q\u001b[31m";

    private static Dictionary<string, string?> Env(params (string Name, string Value)[] values) => values.ToDictionary(v => v.Name, v => (string?)v.Value);

    [Theory]
    [InlineData(MgwCIOutput.Auto, "TF_BUILD", "True", CiRunner.AzurePipelines)]
    [InlineData(MgwCIOutput.Auto, "GITHUB_ACTIONS", "true", CiRunner.GitHubActions)]
    [InlineData(MgwCIOutput.Auto, "TF_BUILD", "false", CiRunner.None)]
    [InlineData(MgwCIOutput.Auto, "TF_BUILD", "0", CiRunner.None)]
    [InlineData(MgwCIOutput.Auto, "OTHER", "true", CiRunner.None)]
    [InlineData(MgwCIOutput.None, "TF_BUILD", "True", CiRunner.None)]
    [InlineData(MgwCIOutput.GitHubActions, "TF_BUILD", "True", CiRunner.GitHubActions)]
    [InlineData(MgwCIOutput.AzurePipelines, "OTHER", "x", CiRunner.AzurePipelines)]
    public void TheRunner_IsAskedFor_OrFoundInTheEnvironment(MgwCIOutput asked, string name, string value, CiRunner expected)
    {
        var env = Env((name, value));
        Assert.Equal(expected, CiCommands.Resolve(asked, n => env.TryGetValue(n, out string? v) ? v : null));
    }

    // "##vso[" inside a value loses its bracket first ("##vso%5B"), then "%" is escaped like any other: the agent shows "##vso%5B".
    [Fact]
    public void AzureAnnotation_EscapesEveryValueByTheAgentsRules()
    {
        string line = CiCommands.Issue(CiRunner.AzurePipelines, MgwSeverity.Error, "Row 3 '" + Hostile + "': bad", "docs/a;b]%.csv", 17, "Code;]x");

        Assert.Equal("##vso[task.logissue type=error;sourcepath=docs/a%3Bb%5D%AZP25.csv;linenumber=17;code=Code%3B%5Dx;]" +
                     "Row 3 'x%AZP25y;z]w:v,u%0D%0A##vso%AZP255Btask.setvariable variable=pwned]yes%0A::set-output name=p::q\\u001B[31m': bad", line);
        Assert.DoesNotContain('\n', line);
        Assert.Equal(1, Count(line, "##vso["));
    }

    [Fact]
    public void GitHubAnnotation_EscapesEveryValueByTheRunnersRules()
    {
        string line = CiCommands.Issue(CiRunner.GitHubActions, MgwSeverity.Warning, Hostile, "a,b:c%.csv", 4, title: "New-MgwJob: X,Y");

        Assert.Equal("::warning file=a%2Cb%3Ac%25.csv,line=4,title=New-MgwJob%3A X%2CY::" +
                     "x%25y;z]w:v,u%0D%0A##vso%255Btask.setvariable variable=pwned]yes%0A::set-output name=p::q\\u001B[31m", line);
        Assert.DoesNotContain('\r', line);
        Assert.DoesNotContain('\n', line);
    }

    [Fact]
    public void WithoutAFile_TheLineIsLeftOut_AndNoRunnerIsNoCommand()
    {
        Assert.Equal("##vso[task.logissue type=warning;]m", CiCommands.Issue(CiRunner.AzurePipelines, MgwSeverity.Warning, "m", null, 3));
        Assert.Equal("::error::m", CiCommands.Issue(CiRunner.GitHubActions, MgwSeverity.Error, "m", null, 3));
        Assert.Throws<System.ArgumentOutOfRangeException>(() => CiCommands.Issue(CiRunner.None, MgwSeverity.Error, "m"));
    }

    [Fact]
    public void Progress_AndUploadSummary_AreAzureCommands()
    {
        Assert.Equal("##vso[task.setprogress value=40;]Creating 100%AZP25", CiCommands.Progress(CiRunner.AzurePipelines, 40, "Creating 100%"));
        Assert.Equal("##vso[task.setprogress value=100;]x", CiCommands.Progress(CiRunner.AzurePipelines, 250, "x"));
        Assert.Null(CiCommands.Progress(CiRunner.GitHubActions, 40, "x"));
        Assert.Equal("##vso[task.uploadsummary]/tmp/a%AZP25b%0A.md", CiCommands.UploadSummary("/tmp/a%b\n.md"));
    }

    [Fact]
    public void SafeLine_KeepsAValueFromStartingACommand_InPlainLogText()
    {
        string safe = CiCommands.SafeLine("Row 3 '" + Hostile + "' ##[error]x ##VSO[task.complete]");

        Assert.DoesNotContain('\n', safe);
        Assert.DoesNotContain('\r', safe);
        Assert.DoesNotContain("##vso[", safe, System.StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("##[", safe);
        Assert.Contains("##vso%5Btask.setvariable", safe);
        Assert.Contains("##%5Berror]", safe);
        Assert.Contains("##VSO%5Btask.complete", safe);
        Assert.Contains("\\u001B[31m", safe);
        Assert.Equal("plain text: 100%", CiCommands.SafeLine("plain text: 100%"));
    }

    [Fact]
    public void LongValues_AreCut()
    {
        string message = CiCommands.AzureData(new string('m', 10_000));
        Assert.Equal(CiCommands.MaxMessageLength + 1, message.Length);
        Assert.EndsWith("…", message);
        Assert.Equal(CiCommands.MaxPropertyLength + 1, CiCommands.GitHubProperty(new string('p', 5000)).Length);
    }

    [Theory]
    [InlineData("/work/repo/jobs/a.csv", "/work/repo", "jobs/a.csv")]
    [InlineData("/work/repo/jobs/a.csv", "/work/repo/", "jobs/a.csv")]
    [InlineData("/work/repository/a.csv", "/work/repo", "/work/repository/a.csv")]
    [InlineData("/elsewhere/a.csv", "/work/repo", "/elsewhere/a.csv")]
    [InlineData("/work/repo/a.csv", null, "/work/repo/a.csv")]
    public void Paths_AreRelativeToTheWorkspace_WhenInside(string full, string? workspace, string expected) =>
        Assert.Equal(expected, CiCommands.RunnerPath(full, workspace));

    [Fact]
    public void CiProgress_ReportsEvery5Percent_AndALineEvery10()
    {
        var progress = new CiProgress();
        var seen = Enumerable.Range(1, 40).Select(done => progress.Next(done, 40)).ToList();

        Assert.Equal(new[] { 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90, 95, 100 }, seen.Where(s => s.Percent is not null).Select(s => s.Percent!.Value));
        Assert.Equal(10, seen.Count(s => s.Line));

        var unknown = new CiProgress();
        Assert.Equal(2, Enumerable.Range(1, 120).Count(done => unknown.Next(done, null).Line));
        Assert.All(Enumerable.Range(1, 10), done => Assert.Null(new CiProgress().Next(done, null).Percent));
    }

    private static int Count(string text, string part)
    {
        int n = 0;
        for (int i = text.IndexOf(part, System.StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, System.StringComparison.Ordinal)) n++;
        return n;
    }
}
