using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OrchPatch.Core.Orchestrator;

namespace OrchPatch.Core.Maintenance;

/// <summary>
/// How long a server's work has left: for each ordinary job running there, its runbook's expected run time (the
/// <see cref="JobHistory.EndPercentile"/> of its recent durations) minus the time it has run, never below zero; the
/// server's estimate is the largest, since a drain ends when its last job does. A job whose runbook has no ended job
/// in the history is expected to run as long again as it has so far (the median guess for a run of unknown length
/// seen at a random moment). Monitors and wait jobs never end by themselves and are moved or kept, not waited for,
/// so they do not count. Times are the service's: a job's creation against the service's clock.
/// </summary>
internal static class RemainingWork
{
    /// <summary>The estimate for one server.</summary>
    public static TimeSpan Of(RunbookServer server, IEnumerable<(Job Job, Runbook Runbook)> active, JobHistory history, DateTimeOffset serviceNow, string waitRunbookPath)
    {
        var longest = TimeSpan.Zero;
        foreach (var (job, runbook) in active)
        {
            if (job.RunbookServerId != server.Id || job.Status != JobStatus.Running || runbook.IsMonitor
                || string.Equals(runbook.Path, waitRunbookPath, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var elapsed = serviceNow > job.CreationTime ? serviceNow - job.CreationTime : TimeSpan.Zero;
            var left = history.ExpectedRunTime(job.RunbookId) is { } expected
                ? (expected > elapsed ? expected - elapsed : TimeSpan.Zero)
                : elapsed;
            longest = left > longest ? left : longest;
        }

        return longest;
    }

    /// <summary>Of <paramref name="candidates"/>, the server whose work ends first (ties by name), from one listing
    /// of the farm's active jobs, which it returns for the capacity check of the same decision.</summary>
    public static async Task<(string Server, TimeSpan Remaining, IReadOnlyList<Job> Active)> FirstToEndAsync(FarmView farm, IReadOnlyList<string> candidates, JobHistory history, CancellationToken cancellationToken)
    {
        var context = farm.Context;
        var servers = await farm.ServersAsync(cancellationToken).ConfigureAwait(false);
        var jobs = await context.Service.GetJobsAsync(JobQuery.Active, cancellationToken).ConfigureAwait(false);
        var active = new List<(Job, Runbook)>();
        foreach (var job in jobs.Where(j => j.Status == JobStatus.Running))
        {
            active.Add((job, await farm.RunbookAsync(job.RunbookId, cancellationToken).ConfigureAwait(false)));
        }

        var now = context.ServiceNow;
        var first = candidates
            .Select(name => (Server: name, Remaining: servers.FirstOrDefault(s => ServerNames.Same(s.Name, name)) is { } server
                ? Of(server, active, history, now, context.Settings.WaitRunbookPath)
                : TimeSpan.Zero))
            .OrderBy(c => c.Remaining)
            .ThenBy(c => c.Server, StringComparer.OrdinalIgnoreCase)
            .First();
        return (first.Server, first.Remaining, jobs);
    }
}
