using System;
using System.Collections.Generic;

namespace MgwTools;

/// <summary>A region where Data Online Migration has an endpoint.</summary>
public sealed class MgwRegion
{
    internal MgwRegion(string id, string name)
    {
        Id = id;
        Name = name;
    }

    /// <summary>The region id, e.g. <c>cn-hangzhou</c>.</summary>
    public string Id { get; }

    /// <summary>The display name, e.g. <c>China (Hangzhou)</c>.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public override string ToString() => Id;
}

/// <summary>
/// The regions of the service's endpoint table (mgw-api.md §3.2, plus <c>us-west-1</c>, which the
/// newest vendor SDK adds, mgw-api.md §1) and the endpoint they give.
/// </summary>
public static class MgwRegions
{
    /// <summary>The longest region id accepted (real ones have at most 14 characters).</summary>
    public const int MaxIdLength = 32;

    /// <summary>
    /// The twelve regions: the eleven of the official endpoint table in its order, then
    /// <c>us-west-1</c> from the newest SDK's endpoint map.
    /// </summary>
    public static IReadOnlyList<MgwRegion> All { get; } = new[]
    {
        new MgwRegion("cn-hangzhou", "China (Hangzhou)"),
        new MgwRegion("cn-shanghai", "China (Shanghai)"),
        new MgwRegion("cn-beijing", "China (Beijing)"),
        new MgwRegion("cn-wulanchabu", "China (Ulanqab)"),
        new MgwRegion("cn-shenzhen", "China (Shenzhen)"),
        new MgwRegion("cn-hongkong", "China (Hong Kong)"),
        new MgwRegion("ap-northeast-1", "Japan (Tokyo)"),
        new MgwRegion("ap-southeast-1", "Singapore"),
        new MgwRegion("eu-central-1", "Germany (Frankfurt)"),
        new MgwRegion("us-east-1", "US (Virginia)"),
        new MgwRegion("cn-chengdu", "China (Chengdu)"),
        new MgwRegion("us-west-1", "US (Silicon Valley)"),
    };

    /// <summary>
    /// True when <paramref name="id"/> can be a region id, known or not: lower-case letters, digits
    /// and single hyphens between them, at most <see cref="MaxIdLength"/> characters, so that it
    /// always fits in a host name label.
    /// </summary>
    public static bool IsWellFormedId(string? id)
    {
        if (string.IsNullOrEmpty(id) || id!.Length > MaxIdLength || id[0] == '-' || id[id.Length - 1] == '-')
        {
            return false;
        }

        for (int i = 0; i < id.Length; i++)
        {
            char c = id[i];
            bool ok = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') || (c == '-' && id[i - 1] != '-');
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The region with this id (ignoring case), or null when it is not in the table.</summary>
    public static MgwRegion? Find(string id)
    {
        foreach (MgwRegion region in All)
        {
            if (string.Equals(region.Id, id, StringComparison.OrdinalIgnoreCase)) return region;
        }

        return null;
    }

    /// <summary>The public endpoint of an account in a region: <c>https://&lt;AccountId&gt;.&lt;region&gt;.mgw.aliyuncs.com</c>.</summary>
    /// <exception cref="ArgumentException">The region is not <see cref="IsWellFormedId">well formed</see>.</exception>
    public static Uri EndpointFor(string accountId, string region)
    {
        if (!IsWellFormedId(region))
        {
            throw new ArgumentException("Not a well-formed region id (lower-case letters, digits and hyphens, at most 32 characters).", nameof(region));
        }

        return new($"https://{accountId}.{region}.mgw.aliyuncs.com", UriKind.Absolute);
    }
}
