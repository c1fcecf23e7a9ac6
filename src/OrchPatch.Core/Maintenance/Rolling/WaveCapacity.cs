using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Core.Utils;

namespace OrchPatch.Core.Maintenance;

/// <summary>Whether one more server may start draining while others are out: the servers left accepting work must hold
/// the farm's running work plus the headroom, and there must stay at least one. Asked before each drain of a wave.</summary>
/// <param name="Allowed">Whether the drain may start now.</param>
/// <param name="Reason">Why not, naming the figures (empty when allowed).</param>
public sealed record WaveDecision(bool Allowed, string Reason);

/// <summary>The capacity rule of a wave. The load is the farm's running and pending ordinary work (wait jobs of a
/// maintenance do not count); each server accepting work holds its max jobs, or the assumed max jobs when the throttle
/// cannot read it.</summary>
public sealed class WaveCapacity
{
    private readonly MaintenanceContext _context;
    private readonly double _headroom;

    /// <summary>Creates the rule.</summary>
    /// <param name="context">The web service, throttle and settings.</param>
    /// <param name="headroom">The share of load kept free on the servers left (0.5: room for 1.5 times the load).</param>
    public WaveCapacity(MaintenanceContext context, double headroom)
    {
        _context = context ?? throw new ArgumentNullException(nameof(context));
        _headroom = headroom;
    }

    /// <summary>Decides whether <paramref name="server"/> may be drained while <paramref name="out"/> are out.</summary>
    /// <param name="server">The server about to be drained.</param>
    /// <param name="out">Servers this run already has out of service (draining, patching, restoring, parked).</param>
    /// <param name="cancellationToken">Stops the check.</param>
    /// <returns>The decision; a refusal names the load and the room left.</returns>
    public async Task<WaveDecision> MayDrainAsync(string server, IReadOnlyCollection<string> @out, CancellationToken cancellationToken)
    {
        if (@out.Count == 0)
        {
            // Alone it is the one-at-a-time drain, whose own preflight checks room on the other servers.
            return new WaveDecision(true, string.Empty);
        }

        var farm = new FarmView(_context);
        var servers = await farm.ServersAsync(cancellationToken).ConfigureAwait(false);
        var records = await farm.ActiveRecordsAsync(string.Empty, "patch", cancellationToken).ConfigureAwait(false);
        var left = servers.Where(s => !ServerNames.Same(s.Name, server)
            && !@out.Any(o => ServerNames.Same(o, s.Name))
            && !records.Any(r => r.IsFor(s.Name))).ToArray();
        if (left.Length == 0)
        {
            return new WaveDecision(false, $"draining {server} now would leave no server taking work; it waits for a server to come back.");
        }

        var waitJobs = new HashSet<Guid>(records.Select(r => r.WaitJobId));
        var active = await _context.Service.GetJobsAsync(JobQuery.Active, cancellationToken).ConfigureAwait(false);
        var load = active.Count(j => !waitJobs.Contains(j.Id));
        var room = 0;
        foreach (var s in left)
        {
            int? max;
            try
            {
                max = await _context.Throttle.GetMaxJobsAsync(s.Name, cancellationToken).ConfigureAwait(false);
            }
            catch (Throttle.ThrottleException)
            {
                max = null;
            }

            room += Math.Max(1, max ?? _context.Settings.AssumedMaxJobs);
        }

        var needed = (int)Math.Ceiling(load * (1 + _headroom));
        return room >= needed
            ? new WaveDecision(true, string.Empty)
            : new WaveDecision(false, $"draining {server} now would leave {Plural.Of(left.Length, "server")} taking work with room for {room} jobs, and the farm runs {load} (with headroom {_headroom:0.##}: {needed}); it waits for a server to come back.");
    }
}
