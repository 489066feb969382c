using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace MgwTools.Commands;

/// <summary>
/// How every <c>Get-</c> cmdlet finds what the service holds by name (or ID): none given is the whole listing; a name
/// with wildcards filters the listing, which is read once per command however many names are piped in; an exact name
/// is one Get request, a missing one being that request's non-terminating error. Made by
/// <see cref="MgwServiceCmdlet.Lookup{T}"/>, whose calls write the errors.
/// </summary>
public sealed class ServiceLookup<T>
    where T : class
{
    private readonly Func<IReadOnlyList<T>?> _listAll;
    private readonly Func<string, T?> _getOne;
    private readonly Func<T, string?> _key;
    private IReadOnlyList<T>? _all;

    internal ServiceLookup(Func<IReadOnlyList<T>?> listAll, Func<string, T?> getOne, Func<T, string?> key)
    {
        _listAll = listAll;
        _getOne = getOne;
        _key = key;
    }

    /// <summary>Every object, listed once per command; null when the listing failed (its error is written).</summary>
    public IReadOnlyList<T>? All() => _all ??= _listAll();

    /// <summary>The objects <paramref name="names"/> name (trimmed, blanks skipped), in their order; all of them for none.</summary>
    public IEnumerable<T> Find(IEnumerable<string>? names)
    {
        string[] given = (names ?? Array.Empty<string>()).Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).ToArray();
        if (given.Length == 0)
        {
            foreach (T item in All() ?? Array.Empty<T>()) yield return item;
            yield break;
        }

        foreach (string name in given)
        {
            if (WildcardPattern.ContainsWildcardCharacters(name))
            {
                var pattern = WildcardPattern.Get(name, WildcardOptions.IgnoreCase);
                foreach (T item in All() ?? Array.Empty<T>())
                {
                    if (_key(item) is { } key && pattern.IsMatch(key)) yield return item;
                }
            }
            else if (_getOne(name) is { } one)
            {
                yield return one;
            }
        }
    }
}
