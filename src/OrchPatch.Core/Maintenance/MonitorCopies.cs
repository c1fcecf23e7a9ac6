using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OrchPatch.Core.Orchestrator;

namespace OrchPatch.Core.Maintenance;

/// <summary>A second active job of a monitor beside the one that runs: what a move interrupted between starting the
/// copy and stopping the original leaves behind (issue 13).</summary>
/// <param name="RunbookPath">The monitor.</param>
/// <param name="OriginalJobId">The job that runs (or, when none runs, the oldest).</param>
/// <param name="OriginalServer">Where the original runs; null while it is pending.</param>
/// <param name="CopyJobId">The other job, with the same parameters.</param>
/// <param name="CopyStatus">The copy's status (Pending: queued behind the original; Running: the monitor runs twice).</param>
/// <param name="CopyServers">The servers the copy is pinned to (empty for any).</param>
/// <param name="CopyCreated">When the copy was created (service clock).</param>
public sealed record MonitorCopy(string RunbookPath, Guid OriginalJobId, string? OriginalServer, Guid CopyJobId, JobStatus CopyStatus, IReadOnlyList<string> CopyServers, DateTimeOffset CopyCreated)
{
    /// <summary>One line for people.</summary>
    /// <returns>The description.</returns>
    public string Describe() =>
        $"{RunbookPath}: job {CopyJobId} ({CopyStatus}{(CopyServers.Count > 0 ? ", for " + string.Join(",", CopyServers) : string.Empty)}) beside job {OriginalJobId} ({(OriginalServer is null ? "pending" : "running on " + OriginalServer)})";
}

/// <summary>A half-finished move a restore undid.</summary>
/// <param name="RunbookPath">The monitor.</param>
/// <param name="OriginalJobId">The job kept (it runs on the restored server).</param>
/// <param name="CopyJobId">The copy canceled.</param>
/// <param name="Server">The restored server.</param>
/// <param name="CopyEnded">Whether the copy was seen ended (false: asked to stop, still active when the restore ended).</param>
public sealed record UndoneMove(string RunbookPath, Guid OriginalJobId, Guid CopyJobId, string Server, bool CopyEnded)
{
    /// <summary>One line for people.</summary>
    /// <returns>The description.</returns>
    public string Describe() => CopyEnded
        ? $"{RunbookPath}: the copy {CopyJobId} of an interrupted move was canceled; job {OriginalJobId} keeps running on {Server}"
        : $"{RunbookPath}: the copy {CopyJobId} of an interrupted move was asked to stop but is still active: cancel it by hand; job {OriginalJobId} keeps running on {Server}";
}

/// <summary>Finds monitors with more than one active job of the same parameters.</summary>
internal static class MonitorCopies
{
    /// <summary>Every copy among <paramref name="active"/> (the farm's Pending and Running jobs).</summary>
    public static async Task<IReadOnlyList<MonitorCopy>> FindAsync(FarmView farm, IReadOnlyList<Job> active, CancellationToken cancellationToken)
    {
        var servers = await farm.ServersAsync(cancellationToken).ConfigureAwait(false);
        var copies = new List<MonitorCopy>();
        foreach (var group in active.Where(j => j.Status.IsActive()).GroupBy(j => j.RunbookId).Where(g => g.Count() > 1))
        {
            var runbook = await farm.RunbookAsync(group.Key, cancellationToken).ConfigureAwait(false);
            if (!runbook.IsMonitor)
            {
                continue;
            }

            // The running job is the original (a queued one cannot be: a monitor runs one job at a time); of several
            // running, or none, the oldest.
            var jobs = group.OrderBy(j => j.Status == JobStatus.Running ? 0 : 1).ThenBy(j => j.CreationTime).ToList();
            var remaining = new List<(Job Job, IReadOnlyDictionary<string, string> Parameters)>();
            foreach (var job in jobs)
            {
                remaining.Add((job, await farm.ParametersAsync(job, cancellationToken).ConfigureAwait(false)));
            }

            while (remaining.Count > 1)
            {
                var original = remaining[0];
                var same = remaining.Skip(1).Where(r => SameParameters(r.Parameters, original.Parameters)).ToArray();
                var where = servers.FirstOrDefault(s => s.Id == original.Job.RunbookServerId)?.Name;
                foreach (var copy in same)
                {
                    copies.Add(new MonitorCopy(runbook.Path, original.Job.Id, where, copy.Job.Id, copy.Job.Status, copy.Job.RunbookServers, copy.Job.CreationTime));
                }

                remaining = remaining.Skip(1).Except(same).ToList();
            }
        }

        return copies;
    }

    /// <summary>The copies that a move off <paramref name="record"/>'s server could have started during that
    /// maintenance: the original runs there, the copy was created after the wait job (same clock: the service's), and
    /// it is pinned to servers that exclude that server (a move never pins its copy to the server it empties).</summary>
    public static IReadOnlyList<MonitorCopy> OfMoveOff(IEnumerable<MonitorCopy> copies, MaintenanceRecord record) =>
        copies.Where(copy => copy.OriginalServer is not null && record.IsFor(copy.OriginalServer)
            && copy.CopyCreated >= record.WaitJobCreated
            && copy.CopyServers.Count > 0 && !copy.CopyServers.Any(record.IsFor)).ToArray();

    /// <summary>Whether the drain that started the wait job also started the copy, when the service records who created
    /// each (either unknown: assumed so).</summary>
    public static bool SameCreator(string? copyCreatedBy, string? waitJobCreatedBy) =>
        string.IsNullOrEmpty(copyCreatedBy) || string.IsNullOrEmpty(waitJobCreatedBy) || string.Equals(copyCreatedBy, waitJobCreatedBy, StringComparison.OrdinalIgnoreCase);

    private static bool SameParameters(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var value) && value == p.Value);
}
