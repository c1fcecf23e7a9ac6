using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace OrchPatch.Cli.Infrastructure;

/// <summary>Durations as people type them: "90s", "30m", "2h", "1h30m", or "00:30:00". A bare number is refused:
/// the activities read minutes where the CLI read seconds, so "--deadline 20" gave up after 20 s (issue 17).</summary>
internal static class DurationText
{
    private static readonly Regex Units = new(@"^\s*(?:(?<h>\d+(?:\.\d+)?)h)?\s*(?:(?<m>\d+(?:\.\d+)?)m)?\s*(?:(?<s>\d+(?:\.\d+)?)s)?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>The forms accepted, for error messages.</summary>
    public const string Forms = "30s, 45m, 2h or 1h30m (a number needs a unit)";

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (text.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value);
        }

        var match = Units.Match(text);
        if (!match.Success || (!match.Groups["h"].Success && !match.Groups["m"].Success && !match.Groups["s"].Success))
        {
            return false;
        }

        value = TimeSpan.FromHours(Part(match, "h")) + TimeSpan.FromMinutes(Part(match, "m")) + TimeSpan.FromSeconds(Part(match, "s"));
        return true;
    }

    public static string Format(TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            return "-" + Format(-value);
        }

        if (value.TotalSeconds < 60)
        {
            return value.TotalSeconds.ToString(value.TotalSeconds < 10 && value.Milliseconds != 0 ? "0.#" : "0", CultureInfo.InvariantCulture) + "s";
        }

        if (value.TotalMinutes < 60)
        {
            return value.Seconds == 0 ? $"{(int)value.TotalMinutes}m" : $"{(int)value.TotalMinutes}m{value.Seconds:00}s";
        }

        return value.Minutes == 0 ? $"{(int)value.TotalHours}h" : $"{(int)value.TotalHours}h{value.Minutes:00}m";
    }

    private static double Part(Match match, string group) =>
        match.Groups[group].Success ? double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
}
