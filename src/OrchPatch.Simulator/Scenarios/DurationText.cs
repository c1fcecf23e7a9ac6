using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace OrchPatch.Simulator.Scenarios;

/// <summary>Durations in scenario files and control requests: "250ms", "90s", "10m", "2h", "1h30m", a number of
/// seconds, or "hh:mm:ss".</summary>
internal static class DurationText
{
    private static readonly Regex Parts = new(
        @"^(?:(?<h>\d+(?:\.\d+)?)h)?(?:(?<m>\d+(?:\.\d+)?)m(?!s))?(?:(?<s>\d+(?:\.\d+)?)s)?(?:(?<ms>\d+)ms)?$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    public const string Expected = "a duration such as 250ms, 90s, 10m, 2h, 1h30m, 45 (seconds) or 00:05:00";

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            return false;
        }

        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return TryFromSeconds(seconds, out value);
        }

        if (trimmed.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out value);
        }

        var match = Parts.Match(trimmed.Replace(" ", string.Empty, StringComparison.Ordinal));
        if (!match.Success || match.Length == 0)
        {
            return false;
        }

        var total = (Number(match, "h") * 3600) + (Number(match, "m") * 60) + Number(match, "s") + (Number(match, "ms") / 1000);
        return TryFromSeconds(total, out value);
    }

    private static bool TryFromSeconds(double seconds, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (double.IsNaN(seconds) || seconds < 0 || seconds > TimeSpan.FromDays(3650).TotalSeconds)
        {
            return false;
        }

        value = TimeSpan.FromMilliseconds(Math.Round(seconds * 1000));
        return true;
    }

    private static double Number(Match match, string group) =>
        match.Groups[group].Success ? double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
}
