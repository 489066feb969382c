using System.Collections.Generic;
using System.Globalization;

namespace MgwTools;

public sealed partial class MgwJobSpec
{
    /// <summary>
    /// One line that says what the job will do, for <c>-WhatIf</c> and verbose output, e.g.
    /// <c>examplesrc -> exampledest, overwrite always, transfer all, max 200 Mbit/s, start '0 0 2 * * *'</c>.
    /// Only what is set is mentioned.
    /// </summary>
    public string Summary()
    {
        var parts = new List<string>
        {
            $"{SourceAddress ?? "?"} -> {DestinationAddress ?? "?"}",
            "overwrite " + (OverwriteMode?.ToString().ToLowerInvariant() ?? "?"),
        };
        if (EffectiveTransferMode is { } transfer) parts.Add("transfer " + transfer.ToString().ToLowerInvariant());
        if (MaxBandwidth is { } bandwidth) parts.Add("max " + Bandwidth(bandwidth));
        if (MaxQps is { } qps) parts.Add(string.Format(CultureInfo.InvariantCulture, "max {0:N0} files/s", qps));
        if (IncludeKey.Count + ExcludeKey.Count + IncludeLastModified.Count + ExcludeLastModified.Count > 0) parts.Add("filtered");
        if (TargetStorageClass is { } storageClass) parts.Add("to " + storageClass);
        if (StartCron is { } start) parts.Add($"start '{start}'");
        if (SuspendCron is { } suspend) parts.Add($"suspend '{suspend}'");
        if (MaxScheduleCount is { } count) parts.Add(string.Format(CultureInfo.InvariantCulture, "{0} run(s) at most", count));
        if (ParentVersion is { } parent) parts.Add("child of " + parent);
        if (CreateReport == true) parts.Add("report");
        return string.Join(", ", parts);
    }

    /// <summary>The name and what the job will do, e.g. <c>nightly-a: examplesrc -> exampledest, overwrite always, transfer all</c>.</summary>
    public override string ToString() => $"{Name ?? "(no name)"}: {Summary()}";

    // Decimal units, as people say "200 Mbps"; exact values stay exact (1073741824 → 1 Gibit/s).
    private static string Bandwidth(long bitsPerSecond)
    {
        (long Factor, string Unit)[] units =
        {
            (1L << 30, "Gibit/s"), (1_000_000_000L, "Gbit/s"), (1L << 20, "Mibit/s"), (1_000_000L, "Mbit/s"), (1L << 10, "Kibit/s"), (1_000L, "kbit/s"),
        };
        foreach (var (factor, unit) in units)
        {
            if (bitsPerSecond >= factor && bitsPerSecond % factor == 0)
            {
                return (bitsPerSecond / factor).ToString(CultureInfo.InvariantCulture) + " " + unit;
            }
        }

        return bitsPerSecond.ToString("N0", CultureInfo.InvariantCulture) + " bit/s";
    }
}
