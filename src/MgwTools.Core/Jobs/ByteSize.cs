using System;
using System.Globalization;

namespace MgwTools.Core.Jobs;

/// <summary>Byte counts for people: 1,536 → "1.5 KiB" (binary units, as storage consoles show them).</summary>
public static class ByteSize
{
    private static readonly string[] s_units = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };

    /// <summary>The size in the largest unit that keeps it at or above 1; "" for null.</summary>
    public static string Format(long? bytes)
    {
        if (bytes is not { } b) return "";
        if (b < 1024) return b.ToString(CultureInfo.InvariantCulture) + " B";
        double value = b;
        int unit = 0;
        // Compare the value as it will be shown: 1,048,575 B is 1023.999 KiB, which rounds to "1 MiB", not "1024 KiB".
        while (Math.Round(value, MidpointRounding.AwayFromZero) >= 1024 && unit < s_units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return value.ToString(value < 10 ? "0.#" : "0", CultureInfo.InvariantCulture) + " " + s_units[unit];
    }
}
