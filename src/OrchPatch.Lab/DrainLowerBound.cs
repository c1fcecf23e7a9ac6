using System;
using System.Collections.Generic;
using System.Linq;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Simulator;
using OrchPatch.Simulator.Scenarios;

namespace OrchPatch.Lab;

/// <summary>The physical limit of a drain: no procedure that loses no work can finish before the longest ordinary job
/// running on the server when the drain began has finished by itself.</summary>
public static class DrainLowerBound
{
    /// <summary>The longest remaining run time of the ordinary jobs (not monitors, not the Wait Runbook, not the
    /// Canary) running on <paramref name="server"/> at <paramref name="now"/>; zero when none runs.</summary>
    /// <param name="jobs">The farm's jobs (the simulator knows when each run will end).</param>
    /// <param name="server">The server being drained.</param>
    /// <param name="now">When the drain began.</param>
    /// <returns>The bound.</returns>
    public static TimeSpan Of(IEnumerable<JobState> jobs, string server, DateTimeOffset now)
    {
        if (jobs is null)
        {
            throw new ArgumentNullException(nameof(jobs));
        }

        var remaining = jobs
            .Where(j => j.Status == SimulatedJobStatus.Running && j.Kind == RunbookKind.Ordinary && j.PlannedEndTime is not null)
            .Where(j => string.Equals(j.Server, server, StringComparison.OrdinalIgnoreCase))
            .Select(j => j.PlannedEndTime!.Value - now)
            .DefaultIfEmpty(TimeSpan.Zero)
            .Max();
        return remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining;
    }
}
