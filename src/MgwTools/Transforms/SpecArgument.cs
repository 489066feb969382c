using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Management.Automation;
using MgwTools.Core.Specs;

namespace MgwTools;

/// <summary>
/// The value of one valued job-spec parameter (design §2) exactly as it was given: typed (an enum, a number, a
/// hashtable, [datetime] pairs, an MgwCron) or text as a CSV cell carries it. It is not parsed when bound: the
/// cmdlet hands <see cref="Value"/> to Core's <see cref="SpecBinder"/>, which parses it once, and a value that does
/// not parse becomes a finding (with the row, the field and this value) rather than a binding error.
/// </summary>
/// <typeparam name="T">What the parameter takes, shown by help and offered by completion (e.g. <see cref="OverwriteMode"/>).</typeparam>
public sealed class SpecArgument<T> : ISpecArgument
{
    /// <summary>Keeps <paramref name="value"/> as given.</summary>
    public SpecArgument(object? value)
    {
        Value = value;
    }

    /// <summary>The value as given (PowerShell wrappers removed).</summary>
    public object? Value { get; }

    /// <summary>What help documents this parameter as: <typeparamref name="T"/> (read by tools/New-MamlHelp.ps1).</summary>
    public static Type DocumentedType => typeof(T);

    /// <inheritdoc />
    public override string ToString() => Convert.ToString(Value, CultureInfo.InvariantCulture) ?? "";
}

/// <summary>Builds <see cref="SpecArgument{T}"/> for a type known at run time.</summary>
internal static class SpecArgument
{
    private static readonly ConcurrentDictionary<Type, Func<object?, object>> s_factories = new();

    /// <summary>A function that wraps a value in <c>SpecArgument&lt;<paramref name="type"/>&gt;</c>.</summary>
    public static Func<object?, object> Factory(Type type) => s_factories.GetOrAdd(type, t =>
    {
        Type argument = typeof(SpecArgument<>).MakeGenericType(t);
        return value => Activator.CreateInstance(argument, value)!;
    });

    /// <summary>The parameter type of <paramref name="field"/> on a job-spec cmdlet.</summary>
    public static Type ParameterTypeOf(JobField field) =>
        field.IsSwitch ? typeof(SwitchParameter) : typeof(SpecArgument<>).MakeGenericType(field.ParameterType);
}

/// <summary>A <see cref="SpecArgument{T}"/> of any <c>T</c>.</summary>
internal interface ISpecArgument
{
    /// <summary>The value as given.</summary>
    object? Value { get; }
}
