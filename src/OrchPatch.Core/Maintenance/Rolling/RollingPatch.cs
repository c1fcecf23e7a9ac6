using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Core.Utils;

namespace OrchPatch.Core.Maintenance;

/// <summary>
/// Patches the farm in waves: drain, patch, health gate, restore, for as many servers at once as capacity allows (or
/// up to <see cref="RollingPatchOptions.MaxUnavailable"/>; 1 is one server at a time); as soon as one is back, the next
/// starts. A server joins a running wave only when the servers left taking work hold the farm's load with headroom
/// (<see cref="WaveCapacity"/>); otherwise it waits for one to come back. At least one server takes work throughout. Re-running after a crash resumes: a server the same owner left in maintenance is continued, not drained
/// twice; another run's maintenance is never taken over (its servers are refused while it lasts).
/// </summary>
/// <remarks>
/// A server that fails stays drained (it is not safe to give back a half-patched server). To go on past failures
/// (<see cref="RollingPatchOptions.MaxFailedServers"/>), failed servers are parked: they no longer count against
/// <see cref="DrainOptions.MaxConcurrentMaintenance"/>: this run's own servers count as one maintenance there.
/// </remarks>
public sealed class RollingPatch
{
    private readonly MaintenanceContext _context;
    private readonly RollingPatchOptions _options;
    private readonly PatchStep _patch;
    private DateTimeOffset _serviceStart;
    private ISet<string> _resumed = new HashSet<string>();
    private JobHistorySource _history = null!;
    private FarmView _farm = null!;

    /// <summary>Creates the operation; options are validated here.</summary>
    /// <param name="context">The web service, throttle, clock and settings.</param>
    /// <param name="options">Which servers, in what order, and how to drain and restore them.</param>
    /// <param name="patch">The site's patch step.</param>
    /// <exception cref="OptionsValidationException">An option is invalid.</exception>
    public RollingPatch(MaintenanceContext context, RollingPatchOptions options, PatchStep patch)
    {
        _context = Guard.NotNull(context);
        _options = Guard.NotNull(options);
        _patch = Guard.NotNull(patch);
        OptionsValidation.Validate(options);
        OptionsValidation.Validate(options.Drain);
        OptionsValidation.Validate(options.Restore);
    }

    /// <summary>Runs the rolling patch.</summary>
    /// <param name="cancellationToken">Stops the run; the server being worked on stays as it is (recoverable).</param>
    /// <returns>Every server's outcome.</returns>
    /// <exception cref="MaintenanceRefusedException">A named server does not exist; nothing changed.</exception>
    public async Task<RollingPatchResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var startedAt = _context.Now;
        var (order, resumable) = await OrderAsync(startedAt, cancellationToken).ConfigureAwait(false);
        // Floored to the second: the 2012-2019 service keeps job times to the second.
        var serviceStart = _context.ServiceTime(startedAt);
        _serviceStart = serviceStart.AddTicks(-(serviceStart.Ticks % TimeSpan.TicksPerSecond));
        _resumed = resumable;
        _history = new JobHistorySource(_options.Drain.HistoryWindow);
        foreach (var server in order)
        {
            Phase(server, ServerPhase.Waiting, $"{server} is queued for patching.");
        }

        var results = new Dictionary<string, ServerPatchResult>(StringComparer.OrdinalIgnoreCase);
        var failures = 0;
        var stoppedBecause = string.Empty;
        var queue = new List<string>(order);
        var inFlight = new Dictionary<Task<ServerPatchResult>, string>();
        var width = _options.MaxUnavailable ?? int.MaxValue;
        var capacity = new WaveCapacity(_context, _options.Drain, _history);
        var lastRefusal = string.Empty;
        var triedAgain = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var ownServers = new HashSet<string>(resumable, StringComparer.OrdinalIgnoreCase);
        while ((queue.Count > 0 && stoppedBecause.Length == 0) || inFlight.Count > 0)
        {
            if (queue.Count > 0 && stoppedBecause.Length == 0 && inFlight.Count < width)
            {
                var (server, why, listed) = await NextAsync(queue, resumable, cancellationToken).ConfigureAwait(false);
                // A server resumed is out already: continuing it takes no capacity from the farm.
                var decision = resumable.Contains(server)
                    ? new WaveDecision(true, string.Empty)
                    : await capacity.MayDrainAsync(server, inFlight.Values.ToArray(), listed, cancellationToken).ConfigureAwait(false);
                if (decision.Allowed)
                {
                    queue.Remove(server);
                    lastRefusal = string.Empty;
                    if (why.Length > 0)
                    {
                        _context.Report(server, MaintenanceEventKind.StepStarted, why);
                    }

                    // This run's own servers (out now, or failed and parked) count as one maintenance against the
                    // drain's lock: the wave is bounded by MaxUnavailable and capacity, the lock by everyone else's.
                    lock (ownServers)
                    {
                        ownServers.Add(server);
                    }

                    inFlight.Add(PatchServerAsync(server, ownServers, resumable.Contains(server), cancellationToken), server);
                    continue;
                }

                if (decision.Reason != lastRefusal)
                {
                    // A capacity refusal waits for a server of the wave to come back; it is said once, not every turn.
                    _context.Report(server, MaintenanceEventKind.Warning, $"Not yet: {decision.Reason} It waits for a server to come back.");
                    lastRefusal = decision.Reason;
                }
            }

            var done = await Task.WhenAny(inFlight.Keys).ConfigureAwait(false);
            inFlight.Remove(done);
            var result = await done.ConfigureAwait(false);
            results[result.Server] = result;
            if (result.Outcome == ServerPatchOutcome.Patched)
            {
                continue;
            }

            if (stoppedBecause.Length == 0 && IsWorthAnotherTry(result) && triedAgain.Add(result.Server))
            {
                // Given back as found at its deadline, nothing lost: its long jobs have run on meanwhile, so after the
                // others it is tried once more (as an administrator would run the patch again) before it counts.
                queue.Add(result.Server);
                _context.Report(result.Server, MaintenanceEventKind.Warning, $"{result.Server} was given back at its deadline ({string.Join(", ", result.Drain!.Blockers)} still ran); it is tried once more after the others.");
                Phase(result.Server, ServerPhase.Waiting, $"{result.Server} is queued for patching again.");
                continue;
            }

            failures++;
            if (failures > _options.MaxFailedServers && stoppedBecause.Length == 0)
            {
                stoppedBecause = $"{result.Server} failed ({result.Outcome}) and at most {Plural.Of(_options.MaxFailedServers, "failed server")} {Plural.Be(_options.MaxFailedServers)} allowed (MaxFailedServers).";
            }
        }

        var ordered = order.Select(s => results.TryGetValue(s, out var r) ? r : new ServerPatchResult { Server = s, Outcome = ServerPatchOutcome.NotAttempted }).ToArray();
        return new RollingPatchResult { Servers = ordered, StoppedBecause = stoppedBecause, StartedAt = startedAt, FinishedAt = _context.Now };
    }

    /// <summary>The next server: one resumed first (it is out already), else with
    /// <see cref="ServerOrder.ShortestRemainingWorkFirst"/> the one whose work ends first now, else the first queued.
    /// The reason is said when the order was decided here.</summary>
    private async Task<(string Server, string Why, IReadOnlyList<Job>? Listed)> NextAsync(List<string> queue, ISet<string> resumable, CancellationToken cancellationToken)
    {
        var waiting = queue.Where(s => !resumable.Contains(s)).ToArray();
        if (queue.FirstOrDefault(resumable.Contains) is { } resumed)
        {
            return (resumed, string.Empty, null);
        }

        if (_options.Order != ServerOrder.ShortestRemainingWorkFirst || _options.Servers.Count > 0 || waiting.Length < 2)
        {
            return (queue[0], string.Empty, null);
        }

        var history = await _history.GetAsync(_farm, cancellationToken).ConfigureAwait(false);
        var (server, remaining, listed) = await RemainingWork.FirstToEndAsync(_farm, waiting, history, cancellationToken).ConfigureAwait(false);
        return (server, $"{server} goes next: its work is expected to end in {Durations.Format(remaining)}, the soonest of the {Plural.Of(waiting.Length, "server")} waiting.", listed);
    }

    /// <summary>A drain that reached its deadline and gave a server back exactly as it was found (not one resumed,
    /// which stays in maintenance): trying it again changes nothing for the farm.</summary>
    private static bool IsWorthAnotherTry(ServerPatchResult result) =>
        result.Outcome == ServerPatchOutcome.NotDrained && result.Drain is { Outcome: DrainOutcome.RolledBack, Resumed: false };

    private static RunbookServer Resolved(FarmView farm, IReadOnlyList<RunbookServer> all, string name)
    {
        var server = ServerNames.Resolve(all, s => s.Name, name, "patch")!;
        farm.ReportIfResolved(name, server);
        return server;
    }

    /// <summary>Servers already in maintenance first (resume), then the given order or fewest running jobs first.
    /// Only a maintenance this run may take over is resumed (see <see cref="MayResume"/>); the others stay another
    /// run's, so the drains here are refused while they last.</summary>
    private async Task<(IReadOnlyList<string> Order, ISet<string> Resumable)> OrderAsync(DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var farm = new FarmView(_context);
        _farm = farm;
        var all = await farm.ServersAsync(cancellationToken).ConfigureAwait(false);
        var unknown = _options.Servers.Where(n => ServerNames.Resolve(all, s => s.Name, n, "patch") is null).ToArray();
        if (unknown.Length > 0)
        {
            throw new UnknownRunbookServerException(unknown, _context.Service.Endpoint.ServiceRoot.ToString(), all.Select(s => s.Name).ToArray(), "patch");
        }

        if (!string.IsNullOrWhiteSpace(_options.Restore.CanaryRunbookPath))
        {
            // Found missing only after patching, it would leave a server drained: check it before touching any.
            try
            {
                await _context.Service.FindRunbookAsync(_options.Restore.CanaryRunbookPath!, cancellationToken).ConfigureAwait(false);
            }
            catch (RunbookNotFoundException ex)
            {
                throw new MaintenanceRefusedException("the farm", "patch", new[] { "the canary runbook: " + ex.Message });
            }
        }

        var chosen = _options.Servers.Count > 0
            ? _options.Servers.Select(n => Resolved(farm, all, n)).Distinct().ToArray()
            : all.ToArray();
        if (_options.Servers.Count == 0 && _options.Order == ServerOrder.FewestJobsFirst)
        {
            var active = await _context.Service.GetJobsAsync(JobQuery.Active, cancellationToken).ConfigureAwait(false);
            chosen = chosen.OrderBy(s => active.Count(j => j.RunbookServerId == s.Id)).ThenBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ToArray();
        }

        var records = await farm.ActiveRecordsAsync(string.Empty, "patch", cancellationToken).ConfigureAwait(false);
        // The records' times are the service's: this run's start is put on that clock (issue 13: a service clock ahead
        // of this machine's made a crashed run's maintenance look newer than this run, so it was never resumed).
        var serviceStart = _context.ServiceTime(startedAt);
        var resumed = chosen.Where(s => records.Any(r => r.IsFor(s.Name) && MayResume(r, serviceStart))).ToArray();
        foreach (var server in resumed)
        {
            _context.Report(server.Name, MaintenanceEventKind.Warning, $"{records.First(r => r.IsFor(server.Name)).Describe()} is already in maintenance: continuing it first.");
        }

        foreach (var record in records.Where(r => !MayResume(r, serviceStart)))
        {
            _context.Report(record.Server, MaintenanceEventKind.Warning, $"{record.Describe()} is in maintenance by another run; it is not taken over.");
        }

        var order = resumed.Concat(chosen.Except(resumed)).Select(s => s.Name).ToArray();
        return (order, new HashSet<string>(resumed.Select(s => s.Name), StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Whether this run may take over a recorded maintenance (<paramref name="startedAt"/> on the service's
    /// clock): only one this owner left behind (a crashed earlier run of the same owner), never one started after this
    /// run began (a run started at the same moment, which is alive) nor one of another owner (possibly alive: taking it
    /// over would patch and restore one server from two processes at once). No record carries a heartbeat, so that is
    /// the most that can be told apart.</summary>
    private bool MayResume(MaintenanceRecord record, DateTimeOffset startedAt) =>
        record.WaitJobCreated < startedAt && string.Equals(record.Owner, _context.Settings.Owner, StringComparison.Ordinal);

    /// <summary>A record this run wrote (by its owner, since it began) or took over (resumed): another run's record for
    /// a server this run also tried still counts against the lock.</summary>
    private bool IsOwn(MaintenanceRecord record) =>
        string.Equals(record.Owner, _context.Settings.Owner, StringComparison.Ordinal)
        && (record.WaitJobCreated >= _serviceStart || _resumed.Contains(record.Server));

    private async Task<ServerPatchResult> PatchServerAsync(string server, ISet<string> ownServers, bool resume, CancellationToken cancellationToken)
    {
        var result = new ServerPatchResult { Server = server, StartedAt = _context.Now };
        Phase(server, ServerPhase.Draining, $"Draining {server}.");
        DrainResult drain;
        try
        {
            // A server resumes only a maintenance this run may take over; this run's own servers do not count against
            // the drain's lock, and capacity was decided here.
            var options = _options.Drain.Clone();
            options.Resume = resume;
            options.SameRun = record =>
            {
                lock (ownServers)
                {
                    return ownServers.Contains(record.Server) && IsOwn(record);
                }
            };
            options.CapacityDecidedByCaller = true;
            options.History = _history;
            drain = await new DrainRunbookServer(_context, options).RunAsync(server, cancellationToken).ConfigureAwait(false);
        }
        catch (MaintenanceRefusedException ex)
        {
            return Failed(result, ServerPatchOutcome.NotDrained, ex.Message, "unchanged (back in service, unpatched).");
        }
        catch (MaintenanceFailedException ex)
        {
            return Failed(result, ServerPatchOutcome.DrainFailed, ex.What, ex.StateLeftBehind);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // The drain changes nothing until its checks pass, and wraps every later failure: this one changed nothing.
            return Failed(result, ServerPatchOutcome.NotDrained, ex.Message, "unchanged (back in service, unpatched).");
        }

        result = result with { Drain = drain };
        if (drain.Outcome != DrainOutcome.Drained)
        {
            return Failed(result, ServerPatchOutcome.NotDrained, $"not drained by the deadline: {string.Join(", ", drain.Blockers)}", drain.StateLeftBehind);
        }

        Phase(server, ServerPhase.Patching, $"Patching {server}.");
        var drained = $"drained (max jobs 1, wait job {drain.WaitJobId}); fix it, then restore it (or run the patch again to resume).";
        try
        {
            var patch = await _patch(server, cancellationToken).ConfigureAwait(false);
            result = result with { PatchOutput = patch.Output };
            if (!patch.Succeeded)
            {
                return Failed(result, ServerPatchOutcome.PatchFailed, "the patch step failed" + (patch.Output.Length > 0 ? ": " + Last(patch.Output) : "."), drained);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            return Failed(result, ServerPatchOutcome.PatchFailed, "the patch step failed: " + ex.Message, drained);
        }

        Phase(server, ServerPhase.Restoring, $"{server} is back from its patch: health gate, then restore.");
        try
        {
            var restore = await new RestoreRunbookServer(_context, _options.Restore).RunAsync(server, cancellationToken).ConfigureAwait(false);
            Phase(server, ServerPhase.Done, $"{server} is patched and takes work again.");
            return result with { Outcome = ServerPatchOutcome.Patched, Restore = restore, FinishedAt = _context.Now };
        }
        catch (HealthGateFailedException ex)
        {
            return Failed(result, ServerPatchOutcome.HealthGateFailed, ex.What, ex.StateLeftBehind);
        }
        catch (MaintenanceFailedException ex)
        {
            return Failed(result, ServerPatchOutcome.RestoreFailed, ex.What, ex.StateLeftBehind);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            return Failed(result, ServerPatchOutcome.RestoreFailed, ex.Message, drained);
        }
    }

    private ServerPatchResult Failed(ServerPatchResult result, ServerPatchOutcome outcome, string error, string state)
    {
        Phase(result.Server, ServerPhase.Failed, $"{result.Server}: {outcome}: {error} State: {state}");
        return result with { Outcome = outcome, Error = error, StateLeftBehind = state, FinishedAt = _context.Now };
    }

    private void Phase(string server, ServerPhase phase, string message) =>
        _context.Report(new MaintenanceEvent(_context.Now, server, MaintenanceEventKind.ServerPhase, message) { Phase = phase });

    private static string Last(string output)
    {
        var lines = output.Split(new[] { '\n', '\r' }, StringSplitOptions.RemoveEmptyEntries);
        return lines.Length == 0 ? string.Empty : lines[lines.Length - 1].Trim();
    }
}
