using System;
using System.Collections.Generic;
using System.Management.Automation;
using MgwTools.Core.Specs;

namespace MgwTools.Transforms;

/// <summary>
/// Binds one job-spec parameter (design §2) without ever failing, so a bad CSV cell becomes a finding for its row
/// instead of a binding error that drops the row. A valued parameter gets a <see cref="SpecArgument{T}"/> holding the
/// input exactly as given; nothing is parsed here: <see cref="Commands.JobSpecCmdlet"/> hands the input to Core's
/// <see cref="SpecBinder"/>, which parses it once and keeps it for its messages. A switch must be a
/// <see cref="SwitchParameter"/>, so it gets one: typed input as it is, text (<c>-CreateReport:'yes'</c>, a CSV cell)
/// read by the field's parser, and anything else as not present. A switch cannot say "not given" or hold bad text,
/// so for a piped row the cmdlet reads switch cells from the row itself.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class SpecValueTransformAttribute : ArgumentTransformationAttribute
{
    private readonly JobField _field;
    private readonly Func<object?, object> _wrap;

    /// <summary>For the §2 parameter <paramref name="field"/> (a <see cref="JobFields"/> name).</summary>
    public SpecValueTransformAttribute(string field)
    {
        _field = JobFields.Find(field) ?? throw new ArgumentException($"'{field}' is not a job-spec parameter.", nameof(field));
        _wrap = SpecArgument.Factory(_field.ParameterType);
    }

    /// <summary>The §2 parameter this attribute binds.</summary>
    public string Field => _field.Name;

    /// <inheritdoc />
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        object? raw = PSValues.Unwrap(inputData);
        if (!_field.IsSwitch)
        {
            return raw is null ? null : _wrap(raw);
        }

        // -CreateReport, -CreateReport:$false, a typed object's bool, 1/0, or text as a CSV cell carries it.
        return new SwitchParameter(raw is bool b ? b : _field.Parse(raw, new List<MgwError>()) is true);
    }
}
