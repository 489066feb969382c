using System.Globalization;
using System.Text;

namespace MgwTools.Core.Client;

/// <summary>How the client adds its own words to a message that is not its own (the service's, another step's).</summary>
internal static class MgwMessages
{
    /// <summary>
    /// <paramref name="message"/>, closed with a full stop when it lacks one, then <paramref name="note"/> in
    /// parentheses: "…message. (note)". Never glued on, so the service's text stays readable as it was.
    /// </summary>
    public static string Append(string? message, string note)
    {
        string text = (message ?? "").TrimEnd();
        if (text.Length == 0) return "(" + note + ")";
        char last = text[text.Length - 1];
        return text + (last is '.' or '!' or '?' ? " (" : ". (") + note + ")";
    }

    /// <summary>A value as it may appear in a message: control characters shown as <c>\uXXXX</c>, never written raw to a console.</summary>
    public static string Printable(string? value)
    {
        if (value is null) return "";
        var sb = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            if (char.IsControl(c)) sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            else sb.Append(c);
        }

        return sb.ToString();
    }
}
