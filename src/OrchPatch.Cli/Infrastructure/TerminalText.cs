using System.Globalization;
using System.Linq;
using System.Text;

namespace OrchPatch.Cli.Infrastructure;

/// <summary>Text read from a farm (runbook paths, server names, job parameters) made safe for a terminal: control
/// characters are shown as escapes (<c>\e</c>, <c>\n</c>, <c>\r</c>, <c>\t</c>, <c>\x07</c>, <c>\u009b</c>), so a
/// name can neither move the cursor, clear the screen, retitle the window nor start a line that looks like ours.
/// JSON output is not passed through here: it stays exact (its encoder escapes control characters itself).</summary>
internal static class TerminalText
{
    /// <summary>One value or one line: every control character escaped, line breaks too (text of several lines is
    /// written a line at a time through <see cref="EscapingLineWriter"/>, so a line break inside a name is never
    /// mistaken for one of ours).</summary>
    public static string Escape(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '\u001b' => "\\e",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c < ' ' || c == '\u007f' => "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
                _ when char.IsControl(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }
}
