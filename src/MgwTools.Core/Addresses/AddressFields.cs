using System;
using System.Collections.Generic;
using System.Linq;
using MgwTools.Core.Specs;

namespace MgwTools.Core.Addresses;

/// <summary>How a field's value is read and compared.</summary>
internal enum AddressValueKind
{
    /// <summary>Text, compared exactly.</summary>
    Text,
    /// <summary>Text compared ignoring case (domains, roles are not: only types, locations).</summary>
    TextIgnoreCase,
    /// <summary>The address type: a known name becomes its wire value.</summary>
    Type,
    /// <summary>A region id; for OSS, <c>cn-beijing</c> and <c>oss-cn-beijing</c> are the same.</summary>
    Region,
    /// <summary>Agent names: a list, or <c>a1,a2</c> text; compared as a set.</summary>
    Agents,
    /// <summary>An AccessKey pair (a PSCredential); only its ID is on <see cref="MgwAddressDetail"/> in the open.</summary>
    Key,
    /// <summary>Tags: a hashtable or <c>k1:v1,k2:v2</c>.</summary>
    Tags,
}

/// <summary>One field of an address definition: its PowerShell name, the other names a CSV column or a <c>-Detail</c> key may use, and its wire element.</summary>
internal sealed class AddressField
{
    public AddressField(string name, AddressValueKind kind, string? wire, Func<MgwAddressDetail, string?> get, Action<MgwAddressDetail, string?> set,
        params string[] aliases)
    {
        Name = name;
        Kind = kind;
        Wire = wire;
        Get = get;
        Set = set;
        Names = new[] { name }.Concat(aliases).ToArray();
    }

    /// <summary>The PowerShell parameter name.</summary>
    public string Name { get; }

    /// <summary>The name and every alias (CSV headers, API names), matched ignoring case.</summary>
    public IReadOnlyList<string> Names { get; }

    public AddressValueKind Kind { get; }

    /// <summary>The <c>AddressDetail</c> element; null for the name and the tags.</summary>
    public string? Wire { get; }

    /// <summary>The wire value on a detail (an AccessKey ID in full).</summary>
    public Func<MgwAddressDetail, string?> Get { get; }

    public Action<MgwAddressDetail, string?> Set { get; }

    /// <summary>Whether two wire values mean the same (empty equals unset).</summary>
    public bool Same(string? a, string? b)
    {
        a = string.IsNullOrWhiteSpace(a) ? null : a!.Trim();
        b = string.IsNullOrWhiteSpace(b) ? null : b!.Trim();
        if (a is null || b is null) return a is null && b is null;
        return Kind switch
        {
            AddressValueKind.Type or AddressValueKind.TextIgnoreCase => string.Equals(a, b, StringComparison.OrdinalIgnoreCase),
            AddressValueKind.Region => string.Equals(MgwOssRegions.Bare(a), MgwOssRegions.Bare(b), StringComparison.Ordinal),
            AddressValueKind.Agents => new HashSet<string>(MgwAddressDetail.SplitAgents(a), StringComparer.Ordinal).SetEquals(MgwAddressDetail.SplitAgents(b)),
            _ => string.Equals(a, b, StringComparison.Ordinal),
        };
    }

    public override string ToString() => Name;
}

/// <summary>
/// The fields of an address definition (mgw-api.md §2.8), in the order of <c>AddressDetail</c>: each with its
/// PowerShell name (<c>New-MgwAddress</c>'s parameter), the names a CSV column may also use (the API's element name,
/// the parameter names of other kinds that mean the same element), and its wire element. The binder, the validator,
/// the comparison for <c>-SkipExisting</c> and the <c>-WhatIf</c> summary all read this table.
/// </summary>
internal static class AddressFields
{
    public const string Name = nameof(Name);
    public const string AddressType = nameof(AddressType);
    public const string Bucket = nameof(Bucket);
    public const string BucketRegion = nameof(BucketRegion);
    public const string Prefix = nameof(Prefix);
    public const string Role = nameof(Role);
    public const string Domain = nameof(Domain);
    public const string Credential = nameof(Credential);
    public const string Agent = nameof(Agent);
    public const string InventoryBucket = nameof(InventoryBucket);
    public const string InventoryPath = nameof(InventoryPath);
    public const string InventoryRegion = nameof(InventoryRegion);
    public const string InventoryRole = nameof(InventoryRole);
    public const string InventoryDomain = nameof(InventoryDomain);
    public const string InventoryLocation = nameof(InventoryLocation);
    public const string InventoryCredential = nameof(InventoryCredential);
    public const string DataType = nameof(DataType);
    public const string HdfsAuthType = nameof(HdfsAuthType);
    public const string HdfsUserName = nameof(HdfsUserName);
    public const string Tag = nameof(Tag);

    /// <summary>The longest text any field takes (the service's limits are not published; a prefix of 1,023 is OSS's key limit).</summary>
    public const int MaxTextLength = 1024;

    /// <summary>Most agents on one address (the region's agent quota, mgw-api.md §7).</summary>
    public const int MaxAgents = 100;

    /// <summary>The table.</summary>
    public static IReadOnlyList<AddressField> All { get; } = new[]
    {
        new AddressField(Name, AddressValueKind.Text, null, _ => null, (_, _) => { }, "AddressName", "address-name"),
        new AddressField(AddressType, AddressValueKind.Type, "AddressType", d => d.AddressType, (d, v) => d.AddressType = v, "Type", "address-type"),
        new AddressField(Bucket, AddressValueKind.Text, "Bucket", d => d.Bucket, (d, v) => d.Bucket = v),
        new AddressField(Domain, AddressValueKind.TextIgnoreCase, "Domain", d => d.Domain, (d, v) => d.Domain = v),
        new AddressField(Credential, AddressValueKind.Key, "AccessId", d => d.FullAccessId, (d, v) => d.FullAccessId = v, "AccessId"),
        new AddressField(Prefix, AddressValueKind.Text, "Prefix", d => d.Prefix, (d, v) => d.Prefix = v, "Path"),
        new AddressField(BucketRegion, AddressValueKind.Region, "RegionId", d => d.RegionId, (d, v) => d.RegionId = v, "RegionId", "region-id"),
        new AddressField(Role, AddressValueKind.Text, "Role", d => d.Role, (d, v) => d.Role = v),
        new AddressField(Agent, AddressValueKind.Agents, "AgentList", d => d.AgentList, (d, v) => d.AgentList = v, "Agents", "AgentList", "agent-list"),
        new AddressField(InventoryBucket, AddressValueKind.Text, "InvBucket", d => d.InvBucket, (d, v) => d.InvBucket = v, "InvBucket", "UrlListBucket"),
        new AddressField(InventoryDomain, AddressValueKind.TextIgnoreCase, "InvDomain", d => d.InvDomain, (d, v) => d.InvDomain = v, "InvDomain", "UrlListDomain"),
        new AddressField(InventoryCredential, AddressValueKind.Key, "InvAccessId", d => d.FullInvAccessId, (d, v) => d.FullInvAccessId = v, "InvAccessId", "UrlListCredential"),
        new AddressField(InventoryPath, AddressValueKind.Text, "InvPath", d => d.InvPath, (d, v) => d.InvPath = v, "InvPath", "UrlListPath"),
        new AddressField(InventoryRegion, AddressValueKind.Region, "InvRegionId", d => d.InvRegionId, (d, v) => d.InvRegionId = v, "InvRegionId", "UrlListRegion"),
        new AddressField(InventoryRole, AddressValueKind.Text, "InvRole", d => d.InvRole, (d, v) => d.InvRole = v, "InvRole", "UrlListRole"),
        new AddressField(InventoryLocation, AddressValueKind.TextIgnoreCase, "InvLocation", d => d.InvLocation, (d, v) => d.InvLocation = v, "InvLocation"),
        new AddressField(DataType, AddressValueKind.TextIgnoreCase, "DataType", d => d.DataType, (d, v) => d.DataType = v),
        new AddressField(HdfsAuthType, AddressValueKind.Text, "HdfsAuthConfig/AuthType", d => d.HdfsAuthType, (d, v) => d.HdfsAuthType = v, "AuthType"),
        new AddressField(HdfsUserName, AddressValueKind.Text, "HdfsAuthConfig/UserName", d => d.HdfsUserName, (d, v) => d.HdfsUserName = v, "UserName"),
        new AddressField(Tag, AddressValueKind.Tags, null, _ => null, (_, _) => { }, "Tags"),
    };

    /// <summary>
    /// Names that would carry a secret as plain text (a CSV cell, a <c>-Detail</c> key): refused with
    /// <c>PlainTextSecret</c>, the value never read into a message.
    /// </summary>
    public static IReadOnlyList<string> SecretNames { get; } = new[]
    {
        "AccessSecret", "InvAccessSecret", "AccessKeySecret", "SecretAccessKey", "Secret", "InventorySecret", "Password",
    };

    private static readonly Dictionary<string, AddressField> s_byName = BuildIndex();

    /// <summary>The field with this name or alias (ignoring case), or null.</summary>
    public static AddressField? Find(string? name) =>
        name is not null && s_byName.TryGetValue(name.Trim(), out AddressField? field) ? field : null;

    /// <summary>The field named <paramref name="name"/> exactly (a constant of this class).</summary>
    public static AddressField Get(string name) => All.First(f => f.Name == name);

    /// <summary>True when <paramref name="name"/> is a name under which a secret would arrive as plain text.</summary>
    public static bool IsSecretName(string? name) =>
        name is not null && SecretNames.Contains(name.Trim(), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The name a message about <paramref name="field"/> uses for an address of <paramref name="kind"/>: the parameter
    /// of New-MgwAddress's set for that kind (<c>-Path</c> for a file system's prefix, <c>-UrlListBucket</c> for a URL
    /// list's inventory bucket).
    /// </summary>
    public static string DisplayName(AddressField field, MgwAddressKind kind) => (kind, field.Name) switch
    {
        (MgwAddressKind.FileSystem, Prefix) => "Path",
        (MgwAddressKind.UrlList, InventoryBucket) => "UrlListBucket",
        (MgwAddressKind.UrlList, InventoryPath) => "UrlListPath",
        (MgwAddressKind.UrlList, InventoryRegion) => "UrlListRegion",
        (MgwAddressKind.UrlList, InventoryRole) => "UrlListRole",
        (MgwAddressKind.UrlList, InventoryCredential) => "UrlListCredential",
        (MgwAddressKind.UrlList, InventoryDomain) => "UrlListDomain",
        (MgwAddressKind.ObjectStore, AddressType) => "Type",
        _ => field.Name,
    };

    /// <summary><paramref name="value"/> for a message (escaped, at most 64 characters).</summary>
    public static string Show(object? value) => SpecBinder.Show(value);

    /// <summary>Tags from the service's <c>k1:v1,k2:v2</c> text (unreadable pieces dropped).</summary>
    public static Dictionary<string, string> ParseTagText(string? text)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(text)) return tags;
        foreach (var pair in SpecBinder.SplitTagText(text!)) tags[pair.Key] = pair.Value;
        return tags;
    }

    /// <summary>
    /// The check of a CSV's columns (or a piped row's properties) against the address fields: a column that names none is
    /// <c>UnknownColumn</c> with the closest field (<c>BucketRegon → BucketRegion</c>). The secret names are known (they are
    /// refused as <c>PlainTextSecret</c>, never suggested), and so are <paramref name="expected"/>: columns that bind to
    /// nothing but are no mistake (what <c>Get-MgwAddress | Export-Csv</c> writes).
    /// </summary>
    public static ColumnCheck ColumnCheck(IEnumerable<string>? expected) =>
        new("address", All.SelectMany(f => f.Names.Select(n => new KeyValuePair<string, string>(n, f.Name))), null,
            SecretNames.Concat(expected ?? Enumerable.Empty<string>()));

    private static Dictionary<string, AddressField> BuildIndex()
    {
        var index = new Dictionary<string, AddressField>(StringComparer.OrdinalIgnoreCase);
        foreach (AddressField field in All)
        {
            foreach (string name in field.Names) index.Add(name, field);
        }

        return index;
    }
}
