using System.Globalization;

namespace MgwTools.Commands;

/// <summary>How the tunnel cmdlets describe throttling in -WhatIf and verbose lines.</summary>
internal static class TunnelText
{
    /// <summary>"MaxBandwidth 104,857,600 bytes/s, MaxQps 500", with "not limited" for 0 and nothing for a value not given.</summary>
    public static string Describe(long? maxBandwidth, long? maxQps, string? tags = null)
    {
        var parts = new System.Collections.Generic.List<string>();
        if (maxBandwidth is { } bw) parts.Add(bw == 0 ? "MaxBandwidth not limited" : string.Format(CultureInfo.InvariantCulture, "MaxBandwidth {0:N0} bytes/s", bw));
        if (maxQps is { } q) parts.Add(q == 0 ? "MaxQps not limited" : string.Format(CultureInfo.InvariantCulture, "MaxQps {0:N0}", q));
        if (tags is { Length: > 0 }) parts.Add("Tags " + tags);
        return parts.Count == 0 ? "not limited" : string.Join(", ", parts);
    }
}
