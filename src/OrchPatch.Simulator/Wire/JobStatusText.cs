using System;

namespace OrchPatch.Simulator.Wire;

/// <summary>The text both web APIs write for a job's status, as the reference gives it (docs/orchestrator-facts.md#the-web-services,
/// the Jobs entity: "Pending", "Running", "Failed", "Canceled", "Completed" — American spelling).</summary>
internal static class JobStatusText
{
    /// <summary>The wire text of <paramref name="status"/>.</summary>
    public static string ToWire(this SimulatedJobStatus status) => status switch
    {
        SimulatedJobStatus.Pending => "Pending",
        SimulatedJobStatus.Running => "Running",
        SimulatedJobStatus.Failed => "Failed",
        SimulatedJobStatus.Canceled => "Canceled",
        SimulatedJobStatus.Completed => "Completed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown simulated job status."),
    };
}
