using System;
using System.Collections.Generic;
using System.Management.Automation;
using MgwTools.Core.Specs;

namespace MgwTools.Commands;

/// <summary>
/// The property names of a piped row object, worked out once for every row that has the same names in the same order
/// (Import-Csv's rows, and most pipelines' objects, all do): which names are known columns, which are not
/// (<see cref="Unknown"/>), and which job field each property gives, in the order the fields bind. Reading a row is then
/// a walk over its properties, not a lookup of every spelling of every field.
/// </summary>
internal sealed class RowLayout
{
    private readonly string[] _names;
    private readonly Dictionary<string, int> _known = new(StringComparer.OrdinalIgnoreCase);

    internal RowLayout(IReadOnlyList<PSPropertyInfo> properties, ColumnCheck columns)
    {
        _names = new string[properties.Count];
        var unknown = new List<string>();
        var order = new List<int>();   // field index * 64 + which of its spellings, for each field property
        var positions = new List<int>();
        var fields = new List<JobField>();
        for (int i = 0; i < properties.Count; i++)
        {
            string name = properties[i].Name;
            _names[i] = name;
            if (!columns.IsKnown(name))
            {
                unknown.Add(name);
                continue;
            }

            _known[name] = i;
            if (JobFields.Find(name) is not { } field) continue;

            // Fields bind in table order, and a field's spellings in the order it lists them (an insertion sort: a row has
            // a few dozen columns at most, and a sort over value tuples would be JIT-compiled for itself on a first call).
            int spelling = 0;
            while (!string.Equals(field.Names[spelling], name, StringComparison.OrdinalIgnoreCase)) spelling++;
            int key = field.Index * 64 + spelling, at = order.Count;
            while (at > 0 && order[at - 1] > key) at--;
            order.Insert(at, key);
            positions.Insert(at, i);
            fields.Insert(at, field);
        }

        Unknown = unknown;
        FieldProperties = positions.ToArray();
        Fields = fields.ToArray();
    }

    /// <summary>The names that are not known columns, in the row's order.</summary>
    internal IReadOnlyList<string> Unknown { get; }

    /// <summary>The properties that give job fields (their positions in the row), in the order the fields bind.</summary>
    internal int[] FieldProperties { get; }

    /// <summary>The field each of <see cref="FieldProperties"/> gives.</summary>
    internal JobField[] Fields { get; }

    /// <summary>True when <paramref name="properties"/> have this layout's names, in its order.</summary>
    internal bool Fits(IReadOnlyList<PSPropertyInfo> properties)
    {
        if (properties.Count != _names.Length) return false;
        for (int i = 0; i < _names.Length; i++)
        {
            string name = properties[i].Name;
            if (!ReferenceEquals(name, _names[i]) && !string.Equals(name, _names[i], StringComparison.Ordinal)) return false;
        }

        return true;
    }

    /// <summary>The position of the known column <paramref name="name"/> (any case); -1 when the row has none.</summary>
    internal int IndexOf(string name) => _known.TryGetValue(name, out int index) ? index : -1;
}
