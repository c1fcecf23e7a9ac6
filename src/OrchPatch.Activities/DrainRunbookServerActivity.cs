using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.SystemCenter.Orchestrator.Integration;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Utils;

namespace OrchPatch.Activities;

/// <summary>"Drain Runbook Server": inputs to <see cref="DrainOptions"/>, one call to <see cref="DrainRunbookServer"/>,
/// the result to published data. No logic of its own.</summary>
[Activity(ActivityNames.Drain, Description = ActivityNames.DrainDescription)]
public sealed class DrainRunbookServerActivity
{
    /// <summary>The pack's connection (Options menu).</summary>
    [ActivityConfiguration(Usage = ConfigurationUsage.ExecuteOnly)]
    public OrchestratorPatchingConnection Connection { get; set; } = new();

    /// <summary>The server to drain.</summary>
    [ActivityInput("Runbook Server")]
    public string RunbookServer { get; set; } = string.Empty;

    /// <summary>How long to wait for its jobs before the deadline policy applies.</summary>
    [ActivityInput("Deadline (minutes)", Default = 30)]
    public int DeadlineMinutes { get; set; } = 30;

    /// <summary>What happens at the deadline.</summary>
    [ActivityInput("Deadline Policy", Default = "Fail")]
    public DeadlinePolicy DeadlinePolicy { get; set; } = DeadlinePolicy.Fail;

    /// <summary>Runbook path patterns that may be restarted elsewhere at the deadline, separated by ';'.</summary>
    [ActivityInput("Restartable Runbooks", Optional = true)]
    public string RestartableRunbooks { get; set; } = string.Empty;

    /// <summary>The farm must have at least this many runbook servers.</summary>
    [ActivityInput("Minimum Runbook Servers", Default = 2)]
    public int MinimumRunbookServers { get; set; } = 2;

    /// <summary>Why, written into the maintenance record.</summary>
    [ActivityInput("Reason", Optional = true)]
    public string Reason { get; set; } = string.Empty;

    /// <summary>The server drained.</summary>
    [ActivityOutput("Runbook Server")]
    public string DrainedServer { get; private set; } = string.Empty;

    /// <summary>Its max jobs before the drain.</summary>
    [ActivityOutput("Previous Max Jobs")]
    public int PreviousMaxJobs { get; private set; }

    /// <summary>The wait job holding the server.</summary>
    [ActivityOutput("Wait Job ID")]
    public string WaitJobId { get; private set; } = string.Empty;

    /// <summary>Jobs that finished while the drain waited.</summary>
    [ActivityOutput("Jobs Completed During Drain")]
    public int JobsCompleted { get; private set; }

    /// <summary>Monitors moved to other servers.</summary>
    [ActivityOutput("Monitors Relocated")]
    public int MonitorsRelocated { get; private set; }

    /// <summary>Ordinary jobs restarted on other servers at the deadline.</summary>
    [ActivityOutput("Jobs Relocated")]
    public int JobsRelocated { get; private set; }

    /// <summary>How long the drain took.</summary>
    [ActivityOutput("Drain Duration (seconds)")]
    public int DrainDurationSeconds { get; private set; }

    /// <summary>What the runbook author should know, one per line.</summary>
    [ActivityOutput("Warnings")]
    public string Warnings { get; private set; } = string.Empty;

    /// <summary>How many jobs were stopped and started again elsewhere (monitors included).</summary>
    [ActivityOutput("Relocated Jobs Count")]
    public int RelocatedJobsCount { get; private set; }

    /// <summary>The moved jobs, one readable line each (runbook, old job, new job, new server).</summary>
    [ActivityOutput("Relocated Jobs")]
    public string RelocatedJobs { get; private set; } = string.Empty;

    /// <summary>Runs the drain.</summary>
    [ActivityMethod]
    public void Run()
    {
        var server = InputCheck.Required(RunbookServer, "Runbook Server", "name the runbook server to drain");
        var options = new DrainOptions
        {
            Deadline = InputCheck.Minutes(DeadlineMinutes, "Deadline (minutes)", OptionRange.Duration(typeof(DrainOptions), nameof(DrainOptions.Deadline)).Maximum),
            DeadlinePolicy = DeadlinePolicy,
            Restartable = RestartablePatterns.Parse(RestartableRunbooks),
            MinimumRunbookServers = InputCheck.Range(MinimumRunbookServers, "Minimum Runbook Servers", OptionRange.Whole(typeof(DrainOptions), nameof(DrainOptions.MinimumRunbookServers))),
            Reason = Reason ?? string.Empty,
        };

        var result = ActivityRuntime.Run(Connection, context => new DrainRunbookServer(context, options).RunAsync(server)).EnsureDrainedOrFail(Connection);
        DrainedServer = result.Server;
        PreviousMaxJobs = result.PreviousMaxJobs;
        WaitJobId = ActivityRuntime.Id(result.WaitJobId);
        JobsCompleted = result.Completed.Count;
        MonitorsRelocated = result.MonitorsRelocated;
        JobsRelocated = result.JobsRelocated;
        DrainDurationSeconds = ActivityRuntime.Seconds(result.Duration);
        Warnings = ActivityRuntime.Lines(result.Warnings);
        RelocatedJobsCount = result.Relocated.Count;
        RelocatedJobs = RelocatedJobsText.Of(result.Relocated);
    }
}

/// <summary>A rolled-back drain fails the activity, naming the blockers and the state left.</summary>
internal static class DrainResultExtensions
{
    public static DrainResult EnsureDrainedOrFail(this DrainResult result, OrchestratorPatchingConnection connection)
    {
        try
        {
            return result.EnsureDrained();
        }
        catch (DrainBlockedException ex)
        {
            throw new ActivityFailedException(OrchPatch.Core.Utils.Redaction.Scrub(ex.Message, new[] { connection.Password, connection.DatabaseConnectionString }));
        }
    }
}
