using System.Collections.Generic;
using System.Linq;
using MgwTools.Core.Specs;

namespace MgwTools.Core.Tests;

public class ColumnCheckTests
{
    private static readonly ColumnCheck Check = new(new[] { new KeyValuePair<string, string>("ParentJobName", "ParentJobName"), new KeyValuePair<string, string>("parent-job-name", "ParentJobName") });

    [Theory]
    [InlineData("Max-Bandwith", "MaxBandwidth")]
    [InlineData("max_bandwith", "MaxBandwidth")]
    [InlineData("Source Address", "SourceAddress")]
    [InlineData("srcaddr", "SourceAddress")]
    [InlineData("dest-adress", "DestinationAddress")]
    [InlineData("overwrite_mod", "OverwriteMode")]
    [InlineData("StartCronExpresion", "StartCron")]
    [InlineData("TransferMdoe", "TransferMode")]
    [InlineData("parent job name", "ParentJobName")]
    [InlineData("Tagz", "Tag")]
    public void TheClosestName_IsSuggested(string column, string expected)
    {
        Assert.False(Check.IsKnown(column));
        Assert.Equal(expected, Check.Closest(column));
    }

    [Theory]
    [InlineData("Comment")]
    [InlineData("Owner")]
    [InlineData("x")]
    [InlineData("")]
    public void AColumnFarFromEveryName_GetsNoSuggestion(string column) => Assert.Null(Check.Closest(column));

    [Fact]
    public void EverySpellingOfEveryField_AndTheOtherNames_AreKnown_InAnyCase()
    {
        foreach (string name in JobFields.All.SelectMany(f => f.Names)) Assert.True(Check.IsKnown(name.ToUpperInvariant()), name);
        Assert.True(Check.IsKnown("PARENT-JOB-NAME"));
        Assert.Empty(Check.Check(new[] { "job-name", "SrcAddress", "DestinationAddress", "ParentJobName" }, strict: true));
    }

    [Fact]
    public void AnUnknownColumn_IsAWarningOnce_WithTheSuggestion_OrAnErrorUnderStrict()
    {
        MgwError warning = Assert.Single(Check.Check(new[] { "Max-Bandwith", "job-name", "max-bandwith" }, strict: false));
        Assert.Equal(MgwErrorCodes.UnknownColumn, warning.Code);
        Assert.Equal(MgwSeverity.Warning, warning.Severity);
        Assert.Equal("Max-Bandwith", warning.Value);
        Assert.Null(warning.Field);
        Assert.Equal("Column 'Max-Bandwith' names no job field, so its values are ignored. Did you mean 'MaxBandwidth'? " +
                     "Rename the column, or remove it; -Strict makes this an error.", warning.Message);

        MgwError error = Assert.Single(Check.Check(new[] { "Comment" }, strict: true));
        Assert.Equal(MgwSeverity.Error, error.Severity);
        Assert.Equal("Column 'Comment' names no job field. -Strict refuses every row that has it: rename the column, or remove it.", error.Message);
    }

    [Theory]
    [InlineData("job-name;src-address;dest-address;overwrite-mode", ';', "';'")]
    [InlineData("Name\tSourceAddress\tDestinationAddress", '\t', "\"`t\"")]
    [InlineData("job-name,src-address", ',', "','")]
    public void ColumnNamesJoinedByADelimiter_AreTheWrongDelimiter(string column, char separator, string shown)
    {
        Assert.Equal(separator, Check.JoinedWith(column, null));
        MgwError piped = Assert.Single(Check.Check(new[] { column }, strict: false));
        Assert.Equal(MgwErrorCodes.WrongDelimiter, piped.Code);
        Assert.Equal(MgwSeverity.Error, piped.Severity);
        Assert.Equal(MgwErrorKind.InvalidData, piped.Kind);
        Assert.Contains($"job field names joined by {shown}, so the file was read with the wrong delimiter", piped.Message);
        Assert.EndsWith($"Read the file with Import-Csv -Delimiter {shown}, or give it to -Path, which detects the delimiter.", piped.Message);

        MgwError file = Assert.Single(Check.Check(new[] { column }, strict: true, readWith: '|', fromFile: true));
        Assert.EndsWith($"Read it with -Delimiter {shown}, or leave -Delimiter out so the delimiter is detected.", file.Message);
    }

    [Fact]
    public void OneKnownNameWithADelimiter_IsNotTheWrongDelimiter_NorTheDelimiterTheInputWasReadWith()
    {
        Assert.Null(Check.JoinedWith("job-name;comment", null));
        Assert.Null(Check.JoinedWith("job-name,src-address", ','));
        Assert.Equal(MgwErrorCodes.UnknownColumn, Assert.Single(Check.Check(new[] { "job-name;comment" }, strict: false)).Code);
    }

    [Fact]
    public void AHostileColumnName_IsShownSafely_AndALongOneIsNotCompared()
    {
        string hostile = "x\n##vso[task.complete result=Succeeded]" + new string('y', 10_000);
        MgwError finding = Assert.Single(Check.Check(new[] { hostile }, strict: false));
        Assert.DoesNotContain("\n", finding.Message);
        Assert.Contains("x\\u000A##vso[task.complete", finding.Message);
        Assert.True(finding.Message.Length < 400);
        Assert.Null(Check.Closest(new string('a', ColumnCheck.MaxCompared + 1)));
    }

    [Fact]
    public void ExpectedColumns_AreNeitherWarnedAbout_NorSuggested()
    {
        var check = new ColumnCheck(null, new[] { "Version", "Status", " CreateTime " });
        Assert.Empty(check.Check(new[] { "version", "STATUS", "CreateTime" }, strict: true));
        Assert.Null(check.Closest("Statsu"));
        Assert.Equal(MgwErrorCodes.UnknownColumn, Assert.Single(check.Check(new[] { "Statsu" }, strict: false)).Code);
    }

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("maxbandwith", "maxbandwidth", 1)]
    [InlineData("transfermdoe", "transfermode", 1)]
    [InlineData("abc", "abc", 0)]
    [InlineData("abcdefgh", "xyz", 4)]   // above the bound: reported as bound + 1
    public void Distance_IsTheOptimalStringAlignment_Bounded(string a, string b, int expected) =>
        Assert.Equal(expected, ColumnCheck.Distance(a, b, 3));
}
