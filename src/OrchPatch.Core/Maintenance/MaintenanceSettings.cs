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

    /// <summary>How often, at most, a drain lists its server's jobs while the count says they changed.</summary>
    public static readonly TimeSpan DefaultJobListingInterval = TimeSpan.FromMinutes(1);

    /// <summary>How many jobs one request reads by id (an <c>or</c> of <c>Id eq</c> tests). 20 ids make a query of
    /// about 1.3 KB, inside IIS's default limit of 2,048 characters for a query string.</summary>
    public const int DefaultJobsPerRead = 20;

    /// <summary>The most jobs one request may read by id (about 2 KB of query).</summary>
    public const int MaxJobsPerRead = 30;
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

    /// <summary>Whether a drain decides from one counted request a poll (the server's active jobs with <c>$top=1</c> and
    /// the service's count, newest first): drained when the count is 1 and that job is the wait job. When false, each
    /// poll lists the server's active jobs (all pages), and only a one-page listing may say drained. Both are
    /// consistent answers; the counted one costs one request whatever the jobs. Turn it off for a service that
    /// answers the count options wrongly (docs/design.md, "Cheap, consistent polls").</summary>
    /// <value>The default value is true.</value>
    public bool CountedPolls { get; set; } = true;

    /// <summary>With <see cref="CountedPolls"/>: how often, at most, the drain lists its server's jobs (all pages)
    /// while the count shows they changed, to name the jobs left and confirm by id those that ended: once an interval
    /// for a listing of one page, once every N intervals after a listing of N pages (at most one request an interval
    /// for names). A count that grew (work landed despite the throttle) is listed at once.</summary>
    /// <value>The default value is 1 minute.</value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan JobListingInterval { get; set; } = MaintenanceConstants.DefaultJobListingInterval;

    /// <summary>How many jobs one request reads by id, to confirm that jobs missing from a listing ended. 1 reads each
    /// job by its own key (<c>Jobs(guid'..')</c>), the documented shape; more send an <c>or</c> of <c>Id eq</c> tests,
    /// standard OData that no Orchestrator client is known to send (unconfirmed).</summary>
    /// <value>The default value is 20.</value>
    [Range(1, MaintenanceConstants.MaxJobsPerRead)]
    public int JobsPerRead { get; set; } = MaintenanceConstants.DefaultJobsPerRead;

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
