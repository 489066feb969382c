using System;
using System.Globalization;
using System.Threading;

namespace MgwTools.Core.Tests;

public class MgwJobSpecSummaryTests
{
    private static MgwJobSpec Basic() => new()
    {
        Name = "examplejob",
        SourceAddress = "examplesrc",
        DestinationAddress = "exampledest",
        OverwriteMode = OverwriteMode.Always,
        TransferMode = TransferMode.All,
    };

    [Fact]
    public void OnlyWhatIsSet_IsMentioned()
    {
        Assert.Equal("examplesrc -> exampledest, overwrite always, transfer all", Basic().Summary());
    }

    [Fact]
    public void AnEmptySpec_ShowsQuestionMarksForTheRequiredParts()
    {
        Assert.Equal("? -> ?, overwrite ?", new MgwJobSpec().Summary());
    }

    [Fact]
    public void NeverWithoutATransferMode_ShowsTheTransferModeThatIsSent()
    {
        var spec = new MgwJobSpec { SourceAddress = "a", DestinationAddress = "b", OverwriteMode = OverwriteMode.Never };

        Assert.Equal("a -> b, overwrite never, transfer all", spec.Summary());
    }

    [Fact]
    public void TransferModeIsLowerCase()
    {
        MgwJobSpec spec = Basic();
        spec.TransferMode = TransferMode.LastModified;

        Assert.EndsWith("transfer lastmodified", spec.Summary());
    }

    [Fact]
    public void EverythingSet_InTheDocumentedOrder()
    {
        MgwJobSpec spec = Basic();
        spec.MaxBandwidth = 200_000_000;
        spec.MaxQps = 12_000;
        spec.IncludeKey.Add("^docs/");
        spec.TargetStorageClass = StorageClass.IA;
        spec.StartCron = "0 0 2 * * *";
        spec.SuspendCron = "0 0 6 * * *";
        spec.MaxScheduleCount = 3;
        spec.ParentVersion = "6af62558-970d-4f44-8663-4e297170fd6a";
        spec.CreateReport = true;

        Assert.Equal(
            "examplesrc -> exampledest, overwrite always, transfer all, max 200 Mbit/s, max 12,000 files/s, filtered, to IA, " +
            "start '0 0 2 * * *', suspend '0 0 6 * * *', 3 run(s) at most, child of 6af62558-970d-4f44-8663-4e297170fd6a, report",
            spec.Summary());
    }

    [Theory]
    [InlineData(200_000_000L, "200 Mbit/s")]
    [InlineData(1_073_741_824L, "1 Gibit/s")]
    [InlineData(1_000_000_000L, "1 Gbit/s")]
    [InlineData(3L * 1_048_576, "3 Mibit/s")]
    [InlineData(2_048L, "2 Kibit/s")]
    [InlineData(1_000L, "1 kbit/s")]
    [InlineData(999L, "999 bit/s")]
    [InlineData(1_536L, "1,536 bit/s")]
    [InlineData(1_500_000L, "1500 kbit/s")]
    public void Bandwidth_ExactValuesStayExact(long bitsPerSecond, string shown)
    {
        MgwJobSpec spec = Basic();
        spec.MaxBandwidth = bitsPerSecond;

        Assert.Equal("examplesrc -> exampledest, overwrite always, transfer all, max " + shown, spec.Summary());
    }

    [Fact]
    public void AnyFilter_IsFiltered()
    {
        foreach (Action<MgwJobSpec> set in new Action<MgwJobSpec>[]
        {
            s => s.IncludeKey.Add("a"),
            s => s.ExcludeKey.Add("b"),
            s => s.IncludeLastModified.Add(new MgwTimeWindow(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1))),
            s => s.ExcludeLastModified.Add(new MgwTimeWindow(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1))),
        })
        {
            MgwJobSpec spec = Basic();
            set(spec);
            Assert.EndsWith(", filtered", spec.Summary());
        }
    }

    [Fact]
    public void CreateReportFalse_IsNotMentioned()
    {
        MgwJobSpec spec = Basic();
        spec.CreateReport = false;

        Assert.DoesNotContain("report", spec.Summary());
    }

    [Fact]
    public void NumbersDoNotFollowTheCurrentCulture()
    {
        MgwJobSpec spec = Basic();
        spec.MaxQps = 12_000;
        spec.MaxBandwidth = 1_536;
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.EndsWith("max 1,536 bit/s, max 12,000 files/s", spec.Summary());
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
