namespace OrchPatch.Activities;

/// <summary>The activities' display names and descriptions: part of the pack's contract (oip/pack.json holds the same
/// text; a test checks they agree).</summary>
public static class ActivityNames
{
    /// <summary>Display name.</summary>
    public const string Drain = "Drain Runbook Server";

    /// <summary>Description.</summary>
    public const string DrainDescription = "Drains a runbook server for patching: holds its last slot with the Wait Runbook, sets its max jobs to 1, moves monitors at once and waits for its other jobs to finish.";

    /// <summary>Display name.</summary>
    public const string Restore = "Restore Runbook Server";

    /// <summary>Description.</summary>
    public const string RestoreDescription = "Returns a drained runbook server to service after patching: checks its health, restores its recorded max jobs and stops the Wait Runbook.";

    /// <summary>Display name.</summary>
    public const string Relocate = "Relocate Jobs";

    /// <summary>Description.</summary>
    public const string RelocateDescription = "Moves jobs off a runbook server by starting the same runbook with the same parameters on other servers and stopping the originals; a monitor never runs twice.";

    /// <summary>Display name.</summary>
    public const string Status = "Get Runbook Server Status";

    /// <summary>Description.</summary>
    public const string StatusDescription = "Lists the runbook servers with their max jobs, running and pending jobs, running monitors and maintenance state, one row per server.";
}
