using Microsoft.SystemCenter.Orchestrator.Integration;
using OrchPatch.Core.Maintenance;

namespace OrchPatch.Activities;

/// <summary>One moved job as a row of correlated published data.</summary>
[ActivityData("Relocated Job")]
public sealed class RelocatedJobRow
{
    internal RelocatedJobRow(RelocatedJob job)
    {
        RunbookPath = job.RunbookPath;
        OldJobId = ActivityRuntime.Id(job.OldJobId);
        NewJobId = ActivityRuntime.Id(job.NewJobId);
        NewRunbookServer = job.NewServer ?? string.Empty;
    }

    /// <summary>The runbook.</summary>
    [ActivityOutput("Runbook Path")]
    public string RunbookPath { get; }

    /// <summary>The job that was stopped.</summary>
    [ActivityOutput("Old Job ID")]
    public string OldJobId { get; }

    /// <summary>The job that replaces it.</summary>
    [ActivityOutput("New Job ID")]
    public string NewJobId { get; }

    /// <summary>Where the new job runs (empty while it waits for a free slot).</summary>
    [ActivityOutput("New Runbook Server")]
    public string NewRunbookServer { get; }
}
