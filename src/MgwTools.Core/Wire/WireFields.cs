using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;

namespace MgwTools.Core.Wire;

/// <summary>
/// Reads typed values out of one XML object, in one of two modes. <b>Tolerant</b> (answers from the service, as the
/// vendor SDKs, which keep every field as a string): a value that does not parse becomes null and its text is kept in
/// <see cref="Unread"/>. <b>Strict</b> (request bodies the local service checks): a value that does not parse is a
/// <see cref="FormatException"/>.
/// </summary>
internal sealed class WireFields
{
    private static readonly IReadOnlyDictionary<string, string> s_none = new Dictionary<string, string>();
    private readonly bool _strict;
    private Dictionary<string, string>? _unread;

    private WireFields(bool strict) => _strict = strict;

    /// <summary>A reader that keeps what it cannot type.</summary>
    public static WireFields Tolerant() => new(strict: false);

    /// <summary>A reader that throws <see cref="FormatException"/> on a value it cannot type.</summary>
    public static WireFields Strict() => new(strict: true);

    /// <summary>True in strict mode.</summary>
    public bool IsStrict => _strict;

    /// <summary>Element path → text as sent, for every value that could not be typed (tolerant mode).</summary>
    public IReadOnlyDictionary<string, string> Unread => _unread ?? s_none;

    /// <summary>The text of child <paramref name="name"/>; null when absent or empty.</summary>
    public static string? Text(XElement? parent, string name) => WireXml.Text(parent, name);

    /// <summary>An integer; <paramref name="path"/> names it in <see cref="Unread"/> and errors (default: <paramref name="name"/>).</summary>
    public long? Long(XElement? parent, string name, string? path = null)
    {
        string? text = Text(parent, name);
        if (text is null) return null;
        if (long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long value)) return value;
        return Unreadable<long>(path ?? name, text, "is not an integer");
    }

    /// <summary>
    /// A boolean: <c>true</c>/<c>false</c> in any case; the tolerant reader also takes <c>1</c>/<c>0</c> (some SDKs
    /// write those, Python writes <c>True</c>).
    /// </summary>
    public bool? Bool(XElement? parent, string name, string? path = null)
    {
        string? text = Text(parent, name);
        if (text is null) return null;
        string trimmed = text.Trim();
        if (bool.TryParse(trimmed, out bool value)) return value;
        if (!_strict && trimmed == "1") return true;
        if (!_strict && trimmed == "0") return false;
        return Unreadable<bool>(path ?? name, text, "is not a boolean");
    }

    /// <summary>A service time (<see cref="MgwJobSpecXml.ParseServiceTime"/>'s forms).</summary>
    public DateTimeOffset? Time(XElement? parent, string name, string? path = null)
    {
        string? text = Text(parent, name);
        if (text is null) return null;
        return MgwJobSpecXml.TryParseServiceTime(text, out DateTimeOffset value)
            ? value
            : Unreadable<DateTimeOffset>(path ?? name, text, "is not a time the service writes (yyyy-MM-ddTHH:mm:ssZ or yyyy-MM-dd HH:mm:ss)");
    }

    /// <summary>An enum by member name, ignoring case (<c>lastmodified</c> is <see cref="TransferMode.LastModified"/>); numbers are not names.</summary>
    public T? Enum<T>(XElement? parent, string name, string? path = null)
        where T : struct
    {
        string? text = Text(parent, name);
        if (text is null) return null;
        string trimmed = text.Trim();
        foreach (string member in System.Enum.GetNames(typeof(T)))
        {
            if (string.Equals(member, trimmed, StringComparison.OrdinalIgnoreCase))
            {
                return (T)System.Enum.Parse(typeof(T), member);
            }
        }

        return Unreadable<T>(path ?? name, text, $"is not a {typeof(T).Name} value ({string.Join(", ", System.Enum.GetNames(typeof(T)).Select(n => n.ToLowerInvariant()))})");
    }

    /// <summary>Records (tolerant) or refuses (strict) a value that cannot be typed.</summary>
    /// <exception cref="FormatException">In strict mode.</exception>
    public void Unreadable(string path, string text, string why)
    {
        if (_strict)
        {
            throw new FormatException($"<{path}> {why}: '{text}'.");
        }

        (_unread ??= new Dictionary<string, string>(StringComparer.Ordinal))[path] = text;
    }

    private T? Unreadable<T>(string path, string text, string why)
        where T : struct
    {
        Unreadable(path, text, why);
        return null;
    }
}
