using MgwTools.Core.Jobs;

namespace MgwTools.Core.Tests;

public class ByteSizeTests
{
    [Theory]
    [InlineData(0L, "0 B")]
    [InlineData(1L, "1 B")]
    [InlineData(1023L, "1023 B")]
    [InlineData(1024L, "1 KiB")]
    [InlineData(1536L, "1.5 KiB")]
    [InlineData(10239L, "10 KiB")]            // 9.999 KiB: one decimal rounds it to 10
    [InlineData(10752L, "11 KiB")]            // 10.5 KiB: no decimal from 10 on
    [InlineData(1048575L, "1 MiB")]           // 1023.999 KiB would read "1024 KiB": the next unit instead
    [InlineData(1048063L, "1023 KiB")]        // 1023.499 KiB shows as 1023
    [InlineData(1048064L, "1 MiB")]           // 1023.5 KiB would show as 1024 (half away from zero): the next unit
    [InlineData(44693454848L, "42 GiB")]
    [InlineData(1099511627776L, "1 TiB")]
    [InlineData(long.MaxValue, "8 EiB")]      // the largest unit; never beyond
    [InlineData(-5L, "-5 B")]
    public void Format_UsesTheLargestBinaryUnitThatKeepsTheShownValueBelow1024(long bytes, string expected)
    {
        Assert.Equal(expected, ByteSize.Format(bytes));
    }

    [Fact]
    public void Format_OfNull_IsEmpty()
    {
        Assert.Equal("", ByteSize.Format(null));
    }
}
