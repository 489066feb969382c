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

/// <summary>The regions of the service's endpoint table (mgw-api.md §3.2) and the endpoint they give.</summary>
public static class MgwRegions
{
    /// <summary>The eleven regions, in the order of the official endpoint table.</summary>
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
    };

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
    public static Uri EndpointFor(string accountId, string region) =>
        new($"https://{accountId}.{region}.mgw.aliyuncs.com", UriKind.Absolute);
}
