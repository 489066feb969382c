using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using MgwTools.Core.Specs;

namespace MgwTools;

/// <summary>
/// A job's key filters (<see cref="MgwJob.IncludeKey"/>, <see cref="MgwJob.ExcludeKey"/>): a read-only list whose text
/// (<see cref="ToString"/>) is the design §2 text form the job-field parsers read back, so <c>Export-Csv</c> writes a
/// cell that <c>Import-Csv | New-MgwJob</c> reads as the same filters.
/// </summary>
public sealed class MgwKeyFilterList : ReadOnlyCollection<string>
{
    /// <summary>Wraps a copy of <paramref name="filters"/>.</summary>
    public MgwKeyFilterList(IEnumerable<string> filters)
        : base((filters ?? Enumerable.Empty<string>()).ToList())
    {
    }

    /// <summary>
    /// The filters joined by commas. A filter that the comma split would cut or trim (a top-level comma, spaces at an
    /// end) is written inside <c>(?:…)</c>, which matches the same keys and survives the split.
    /// </summary>
    public override string ToString() => string.Join(",", this.Select(Protect));

    private static string Protect(string filter)
    {
        List<string> pieces = SpecBinder.SplitKeyFilters(new[] { filter }).ToList();
        return pieces.Count == 1 && pieces[0] == filter ? filter : "(?:" + filter + ")";
    }
}

/// <summary>
/// A job's last-modified windows: a read-only list whose text is mgwutil's syntax, UTC
/// (<c>2025-07-03 00:00:00Z &gt; 2025-07-04 00:00:00Z,…</c>), which the job-field parsers read back.
/// </summary>
public sealed class MgwTimeWindowList : ReadOnlyCollection<MgwTimeWindow>
{
    /// <summary>Wraps a copy of <paramref name="windows"/>.</summary>
    public MgwTimeWindowList(IEnumerable<MgwTimeWindow> windows)
        : base((windows ?? Enumerable.Empty<MgwTimeWindow>()).ToList())
    {
    }

    /// <summary>The windows joined by commas, each <c>start &gt; end</c> in UTC.</summary>
    public override string ToString() => string.Join(",", this.Select(w => w.ToString()));
}

/// <summary>
/// Text pairs in order (a job's <see cref="MgwJob.Tag"/>, its <see cref="MgwJob.UnreadValues"/>): a read-only dictionary
/// whose text is the wire and CSV form <c>k1:v1,k2:v2</c> the tag parser reads back.
/// </summary>
public sealed class MgwTextPairs : ReadOnlyDictionary<string, string>
{
    private readonly IReadOnlyList<KeyValuePair<string, string>> _ordered;

    /// <summary>Wraps a copy of <paramref name="pairs"/>, in their order; keys compare ordinally.</summary>
    public MgwTextPairs(IEnumerable<KeyValuePair<string, string>> pairs)
        : this((pairs ?? Enumerable.Empty<KeyValuePair<string, string>>()).ToList())
    {
    }

    private MgwTextPairs(List<KeyValuePair<string, string>> pairs)
        : base(ToDictionary(pairs))
    {
        _ordered = pairs;
    }

    /// <summary>The pairs as <c>k1:v1,k2:v2</c>, in their order; empty when there are none.</summary>
    public override string ToString() => string.Join(",", _ordered.Select(p => p.Key + ":" + p.Value));

    private static Dictionary<string, string> ToDictionary(List<KeyValuePair<string, string>> pairs)
    {
        var dictionary = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, string> pair in pairs)
        {
            dictionary[pair.Key] = pair.Value;
        }

        pairs.Clear();
        pairs.AddRange(dictionary);
        return dictionary;
    }
}
