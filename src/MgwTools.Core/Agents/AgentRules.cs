using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MgwTools.Core.Specs;

namespace MgwTools.Core.Agents;

/// <summary>
/// The offline rules for agents and tunnels (mgw-api.md §2.8, §7), checked before any request so a typo costs no round
/// trip: agent names, tunnel throttling (bytes/s, 0 or at least 10 MiB/s; files/s, 0 or more), tags. Each problem is
/// an <see cref="MgwError"/> with the parameter as <see cref="MgwError.Field"/> and the value as given.
/// </summary>
public static class AgentRules
{
    // mgw-api.md §7: "lowercase letters, digits, hyphens (-), and underscores (_) … 3 to 63 characters … cannot start with a
    // hyphen (-) or an underscore (_)", the rule the API states for jobs, addresses and agents alike.

    /// <summary>The longest tag string the API accepts (<c>k1:v1,k2:v2</c> as a whole).</summary>
    public const int MaxTagLength = JobFields.MaxTagLength;

    /// <summary>The deployment method the API takes ("Set the value to default").</summary>
    public const string DefaultDeployMethod = "default";

    /// <summary>The wire value of <paramref name="endpoint"/>: <c>public</c> or <c>vpc</c>.</summary>
    public static string WireValue(MgwAgentEndpoint endpoint) => endpoint == MgwAgentEndpoint.Vpc ? "vpc" : "public";

    /// <summary><c>InvalidAgentName</c> when <paramref name="name"/> breaks the API's rule; null when it is fine.</summary>
    public static MgwError? CheckAgentName(string? name)
    {
        string text = name ?? "";
        if (SpecValidator.IsApiName(text)) return null;
        string problem = text.Length is < 3 or > 63
            ? $"it has {text.Length} characters"
            : text[0] is '-' or '_'
                ? "it starts with '-' or '_'"
                : "it has characters other than lowercase letters, digits, '-' and '_'";
        return new MgwError
        {
            Code = MgwErrorCodes.InvalidAgentName,
            Field = "Name",
            Value = name,
            Message = $"'{SpecBinder.Show(text)}' cannot be the name of an agent ({problem}): agent names are 3-63 lowercase letters, digits, " +
                      "'-' and '_', not starting with '-' or '_'.",
        };
    }

    /// <summary>
    /// A tunnel bandwidth in <b>bytes</b>/s: a plain number is bytes/s; a number with a unit is converted — bytes
    /// (<c>100MB/s</c>, <c>10MiB/s</c>, <c>25MBps</c>) or bits (<c>800Mbps</c>, divided by 8 and rounded). SI prefixes are
    /// decimal and IEC prefixes binary, as for job bandwidths (so <c>10MiB/s</c> is the lower bound 10,485,760 and
    /// <c>10MB/s</c>, 10,000,000, is below it). False for text that does not parse, overflows, or is over 64 characters.
    /// </summary>
    public static bool TryParseBandwidth(string? text, out long bytesPerSecond)
    {
        bytesPerSecond = 0;
        string trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0 || trimmed.Length > 64) return false;
        if (long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long plain))
        {
            bytesPerSecond = plain;
            return true;
        }

        // A unit is required past this point: "100M" could be bits or bytes (SpecBinder refuses a prefix without a unit),
        // and a bare decimal number such as "1.5" is not a whole number of bytes.
        if (trimmed.All(c => char.IsDigit(c) || c is '.' or '+' or '-')) return false;
        if (!SpecBinder.TryParseBandwidth(trimmed, out long bits)) return false;
        bytesPerSecond = (long)Math.Round(bits / 8m, MidpointRounding.AwayFromZero);
        return true;
    }

    /// <summary>
    /// The throttling rules of a tunnel: bandwidth 0 (not limited) or at least <see cref="MgwTunnelQos.MinBandwidth"/>
    /// bytes/s (<c>BandwidthOutOfRange</c>), QPS 0 (not limited) or more (<c>QpsOutOfRange</c>). Null values are not given
    /// and not checked.
    /// </summary>
    public static IReadOnlyList<MgwError> CheckQos(long? maxBandwidth, long? maxQps)
    {
        var errors = new List<MgwError>();
        if (maxBandwidth is { } bw && bw != 0 && bw < MgwTunnelQos.MinBandwidth)
        {
            errors.Add(new MgwError
            {
                Code = MgwErrorCodes.BandwidthOutOfRange,
                Field = "MaxBandwidth",
                Value = bw,
                Message = string.Format(CultureInfo.InvariantCulture,
                    "MaxBandwidth {0:N0} bytes/s is out of range for a tunnel: give 0 (not limited) or at least {1:N0} bytes/s (10MiB/s; note that " +
                    "10MB/s is 10,000,000, below it).", bw, MgwTunnelQos.MinBandwidth),
            });
        }

        if (maxQps is < 0)
        {
            errors.Add(new MgwError
            {
                Code = MgwErrorCodes.QpsOutOfRange,
                Field = "MaxQps",
                Value = maxQps,
                Message = string.Format(CultureInfo.InvariantCulture,
                    "MaxQps {0:N0} is out of range for a tunnel: give 0 (not limited) or a number of files per second above 0.", maxQps),
            });
        }

        return errors;
    }

    /// <summary>
    /// Tags from a cmdlet: a hashtable, the text <c>k1:v1,k2:v2</c>, or several of either; returns the wire text
    /// (null when none) and <c>InvalidTag</c> findings for pieces that are not key:value, characters the service
    /// refuses (ASCII letters, digits, '-' and '_'; values also ','), or a whole over 1,024 characters.
    /// </summary>
    public static string? Tags(object? raw, ICollection<MgwError> errors)
    {
        if (errors is null) throw new ArgumentNullException(nameof(errors));
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        var unreadable = new List<string>();
        foreach (object? item in Items(raw))
        {
            if (item is IDictionary d)
            {
                foreach (DictionaryEntry entry in d)
                {
                    tags[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? ""] = Convert.ToString(entry.Value, CultureInfo.InvariantCulture) ?? "";
                }
            }
            else if (item is not null && Convert.ToString(item, CultureInfo.InvariantCulture) is { } text && text.Trim().Length > 0)
            {
                foreach (var pair in SpecBinder.SplitTagText(text, unreadable))
                {
                    tags[pair.Key] = pair.Value;
                }
            }
        }

        if (unreadable.Count > 0)
        {
            errors.Add(TagError(raw, $"Tag: '{string.Join("', '", unreadable.Take(5).Select(SpecBinder.Show))}' is not key:value. " +
                                     "Write tags as k1:v1,k2:v2 or as a hashtable @{ k1 = 'v1' }."));
            return null;
        }

        if (tags.Count == 0) return null;
        string wire = SpecBinder.JoinTagText(tags);
        if (wire.Length > MaxTagLength)
        {
            errors.Add(TagError(wire, string.Format(CultureInfo.InvariantCulture,
                "The tags are {0:N0} characters as k1:v1,k2:v2; the service takes at most {1:N0}. Drop or shorten some.", wire.Length, MaxTagLength)));
            return null;
        }

        bool bad = false;
        foreach (var pair in tags)
        {
            if (SpecValidator.IsTagKey(pair.Key) && SpecValidator.IsTagValue(pair.Value)) continue;
            bad = true;
            errors.Add(TagError(pair.Key + ":" + pair.Value,
                $"Tag '{SpecBinder.Show(pair.Key + ":" + pair.Value)}' is not key:value of ASCII letters, digits, '-' and '_' (values may also hold ','); " +
                "remove other characters and give both a key and a value."));
        }

        return bad ? null : wire;
    }

    private static MgwError TagError(object? value, string message) =>
        new() { Code = MgwErrorCodes.InvalidTag, Field = "Tag", Value = value, Message = message };

    private static IEnumerable<object?> Items(object? raw) => raw switch
    {
        null => Array.Empty<object?>(),
        string s => new object?[] { s },
        IDictionary d => new object?[] { d },
        IEnumerable e => e.Cast<object?>(),
        _ => new[] { raw },
    };
}
