using System;
using System.Collections.Generic;

namespace MgwTools.Transforms;

/// <summary>
/// What the user actually gave for each job-spec parameter of the record being bound, kept by
/// <see cref="SpecValueTransformAttribute"/> for the cmdlet. A transformation attribute cannot reach
/// the cmdlet, and it must not throw (a binding error would lose the CSV row), so it returns a typed
/// value or null and leaves the original here; the cmdlet hands the original to Core's binder, which
/// turns bad text into a finding with the row and field. Parameter binding and ProcessRecord run on
/// the pipeline thread one record after the other, hence thread-static; the cmdlet takes (and so
/// clears) the notes at the start of each ProcessRecord.
/// </summary>
internal static class BindingNotes
{
    [ThreadStatic]
    private static Dictionary<string, object?>? s_notes;

    /// <summary>Keeps <paramref name="raw"/> as what was given for <paramref name="field"/>.</summary>
    public static void Record(string field, object? raw)
    {
        s_notes ??= new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        s_notes[field] = raw;
    }

    /// <summary>The notes of the record just bound; clears them.</summary>
    public static IReadOnlyDictionary<string, object?> Take()
    {
        IReadOnlyDictionary<string, object?> notes = s_notes ?? (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>();
        s_notes = null;
        return notes;
    }
}
