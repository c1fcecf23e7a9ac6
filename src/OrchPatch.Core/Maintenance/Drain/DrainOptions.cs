using System;
using System.ComponentModel.DataAnnotations;

namespace OrchPatch.Core.Maintenance;

/// <summary>Defaults of a drain, named once; a test pins them.</summary>
public static class DrainConstants
{
    /// <summary>How long the drain waits for ordinary jobs before the deadline policy applies.</summary>
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromMinutes(30);

    /// <summary>At least this many runbook servers must exist (one keeps taking work while another is drained).</summary>
    public const int DefaultMinimumRunbookServers = 2;

    /// <summary>At most this many servers may be in maintenance at once.</summary>
    public const int DefaultMaxConcurrentMaintenance = 1;

    /// <summary>The share of the farm's load kept free on the servers left taking work while others are out.</summary>
    public const double DefaultCapacityHeadroom = 0.5;

    /// <summary>How far back the farm's job history is read to measure its load and its runbooks' run times.</summary>
    public static readonly TimeSpan DefaultHistoryWindow = TimeSpan.FromHours(1);
}

/// <summary>How to drain a runbook server. Validated once, when handed to <see cref="DrainRunbookServer"/>.</summary>
public sealed class DrainOptions
{
    /// <summary>How long to wait for ordinary jobs before <see cref="DeadlinePolicy"/> applies. "No deadline" is
    /// <see cref="Maintenance.DeadlinePolicy.Wait"/>, never zero.</summary>
    /// <value>The default value is 30 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan Deadline { get; set; } = DrainConstants.DefaultDeadline;

    /// <summary>What happens at the deadline.</summary>
    /// <value>The default value is <see cref="Maintenance.DeadlinePolicy.Fail"/>: give the server back as it was.</value>
    public DeadlinePolicy DeadlinePolicy { get; set; } = DeadlinePolicy.Fail;

    /// <summary>The runbooks that may be restarted elsewhere at the deadline (policy Relocate).</summary>
    /// <value>The default value is none.</value>
    public RestartablePatterns Restartable { get; set; } = RestartablePatterns.None;

    /// <summary>The farm must have at least this many runbook servers, and while other servers are in maintenance a
    /// drain starts only when at least this many are in service, this one included (so with 2, at least one keeps
    /// taking work through every wave).</summary>
    /// <value>The default value is 2.</value>
    [Range(2, 1000)]
    public int MinimumRunbookServers { get; set; } = DrainConstants.DefaultMinimumRunbookServers;

    /// <summary>At most this many servers may be in maintenance at once, this one included.</summary>
    /// <value>The default value is 1.</value>
    [Range(1, 1000)]
    public int MaxConcurrentMaintenance { get; set; } = DrainConstants.DefaultMaxConcurrentMaintenance;

    /// <summary>While another server is in maintenance, a drain starts only when the servers left taking work have
    /// room (their max jobs) for the farm's load times one plus this share (see <see cref="WaveCapacity"/>). No public
    /// figure says how much spare room a farm needs, so it is a setting.</summary>
    /// <value>The default value is 0.5: room for 1.5 times the load.</value>
    [Range(0.0, 10.0)]
    public double CapacityHeadroom { get; set; } = DrainConstants.DefaultCapacityHeadroom;

    /// <summary>How far back the farm's job history is read: how fast work arrives and how long each runbook's jobs
    /// run. Longer than the longest ordinary jobs, or their run times are known only from the shorter ones.</summary>
    /// <value>The default value is 1 hour.</value>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan HistoryWindow { get; set; } = DrainConstants.DefaultHistoryWindow;

    /// <summary>Allow draining the computer this code runs on (it would stop the runbook that asked for the drain).</summary>
    /// <value>The default value is false.</value>
    public bool AllowLocalServer { get; set; }

    /// <summary>Why, written into the maintenance record.</summary>
    /// <value>The default value is empty.</value>
    [StringLength(500)]
    public string Reason { get; set; } = string.Empty;

    /// <summary>Continue a maintenance already recorded for this server (after a crash, or from a rolling patch)
    /// instead of refusing.</summary>
    /// <value>The default value is false.</value>
    public bool Resume { get; set; }

    /// <summary>A copy whose later changes leave these options alone (every property, so a new one is never missed).</summary>
    /// <returns>The copy.</returns>
    public DrainOptions Clone() => (DrainOptions)MemberwiseClone();

    /// <summary>Servers whose maintenance belongs to the caller's own run (a rolling patch's wave): they do not count
    /// against <see cref="MaxConcurrentMaintenance"/>, which bounds everyone else's. Null for a drain on its own.</summary>
    internal Func<MaintenanceRecord, bool>? SameRun { get; set; }

    /// <summary>Set by a caller (a rolling patch) that has just decided capacity itself, with its own servers on the way
    /// out that have no record yet: the preflight does not decide it again.</summary>
    internal bool CapacityDecidedByCaller { get; set; }

    /// <summary>The history the capacity rule reads, shared by a caller's drains; null reads it afresh.</summary>
    internal JobHistorySource? History { get; set; }

    /// <summary>Whether a record counts against <see cref="MaxConcurrentMaintenance"/>.</summary>
    internal bool CountsAgainstLock(MaintenanceRecord record) => SameRun is null || !SameRun(record);
}
