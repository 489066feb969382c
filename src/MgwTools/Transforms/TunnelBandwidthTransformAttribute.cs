using System;
using System.Globalization;
using System.Management.Automation;
using MgwTools.Core.Agents;

namespace MgwTools.Transforms;

/// <summary>
/// A tunnel bandwidth in <b>bytes</b>/s (<c>New-MgwTunnel</c>, <c>Set-MgwTunnel</c>): a number is bytes/s; text may carry a
/// unit, <c>100MB/s</c>, <c>10MiB/s</c> or <c>800Mbps</c> (see <see cref="AgentRules.TryParseBandwidth"/>). Text that does
/// not parse is a binding error at once. The range (0, or at least 10,485,760) is the cmdlet's to check.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class TunnelBandwidthTransformAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc />
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        object? value = inputData is PSObject pso ? pso.BaseObject : inputData;
        switch (value)
        {
            case null:
                return null;
            case long or int or short or byte or uint or ushort or sbyte:
                return Convert.ToInt64(value, CultureInfo.InvariantCulture);
            case double or float or decimal:
                decimal number = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                if (number != decimal.Truncate(number)) break;
                return decimal.ToInt64(number);
        }

        string text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        if (AgentRules.TryParseBandwidth(text, out long bytes)) return bytes;
        throw new ArgumentTransformationMetadataException(
            $"'{Core.Specs.SpecBinder.Show(text)}' is not a tunnel bandwidth. Give bytes/s as a whole number (10485760), or a value with a unit such as " +
            "100MB/s, 10MiB/s or 800Mbps; 0 means not limited.");
    }
}
