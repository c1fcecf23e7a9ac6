using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using OrchPatch.Core.Utils;

namespace OrchPatch.Core.Maintenance;

/// <summary>
/// Durations as people type and read them: "45s", "14m05s", "2h05m". The one format of the engine, its reports and the
/// command line, and the one parser of what users type (a number alone is refused: the activities read minutes where
/// the command line once read seconds, so "--deadline 20" gave up after 20 s). Public so that the command line and the
/// lab use it rather than a copy.
/// </summary>
public static class Durations
{
    private static readonly Regex Units = new(@"^\s*(?:(?<h>\d+(?:\.\d+)?)h)?\s*(?:(?<m>\d+(?:\.\d+)?)m)?\s*(?:(?<s>\d+(?:\.\d+)?)s)?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>The forms <see cref="TryParse"/> accepts, for error messages.</summary>
    public const string Forms = "30s, 45m, 2h or 1h30m (a number needs a unit)";

    /// <summary>Formats a duration: seconds below a minute (tenths below ten seconds), then minutes and seconds, then
    /// hours and minutes. A negative duration keeps its sign.</summary>
    /// <param name="value">The duration.</param>
    /// <returns>"0.5s", "45s", "1m30s", "14m", "2h05m".</returns>
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
            var minutes = ((int)value.TotalMinutes).ToString(CultureInfo.InvariantCulture);
            return value.Seconds == 0 ? minutes + "m" : minutes + "m" + value.Seconds.ToString("00", CultureInfo.InvariantCulture) + "s";
        }

        var hours = ((int)value.TotalHours).ToString(CultureInfo.InvariantCulture);
        return value.Minutes == 0 ? hours + "h" : hours + "h" + value.Minutes.ToString("00", CultureInfo.InvariantCulture) + "m";
    }

    /// <summary>Reads "90s", "30m", "2h", "1h30m" or "00:30:00".</summary>
    /// <param name="text">What the user typed.</param>
    /// <param name="value">The duration.</param>
    /// <returns>False for anything else, a bare number included.</returns>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (text is null || text.Trim().Length == 0)
        {
            return false;
        }

        if (text.IndexOf(':') >= 0)
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

    /// <summary>"2 jobs left: \Ops\Backup (running 14m), \Ops\Sync (running 3m)".</summary>
    /// <param name="jobs">The jobs.</param>
    /// <param name="most">How many to name.</param>
    /// <returns>The sentence.</returns>
    public static string JobsLeft(IReadOnlyCollection<JobSummary> jobs, int most = 5)
    {
        var named = string.Join(", ", jobs.OrderByDescending(j => j.Running).Take(most));
        var more = jobs.Count > most ? $", and {jobs.Count - most} more" : string.Empty;
        return $"{Plural.Of(jobs.Count, "job")} left: {named}{more}";
    }

    private static double Part(Match match, string group) =>
        match.Groups[group].Success ? double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
}
