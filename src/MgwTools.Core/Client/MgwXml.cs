using System;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;
using MgwTools.Core.Specs;

namespace MgwTools.Core.Client;

/// <summary>Lenient readers for the service's response XML; a value that does not parse is a <see cref="FormatException"/>.</summary>
internal static class MgwXml
{
    /// <summary>The text of child <paramref name="name"/>, or null when absent or empty.</summary>
    public static string? Str(XElement? parent, string name)
    {
        XElement? e = parent?.Element(name);
        return e is null || e.Value.Length == 0 ? null : e.Value;
    }

    public static long? Long(XElement? parent, string name)
    {
        string? text = Str(parent, name)?.Trim();
        if (text is null) return null;
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value)) return value;
        throw new FormatException($"<{name}> is not an integer: '{text}'.");
    }

    public static int? Int(XElement? parent, string name)
    {
        long? value = Long(parent, name);
        if (value is null) return null;
        if (value < int.MinValue || value > int.MaxValue) throw new FormatException($"<{name}> is out of range: {value}.");
        return (int)value.Value;
    }

    public static bool? Bool(XElement? parent, string name)
    {
        string? text = Str(parent, name)?.Trim();
        if (text is null) return null;
        if (bool.TryParse(text, out bool value)) return value;
        throw new FormatException($"<{name}> is not a boolean: '{text}'.");
    }

    /// <summary>A service time in either format of mgw-api §2.5 (<c>yyyy-MM-dd HH:mm:ss</c> is taken as UTC).</summary>
    public static DateTimeOffset? Time(XElement? parent, string name)
    {
        string? text = Str(parent, name);
        return text is null ? null : MgwJobSpecXml.ParseServiceTime(text);
    }

    /// <summary>Parses a response document and checks its root element name.</summary>
    public static XElement Root(string body, string expectedRoot)
    {
        XDocument doc = XDocument.Parse(body);
        XElement root = doc.Root ?? throw new FormatException("The response has no root element.");
        if (root.Name.LocalName != expectedRoot)
        {
            throw new FormatException($"Expected <{expectedRoot}>, got <{root.Name.LocalName}>.");
        }

        return root;
    }

    /// <summary>Serialises a request element: UTF-8 text, no declaration, no whitespace; empty children dropped.</summary>
    public static string Write(XElement element)
    {
        Prune(element);
        return element.ToString(SaveOptions.DisableFormatting);
    }

    private static void Prune(XElement element)
    {
        foreach (XElement child in element.Elements().ToArray())
        {
            Prune(child);
            if (!child.HasElements && child.Value.Length == 0) child.Remove();
        }
    }
}
