using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using OrchPatch.Core.Utils;

namespace OrchPatch.Core.Maintenance;

/// <summary>How one server fared in a rolling patch.</summary>
public enum ServerPatchOutcome
{
    /// <summary>Drained, patched, healthy, restored.</summary>
    Patched,

    /// <summary>The drain was refused or rolled back: the server is back in service, unpatched.</summary>
    NotDrained,

    /// <summary>The drain failed after a change; see the state left behind.</summary>
    DrainFailed,

    /// <summary>The patch step failed: the server stays drained.</summary>
    PatchFailed,

    /// <summary>The server did not prove healthy after patching: it stays drained.</summary>
    HealthGateFailed,

    /// <summary>The restore failed; see the state left behind.</summary>
    RestoreFailed,

    /// <summary>The run stopped before this server.</summary>
    NotAttempted,
}

/// <summary>One server in a rolling patch. Immutable.</summary>
public sealed record ServerPatchResult
{
    /// <summary>The server.</summary>
    public string Server { get; init; } = string.Empty;

    /// <summary>How it fared.</summary>
    public ServerPatchOutcome Outcome { get; init; }

    /// <summary>The drain, when it ran.</summary>
    public DrainResult? Drain { get; init; }

    /// <summary>What the patch step said.</summary>
    public string PatchOutput { get; init; } = string.Empty;

    /// <summary>The restore, when it ran.</summary>
    public RestoreResult? Restore { get; init; }

    /// <summary>What failed, when something did.</summary>
    public string Error { get; init; } = string.Empty;

    /// <summary>The state the server was left in, for outcomes other than Patched.</summary>
    public string StateLeftBehind { get; init; } = string.Empty;

    /// <summary>When work on it began.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset FinishedAt { get; init; }

    /// <summary>How long drain, patch and restore took together.</summary>
    public TimeSpan Duration => FinishedAt - StartedAt;
}

/// <summary>A whole rolling patch. Immutable.</summary>
public sealed record RollingPatchResult
{
    /// <summary>Every server, in the order handled (not attempted ones last).</summary>
    public IReadOnlyList<ServerPatchResult> Servers { get; init; } = Array.Empty<ServerPatchResult>();

    /// <summary>Why the run stopped early, or empty when every server was handled.</summary>
    public string StoppedBecause { get; init; } = string.Empty;

    /// <summary>When the run began.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset FinishedAt { get; init; }

    /// <summary>The maintenance window it took.</summary>
    public TimeSpan Duration => FinishedAt - StartedAt;

    /// <summary>Whether every server was patched.</summary>
    public bool Succeeded => Servers.Count > 0 && Servers.All(s => s.Outcome == ServerPatchOutcome.Patched);

    /// <summary>One block of text for people.</summary>
    /// <returns>The summary.</returns>
    public string Summary()
    {
        var text = new StringBuilder();
        var patched = Servers.Count(s => s.Outcome == ServerPatchOutcome.Patched);
        text.Append($"Patched {patched} of {Plural.Of(Servers.Count, "runbook server")} in {Durations.Format(Duration)}.");
        if (StoppedBecause.Length > 0)
        {
            text.Append(" Stopped: ").Append(StoppedBecause);
        }

        foreach (var server in Servers.Where(s => s.Outcome != ServerPatchOutcome.Patched))
        {
            text.Append($" {server.Server}: {server.Outcome}{(server.Error.Length > 0 ? " (" + server.Error + ")" : string.Empty)}{(server.StateLeftBehind.Length > 0 ? "; " + server.StateLeftBehind : string.Empty)}.");
        }

        return text.ToString();
    }
}
