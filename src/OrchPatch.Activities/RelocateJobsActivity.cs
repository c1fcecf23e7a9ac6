using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.SystemCenter.Orchestrator.Integration;
using OrchPatch.Core.Maintenance;

namespace OrchPatch.Activities;

/// <summary>"Relocate Jobs": inputs to <see cref="RelocateOptions"/>, one call to <see cref="RelocateJobs"/>, the
/// moved jobs to a count and readable text.</summary>
[Activity(ActivityNames.Relocate, Description = ActivityNames.RelocateDescription)]
public sealed class RelocateJobsActivity
{
    /// <summary>The pack's connection (Options menu).</summary>
    [ActivityConfiguration(Usage = ConfigurationUsage.ExecuteOnly)]
    public OrchestratorPatchingConnection Connection { get; set; } = new();

    /// <summary>The server to move jobs from.</summary>
    [ActivityInput("From Runbook Server")]
    public string FromRunbookServer { get; set; } = string.Empty;

    /// <summary>"All", "Monitors Only", or job ids separated by ';'.</summary>
    [ActivityInput("Jobs", Default = "All")]
    public string Jobs { get; set; } = "All";

    /// <summary>Where to: server names separated by ';' (empty: every other server not in maintenance).</summary>
    [ActivityInput("To Runbook Servers", Optional = true)]
    public string ToRunbookServers { get; set; } = string.Empty;

    /// <summary>How many jobs moved.</summary>
    [ActivityOutput("Jobs Moved")]
    public int JobsMoved { get; private set; }

    /// <summary>How many jobs were stopped and started again elsewhere (monitors included).</summary>
    [ActivityOutput("Relocated Jobs Count")]
    public int RelocatedJobsCount { get; private set; }

    /// <summary>The moved jobs, one readable line each (runbook, old job, new job, new server).</summary>
    [ActivityOutput("Relocated Jobs")]
    public string RelocatedJobs { get; private set; } = string.Empty;

    /// <summary>Moves the jobs.</summary>
    [ActivityMethod]
    public void Run()
    {
        var server = InputCheck.Required(FromRunbookServer, "From Runbook Server", "name the runbook server to move jobs from");
        JobSelection selection;
        try
        {
            selection = JobSelection.Parse(Jobs);
        }
        catch (ArgumentException ex)
        {
            throw new ActivityFailedException($"The input 'Jobs': {ActivityRuntime.MessageOf(ex)} Nothing was changed.");
        }

        var options = new RelocateOptions { Selection = selection, Targets = InputCheck.Names(ToRunbookServers) };
        var result = ActivityRuntime.Run(Connection, context => new RelocateJobs(context, options).RunAsync(server));
        JobsMoved = result.Moved.Count;
        RelocatedJobsCount = result.Moved.Count;
        RelocatedJobs = RelocatedJobsText.Of(result.Moved);
    }
}
