using System.Linq;
using System.Management.Automation;
using MgwTools.Core.Specs;
using MgwTools.Transforms;

namespace MgwTools.Commands;

/// <summary>
/// <c>Set-MgwJob</c>: changes a job's throttling (UpdateJob with <c>ImportQos</c>), one request per job as the API
/// requires. The values are checked against the region's limits before anything is sent. A value not given keeps
/// the job's current one (the request carries both, read from the piped job or from GetJob).
/// </summary>
[Cmdlet(VerbsCommon.Set, "MgwJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByInputObjectSet)]
[OutputType(typeof(MgwJob))]
public sealed class SetMgwJobCommand : JobTargetCmdlet
{
    private bool _checked;

    #region Parameters

    /// <summary>Bandwidth limit: bit/s, or text such as 200Mbps, 1Gbps, 25MB/s, 512KiB/s.</summary>
    [Parameter]
    [Alias("max-bandwidth")]
    [StrictBandwidthTransform]
    public long? MaxBandwidth { get; set; }

    /// <summary>Files per second.</summary>
    [Parameter]
    [Alias("max-qps", "MaxImportTaskQps")]
    public long? MaxQps { get; set; }

    /// <summary>Write the refreshed job (GetJob after the change).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    #endregion

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        if (MaxBandwidth is null && MaxQps is null)
        {
            ThrowMgwError(new MgwError
            {
                Code = MgwErrorCodes.MissingValue,
                Field = nameof(MaxBandwidth),
                Message = "Give -MaxBandwidth, -MaxQps or both: they are what Set-MgwJob changes.",
            }, null);
        }
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        CheckLimits();
        foreach (var (name, target) in Targets())
        {
            string change = string.Join(", ", new[]
            {
                MaxBandwidth is { } bw ? $"MaxBandwidth {bw:N0} bit/s" : null,
                MaxQps is { } qps ? $"MaxQps {qps:N0}" : null,
            }.Where(p => p is not null));
            if (!ShouldProcess(name, $"Set throttling ({change})")) continue;

            long? bandwidth = MaxBandwidth, queries = MaxQps;
            if (bandwidth is null || queries is null)
            {
                // The API takes both values in one ImportQos: keep the one not given as the job has it.
                MgwJob? current = Known(target);
                if (current is null && !TryCall((c, ct) => c.GetJobAsync(name, false, ct), target, out current)) continue;
                bandwidth ??= current!.MaxBandwidth;
                queries ??= current!.MaxQps;
            }

            if (!TryCall((c, ct) => c.UpdateJobQosAsync(name, bandwidth, queries, ct), target)) continue;
            if (PassThru && TryCall((c, ct) => c.GetJobAsync(name, false, ct), target, out MgwJob job)) WriteObject(job);
        }
    }

    // The region's ceilings (mgw-api.md §7), once: the values are the same for every job.
    private void CheckLimits()
    {
        if (_checked) return;
        _checked = true;
        string region = ResolveContext().Region;
        var probe = new MgwJobSpec { MaxBandwidth = MaxBandwidth, MaxQps = MaxQps };
        MgwError? error = SpecValidator.Validate(probe, region)
            .FirstOrDefault(e => e.Field is JobFields.MaxBandwidth or JobFields.MaxQps && e.Severity == MgwSeverity.Error);
        if (error is not null) ThrowMgwError(error, error.Value);   // the value given: it is wrong for every job
    }
}
