using System;
using System.Collections.Generic;
using System.Linq;

namespace MgwTools;

/// <summary>The verdict on one job definition (one pipeline input of <c>Test-MgwJobSpec</c>).</summary>
public sealed class MgwSpecValidation
{
    private Func<MgwJobSpec, string>? _writeBody;
    private string? _body;

    /// <summary>
    /// Builds the verdict; the findings already carry <paramref name="row"/> and the job name.
    /// <paramref name="writeBody"/> (the wire layer's request writer) gives <see cref="Body"/> when the spec is valid.
    /// </summary>
    public MgwSpecValidation(MgwJobSpec spec, IReadOnlyList<MgwError> findings, int? row, Func<MgwJobSpec, string>? writeBody = null)
    {
        Spec = spec;
        Row = row;
        Errors = Of(findings, MgwSeverity.Error);
        Warnings = Of(findings, MgwSeverity.Warning);
        _writeBody = IsValid ? writeBody : null;
    }

    /// <summary>The job name (as given; null when missing).</summary>
    public string? Name => Spec.Name;

    /// <summary>1-based position of the input in the pipeline (the CSV data line).</summary>
    public int? Row { get; }

    /// <summary>The CSV file the input came from (<c>-Path</c>), as a full path; null for piped and typed input.</summary>
    public string? File { get; internal set; }

    /// <summary>The 1-based line of <see cref="File"/> the row starts on (blank lines count); null without a file.</summary>
    public int? Line { get; internal set; }

    /// <summary>True when there is no error (warnings do not count).</summary>
    public bool IsValid => Errors.Length == 0;

    /// <summary>Findings that block creation.</summary>
    public MgwError[] Errors { get; }

    /// <summary>Findings that do not block creation.</summary>
    public MgwError[] Warnings { get; }

    /// <summary>The normalised spec (fields whose text did not parse are null).</summary>
    public MgwJobSpec Spec { get; }

    /// <summary>
    /// The exact CreateJob body <c>New-MgwJob</c> would send (UTF-8, no declaration); null when the spec
    /// is invalid, because nothing would be sent. Written when first read (most verdicts are never asked for it: writing
    /// each was a fifth of validating a row), then kept.
    /// </summary>
    public string? Body
    {
        get
        {
            if (_writeBody is { } write)
            {
                _body = write(Spec);
                _writeBody = null;
            }

            return _body;
        }
    }

    private static MgwError[] Of(IReadOnlyList<MgwError> findings, MgwSeverity severity)
    {
        int count = 0;
        foreach (MgwError f in findings)
        {
            if (f.Severity == severity) count++;
        }

        if (count == 0) return Array.Empty<MgwError>();
        var of = new MgwError[count];
        int i = 0;
        foreach (MgwError f in findings)
        {
            if (f.Severity == severity) of[i++] = f;
        }

        return of;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Name}: " + (IsValid ? "valid" : string.Join(", ", Errors.Select(e => e.Code).Distinct())) +
        (Warnings.Length > 0 ? " (warnings: " + string.Join(", ", Warnings.Select(w => w.Code).Distinct()) + ")" : "");
}
