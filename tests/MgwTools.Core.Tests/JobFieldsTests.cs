using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;
using MgwTools.Core.Wire;
using MgwTools.Core.Specs;

namespace MgwTools.Core.Tests;

public class JobFieldsTests
{
    private static MgwJobSpec Full() => new()
    {
        Name = "full-job",
        SourceAddress = "oss-src-address",
        DestinationAddress = "oss-dest-address",
        OverwriteMode = OverwriteMode.Always,
        TransferMode = TransferMode.LastModified,
        MaxBandwidth = 1073741824,
        MaxQps = 1000,
        CreateReport = true,
        LogMode = LogMode.Detail,
        ExcludeDirectory = true,
        ExcludeSymlink = false,
        IncludeKey = new List<string> { "(.*).gif", "a{1,3}" },
        ExcludeKey = new List<string> { "tmp/.*" },
        IncludeLastModified = new List<MgwTimeWindow> { Window("2025-07-03T00:00:00Z", "2025-07-04T00:00:00Z") },
        ExcludeLastModified = new List<MgwTimeWindow> { Window("2025-07-03T08:00:00+08:00", "2025-07-03T12:00:00Z") },
        WithStorageClass = false,
        TargetStorageClass = StorageClass.IA,
        WithLastModifyTime = false,
        ParentVersion = "6af62558-970d-4f44-8663-4e297170fd6a",
        ConvertSymlinkTarget = true,
        AppendableToNormal = false,
        StartCron = "0 0 2 * * *",
        SuspendCron = "0 0 8 * * *",
        MaxScheduleCount = 10,
        Tag = new Dictionary<string, string> { ["team"] = "data", ["env"] = "prod" },
    };

    // Every field different from Full().
    private static MgwJobSpec Other() => new()
    {
        Name = "other-job",
        SourceAddress = "other-src",
        DestinationAddress = "other-dest",
        OverwriteMode = OverwriteMode.Never,
        TransferMode = TransferMode.All,
        MaxBandwidth = 1000,
        MaxQps = 10,
        CreateReport = false,
        LogMode = LogMode.Basic,
        ExcludeDirectory = false,
        ExcludeSymlink = true,
        IncludeKey = new List<string> { "x" },
        ExcludeKey = new List<string> { "y" },
        IncludeLastModified = new List<MgwTimeWindow> { Window("2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z") },
        ExcludeLastModified = new List<MgwTimeWindow>(),
        WithStorageClass = true,
        TargetStorageClass = StorageClass.Archive,
        WithLastModifyTime = true,
        ParentVersion = "00000000-970d-4f44-8663-4e297170fd6a",
        ConvertSymlinkTarget = false,
        AppendableToNormal = true,
        StartCron = "0 0 3 * * *",
        SuspendCron = "0 0 9 * * *",
        MaxScheduleCount = 11,
        Tag = new Dictionary<string, string> { ["team"] = "web" },
    };

    private static MgwTimeWindow Window(string start, string end) => new(DateTimeOffset.Parse(start), DateTimeOffset.Parse(end));

    private static MgwJobSpec Copy(MgwJobSpec from)
    {
        var copy = new MgwJobSpec();
        foreach (JobField field in JobFields.All) field.Set(copy, field.Get(from));
        return copy;
    }

    [Fact]
    public void Table_HasOneFieldPerSpecProperty_InDesignOrder()
    {
        string[] properties = typeof(MgwJobSpec).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite).Select(p => p.Name).ToArray();
        Assert.Equal(properties.OrderBy(p => p), JobFields.All.Select(f => f.Name).OrderBy(p => p));
        Assert.Equal(25, JobFields.All.Count);
        Assert.Equal(JobFields.All.Select(f => f.Name).OrderBy(n => n), JobFields.WireOrder.Select(f => f.Name).OrderBy(n => n));
        Assert.Equal(new[] { "Name", "SourceAddress", "DestinationAddress", "OverwriteMode" }, JobFields.All.Take(4).Select(f => f.Name));
    }

    [Theory]
    [InlineData("job-name", "Name")]
    [InlineData("SrcAddress", "SourceAddress")]
    [InlineData("DEST-ADDRESS", "DestinationAddress")]
    [InlineData("MaxBandWidth", "MaxBandwidth")]
    [InlineData("MaxImportTaskQps", "MaxQps")]
    [InlineData("ExcludeDir", "ExcludeDirectory")]
    [InlineData("key-filters-includes", "IncludeKey")]
    [InlineData("LastModifiedFiltersExcludes", "ExcludeLastModified")]
    [InlineData("start-cron-expression", "StartCron")]
    [InlineData("Tags", "Tag")]
    public void Find_TakesEverySpelling(string spelling, string name)
    {
        Assert.Equal(name, JobFields.Find(spelling)!.Name);
        Assert.True(JobFields.Get(name).Matches(spelling));
    }

    [Fact]
    public void Find_UnknownIsNull_GetThrows()
    {
        Assert.Null(JobFields.Find("Region"));
        Assert.Null(JobFields.Find(null));
        Assert.Throws<ArgumentException>(() => JobFields.Get("nope"));
    }

    [Theory]
    [InlineData("Name", "<job-name>", "Name", typeof(string))]
    [InlineData("SourceAddress", "--src-address", "SrcAddress", typeof(string))]
    [InlineData("MaxBandwidth", "--max-bandwidth", "ImportQos/MaxBandWidth", typeof(long))]
    [InlineData("LogMode", "--log-mode", "Audit/LogMode", typeof(LogMode))]
    [InlineData("ExcludeDirectory", "--exclude-dir", "FilterRule/FileTypeFilters/ExcludeDir", typeof(bool))]
    [InlineData("IncludeKey", "--key-filters-includes", "FilterRule/KeyFilters/Includes/Regex", typeof(string[]))]
    [InlineData("ExcludeLastModified", "--last-modified-filters-excludes", "FilterRule/LastModifiedFilters/Excludes/TimeFilter", typeof(MgwTimeWindow[]))]
    [InlineData("MaxScheduleCount", "--max-schedule-count", "ScheduleRule/MaxScheduleCount", typeof(long))]
    [InlineData("Tag", null, "Tags", typeof(IDictionary))]
    public void Entry_HoldsFlagWirePathAndParameterType(string name, string? flag, string wirePath, Type type)
    {
        JobField field = JobFields.Get(name);
        Assert.Equal((flag, wirePath, type), (field.MgwutilFlag, field.WirePath, field.ParameterType));
    }

    [Fact]
    public void Limits_AreThoseOfTheServiceOrSaneBounds()
    {
        Assert.Equal(63, JobFields.Get("Name").MaxLength);
        Assert.Equal(63, JobFields.Get("SourceAddress").MaxLength);
        Assert.Equal((1024, 100), (JobFields.Get("IncludeKey").MaxLength!.Value, JobFields.Get("IncludeKey").MaxCount!.Value));
        Assert.Equal(100, JobFields.Get("ExcludeLastModified").MaxCount);
        Assert.Equal(1024, JobFields.Get("Tag").MaxLength);
        Assert.Equal(256, JobFields.Get("StartCron").MaxLength);
        Assert.Equal(new[] { "StartTime", "EndTime" }, JobFields.Get("IncludeLastModified").WireParts);
    }

    [Fact]
    public void GetAndSet_RoundTripEveryField()
    {
        MgwJobSpec full = Full();
        MgwJobSpec copy = Copy(full);
        Assert.Empty(full.DifferingFields(copy));
        foreach (JobField field in JobFields.All)
        {
            Assert.Equal(field.Get(full), field.Get(copy));
        }
    }

    [Fact]
    public void DifferingFields_NamesEachFieldThatDiffers_AndOnlyIt()
    {
        MgwJobSpec other = Other();
        Assert.Equal(JobFields.All.Select(f => f.Name), Full().DifferingFields(other));
        foreach (JobField field in JobFields.All)
        {
            MgwJobSpec changed = Copy(Full());
            field.Set(changed, field.Get(other));
            Assert.Equal(new[] { field.Name }, Full().DifferingFields(changed));
        }
    }

    [Fact]
    public void SameIn_NormalisesAsTheServiceWould()
    {
        var never = new MgwJobSpec { OverwriteMode = OverwriteMode.Never };
        var neverAll = new MgwJobSpec { OverwriteMode = OverwriteMode.Never, TransferMode = TransferMode.All, CreateReport = false, LogMode = LogMode.Off };
        Assert.Empty(never.DifferingFields(neverAll));
        var reordered = new MgwJobSpec { IncludeKey = new List<string> { "b", "a" }, Tag = new Dictionary<string, string> { ["y"] = "2", ["x"] = "1" } };
        var ordered = new MgwJobSpec { IncludeKey = new List<string> { "a", "b" }, Tag = new Dictionary<string, string> { ["x"] = "1", ["y"] = "2" } };
        Assert.Empty(reordered.DifferingFields(ordered));
        Assert.Equal(new[] { "WithLastModifyTime" }, new MgwJobSpec().DifferingFields(new MgwJobSpec { WithLastModifyTime = false }));
        Assert.Equal(new[] { "TargetStorageClass" }, new MgwJobSpec().DifferingFields(new MgwJobSpec { TargetStorageClass = StorageClass.Standard }));
    }

    [Theory]
    [InlineData("full")]
    [InlineData("minimal")]
    [InlineData("never")]
    public void WireValues_DriveTheSameBodyAsTheRequestWriter(string which)
    {
        MgwJobSpec spec = which switch
        {
            "full" => Full(),
            "minimal" => new MgwJobSpec { Name = "a-job", SourceAddress = "s-1", DestinationAddress = "d-1", OverwriteMode = OverwriteMode.Always, TransferMode = TransferMode.All },
            _ => new MgwJobSpec { Name = "a-job", SourceAddress = "s-1", DestinationAddress = "d-1", OverwriteMode = OverwriteMode.Never, ExcludeSymlink = true },
        };

        XElement expected = XElement.Parse(MgwJobSpecXml.Write(spec));
        XElement built = BodyFromTable(spec);
        Assert.True(XNode.DeepEquals(expected, built), $"{built}\n!=\n{expected}");
    }

    [Fact]
    public void WireValues_AreWhatTheServiceTakes()
    {
        MgwJobSpec spec = Full();
        Assert.Equal("lastmodified", Assert.Single(JobFields.Get("TransferMode").WireValues(spec)).Text);
        Assert.Equal("IA", Assert.Single(JobFields.Get("TargetStorageClass").WireValues(spec)).Text);
        Assert.Equal("false", Assert.Single(JobFields.Get("WithLastModifyTime").WireValues(spec)).Text);
        Assert.Equal(new[] { "2025-07-03T00:00:00Z", "2025-07-03T12:00:00Z" },
            Assert.Single(JobFields.Get("ExcludeLastModified").WireValues(spec)).Parts);
        Assert.Equal(new[] { "(.*).gif", "a{1,3}" }, JobFields.Get("IncludeKey").WireValues(spec).Select(w => w.Text));
        Assert.Equal("team:data,env:prod", Assert.Single(JobFields.Get("Tag").WireValues(spec)).Text);
        Assert.Equal("all", Assert.Single(JobFields.Get("TransferMode").WireValues(new MgwJobSpec { OverwriteMode = OverwriteMode.Never })).Text);
        Assert.Empty(JobFields.Get("CreateReport").WireValues(new MgwJobSpec()));
    }

    public static TheoryData<object?> Garbage => new()
    {
        null, "", "  ", new Hashtable { ["a"] = 1 }, new object[] { "a", "b", 3 }, new object(), new string('x', 1_000_000),
        "a\u0000b", "\ud800", 3.5, DateTime.UtcNow, new List<object?> { null, new Hashtable() },
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public void Parse_NeverThrows_AndReportsWhatItCannotRead(object? raw)
    {
        foreach (JobField field in JobFields.All)
        {
            var findings = new List<MgwError>();
            object? value = field.Parse(raw, findings);
            Assert.All(findings, f => Assert.Equal(field.Name, f.Field));
            Assert.All(findings, f => Assert.True(f.Message.Length < 600, f.Message));
            if (value is not null) field.Set(new MgwJobSpec(), value);
        }
    }

    // A minimal writer driven only by the table: what the request writer can be built on.
    private static XElement BodyFromTable(MgwJobSpec spec)
    {
        var root = new XElement("ImportJob");
        foreach (JobField field in JobFields.WireOrder)
        {
            string[] path = field.WirePath.Split('/');
            foreach (JobFieldWireValue value in field.WireValues(spec))
            {
                XElement parent = root;
                foreach (string container in path.Take(path.Length - 1))
                {
                    parent = parent.Elements(container).LastOrDefault() ?? Add(parent, new XElement(container));
                }

                var leaf = new XElement(path[path.Length - 1]);
                if (value.Text is not null) leaf.Value = value.Text;
                for (int i = 0; i < value.Parts.Count; i++) leaf.Add(new XElement(field.WireParts[i], value.Parts[i]));
                parent.Add(leaf);
            }
        }

        return root;

        static XElement Add(XElement parent, XElement child)
        {
            parent.Add(child);
            return child;
        }
    }
}
