using System;

namespace OrchPatch.Core.Maintenance;

/// <summary>
/// How long to wait before looking again at something that usually happens within one poll of the runbook service
/// (a job starting, a canceled job ending): every second at first, then the configured interval. A drain is not
/// kept waiting up to a whole poll interval for a wait job that ran after one second, and a slow farm is not asked
/// every second for minutes.
/// </summary>
internal static class AdaptivePoll
{
    /// <summary>How long the fast polling lasts: about two polls of an Orchestrator runbook service.</summary>
    public static readonly TimeSpan FastPhase = TimeSpan.FromSeconds(10);

    /// <summary>The shortest poll.</summary>
    public static readonly TimeSpan Fast = TimeSpan.FromSeconds(1);

    /// <summary>The next wait.</summary>
    /// <param name="waitingSince">When the wait began.</param>
    /// <param name="now">Now.</param>
    /// <param name="interval">The configured poll interval.</param>
    /// <returns>The shorter of one second and <paramref name="interval"/> during the first ten seconds; then the interval.</returns>
    public static TimeSpan Next(DateTimeOffset waitingSince, DateTimeOffset now, TimeSpan interval) =>
        now - waitingSince < FastPhase && interval > Fast ? Fast : interval;
}
