using System;
using System.Xml.Linq;

namespace MgwTools.Core.Specs;

/// <summary>
/// The CreateJob body under its former name, for the local service's code until it reads
/// <see cref="Wire.MgwJobSpecXml"/> directly; every member forwards there. New code uses the wire layer.
/// </summary>
internal static class MgwJobSpecXml
{
    /// <inheritdoc cref="Wire.MgwJobSpecXml.WireTimeFormat"/>
    public const string WireTimeFormat = Wire.MgwJobSpecXml.WireTimeFormat;

    /// <inheritdoc cref="Wire.MgwJobSpecXml.Write"/>
    public static string Write(MgwJobSpec spec) => Wire.MgwJobSpecXml.Write(spec);

    /// <inheritdoc cref="Wire.MgwJobSpecXml.Read"/>
    public static MgwJobSpec Read(XElement importJob) => Wire.MgwJobSpecXml.Read(importJob);

    /// <inheritdoc cref="Wire.MgwJobSpecXml.ParseServiceTime"/>
    public static DateTimeOffset ParseServiceTime(string text) => Wire.MgwJobSpecXml.ParseServiceTime(text);
}
