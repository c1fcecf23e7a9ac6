namespace OrchPatch.Simulator;

/// <summary>Whether a runbook server's Runbook Service runs.</summary>
public enum ServerStatus
{
    /// <summary>Polling and taking work.</summary>
    Online,

    /// <summary>Taken offline until brought online.</summary>
    Offline,

    /// <summary>Rebooting; back online by itself.</summary>
    Rebooting,
}
