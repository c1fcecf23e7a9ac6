using System;
using System.Collections.Generic;

namespace OrchPatch.Core.Orchestrator;

/// <summary>A runbook server (the web service exposes only its id and name).</summary>
/// <param name="Id">The id (same GUID as <c>dbo.ACTIONSERVERS.UniqueID</c> and <c>Job.RunbookServerId</c>).</param>
/// <param name="Name">The computer name.</param>
public sealed record RunbookServer(Guid Id, string Name)
{
    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>Whether a runbook parameter is an input or an output.</summary>
public enum RunbookParameterDirection
{
    /// <summary>An input (Initialize Data).</summary>
    In,

    /// <summary>An output (Return Data).</summary>
    Out,
}

/// <summary>A runbook's declared parameter.</summary>
/// <param name="Id">The parameter id, used by the 2012-2019 service to pass values.</param>
/// <param name="Name">The name.</param>
/// <param name="Type">The declared type, as text (for example "String").</param>
/// <param name="Direction">In or Out.</param>
public sealed record RunbookParameter(Guid Id, string Name, string Type, RunbookParameterDirection Direction);

/// <summary>A runbook.</summary>
/// <param name="Id">The id.</param>
/// <param name="Name">The name.</param>
/// <param name="Path">The path, for example <c>\PatchRunbook\4: WaitRunbook</c>.</param>
/// <param name="IsMonitor">Whether it starts with a monitor activity: its job never finishes by itself.</param>
/// <param name="Parameters">The declared parameters (In and Out).</param>
public sealed record Runbook(Guid Id, string Name, string Path, bool IsMonitor, IReadOnlyList<RunbookParameter> Parameters)
{
    /// <inheritdoc />
    public override string ToString() => Path;
}

/// <summary>A job's status (Orchestrator's <c>JobStatus</c> lookup: 0 Pending ... 4 Completed).</summary>
public enum JobStatus
{
    /// <summary>A value this version does not know; kept, never a crash (see <see cref="Job.StatusText"/>).</summary>
    Unknown = -1,

    /// <summary>Waiting for a runbook server.</summary>
    Pending = 0,

    /// <summary>Running on a runbook server.</summary>
    Running = 1,

    /// <summary>Ended with a failure.</summary>
    Failed = 2,

    /// <summary>Stopped (note the single "l", as on the wire).</summary>
    Canceled = 3,

    /// <summary>Ended normally.</summary>
    Completed = 4,
}

/// <summary>Conversions of <see cref="JobStatus"/> to and from wire text.</summary>
public static class JobStatuses
{
    /// <summary>Parses wire text, without regard to case (a "running" read as Unknown would hide a running job);
    /// anything unknown (including null) is <see cref="JobStatus.Unknown"/>.</summary>
    /// <param name="text">The wire text.</param>
    /// <returns>The status.</returns>
    public static JobStatus Parse(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        "PENDING" => JobStatus.Pending,
        "RUNNING" => JobStatus.Running,
        "FAILED" => JobStatus.Failed,
        "CANCELED" => JobStatus.Canceled,
        "COMPLETED" => JobStatus.Completed,
        _ => JobStatus.Unknown,
    };

    /// <summary>The wire text of a known status.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The wire text.</returns>
    public static string ToWire(this JobStatus status) => status switch
    {
        JobStatus.Pending => "Pending",
        JobStatus.Running => "Running",
        JobStatus.Failed => "Failed",
        JobStatus.Canceled => "Canceled",
        JobStatus.Completed => "Completed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown has no wire text."),
    };

    /// <summary>Pending or Running: the job still holds (or waits for) a slot.</summary>
    /// <param name="status">The status.</param>
    /// <returns>True when active.</returns>
    public static bool IsActive(this JobStatus status) => status is JobStatus.Pending or JobStatus.Running;
}

/// <summary>One parameter value of a job as stored on the job: by parameter id (2012-2019) or by name (2022).</summary>
/// <param name="ParameterId">The runbook parameter's id, when the wire gives it.</param>
/// <param name="Name">The parameter's name, when the wire gives it.</param>
/// <param name="Value">The value.</param>
public sealed record JobParameterValue(Guid? ParameterId, string? Name, string Value);

/// <summary>A job: one request to run a runbook.</summary>
public sealed record Job
{
    /// <summary>The id.</summary>
    public Guid Id { get; init; }

    /// <summary>The runbook.</summary>
    public Guid RunbookId { get; init; }

    /// <summary>The status; <see cref="JobStatus.Unknown"/> when the wire text is unknown.</summary>
    public JobStatus Status { get; init; }

    /// <summary>The status as on the wire (null when the service sent null).</summary>
    public string? StatusText { get; init; }

    /// <summary>The server running it; null while pending.</summary>
    public Guid? RunbookServerId { get; init; }

    /// <summary>The servers the job may run on (the job-level override); empty for "any".</summary>
    public IReadOnlyList<string> RunbookServers { get; init; } = Array.Empty<string>();

    /// <summary>The parameter values the job was started with.</summary>
    public IReadOnlyList<JobParameterValue> Parameters { get; init; } = Array.Empty<JobParameterValue>();

    /// <summary>The parent job, for a child started by Invoke Runbook.</summary>
    public Guid? ParentId { get; init; }

    /// <summary>Whether the parent waits for this child.</summary>
    public bool? ParentIsWaiting { get; init; }

    /// <summary>When it was created (UTC).</summary>
    public DateTimeOffset CreationTime { get; init; }

    /// <summary>When it last changed (UTC).</summary>
    public DateTimeOffset LastModifiedTime { get; init; }

    /// <summary>Who created it (a SID on the 2012-2019 service), when known.</summary>
    public string? CreatedBy { get; init; }

    /// <summary>The entity tag for optimistic concurrency, when the service gives one.</summary>
    public string? ETag { get; init; }
}

/// <summary>One run of a job on a runbook server (a monitor's job has one per trigger).</summary>
/// <param name="Id">The id.</param>
/// <param name="RunbookId">The runbook.</param>
/// <param name="JobId">The job.</param>
/// <param name="RunbookServerId">Where it ran.</param>
/// <param name="Status">The completion status as text ("Success", "Warning", "Failed"; unknown while running).</param>
/// <param name="CreationTime">When it started (UTC).</param>
/// <param name="CompletionTime">When it ended (UTC); null while running.</param>
public sealed record RunbookInstance(
    Guid Id,
    Guid RunbookId,
    Guid JobId,
    Guid RunbookServerId,
    string Status,
    DateTimeOffset CreationTime,
    DateTimeOffset? CompletionTime)
{
    /// <summary>Whether the instance is still running.</summary>
    public bool IsRunning => CompletionTime is null;
}

/// <summary>Which jobs to list. Every filter is applied by the service (<c>$filter</c>), and all pages are read.</summary>
public sealed record JobQuery
{
    /// <summary>Only jobs running on this server (jobs that are still pending have no server).</summary>
    public Guid? RunbookServerId { get; init; }

    /// <summary>Only jobs of this runbook.</summary>
    public Guid? RunbookId { get; init; }

    /// <summary>Only jobs in these states; empty for any state. <see cref="JobStatus.Unknown"/> cannot be asked for.</summary>
    public IReadOnlyList<JobStatus> Statuses { get; init; } = Array.Empty<JobStatus>();

    /// <summary>Only jobs created at or after this time (UTC, to the second: the 2012-2019 service compares seconds).</summary>
    public DateTimeOffset? CreatedSince { get; init; }

    /// <summary>Only these jobs (an <c>or</c> of <c>Id eq</c> tests: one request reads several jobs by id); empty for
    /// any job. Keep it short (a few dozen ids): the whole filter is in the URL.</summary>
    public IReadOnlyList<Guid> Ids { get; init; } = Array.Empty<Guid>();

    /// <summary>Pending and Running jobs.</summary>
    public static JobQuery Active { get; } = new() { Statuses = new[] { JobStatus.Pending, JobStatus.Running } };

    /// <summary>Pending and Running jobs on one server.</summary>
    /// <param name="serverId">The server.</param>
    /// <returns>The query.</returns>
    public static JobQuery ActiveOn(Guid serverId) => Active with { RunbookServerId = serverId };

    /// <summary>Pending and Running jobs of one runbook.</summary>
    /// <param name="runbookId">The runbook.</param>
    /// <returns>The query.</returns>
    public static JobQuery ActiveOf(Guid runbookId) => Active with { RunbookId = runbookId };
}

/// <summary>One counted answer: how many jobs matched, and the newest of them (read in the same request, so the two
/// agree).</summary>
/// <param name="Total">How many jobs matched, as the service counted them.</param>
/// <param name="Newest">The matching job created last, or null when none matched (or the service ignored the order:
/// then it is some matching job; see <see cref="IOrchestratorService.CountJobsAsync"/>).</param>
public sealed record JobCount(long Total, Job? Newest);

/// <summary>A request to start a runbook.</summary>
public sealed record StartJobRequest
{
    /// <summary>Creates a request.</summary>
    /// <param name="runbookId">The runbook.</param>
    public StartJobRequest(Guid runbookId) => RunbookId = runbookId;

    /// <summary>The runbook.</summary>
    public Guid RunbookId { get; init; }

    /// <summary>In-parameter values by parameter name (names are resolved to ids where the service needs them).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>The servers the job may run on; empty lets Orchestrator choose.</summary>
    public IReadOnlyList<string> RunbookServers { get; init; } = Array.Empty<string>();
}
