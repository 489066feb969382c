using System.Linq;
using System.Management.Automation;
using MgwTools.Core.Specs;
using MgwTools.Core.Wire;

namespace MgwTools.Commands;

/// <summary>
/// <c>Test-MgwJobSpec</c>: validates job definitions offline against every rule of design §3 and writes
/// one <see cref="MgwSpecValidation"/> per input (or only <c>$true</c>/<c>$false</c> with <c>-Quiet</c>).
/// Bad input is its job: it never throws on it. With <c>-Online</c> it also asks the service what only the service
/// knows (<see cref="OnlineSpecChecker"/>); a failure to ask stops the command.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "MgwJobSpec")]
[OutputType(typeof(MgwSpecValidation))]
[OutputType(typeof(bool))]
public sealed class TestMgwJobSpecCommand : JobSpecCmdlet
{
    #region Parameters

    /// <summary>Write only $true (no errors) or $false per input.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    /// <summary>Also ask the service: addresses exist and verified, parent exists, name free, room under the job quota.</summary>
    [Parameter]
    public SwitchParameter Online { get; set; }

    /// <summary>With -Online: a job that exists with the same definition passes, as New-MgwJob -SkipExisting returns it.</summary>
    [Parameter]
    public SwitchParameter SkipExisting { get; set; }

    /// <summary>The parent job's name, as New-MgwJob takes it; checked with -Online.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("parent-job-name")]
    [ArgumentCompleter(typeof(Completers.JobNameCompleter))]
    public string? ParentJobName { get; set; }

    #endregion

    private OnlineSpecChecker? _online;

    #region Overrides

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (!string.IsNullOrWhiteSpace(Region) && !RegionLimits.IsKnown(Region))
        {
            WriteWarning($"Region '{Region}' is not one of {string.Join(", ", RegionLimits.Regions)}; the highest limits apply.");
        }
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var (spec, findings) = BindRecord();
        MgwSpecValidation result = SpecValidator.Evaluate(spec, findings, LimitsRegion, Row, MgwJobSpecXml.Write);
        if (Online) result = WithOnlineFindings(result);
        WriteVerbose($"Row {Row} '{result.Name}': {result.Errors.Length} error(s), {result.Warnings.Length} warning(s).");
        WriteObject(Quiet ? result.IsValid : result);
    }

    #endregion

    // The offline verdict plus what the service says; its lookups are cached across rows.
    private MgwSpecValidation WithOnlineFindings(MgwSpecValidation offline)
    {
        _online ??= new OnlineSpecChecker(Client, SkipExisting);
        OnlineSpecChecker checker = _online;
        MgwJobSpec spec = offline.Spec;
        int row = Row;
        string? parent = ParentJobName;
        System.Collections.Generic.IReadOnlyList<MgwError> online;
        try
        {
            online = Await(ct => checker.CheckAsync(spec, parent, row, offline.IsValid, ct));
        }
        catch (MgwException ex)
        {
            ThrowMgwError(ex.Error.WithContext(row, spec.Name), InputObject ?? (object)spec, ex);
            throw;
        }

        if (online.Count == 0) return offline;
        var all = offline.Errors.Concat(offline.Warnings).Concat(online.Select(e => e.WithContext(row, spec.Name))).ToList();
        return new MgwSpecValidation(spec, all, row, MgwJobSpecXml.Write);
    }
}
