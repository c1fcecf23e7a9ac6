using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace OrchPatch.Pack.Samples;

/// <summary>
/// Fills a sample script's <c>{{Name}}</c> placeholders with subscriptions and gives it CRLF line ends (Windows
/// scripts, as in genuine exports), whatever line ends the checkout has, so generation is byte-for-byte stable.
/// </summary>
internal static class ScriptTemplate
{
    private static readonly Regex Placeholder = new("\\{\\{(?<name>[A-Za-z][A-Za-z0-9]*)\\}\\}", RegexOptions.CultureInvariant);

    public static string Fill(string template, string scriptName, IReadOnlyDictionary<string, string> values)
    {
        var unknown = Placeholder.Matches(template).Select(m => m.Groups["name"].Value).Where(n => !values.ContainsKey(n)).Distinct().ToArray();
        if (unknown.Length > 0)
        {
            throw new InvalidOperationException(
                $"The sample script '{scriptName}' uses {string.Join(", ", unknown.Select(u => "{{" + u + "}}"))}, which it cannot be given; it may use {string.Join(", ", values.Keys.Select(k => "{{" + k + "}}"))}.");
        }

        var filled = Placeholder.Replace(template, m => values[m.Groups["name"].Value]);
        return string.Join("\r\n", filled.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd().Split('\n').Select(line => line.TrimEnd()));
    }
}
