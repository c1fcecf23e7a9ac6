namespace OrchPatch.Simulator;

/// <summary>The range Orchestrator's aspt.exe accepts for a runbook server's max jobs, and its default
/// (docs/orchestrator-facts.md#runbook-servers-dispatch-and-the-throttle). The simulator's own copy: it checks the client, not the other way round.</summary>
public static class MaxJobsLimits
{
    /// <summary>The smallest value accepted.</summary>
    public const int Min = 1;

    /// <summary>The largest value accepted.</summary>
    public const int Max = 1000;

    /// <summary>Orchestrator's default max jobs per runbook server.</summary>
    public const int Default = 50;
}
