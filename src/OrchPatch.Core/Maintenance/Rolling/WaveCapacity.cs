using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Core.Utils;

namespace OrchPatch.Core.Maintenance;

/// <summary>Whether one more server may start draining while others are out. Asked before each drain of a wave, and
/// by a drain's preflight while another server is in maintenance.</summary>
/// <param name="Allowed">Whether the drain may start now.</param>
/// <param name="Reason">Why not, naming the figures (empty when allowed).</param>
public sealed record WaveDecision(bool Allowed, string Reason);

/// <summary>
/// The capacity rule of a wave, the same for a rolling patch and for drains run side by side (the Drain activity,
/// <c>orchpatch drain</c>). While at least one other server is out (in maintenance, or leaving for it in this run):
/// <list type="number">
/// <item>at least <see cref="DrainOptions.MinimumRunbookServers"/> servers must be in service, this one included, so
/// that with the default of 2 one always keeps taking work;</item>
/// <item>the servers left taking work must have room (the sum of their max jobs; the assumed max jobs where the
/// throttle cannot read it) for the farm's load times (1 + <see cref="DrainOptions.CapacityHeadroom"/>).</item>
/// </list>
/// The load is the larger of the work running now (Pending and Running jobs, wait jobs excepted, not on a server
/// already out: those finish where they are) and the arriving work (Little's law over the farm's recent history: jobs
/// created per hour times their mean run time, <see cref="JobHistory.ArrivingLoad"/>). The servers left first hold
/// what runs on them now, which gives way to new arrivals as it ends; at every moment the expected load is a weighted
/// mean of the two figures, never above the larger. A drain with no other server out is the one-at-a-time drain, which
/// these checks do not limit (its preflight checks the room for its monitors).
/// </summary>
public sealed class WaveCapacity
{
    private readonly MaintenanceContext _context;
    private readonly DrainOptions _options;
    private readonly JobHistorySource _history;

    /// <summary>Creates the rule.</summary>
    /// <param name="context">The web service, throttle and settings.</param>
    /// <param name="options">The headroom, the minimum in service and the history window.</param>
    public WaveCapacity(MaintenanceContext context, DrainOptions options)
        : this(context, options, null)
    {
    }

    internal WaveCapacity(MaintenanceContext context, DrainOptions options, JobHistorySource? history)
    {
        _context = Guard.NotNull(context);
        _options = Guard.NotNull(options);
        _history = history ?? options.History ?? new JobHistorySource(options.HistoryWindow);
    }

    /// <summary>Decides whether <paramref name="server"/> may be drained while <paramref name="out"/> are out.</summary>
    /// <param name="server">The server about to be drained.</param>
    /// <param name="out">Servers the caller already has out of service that may not show a maintenance record yet.</param>
    /// <param name="cancellationToken">Stops the check.</param>
    /// <returns>The decision; a refusal names the load and the room left.</returns>
    public Task<WaveDecision> MayDrainAsync(string server, IReadOnlyCollection<string> @out, CancellationToken cancellationToken) =>
        MayDrainAsync(server, @out, null, cancellationToken);

    /// <summary>As the public overload, with the farm's active jobs when the caller has just listed them (the rolling
    /// patch's choice of the next server did), so one decision lists the farm once.</summary>
    internal async Task<WaveDecision> MayDrainAsync(string server, IReadOnlyCollection<string> @out, IReadOnlyList<Job>? listed, CancellationToken cancellationToken)
    {
        Guard.NotNull(@out);
        var farm = new FarmView(_context);
        var servers = await farm.ServersAsync(cancellationToken).ConfigureAwait(false);
        var records = await farm.ActiveRecordsAsync(server, "drain", cancellationToken).ConfigureAwait(false);
        var outNames = @out.Concat(records.Select(r => r.Server)).Where(s => !ServerNames.Same(s, server)).ToArray();
        if (outNames.Length == 0)
        {
            return new WaveDecision(true, string.Empty);
        }

        var active = listed ?? await _context.Service.GetJobsAsync(JobQuery.Active, cancellationToken).ConfigureAwait(false);
        return await DecideAsync(farm, server, servers, records, outNames, active, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The rule on figures already read (a preflight's listing).</summary>
    internal async Task<WaveDecision> DecideAsync(FarmView farm, string server, IReadOnlyList<RunbookServer> servers, IReadOnlyList<MaintenanceRecord> records, IReadOnlyCollection<string> outNames, IReadOnlyList<Job> active, CancellationToken cancellationToken)
    {
        bool IsOut(string name) => outNames.Any(o => ServerNames.Same(o, name));
        var outServers = servers.Where(s => IsOut(s.Name) && !ServerNames.Same(s.Name, server)).Select(s => s.Name).ToArray();
        if (outServers.Length == 0)
        {
            return new WaveDecision(true, string.Empty);
        }

        var inService = servers.Where(s => !IsOut(s.Name)).ToArray();
        var left = inService.Where(s => !ServerNames.Same(s.Name, server)).ToArray();
        var outText = $"{ServerNames.List(outServers)} {Plural.Be(outServers.Length)} out";
        if (left.Length == 0)
        {
            return Refuse($"draining {server} now would leave no server taking work ({outText}).");
        }

        if (inService.Length < _options.MinimumRunbookServers)
        {
            return Refuse($"draining {server} now would leave {Plural.Of(left.Length, "server")} taking work ({ServerNames.List(left.Select(s => s.Name))}) while {outText}; a drain starts only while at least {_options.MinimumRunbookServers} are in service, this one included (MinimumRunbookServers).");
        }

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

        var waitJobs = new HashSet<Guid>(records.Select(r => r.WaitJobId));
        var outIds = new HashSet<Guid>(servers.Where(s => IsOut(s.Name) && !ServerNames.Same(s.Name, server)).Select(s => s.Id));
        var running = active.Count(j => !waitJobs.Contains(j.Id) && (j.RunbookServerId is not { } id || !outIds.Contains(id)));
        var history = await _history.GetAsync(farm, cancellationToken).ConfigureAwait(false);
        var arriving = history.ArrivingLoad;
        var load = Math.Max(running, arriving);
        var needed = (int)Math.Ceiling(load * (1 + _options.CapacityHeadroom));
        if (room >= needed)
        {
            return new WaveDecision(true, string.Empty);
        }

        var figures = FormattableString.Invariant($"the farm's load is {load:0.#} jobs (the larger of {running} running on servers not out and {arriving:0.#} arriving: {history.Describe()}), {needed} with headroom {_options.CapacityHeadroom:0.##} (CapacityHeadroom)");
        return Refuse($"draining {server} now would leave {Plural.Of(left.Length, "server")} taking work ({ServerNames.List(left.Select(s => s.Name))}) with room for {room} jobs while {outText}, and {figures}.");
    }

    private static WaveDecision Refuse(string reason) => new(false, reason);
}
