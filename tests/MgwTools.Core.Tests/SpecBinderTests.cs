using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using MgwTools.Core.Wire;
using MgwTools.Core.Specs;

namespace MgwTools.Core.Tests;

public class SpecBinderTests
{
    private static (MgwJobSpec Spec, IReadOnlyList<MgwError> Findings) Bind(string field, object? value) =>
        SpecBinder.Bind(new Dictionary<string, object?> { [field] = value });

    [Theory]
    [InlineData("1073741824", 1073741824L)]
    [InlineData("200Mbps", 200_000_000L)]
    [InlineData("200 Mbps", 200_000_000L)]
    [InlineData("1Gbps", 1_000_000_000L)]
    [InlineData("1gbps", 1_000_000_000L)]
    [InlineData("1Gibps", 1_073_741_824L)]
    [InlineData("1.5Gbps", 1_500_000_000L)]
    [InlineData("25MB/s", 200_000_000L)]
    [InlineData("512KiB/s", 4_194_304L)]
    [InlineData("100Mb/s", 100_000_000L)]
    [InlineData("10 Mbit/s", 10_000_000L)]
    [InlineData("2 GiB/s", 17_179_869_184L)]
    [InlineData("500bps", 500L)]
    [InlineData("-5", -5L)]
    public void Bandwidth_TextForms(string text, long bits)
    {
        var (spec, findings) = Bind("max-bandwidth", text);
        Assert.Empty(findings);
        Assert.Equal(bits, spec.MaxBandwidth);
    }

    [Theory]
    [InlineData("fast")]
    [InlineData("200M")]
    [InlineData("200 furlongs")]
    [InlineData("1e400Gbps")]
    [InlineData("99999999999999999999Tbps")]
    [InlineData("1000000000000000000000000000000000000000000000000000000000000000bps")]
    public void Bandwidth_BadText_IsAnInvalidBandwidthFinding(string text)
    {
        var (spec, findings) = Bind(JobFields.MaxBandwidth, text);
        Assert.Null(spec.MaxBandwidth);
        MgwError f = Assert.Single(findings);
        Assert.Equal(MgwErrorCodes.InvalidBandwidth, f.Code);
        Assert.Equal("MaxBandwidth", f.Field);
        Assert.Equal(text, f.Value);
        Assert.Contains("200Mbps", f.Message);
    }

    [Theory]
    [InlineData(1073741824L)]
    [InlineData(1073741824)]
    [InlineData(1073741824.0)]
    public void Bandwidth_Numbers_AreBitsPerSecond(object value) =>
        Assert.Equal(1073741824L, Bind(JobFields.MaxBandwidth, value).Spec.MaxBandwidth);

    [Theory]
    [InlineData("(.*).gif, (.*).pdf", new[] { "(.*).gif", "(.*).pdf" })]
    [InlineData("a{1,3},b", new[] { "a{1,3}", "b" })]
    [InlineData("[,;]x , (a|b,c)", new[] { "[,;]x", "(a|b,c)" })]
    [InlineData(@"a\,b,c", new[] { @"a\,b", "c" })]
    [InlineData("[]x,y],z", new[] { "[]x,y]", "z" })]
    [InlineData("[(],z", new[] { "[(]", "z" })]
    [InlineData(" , ,x,", new[] { "x" })]
    public void KeyFilters_SplitOnTopLevelCommasOnly(string text, string[] expected) =>
        Assert.Equal(expected, Bind("key-filters-includes", text).Spec.IncludeKey);

    [Fact]
    public void KeyFilters_ArrayElementsAreSplitToo() =>
        Assert.Equal(new[] { "a", "b{1,2}", "c" }, Bind(JobFields.ExcludeKey, new[] { "a, b{1,2}", " c " }).Spec.ExcludeKey);

    [Theory]
    [InlineData("2025-07-03 00:00:00 > 2025-07-04 00:00:00", "2025-07-03T00:00:00Z", "2025-07-04T00:00:00Z")]
    [InlineData("2025-07-03 08:00:00+08:00 > 2025-07-04 00:00:00Z", "2025-07-03T00:00:00Z", "2025-07-04T00:00:00Z")]
    [InlineData("2025-07-03T08:00:00 +08:00 > 2025-07-04T00:00:00", "2025-07-03T00:00:00Z", "2025-07-04T00:00:00Z")]
    [InlineData("2025-07-03>2025-07-04 12:30", "2025-07-03T00:00:00Z", "2025-07-04T12:30:00Z")]
    public void TimeWindow_Text_NoOffsetIsUtc_OffsetsHonoured(string text, string start, string end)
    {
        var (spec, findings) = Bind("last-modified-filters-includes", text);
        Assert.Empty(findings);
        MgwTimeWindow w = Assert.Single(spec.IncludeLastModified);
        Assert.Equal(DateTimeOffset.Parse(start), w.Start);
        Assert.Equal(DateTimeOffset.Parse(end), w.End);
    }

    [Fact]
    public void TimeWindow_SeveralCommaJoined() =>
        Assert.Equal(2, Bind(JobFields.ExcludeLastModified,
            "2025-01-01 00:00:00 > 2025-02-01 00:00:00, 2025-03-01 00:00:00 > 2025-04-01 00:00:00").Spec.ExcludeLastModified.Count);

    [Theory]
    [InlineData("yesterday > today")]
    [InlineData("2025-07-03 00:00:00")]
    [InlineData("2025-07-03 > 2025-07-04 > 2025-07-05")]
    [InlineData("2025-13-03 00:00:00 > 2025-07-04 00:00:00")]
    public void TimeWindow_BadText_IsAnInvalidTimeWindowFinding(string text)
    {
        var (_, findings) = Bind(JobFields.IncludeLastModified, text);
        MgwError f = Assert.Single(findings);
        Assert.Equal(MgwErrorCodes.InvalidTimeWindow, f.Code);
        Assert.Equal("IncludeLastModified", f.Field);
        Assert.Contains("yyyy-MM-dd HH:mm:ss > yyyy-MM-dd HH:mm:ss", f.Message);
    }

    [Fact]
    public void TimeWindow_DateTimePairs_ObjectsWithStartEnd_AndWindowsBind()
    {
        var unspecified = new DateTime(2025, 7, 3, 0, 0, 0, DateTimeKind.Unspecified);
        var utc = new DateTime(2025, 7, 4, 0, 0, 0, DateTimeKind.Utc);
        var (spec, findings) = Bind(JobFields.IncludeLastModified, new object[]
        {
            unspecified, utc,
            new Hashtable { ["Start"] = "2025-08-01 00:00:00", ["End"] = new DateTimeOffset(2025, 8, 2, 0, 0, 0, TimeSpan.Zero) },
            new { Start = unspecified.AddMonths(2), End = utc.AddMonths(2) },
            new MgwTimeWindow(DateTimeOffset.Parse("2025-10-01T00:00:00Z"), DateTimeOffset.Parse("2025-10-02T00:00:00Z")),
        });
        Assert.Empty(findings);
        Assert.Equal(4, spec.IncludeLastModified.Count);
        Assert.Equal(new DateTimeOffset(2025, 7, 3, 0, 0, 0, TimeSpan.Zero), spec.IncludeLastModified[0].Start);
        Assert.Equal(new DateTimeOffset(2025, 8, 1, 0, 0, 0, TimeSpan.Zero), spec.IncludeLastModified[1].Start);
    }

    [Fact]
    public void TimeWindow_LocalDateTime_IsConvertedFromTheLocalClock()
    {
        var local = new DateTime(2025, 7, 3, 0, 0, 0, DateTimeKind.Local);
        var (spec, _) = Bind(JobFields.IncludeLastModified, new object[] { local, local.AddDays(1) });
        Assert.Equal(local.ToUniversalTime(), spec.IncludeLastModified[0].Start.UtcDateTime);
    }

    [Fact]
    public void TimeWindow_UnpairedDateTime_IsAFinding() =>
        Assert.Equal(MgwErrorCodes.InvalidTimeWindow, Assert.Single(Bind(JobFields.IncludeLastModified, new object[] { DateTime.UtcNow }).Findings).Code);

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("yes", true)]
    [InlineData("Yes", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("No", false)]
    [InlineData("0", false)]
    [InlineData("", null)]
    [InlineData("  ", null)]
    public void Boolean_CsvText(string text, bool? expected)
    {
        foreach (string field in JobFields.All.Where(f => f.IsSwitch).Select(f => f.Name))
        {
            var (spec, findings) = Bind(field, text);
            Assert.Empty(findings);
            Assert.Equal(expected, typeof(MgwJobSpec).GetProperty(field)!.GetValue(spec));
        }
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("2")]
    [InlineData("y")]
    public void Boolean_BadText_IsAnInvalidValueFinding(string text)
    {
        var (spec, findings) = Bind("create-report", text);
        Assert.Null(spec.CreateReport);
        MgwError f = Assert.Single(findings);
        Assert.Equal((MgwErrorCodes.InvalidValue, "CreateReport", (object)text), (f.Code, f.Field!, f.Value!));
    }

    [Theory]
    [InlineData("overwrite-mode", "always", OverwriteMode.Always)]
    [InlineData("OverwriteMode", "NEVER", OverwriteMode.Never)]
    [InlineData("transfer-mode", "lastmodified", TransferMode.LastModified)]
    [InlineData("log-mode", "detail", LogMode.Detail)]
    [InlineData("target-storage-class", "coldarchive", StorageClass.ColdArchive)]
    [InlineData("TargetStorageClass", "IA", StorageClass.IA)]
    public void Enums_BindFromWireSpellings(string field, string text, object expected)
    {
        var (spec, findings) = Bind(field, text);
        Assert.Empty(findings);
        string canonical = SpecBinder.Canonical(field)!;
        Assert.Equal(expected, typeof(MgwJobSpec).GetProperty(canonical)!.GetValue(spec));
    }

    [Theory]
    [InlineData(JobFields.OverwriteMode, "sometimes")]
    [InlineData(JobFields.OverwriteMode, "1")]
    [InlineData(JobFields.TransferMode, "changed")]
    [InlineData(JobFields.LogMode, "verbose")]
    [InlineData(JobFields.TargetStorageClass, "Glacier")]
    public void Enums_BadText_IsAnInvalidValueFindingListingTheValues(string field, string text)
    {
        MgwError f = Assert.Single(Bind(field, text).Findings);
        Assert.Equal(MgwErrorCodes.InvalidValue, f.Code);
        Assert.Equal(field, f.Field);
        Assert.Contains("case does not matter", f.Message);
    }

    [Theory]
    [InlineData(JobFields.MaxQps, "500", 500L)]
    [InlineData("max-schedule-count", "10", 10L)]
    [InlineData("MaxImportTaskQps", 1000, 1000L)]
    public void Integers_Bind(string field, object value, long expected)
    {
        var (spec, findings) = Bind(field, value);
        Assert.Empty(findings);
        Assert.Equal(expected, SpecBinder.Canonical(field) == JobFields.MaxQps ? spec.MaxQps : spec.MaxScheduleCount);
    }

    [Theory]
    [InlineData(JobFields.MaxQps, "lots")]
    [InlineData(JobFields.MaxScheduleCount, "2.5")]
    public void Integers_BadText_IsAnInvalidValueFinding(string field, string text) =>
        Assert.Equal((MgwErrorCodes.InvalidValue, field), (Assert.Single(Bind(field, text).Findings).Code, Assert.Single(Bind(field, text).Findings).Field!));

    [Fact]
    public void Tags_FromText_KeepOrderAndCommasInValues()
    {
        var (spec, findings) = Bind("Tags", "team:data, env:prod,list:a,b");
        Assert.Empty(findings);
        Assert.Equal(new[] { "team", "env", "list" }, spec.Tag.Keys);
        Assert.Equal("a,b", spec.Tag["list"]);
        Assert.Equal("team:data,env:prod,list:a,b", spec.TagText);
    }

    [Fact]
    public void Tags_FromHashtable() =>
        Assert.Equal("v", Bind(JobFields.Tag, new Hashtable { ["k"] = "v" }).Spec.Tag["k"]);

    [Theory]
    [InlineData("novalue")]
    [InlineData(":v")]
    public void Tags_Unreadable_IsAnInvalidTagFinding(string text) =>
        Assert.Equal(MgwErrorCodes.InvalidTag, Assert.Single(Bind(JobFields.Tag, text).Findings).Code);

    [Fact]
    public void StartCron_AnyObjectBindsThroughToString() =>
        Assert.Equal("0 0 2 * * *", Bind("start-cron-expression", new FakeCron()).Spec.StartCron);

    [Fact]
    public void Aliases_AllResolve_AndEmptyMeansNotGiven()
    {
        foreach (JobField field in JobFields.All)
        {
            foreach (string name in field.Aliases) Assert.Equal(field.Name, SpecBinder.Canonical(name));
        }

        var (spec, findings) = SpecBinder.Bind(JobFields.All.Select(f => new KeyValuePair<string, object?>(f.Name, "")));
        Assert.Empty(findings);
        Assert.Equal("<ImportJob></ImportJob>", MgwJobSpecXml.Write(spec));
    }

    [Fact]
    public void SeveralSpellings_DifferentValues_AreAnAmbiguousValueFinding()
    {
        var (spec, findings) = SpecBinder.Bind(new List<KeyValuePair<string, object?>>
        {
            new("SourceAddress", "src-a"), new("SrcAddress", "src-b"), new("src-address", "src-c"), new("Name", "job-1"),
        });
        Assert.Null(spec.SourceAddress);
        Assert.Equal("job-1", spec.Name);
        MgwError f = Assert.Single(findings);
        Assert.Equal((MgwErrorCodes.AmbiguousValue, "SourceAddress", MgwSeverity.Error), (f.Code, f.Field!, f.Severity));
        Assert.Equal(new object[] { "src-a", "src-b", "src-c" }, (object?[])f.Value!);
        Assert.Contains("SourceAddress 'src-a', SrcAddress 'src-b', src-address 'src-c'", f.Message);
        Assert.Contains("Give it once", f.Message);
    }

    [Fact]
    public void SeveralSpellings_ThatMeanTheSame_Bind()
    {
        var (spec, findings) = SpecBinder.Bind(new List<KeyValuePair<string, object?>>
        {
            new("MaxBandwidth", "1Gbps"), new("max-bandwidth", 1_000_000_000L), new("overwrite-mode", "never"), new("OverwriteMode", OverwriteMode.Never),
            new("IncludeKey", "a, b"), new("KeyFiltersIncludes", new[] { "b", "a" }), new("Tags", "x:1"), new("Tag", new Hashtable { ["x"] = "1" }),
        });
        Assert.Empty(findings);
        Assert.Equal((1_000_000_000L, OverwriteMode.Never, "x:1"), (spec.MaxBandwidth!.Value, spec.OverwriteMode!.Value, spec.TagText!));
        Assert.Equal(new[] { "a", "b" }, spec.IncludeKey);
    }

    [Fact]
    public void SeveralSpellings_AnEmptyOneIsNotGiven()
    {
        var (spec, findings) = SpecBinder.Bind(new List<KeyValuePair<string, object?>>
        {
            new("SourceAddress", ""), new("src-address", "src-c"), new("CreateReport", " "), new("create-report", "yes"),
        });
        Assert.Empty(findings);
        Assert.Equal(("src-c", true), (spec.SourceAddress!, spec.CreateReport!.Value));
    }

    [Fact]
    public void SeveralSpellings_OneThatDoesNotParse_IsReportedAlone()
    {
        var (spec, findings) = SpecBinder.Bind(new List<KeyValuePair<string, object?>> { new("OverwriteMode", "sometimes"), new("overwrite-mode", "never") });
        Assert.Null(spec.OverwriteMode);
        Assert.Equal((MgwErrorCodes.InvalidValue, "OverwriteMode", (object)"sometimes"), (Assert.Single(findings).Code, findings[0].Field!, findings[0].Value!));
    }

    public static TheoryData<string, object> NotText => new()
    {
        { "Name", new Hashtable { ["a"] = 1 } },
        { "SourceAddress", new object[] { "a", "b" } },
        { "DestinationAddress", new object() },
        { "ParentVersion", new Dictionary<string, object> { ["x"] = 1 } },
        { "StartCron", new List<object> { "0 0 1 * * *", "0 0 2 * * *" } },
        { "OverwriteMode", new Hashtable() },
        { "MaxQps", new object[] { 1, 2 } },
        { "CreateReport", new object() },
        { "IncludeKey", new object[] { "a", new Hashtable() } },
    };

    [Theory]
    [MemberData(nameof(NotText))]
    public void TextFields_AHashtableArrayOrBareObject_IsAnInvalidValueFinding(string field, object value)
    {
        var (spec, findings) = Bind(field, value);
        MgwError f = Assert.Single(findings);
        Assert.Equal((MgwErrorCodes.InvalidValue, field), (f.Code, f.Field!));
        Assert.Contains("not text", f.Message);
        Assert.DoesNotContain("System.Collections", f.Message);
        Assert.Null(JobFields.Get(field).Kind == JobFieldKind.KeyFilters ? null : JobFields.Get(field).Get(spec));
    }

    [Fact]
    public void TextFields_TakeOneElementArrays_AndObjectsWithATextForm()
    {
        Assert.Equal("job-1", Bind("Name", new object[] { "job-1" }).Spec.Name);
        Assert.Equal("6af62558-970d-4f44-8663-4e297170fd6a", Bind("ParentVersion", Guid.Parse("6af62558-970d-4f44-8663-4e297170fd6a")).Spec.ParentVersion);
        Assert.Equal(new[] { "a", "b" }, Bind("IncludeKey", new object[] { "a", "b" }).Spec.IncludeKey);
    }

    [Fact]
    public void Tags_SplitInLinearTime_EvenAMegabyteOfCommas()
    {
        string text = "k:v" + new string(',', 500_000) + string.Concat(Enumerable.Repeat("x,", 250_000));
        IReadOnlyList<KeyValuePair<string, string>> pairs = SpecBinder.SplitTagText(text);
        Assert.Equal("k", Assert.Single(pairs).Key);
        Assert.Equal(1 + 250_000 * 2, pairs[0].Value.Length);
    }

    [Fact]
    public void Tags_JoinInTheirOrder_AndSplitBackToTheSamePairs()
    {
        var tags = new[]
        {
            new KeyValuePair<string, string>("team", "a,b"),
            new KeyValuePair<string, string>("env", "prod:eu"),
            new KeyValuePair<string, string>("empty", ""),
        };
        string text = SpecBinder.JoinTagText(tags);
        Assert.Equal("team:a,b,env:prod:eu,empty:", text);
        Assert.Equal(tags, SpecBinder.SplitTagText(text));
        Assert.Equal("", SpecBinder.JoinTagText(Array.Empty<KeyValuePair<string, string>>()));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a\u0007b", "a\\u0007b")]
    [InlineData("pair \ud83d\ude00", "pair \ud83d\ude00")]
    [InlineData("nonchar\uffff", "nonchar\\uFFFF")]
    public void Show_EscapesWhatCannotBeShown(string text, string shown) => Assert.Equal(shown, SpecBinder.Show(text));

    [Fact]
    public void Show_EscapesALoneSurrogate() => Assert.Equal("lone\\uD800 \\uDC00", SpecBinder.Show("lone" + '\ud800' + " " + '\udc00'));

    [Fact]
    public void Show_CutsLongValues_AndSaysHowLong()
    {
        string shown = SpecBinder.Show(new string('a', 1_000_000));
        Assert.Equal(new string('a', 64) + "... (1,000,000 characters)", shown);
    }

    [Theory]
    [InlineData("Name")]
    [InlineData("OverwriteMode")]
    [InlineData("MaxBandwidth")]
    [InlineData("MaxQps")]
    [InlineData("CreateReport")]
    [InlineData("IncludeKey")]
    [InlineData("IncludeLastModified")]
    [InlineData("Tag")]
    [InlineData("StartCron")]
    public void AMegabyteOfText_BindsWithAtMostOneShortFinding(string field)
    {
        string big = string.Concat(Enumerable.Repeat("(?<a-b>x)\\p{IsGreek}(?nx:y),z>w ", 35_000));
        var (_, findings) = Bind(field, big);
        Assert.True(findings.Count <= 1, string.Join(" | ", findings.Select(f => f.Code)));
        Assert.All(findings, f => Assert.True(f.Message.Length < 600, f.Message.Length.ToString()));
    }

    [Fact]
    public void Strings_AreTrimmed() =>
        Assert.Equal("job1", Bind("job-name", "  job1 ").Spec.Name);

    private sealed class FakeCron
    {
        public override string ToString() => "0 0 2 * * *";
    }
}
