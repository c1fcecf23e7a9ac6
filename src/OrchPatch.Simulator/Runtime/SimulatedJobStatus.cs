namespace OrchPatch.Simulator;

/// <summary>A simulated job's status: Orchestrator's <c>JobStatus</c> lookup (docs/orchestrator-facts.md#the-web-services: Pending,
/// Running, Failed, Canceled, Completed). The simulator keeps its own copy so it can disagree with the client.</summary>
public enum SimulatedJobStatus
{
    /// <summary>Queued; no runbook server has taken it yet.</summary>
    Pending,

    /// <summary>A runbook server runs it.</summary>
    Running,

    /// <summary>Ended with an error.</summary>
    Failed,

    /// <summary>Ended because it was stopped.</summary>
    Canceled,

    /// <summary>Ended normally.</summary>
    Completed,
}

/// <summary>Questions about a <see cref="SimulatedJobStatus"/>.</summary>
public static class SimulatedJobStatuses
{
    /// <summary>Whether the job has not ended yet (Pending or Running).</summary>
    /// <param name="status">The status.</param>
    /// <returns>True for Pending and Running.</returns>
    public static bool IsActive(this SimulatedJobStatus status) => status is SimulatedJobStatus.Pending or SimulatedJobStatus.Running;
}
