using System;
using System.Collections.Generic;

namespace MgwTools.Core.Specs;

/// <summary>Turns the text forms of design §2 into a typed <see cref="MgwJobSpec"/>.</summary>
public static partial class SpecBinder
{
    /// <summary>
    /// Splits the wire/CSV tag string <c>k1:v1,k2:v2</c>. Values may contain commas (the API allows
    /// them), so a piece without a colon continues the previous value. Pieces that cannot be read
    /// (text before the first colon-pair, an empty key) go to <paramref name="unreadable"/>.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> SplitTagText(string text, ICollection<string>? unreadable = null)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (string raw in (text ?? "").Split(','))
        {
            string piece = raw.Trim();
            if (piece.Length == 0) continue;
            int colon = piece.IndexOf(':');
            if (colon < 0)
            {
                if (pairs.Count == 0)
                {
                    unreadable?.Add(piece);
                    continue;
                }

                var last = pairs[pairs.Count - 1];
                pairs[pairs.Count - 1] = new KeyValuePair<string, string>(last.Key, last.Value + "," + piece);
                continue;
            }

            string key = piece.Substring(0, colon).Trim();
            string value = piece.Substring(colon + 1).Trim();
            if (key.Length == 0)
            {
                unreadable?.Add(piece);
                continue;
            }

            pairs.Add(new KeyValuePair<string, string>(key, value));
        }

        return pairs;
    }
}
