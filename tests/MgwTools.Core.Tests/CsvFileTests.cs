using System;
using System.IO;
using System.Linq;
using System.Text;
using MgwTools.Core.Csv;

namespace MgwTools.Core.Tests;

public class CsvFileTests
{
    private static CsvFile Read(byte[] bytes, char? delimiter = null) => CsvFile.Read(new MemoryStream(bytes), delimiter);

    private static CsvFile Read(string text, char? delimiter = null) => Read(new UTF8Encoding(false).GetBytes(text), delimiter);

    private static MgwError Refused(Func<CsvFile> read)
    {
        var ex = Assert.Throws<MgwException>(() => read());
        Assert.Equal(MgwErrorCodes.InvalidCsv, ex.Error.Code);
        Assert.Equal(MgwErrorKind.InvalidData, ex.Error.Kind);
        return ex.Error;
    }

    [Fact]
    public void Records_KeepTheirPhysicalLine_BlankLinesAndQuotedLineBreaksIncluded()
    {
        CsvFile csv = Read("job-name,src-address\r\n\r\nfirst,a\r\n\"two\r\nlines\",b\n\nthird,\"c,\"\"d\"\"\"\n");

        Assert.Equal(new[] { "job-name", "src-address" }, csv.Header);
        Assert.Equal(1, csv.HeaderLine);
        Assert.Equal(new[] { 3, 4, 7 }, csv.Records.Select(r => r.Line));
        Assert.Equal(new[] { "two\r\nlines", "b" }, csv.Records[1].Cells);
        Assert.Equal(new[] { "third", "c,\"d\"" }, csv.Records[2].Cells);
        Assert.Equal(',', csv.Delimiter);
        Assert.Equal("detected", csv.DelimiterSource);
        Assert.Equal("UTF-8", csv.EncodingName);
    }

    [Fact]
    public void ARowOfEmptyCells_IsSkipped_AndItsLineKept_ABlankLineIsNot()
    {
        CsvFile csv = Read("a,b\n,\n\n  \none,two\n\"\",\"\"\n");

        Assert.Equal(new[] { 5 }, csv.Records.Select(r => r.Line));
        Assert.Equal(new[] { 2, 6 }, csv.EmptyRowLines);
    }

    [Theory]
    [InlineData("a;b;c\n1;2;3\n", ';')]
    [InlineData("a\tb\tc\n1\t2\t3\n", '\t')]
    [InlineData("a,b,c\n1,2,3\n", ',')]
    [InlineData("\"x;y\",b,c\n1,2,3\n", ',')]        // a delimiter inside quotes does not count
    [InlineData("single\nvalue\n", ',')]
    [InlineData("\n\na;b\n1;2\n", ';')]             // the header is the first line with text
    public void TheDelimiter_IsTheOneFoundMostInTheHeader(string text, char expected)
    {
        CsvFile csv = Read(text);
        Assert.Equal(expected, csv.Delimiter);
        Assert.Equal(csv.Header.Count, csv.Records[0].Cells.Count);
    }

    [Fact]
    public void ExcelsSepLine_ChoosesTheDelimiter_AndIsNotAHeader()
    {
        CsvFile csv = Read("sep=;\r\njob-name;src-address\r\nx,y;z\r\n");

        Assert.Equal(';', csv.Delimiter);
        Assert.Equal("sep= line", csv.DelimiterSource);
        Assert.Equal(new[] { "job-name", "src-address" }, csv.Header);
        Assert.Equal(2, csv.HeaderLine);
        Assert.Equal(new[] { "x,y", "z" }, csv.Records[0].Cells);
        Assert.Equal(3, csv.Records[0].Line);
    }

    [Fact]
    public void AGivenDelimiter_Wins()
    {
        CsvFile csv = Read("a|b;c\n1|2;3\n", '|');
        Assert.Equal(new[] { "a", "b;c" }, csv.Header);
        Assert.Equal("given", csv.DelimiterSource);
    }

    [Theory]
    [InlineData('"')]
    [InlineData('\n')]
    [InlineData('a')]
    [InlineData('7')]
    [InlineData(' ')]
    public void ADelimiterThatCannotSeparateCells_IsRefused(char delimiter)
    {
        MgwError error = Refused(() => Read("a,b\n", delimiter));
        Assert.Contains("cannot separate CSV cells", error.Message);
    }

    [Fact]
    public void HeaderNames_AreTrimmed_AndTwoColumnsOfOneName_AreRefusedWithTheLine()
    {
        Assert.Equal(new[] { "job-name", "src-address" }, Read("job-name , src-address\n").Header);

        MgwError error = Refused(() => Read("\nName,SrcAddress,name\n"));
        Assert.Equal(2, error.Line);
        Assert.Equal("Columns 1 and 3 are both named 'name'; each column needs its own name.", error.Message);
    }

    [Fact]
    public void AQuoteNeverClosed_IsRefused_NamingTheLineItOpenedOn()
    {
        MgwError error = Refused(() => Read("a,b\n1,2\n3,\"four\n5,6\n7,8\n"));
        Assert.Equal(3, error.Line);
        Assert.StartsWith("A quoted cell opened on this line is never closed", error.Message);
    }

    [Fact]
    public void LikeImportCsv_AQuoteInsideAnUnquotedCell_AndTextAfterAClosingQuote_AreKept()
    {
        CsvFile csv = Read("a,b\nsay \"hi\",\"ab\"cd\n");
        Assert.Equal(new[] { "say \"hi\"", "abcd" }, csv.Records[0].Cells);
    }

    [Fact]
    public void AFileWithNoHeader_IsRefused()
    {
        Assert.Equal("The file is empty: it has no header line naming the columns.", Refused(() => Read("\r\n\r\n")).Message);
        Refused(() => Read(Array.Empty<byte>()));
    }

    [Theory]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF }, "utf-8", "UTF-8 with BOM")]
    [InlineData(new byte[] { 0xFF, 0xFE }, "utf-16", "UTF-16 LE with BOM")]
    [InlineData(new byte[] { 0xFE, 0xFF }, "utf-16BE", "UTF-16 BE with BOM")]
    [InlineData(new byte[] { 0xFF, 0xFE, 0, 0 }, "utf-32", "UTF-32 LE with BOM")]
    public void TheByteOrderMark_NamesTheEncoding(byte[] bom, string encoding, string name)
    {
        byte[] text = Encoding.GetEncoding(encoding).GetBytes("job-name;tags\nnuit-été;k:v\n");
        CsvFile csv = Read(bom.Concat(text).ToArray());

        Assert.Equal(name, csv.EncodingName);
        Assert.Equal("job-name", csv.Header[0]);
        Assert.Equal("nuit-été", csv.Records[0].Cells[0]);
    }

    [Fact]
    public void Utf16WithoutAMark_IsRecognised()
    {
        CsvFile csv = Read(Encoding.Unicode.GetBytes("job-name,src-address\nnightly,src-a\n"));
        Assert.Equal("UTF-16 LE", csv.EncodingName);
        Assert.Equal("nightly", csv.Records[0].Cells[0]);
    }

    [Fact]
    public void BytesThatAreNotUtf8_AreRefused_NamingTheLine_NeverGuessed()
    {
        // "nuit-été" saved as Windows-1252: 0xE9 is no UTF-8 lead byte followed by a continuation.
        byte[] bytes = Encoding.ASCII.GetBytes("job-name\nfirst\nnuit-")
            .Concat(new byte[] { 0xE9, (byte)'t', 0xE9 }).Concat(Encoding.ASCII.GetBytes("\n")).ToArray();

        MgwError error = Refused(() => Read(bytes));
        Assert.Equal(3, error.Line);
        Assert.StartsWith("Byte 0xE9 is not UTF-8 text", error.Message);
        Assert.Contains("CSV UTF-8", error.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0xC0, 0x80 })]              // overlong NUL
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]        // a surrogate
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 })]  // above U+10FFFF
    [InlineData(new byte[] { 0xE2, 0x82 })]              // cut short at the end
    public void InvalidUtf8Sequences_AreRefused(byte[] bad)
    {
        Refused(() => Read(Encoding.ASCII.GetBytes("a\n").Concat(bad).ToArray()));
    }

    [Fact]
    public void Sizes_AreBounded()
    {
        Assert.Contains("more than 512 cells", Refused(() => Read(string.Join(",", Enumerable.Repeat("x", 513)))).Message);
        Assert.Contains("longer than 1,048,576 characters", Refused(() => Read("a\n" + new string('x', CsvFile.MaxCellLength + 1))).Message);
        Assert.Contains("longer than 1,048,576 characters", Refused(() => Read("a\n\"" + new string('\n', CsvFile.MaxCellLength + 1) + "\"")).Message);
        Assert.Contains("more than 100,000 rows", Refused(() => Read("a\n" + string.Concat(Enumerable.Repeat("x\n", CsvFile.MaxRecords + 1)))).Message);
        Assert.Contains("larger than 64 MiB", Refused(() => CsvFile.Read(new ZeroStream(CsvFile.MaxBytes + 1), null)).Message);
    }

    [Fact]
    public void AMegabyteOfQuotedCells_IsRead()
    {
        string text = "a,b\n" + string.Concat(Enumerable.Repeat("\"" + new string('x', 1000) + "\",y\n", 1000));
        CsvFile csv = Read(text);
        Assert.Equal(1000, csv.Records.Count);
        Assert.Equal(1001, csv.Records[^1].Line);
    }

    // A stream of zeros that is not seekable, so the bound is met while reading.
    private sealed class ZeroStream : Stream
    {
        private long _left;

        public ZeroStream(long length) => _left = length;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = (int)Math.Min(count, _left);
            Array.Clear(buffer, offset, n);
            _left -= n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
