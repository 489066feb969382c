using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Xml;
using System.Xml.Linq;

namespace MgwTools.Core.Wire;

/// <summary>
/// Reads the service's XML without trusting it: no DTD, no external resolution, a character budget, an element
/// depth limit, and cancellation checked at every node, so a hostile or broken answer costs bounded time and
/// memory and Ctrl+C acts at once. Also writes the small request bodies.
/// </summary>
internal static class WireXml
{
    /// <summary>The deepest element nesting accepted. The service's deepest answer nests 7 levels (ListJob's time filters).</summary>
    public const int MaxDepth = 32;

    /// <summary>
    /// Parses <paramref name="text"/> and checks its root element is <paramref name="expectedRoot"/> (any root when
    /// null), before reading further than the root's start tag. Attributes, comments and processing instructions are
    /// dropped; names lose their namespace.
    /// </summary>
    /// <exception cref="XmlException">Not XML, a DTD, or over <paramref name="maxCharacters"/>.</exception>
    /// <exception cref="FormatException">Another root element, or elements nested deeper than <see cref="MaxDepth"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static XElement Parse(string text, string? expectedRoot, long maxCharacters, CancellationToken cancellationToken)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = Math.Max(1, maxCharacters),
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            CloseInput = true,
        };

        XElement? root = null;
        var open = new Stack<XElement>();
        using (XmlReader reader = XmlReader.Create(new StringReader(text), settings))
        {
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        if (reader.Depth >= MaxDepth)
                        {
                            throw new FormatException(string.Format(CultureInfo.InvariantCulture,
                                "elements are nested more than {0} levels deep.", MaxDepth));
                        }

                        var element = new XElement(reader.LocalName);
                        if (root is null)
                        {
                            if (expectedRoot is not null && reader.LocalName != expectedRoot)
                            {
                                throw new FormatException($"expected <{expectedRoot}>, got <{reader.LocalName}>.");
                            }

                            root = element;
                        }
                        else
                        {
                            open.Peek().Add(element);
                        }

                        if (!reader.IsEmptyElement) open.Push(element);
                        break;
                    case XmlNodeType.EndElement:
                        open.Pop();
                        break;
                    case XmlNodeType.Text:
                    case XmlNodeType.CDATA:
                    case XmlNodeType.SignificantWhitespace:
                        if (open.Count > 0) open.Peek().Add(new XText(reader.Value));
                        break;
                }
            }
        }

        return root ?? throw new XmlException("The document has no root element.");
    }

    /// <summary>The text of child <paramref name="name"/>, or null when absent or empty.</summary>
    public static string? Text(XElement? parent, string name)
    {
        XElement? e = parent?.Element(name);
        return e is null || e.Value.Length == 0 ? null : e.Value;
    }

    /// <summary>Serialises a request element: no declaration, no whitespace; empty children (and parents left empty) dropped.</summary>
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
