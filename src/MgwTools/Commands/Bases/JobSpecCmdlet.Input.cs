using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
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
        var findings = new List<MgwError>();
        if (piped?.BaseObject is PSCustomObject)
        {
            findings.AddRange(PipedColumnFindings(piped.Properties.Select(p => p.Name)));
        }

        return new RowInput(row, piped, piped, null, null, null, findings);
    }

    /// <inheritdoc />
    protected override ColumnCheck CreateColumnCheck()
    {
        var other = new List<KeyValuePair<string, string>>();
        foreach (string name in OtherColumnNames) other.Add(new KeyValuePair<string, string>(name, OtherColumnNames.First()));
        foreach (ParameterMetadata parameter in MyInvocation.MyCommand.Parameters.Values)
        {
            bool byName = parameter.Attributes.OfType<ParameterAttribute>().Any(a => a.ValueFromPipelineByPropertyName);
            if (!byName || JobFields.Find(parameter.Name) is not null) continue;
            other.Add(new KeyValuePair<string, string>(parameter.Name, parameter.Name));
            foreach (string alias in parameter.Aliases) other.Add(new KeyValuePair<string, string>(alias, parameter.Name));
        }

        // What Get-MgwJob | Export-Csv writes besides the fields (its own properties and the type file's aliases).
        IEnumerable<string> jobColumns = PSObject.AsPSObject(new MgwJob(new MgwJobSpec())).Properties.Select(p => p.Name).ToList();
        return new ColumnCheck(other, jobColumns);
    }

    /// <inheritdoc />
    protected override void FileRead(string path) => Summary.AddFile(path);
}
