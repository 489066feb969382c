using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using MgwTools.Core.Specs;

namespace MgwTools.Commands;

/// <summary>
/// Where the rows come from: the pipeline (or the command line alone), or the CSV files of <c>-Path</c>, read by the
/// base (<see cref="RowInputCmdlet.FileInputs()"/>) so every row knows its file and line. Either way the columns are
/// checked once against the job fields (<see cref="ColumnCheck"/>): a column that names no job field is a warning (an
/// error under <c>-Strict</c>), and a file read with the wrong delimiter is said plainly.
/// </summary>
public abstract partial class JobSpecCmdlet
{
    /// <summary>
    /// Names a CSV of job rows may carry that bind to something other than a job field: by default New-MgwJob's
    /// <c>ParentJobName</c>, so one CSV passes Test-MgwJobSpec and feeds New-MgwJob without a finding. The command's own
    /// parameters that bind by property name are added to these.
    /// </summary>
    protected virtual IEnumerable<string> OtherColumnNames => new[] { "ParentJobName", "parent-job-name" };

    /// <inheritdoc />
    protected override string[]? InputPaths => Path;

    /// <inheritdoc />
    protected override char? InputDelimiter => Delimiter;

    /// <inheritdoc />
    protected override bool StrictColumns => Strict;

    /// <summary>
    /// The inputs of this ProcessRecord call: the piped object (or, with no pipeline, the command line alone) as one
    /// input, or, with <c>-Path</c>, every row of every file (on the first call only). Each has its <see cref="RowInput.Row"/>.
    /// </summary>
    protected IEnumerable<RowInput> Inputs() => Path is { Length: > 0 } ? FileInputs() : new[] { PipedInput() };

    private RowInput PipedInput()
    {
        int row = NextRow();
        PSObject? piped = _commandLine!.Contains(nameof(InputObject)) ? null : InputObject;
        if (piped?.BaseObject is not PSCustomObject)
        {
            return new RowInput(row, piped, piped, null, null, null, Array.Empty<MgwError>());
        }

        // A row object (Import-Csv, [pscustomobject]): its properties are read once (RowProperties), not by PowerShell's
        // binder (the job-field parameters do not bind by property name, see BindRecord).
        return PipedRowInput(row, piped);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Read from the command's type and MgwJob's by reflection: PowerShell's own views (MyCommand.Parameters, an MgwJob's
    /// PSObject properties) build metadata and adapters for every member first, a fifth of a first call's JIT.
    /// </remarks>
    protected override ColumnCheck CreateColumnCheck()
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
        return new ColumnCheck(other, jobColumns);
    }

    /// <inheritdoc />
    protected override void FileRead(string path) => Summary.AddFile(path);
}
