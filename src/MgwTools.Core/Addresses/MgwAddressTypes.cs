using System;
using System.Collections.Generic;
using System.Linq;

namespace MgwTools;

/// <summary>An address type MgwTools knows: its wire value, kind and what it is.</summary>
public sealed class MgwAddressType
{
    internal MgwAddressType(string wire, MgwAddressKind kind, string name, string description, params string[] aliases)
    {
        Wire = wire;
        Kind = kind;
        Name = name;
        Description = description;
        Aliases = aliases;
    }

    /// <summary>The value of <c>AddressDetail/AddressType</c>, e.g. <c>s3</c>.</summary>
    public string Wire { get; }

    /// <summary>The kind, which decides the fields the address needs.</summary>
    public MgwAddressKind Kind { get; }

    /// <summary>The name New-MgwAddress -Type and a CSV's Type column take, e.g. <c>S3</c>, <c>AzureBlob</c>.</summary>
    public string Name { get; }

    /// <summary>What it is, e.g. "AWS S3 or an S3-compatible store".</summary>
    public string Description { get; }

    /// <summary>Other spellings accepted for it (case-insensitive).</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <inheritdoc />
    public override string ToString() => Wire;
}

/// <summary>
/// The address types of mgw-api.md §8 and their kinds. Only <c>oss</c> and <c>ossinv</c> are evidenced as wire values;
/// the others are the lowercase names the vendor's documents use for those stores (the spelling the service expects is
/// not published). A type not listed here is sent as given, and its kind is <see cref="MgwAddressKind.Other"/>.
/// </summary>
public static class MgwAddressTypes
{
    /// <summary>Every type MgwTools knows, the OSS ones first.</summary>
    public static IReadOnlyList<MgwAddressType> All { get; } = new[]
    {
        new MgwAddressType("oss", MgwAddressKind.Oss, "OSS", "an Alibaba Cloud OSS bucket, through a RAM role"),
        new MgwAddressType("ossinv", MgwAddressKind.OssInventory, "OssInventory", "the objects an inventory manifest lists", "OSSINV", "Inventory"),
        new MgwAddressType("s3", MgwAddressKind.ObjectStore, "S3", "AWS S3 or an S3-compatible store", "AwsS3"),
        new MgwAddressType("cos", MgwAddressKind.ObjectStore, "COS", "Tencent Cloud COS", "TencentCos"),
        new MgwAddressType("qiniu", MgwAddressKind.ObjectStore, "Qiniu", "Qiniu Cloud Kodo", "Kodo"),
        new MgwAddressType("obs", MgwAddressKind.ObjectStore, "OBS", "Huawei Cloud OBS", "HuaweiObs"),
        new MgwAddressType("bos", MgwAddressKind.ObjectStore, "BOS", "Baidu AI Cloud BOS", "BaiduBos"),
        new MgwAddressType("ks3", MgwAddressKind.ObjectStore, "KS3", "Kingsoft Cloud KS3"),
        new MgwAddressType("upyun", MgwAddressKind.ObjectStore, "UPYUN", "UPYUN USS", "Uss"),
        new MgwAddressType("azure", MgwAddressKind.ObjectStore, "AzureBlob", "Microsoft Azure Blob Storage", "Azure", "Blob"),
        new MgwAddressType("nas", MgwAddressKind.FileSystem, "NAS", "a NAS share, through agents"),
        new MgwAddressType("local", MgwAddressKind.FileSystem, "Local", "a local file system, through agents", "LocalFs"),
        new MgwAddressType("http", MgwAddressKind.UrlList, "Http", "the HTTP/HTTPS URLs a list file names", "Https", "UrlList"),
    };

    /// <summary>The third-party object stores (<c>New-MgwAddress -Type</c>).</summary>
    public static IEnumerable<MgwAddressType> ObjectStores => All.Where(t => t.Kind == MgwAddressKind.ObjectStore);

    /// <summary>The type named <paramref name="nameOrWire"/> (its wire value, name or an alias, any case), or null.</summary>
    public static MgwAddressType? Find(string? nameOrWire)
    {
        string text = (nameOrWire ?? "").Trim();
        if (text.Length == 0) return null;
        foreach (MgwAddressType type in All)
        {
            if (Same(type.Wire, text) || Same(type.Name, text) || type.Aliases.Any(a => Same(a, text))) return type;
        }

        return null;
    }

    /// <summary>The kind of an address of type <paramref name="wire"/>; <see cref="MgwAddressKind.Other"/> when unknown.</summary>
    public static MgwAddressKind KindOf(string? wire) => Find(wire)?.Kind ?? MgwAddressKind.Other;

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// The OSS regions a bucket can be in (the region ids of OSS's public endpoints, <c>oss-&lt;id&gt;.aliyuncs.com</c>).
/// A well-formed id not listed here is a warning, not an error: OSS opens regions more often than this list changes.
/// </summary>
public static class MgwOssRegions
{
    /// <summary>The region ids, without the <c>oss-</c> prefix.</summary>
    public static IReadOnlyList<string> All { get; } = new[]
    {
        "cn-hangzhou", "cn-shanghai", "cn-nanjing", "cn-fuzhou", "cn-wuhan-lr", "cn-qingdao", "cn-beijing", "cn-zhangjiakou",
        "cn-huhehaote", "cn-wulanchabu", "cn-shenzhen", "cn-heyuan", "cn-guangzhou", "cn-chengdu", "cn-hongkong",
        "us-west-1", "us-east-1", "ap-northeast-1", "ap-northeast-2", "ap-southeast-1", "ap-southeast-3", "ap-southeast-5",
        "ap-southeast-6", "ap-southeast-7", "ap-south-1", "eu-central-1", "eu-west-1", "me-east-1", "me-central-1",
        "cn-hangzhou-finance", "cn-shanghai-finance-1", "cn-shenzhen-finance-1", "cn-beijing-finance-1",
    };

    /// <summary>The prefix OSS region ids carry in <c>RegionId</c> (<c>oss-cn-beijing</c>).</summary>
    public const string Prefix = "oss-";

    /// <summary><paramref name="id"/> without a leading <c>oss-</c>, lower-cased and trimmed.</summary>
    public static string Bare(string id)
    {
        string text = (id ?? "").Trim().ToLowerInvariant();
        return text.StartsWith(Prefix, StringComparison.Ordinal) ? text.Substring(Prefix.Length) : text;
    }

    /// <summary>The <c>RegionId</c> the service takes for an OSS bucket: <c>oss-</c> and the region id.</summary>
    public static string Wire(string id) => Prefix + Bare(id);

    /// <summary>True when <paramref name="id"/> (with or without <c>oss-</c>) is in <see cref="All"/>.</summary>
    public static bool IsKnown(string? id) => id is not null && All.Contains(Bare(id), StringComparer.Ordinal);
}
