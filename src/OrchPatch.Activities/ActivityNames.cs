namespace OrchPatch.Activities;

/// <summary>The activities' display names and descriptions: part of the pack's contract (oip/pack.json holds the same
/// text; a test checks they agree).</summary>
public static class ActivityNames
{
    /// <summary>Display name.</summary>
    public const string Drain = "Drain Runbook Server";

    /// <summary>Description.</summary>
    public const string DrainDescription = "Takes a runbook server out of service without losing a job: holds its last slot with the Wait Runbook, sets its max jobs to 1, moves its monitors at once and waits for its other jobs to finish.";

    /// <summary>Display name.</summary>
    public const string Restore = "Restore Runbook Server";

    /// <summary>Description.</summary>
    public const string RestoreDescription = "Returns a drained runbook server to service: checks its health, restores the max jobs it had before the drain and stops the Wait Runbook job that held its last slot.";

    /// <summary>Display name.</summary>
    public const string Relocate = "Relocate Jobs";

    /// <summary>Description.</summary>
    public const string RelocateDescription = "Restarts jobs of one runbook server on the other runbook servers with the same parameters and cancels the originals, never leaving two copies of a monitor running.";

    /// <summary>Display name.</summary>
    public const string Status = "Get Runbook Server Status";

    /// <summary>Description.</summary>
    public const string StatusDescription = "Publishes each runbook server's name as one value (the next activity runs once per server), with max jobs, running and pending jobs, running monitors and maintenance state, and the names of the other servers to run work on.";
}
