using System;
using System.Collections.Generic;
using System.Linq;

namespace MgwTools.Core.Specs;

/// <summary>
/// Per-task throttling ceilings of mgw-api.md §7: China regions 2 Gbps / 2,000 files/s; Tokyo,
/// Singapore, Frankfurt, Virginia 1 Gbps / 2,000. The page does not say which base "Gbps" has; the SDK
/// labels 1073741824 (2^30) as "1 Gbps", so the ceilings are taken as binary — the larger reading, so
/// nothing the service might accept is refused locally. Unknown or no region → the highest ceiling.
/// </summary>
public static class RegionLimits
{
    /// <summary>2^30 bit/s: the service's "1 Gbps".</summary>
    public const long OneGbps = 1L << 30;

    private static readonly Dictionary<string, RegionLimit> s_regions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["cn-hangzhou"] = new("cn-hangzhou", "China (Hangzhou)", 2 * OneGbps, 2000),
        ["cn-shanghai"] = new("cn-shanghai", "China (Shanghai)", 2 * OneGbps, 2000),
        ["cn-beijing"] = new("cn-beijing", "China (Beijing)", 2 * OneGbps, 2000),
        ["cn-wulanchabu"] = new("cn-wulanchabu", "China (Ulanqab)", 2 * OneGbps, 2000),
        ["cn-shenzhen"] = new("cn-shenzhen", "China (Shenzhen)", 2 * OneGbps, 2000),
        ["cn-chengdu"] = new("cn-chengdu", "China (Chengdu)", 2 * OneGbps, 2000),
        ["cn-hongkong"] = new("cn-hongkong", "China (Hong Kong)", 2 * OneGbps, 2000),
        ["ap-northeast-1"] = new("ap-northeast-1", "Japan (Tokyo)", OneGbps, 2000),
        ["ap-southeast-1"] = new("ap-southeast-1", "Singapore", OneGbps, 2000),
        ["eu-central-1"] = new("eu-central-1", "Germany (Frankfurt)", OneGbps, 2000),
        ["us-east-1"] = new("us-east-1", "US (Virginia)", OneGbps, 2000),
    };

    /// <summary>The 11 region IDs with an hcs-mgw endpoint, in the endpoint table's order.</summary>
    public static IReadOnlyList<string> Regions { get; } = s_regions.Keys.ToArray();

    /// <summary>True when <paramref name="region"/> is one of <see cref="Regions"/>.</summary>
    public static bool IsKnown(string? region) => region is not null && s_regions.ContainsKey(region.Trim());

    /// <summary>The limits of <paramref name="region"/>; unknown or null → the highest (2 Gbps / 2,000), marked not known.</summary>
    public static RegionLimit For(string? region) =>
        region is not null && s_regions.TryGetValue(region.Trim(), out RegionLimit? limit)
            ? limit
            : new RegionLimit(region?.Trim() ?? "", "any region", s_regions.Values.Max(r => r.MaxBandwidth), s_regions.Values.Max(r => r.MaxQps), isKnown: false);
}

/// <summary>A region's per-task ceilings.</summary>
public sealed class RegionLimit
{
    internal RegionLimit(string id, string displayName, long maxBandwidth, long maxQps, bool isKnown = true)
    {
        Id = id;
        DisplayName = displayName;
        MaxBandwidth = maxBandwidth;
        MaxQps = maxQps;
        IsKnown = isKnown;
    }

    /// <summary>Region ID, e.g. <c>cn-hangzhou</c> (empty when none was given).</summary>
    public string Id { get; }

    /// <summary>Human name, e.g. <c>China (Hangzhou)</c>.</summary>
    public string DisplayName { get; }

    /// <summary>Bandwidth ceiling, bit/s.</summary>
    public long MaxBandwidth { get; }

    /// <summary>Files-per-second ceiling.</summary>
    public long MaxQps { get; }

    /// <summary>False when the region was unknown and the highest limits apply.</summary>
    public bool IsKnown { get; }
}
