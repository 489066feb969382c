using System;
using System.Globalization;
using System.Management.Automation;
using MgwTools.Core.Specs;

namespace MgwTools.Transforms;

/// <summary>
/// A bandwidth for a cmdlet that acts on one job at a time (<c>Set-MgwJob -MaxBandwidth</c>): the same friendly
/// units as <c>New-MgwJob</c> (<c>200Mbps</c>, <c>1Gbps</c>, <c>25MB/s</c>, <c>512KiB/s</c>; a number is bit/s), but
/// text that does not parse is a binding error at once, since there is no CSV row to keep going.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class StrictBandwidthTransformAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc />
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        object? value = inputData is PSObject pso ? pso.BaseObject : inputData;
        switch (value)
        {
            case null:
                return null;
            case long or int or short or byte:
                return Convert.ToInt64(value, CultureInfo.InvariantCulture);
            case double or float or decimal:
                return (long)Math.Round(Convert.ToDecimal(value, CultureInfo.InvariantCulture), MidpointRounding.AwayFromZero);
        }

        string text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        if (SpecBinder.TryParseBandwidth(text, out long bits)) return bits;
        throw new ArgumentTransformationMetadataException(
            $"'{text}' is not a bandwidth. Give bit/s as a number, or a value with a unit such as 200Mbps, 1Gbps, 25MB/s or 512KiB/s.");
    }
}
