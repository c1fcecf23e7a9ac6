using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using OrchPatch.Core.Utils;

namespace OrchPatch.Core.Maintenance;

/// <summary>How a drain ended.</summary>
public enum DrainOutcome
{
    /// <summary>Only the wait job runs on the server: it can be patched.</summary>
    Drained,

    /// <summary>The deadline passed and the policy gave the server back as it was found.</summary>
    RolledBack,
}

/// <summary>Everything a runbook or a report needs to know about a drain. Immutable.</summary>
public sealed record DrainResult
{
    /// <summary>The server.</summary>
    public string Server { get; init; } = string.Empty;

    /// <summary>How it ended.</summary>
    public DrainOutcome Outcome { get; init; }

    /// <summary>Max jobs before the drain (recorded; restored afterwards).</summary>
    public int PreviousMaxJobs { get; init; }

    /// <summary>The wait job holding the server and the record.</summary>
    public Guid WaitJobId { get; init; }

    /// <summary>Whether an existing maintenance was continued rather than started.</summary>
    public bool Resumed { get; init; }

    /// <summary>The jobs the drain waited for that ended while it waited.</summary>
    public IReadOnlyList<JobSummary> Completed { get; init; } = Array.Empty<JobSummary>();

    /// <summary>The jobs moved to other servers (monitors at once; restartable jobs at the deadline).</summary>
    public IReadOnlyList<RelocatedJob> Relocated { get; init; } = Array.Empty<RelocatedJob>();

    /// <summary>The jobs canceled at the deadline under policy Cancel: their work was lost.</summary>
    public IReadOnlyList<JobSummary> Canceled { get; init; } = Array.Empty<JobSummary>();

    /// <summary>Jobs that started on the server after its wait job did, so after max jobs was set to 1: the throttle was
    /// not in effect (a service restart pending, or another tool raised it). Each is also named in a warning.</summary>
    public IReadOnlyList<JobSummary> LandedAfterThrottle { get; init; } = Array.Empty<JobSummary>();

    /// <summary>For <see cref="DrainOutcome.RolledBack"/>: the jobs that blocked the drain. For a drained server: jobs
    /// that may run only on it and wait for the restore.</summary>
    public IReadOnlyList<JobSummary> Blockers { get; init; } = Array.Empty<JobSummary>();

    /// <summary>When the drain began (UTC).</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When it ended (UTC).</summary>
    public DateTimeOffset FinishedAt { get; init; }

    /// <summary>How long it took.</summary>
    public TimeSpan Duration => FinishedAt - StartedAt;

    /// <summary>The deadline that applied.</summary>
    public TimeSpan Deadline { get; init; }

    /// <summary>What the user should know; nothing failed.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = Array.Empty<string>();

    /// <summary>For <see cref="DrainOutcome.RolledBack"/>: the state the server was left in.</summary>
    public string StateLeftBehind { get; init; } = string.Empty;

    /// <summary>For <see cref="DrainOutcome.RolledBack"/>: what the user can do.</summary>
    public string WayOut { get; init; } = string.Empty;

    /// <summary>The monitors among <see cref="Relocated"/>.</summary>
    public int MonitorsRelocated => Relocated.Count(r => r.Category == JobCategory.Monitor);

    /// <summary>The ordinary jobs among <see cref="Relocated"/>.</summary>
    public int JobsRelocated => Relocated.Count(r => r.Category != JobCategory.Monitor);

    /// <summary>Throws <see cref="DrainBlockedException"/> unless the server was drained.</summary>
    /// <returns>This result, drained.</returns>
    /// <exception cref="DrainBlockedException">The drain was rolled back at the deadline.</exception>
    public DrainResult EnsureDrained() =>
        Outcome == DrainOutcome.Drained ? this : throw new DrainBlockedException(Server, Blockers, Deadline, WayOut, StateLeftBehind);

    /// <summary>One paragraph for people.</summary>
    /// <returns>The summary.</returns>
    public string Summary()
    {
        var text = new StringBuilder();
        text.Append(Outcome == DrainOutcome.Drained
            ? $"{Server} is drained{(Resumed ? " (continued an existing maintenance)" : string.Empty)} after {Durations.Format(Duration)}: only the wait job {WaitJobId} runs there and max jobs is 1 (was {PreviousMaxJobs})."
            : $"{Server} could not be drained before the deadline ({Durations.Format(Deadline)}) and was given back: {StateLeftBehind}.");
        text.Append($" {Plural.Of(Completed.Count, "job")} finished while it drained");
        if (Relocated.Count > 0)
        {
            text.Append($"; {Plural.Of(MonitorsRelocated, "monitor")} and {Plural.Of(JobsRelocated, "job")} moved ({string.Join(", ", Relocated.Select(r => $"{r.RunbookPath} -> {r.NewServer ?? "pending"}"))})");
        }

        if (Canceled.Count > 0)
        {
            text.Append($"; {Canceled.Count} canceled, their work lost ({string.Join(", ", Canceled.Select(c => c.RunbookPath))})");
        }

        text.Append('.');
        if (Blockers.Count > 0)
        {
            text.Append(Outcome == DrainOutcome.Drained ? " Waiting for the restore: " : " Blocked by: ").Append(string.Join(", ", Blockers)).Append('.');
        }

        foreach (var warning in Warnings)
        {
            text.Append(" Warning: ").Append(warning);
        }

        return text.ToString();
    }
}
