using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Core.Utils;

namespace OrchPatch.Core.Maintenance;

/// <summary>What a progress event is about.</summary>
public enum MaintenanceEventKind
{
    /// <summary>A step began ("Starting the wait job on RB02").</summary>
    StepStarted,

    /// <summary>A step ended.</summary>
    StepFinished,

    /// <summary>The engine is waiting; <see cref="MaintenanceEvent.Remaining"/> lists what it waits for.</summary>
    Waiting,

    /// <summary>A job the drain waited for has ended.</summary>
    JobFinished,

    /// <summary>A job was moved to another server.</summary>
    JobRelocated,

    /// <summary>A job was canceled (work lost).</summary>
    JobCanceled,

    /// <summary>Something the user should know; nothing failed.</summary>
    Warning,

    /// <summary>A transient fault that will be retried.</summary>
    Retrying,

    /// <summary>A server's phase changed in a rolling patch (draining, patching, restoring, done).</summary>
    ServerPhase,
}

/// <summary>A job as reports show it: the runbook's path and how long it has been running.</summary>
/// <param name="JobId">The job.</param>
/// <param name="RunbookPath">The runbook.</param>
/// <param name="Status">Its status.</param>
/// <param name="Running">How long it has run (or waited) so far.</param>
public sealed record JobSummary(Guid JobId, string RunbookPath, JobStatus Status, TimeSpan Running)
{
    /// <summary>For example <c>\Ops\Backup (running 14m)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        $"{RunbookPath} ({(Status == JobStatus.Pending ? "pending" : "running")} {Durations.Format(Running < TimeSpan.Zero ? TimeSpan.Zero : Running)})";
}

/// <summary>One progress event. Immutable; the CLI prints it, the activities ignore it, tests assert on it.</summary>
/// <param name="Time">When (UTC, from the engine's clock).</param>
/// <param name="Server">The server it concerns.</param>
/// <param name="Kind">What it is.</param>
/// <param name="Message">A complete sentence for people.</param>
public sealed record MaintenanceEvent(DateTimeOffset Time, string Server, MaintenanceEventKind Kind, string Message)
{
    /// <summary>For <see cref="MaintenanceEventKind.Waiting"/>: the jobs still running.</summary>
    public IReadOnlyList<JobSummary> Remaining { get; init; } = Array.Empty<JobSummary>();

    /// <summary>The job concerned, if any.</summary>
    public JobSummary? Job { get; init; }

    /// <summary>For <see cref="MaintenanceEventKind.ServerPhase"/>: the new phase.</summary>
    public ServerPhase? Phase { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Time.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} {Server}: {Message}";
}

/// <summary>Where a server is in a rolling patch.</summary>
public enum ServerPhase
{
    /// <summary>Not yet touched.</summary>
    Waiting,

    /// <summary>Being drained.</summary>
    Draining,

    /// <summary>The patch step runs.</summary>
    Patching,

    /// <summary>Health gate and restore.</summary>
    Restoring,

    /// <summary>Patched and back in service.</summary>
    Done,

    /// <summary>Something failed; the result says what state it was left in.</summary>
    Failed,
}
