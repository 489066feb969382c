using System;
using System.Management.Automation;
using MgwTools.Core.Scheduling;

namespace MgwTools.Transforms;

/// <summary>
/// Lets a <see cref="TimeSpan"/> time-of-day parameter take <c>'02:00'</c>, <c>'2:30 PM'</c>,
/// <c>'14:05:30'</c>, a [datetime] (its time of day) or a [timespan] under 24 hours.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class TimeOfDayTransformationAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc />
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        object? input = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        if (TimeOfDayText.TryConvert(input, out TimeSpan timeOfDay, out string error))
        {
            return timeOfDay;
        }

        throw new ArgumentTransformationMetadataException(error);
    }
}
