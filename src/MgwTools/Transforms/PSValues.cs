using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;

namespace MgwTools.Transforms;

/// <summary>Strips PowerShell wrappers so Core (which has no System.Management.Automation) sees plain values.</summary>
internal static class PSValues
{
    /// <summary>
    /// PSObject → its base object; a PSCustomObject (e.g. <c>[pscustomobject]@{ Start = …; End = … }</c>)
    /// → a Hashtable of its properties; arrays and lists element by element; SwitchParameter → bool.
    /// </summary>
    public static object? Unwrap(object? value)
    {
        if (value is PSObject ps)
        {
            if (ps.BaseObject is PSCustomObject)
            {
                var table = new Hashtable(System.StringComparer.OrdinalIgnoreCase);
                foreach (PSPropertyInfo property in ps.Properties)
                {
                    table[property.Name] = Unwrap(property.Value);
                }

                return table;
            }

            value = ps.BaseObject;
        }

        switch (value)
        {
            case SwitchParameter sw:
                return sw.IsPresent;
            case string or IDictionary:
                return value;
            case IEnumerable items:
                var list = new List<object?>();
                foreach (object? item in items) list.Add(Unwrap(item));
                return list;
            default:
                return value;
        }
    }
}
