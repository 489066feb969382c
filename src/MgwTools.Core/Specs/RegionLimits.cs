using System;
using System.Collections.Generic;
using System.Linq;

namespace MgwTools.Core.Specs;

/// <summary>
/// Per-task throttling ceilings of mgw-api.md §7: China regions 2 Gbps / 2,000 files/s; Tokyo,
/// Singapore, Frankfurt, Virginia 1 Gbps / 2,000. The Limits page predates us-west-1 (Silicon
/// Valley); like every region outside China it is given 1 Gbps / 2,000. The page does not say which base "Gbps" has; the SDK
/// labels 1073741824 (2^30) as "1 Gbps", so the ceilings are taken as binary — the larger reading, so
/// nothing the service might accept is refused locally. Unknown or no region → the highest ceiling.
/// </summary>
public static class RegionLimits
{
    /// <summary>2^30 bit/s: the service's "1 Gbps".</summary>
    public const long OneGbps = 1L << 30;

    // The region list and names live in MgwRegions; only the ceilings are added here. Every China
    // region has the higher bandwidth ceiling; QPS is the same everywhere.
    private static readonly Dictionary<string, RegionLimit> s_regions = MgwRegions.All.ToDictionary(
        r => r.Id,
        r => new RegionLimit(r.Id, r.Name, r.Id.StartsWith("cn-", StringComparison.Ordinal) ? 2 * OneGbps : OneGbps, 2000),
        StringComparer.OrdinalIgnoreCase);

    // No region, the common case, asked for with every row: one object with the highest ceilings.
    private static readonly RegionLimit s_anyRegion = Highest("");

    /// <summary>The 12 region IDs with an hcs-mgw endpoint, in <see cref="MgwRegions.All"/>'s order.</summary>
    public static IReadOnlyList<string> Regions { get; } = MgwRegions.All.Select(r => r.Id).ToArray();

    /// <summary>True when <paramref name="region"/> is one of <see cref="Regions"/>.</summary>
    public static bool IsKnown(string? region) => region is not null && s_regions.ContainsKey(region.Trim());

    /// <summary>The limits of <paramref name="region"/>; unknown or null → the highest (2 Gbps / 2,000), marked not known.</summary>
    public static RegionLimit For(string? region)
    {
        string id = region?.Trim() ?? "";
        if (id.Length == 0) return s_anyRegion;
        return s_regions.TryGetValue(id, out RegionLimit? limit) ? limit : Highest(id);
    }

    private static RegionLimit Highest(string id) =>
        new(id, "any region", s_regions.Values.Max(r => r.MaxBandwidth), s_regions.Values.Max(r => r.MaxQps), isKnown: false);
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
