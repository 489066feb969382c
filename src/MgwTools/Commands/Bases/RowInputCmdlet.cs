using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using MgwTools.Core.Csv;
using MgwTools.Core.Specs;
using MgwTools.Transforms;

namespace MgwTools.Commands;

/// <summary>
/// Base of the cmdlets that take rows of definitions (<see cref="JobSpecCmdlet"/>'s Test-MgwJobSpec and New-MgwJob, and
/// New-MgwAddress): piped objects, or the CSV files of <c>-Path</c>, read by Core's <see cref="CsvFile"/> so every row
/// knows its file and line. Either way the columns are checked once (<see cref="ColumnCheck"/>, made by
/// <see cref="CreateColumnCheck"/> for the command's fields): a column that names no field is a warning once per run
/// (an error on every row that has it under <c>-Strict</c>), and a file read with the wrong delimiter is said plainly.
/// The derived command declares <c>-Path</c>, <c>-Delimiter</c> and <c>-Strict</c> (their parameter sets differ) and
/// hands them here.
/// </summary>
public abstract class RowInputCmdlet : MgwServiceCmdlet
{
    // Column names already reported in this run (each unknown column is a warning once per run).
    private readonly HashSet<string> _reportedColumns = new(StringComparer.OrdinalIgnoreCase);
    private ColumnCheck? _columns;
    private bool _filesRead;

    // The layout of the last piped row object's properties (see PipedRowInput).
    private RowLayout? _layout;

    /// <summary>The CSV files to read the rows from (<c>-Path</c>, wildcards allowed); null or empty for piped or typed input.</summary>
    protected abstract string[]? InputPaths { get; }

    /// <summary>The cell delimiter of the files (<c>-Delimiter</c>); null to detect it.</summary>
    protected abstract char? InputDelimiter { get; }

    /// <summary>True when an unknown column is an error that refuses every row that has it (<c>-Strict</c>).</summary>
    protected abstract bool StrictColumns { get; }

    /// <summary>The check of this command's columns: which names are fields (and which to suggest), which are expected.</summary>
    protected abstract ColumnCheck CreateColumnCheck();

    /// <summary>1-based position of the current input in the pipeline (the CSV data line); 0 before the first.</summary>
    protected int Row { get; private set; }

    /// <summary>How many rows the -Path files hold (known before the first is worked on); null for piped input.</summary>
    protected int? TotalRows { get; private set; }

    /// <summary>The next input number; the file reader and the pipeline share it.</summary>
    protected int NextRow() => ++Row;

    /// <summary>A warning about the run rather than a row (empty rows skipped): written as <c>file:line: message [Code]</c>.</summary>
    protected virtual void Note(MgwError warning)
    {
        warning.Severity = MgwSeverity.Warning;
        WriteWarning($"{warning.LocatedMessage} [{warning.Code}]");
    }

    /// <summary>Stops the command with <paramref name="error"/> (a file that cannot be read, -Path with piped input).</summary>
    protected virtual void ThrowRowError(MgwError error, object? target, Exception? inner = null) => ThrowMgwError(error, target, inner);

    /// <summary>Called once per -Path file, after its notes and before its first row.</summary>
    protected virtual void FileRead(string path)
    {
    }

    /// <summary>
    /// Stops the command with <c>PathWithPipelineInput</c> when rows are piped to it while <c>-Path</c> names files:
    /// <paramref name="example"/> is the file name its message shows (jobs.csv).
    /// </summary>
    protected void RefusePathWithPipelineInput(string example)
    {
        if (InputPaths is not { Length: > 0 } || !MyInvocation.ExpectingInput) return;
        string command = MyInvocation.MyCommand.Name;
        ThrowRowError(new MgwError
        {
            Code = MgwErrorCodes.PathWithPipelineInput,
            Field = "Path",
            Message = $"Give the rows either with -Path or through the pipeline, not both. Import-Csv {example} | " +
                      $"{command} reads them from the pipeline; {command} -Path {example} reads the file itself.",
        }, null);
    }

    /// <summary>
    /// The findings about the property names of one piped row: each unknown one a warning the first time the run meets
    /// it, or with <c>-Strict</c> an error on this row; a name that joins field names with a delimiter is <c>WrongDelimiter</c>.
    /// </summary>
    protected IReadOnlyList<MgwError> PipedColumnFindings(IEnumerable<string> names)
    {
        ColumnCheck check = Columns();
        var unknown = names.Where(n => !check.IsKnown(n)).ToList();
        return StrictColumns ? check.Check(unknown, strict: true) : check.Check(unknown.Where(n => _reportedColumns.Add(n)), strict: false);
    }

    /// <summary>
    /// A piped row object (<c>Import-Csv</c>, <c>[pscustomobject]</c>) as an input: its properties read once
    /// (<see cref="RowProperties"/>) and placed by their <see cref="RowLayout"/> (the last row's, when the names are the
    /// same), the unknown ones' findings as <see cref="PipedColumnFindings"/> gives them.
    /// </summary>
    protected RowInput PipedRowInput(int row, PSObject piped)
    {
        List<PSPropertyInfo> properties = RowProperties.Of(piped);
        RowLayout layout = _layout is { } last && last.Fits(properties) ? last : _layout = new RowLayout(properties, Columns());
        IReadOnlyList<MgwError> findings = layout.Unknown.Count == 0 ? Array.Empty<MgwError>() : PipedColumnFindings(layout.Unknown);
        return new RowInput(row, piped, piped, null, null, null, findings) { Layout = layout, Properties = properties };
    }

    /// <summary>
    /// Every row of every <c>-Path</c> file, on the first call only (later calls: none), numbered on from <see cref="Row"/>
    /// as they are enumerated. The files are all read (and <see cref="TotalRows"/> set) before the first row is returned;
    /// a file that cannot be read stops the command (<c>PathNotFound</c>, <c>InvalidCsv</c>).
    /// </summary>
    protected IEnumerable<RowInput> FileInputs()
    {
        if (_filesRead) return Array.Empty<RowInput>();
        _filesRead = true;
        List<(string Path, CsvFile Csv)> files = ReadFiles();
        TotalRows = files.Sum(f => f.Csv.Records.Count);
        return files.SelectMany(f => FileInputs(f.Path, f.Csv));
    }

    private IEnumerable<RowInput> FileInputs(string path, CsvFile csv)
    {
        ColumnCheck check = Columns();
        var columns = new List<string>();
        var index = new List<(int Column, string Name)>();
        for (int i = 0; i < csv.Header.Count; i++)
        {
            string name = csv.Header[i];
            if (name.Length > 0)
            {
                index.Add((i, name));
                columns.Add(name);
            }
            else if (csv.Records.Any(r => i < r.Cells.Count && !string.IsNullOrWhiteSpace(r.Cells[i])))
            {
                columns.Add(string.Format(CultureInfo.InvariantCulture, "(column {0})", i + 1));
            }
        }

        var unknown = columns.Where(n => !check.IsKnown(n)).ToList();
        // Warnings name the header line; -Strict's errors are each row's own.
        List<MgwError> once = check.Check(unknown.Where(n => _reportedColumns.Add(n)), strict: false, csv.Delimiter, fromFile: true)
            .Select(f => f.WithSource(path, csv.HeaderLine)).ToList();
        IReadOnlyList<MgwError> everyRow = StrictColumns ? check.Check(unknown, strict: true, csv.Delimiter, fromFile: true) : Array.Empty<MgwError>();
        if (StrictColumns) once.RemoveAll(f => f.Code == MgwErrorCodes.UnknownColumn);

        WriteVerbose(string.Format(CultureInfo.InvariantCulture, "{0}: {1} row(s), {2}, delimiter {3} ({4}).",
            path, csv.Records.Count, csv.EncodingName, CsvFile.Show(csv.Delimiter), csv.DelimiterSource));
        if (csv.EmptyRowLines.Count > 0)
        {
            string lines = string.Join(", ", csv.EmptyRowLines.Take(10).Select(l => l.ToString(CultureInfo.InvariantCulture))) + (csv.EmptyRowLines.Count > 10 ? ", …" : "");
            Note(new MgwError
            {
                Code = MgwErrorCodes.EmptyRowsSkipped,
                Severity = MgwSeverity.Warning,
                File = path,
                Line = csv.EmptyRowLines[0],
                Message = string.Format(CultureInfo.InvariantCulture, "{0} row(s) with only empty cells skipped (line {1}).", csv.EmptyRowLines.Count, lines),
            });
        }

        FileRead(path);
        bool first = true;
        foreach (CsvRecord record in csv.Records)
        {
            var cells = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var target = new PSObject();
            foreach (var (column, name) in index)
            {
                string cell = column < record.Cells.Count ? record.Cells[column] : "";
                cells[name] = cell;
                target.Properties.Add(new PSNoteProperty(name, cell));
            }

            var findings = new List<MgwError>(first ? once : Enumerable.Empty<MgwError>());
            findings.AddRange(everyRow);
            if (ExtraCells(record, csv) is { } extra) findings.Add(extra);
            first = false;
            yield return new RowInput(NextRow(), target, null, cells, path, record.Line, findings);
        }
    }

    // Values in cells past the header's last column: most often a value with the delimiter in it, not quoted.
    private static MgwError? ExtraCells(CsvRecord record, CsvFile csv)
    {
        for (int i = csv.Header.Count; i < record.Cells.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(record.Cells[i])) continue;
            return new MgwError
            {
                Code = MgwErrorCodes.TooManyCells,
                Value = record.Cells[i],
                Message = string.Format(CultureInfo.InvariantCulture,
                    "The row has {0} cells but the header names {1} columns, so a value is cut in two (cell {2} is '{3}'). Quote a value that " +
                    "contains the delimiter {4}: \"(.*).gif{5} (.*).pdf\".",
                    record.Cells.Count, csv.Header.Count, i + 1, SpecBinder.Show(record.Cells[i]), CsvFile.Show(csv.Delimiter), csv.Delimiter),
            };
        }

        return null;
    }

    private List<(string Path, CsvFile Csv)> ReadFiles()
    {
        var files = new List<(string, CsvFile)>();
        foreach (string path in ResolvePaths())
        {
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
                files.Add((path, CsvFile.Read(stream, InputDelimiter)));
            }
            catch (MgwException ex)
            {
                ThrowRowError(ex.Error.WithSource(path, ex.Error.Line), path, ex);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                ThrowRowError(new MgwError { Code = MgwErrorCodes.PathNotFound, Field = "Path", Value = path, Message = $"'{path}' cannot be read: {ex.Message}" }, path, ex);
            }
        }

        return files;
    }

    // A path that names an existing file is taken as it is (so brackets in a name work); otherwise its wildcards are expanded.
    private IEnumerable<string> ResolvePaths()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string given in InputPaths ?? Array.Empty<string>())
        {
            string literal = SessionState.Path.GetUnresolvedProviderPathFromPSPath(given, out ProviderInfo literalProvider, out _);
            IEnumerable<string> found;
            ProviderInfo provider = literalProvider;
            if (literalProvider.Name == "FileSystem" && File.Exists(literal))
            {
                found = new[] { literal };
            }
            else
            {
                try
                {
                    found = SessionState.Path.GetResolvedProviderPathFromPSPath(given, out provider);
                }
                catch (Exception ex) when (ex is ItemNotFoundException or System.Management.Automation.DriveNotFoundException or ProviderNotFoundException or NotSupportedException)
                {
                    ThrowRowError(NotFound(given, "does not exist"), given, ex);
                    yield break;
                }
            }

            if (!found.Any())
            {
                ThrowRowError(NotFound(given, "does not exist"), given);
            }

            if (provider.Name != "FileSystem")
            {
                ThrowRowError(NotFound(given, $"is on the {provider.Name} provider, not the file system"), given);
            }

            foreach (string file in found)
            {
                if (Directory.Exists(file)) ThrowRowError(NotFound(given, "is a folder, not a CSV file"), given);
                if (seen.Add(file)) yield return file;
            }
        }
    }

    private static MgwError NotFound(string path, string what) => new()
    {
        Code = MgwErrorCodes.PathNotFound,
        Field = "Path",
        Value = path,
        Message = $"-Path '{SpecBinder.Show(path)}' {what}.",
    };

    private ColumnCheck Columns() => _columns ??= CreateColumnCheck();

    // A piped object's property, as PowerShell would read it for binding; one whose getter fails counts as not given.
    internal static KeyValuePair<string, object?>? Property(PSObject piped, string name) => ValueOf(piped.Properties[name]);

    private static KeyValuePair<string, object?>? ValueOf(PSPropertyInfo? property)
    {
        if (property is null) return null;
        try
        {
            return new KeyValuePair<string, object?>(property.Name, PSValues.Unwrap(property.Value));
        }
        catch (GetValueException)
        {
            return null;
        }
    }

    /// <summary>
    /// One input: a piped object, the command line alone, or a row of a <c>-Path</c> file. Its values are read by name
    /// (any spelling, case-insensitive); <see cref="Findings"/> are what its columns and cells already say.
    /// </summary>
    protected sealed class RowInput
    {
        private readonly PSObject? _piped;
        private readonly IReadOnlyDictionary<string, string>? _cells;

        internal RowInput(int row, object? target, PSObject? piped, IReadOnlyDictionary<string, string>? cells, string? file, int? line,
            IReadOnlyList<MgwError> findings)
        {
            Row = row;
            Target = target;
            _piped = piped;
            _cells = cells;
            File = file;
            Line = line;
            Findings = findings;
        }

        /// <summary>1-based position of the input (the pipeline object, or the data row across the -Path files).</summary>
        public int Row { get; }

        /// <summary>The input as the user gave it (the piped object, or the file row as an object); null when typed.</summary>
        public object? Target { get; }

        /// <summary>The file of a -Path row (full path); null otherwise.</summary>
        public string? File { get; }

        /// <summary>The line a -Path row starts on; null otherwise.</summary>
        public int? Line { get; }

        /// <summary>Findings about the input's columns and cells (unknown columns, wrong delimiter, cells past the header).</summary>
        public IReadOnlyList<MgwError> Findings { get; }

        /// <summary>A piped row object's properties, read once (<see cref="PipedRowInput"/>), in <see cref="Layout"/>'s order; null for other inputs.</summary>
        internal IReadOnlyList<PSPropertyInfo>? Properties { private get; init; }

        /// <summary>Where a piped row object's known properties are (<see cref="PipedRowInput"/>); null for other inputs.</summary>
        internal RowLayout? Layout { get; init; }

        /// <summary>The cells of a -Path row by column name, in the header's order; empty for other inputs.</summary>
        public IEnumerable<KeyValuePair<string, string>> Cells => _cells ?? Enumerable.Empty<KeyValuePair<string, string>>();

        /// <summary>The value named <paramref name="name"/> (a property, or a cell), keyed by the name it was found under; null when absent.</summary>
        internal KeyValuePair<string, object?>? Value(string name)
        {
            if (Layout is not null && Properties is not null) return Layout.IndexOf(name) is int at and >= 0 ? ValueOf(Properties[at]) : null;
            if (_piped is not null) return Property(_piped, name);
            if (_cells is not null && _cells.TryGetValue(name, out string? cell)) return new KeyValuePair<string, object?>(name, cell);
            return null;
        }

        /// <summary>The value of the piped row's property at <paramref name="position"/> (see <see cref="RowLayout.FieldProperties"/>), keyed by its name; null when its getter fails.</summary>
        internal KeyValuePair<string, object?>? PropertyValue(int position) => ValueOf(Properties![position]);
    }
}
