using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using MgwTools.Core.Specs;

namespace MgwTools.Core.Wire;

/// <summary>
/// The CreateJob body (<c>&lt;ImportJob&gt;</c>, mgw-api.md §2.2) both ways. Written by hand rather than
/// with <c>XmlWriter</c> so the bytes are fixed: no declaration, no whitespace, elements in the order of
/// the §2.2 tree, unset values (and parents left empty) omitted, lower-case wire values.
/// </summary>
public static class MgwJobSpecXml
{
    /// <summary>The wire format of a time-window bound.</summary>
    public const string WireTimeFormat = JobFields.WireTimeFormat;

    /// <summary>
    /// The request body for <paramref name="spec"/>; encode it as UTF-8 without a BOM. Every element comes from the
    /// job-field table (<see cref="JobFields.WireOrder"/>, each field's <see cref="JobField.WirePath"/> and
    /// <see cref="JobField.WireValues"/>): a field added there is written here without a change.
    /// </summary>
    public static string Write(MgwJobSpec spec)
    {
        if (spec is null) throw new ArgumentNullException(nameof(spec));
        var root = new Node("ImportJob");
        foreach (JobField field in JobFields.WireOrder)
        {
            string[] path = field.WirePath.Split('/');
            Node parent = root;
            for (int i = 0; i < path.Length - 1; i++) parent = parent.Child(path[i]);
            foreach (JobFieldWireValue value in field.WireValues(spec))
            {
                if (value.Text is not null)
                {
                    parent.Text(path[path.Length - 1], value.Text);
                    continue;
                }

                var element = new Node(path[path.Length - 1]);
                for (int i = 0; i < value.Parts.Count; i++) element.Text(field.WireParts[i], value.Parts[i]);
                parent.Add(element);
            }
        }

        var sb = new StringBuilder(256);
        root.WriteTo(sb);
        return sb.Length == 0 ? "<ImportJob></ImportJob>" : sb.ToString();
    }

    /// <summary>
    /// The spec fields of an <c>&lt;ImportJob&gt;</c> element, strictly (a CreateJob body the local service checks).
    /// Unknown elements are ignored, order does not matter, booleans are case-insensitive, times may be
    /// ISO-8601 (with or without milliseconds) or <c>yyyy-MM-dd HH:mm:ss</c> (taken as UTC).
    /// </summary>
    /// <exception cref="FormatException">A value does not parse, or a time filter lacks a bound.</exception>
    public static MgwJobSpec Read(XElement importJob) => ReadSpec(importJob, WireFields.Strict());

    /// <summary>
    /// The spec fields of an <c>&lt;ImportJob&gt;</c> element with <paramref name="fields"/>: strict, or tolerant (a
    /// GetJob answer), where a value that does not parse is null, kept in <see cref="WireFields.Unread"/>, and a time
    /// filter with one bound is kept open on the other side.
    /// </summary>
    internal static MgwJobSpec ReadSpec(XElement importJob, WireFields fields)
    {
        if (importJob is null) throw new ArgumentNullException(nameof(importJob));
        var spec = new MgwJobSpec
        {
            Name = Str(importJob, "Name"),
            SourceAddress = Str(importJob, "SrcAddress"),
            DestinationAddress = Str(importJob, "DestAddress"),
            OverwriteMode = fields.Enum<OverwriteMode>(importJob, "OverwriteMode"),
            TransferMode = fields.Enum<TransferMode>(importJob, "TransferMode"),
            ParentVersion = Str(importJob, "ParentVersion"),
            ConvertSymlinkTarget = fields.Bool(importJob, "ConvertSymlinkTarget"),
            CreateReport = fields.Bool(importJob, "CreateReport"),
            LogMode = fields.Enum<LogMode>(importJob.Element("Audit"), "LogMode", "Audit/LogMode"),
            AppendableToNormal = fields.Bool(importJob, "AppendableToNormal"),
            TargetStorageClass = fields.Enum<StorageClass>(importJob, "TargetStorageClass"),
            WithLastModifyTime = fields.Bool(importJob, "WithLastModifyTime"),
            WithStorageClass = fields.Bool(importJob, "WithStorageClass"),
        };

        if (Str(importJob, "Tags") is { } tags)
        {
            ReadTags(tags, spec.Tag, fields);
        }

        XElement? filter = importJob.Element("FilterRule");
        XElement? keys = filter?.Element("KeyFilters");
        spec.IncludeKey = Regexes(keys?.Element("Includes"));
        spec.ExcludeKey = Regexes(keys?.Element("Excludes"));
        XElement? times = filter?.Element("LastModifiedFilters");
        spec.IncludeLastModified = Windows(times?.Element("Includes"), "FilterRule/LastModifiedFilters/Includes", fields);
        spec.ExcludeLastModified = Windows(times?.Element("Excludes"), "FilterRule/LastModifiedFilters/Excludes", fields);
        XElement? types = filter?.Element("FileTypeFilters");
        spec.ExcludeSymlink = fields.Bool(types, "ExcludeSymlink", "FilterRule/FileTypeFilters/ExcludeSymlink");
        spec.ExcludeDirectory = fields.Bool(types, "ExcludeDir", "FilterRule/FileTypeFilters/ExcludeDir");

        XElement? qos = importJob.Element("ImportQos");
        spec.MaxBandwidth = fields.Long(qos, "MaxBandWidth", "ImportQos/MaxBandWidth");
        spec.MaxQps = fields.Long(qos, "MaxImportTaskQps", "ImportQos/MaxImportTaskQps");

        XElement? schedule = importJob.Element("ScheduleRule");
        spec.StartCron = Str(schedule, "StartCronExpression");
        spec.SuspendCron = Str(schedule, "SuspendCronExpression");
        spec.MaxScheduleCount = fields.Long(schedule, "MaxScheduleCount", "ScheduleRule/MaxScheduleCount");
        return spec;
    }

    /// <summary>A time as the service writes it: ISO-8601 with optional fraction and offset, or <c>yyyy-MM-dd HH:mm:ss</c> (UTC).</summary>
    /// <exception cref="FormatException">Not one of those forms.</exception>
    public static DateTimeOffset ParseServiceTime(string text)
    {
        if (TryParseServiceTime(text, out DateTimeOffset value))
        {
            return value;
        }

        throw new FormatException($"'{text}' is not a time the service writes (yyyy-MM-ddTHH:mm:ssZ or yyyy-MM-dd HH:mm:ss).");
    }

    /// <summary>As <see cref="ParseServiceTime"/>, without throwing.</summary>
    public static bool TryParseServiceTime(string? text, out DateTimeOffset value)
    {
        string[] formats =
        {
            "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
            "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        };
        value = default;
        return text is not null && DateTimeOffset.TryParseExact(text.Trim(), formats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }

    private static string? Str(XElement? parent, string name)
    {
        XElement? e = parent?.Element(name);
        return e is null || e.Value.Length == 0 ? null : e.Value;
    }

    private static IList<string> Regexes(XElement? list) =>
        list is null ? new List<string>() : list.Elements("Regex").Select(r => r.Value).Where(r => r.Length > 0).ToList();

    private static IList<MgwTimeWindow> Windows(XElement? list, string path, WireFields fields)
    {
        var result = new List<MgwTimeWindow>();
        int index = 0;
        foreach (XElement f in list?.Elements("TimeFilter") ?? Enumerable.Empty<XElement>())
        {
            string at = path + "/TimeFilter[" + (++index).ToString(CultureInfo.InvariantCulture) + "]";
            DateTimeOffset? start = Bound(f, "StartTime", at, fields);
            DateTimeOffset? end = Bound(f, "EndTime", at, fields);
            if (start is null && end is null)
            {
                // Nothing to filter by: kept as sent, not invented.
                fields.Unreadable(at, f.ToString(SaveOptions.DisableFormatting), "has neither bound");
                continue;
            }

            result.Add(new MgwTimeWindow(start ?? DateTimeOffset.MinValue, end ?? DateTimeOffset.MaxValue));
        }

        return result;
    }

    // A bound of a time filter: strict mode refuses a missing one; tolerant mode leaves that side open.
    private static DateTimeOffset? Bound(XElement filter, string name, string at, WireFields fields)
    {
        if (Str(filter, name) is null && fields.IsStrict)
        {
            throw new FormatException($"A TimeFilter has no {name}.");
        }

        return fields.Time(filter, name, at + "/" + name);
    }

    // k1:v1,k2:v2, where a piece without a colon continues the previous value (a value may hold commas).
    private static void ReadTags(string text, IDictionary<string, string> tags, WireFields fields)
    {
        string? last = null;
        var unreadable = new List<string>();
        foreach (string raw in text.Split(','))
        {
            string piece = raw.Trim();
            if (piece.Length == 0) continue;
            int colon = piece.IndexOf(':');
            if (colon < 0)
            {
                if (last is null) unreadable.Add(piece);
                else tags[last] = tags[last] + "," + piece;
                continue;
            }

            string key = piece.Substring(0, colon).Trim();
            if (key.Length == 0)
            {
                unreadable.Add(piece);
                continue;
            }

            tags[key] = piece.Substring(colon + 1).Trim();
            last = key;
        }

        // A request's tags were checked when they were bound; only an answer's are reported.
        if (unreadable.Count > 0 && !fields.IsStrict)
        {
            fields.Unreadable("Tags", text, $"has pieces that are not key:value ('{string.Join("', '", unreadable)}')");
        }
    }

    /// <summary>A minimal element tree that drops empty elements when written.</summary>
    private sealed class Node
    {
        private readonly string _name;
        private readonly string? _text;
        private readonly List<Node> _children = new();

        public Node(string name, string? text = null)
        {
            _name = name;
            _text = text;
        }

        private bool IsEmpty => _text is null && _children.All(c => c.IsEmpty);

        public Node Child(string name)
        {
            Node? existing = _children.FirstOrDefault(c => c._name == name && c._text is null);
            if (existing is not null) return existing;
            var node = new Node(name);
            _children.Add(node);
            return node;
        }

        public void Add(Node node) => _children.Add(node);

        public void Text(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value)) _children.Add(new Node(name, value));
        }

        public void WriteTo(StringBuilder sb)
        {
            if (IsEmpty) return;
            sb.Append('<').Append(_name).Append('>');
            if (_text is not null) Escape(_text, sb);
            foreach (Node child in _children) child.WriteTo(sb);
            sb.Append("</").Append(_name).Append('>');
        }

        private static void Escape(string text, StringBuilder sb)
        {
            foreach (char c in text)
            {
                switch (c)
                {
                    case '&': sb.Append("&amp;"); break;
                    case '<': sb.Append("&lt;"); break;
                    case '>': sb.Append("&gt;"); break;
                    // A literal CR would be normalised to LF by the parser.
                    case '\r': sb.Append("&#xD;"); break;
                    default: sb.Append(c); break;
                }
            }
        }
    }
}
