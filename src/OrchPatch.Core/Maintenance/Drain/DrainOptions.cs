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

    /// <summary>The farm must have at least this many runbook servers.</summary>
    /// <value>The default value is 2.</value>
    [Range(2, 1000)]
    public int MinimumRunbookServers { get; set; } = DrainConstants.DefaultMinimumRunbookServers;

    /// <summary>At most this many servers may be in maintenance at once, this one included.</summary>
    /// <value>The default value is 1.</value>
    [Range(1, 1000)]
    public int MaxConcurrentMaintenance { get; set; } = DrainConstants.DefaultMaxConcurrentMaintenance;

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

    /// <summary>Servers whose maintenance belongs to the caller's own run (a rolling patch's wave): they do not count
    /// against <see cref="MaxConcurrentMaintenance"/>, which bounds everyone else's. Null for a drain on its own.</summary>
    internal Func<MaintenanceRecord, bool>? SameRun { get; set; }

    /// <summary>Whether a record counts against <see cref="MaxConcurrentMaintenance"/>.</summary>
    internal bool CountsAgainstLock(MaintenanceRecord record) => SameRun is null || !SameRun(record);
}
