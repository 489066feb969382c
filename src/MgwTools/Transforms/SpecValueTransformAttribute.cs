using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Runtime.CompilerServices;
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
/// <para>
/// The parameters do not bind by property name (the cmdlet reads a piped row's properties itself, see
/// <see cref="Commands.JobSpecCmdlet"/>), so PowerShell does not delay-bind a script block given to one of them either:
/// this transform keeps it, and the cmdlet runs it for each piped row (<see cref="DelayBound"/>).
/// </para>
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

    /// <summary>
    /// True: a piped object's property of the parameter's name or alias gives it, read by the cmdlet rather than by PowerShell, so
    /// help documents it as pipeline input by property name (tools/New-MamlHelp.ps1 reads this property).
    /// </summary>
    public bool ValueFromPipelineByPropertyName => true;

    // A switch given a script block (-CreateReport:{ $_.report -eq 'y' }) binds this box, which says which script it
    // stands for: a SwitchParameter cannot hold the script, and PowerShell keeps the transform's object as the bound value.
    private static readonly ConditionalWeakTable<object, ScriptBlock> s_switchScripts = new();

    /// <summary>
    /// The script block a parameter bound on the command line was given (run for each piped row: <c>-Name { $_.id }</c>,
    /// <c>-CreateReport:{ $_.report -eq 'y' }</c>), from its bound value; null when it was given a value.
    /// </summary>
    internal static ScriptBlock? DelayBound(object? bound) => bound switch
    {
        ISpecArgument { Value: ScriptBlock script } => script,
        SwitchParameter when s_switchScripts.TryGetValue(bound, out ScriptBlock? script) => script,
        _ => null,
    };

    /// <inheritdoc />
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        object? raw = PSValues.Unwrap(inputData);
        if (!_field.IsSwitch)
        {
            return raw is null ? null : _wrap(raw);
        }

        if (raw is ScriptBlock script)
        {
            object box = new SwitchParameter(false);
            s_switchScripts.Add(box, script);
            return box;
        }

        // -CreateReport, -CreateReport:$false, a typed object's bool, 1/0, or text as a CSV cell carries it.
        return new SwitchParameter(raw is bool b ? b : _field.Parse(raw, new List<MgwError>()) is true);
    }
}
