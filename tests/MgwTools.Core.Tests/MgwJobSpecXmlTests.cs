using System;
using System.Collections.Generic;
using System.Xml.Linq;
using MgwTools.Core.Wire;

namespace MgwTools.Core.Tests;

public class MgwJobSpecXmlTests
{
    private const string MinimalBody =
        "<ImportJob><Name>examplejob</Name><SrcAddress>examplesrc</SrcAddress><DestAddress>exampledest</DestAddress>" +
        "<OverwriteMode>always</OverwriteMode><TransferMode>all</TransferMode></ImportJob>";

    private static MgwJobSpec Minimal() => new()
    {
        Name = "examplejob",
        SourceAddress = "examplesrc",
        DestinationAddress = "exampledest",
        OverwriteMode = OverwriteMode.Always,
        TransferMode = TransferMode.All,
    };

    internal static MgwJobSpec Full() => new()
    {
        Name = "full-job",
        SourceAddress = "oss-src-address",
        DestinationAddress = "oss-dest-address",
        OverwriteMode = OverwriteMode.Always,
        TransferMode = TransferMode.LastModified,
        Tag = new Dictionary<string, string> { ["team"] = "data", ["env"] = "prod" },
        ParentVersion = "6af62558-970d-4f44-8663-4e297170fd6a",
        ConvertSymlinkTarget = true,
        CreateReport = true,
        LogMode = LogMode.Detail,
        IncludeKey = new List<string> { "(.*).gif", "a{1,3}" },
        ExcludeKey = new List<string> { "tmp/.*" },
        IncludeLastModified = new List<MgwTimeWindow>
        {
            new(new DateTimeOffset(2025, 7, 3, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 7, 4, 0, 0, 0, TimeSpan.Zero)),
        },
        ExcludeLastModified = new List<MgwTimeWindow>
        {
            new(new DateTimeOffset(2025, 7, 3, 8, 0, 0, TimeSpan.FromHours(8)), new DateTimeOffset(2025, 7, 3, 12, 0, 0, TimeSpan.Zero)),
        },
        ExcludeSymlink = false,
        ExcludeDirectory = true,
        MaxBandwidth = 1073741824,
        MaxQps = 1000,
        StartCron = "0 0 2 * * *",
        SuspendCron = "0 0 8 * * *",
        MaxScheduleCount = 10,
        AppendableToNormal = false,
        TargetStorageClass = StorageClass.IA,
        WithLastModifyTime = false,
        WithStorageClass = false,
    };

    private const string FullBody =
        "<ImportJob><Name>full-job</Name><SrcAddress>oss-src-address</SrcAddress><DestAddress>oss-dest-address</DestAddress>" +
        "<OverwriteMode>always</OverwriteMode><TransferMode>lastmodified</TransferMode><Tags>team:data,env:prod</Tags>" +
        "<ParentVersion>6af62558-970d-4f44-8663-4e297170fd6a</ParentVersion><ConvertSymlinkTarget>true</ConvertSymlinkTarget>" +
        "<CreateReport>true</CreateReport><Audit><LogMode>detail</LogMode></Audit>" +
        "<FilterRule><KeyFilters><Includes><Regex>(.*).gif</Regex><Regex>a{1,3}</Regex></Includes>" +
        "<Excludes><Regex>tmp/.*</Regex></Excludes></KeyFilters>" +
        "<LastModifiedFilters><Includes><TimeFilter><StartTime>2025-07-03T00:00:00Z</StartTime><EndTime>2025-07-04T00:00:00Z</EndTime></TimeFilter></Includes>" +
        "<Excludes><TimeFilter><StartTime>2025-07-03T00:00:00Z</StartTime><EndTime>2025-07-03T12:00:00Z</EndTime></TimeFilter></Excludes></LastModifiedFilters>" +
        "<FileTypeFilters><ExcludeSymlink>false</ExcludeSymlink><ExcludeDir>true</ExcludeDir></FileTypeFilters></FilterRule>" +
        "<ImportQos><MaxBandWidth>1073741824</MaxBandWidth><MaxImportTaskQps>1000</MaxImportTaskQps></ImportQos>" +
        "<ScheduleRule><StartCronExpression>0 0 2 * * *</StartCronExpression><SuspendCronExpression>0 0 8 * * *</SuspendCronExpression>" +
        "<MaxScheduleCount>10</MaxScheduleCount></ScheduleRule>" +
        "<AppendableToNormal>false</AppendableToNormal><TargetStorageClass>IA</TargetStorageClass>" +
        "<WithLastModifyTime>false</WithLastModifyTime><WithStorageClass>false</WithStorageClass></ImportJob>";

    [Fact]
    public void Write_MinimalSpec_IsTheSigningVectorByteForByte() =>
        Assert.Equal(MinimalBody, MgwJobSpecXml.Write(Minimal()));

    [Fact]
    public void Write_FullSpec_HasEveryElementInTreeOrder() =>
        Assert.Equal(FullBody, MgwJobSpecXml.Write(Full()));

    [Fact]
    public void Write_OmitsEmptyParentsAndUnsetValues()
    {
        MgwJobSpec spec = Minimal();
        spec.LogMode = null;
        spec.ExcludeSymlink = null;
        spec.IncludeKey = new List<string>();
        spec.StartCron = "";
        string xml = MgwJobSpecXml.Write(spec);
        Assert.DoesNotContain("FilterRule", xml);
        Assert.DoesNotContain("Audit", xml);
        Assert.DoesNotContain("ScheduleRule", xml);
        Assert.DoesNotContain("ImportQos", xml);
    }

    [Fact]
    public void Write_OnlyExcludeDir_KeepsItsParentsAndNothingElse()
    {
        MgwJobSpec spec = Minimal();
        spec.ExcludeDirectory = false;
        Assert.Contains("<FilterRule><FileTypeFilters><ExcludeDir>false</ExcludeDir></FileTypeFilters></FilterRule>", MgwJobSpecXml.Write(spec));
    }

    [Theory]
    [InlineData("a<b&c>d", "<Regex>a&lt;b&amp;c&gt;d</Regex>")]
    [InlineData("(?<name>x)", "<Regex>(?&lt;name&gt;x)</Regex>")]
    [InlineData("中文/.*", "<Regex>中文/.*</Regex>")]
    [InlineData("line\r\nnext", "<Regex>line&#xD;\nnext</Regex>")]
    public void Write_EscapesText_AndRoundTripsThroughAParser(string regex, string expected)
    {
        MgwJobSpec spec = Minimal();
        spec.IncludeKey = new List<string> { regex };
        string xml = MgwJobSpecXml.Write(spec);
        Assert.Contains(expected, xml);
        Assert.Equal(regex, MgwJobSpecXml.Read(XElement.Parse(xml)).IncludeKey[0]);
    }

    [Theory]
    [InlineData(OverwriteMode.Never, null, "<OverwriteMode>never</OverwriteMode><TransferMode>all</TransferMode>")]
    [InlineData(OverwriteMode.Always, TransferMode.LastModified, "<OverwriteMode>always</OverwriteMode><TransferMode>lastmodified</TransferMode>")]
    [InlineData(OverwriteMode.Always, null, "<OverwriteMode>always</OverwriteMode></ImportJob>")]
    public void Write_ModesUseLowerCaseWireValues_AndNeverImpliesAll(OverwriteMode overwrite, TransferMode? transfer, string expected)
    {
        MgwJobSpec spec = Minimal();
        spec.OverwriteMode = overwrite;
        spec.TransferMode = transfer;
        Assert.Contains(expected, MgwJobSpecXml.Write(spec));
    }

    [Theory]
    [InlineData(LogMode.Off, "off")]
    [InlineData(LogMode.Basic, "basic")]
    [InlineData(LogMode.Detail, "detail")]
    public void Write_LogModeIsLowerCase(LogMode mode, string wire)
    {
        MgwJobSpec spec = Minimal();
        spec.LogMode = mode;
        Assert.Contains($"<Audit><LogMode>{wire}</LogMode></Audit>", MgwJobSpecXml.Write(spec));
    }

    [Fact]
    public void RoundTrip_WriteReadWrite_IsIdentical()
    {
        string once = MgwJobSpecXml.Write(Full());
        MgwJobSpec read = MgwJobSpecXml.Read(XElement.Parse(once));
        Assert.Equal(once, MgwJobSpecXml.Write(read));
        Assert.Empty(Full().DifferingFields(read));
    }

    [Fact]
    public void Read_ToleratesGetJobShape_UnknownElements_AnyOrder_BothTimeFormats_AndTitleCaseBooleans()
    {
        const string getJob =
            "<ImportJob><Status>IMPORT_JOB_BEGIN</Status><Version>6af62558-970d-4f44-8663-4e297170fd6a</Version>" +
            "<WithStorageClass>True</WithStorageClass><TransferMode>all</TransferMode><Name>j1</Name>" +
            "<FilterRule><LastModifiedFilters><Includes>" +
            "<TimeFilter><EndTime>2025-07-04T00:00:00.000Z</EndTime><StartTime>2025-07-03 00:00:00</StartTime></TimeFilter>" +
            "</Includes></LastModifiedFilters></FilterRule><CreateTime>2025-07-04T06:02:21.000Z</CreateTime>" +
            "<OverwriteMode>always</OverwriteMode><Tags>a:1,b:x,y</Tags><Audit><LogMode>basic</LogMode></Audit></ImportJob>";
        MgwJobSpec spec = MgwJobSpecXml.Read(XElement.Parse(getJob));
        Assert.Equal("j1", spec.Name);
        Assert.True(spec.WithStorageClass);
        Assert.Equal(LogMode.Basic, spec.LogMode);
        Assert.Equal(new DateTimeOffset(2025, 7, 3, 0, 0, 0, TimeSpan.Zero), spec.IncludeLastModified[0].Start);
        Assert.Equal(new DateTimeOffset(2025, 7, 4, 0, 0, 0, TimeSpan.Zero), spec.IncludeLastModified[0].End);
        Assert.Equal("x,y", spec.Tag["b"]);
        Assert.Null(spec.SourceAddress);
    }

    [Fact]
    public void DifferingFields_NamesOnlyTheFieldsThatDiffer()
    {
        MgwJobSpec a = Full();
        MgwJobSpec b = Full();
        b.MaxQps = 500;
        b.IncludeKey = new List<string> { "a{1,3}", "(.*).gif" };   // same set, other order
        b.Tag = new Dictionary<string, string> { ["env"] = "prod", ["team"] = "ops" };
        b.CreateReport = null;
        Assert.Equal(new[] { "MaxQps", "CreateReport", "Tag" }, a.DifferingFields(b));
    }

    [Fact]
    public void DifferingFields_NormalisesDefaults()
    {
        MgwJobSpec a = Minimal();
        a.OverwriteMode = OverwriteMode.Never;
        a.TransferMode = null;
        MgwJobSpec b = Minimal();
        b.OverwriteMode = OverwriteMode.Never;
        b.CreateReport = false;
        b.LogMode = LogMode.Off;
        Assert.Empty(a.DifferingFields(b));
    }
}
