using System;
using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace OrchPatch.Pack.Ids;

/// <summary>GUIDs as Orchestrator writes them: upper case, with braces ({XXXXXXXX-XXXX-...}).</summary>
public static class GuidText
{
    private static readonly Regex Braced = new("^\\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\\}$", RegexOptions.CultureInvariant);

    /// <summary>Formats a GUID the Orchestrator way.</summary>
    /// <param name="value">The GUID.</param>
    /// <returns>For example "{6C576F3D-E927-417A-B145-5D3EFF9C995F}".</returns>
    public static string Format(Guid value) => value.ToString("B").ToUpperInvariant();

    /// <summary>Parses a GUID only in the Orchestrator form (upper case, braces), so a file keeps one convention.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The GUID, when the text is one.</param>
    /// <returns>Whether the text is a braced upper-case GUID.</returns>
    public static bool TryParseBraced(string? text, [NotNullWhen(true)] out Guid? value)
    {
        value = null;
        if (text is null || !Braced.IsMatch(text))
        {
            return false;
        }

        value = Guid.Parse(text);
        return true;
    }
}
