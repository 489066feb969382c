// Why a hand-written reader: the module's shipped dependencies are fixed by the design (Cronos, Polly.Core,
// System.Text.Json), and the one CSV package served here (CsvHelper) would add a third-party assembly to the isolated
// load context for ~300 lines of RFC 4180. Those lines also have to do what no package does for us: keep the PHYSICAL
// line each record starts on (blank lines and quoted line breaks included), detect the delimiter the way a user's
// Excel export needs it (comma, semicolon, tab, or Excel's "sep=" line), refuse a file that is not the encoding it
// claims instead of guessing, and bound every size, because the file is untrusted input.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace MgwTools.Core.Csv;

/// <summary>One record of a CSV file: its cells as written (unquoted, not trimmed) and the line it starts on.</summary>
public sealed class CsvRecord
{
    internal CsvRecord(int line, IReadOnlyList<string> cells)
    {
        Line = line;
        Cells = cells;
    }

    /// <summary>The 1-based physical line of the file the record starts on (blank lines and quoted line breaks count).</summary>
    public int Line { get; }

    /// <summary>The cells, in column order; may be fewer or more than the header's columns.</summary>
    public IReadOnlyList<string> Cells { get; }

    /// <summary>True when every cell is empty or white space.</summary>
    public bool IsEmpty
    {
        get
        {
            foreach (string cell in Cells)
            {
                if (!string.IsNullOrWhiteSpace(cell)) return false;
            }

            return true;
        }
    }
}

/// <summary>A CSV file read by <see cref="CsvFile.Read(Stream, char?)"/>: its header, its data records and how it was read.</summary>
public sealed class CsvFile
{
    /// <summary>The biggest file read: far above any job list (a region holds 500 jobs).</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    /// <summary>The most columns of a record.</summary>
    public const int MaxColumns = 512;

    /// <summary>The longest cell, in characters (the validator answers megabyte cells in linear time).</summary>
    public const int MaxCellLength = 1024 * 1024;

    /// <summary>The most data records of one file.</summary>
    public const int MaxRecords = 100_000;

    /// <summary>The delimiters that are detected; any other one must be given.</summary>
    public static readonly IReadOnlyList<char> DetectedDelimiters = new[] { ',', ';', '\t' };

    private CsvFile(IReadOnlyList<string> header, int headerLine, IReadOnlyList<CsvRecord> records, IReadOnlyList<int> emptyRows,
        char delimiter, string how, string encoding)
    {
        Header = header;
        HeaderLine = headerLine;
        Records = records;
        EmptyRowLines = emptyRows;
        Delimiter = delimiter;
        DelimiterSource = how;
        EncodingName = encoding;
    }

    /// <summary>The column names, trimmed (a header cell " src-address" names the column src-address).</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>The line of the header.</summary>
    public int HeaderLine { get; }

    /// <summary>The data records that have a value: blank lines and rows of empty cells are left out.</summary>
    public IReadOnlyList<CsvRecord> Records { get; }

    /// <summary>The lines of the rows left out because every cell was empty (<c>,,,</c>); blank lines are not counted.</summary>
    public IReadOnlyList<int> EmptyRowLines { get; }

    /// <summary>The delimiter used.</summary>
    public char Delimiter { get; }

    /// <summary>How the delimiter was chosen: "given", "detected" or "sep= line".</summary>
    public string DelimiterSource { get; }

    /// <summary>The encoding the file was read with, e.g. "UTF-8 with BOM", "UTF-8", "UTF-16 LE with BOM".</summary>
    public string EncodingName { get; }

    /// <summary>The delimiter as a user would type it: <c>','</c>, <c>';'</c>, <c>"`t"</c>.</summary>
    public static string Show(char delimiter) => delimiter == '\t' ? "\"`t\"" : "'" + delimiter + "'";

    /// <summary>
    /// Reads <paramref name="stream"/> (at most <see cref="MaxBytes"/>): the encoding from its byte-order mark, else UTF-8
    /// (a file that is not valid UTF-8 is refused, naming the line, never guessed); the delimiter
    /// <paramref name="delimiter"/>, else Excel's <c>sep=</c> first line, else the one of comma, semicolon and tab found
    /// most often in the header.
    /// </summary>
    /// <exception cref="MgwException"><see cref="MgwErrorCodes.InvalidCsv"/>, with the line when there is one.</exception>
    public static CsvFile Read(Stream stream, char? delimiter)
    {
        if (stream is null) throw new ArgumentNullException(nameof(stream));
        byte[] bytes = ReadBounded(stream);
        string text = Decode(bytes, out string encoding);
        return Parse(text, delimiter, encoding);
    }

    /// <summary>Parses text already decoded (see <see cref="Read(Stream, char?)"/>).</summary>
    /// <exception cref="MgwException"><see cref="MgwErrorCodes.InvalidCsv"/>.</exception>
    public static CsvFile Parse(string text, char? delimiter, string encoding = "text")
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        if (delimiter is { } given && (given is '"' or '\r' or '\n' || char.IsLetterOrDigit(given) || given == ' '))
        {
            throw Invalid(null, $"The delimiter {Show(given)} cannot separate CSV cells: use a comma, a semicolon, a tab or another punctuation mark.");
        }

        int start = 0;
        int line = 1;
        string how = "given";
        char? chosen = delimiter;
        // Excel writes "sep=;" as the first line of a file whose delimiter is not the locale's list separator.
        if (TrySepLine(text, out char sep, out int after))
        {
            if (chosen is null)
            {
                chosen = sep;
                how = "sep= line";
            }

            start = after;
            line = 2;
        }

        if (chosen is null)
        {
            chosen = Detect(text, start);
            how = "detected";
        }

        var reader = new Parser(text, start, line, chosen.Value);
        IReadOnlyList<string>? header = null;
        int headerLine = 0;
        var records = new List<CsvRecord>();
        var empty = new List<int>();
        while (reader.Next(out int recordLine, out List<string> cells, out bool blank))
        {
            if (blank) continue;
            if (header is null)
            {
                header = ReadHeader(cells, recordLine);
                headerLine = recordLine;
                continue;
            }

            var record = new CsvRecord(recordLine, cells);
            if (record.IsEmpty)
            {
                empty.Add(recordLine);
                continue;
            }

            if (records.Count == MaxRecords)
            {
                throw Invalid(recordLine, string.Format(CultureInfo.InvariantCulture,
                    "The file has more than {0:N0} rows; split it into several files.", MaxRecords));
            }

            records.Add(record);
        }

        if (header is null) throw Invalid(null, "The file is empty: it has no header line naming the columns.");
        return new CsvFile(header, headerLine, records, empty, chosen.Value, how, encoding);
    }

    private static byte[] ReadBounded(Stream stream)
    {
        if (stream.CanSeek && stream.Length - stream.Position > MaxBytes) throw TooBig();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > MaxBytes) throw TooBig();
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static MgwException TooBig() => Invalid(null, string.Format(CultureInfo.InvariantCulture,
        "The file is larger than {0:N0} MiB; a job list is far smaller. Check that it is the right file, or split it.", MaxBytes / (1024 * 1024)));

    // The byte-order mark's encoding; else UTF-16 when the bytes are plainly UTF-16 text without a mark; else strict UTF-8.
    private static string Decode(byte[] b, out string encoding)
    {
        if (b.Length >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
        {
            encoding = "UTF-8 with BOM";
            return Utf8(b, 3);
        }

        if (b.Length >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0)
        {
            encoding = "UTF-32 LE with BOM";
            return Strict(new UTF32Encoding(false, false, true), b, 4);
        }

        if (b.Length >= 2 && b[0] == 0xFF && b[1] == 0xFE)
        {
            encoding = "UTF-16 LE with BOM";
            return Strict(new UnicodeEncoding(false, false, true), b, 2);
        }

        if (b.Length >= 2 && b[0] == 0xFE && b[1] == 0xFF)
        {
            encoding = "UTF-16 BE with BOM";
            return Strict(new UnicodeEncoding(true, false, true), b, 2);
        }

        if (Utf16WithoutMark(b) is { } bigEndian)
        {
            encoding = bigEndian ? "UTF-16 BE" : "UTF-16 LE";
            return Strict(new UnicodeEncoding(bigEndian, false, true), b, 0);
        }

        encoding = "UTF-8";
        return Utf8(b, 0);
    }

    // Text saved as UTF-16 without a mark has a zero in every other byte of its ASCII characters.
    private static bool? Utf16WithoutMark(byte[] b)
    {
        int n = Math.Min(b.Length, 1024) & ~1;
        if (n < 4) return null;
        int evenZeros = 0, oddZeros = 0;
        for (int i = 0; i < n; i += 2)
        {
            if (b[i] == 0) evenZeros++;
            if (b[i + 1] == 0) oddZeros++;
        }

        int pairs = n / 2;
        if (oddZeros * 10 >= pairs * 9 && evenZeros == 0) return false;
        if (evenZeros * 10 >= pairs * 9 && oddZeros == 0) return true;
        return null;
    }

    private static string Strict(Encoding encoding, byte[] b, int offset)
    {
        try
        {
            return encoding.GetString(b, offset, b.Length - offset);
        }
        catch (DecoderFallbackException)
        {
            throw Invalid(null, $"The file starts with the byte-order mark of {encoding.WebName} but is not valid {encoding.WebName} text.");
        }
    }

    // UTF-8 without guessing: the first invalid sequence is refused with its line, since a misread character in a key
    // filter would silently select other files.
    private static string Utf8(byte[] b, int offset)
    {
        int line = 1;
        for (int i = offset; i < b.Length;)
        {
            byte c = b[i];
            if (c == (byte)'\n') line++;
            if (c < 0x80)
            {
                i++;
                continue;
            }

            int length = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
            bool valid = length > 0 && i + length <= b.Length;
            for (int k = 1; valid && k < length; k++) valid = (b[i + k] & 0xC0) == 0x80;
            if (valid && length == 3)
            {
                valid = !(c == 0xE0 && b[i + 1] < 0xA0) && !(c == 0xED && b[i + 1] >= 0xA0);   // overlong; surrogates
            }
            else if (valid && length == 4)
            {
                valid = !(c == 0xF0 && b[i + 1] < 0x90) && !(c == 0xF4 && b[i + 1] >= 0x90);   // overlong; above U+10FFFF
            }

            if (!valid)
            {
                throw Invalid(line, string.Format(CultureInfo.InvariantCulture,
                    "Byte 0x{0:X2} is not UTF-8 text, and the file has no byte-order mark that says otherwise. Save it as UTF-8 " +
                    "(Excel: \"CSV UTF-8\"; PowerShell: Export-Csv -Encoding utf8), so no character is misread.", c));
            }

            i += length;
        }

        return new UTF8Encoding(false, true).GetString(b, offset, b.Length - offset);
    }

    private static bool TrySepLine(string text, out char sep, out int after)
    {
        sep = '\0';
        after = 0;
        if (text.Length < 5 || !text.StartsWith("sep=", StringComparison.OrdinalIgnoreCase)) return false;
        int end = 5;
        if (end < text.Length && text[end] is not '\r' and not '\n') return false;
        sep = text[4];
        if (sep is '"' or '\r' or '\n' or ' ') return false;
        if (end < text.Length && text[end] == '\r') end++;
        if (end < text.Length && text[end] == '\n') end++;
        after = end;
        return true;
    }

    // The header is the first line with text; the delimiter found most often in it outside quotes wins (comma on a tie,
    // and for a header of one column).
    private static char Detect(string text, int start)
    {
        int i = start;
        while (i < text.Length && text[i] is '\r' or '\n' or ' ') i++;
        var counts = new int[DetectedDelimiters.Count];
        bool quoted = false;
        for (; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '"') quoted = !quoted;
            else if (!quoted && c is '\r' or '\n') break;
            else if (!quoted)
            {
                for (int k = 0; k < counts.Length; k++)
                {
                    if (c == DetectedDelimiters[k]) counts[k]++;
                }
            }
        }

        int best = 0;
        for (int k = 1; k < counts.Length; k++)
        {
            if (counts[k] > counts[best]) best = k;
        }

        return DetectedDelimiters[best];
    }

    private static IReadOnlyList<string> ReadHeader(List<string> cells, int line)
    {
        var names = new string[cells.Count];
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < cells.Count; i++)
        {
            names[i] = cells[i].Trim();
            if (names[i].Length == 0) continue;
            if (seen.TryGetValue(names[i], out int first))
            {
                throw Invalid(line, string.Format(CultureInfo.InvariantCulture,
                    "Columns {0} and {1} are both named '{2}'; each column needs its own name.", first + 1, i + 1, Specs.SpecBinder.Show(names[i])));
            }

            seen[names[i]] = i;
        }

        return names;
    }

    internal static MgwException Invalid(int? line, string message) => new(new MgwError
    {
        Code = MgwErrorCodes.InvalidCsv,
        Line = line,
        Message = message,
    });

    // RFC 4180 with the leniency of Import-Csv: a quote inside an unquoted cell is text, and text after a closing quote
    // is kept. Line ends are CRLF, LF or CR; a record starts on the line of its first character.
    private sealed class Parser
    {
        private readonly string _text;
        private readonly char _delimiter;
        private int _i;
        private int _line;

        public Parser(string text, int start, int line, char delimiter)
        {
            _text = text;
            _i = start;
            _line = line;
            _delimiter = delimiter;
        }

        public bool Next(out int line, out List<string> cells, out bool blank)
        {
            line = _line;
            cells = new List<string>();
            blank = false;
            if (_i >= _text.Length) return false;
            bool any = false;   // a delimiter or a quote: the line is a row, not a blank line
            var cell = new StringBuilder();
            while (true)
            {
                cell.Clear();
                if (_i < _text.Length && _text[_i] == '"')
                {
                    any = true;
                    Quoted(cell, line);
                }

                while (_i < _text.Length && _text[_i] != _delimiter && _text[_i] is not '\r' and not '\n')
                {
                    Append(cell, _text[_i++], line);
                }

                cells.Add(cell.ToString());
                if (cells.Count > MaxColumns)
                {
                    throw Invalid(line, string.Format(CultureInfo.InvariantCulture, "The row has more than {0} cells.", MaxColumns));
                }

                if (_i < _text.Length && _text[_i] == _delimiter)
                {
                    any = true;
                    _i++;
                    continue;
                }

                EndOfLine();
                blank = !any && string.IsNullOrWhiteSpace(cells[0]);
                return true;
            }
        }

        private void Quoted(StringBuilder cell, int line)
        {
            int opened = _line;
            _i++;
            while (true)
            {
                if (_i >= _text.Length)
                {
                    throw Invalid(opened, "A quoted cell opened on this line is never closed: a quote (\") is missing. Write a quote inside a quoted cell as two quotes (\"\").");
                }

                char c = _text[_i];
                if (c == '"')
                {
                    if (_i + 1 < _text.Length && _text[_i + 1] == '"')
                    {
                        Append(cell, '"', line);
                        _i += 2;
                        continue;
                    }

                    _i++;
                    return;
                }

                if (c == '\r' || c == '\n')
                {
                    int before = _i;
                    EndOfLine();
                    for (int k = before; k < _i; k++) Append(cell, _text[k], line);
                    continue;
                }

                Append(cell, c, line);
                _i++;
            }
        }

        private static void Append(StringBuilder cell, char c, int line)
        {
            if (cell.Length >= MaxCellLength)
            {
                throw Invalid(line, string.Format(CultureInfo.InvariantCulture,
                    "A cell of this row is longer than {0:N0} characters.", MaxCellLength));
            }

            cell.Append(c);
        }

        private void EndOfLine()
        {
            if (_i >= _text.Length) return;
            if (_text[_i] == '\r') _i++;
            if (_i < _text.Length && _text[_i] == '\n') _i++;
            _line++;
        }
    }
}
