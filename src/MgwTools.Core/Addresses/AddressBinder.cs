using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MgwTools.Core.Specs;

namespace MgwTools.Core.Addresses;

/// <summary>
/// Turns the values of one address definition — New-MgwAddress's parameters, a CSV row's cells, a <c>-Detail</c>
/// hashtable — into an <see cref="MgwAddressSpec"/>, by the names of <see cref="AddressFields"/>. Binding never throws:
/// what cannot be read is a finding (<c>InvalidValue</c>, <c>ValueTooLong</c>, <c>PlainTextSecret</c>,
/// <c>AmbiguousValue</c>, <c>UnknownDetailField</c>, <c>InvalidTag</c>) with its field; no finding ever carries a secret.
/// </summary>
public static class AddressBinder
{
    /// <summary>
    /// Binds <paramref name="values"/> (keys: field names or aliases, ignoring case; other keys, such as a CSV's unrelated
    /// columns, are ignored; a key naming a secret is <c>PlainTextSecret</c>) and <paramref name="detail"/> (the raw form's
    /// wire elements: every key must be a field of <c>AddressDetail</c>). Empty values mean "not given". A field given
    /// under several names with different values is <c>AmbiguousValue</c>. AccessKey pairs arrive as the objects the
    /// cmdlet layer makes of a PSCredential; text given for one is refused, never shown.
    /// </summary>
    /// <param name="values">The input's own values.</param>
    /// <param name="detail">The raw form's <c>-Detail</c>: wire elements only.</param>
    /// <param name="defaults">
    /// Values for every row of a run (New-MgwAddress's command line under piped rows): each applies to a row that does
    /// not give that field itself, and a key pair only to a row whose kind reads one (a third-party store's
    /// <c>Credential</c>; an inventory's or URL list's <c>InventoryCredential</c> when it names no role; any key for a type
    /// MgwTools does not know), so one CSV can mix OSS rows with S3 rows under one <c>-Credential</c>.
    /// </param>
    public static (MgwAddressSpec Spec, IReadOnlyList<MgwError> Findings) Bind(IEnumerable<KeyValuePair<string, object?>> values, IDictionary? detail = null,
        IEnumerable<KeyValuePair<string, object?>>? defaults = null)
    {
        var findings = new List<MgwError>();
        var given = new Dictionary<AddressField, List<(string Name, object Value)>>();
        var order = new List<AddressField>();

        void Add(string name, object? value, bool fromDetail)
        {
            object? raw = SpecBinder.Unwrap(value);
            if (SpecBinder.IsNotGiven(raw)) return;
            if (AddressFields.IsSecretName(name))
            {
                findings.Add(Finding(MgwErrorCodes.PlainTextSecret, name.Trim(), null,
                    $"{name.Trim()} would carry a secret as plain text (a CSV cell or a hashtable value ends up in history, logs and transcripts), " +
                    "so it is not read. Give the key pair as -Credential (or -InventoryCredential): a PSCredential whose user name is the AccessKey ID " +
                    "and whose password is the secret, e.g. Get-Credential, or Get-Secret from a vault."));
                return;
            }

            AddressField? field = AddressFields.Find(name);
            if (field is null && !fromDetail && name.Trim().Equals(DetailColumn, StringComparison.OrdinalIgnoreCase))
            {
                foreach (var element in DetailElements(raw!, findings)) Add(element.Key, element.Value, fromDetail: true);
                return;
            }

            if (fromDetail && (field is null || field.Wire is null))
            {
                findings.Add(Finding(MgwErrorCodes.UnknownDetailField, name, Show(name),
                    $"-Detail key '{Show(name)}' is not an element of AddressDetail, so it cannot be sent. Use the API's element names: " +
                    string.Join(", ", AddressFields.All.Where(f => f.Wire is not null && f.Wire.IndexOf('/') < 0 && f.Kind != AddressValueKind.Key).Select(f => f.Wire)) +
                    ", HdfsAuthType, HdfsUserName; the AccessKey pairs go in -Credential and -InventoryCredential."));
                return;
            }

            if (field is null) return;
            if (!given.TryGetValue(field, out var list))
            {
                given[field] = list = new List<(string, object)>();
                order.Add(field);
            }

            list.Add((name.Trim(), raw!));
        }

        foreach (var pair in values ?? Enumerable.Empty<KeyValuePair<string, object?>>())
        {
            if (pair.Key is not null) Add(pair.Key, pair.Value, fromDetail: false);
        }

        if (detail is not null)
        {
            foreach (DictionaryEntry entry in detail)
            {
                Add(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "", entry.Value, fromDetail: true);
            }
        }

        // Findings name a field as the kind's parameter set does (-Path for a file system's Prefix), so the kind comes first.
        MgwAddressKind kind = KindOf(given);
        string Label(AddressField field) => AddressFields.DisplayName(field, kind);
        var spec = new MgwAddressSpec();
        var parsed = new Dictionary<AddressField, object>();
        foreach (AddressField field in order.OrderBy(f => IndexOf(f)))
        {
            var readings = new List<(string Name, object Value, string Canonical)>();
            foreach (var (name, raw) in given[field])
            {
                if (Parse(field, Label(field), name, raw, findings) is { } value) readings.Add((name, value, Canonical(value)));
            }

            if (readings.Count == 0) continue;
            if (readings.Select(r => r.Canonical).Distinct(StringComparer.Ordinal).Count() > 1)
            {
                string[] names = readings.Select(r => r.Name).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
                findings.Add(Finding(MgwErrorCodes.AmbiguousValue, Label(field), names,
                    names.Length > 1
                        ? $"{Label(field)} is given as {string.Join(" and ", names)} with different values; give it once, or give the same value."
                        : $"{Label(field)} is given twice with different values (on the command line and in the input); give it once."));
                continue;
            }

            parsed[field] = readings[0].Value;
        }

        var fallback = new Dictionary<AddressField, object>();
        foreach (var pair in defaults ?? Enumerable.Empty<KeyValuePair<string, object?>>())
        {
            object? raw = SpecBinder.Unwrap(pair.Value);
            if (SpecBinder.IsNotGiven(raw) || AddressFields.Find(pair.Key) is not { } field || given.ContainsKey(field) || fallback.ContainsKey(field)) continue;
            if (Parse(field, Label(field), pair.Key, raw!, findings) is { } value) fallback[field] = value;
        }

        Apply(spec, parsed);
        if (fallback.Count > 0)
        {
            Apply(spec, fallback.Where(d => Uses(spec, d.Key)).ToDictionary(d => d.Key, d => d.Value));
        }

        return (spec, findings);
    }

    // The kind the input's own type names (its first readable text), before anything is parsed.
    private static MgwAddressKind KindOf(Dictionary<AddressField, List<(string Name, object Value)>> given)
    {
        if (!given.TryGetValue(AddressFields.Get(AddressFields.AddressType), out var types)) return MgwAddressKind.Other;
        string? type = types.Select(t => t.Value as string).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t))?.Trim();
        return MgwAddressTypes.KindOf(MgwAddressTypes.Find(type)?.Wire ?? type);
    }

    // Whether a run-wide value applies to this row (see Bind's defaults).
    private static bool Uses(MgwAddressSpec spec, AddressField field) => field.Name switch
    {
        AddressFields.Credential => spec.Kind is MgwAddressKind.ObjectStore or MgwAddressKind.Other,
        AddressFields.InventoryCredential => spec.Kind is MgwAddressKind.Other ||
                                             spec.Kind is MgwAddressKind.OssInventory or MgwAddressKind.UrlList && string.IsNullOrEmpty(spec.Detail.InvRole),
        _ => true,
    };

    private static int IndexOf(AddressField field)
    {
        for (int i = 0; i < AddressFields.All.Count; i++)
        {
            if (ReferenceEquals(AddressFields.All[i], field)) return i;
        }

        return int.MaxValue;
    }

    // The values in wire form: the type's wire value first, because it decides how regions are written.
    private static void Apply(MgwAddressSpec spec, Dictionary<AddressField, object> parsed)
    {
        string? Text(string name) => parsed.TryGetValue(AddressFields.Get(name), out object? v) ? v as string : null;

        string? type = Text(AddressFields.AddressType);
        if (type is not null) spec.Detail.AddressType = MgwAddressTypes.Find(type)?.Wire ?? type;
        MgwAddressKind kind = spec.Kind;
        string? location = Text(AddressFields.InventoryLocation)?.ToLowerInvariant() ?? spec.Detail.InvLocation;
        foreach (var pair in parsed)
        {
            AddressField field = pair.Key;
            switch (pair.Value)
            {
                case MgwStorageKey key when field.Name == AddressFields.Credential:
                    spec.Detail.SetAccessKey(key.AccessKeyId, key.Secret);
                    break;
                case MgwStorageKey key:
                    spec.Detail.SetInvAccessKey(key.AccessKeyId, key.Secret);
                    break;
                case IReadOnlyList<string> agents:
                    spec.Detail.AgentList = string.Join(",", agents);
                    break;
                case IDictionary<string, string> tags:
                    spec.Tag = tags;
                    break;
                case string text when field.Name == AddressFields.Name:
                    spec.Name = text;
                    break;
                case string when field.Name == AddressFields.AddressType:
                    break;
                case string text when field.Name == AddressFields.InventoryLocation:
                    spec.Detail.InvLocation = text.ToLowerInvariant();
                    break;
                case string text when field.Kind == AddressValueKind.Region:
                    bool oss = field.Name == AddressFields.BucketRegion
                        ? kind is MgwAddressKind.Oss or MgwAddressKind.OssInventory or MgwAddressKind.UrlList
                        : kind is MgwAddressKind.OssInventory or MgwAddressKind.UrlList && (location is null || location == "oss");
                    field.Set(spec.Detail, oss && MgwRegions.IsWellFormedId(MgwOssRegions.Bare(text)) ? MgwOssRegions.Wire(text) : text);
                    break;
                case string text:
                    field.Set(spec.Detail, text);
                    break;
            }
        }
    }

    /// <summary>The property of a piped <see cref="MgwAddress"/> (and the column <c>Export-Csv</c> writes for it) that holds its elements.</summary>
    internal const string DetailColumn = nameof(MgwAddress.Detail);

    // The elements of a row's Detail: an address's own (Get-MgwAddress piped on), a hashtable of element names (as -Detail
    // takes), or the text Export-Csv wrote for one (MgwAddressDetail.ToString); anything else is a finding.
    private static IEnumerable<KeyValuePair<string, object?>> DetailElements(object raw, List<MgwError> findings)
    {
        switch (raw)
        {
            case MgwAddressDetail detail:
                return detail.Elements().Select(e => new KeyValuePair<string, object?>(e.Key, e.Value));
            case IDictionary table:
                return table.Cast<DictionaryEntry>().Select(e => new KeyValuePair<string, object?>(Convert.ToString(e.Key, CultureInfo.InvariantCulture) ?? "", e.Value));
            case string text:
                if (MgwAddressDetailText.TryRead(text, out var elements, out string reason))
                {
                    return elements.Select(e => new KeyValuePair<string, object?>(e.Key, e.Value));
                }

                findings.Add(Finding(MgwErrorCodes.InvalidValue, DetailColumn, Show(text),
                    $"Detail '{Show(text)}' is not the Element=value;… text Get-MgwAddress | Export-Csv writes ({reason}); give the fields as their own columns instead."));
                return Enumerable.Empty<KeyValuePair<string, object?>>();
            default:
                findings.Add(Finding(MgwErrorCodes.InvalidValue, DetailColumn, null,
                    $"Detail is {Describe(raw)}; it takes an address's Detail, a hashtable of AddressDetail elements, or the Element=value;… text Export-Csv writes."));
                return Enumerable.Empty<KeyValuePair<string, object?>>();
        }
    }

    // One value of a field, typed; null (with a finding) when it cannot be read. Findings name the field as <paramref name="label"/>
    // (the parameter of the kind's set: -Path for a file system's Prefix).
    private static object? Parse(AddressField field, string label, string name, object raw, List<MgwError> findings)
    {
        switch (field.Kind)
        {
            case AddressValueKind.Key:
                if (raw is MgwStorageKey key) return key;
                if (name.Equals("AccessId", StringComparison.OrdinalIgnoreCase) || name.Equals("InvAccessId", StringComparison.OrdinalIgnoreCase))
                {
                    string id = Convert.ToString(raw, CultureInfo.InvariantCulture) ?? "";
                    findings.Add(Finding(MgwErrorCodes.InvalidValue, label, id.Length > 8 ? MgwCredentials.Mask(id) : null,
                        $"{name} cannot be given alone: the AccessKey ID comes with its secret in -{label}, a PSCredential whose user name is the ID " +
                        "and whose password is the secret."));
                    return null;
                }

                findings.Add(Finding(MgwErrorCodes.PlainTextSecret, label, null,
                    $"-{label} takes a PSCredential (user name = AccessKey ID, password = secret); the {Describe(raw)} given is not read, " +
                    "because text cannot carry a secret safely. Use Get-Credential, or Get-Secret from a vault."));
                return null;
            case AddressValueKind.Agents:
                var agents = new List<string>();
                foreach (object? item in raw is IEnumerable e and not string and not IDictionary ? e.Cast<object?>() : new[] { raw })
                {
                    if (SpecBinder.IsNotGiven(item)) continue;
                    if (!TryText(label, item!, findings, out string? text)) return null;
                    agents.AddRange(MgwAddressDetail.SplitAgents(text));
                    if (agents.Count > AddressFields.MaxAgents)
                    {
                        findings.Add(Finding(MgwErrorCodes.TooManyValues, label, null,
                            $"-{label} names more than {AddressFields.MaxAgents} agents; an address takes at most {AddressFields.MaxAgents} (the region's agent quota)."));
                        return null;
                    }
                }

                return agents.Count == 0 ? null : agents;
            case AddressValueKind.Tags:
                var tags = new Dictionary<string, string>(StringComparer.Ordinal);
                var unreadable = new List<string>();
                foreach (object? item in raw is IEnumerable list and not string and not IDictionary ? list.Cast<object?>() : new[] { raw })
                {
                    if (item is IDictionary d)
                    {
                        foreach (DictionaryEntry entry in d)
                        {
                            tags[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? ""] = Convert.ToString(entry.Value, CultureInfo.InvariantCulture) ?? "";
                        }
                    }
                    else if (!SpecBinder.IsNotGiven(item) && TryText(label, item!, findings, out string? text))
                    {
                        foreach (var pair in SpecBinder.SplitTagText(text ?? "", unreadable)) tags[pair.Key] = pair.Value;
                    }
                }

                if (unreadable.Count > 0)
                {
                    findings.Add(Finding(MgwErrorCodes.InvalidTag, label, Show(raw),
                        $"{label}: '{string.Join("', '", unreadable.Take(5).Select(u => Show(u)))}' is not key:value. Write tags as k1:v1,k2:v2 or as a hashtable @{{ k1 = 'v1' }}."));
                    return null;
                }

                return tags.Count == 0 ? null : tags;
            default:
                return TryText(label, raw, findings, out string? value) ? value : null;
        }
    }

    // A single text value: a string (trimmed; empty is "not given" and yields false without a finding), or a scalar's
    // invariant text. A hashtable, several values or an object without a text form is InvalidValue.
    private static bool TryText(string label, object value, List<MgwError> findings, out string? text)
    {
        text = null;
        string? problem = value switch
        {
            string => null,
            IDictionary => "a hashtable",
            MgwStorageKey => "a credential",
            IEnumerable e => $"{e.Cast<object?>().Count()} values",
            IConvertible or IFormattable => null,
            _ => "an object of type " + value.GetType().Name,
        };
        if (problem is not null)
        {
            findings.Add(Finding(MgwErrorCodes.InvalidValue, label, value is MgwStorageKey ? null : Show(value),
                $"-{label} takes one text value, not {problem}."));
            return false;
        }

        string s = (value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture) ?? "").Trim();
        if (s.Length == 0) return false;
        if (s.Length > AddressFields.MaxTextLength)
        {
            findings.Add(Finding(MgwErrorCodes.ValueTooLong, label, Show(s),
                $"-{label} is {s.Length:N0} characters; an address field takes at most {AddressFields.MaxTextLength:N0}."));
            return false;
        }

        text = s;
        return true;
    }

    private static string Canonical(object value) => value switch
    {
        MgwStorageKey key => "key:" + key.AccessKeyId + "\0" + key.Secret,
        IReadOnlyList<string> list => "list:" + string.Join(",", list),
        IDictionary<string, string> tags => "tags:" + SpecBinder.JoinTagText(tags.OrderBy(t => t.Key, StringComparer.Ordinal)),
        string s => "text:" + s,
        _ => "other:" + value,
    };

    private static string Describe(object raw) => raw switch
    {
        string => "text",
        IDictionary => "hashtable",
        _ => "value of type " + raw.GetType().Name,
    };

    private static string Show(object? value) => AddressFields.Show(value);

    internal static MgwError Finding(string code, string field, object? value, string message, MgwSeverity severity = MgwSeverity.Error) =>
        new() { Code = code, Field = field, Value = value, Message = message, Severity = severity };
}
