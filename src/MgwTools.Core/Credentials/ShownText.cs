using System.Globalization;
using System.Text;

namespace MgwTools.Core;

/// <summary>
/// Makes untrusted text (a parameter, a CSV cell, an environment variable, a profile name) safe to
/// quote in a message: control and invisible formatting characters are escaped (<c>\n</c>,
/// <c>\u202E</c>), so they can neither break the line nor hide part of it, and long text is cut
/// with its length noted. Never use it on a secret: secrets are not shown at all.
/// </summary>
internal static class ShownText
{
    /// <summary>How many characters of a value a message shows by default.</summary>
    public const int DefaultMaxLength = 64;

    /// <summary>
    /// The value as a message may show it: escaped, and cut to <paramref name="maxLength"/>
    /// characters followed by <c>… (N characters)</c> when longer.
    /// </summary>
    public static string Of(string? value, int maxLength = DefaultMaxLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        string text = value!;
        bool cut = text.Length > maxLength;
        int shown = cut ? maxLength : text.Length;
        if (cut && shown > 0 && char.IsHighSurrogate(text[shown - 1]))
        {
            shown--; // never split a surrogate pair
        }

        StringBuilder? builder = null;
        for (int i = 0; i < shown; i++)
        {
            char c = text[i];
            string? escape = Escape(c);
            if (escape is null)
            {
                builder?.Append(c);
                continue;
            }

            builder ??= new StringBuilder(text, 0, i, shown + 16);
            builder.Append(escape);
        }

        string result = builder?.ToString() ?? (cut ? text.Substring(0, shown) : text);
        return cut
            ? string.Format(CultureInfo.InvariantCulture, "{0}… ({1:N0} characters)", result, text.Length)
            : result;
    }

    /// <summary>True when <paramref name="c"/> is a control or invisible formatting character.</summary>
    public static bool IsHidden(char c) =>
        char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    private static string? Escape(char c) => c switch
    {
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        '\0' => "\\0",
        _ when IsHidden(c) => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
        _ => null,
    };
}
