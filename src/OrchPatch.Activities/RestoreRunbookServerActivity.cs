using Microsoft.SystemCenter.Orchestrator.Integration;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Utils;

namespace OrchPatch.Activities;

/// <summary>"Restore Runbook Server": inputs to <see cref="RestoreOptions"/>, one call to
/// <see cref="RestoreRunbookServer"/>, the result to published data. A server not in maintenance is reported in "Warnings".</summary>
[Activity(ActivityNames.Restore, Description = ActivityNames.RestoreDescription)]
public sealed class RestoreRunbookServerActivity
{
    /// <summary>The pack's connection (Options menu).</summary>
    [ActivityConfiguration(Usage = ConfigurationUsage.ExecuteOnly)]
    public OrchestratorPatchingConnection Connection { get; set; } = new();

    /// <summary>The server to restore.</summary>
    [ActivityInput("Runbook Server")]
    public string RunbookServer { get; set; } = string.Empty;

    /// <summary>The wait job of the maintenance (found by the server's name when empty).</summary>
    [ActivityInput("Wait Job ID", Optional = true)]
    public string WaitJobId { get; set; } = string.Empty;

    /// <summary>A runbook that must complete on the server before it takes work again.</summary>
    [ActivityInput("Canary Runbook", Optional = true)]
    public string CanaryRunbook { get; set; } = string.Empty;

    /// <summary>How long the server has to prove healthy.</summary>
    [ActivityInput("Health Timeout (minutes)", Default = 15)]
    public int HealthTimeoutMinutes { get; set; } = 15;

    /// <summary>The server restored.</summary>
    [ActivityOutput("Runbook Server")]
    public string RestoredServer { get; private set; } = string.Empty;

    /// <summary>The max jobs set back.</summary>
    [ActivityOutput("Max Jobs Restored")]
    public int MaxJobsRestored { get; private set; }

    /// <summary>The wait job that was stopped.</summary>
    [ActivityOutput("Wait Job ID")]
    public string StoppedWaitJobId { get; private set; } = string.Empty;

    /// <summary>What the health gate saw.</summary>
    [ActivityOutput("Health Check Result")]
    public string HealthCheckResult { get; private set; } = string.Empty;

    /// <summary>What the runbook author should know, one per line; a server that was not in maintenance is reported
    /// here. Published, not thrown: public declarative packs throw no ActivityWarning (README, "Output shapes").</summary>
    [ActivityOutput("Warnings")]
    public string Warnings { get; private set; } = string.Empty;

    /// <summary>Runs the restore.</summary>
    [ActivityMethod]
    public void Run()
    {
        var server = InputCheck.Required(RunbookServer, "Runbook Server", "name the runbook server to restore");
        var options = new RestoreOptions
        {
            WaitJobId = InputCheck.OptionalId(WaitJobId, "Wait Job ID"),
            CanaryRunbookPath = string.IsNullOrWhiteSpace(CanaryRunbook) ? null : CanaryRunbook.Trim(),
            HealthTimeout = InputCheck.Minutes(HealthTimeoutMinutes, "Health Timeout (minutes)", OptionRange.Duration(typeof(RestoreOptions), nameof(RestoreOptions.HealthTimeout)).Maximum),
        };

        var result = ActivityRuntime.Run(Connection, context => new RestoreRunbookServer(context, options).RunAsync(server));
        RestoredServer = result.Server;
        MaxJobsRestored = result.MaxJobsRestored;
        StoppedWaitJobId = ActivityRuntime.Id(result.WaitJobId);
        HealthCheckResult = result.HealthCheckResult;
        Warnings = ActivityRuntime.Scrubbed(Connection, ActivityRuntime.Lines(result.Warnings));
    }
}
