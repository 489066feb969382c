using System;
using System.Collections.Generic;
using System.Linq;
using MgwTools.Core.Specs;

namespace MgwTools.Core.Tests;

public class MgwutilArgumentsTests
{
    private readonly List<MgwError> _findings = new();

    private IReadOnlyList<KeyValuePair<string, object?>> Read(params string[] arguments) => Read(arguments, Array.Empty<string>());

    private IReadOnlyList<KeyValuePair<string, object?>> Read(string[] arguments, string[] alreadyGiven) =>
        MgwutilArguments.Read(arguments, alreadyGiven.ToList(), _findings);

    private static KeyValuePair<string, object?> Pair(string field, object? value) => new(field, value);

    [Fact]
    public void FlagValuePairs_AndABooleanSwitch_InOrder()
    {
        var pairs = Read("--src-address", "oss-src", "--create-report", "--dest-address", "oss-dest", "--max-bandwidth", "200Mbps");

        Assert.Empty(_findings);
        Assert.Equal([Pair("SourceAddress", "oss-src"), Pair("CreateReport", true), Pair("DestinationAddress", "oss-dest"), Pair("MaxBandwidth", "200Mbps")], pairs);
    }

    [Fact]
    public void TheVendorsCreateJobLine_ReadsAsItIsWritten()
    {
        var pairs = Read("--job-name", "examplejob", "--src-address", "examplesrc", "--dest-address", "exampledest",
            "--overwrite-mode", "always", "--transfer-mode", "all", "--max-qps", "100", "--start-cron-expression", "0 0 2 * * *",
            "--exclude-dir", "--key-filters-includes", "^docs/");

        Assert.Empty(_findings);
        Assert.Equal(["Name", "SourceAddress", "DestinationAddress", "OverwriteMode", "TransferMode", "MaxQps", "StartCron", "ExcludeDirectory", "IncludeKey"],
            pairs.Select(p => p.Key));
        Assert.Equal("0 0 2 * * *", pairs.Single(p => p.Key == "StartCron").Value);
        Assert.Equal(true, pairs.Single(p => p.Key == "ExcludeDirectory").Value);
    }

    [Theory]
    [InlineData("--src-address")]
    [InlineData("--SRC-ADDRESS")]
    [InlineData("--SrcAddress")]
    [InlineData("--SourceAddress")]
    public void AnyNameOfTheField_CaseInsensitive_GivesTheCanonicalField(string flag)
    {
        var pairs = Read(flag, "examplesrc");

        Assert.Empty(_findings);
        Assert.Equal([Pair("SourceAddress", "examplesrc")], pairs);
    }

    [Fact]
    public void ABooleanFlag_TakesNoValue_SoAWordAfterItIsAStrayArgument()
    {
        var pairs = Read("--create-report", "false");

        Assert.Equal([Pair("CreateReport", true)], pairs);
        MgwError finding = Assert.Single(_findings);
        Assert.Equal(MgwErrorCodes.InvalidValue, finding.Code);
        Assert.Equal("false", finding.Value);
        Assert.Contains("'false' is an extra argument", finding.Message);
    }

    [Fact]
    public void EveryBooleanField_IsASwitch()
    {
        var pairs = Read("--create-report", "--exclude-dir", "--exclude-symlink", "--with-storage-class", "--with-last-modify-time",
            "--convert-symlink-target", "--appendable-to-normal");

        Assert.Empty(_findings);
        Assert.Equal(7, pairs.Count);
        Assert.All(pairs, p => Assert.Equal(true, p.Value));
    }

    [Fact]
    public void UnknownFlag_IsAFinding_NotAnException_AndTheRestIsStillRead()
    {
        var pairs = Read("--bogus-flag", "--src-address", "examplesrc");

        Assert.Equal([Pair("SourceAddress", "examplesrc")], pairs);
        MgwError finding = Assert.Single(_findings);
        Assert.Equal(MgwErrorCodes.InvalidValue, finding.Code);
        Assert.Equal("bogus-flag", finding.Field);
        Assert.Equal("--bogus-flag", finding.Value);
        Assert.Contains("'--bogus-flag' is not a create-job flag", finding.Message);
    }

    [Fact]
    public void UnknownFlag_TakesItsValueWithIt_OneFinding()
    {
        var pairs = Read("--bogus-flag", "x1", "--src-address", "examplesrc", "stray");

        Assert.Equal([Pair("SourceAddress", "examplesrc")], pairs);
        Assert.Equal(2, _findings.Count);
        Assert.Contains("'--bogus-flag' is not a create-job flag", _findings[0].Message);
        Assert.Contains("'stray' is an extra argument", _findings[1].Message);
    }

    [Fact]
    public void MissingValue_AtTheEnd()
    {
        var pairs = Read("--src-address");

        Assert.Empty(pairs);
        MgwError finding = Assert.Single(_findings);
        Assert.Equal("SourceAddress", finding.Field);
        Assert.Null(finding.Value);
        Assert.Equal("'--src-address' needs a value after it, e.g. --src-address <value>.", finding.Message);
    }

    [Fact]
    public void MissingValue_BeforeTheNextFlag_WhichIsStillRead()
    {
        var pairs = Read("--src-address", "--dest-address", "exampledest");

        Assert.Equal([Pair("DestinationAddress", "exampledest")], pairs);
        Assert.Equal("SourceAddress", Assert.Single(_findings).Field);
    }

    [Fact]
    public void AValueWithASingleDash_IsAValue()
    {
        var pairs = Read("--max-qps", "-5");

        Assert.Empty(_findings);
        Assert.Equal([Pair("MaxQps", "-5")], pairs);
    }

    [Fact]
    public void AFieldAlreadyBoundAsAParameter_IsAFinding_AndNotReadAgain()
    {
        var pairs = Read(["--src-address", "other", "--dest-address", "exampledest"], ["sourceaddress"]);

        Assert.Equal([Pair("DestinationAddress", "exampledest")], pairs);
        MgwError finding = Assert.Single(_findings);
        Assert.Equal("SourceAddress", finding.Field);
        Assert.Equal("other", finding.Value);
        Assert.Contains("given twice", finding.Message);
    }

    [Fact]
    public void TheSameFieldTwiceUnderTwoNames_KeepsTheFirst()
    {
        var pairs = Read("--max-qps", "5", "--MaxImportTaskQps", "6");

        Assert.Equal([Pair("MaxQps", "5")], pairs);
        MgwError finding = Assert.Single(_findings);
        Assert.Equal("MaxQps", finding.Field);
        Assert.Equal("6", finding.Value);
        Assert.Contains("'--MaxImportTaskQps'", finding.Message);
    }

    [Theory]
    [InlineData("-x", "is not a parameter of this command")]
    [InlineData("--", "is not a parameter of this command")]
    [InlineData("examplejob", "is an extra argument")]
    [InlineData("", "is an extra argument")]
    public void StrayArguments_AreFindings(string argument, string says)
    {
        var pairs = Read(argument);

        Assert.Empty(pairs);
        MgwError finding = Assert.Single(_findings);
        Assert.Equal(MgwErrorCodes.InvalidValue, finding.Code);
        Assert.Equal("", finding.Field);
        Assert.Equal(argument, finding.Value);
        Assert.Contains(says, finding.Message);
    }

    [Fact]
    public void NoArguments_NoPairs_NoFindings()
    {
        Assert.Empty(Read());
        Assert.Empty(_findings);
    }

    [Fact]
    public void FindingsAreAdded_ExistingOnesKept()
    {
        _findings.Add(new MgwError { Code = "Earlier" });

        Read("--bogus-flag");

        Assert.Equal(["Earlier", MgwErrorCodes.InvalidValue], _findings.Select(f => f.Code));
    }

    [Fact]
    public void ThePairsBindToASpec()
    {
        var pairs = Read("--job-name", "examplejob", "--src-address", "examplesrc", "--dest-address", "exampledest",
            "--overwrite-mode", "never", "--create-report", "--max-bandwidth", "200Mbps");

        (MgwJobSpec spec, IReadOnlyList<MgwError> findings) = SpecBinder.Bind(pairs);

        Assert.Empty(_findings);
        Assert.Empty(findings);
        Assert.Equal("examplejob", spec.Name);
        Assert.Equal("examplesrc", spec.SourceAddress);
        Assert.Equal(OverwriteMode.Never, spec.OverwriteMode);
        Assert.True(spec.CreateReport);
        Assert.Equal(200_000_000, spec.MaxBandwidth);
    }
}
