using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Reflection;

namespace MgwTools.Commands;

/// <summary>
/// The properties of a row object (<c>Import-Csv</c>, <c>[pscustomobject]</c>), read for <see cref="JobSpecCmdlet"/> once per
/// piped row. Enumerating <see cref="PSObject.Properties"/> costs about 25 µs a row on PowerShell 7.6 (it builds the
/// object's psbase, psadapted and psextended member sets first), more than <c>Import-Csv</c> spends making the row, and
/// every other public way costs over 10 µs (looking up each of the ~60 field names, or the psextended set). A row object's
/// properties are its instance members, so they are read from there (under 1 µs) when this PowerShell has them, as
/// PowerShell 5.1 and 7 do; otherwise, and for an object whose type names are not a plain PSCustomObject's (type data
/// could add properties), the public enumeration. The type names are read as they are too (the public TypeNames copies
/// them, 1 to 3 µs). A test checks both ways agree.
/// </summary>
internal static class RowProperties
{
    // PSObject.InstanceMembers (internal): the members added to this object (its note properties), in order.
    private static readonly Func<PSObject, object?>? s_instanceMembers = Getter("InstanceMembers");

    // PSObject.InternalTypeNames (internal): the type names as they are; the public TypeNames makes a writable copy first.
    private static readonly Func<PSObject, object?>? s_typeNames = Getter("InternalTypeNames");

    private static readonly string[] s_plainTypeNames = { typeof(PSCustomObject).FullName!, typeof(object).FullName! };

    /// <summary>True when the fast way is there (for the test that compares both ways).</summary>
    internal static bool HasFastPath => s_instanceMembers is not null;

    /// <summary>The properties of <paramref name="row"/> (a PSCustomObject) as <see cref="PSObject.Properties"/> lists them.</summary>
    internal static List<PSPropertyInfo> Of(PSObject row)
    {
        var properties = new List<PSPropertyInfo>();
        IEnumerable members = IsPlainRow(row) && s_instanceMembers?.Invoke(row) is IEnumerable instance ? instance : row.Properties;
        foreach (object? member in members)
        {
            if (member is PSPropertyInfo property) properties.Add(property);
        }

        return properties;
    }

    private static bool IsPlainRow(PSObject row)
    {
        IList<string> names = s_typeNames?.Invoke(row) as IList<string> ?? row.TypeNames;
        return names.Count == s_plainTypeNames.Length && names[0] == s_plainTypeNames[0] && names[1] == s_plainTypeNames[1];
    }

    // An internal instance property of PSObject as a delegate; null when this PowerShell has none of that name and kind.
    private static Func<PSObject, object?>? Getter(string property)
    {
        try
        {
            MethodInfo? getter = typeof(PSObject).GetProperty(property, BindingFlags.Instance | BindingFlags.NonPublic)?.GetGetMethod(true);
            if (getter is null || getter.IsStatic || !typeof(IEnumerable).IsAssignableFrom(getter.ReturnType) || getter.ReturnType.IsValueType)
            {
                return null;
            }

            return (Func<PSObject, object?>)Delegate.CreateDelegate(typeof(Func<PSObject, object?>), getter);
        }
        catch (Exception ex) when (ex is ArgumentException or MemberAccessException or AmbiguousMatchException)
        {
            return null;
        }
    }
}
