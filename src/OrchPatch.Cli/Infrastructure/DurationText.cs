using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace OrchPatch.Cli.Infrastructure;

/// <summary>Durations as people type them: "90s", "30m", "2h", "1h30m", "45" (seconds), or "00:30:00".</summary>
internal static class DurationText
{
    private static readonly Regex Units = new(@"^\s*(?:(?<h>\d+(?:\.\d+)?)h)?\s*(?:(?<m>\d+(?:\.\d+)?)m)?\s*(?:(?<s>\d+(?:\.\d+)?)s)?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            value = TimeSpan.FromSeconds(seconds);
            return true;
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
