using System;
using System.Collections.Generic;
using OrchPatch.Simulator.Scenarios;

namespace OrchPatch.Simulator;

/// <summary>A runbook server as the simulator sees it (more than the web service shows: status and throttle).</summary>
/// <param name="Id">The id.</param>
/// <param name="Name">The name.</param>
/// <param name="Status">Online, offline or rebooting.</param>
/// <param name="MaxJobs">The configured max jobs (what the throttle reads back).</param>
/// <param name="EffectiveMaxJobs">The max jobs the Runbook Service honours now.</param>
/// <param name="RunningJobs">Jobs running there.</param>
/// <param name="PendingJobs">Pending jobs that may run there.</param>
/// <param name="BackOnlineAt">When a rebooting server returns.</param>
public sealed record ServerState(
    Guid Id,
    string Name,
    ServerStatus Status,
    int MaxJobs,
    int EffectiveMaxJobs,
    int RunningJobs,
    int PendingJobs,
    DateTimeOffset? BackOnlineAt)
{
    /// <summary>Whether it polls and takes work.</summary>
    public bool IsOnline => Status == ServerStatus.Online;
}

/// <summary>A published runbook.</summary>
/// <param name="Id">The id.</param>
/// <param name="Path">The path.</param>
/// <param name="Kind">Ordinary, monitor, wait or canary.</param>
/// <param name="Concurrency">How many of its jobs may run at once.</param>
/// <param name="Parameters">Its declared parameters.</param>
/// <param name="Servers">Its own Primary/Standby list; empty for any server.</param>
/// <param name="RunningJobs">Its jobs running now.</param>
public sealed record RunbookState(
    Guid Id,
    string Path,
    RunbookKind Kind,
    int Concurrency,
    IReadOnlyList<ParameterState> Parameters,
    IReadOnlyList<string> Servers,
    int RunningJobs)
{
    /// <summary>Whether it is a monitor.</summary>
    public bool IsMonitor => Kind == RunbookKind.Monitor;
}

/// <summary>A job, with what only the simulator knows (its planned end, its cancel request, its attempts).</summary>
public sealed record JobState
{
    /// <summary>The id.</summary>
    public Guid Id { get; init; }

    /// <summary>The runbook.</summary>
    public Guid RunbookId { get; init; }

    /// <summary>The runbook's path.</summary>
    public string RunbookPath { get; init; } = string.Empty;

    /// <summary>The runbook's kind.</summary>
    public RunbookKind Kind { get; init; }

    /// <summary>The status, as the web services report it.</summary>
    public SimulatedJobStatus Status { get; init; }

    /// <summary>The server running it (or that ran it last); null while Pending.</summary>
    public string? Server { get; init; }

    /// <summary>That server's id.</summary>
    public Guid? ServerId { get; init; }

    /// <summary>The job's own RunbookServers; empty for none.</summary>
    public IReadOnlyList<string> RunbookServers { get; init; } = Array.Empty<string>();

    /// <summary>Parameter values by name.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>The parent job, for a child.</summary>
    public Guid? ParentId { get; init; }

    /// <summary>Whether the parent waits for it.</summary>
    public bool? ParentIsWaiting { get; init; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreationTime { get; init; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset LastModifiedTime { get; init; }

    /// <summary>When its current (or last) run started; null if it never ran.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>When its current run will end by itself; null while Pending or for a job that runs until canceled.
    /// For a benchmark: the longest remaining run time of ordinary jobs when a drain began.</summary>
    public DateTimeOffset? PlannedEndTime { get; init; }

    /// <summary>Whether a cancel was requested and not yet acted on (or acted on: then Status is Canceled).</summary>
    public bool CancelRequested { get; init; }

    /// <summary>How many times it started (more than 1 after interruptions).</summary>
    public int Attempts { get; init; }

    /// <summary>How many of its runs died with their server.</summary>
    public int Interruptions { get; init; }
}

/// <summary>One run of a job.</summary>
/// <param name="Id">The id.</param>
/// <param name="JobId">The job.</param>
/// <param name="RunbookId">The runbook.</param>
/// <param name="Server">Where it runs or ran.</param>
/// <param name="Status">InProgress, Success, Failed or Canceled.</param>
/// <param name="CreationTime">When it started.</param>
/// <param name="CompletionTime">When it ended; null while running.</param>
public sealed record InstanceState(Guid Id, Guid JobId, Guid RunbookId, string Server, string Status, DateTimeOffset CreationTime, DateTimeOffset? CompletionTime)
{
    /// <summary>Whether it still runs.</summary>
    public bool IsRunning => CompletionTime is null;
}
