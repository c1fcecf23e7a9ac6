using System;
using System.ComponentModel.DataAnnotations;

namespace OrchPatch.Core.Maintenance;

/// <summary>Defaults named once (the Polly <c>RetryConstants</c> pattern); a test pins them.</summary>
public static class MaintenanceConstants
{
    /// <summary>The sample Wait Runbook's path.</summary>
    public const string DefaultWaitRunbookPath = @"\PatchRunbook\4: WaitRunbook";

    /// <summary>How often the engine looks at the server while it waits.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(5);

    /// <summary>How long a wait job may take to start on its server.</summary>
    public static readonly TimeSpan DefaultWaitJobStartTimeout = TimeSpan.FromMinutes(5);

    /// <summary>How long a requested cancellation may take to show.</summary>
    public static readonly TimeSpan DefaultCancelConfirmTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Orchestrator's default max jobs, assumed where the throttle cannot read the real value.</summary>
    public const int DefaultAssumedMaxJobs = 50;
}

/// <summary>Settings shared by every maintenance operation. Validated once when the context is created.</summary>
public sealed class MaintenanceSettings
{
    /// <summary>The Wait Runbook: holds a drained server's last slot and records the maintenance.</summary>
    /// <value>The default value is <c>\PatchRunbook\4: WaitRunbook</c>.</value>
    [Required(AllowEmptyStrings = false)]
    public string WaitRunbookPath { get; set; } = MaintenanceConstants.DefaultWaitRunbookPath;

    /// <summary>How often the engine polls the web service while it waits. At most two requests per interval per
    /// drained server.</summary>
    /// <value>The default value is 5 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = MaintenanceConstants.DefaultPollInterval;

    /// <summary>How long the wait job may take to start running on its server.</summary>
    /// <value>The default value is 5 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan WaitJobStartTimeout { get; set; } = MaintenanceConstants.DefaultWaitJobStartTimeout;

    /// <summary>How long a cancellation may take to show in the job's status.</summary>
    /// <value>The default value is 5 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CancelConfirmTimeout { get; set; } = MaintenanceConstants.DefaultCancelConfirmTimeout;

    /// <summary>The max jobs recorded when the throttle method cannot read it (aspt.exe).</summary>
    /// <value>The default value is 50, Orchestrator's default.</value>
    [Range(2, 1000)]
    public int AssumedMaxJobs { get; set; } = MaintenanceConstants.DefaultAssumedMaxJobs;

    /// <summary>The computer running this code: a drain of it is refused unless allowed, because it would stop the
    /// runbook that asked for it. Null when unknown (the CLI on a jump box).</summary>
    /// <value>The default value is null.</value>
    public string? LocalComputerName { get; set; }

    /// <summary>Who is doing the maintenance, written into the record.</summary>
    /// <value>The default value is "orchpatch".</value>
    [Required(AllowEmptyStrings = false)]
    public string Owner { get; set; } = "orchpatch";

    /// <summary>Receives every progress event. Called on the engine's thread; keep it quick.</summary>
    /// <value>The default value is null (no progress).</value>
    public Action<MaintenanceEvent>? OnProgress { get; set; }

    /// <summary>A copy whose later changes leave these settings alone (every property, so a new one is never missed).</summary>
    /// <returns>The copy.</returns>
    public MaintenanceSettings Clone() => (MaintenanceSettings)MemberwiseClone();
}
