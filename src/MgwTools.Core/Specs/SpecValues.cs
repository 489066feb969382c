using System;
using System.Collections.Generic;

namespace MgwTools.Core.Specs;

/// <summary>
/// The values given for one spec, each kept under its field (resolved by the caller, once) in the order the fields are
/// first met, then bound: what <see cref="SpecBinder.Bind"/> does with named values, for a caller that already knows each
/// value's field (the cmdlets read a CSV's columns against the field table once, not each row). A value that is null,
/// DBNull or blank is "not given"; a field given under several spellings binds when they all mean the same
/// (<c>AmbiguousValue</c> otherwise). One instance serves one spec at a time: <see cref="Bind"/> empties it.
/// </summary>
public sealed class SpecValues
{
    // Indexed by JobField.Index: the first value given for a field, and the others (rare) when it is given again.
    private readonly KeyValuePair<string, object?>[] _first = new KeyValuePair<string, object?>[JobFields.All.Count];
    private readonly List<KeyValuePair<string, object?>>?[] _more = new List<KeyValuePair<string, object?>>?[JobFields.All.Count];
    private readonly bool[] _given = new bool[JobFields.All.Count];
    private readonly bool[] _mentioned = new bool[JobFields.All.Count];
    private readonly int[] _order = new int[JobFields.All.Count];
    private int _count;

    // By field: the last text it parsed without a finding, and the value (a private copy). A CSV's rows mostly repeat a
    // column's value (the same addresses, modes, filters, schedules and tags), and a field's value depends on its text
    // alone, so a cell equal to the one before binds without being parsed again.
    private readonly string?[] _lastText = new string?[JobFields.All.Count];
    private readonly object?[] _lastValue = new object?[JobFields.All.Count];

    /// <summary>Adds <paramref name="value"/> for <paramref name="field"/>, given under <paramref name="key"/> (the spelling a finding names).</summary>
    public void Add(JobField field, string key, object? value)
    {
        _mentioned[field.Index] = true;
        object? raw = SpecBinder.Unwrap(value);
        if (SpecBinder.IsNotGiven(raw)) return;
        var pair = new KeyValuePair<string, object?>(key, raw);
        int index = field.Index;
        if (!_given[index])
        {
            _given[index] = true;
            _first[index] = pair;
            _order[_count++] = index;
            return;
        }

        (_more[index] ??= new List<KeyValuePair<string, object?>> { _first[index] }).Add(pair);
    }

    // The field's value of raw: the last one again when raw is the same text, else parsed (and kept when it has no finding).
    private object? Parse(JobField field, object? raw, List<MgwError> findings)
    {
        int index = field.Index;
        if (raw is not string text) return field.Parse(raw, findings);
        if (_lastText[index] is { } last && string.Equals(last, text, StringComparison.Ordinal)) return Copy(_lastValue[index]);
        int before = findings.Count;
        object? value = field.Parse(text, findings);
        if (findings.Count == before && value is not null)
        {
            _lastText[index] = text;
            _lastValue[index] = Copy(value);
        }

        return value;
    }

    // A value every spec can own: the lists and tags are copied (a user may change a spec's), the rest are immutable.
    private static object? Copy(object? value) => value switch
    {
        List<string> regexes => new List<string>(regexes),
        List<MgwTimeWindow> windows => new List<MgwTimeWindow>(windows),
        Dictionary<string, string> tags => new Dictionary<string, string>(tags, StringComparer.Ordinal),
        _ => value,
    };

    /// <summary>True when a value was added for <paramref name="field"/> since the last <see cref="Bind"/>, a blank one included.</summary>
    public bool Mentions(JobField field) => _mentioned[field.Index];

    /// <summary>Forgets the values added since the last <see cref="Bind"/>.</summary>
    public void Clear()
    {
        for (int i = 0; i < _count; i++)
        {
            int index = _order[i];
            _given[index] = false;
            _first[index] = default;
            _more[index] = null;
        }

        _count = 0;
        Array.Clear(_mentioned, 0, _mentioned.Length);
    }

    /// <summary>Binds the values added since the last call into a new spec, with the findings of values that do not parse.</summary>
    public (MgwJobSpec Spec, IReadOnlyList<MgwError> Findings) Bind()
    {
        var spec = new MgwJobSpec();
        var findings = new List<MgwError>();
        IReadOnlyList<JobField> fields = JobFields.All;
        for (int i = 0; i < _count; i++)
        {
            int index = _order[i];
            JobField field = fields[index];
            if (_more[index] is { } several)
            {
                SpecBinder.BindSeveral(spec, field, several, findings);
            }
            else if (Parse(field, _first[index].Value, findings) is { } value)
            {
                field.Set(spec, value);
            }
        }

        Clear();
        return (spec, findings);
    }
}
