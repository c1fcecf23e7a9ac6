using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using System.Threading;
using System.Threading.Tasks;

namespace OrchPatch.Core.Maintenance;

/// <summary>The outcome of patching one server (the site's own step: a command, a runbook, Windows Update).</summary>
/// <param name="Succeeded">Whether it worked (for a command: exit code 0).</param>
/// <param name="Output">What it said, scrubbed of secrets, for the report.</param>
public sealed record PatchStepResult(bool Succeeded, string Output);

/// <summary>Patches one drained server. It may restart it; the restore's health gate waits for it to come back.</summary>
/// <param name="server">The server, drained.</param>
/// <param name="cancellationToken">Stops the step.</param>
/// <returns>Whether it worked.</returns>
public delegate Task<PatchStepResult> PatchStep(string server, CancellationToken cancellationToken);

/// <summary>In which order to patch the servers when none is given.</summary>
public enum ServerOrder
{
    /// <summary>As listed (or as the web service lists them).</summary>
    AsGiven,

    /// <summary>Fewest running jobs first, decided once at the start (the Cluster-Aware Updating rule).</summary>
    FewestJobsFirst,

    /// <summary>Each time a server may start, the one whose work is expected to end first (see
    /// <see cref="RemainingWork"/>): the number of jobs is a poor guide to when a drain ends, one long job outlasts
    /// many short ones.</summary>
    ShortestRemainingWorkFirst,
}

/// <summary>Defaults and limits of a rolling patch, named once; a test pins them.</summary>
public static class RollingPatchConstants
{
    /// <summary>The most servers <see cref="RollingPatchOptions.MaxUnavailable"/> may name.</summary>
    public const int MaxMaxUnavailable = 1000;

}

/// <summary>How to patch a farm, in waves of as many servers as it can spare. Validated once, when handed to
/// <see cref="RollingPatch"/>.</summary>
public sealed class RollingPatchOptions
{
    /// <summary>The servers to patch; empty for every runbook server.</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<string> Servers { get; set; } = Array.Empty<string>();

    /// <summary>The order when <see cref="Servers"/> is empty (a given list is patched as given).</summary>
    /// <value>The default value is <see cref="ServerOrder.ShortestRemainingWorkFirst"/>.</value>
    public ServerOrder Order { get; set; } = ServerOrder.ShortestRemainingWorkFirst;

    /// <summary>How each server is drained.</summary>
    /// <value>The default value is the default <see cref="DrainOptions"/>.</value>
    public DrainOptions Drain { get; set; } = new();

    /// <summary>How each server is restored (its health gate).</summary>
    /// <value>The default value is the default <see cref="RestoreOptions"/>.</value>
    public RestoreOptions Restore { get; set; } = new();

    /// <summary>How many servers may fail before the run stops. A failed server stays drained.</summary>
    /// <value>The default value is 0: stop at the first failure.</value>
    [Range(0, 1000)]
    public int MaxFailedServers { get; set; }

    /// <summary>How many servers may be out of service (draining, patching, restoring) at once; null lets capacity
    /// decide (<see cref="WaveCapacity"/>: the servers left taking work must hold the farm's load with
    /// <see cref="DrainOptions.CapacityHeadroom"/>, and at least <see cref="DrainOptions.MinimumRunbookServers"/> must be in
    /// service when a drain starts). As soon as one server is back, the next starts. 1 is the one-at-a-time procedure.
    /// This run's own servers count as one maintenance against <see cref="DrainOptions.MaxConcurrentMaintenance"/>,
    /// which still bounds everyone else's.</summary>
    /// <value>The default value is 1, one server at a time. Every server out holds one job of the Wait Runbook (and,
    /// while its health gate runs, one of the canary), and Orchestrator runs at most Job Concurrency jobs of a runbook at
    /// once (Runbook Properties; 1 unless raised, and 1 in the shipped sample runbooks), queueing the rest: a wave wider
    /// than that leaves a wait job pending and its drain fails. The web service does not expose Job Concurrency, so
    /// waves are asked for: raise it on both runbooks to N, then set N here (capacity still decides up to N), or null
    /// when it is at least the number of servers.</value>
    [Range(1, RollingPatchConstants.MaxMaxUnavailable)]
    public int? MaxUnavailable { get; set; } = 1;
}
