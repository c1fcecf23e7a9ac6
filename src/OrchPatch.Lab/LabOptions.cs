using System;
using System.ComponentModel.DataAnnotations;
using OrchPatch.Core.Maintenance;
using OrchPatch.Simulator;

namespace OrchPatch.Lab;

/// <summary>How a measured maintenance run is set up. Validated once, by <see cref="MaintenanceRun"/>.</summary>
public sealed class LabOptions
{
    /// <summary>How long the workload runs before the maintenance begins, so the farm is busy as in steady state.</summary>
    /// <value>The default value is 1 hour.</value>
    [Range(typeof(TimeSpan), "00:00:00", "2.00:00:00")]
    public TimeSpan WarmUp { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a patched server is down (the patch step reboots it).</summary>
    /// <value>The default value is 3 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan PatchDowntime { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>The most simulated time the maintenance may take before the run is abandoned.</summary>
    /// <value>The default value is 2 days.</value>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan Limit { get; set; } = TimeSpan.FromDays(2);

    /// <summary>The engine's settings (poll interval, wait runbook); its defaults when null. <see cref="OnProgress"/>
    /// is attached to a copy.</summary>
    /// <value>The default value is null.</value>
    public MaintenanceSettings? Engine { get; set; }

    /// <summary>The simulator's settings; its defaults when null.</summary>
    /// <value>The default value is null.</value>
    public SimulatorSettings? Simulator { get; set; }

    /// <summary>Whether to keep every job run of the window and the capacity over it, for the report's pictures.</summary>
    /// <value>The default value is false.</value>
    public bool CollectJobBars { get; set; }

    /// <summary>Receives the engine's progress events as they happen (simulated timestamps).</summary>
    /// <value>The default value is null.</value>
    public Action<MaintenanceEvent>? OnProgress { get; set; }
}
