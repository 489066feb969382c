using System;
using System.Collections.Generic;
using System.Management.Automation;
using MgwTools.Core.Specs;

namespace MgwTools.Transforms;

/// <summary>
/// Friendly input for one job-spec parameter (design §2): text such as <c>200Mbps</c>, <c>a{1,3},b</c>,
/// <c>2025-07-03 00:00:00 &gt; 2025-07-04 00:00:00</c>, <c>yes</c>, <c>k1:v1,k2:v2</c> or the wire spelling
/// <c>lastmodified</c> becomes the parameter's type through Core's <see cref="SpecBinder"/>. It never
/// throws: input that does not convert binds as null (a switch as not present) and the original is kept
/// in <see cref="BindingNotes"/>, so the cmdlet reports it as a finding for its row instead of PowerShell
/// dropping the row with a binding error.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public class SpecValueTransformAttribute : ArgumentTransformationAttribute
{
    /// <summary>For the §2 parameter <paramref name="field"/> (a <see cref="SpecFields"/> name).</summary>
    public SpecValueTransformAttribute(string field)
    {
        Field = SpecBinder.Canonical(field) ?? throw new ArgumentException($"'{field}' is not a job-spec parameter.", nameof(field));
    }

    /// <summary>The §2 parameter this attribute converts for.</summary>
    public string Field { get; }

    /// <inheritdoc />
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        object? raw = PSValues.Unwrap(inputData);
        bool isSwitch = IsSwitch(Field);
        if (isSwitch && raw is bool typed)
        {
            return new SwitchParameter(typed);   // -CreateReport, -CreateReport:$false
        }

        BindingNotes.Record(Field, raw);
        var (spec, findings) = SpecBinder.Bind(new[] { new KeyValuePair<string, object?>(Field, raw) });
        object? value = findings.Count > 0 ? null : Value(spec, Field);
        return isSwitch ? new SwitchParameter(value is true) : value;
    }

    private static bool IsSwitch(string field)
    {
        foreach (string b in SpecFields.Booleans)
        {
            if (b == field) return true;
        }

        return false;
    }

    private static object? Value(MgwJobSpec spec, string field) => field switch
    {
        SpecFields.OverwriteMode => spec.OverwriteMode,
        SpecFields.TransferMode => spec.TransferMode,
        SpecFields.LogMode => spec.LogMode,
        SpecFields.TargetStorageClass => spec.TargetStorageClass,
        SpecFields.MaxBandwidth => spec.MaxBandwidth,
        SpecFields.MaxQps => spec.MaxQps,
        SpecFields.MaxScheduleCount => spec.MaxScheduleCount,
        SpecFields.IncludeKey => ToArray(spec.IncludeKey),
        SpecFields.ExcludeKey => ToArray(spec.ExcludeKey),
        SpecFields.IncludeLastModified => ToArray(spec.IncludeLastModified),
        SpecFields.ExcludeLastModified => ToArray(spec.ExcludeLastModified),
        SpecFields.Tag => spec.Tag.Count > 0 ? spec.Tag : null,
        SpecFields.CreateReport => spec.CreateReport,
        SpecFields.ExcludeDirectory => spec.ExcludeDirectory,
        SpecFields.ExcludeSymlink => spec.ExcludeSymlink,
        SpecFields.WithStorageClass => spec.WithStorageClass,
        SpecFields.WithLastModifyTime => spec.WithLastModifyTime,
        SpecFields.ConvertSymlinkTarget => spec.ConvertSymlinkTarget,
        SpecFields.AppendableToNormal => spec.AppendableToNormal,
        SpecFields.StartCron => spec.StartCron,
        SpecFields.SuspendCron => spec.SuspendCron,
        SpecFields.ParentVersion => spec.ParentVersion,
        SpecFields.Name => spec.Name,
        SpecFields.SourceAddress => spec.SourceAddress,
        SpecFields.DestinationAddress => spec.DestinationAddress,
        _ => null,
    };

    private static T[]? ToArray<T>(IList<T> items)
    {
        if (items.Count == 0) return null;
        var array = new T[items.Count];
        items.CopyTo(array, 0);
        return array;
    }
}

/// <summary>
/// <c>-MaxBandwidth</c>: a number is bit/s; <c>200Mbps</c>, <c>1Gbps</c> (decimal), <c>1Gibps</c> (binary),
/// <c>25MB/s</c>, <c>512KiB/s</c> are converted (prefix rules: <see cref="SpecBinder.TryParseBandwidth"/>).
/// </summary>
public sealed class BandwidthTransformAttribute : SpecValueTransformAttribute
{
    /// <summary>For <c>-MaxBandwidth</c>.</summary>
    public BandwidthTransformAttribute()
        : base(SpecFields.MaxBandwidth)
    {
    }
}
