using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using MgwTools.Core.Agents;
using MgwTools.Core.Specs;

namespace MgwTools.Core.Addresses;

/// <summary>
/// The offline rules of a data address, every finding at once (like <see cref="SpecValidator"/> for jobs): the name
/// rule, the type, the fields each kind needs and the ones it does not use, region ids, bucket names, prefix and path
/// shapes, domains, the inventory location, agent names, role names, tags, and characters the request cannot carry.
/// A field that already has a binding finding is not judged again.
/// </summary>
public static class AddressValidator
{
    // OSS's bucket rule: 3-63 lowercase letters, digits and hyphens, starting and ending with a letter or digit.
    private static readonly Regex s_ossBucket = new("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", RegexOptions.CultureInvariant);
    // A RAM role name (1-64 of letters, digits, '.', '@', '-', '_'), or its ARN.
    private static readonly Regex s_role = new(@"^(acs:ram::\d{1,32}:role/)?[A-Za-z0-9.@_-]{1,64}$", RegexOptions.CultureInvariant);
    // A host name or IPv4 address, optionally with a scheme and a port; nothing after it.
    private static readonly Regex s_domain = new(
        @"^(https?://)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(:\d{1,5})?/?$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private static readonly string[] s_inventoryLocations = { "oss", "s3", "cos" };

    // What each kind needs and may take (PowerShell names); Name, AddressType and Tag are always allowed. A third-party
    // store or a URL list inside a private network is read through agents too.
    private static readonly Dictionary<MgwAddressKind, (string[] Required, string[] Optional)> s_kinds = new()
    {
        [MgwAddressKind.Oss] = (new[] { AddressFields.Bucket, AddressFields.BucketRegion, AddressFields.Role },
            new[] { AddressFields.Prefix, AddressFields.DataType }),
        [MgwAddressKind.OssInventory] = (new[] { AddressFields.InventoryBucket, AddressFields.InventoryPath },
            new[]
            {
                AddressFields.InventoryRegion, AddressFields.InventoryRole, AddressFields.InventoryDomain, AddressFields.InventoryLocation,
                AddressFields.InventoryCredential, AddressFields.Bucket, AddressFields.BucketRegion, AddressFields.Role, AddressFields.Prefix,
                AddressFields.DataType,
            }),
        [MgwAddressKind.ObjectStore] = (new[] { AddressFields.Bucket, AddressFields.Domain, AddressFields.Credential },
            new[] { AddressFields.Prefix, AddressFields.DataType, AddressFields.Agent }),
        [MgwAddressKind.FileSystem] = (new[] { AddressFields.Agent, AddressFields.Prefix }, new[] { AddressFields.DataType }),
        [MgwAddressKind.UrlList] = (new[] { AddressFields.InventoryBucket, AddressFields.InventoryPath, AddressFields.InventoryRegion },
            new[] { AddressFields.InventoryRole, AddressFields.InventoryCredential, AddressFields.InventoryDomain, AddressFields.DataType, AddressFields.Agent }),
    };

    // Why a field is needed, for MissingValue messages.
    private static readonly Dictionary<string, string> s_why = new()
    {
        [AddressFields.Bucket] = "the bucket",
        [AddressFields.BucketRegion] = "the bucket's region, e.g. cn-beijing",
        [AddressFields.Role] = "the RAM role the service assumes to reach the bucket",
        [AddressFields.Domain] = "the store's endpoint, e.g. s3.us-east-1.amazonaws.com",
        [AddressFields.Credential] = "the AccessKey pair of the store, as a PSCredential (user name = AccessKey ID, password = secret)",
        [AddressFields.Agent] = "the agents that reach the file system",
        [AddressFields.Prefix] = "the directory, e.g. /mnt/data/",
        [AddressFields.InventoryBucket] = "the bucket that holds the list",
        [AddressFields.InventoryPath] = "the list's file, e.g. inventory/manifest.json",
        [AddressFields.InventoryRegion] = "the region of the bucket that holds the list, e.g. cn-hangzhou",
        [AddressFields.InventoryDomain] = "the endpoint of the store that holds the list",
        [AddressFields.InventoryCredential] = "the AccessKey pair that reads the list, as a PSCredential",
    };

    /// <summary>
    /// Every finding about <paramref name="spec"/>: <paramref name="bindingFindings"/> first, then the rules. A field
    /// named by a binding finding is not judged again. Findings carry no row; the caller adds it.
    /// </summary>
    public static IReadOnlyList<MgwError> Check(MgwAddressSpec spec, IReadOnlyList<MgwError>? bindingFindings = null)
    {
        if (spec is null) throw new ArgumentNullException(nameof(spec));
        var f = new List<MgwError>(bindingFindings ?? Array.Empty<MgwError>());
        var reported = new HashSet<string>(f.Select(e => e.Field ?? ""), StringComparer.OrdinalIgnoreCase);
        MgwAddressKind kind = spec.Kind;
        MgwAddressDetail d = spec.Detail;
        bool Given(string field) => !string.IsNullOrEmpty(AddressFields.Get(field).Get(d));
        string Label(string field) => AddressFields.DisplayName(AddressFields.Get(field), kind);
        // A binding finding names its field as the kind's parameter (Path for a file system's Prefix): that field is judged.
        foreach (AddressField field in AddressFields.All)
        {
            if (reported.Contains(Label(field.Name))) reported.Add(field.Name);
        }

        // Name.
        if (!reported.Contains(AddressFields.Name))
        {
            if (string.IsNullOrEmpty(spec.Name))
            {
                f.Add(Error(MgwErrorCodes.MissingValue, AddressFields.Name, null, "An address needs a name (-Name, or a Name column)."));
            }
            else if (!SpecValidator.IsApiName(spec.Name))
            {
                f.Add(Error(MgwErrorCodes.InvalidAddressName, AddressFields.Name, spec.Name,
                    $"Address name '{Show(spec.Name)}' breaks the service's rule: 3-63 lowercase letters, digits, '-' and '_', not starting with '-' or '_'."));
            }
        }

        // Type.
        string? type = d.AddressType;
        if (string.IsNullOrEmpty(type))
        {
            if (!reported.Contains(AddressFields.AddressType))
            {
                f.Add(Error(MgwErrorCodes.MissingValue, AddressFields.AddressType, null,
                    "An address needs a type: a parameter set of New-MgwAddress (-Bucket for OSS, -Type for S3 and the like, -Agent for NAS), " +
                    $"or a Type column ({string.Join(", ", MgwAddressTypes.All.Select(t => t.Name))})."));
            }
        }
        else if (MgwAddressTypes.Find(type) is null && !reported.Contains(AddressFields.AddressType))
        {
            f.Add(Warning(MgwErrorCodes.UnknownAddressType, AddressFields.AddressType, type,
                $"Address type '{Show(type)}' is not one MgwTools knows ({string.Join(", ", MgwAddressTypes.All.Select(t => t.Wire))}); it is sent as given " +
                "and only its name, prefix, regions and tags are checked. Check the spelling."));
        }

        // Fields the kind needs, and those it does not use.
        if (s_kinds.TryGetValue(kind, out var rule))
        {
            foreach (string field in rule.Required)
            {
                if (!Given(field) && !reported.Contains(field))
                {
                    f.Add(Error(MgwErrorCodes.MissingValue, Label(field), null,
                        $"An address of type {type} needs -{Label(field)}: {s_why[field]}."));
                }
            }

            var allowed = new HashSet<string>(rule.Required.Concat(rule.Optional)) { AddressFields.Name, AddressFields.AddressType, AddressFields.Tag };
            foreach (AddressField field in AddressFields.All)
            {
                if (field.Wire is null || allowed.Contains(field.Name) || !Given(field.Name) || reported.Contains(field.Name)) continue;
                f.Add(Error(MgwErrorCodes.FieldNotUsed, Label(field.Name), field.Kind == AddressValueKind.Key ? null : Show(field.Get(d)),
                    $"-{Label(field.Name)} is not used by an address of type {type}; remove it (in a CSV, leave the cell empty)."));
                reported.Add(field.Name);
            }

            if (kind is MgwAddressKind.OssInventory or MgwAddressKind.UrlList) InventoryAccess(f, reported, spec, Label);
        }

        // Shapes of what was given.
        Shapes(f, reported, spec, Label);
        var tagFindings = new List<MgwError>();
        if (!reported.Contains(AddressFields.Tag)) SpecValidator.Tags(tagFindings, spec.Tag, spec.TagText, AddressFields.Tag);
        f.AddRange(tagFindings);
        return f;
    }

    /// <summary>
    /// The agent-name rules (<c>InvalidAgentName</c>): each name follows the API's rule, none is named twice, and at
    /// least one is given (<c>MissingValue</c>). Set-MgwAddress and New-MgwAddress share them.
    /// </summary>
    public static IReadOnlyList<MgwError> CheckAgents(IReadOnlyList<string>? agents, string field = AddressFields.Agent)
    {
        var f = new List<MgwError>();
        if (agents is null || agents.Count == 0)
        {
            f.Add(Error(MgwErrorCodes.MissingValue, field, null, $"-{field} needs at least one agent name."));
            return f;
        }

        if (agents.Count > AddressFields.MaxAgents)
        {
            f.Add(Error(MgwErrorCodes.TooManyValues, field, null,
                $"-{field} names more than {AddressFields.MaxAgents} agents; an address takes at most {AddressFields.MaxAgents} (the region's agent quota)."));
            return f;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string agent in agents)
        {
            if (AgentRules.CheckAgentName(agent) is { } bad)
            {
                bad.Field = field;
                f.Add(bad);
            }
            else if (!seen.Add(agent))
            {
                f.Add(Error(MgwErrorCodes.InvalidAgentName, field, agent, $"Agent '{agent}' is named twice; name each agent once."));
            }
        }

        return f;
    }

    // How the service reads an inventory or URL list: in OSS with a region and a role or key pair; in S3/COS with a
    // domain and a key pair.
    private static void InventoryAccess(List<MgwError> f, HashSet<string> reported, MgwAddressSpec spec, Func<string, string> label)
    {
        MgwAddressDetail d = spec.Detail;
        string location = d.InvLocation ?? "oss";
        bool role = !string.IsNullOrEmpty(d.InvRole), key = !string.IsNullOrEmpty(d.FullInvAccessId);
        if (location == "oss")
        {
            if (string.IsNullOrEmpty(d.InvRegionId) && !reported.Contains(AddressFields.InventoryRegion) && spec.Kind == MgwAddressKind.OssInventory)
            {
                f.Add(Error(MgwErrorCodes.MissingValue, label(AddressFields.InventoryRegion), null,
                    $"An inventory in OSS needs -{label(AddressFields.InventoryRegion)}: {s_why[AddressFields.InventoryRegion]}."));
            }

            if (role && key)
            {
                f.Add(Error(MgwErrorCodes.RoleAndCredential, label(AddressFields.InventoryRole), null,
                    $"Give either -{label(AddressFields.InventoryRole)} or -{label(AddressFields.InventoryCredential)} to read the list, not both."));
            }
            else if (!role && !key && !reported.Contains(AddressFields.InventoryRole) && !reported.Contains(AddressFields.InventoryCredential))
            {
                f.Add(Error(MgwErrorCodes.MissingValue, label(AddressFields.InventoryRole), null,
                    $"The list in OSS is read with -{label(AddressFields.InventoryRole)} (a RAM role) or -{label(AddressFields.InventoryCredential)} " +
                    "(an AccessKey pair); give one."));
            }
        }
        else if (s_inventoryLocations.Contains(location))
        {
            if (string.IsNullOrEmpty(d.InvDomain) && !reported.Contains(AddressFields.InventoryDomain))
            {
                f.Add(Error(MgwErrorCodes.MissingValue, label(AddressFields.InventoryDomain), null,
                    $"An inventory in {location} needs -{label(AddressFields.InventoryDomain)}: {s_why[AddressFields.InventoryDomain]}."));
            }

            if (!key && !reported.Contains(AddressFields.InventoryCredential))
            {
                f.Add(Error(MgwErrorCodes.MissingValue, label(AddressFields.InventoryCredential), null,
                    $"An inventory in {location} needs -{label(AddressFields.InventoryCredential)}: {s_why[AddressFields.InventoryCredential]}."));
            }

            if (role && !reported.Contains(AddressFields.InventoryRole))
            {
                f.Add(Error(MgwErrorCodes.FieldNotUsed, label(AddressFields.InventoryRole), Show(d.InvRole),
                    $"A RAM role reads only an inventory in OSS; an inventory in {location} is read with -{label(AddressFields.InventoryCredential)}."));
            }
        }
    }

    private static void Shapes(List<MgwError> f, HashSet<string> reported, MgwAddressSpec spec, Func<string, string> label)
    {
        MgwAddressDetail d = spec.Detail;
        MgwAddressKind kind = spec.Kind;
        bool Open(string field, string? value) => !string.IsNullOrEmpty(value) && !reported.Contains(field) && !reported.Contains(label(field));

        // Characters the request cannot carry, in every text.
        foreach (AddressField field in AddressFields.All)
        {
            string? text = field.Name == AddressFields.Name ? spec.Name : field.Wire is null ? null : field.Get(d);
            if (!Open(field.Name, text)) continue;
            if (TextRules.FirstUnsendable(text!, out string what) >= 0 || text!.Any(char.IsControl))
            {
                if (what.Length == 0) what = "a control character";
                f.Add(Error(MgwErrorCodes.InvalidValue, label(field.Name), field.Kind == AddressValueKind.Key ? null : Show(text),
                    $"-{label(field.Name)} contains {what}, which the request cannot carry. Remove it (check the CSV's quoting and line ends, and save it as UTF-8)."));
                reported.Add(field.Name);
            }
        }

        // Buckets.
        bool ossData = kind is MgwAddressKind.Oss or MgwAddressKind.OssInventory;
        if (Open(AddressFields.Bucket, d.Bucket)) Bucket(f, label(AddressFields.Bucket), d.Bucket!, ossData);
        if (Open(AddressFields.InventoryBucket, d.InvBucket)) Bucket(f, label(AddressFields.InventoryBucket), d.InvBucket!, (d.InvLocation ?? "oss") == "oss");

        // Regions.
        bool ossRegion = kind is MgwAddressKind.Oss or MgwAddressKind.OssInventory or MgwAddressKind.UrlList;
        if (Open(AddressFields.BucketRegion, d.RegionId)) Region(f, label(AddressFields.BucketRegion), d.RegionId!, ossRegion);
        if (Open(AddressFields.InventoryRegion, d.InvRegionId)) Region(f, label(AddressFields.InventoryRegion), d.InvRegionId!, (d.InvLocation ?? "oss") == "oss");

        // Prefix, or a file system's directory.
        if (Open(AddressFields.Prefix, d.Prefix))
        {
            string prefix = d.Prefix!;
            if (kind == MgwAddressKind.FileSystem)
            {
                if (!prefix.StartsWith("/", StringComparison.Ordinal) || !prefix.EndsWith("/", StringComparison.Ordinal) || prefix.Contains("//"))
                {
                    f.Add(Error(MgwErrorCodes.InvalidPath, label(AddressFields.Prefix), Show(prefix),
                        $"-{label(AddressFields.Prefix)} '{Show(prefix)}' is not a directory of the form /dir/sub/: it must start and end with '/' (and have no '//')."));
                }
            }
            else if (prefix.StartsWith("/", StringComparison.Ordinal) || !prefix.EndsWith("/", StringComparison.Ordinal) || prefix.Contains("//") || prefix.Length > 1023)
            {
                f.Add(Error(MgwErrorCodes.InvalidPrefix, label(AddressFields.Prefix), Show(prefix),
                    $"-{label(AddressFields.Prefix)} '{Show(prefix)}' is not a key prefix the service takes: no leading '/', a trailing '/' (e.g. data/2026/), " +
                    "no '//', at most 1,023 characters. Leave it out for the whole bucket."));
            }
        }

        // The inventory or URL-list file.
        if (Open(AddressFields.InventoryPath, d.InvPath))
        {
            string path = d.InvPath!;
            if (path.StartsWith("/", StringComparison.Ordinal) || path.EndsWith("/", StringComparison.Ordinal) || path.Contains("//"))
            {
                f.Add(Error(MgwErrorCodes.InvalidPath, label(AddressFields.InventoryPath), Show(path),
                    $"-{label(AddressFields.InventoryPath)} '{Show(path)}' is not the key of a file in the bucket: no leading or trailing '/', no '//' " +
                    "(e.g. inventory/manifest.json)."));
            }
        }

        // Domains.
        foreach (string field in new[] { AddressFields.Domain, AddressFields.InventoryDomain })
        {
            string? domain = AddressFields.Get(field).Get(d);
            if (Open(field, domain) && !s_domain.IsMatch(domain!))
            {
                f.Add(Error(MgwErrorCodes.InvalidDomain, label(field), Show(domain),
                    $"-{label(field)} '{Show(domain)}' is not a host name: give the store's endpoint, e.g. s3.us-east-1.amazonaws.com (a scheme and a port may come with it, no path)."));
            }
        }

        // Inventory location.
        if (Open(AddressFields.InventoryLocation, d.InvLocation) && !s_inventoryLocations.Contains(d.InvLocation))
        {
            f.Add(Error(MgwErrorCodes.InvalidInventoryLocation, label(AddressFields.InventoryLocation), Show(d.InvLocation),
                $"-{label(AddressFields.InventoryLocation)} '{Show(d.InvLocation)}' is not one of oss, s3 and cos."));
        }

        // Agents.
        if (Open(AddressFields.Agent, d.AgentList)) f.AddRange(CheckAgents(d.Agents));

        // Roles.
        foreach (string field in new[] { AddressFields.Role, AddressFields.InventoryRole })
        {
            string? role = AddressFields.Get(field).Get(d);
            if (Open(field, role) && !s_role.IsMatch(role!))
            {
                f.Add(Error(MgwErrorCodes.InvalidRoleName, label(field), Show(role),
                    $"-{label(field)} '{Show(role)}' is not a RAM role: give its name (1-64 letters, digits, '.', '@', '-', '_') or its ARN (acs:ram::<account>:role/<name>)."));
            }
        }
    }

    private static void Bucket(List<MgwError> f, string field, string bucket, bool oss)
    {
        if (oss && !s_ossBucket.IsMatch(bucket))
        {
            f.Add(Error(MgwErrorCodes.InvalidBucketName, field, Show(bucket),
                $"-{field} '{Show(bucket)}' is not an OSS bucket name: 3-63 lowercase letters, digits and '-', starting and ending with a letter or digit."));
        }
        else if (!oss && (bucket.Length > 255 || bucket.Any(c => c is '/' or '\\' || char.IsWhiteSpace(c))))
        {
            f.Add(Error(MgwErrorCodes.InvalidBucketName, field, Show(bucket),
                $"-{field} '{Show(bucket)}' is not a bucket name: at most 255 characters, without '/', '\\' or spaces (a path inside the bucket goes in -Prefix)."));
        }
    }

    private static void Region(List<MgwError> f, string field, string region, bool oss)
    {
        string bare = oss ? MgwOssRegions.Bare(region) : region;
        if (!MgwRegions.IsWellFormedId(bare))
        {
            f.Add(Error(MgwErrorCodes.InvalidRegion, field, Show(region),
                $"-{field} '{Show(region)}' is not a region id: lowercase letters, digits and single hyphens, e.g. cn-beijing."));
        }
        else if (oss && !MgwOssRegions.IsKnown(bare))
        {
            f.Add(Warning(MgwErrorCodes.UnknownRegion, field, bare,
                $"-{field} '{bare}' is not an OSS region MgwTools knows; it is sent as {MgwOssRegions.Wire(bare)}. Check the spelling (e.g. cn-beijing, ap-southeast-1)."));
        }
    }

    private static string Show(object? value) => AddressFields.Show(value);

    private static MgwError Error(string code, string field, object? value, string message) => AddressBinder.Finding(code, field, value, message);

    private static MgwError Warning(string code, string field, object? value, string message) =>
        AddressBinder.Finding(code, field, value, message, MgwSeverity.Warning);
}
