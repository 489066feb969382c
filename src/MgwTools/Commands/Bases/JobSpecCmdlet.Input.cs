using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using MgwTools.Core.Csv;
using MgwTools.Core.Specs;
using MgwTools.Transforms;

namespace MgwTools.Commands;

/// <summary>
/// Where the rows come from: the pipeline (or the command line alone), or the CSV files of <c>-Path</c>, read by Core's
/// <see cref="CsvFile"/> so every row knows its file and line. Either way the columns are checked once
/// (<see cref="ColumnCheck"/>): a column that names no job field is a warning (an error under <c>-Strict</c>), and a
/// file read with the wrong delimiter is said plainly.
/// </summary>
public abstract partial class JobSpecCmdlet
{
    // Column names already reported in this run (each unknown column is a warning once per run).
    private readonly HashSet<string> _reportedColumns = new(StringComparer.OrdinalIgnoreCase);
    private ColumnCheck? _columns;
    private bool _filesRead;

    /// <summary>How many rows the -Path files hold (known before the first is worked on); null for piped input.</summary>
    protected int? TotalRows { get; private set; }

    /// <summary>
    /// Names a CSV of job rows may carry that bind to something other than a job field: by default New-MgwJob's
    /// <c>ParentJobName</c>, so one CSV passes Test-MgwJobSpec and feeds New-MgwJob without a finding. The command's own
    /// parameters that bind by property name are added to these.
    /// </summary>
    protected virtual IEnumerable<string> OtherColumnNames => new[] { "ParentJobName", "parent-job-name" };

    /// <summary>
    /// The inputs of this ProcessRecord call: the piped object (or, with no pipeline, the command line alone) as one
    /// input, or, with <c>-Path</c>, every row of every file (on the first call only). Each has its <see cref="JobInput.Row"/>.
    /// </summary>
    protected IEnumerable<JobInput> Inputs()
    {
        if (Path is not { Length: > 0 })
        {
            return new[] { PipedInput() };
        }

        if (_filesRead) return Array.Empty<JobInput>();
        _filesRead = true;
        List<(string Path, CsvFile Csv)> files = ReadFiles();
        TotalRows = files.Sum(f => f.Csv.Records.Count);
        return files.SelectMany(f => FileInputs(f.Path, f.Csv));
    }

    private JobInput PipedInput()
    {
        int row = NextRow();
        PSObject? piped = _commandLine!.Contains(nameof(InputObject)) ? null : InputObject;
        if (piped?.BaseObject is not PSCustomObject)
        {
            return new JobInput(row, piped, piped, null, null, null, null, Array.Empty<MgwError>());
        }

        // A row object (Import-Csv, [pscustomobject]): its properties are read once, here (RowProperties), and those that
        // name a job field looked up by name after; PowerShell's binder does not read them (the job-field parameters do not
        // bind by property name, see BindRecord).
        ColumnCheck check = Columns();
        // Each field's properties by the field's position: a field is mostly given once, so no lookup by name is left to do.
        var byField = new List<PSPropertyInfo>?[JobFields.All.Count];
        List<string>? unknown = null;
        foreach (PSPropertyInfo property in RowProperties.Of(piped))
        {
            if (JobFields.Find(property.Name) is { } field) (byField[field.Index] ??= new List<PSPropertyInfo>(1)).Add(property);
            else if (!check.IsKnown(property.Name)) (unknown ??= new List<string>()).Add(property.Name);
        }

        IReadOnlyList<MgwError> findings = unknown is null ? Array.Empty<MgwError>()
            : Strict ? check.Check(unknown, strict: true) : check.Check(unknown.Where(n => _reportedColumns.Add(n)), strict: false);
        return new JobInput(row, piped, piped, byField, null, null, null, findings);
    }

    private IEnumerable<JobInput> FileInputs(string path, CsvFile csv)
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
        IReadOnlyList<MgwError> everyRow = Strict ? check.Check(unknown, strict: true, csv.Delimiter, fromFile: true) : Array.Empty<MgwError>();
        if (Strict) once.RemoveAll(f => f.Code == MgwErrorCodes.UnknownColumn);

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

        Summary.AddFile(path);
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
            yield return new JobInput(NextRow(), target, null, null, cells, path, record.Line, findings);
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
                files.Add((path, CsvFile.Read(stream, Delimiter)));
            }
            catch (MgwException ex)
            {
                ThrowRowError(ex.Error.WithSource(path, ex.Error.Line), path, ex);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                ThrowRowError(new MgwError { Code = MgwErrorCodes.PathNotFound, Field = nameof(Path), Value = path, Message = $"'{path}' cannot be read: {ex.Message}" }, path, ex);
            }
        }

        return files;
    }

    // A path that names an existing file is taken as it is (so brackets in a name work); otherwise its wildcards are expanded.
    private IEnumerable<string> ResolvePaths()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string given in Path ?? Array.Empty<string>())
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
        Field = nameof(Path),
        Value = path,
        Message = $"-Path '{SpecBinder.Show(path)}' {what}.",
    };

    // Read from the command's type and MgwJob's by reflection: PowerShell's own views (MyCommand.Parameters, an MgwJob's
    // PSObject properties) build metadata and adapters for every member first, a fifth of a first call's JIT.
    private ColumnCheck Columns()
    {
        if (_columns is null)
        {
            var other = new List<KeyValuePair<string, string>>();
            foreach (string name in OtherColumnNames) other.Add(new KeyValuePair<string, string>(name, OtherColumnNames.First()));
            foreach (PropertyInfo property in GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                bool byName = property.GetCustomAttributes<ParameterAttribute>(true).Any(a => a.ValueFromPipelineByPropertyName);
                if (!byName || JobFields.Find(property.Name) is not null) continue;
                other.Add(new KeyValuePair<string, string>(property.Name, property.Name));
                foreach (AliasAttribute alias in property.GetCustomAttributes<AliasAttribute>(true))
                {
                    foreach (string name in alias.AliasNames) other.Add(new KeyValuePair<string, string>(name, property.Name));
                }
            }

            // What Get-MgwJob | Export-Csv writes besides the fields: an MgwJob's properties (it has no type data).
            IEnumerable<string> jobColumns = typeof(MgwJob).GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetIndexParameters().Length == 0).Select(p => p.Name);
            _columns = new ColumnCheck(other, jobColumns);
        }

        return _columns;
    }

    /// <summary>
    /// One input: a piped object, the command line alone, or a row of a <c>-Path</c> file. Its values are read by name
    /// (any spelling, case-insensitive); <see cref="Findings"/> are what its columns and cells already say.
    /// </summary>
    protected sealed class JobInput
    {
        private readonly PSObject? _piped;
        private readonly List<PSPropertyInfo>?[]? _byField;
        private readonly IReadOnlyDictionary<string, string>? _cells;

        internal JobInput(int row, object? target, PSObject? piped, List<PSPropertyInfo>?[]? byField,
            IReadOnlyDictionary<string, string>? cells, string? file, int? line, IReadOnlyList<MgwError> findings)
        {
            Row = row;
            Target = target;
            _piped = piped;
            _byField = byField;
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

        /// <summary>
        /// Adds the values this input gives <paramref name="field"/> to <paramref name="values"/>, each keyed by the name it
        /// was found under, in the order of the field's names.
        /// </summary>
        internal void AddValues(JobField field, List<KeyValuePair<string, object?>> values)
        {
            if (_byField is not null)
            {
                if (_byField[field.Index] is not { } found) return;
                if (found.Count > 1) found.Sort((a, b) => NameIndex(field, a.Name).CompareTo(NameIndex(field, b.Name)));
                foreach (PSPropertyInfo property in found)
                {
                    if (ValueOf(property) is { } value) values.Add(value);
                }

                return;
            }

            foreach (string name in field.Names)
            {
                if (Value(name) is { } value) values.Add(value);
            }
        }

        /// <summary>The value named <paramref name="name"/> (a property, or a cell), keyed by the name it was found under; null when absent.</summary>
        internal KeyValuePair<string, object?>? Value(string name)
        {
            if (_piped is not null) return ValueOf(_piped.Properties[name]);
            if (_cells is not null && _cells.TryGetValue(name, out string? cell)) return new KeyValuePair<string, object?>(name, cell);
            return null;
        }

        private static int NameIndex(JobField field, string name)
        {
            for (int i = 0; i < field.Names.Count; i++)
            {
                if (string.Equals(field.Names[i], name, StringComparison.OrdinalIgnoreCase)) return i;
            }

            return field.Names.Count;
        }

        /// <summary>The text of the first of <paramref name="names"/> a file row has a non-empty cell for; null for other inputs.</summary>
        public string? Cell(params string[] names)
        {
            if (_cells is null) return null;
            foreach (string name in names)
            {
                if (_cells.TryGetValue(name, out string? cell) && !string.IsNullOrWhiteSpace(cell)) return cell;
            }

            return null;
        }

        // A property's value, as PowerShell would read it for binding; one whose getter fails counts as not given.
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
    }
}
