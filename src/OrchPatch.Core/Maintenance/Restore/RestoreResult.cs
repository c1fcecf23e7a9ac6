using System;
using System.Collections.Generic;
using System.Linq;

namespace OrchPatch.Core.Maintenance;

/// <summary>How a restore ended.</summary>
public enum RestoreOutcome
{
    /// <summary>The server takes work again with its recorded max jobs.</summary>
    Restored,

    /// <summary>The server was not in maintenance: nothing changed (a warning says so).</summary>
    NotInMaintenance,
}

/// <summary>Everything a runbook or report needs about a restore. Immutable.</summary>
public sealed record RestoreResult
{
    /// <summary>The server.</summary>
    public string Server { get; init; } = string.Empty;

    /// <summary>How it ended.</summary>
    public RestoreOutcome Outcome { get; init; }

    /// <summary>The max jobs set (0 when nothing was set).</summary>
    public int MaxJobsRestored { get; init; }

    /// <summary>The wait job that was canceled (empty when none).</summary>
    public Guid WaitJobId { get; init; }

    /// <summary>What the health gate saw, for example "canary \PatchRunbook\Canary completed in 12s" or "skipped".</summary>
    public string HealthCheckResult { get; init; } = string.Empty;

    /// <summary>When the restore began.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset FinishedAt { get; init; }

    /// <summary>How long it took.</summary>
    public TimeSpan Duration => FinishedAt - StartedAt;

    /// <summary>Half-finished monitor moves found and undone (a drain killed between starting a monitor's copy and
    /// stopping the original): the copy canceled, the original kept on the restored server.</summary>
    public IReadOnlyList<UndoneMove> MovesUndone { get; init; } = Array.Empty<UndoneMove>();

    /// <summary>What the user should know.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = Array.Empty<string>();

    /// <summary>One paragraph for people.</summary>
    /// <returns>The summary.</returns>
    public string Summary() => Outcome == RestoreOutcome.Restored
        ? $"{Server} is restored after {Durations.Format(Duration)}: max jobs {MaxJobsRestored}, wait job {WaitJobId} canceled; health check: {HealthCheckResult}." + string.Concat(MovesUndone.Select(m => " Undone: " + m.Describe() + ".")) + string.Concat(Warnings.Select(w => " Warning: " + w))
        : $"{Server} was not in maintenance; nothing changed." + string.Concat(Warnings.Skip(1).Select(w => " Warning: " + w));
}
