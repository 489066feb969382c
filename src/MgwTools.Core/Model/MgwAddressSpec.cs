using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MgwTools.Core.Addresses;
using MgwTools.Core.Specs;

namespace MgwTools;

/// <summary>
/// A data address to create (New-MgwAddress): its name, tags and <see cref="Detail"/> in wire form (the type decides
/// its <see cref="Kind"/>). Built by <see cref="AddressBinder"/>, checked by <see cref="AddressValidator"/>.
/// </summary>
public sealed class MgwAddressSpec
{
    /// <summary>Address name.</summary>
    public string? Name { get; set; }

    /// <summary>Where it points, as sent (secrets included, unseen).</summary>
    public MgwAddressDetail Detail { get; set; } = new();

    /// <summary>The address type as sent (<see cref="MgwAddressDetail.AddressType"/>).</summary>
    public string? AddressType => Detail.AddressType;

    /// <summary>The kind, from the type.</summary>
    public MgwAddressKind Kind => MgwAddressTypes.KindOf(Detail.AddressType);

    /// <summary>Tags; sent as <c>k1:v1,k2:v2</c> in insertion order.</summary>
    public IDictionary<string, string> Tag { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The tags as the wire string <c>k1:v1,k2:v2</c>; null when there are none.</summary>
    public string? TagText => Tag is { Count: > 0 } ? SpecBinder.JoinTagText(Tag) : null;

    /// <summary>
    /// One line for <c>-WhatIf</c> and verbose output: the type and every field given, AccessKey IDs masked, secrets
    /// only named ("with its secret"). E.g. <c>s3: Bucket 'b', Domain 's3.amazonaws.com', AccessKey AKIA***XYZ with its secret</c>.
    /// </summary>
    public string Summary()
    {
        var parts = new List<string>();
        foreach (AddressField field in AddressFields.All)
        {
            if (field.Wire is null || field.Name == AddressFields.AddressType) continue;
            string? value = field.Get(Detail);
            if (string.IsNullOrEmpty(value)) continue;
            string label = AddressFields.DisplayName(field, Kind);
            parts.Add(field.Kind == AddressValueKind.Key
                ? string.Format(CultureInfo.InvariantCulture, "{0} {1}{2}", label, MgwCredentials.Mask(value!),
                    (field.Name == AddressFields.Credential ? Detail.HasAccessSecret : Detail.HasInvAccessSecret) ? " with its secret" : "")
                : string.Format(CultureInfo.InvariantCulture, "{0} '{1}'", label, AddressFields.Show(value)));
        }

        if (TagText is { } tags) parts.Add($"Tag '{AddressFields.Show(tags)}'");
        return (AddressType ?? "(no type)") + (parts.Count > 0 ? ": " + string.Join(", ", parts) : "");
    }

    /// <summary>
    /// The fields (PowerShell names, in the order of <see cref="AddressFields.All"/>) whose values differ between this
    /// spec and <paramref name="existing"/>: type, regions and domains compare ignoring case (a region with or without
    /// <c>oss-</c>), agent lists as sets, tags by key and value, AccessKey IDs in full. Secrets cannot be compared: the
    /// service never returns them.
    /// </summary>
    public IReadOnlyList<string> DifferingFields(MgwAddress existing)
    {
        if (existing is null) throw new ArgumentNullException(nameof(existing));
        var differing = new List<string>();
        foreach (AddressField field in AddressFields.All)
        {
            if (field.Wire is null) continue;
            if (!field.Same(field.Get(Detail), field.Get(existing.Detail))) differing.Add(AddressFields.DisplayName(field, Kind));
        }

        var theirs = AddressFields.ParseTagText(existing.Tags);
        var mine = Tag ?? new Dictionary<string, string>();
        if (theirs.Count != mine.Count || mine.Any(t => !theirs.TryGetValue(t.Key, out string? v) || v != t.Value))
        {
            differing.Add(AddressFields.Tag);
        }

        return differing;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({AddressType})";
}

/// <summary>
/// A storage AccessKey pair for an address (<c>AccessId</c>/<c>AccessSecret</c>, or the inventory's), from a
/// <c>PSCredential</c>: user name = AccessKey ID, password = secret. The secret is internal and never shown.
/// </summary>
internal sealed class MgwStorageKey
{
    public MgwStorageKey(string accessKeyId, string secret)
    {
        AccessKeyId = accessKeyId ?? "";
        Secret = secret ?? "";
    }

    public string AccessKeyId { get; }

    public string Secret { get; }

    public bool SameAs(MgwStorageKey other) =>
        string.Equals(AccessKeyId, other.AccessKeyId, StringComparison.Ordinal) && string.Equals(Secret, other.Secret, StringComparison.Ordinal);

    public override string ToString() => MgwCredentials.Mask(AccessKeyId);
}
