using System;
using System.Globalization;
using System.IO;
using System.Xml;
using System.Xml.Linq;

namespace MgwTools.Emulator;

/// <summary>
/// Parses a request body with bounds, so no body can cost more than a linear pass over at most its limit:
/// no DTD (so no entity expansion), no external resolution, at most <c>maxCharacters</c> characters,
/// <c>maxDepth</c> levels of elements and <see cref="MaxElements"/> elements. A first pass with a plain
/// <see cref="XmlReader"/> enforces the depth and count (deep nesting makes building a tree superlinear), the
/// second builds the tree of a body that passed.
/// </summary>
internal static class BoundedXml
{
    /// <summary>Most elements in one body; the largest legitimate body (a job with many filters) has a few hundred.</summary>
    public const int MaxElements = 10_000;

    /// <summary>The root element of <paramref name="body"/>.</summary>
    /// <exception cref="ServiceException"><c>MalformedXML</c>: not well-formed, a DTD, too deep, too many elements or too long.</exception>
    public static XElement Load(byte[] body, int maxDepth, long maxCharacters)
    {
        XmlReaderSettings Settings() => new()
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = maxCharacters,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = true,
        };

        try
        {
            using (var scan = XmlReader.Create(new MemoryStream(body, writable: false), Settings()))
            {
                int elements = 0;
                while (scan.Read())
                {
                    if (scan.NodeType != XmlNodeType.Element) continue;
                    // Depth is 0 for the root element.
                    if (scan.Depth >= maxDepth)
                    {
                        throw new ServiceException(ServiceErrors.MalformedXml, string.Format(CultureInfo.InvariantCulture,
                            "The XML nests elements more than {0} level{1} deep.", maxDepth, maxDepth == 1 ? "" : "s"));
                    }

                    if (++elements > MaxElements)
                    {
                        throw new ServiceException(ServiceErrors.MalformedXml, string.Format(CultureInfo.InvariantCulture,
                            "The XML has more than {0} elements.", MaxElements));
                    }
                }
            }

            using var reader = XmlReader.Create(new MemoryStream(body, writable: false), Settings());
            XDocument document = XDocument.Load(reader);
            return document.Root ?? throw new ServiceException(ServiceErrors.MalformedXml, "The XML has no root element.");
        }
        catch (XmlException ex)
        {
            throw new ServiceException(ServiceErrors.MalformedXml,
                "The XML you provided was not well-formed or did not validate against our published schema: " + ex.Message);
        }
    }
}
