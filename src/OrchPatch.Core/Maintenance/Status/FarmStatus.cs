using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Core.Throttle;
using OrchPatch.Core.Utils;

namespace OrchPatch.Core.Maintenance;

/// <summary>One runbook server at a glance.</summary>
/// <param name="Server">Its name.</param>
/// <param name="Id">Its id.</param>
/// <param name="MaxJobs">Max jobs, or null when the throttle cannot read it.</param>
/// <param name="RunningJobs">Jobs running there (monitors and the wait job included).</param>
/// <param name="PendingJobs">Pending jobs that may run only there.</param>
/// <param name="RunningMonitors">Monitors running there.</param>
/// <param name="Maintenance">Its maintenance record, when it is in maintenance.</param>
public sealed record RunbookServerStatus(string Server, Guid Id, int? MaxJobs, int RunningJobs, int PendingJobs, int RunningMonitors, MaintenanceRecord? Maintenance)
{
    /// <summary>Whether it is in maintenance.</summary>
    public bool InMaintenance => Maintenance is not null;

    /// <summary>Pending jobs that may run there or on other servers (counted under each of them, and once in
    /// <see cref="FarmStatus.PendingOnSeveral"/>).</summary>
    public int PendingShared { get; init; }
}

/// <summary>The whole farm at a glance. Immutable.</summary>
/// <param name="Servers">Each server.</param>
/// <param name="PendingAnywhere">Pending jobs that any server may take.</param>
/// <param name="Warnings">What could not be read.</param>
/// <param name="At">When it was read.</param>
/// <param name="AllServers">Every runbook server's name (also when <paramref name="Servers"/> holds one).</param>
public sealed record FarmStatus(IReadOnlyList<RunbookServerStatus> Servers, int PendingAnywhere, IReadOnlyList<string> Warnings, DateTimeOffset At, IReadOnlyList<string> AllServers)
{
    /// <summary>Pending jobs that may run on several servers (their Runbook Servers list more than one).</summary>
    public int PendingOnSeveral { get; init; }

    /// <summary>Monitors with a second active job of the same parameters beside the one that runs (a move interrupted
    /// between starting the copy and stopping the original; a restore of the original's server undoes it).</summary>
    public IReadOnlyList<MonitorCopy> MonitorCopies { get; init; } = Array.Empty<MonitorCopy>();
}

/// <summary>Reads servers, max jobs, running and pending jobs, monitors and maintenance in a few requests.</summary>
public sealed class ReadFarmStatus
{
    private readonly MaintenanceContext _context;

    /// <summary>Creates the operation.</summary>
    /// <param name="context">The web service, throttle, clock and settings.</param>
    public ReadFarmStatus(MaintenanceContext context) => _context = Guard.NotNull(context);

    /// <summary>Reads the status.</summary>
    /// <param name="serverName">One server, or null for all.</param>
    /// <param name="cancellationToken">Stops the reads.</param>
    /// <returns>The status.</returns>
    /// <exception cref="UnknownRunbookServerException">The named server does not exist.</exception>
    public async Task<FarmStatus> RunAsync(string? serverName = null, CancellationToken cancellationToken = default)
    {
        var farm = new FarmView(_context);
        var warnings = new List<string>();
        var all = await farm.ServersAsync(cancellationToken).ConfigureAwait(false);
        var servers = all;
        if (!string.IsNullOrWhiteSpace(serverName))
        {
            servers = new[] { await farm.FindServerAsync(serverName!, "show", cancellationToken).ConfigureAwait(false) };
        }

        IReadOnlyList<MaintenanceRecord> records;
        try
        {
            records = await farm.ActiveRecordsAsync(serverName ?? string.Empty, "show", cancellationToken).ConfigureAwait(false);
        }
        catch (MaintenanceRefusedException ex)
        {
            records = Array.Empty<MaintenanceRecord>();
            warnings.Add($"maintenance cannot be shown: {ex.Reasons[0]}");
        }

        var active = await _context.Service.GetJobsAsync(JobQuery.Active, cancellationToken).ConfigureAwait(false);
        var result = new List<RunbookServerStatus>();
        // By name, so a person (or a runbook looping over the rows) finds a server where expected.
        foreach (var server in servers.OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase))
        {
            var running = active.Where(j => j.RunbookServerId == server.Id && j.Status == JobStatus.Running).ToArray();
            var monitors = 0;
            foreach (var job in running)
            {
                monitors += (await farm.RunbookAsync(job.RunbookId, cancellationToken).ConfigureAwait(false)).IsMonitor ? 1 : 0;
            }

            var pending = active.Count(j => j.Status == JobStatus.Pending && j.RunbookServers.Count > 0 && j.RunbookServers.All(s => ServerNames.Same(s, server.Name)));
            // A job listing several servers was counted under none of them (issue 13): count it under each as shared.
            var shared = active.Count(j => j.Status == JobStatus.Pending && j.RunbookServers.Count > 0 && j.RunbookServers.Any(s => ServerNames.Same(s, server.Name)) && !j.RunbookServers.All(s => ServerNames.Same(s, server.Name)));
            result.Add(new RunbookServerStatus(server.Name, server.Id, await ReadMaxJobsAsync(server.Name, warnings, cancellationToken).ConfigureAwait(false), running.Length, pending, monitors, records.FirstOrDefault(r => r.IsFor(server.Name))) { PendingShared = shared });
        }

        var anywhere = active.Count(j => j.Status == JobStatus.Pending && j.RunbookServers.Count == 0);
        var several = active.Count(j => j.Status == JobStatus.Pending && j.RunbookServers.Select(s => s.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count() > 1);
        var copies = await MonitorCopies.FindAsync(farm, active, cancellationToken).ConfigureAwait(false);
        return new FarmStatus(result, anywhere, warnings, _context.Now, all.Select(s => s.Name).ToArray()) { PendingOnSeveral = several, MonitorCopies = copies };
    }

    private async Task<int?> ReadMaxJobsAsync(string server, List<string> warnings, CancellationToken cancellationToken)
    {
        try
        {
            return await _context.Throttle.GetMaxJobsAsync(server, cancellationToken).ConfigureAwait(false);
        }
        catch (ThrottleException ex)
        {
            warnings.Add($"max jobs of {server} cannot be read: {ex.Message}");
            return null;
        }
    }
}
