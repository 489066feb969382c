using System;
using System.Globalization;
using System.Management.Automation;

namespace MgwTools.Transforms;

/// <summary>
/// Lets a <see cref="TimeSpan"/> parameter take a number of milliseconds (<c>-Latency 20</c>), a TimeSpan
/// (<c>-Latency ([timespan]'00:00:00.020')</c>) or a text with a unit (<c>'20ms'</c>, <c>'1.5s'</c>, and an
/// unquoted <c>3s</c>, which PowerShell hands over as a short).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class MillisecondsTimeSpanTransformAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc />
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        object value = inputData is PSObject pso ? pso.BaseObject : inputData;
        switch (value)
        {
            case TimeSpan span:
                return span;
            case short seconds:
                // PowerShell reads a bare 3s as the Int16 literal 3 (the 's' type suffix), never as text: whoever
                // types -Latency 3s means three seconds, and nobody passes an [int16] of milliseconds on purpose.
                return TimeSpan.FromSeconds(seconds);
            case int or long or byte or double or float or decimal:
                return TimeSpan.FromMilliseconds(Convert.ToDouble(value, CultureInfo.InvariantCulture));
            case string text:
                string t = text.Trim();
                if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double ms)) return TimeSpan.FromMilliseconds(ms);
                if (t.EndsWith("ms", StringComparison.OrdinalIgnoreCase) &&
                    double.TryParse(t.Substring(0, t.Length - 2), NumberStyles.Float, CultureInfo.InvariantCulture, out ms))
                {
                    return TimeSpan.FromMilliseconds(ms);
                }

                if (t.EndsWith("s", StringComparison.OrdinalIgnoreCase) &&
                    double.TryParse(t.Substring(0, t.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out double s))
                {
                    return TimeSpan.FromSeconds(s);
                }

                if (TimeSpan.TryParse(t, CultureInfo.InvariantCulture, out TimeSpan parsed)) return parsed;
                break;
        }

        throw new ArgumentTransformationMetadataException(
            $"'{inputData}' is not a duration: give milliseconds (20), a text with a unit ('20ms', '1.5s') or a TimeSpan.");
    }
}
