using System.Globalization;

namespace MgwTools.Core.Specs;

/// <summary>Which characters a value can carry to the service: the request body is XML 1.0, encoded as UTF-8.</summary>
internal static class TextRules
{
    /// <summary>
    /// The index of the first character of <paramref name="text"/> that the request cannot carry, or -1: a C0 control
    /// other than tab, line feed and carriage return, the noncharacters U+FFFE and U+FFFF (none of which XML 1.0 allows),
    /// or a surrogate that is not half of a pair (UTF-8 cannot encode it; the encoder would silently write U+FFFD).
    /// <paramref name="what"/> says which, for a message. Linear in the text.
    /// </summary>
    public static int FirstUnsendable(string text, out string what)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c < '\u0020' && c is not '\t' and not '\n' and not '\r')
            {
                what = $"{Code(c)}, a control character";
                return i;
            }

            if (c is '\uFFFE' or '\uFFFF')
            {
                what = $"{Code(c)}, which is not a character";
                return i;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                what = $"{Code(c)}, half of a character (a lone surrogate: the text was cut inside a character such as an emoji, or read in the wrong encoding)";
                return i;
            }
        }

        what = "";
        return -1;
    }

    /// <summary>True when the character at <paramref name="index"/> can be shown as it is (not a control, not a lone surrogate, not U+FFFE/U+FFFF).</summary>
    public static bool IsPrintable(string text, int index)
    {
        char c = text[index];
        if (char.IsControl(c) || c is '\uFFFE' or '\uFFFF') return false;
        if (char.IsHighSurrogate(c)) return index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]);
        if (char.IsLowSurrogate(c)) return index > 0 && char.IsHighSurrogate(text[index - 1]);
        return true;
    }

    /// <summary>U+XXXX.</summary>
    public static string Code(char c) => "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
}
