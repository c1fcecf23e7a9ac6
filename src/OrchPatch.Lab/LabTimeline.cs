using System;
using System.Collections.Generic;
using OrchPatch.Simulator;
using OrchPatch.Simulator.Scenarios;

namespace OrchPatch.Lab;

/// <summary>Where a server is during a measured maintenance run (the lanes of the demo's timeline).</summary>
public enum LabPhase
{
    /// <summary>In service.</summary>
    Normal,

    /// <summary>Being drained: the wait job holds its last slot and its jobs are finishing or moving.</summary>
    Draining,

    /// <summary>The patch step runs (the server reboots).</summary>
    Patching,

    /// <summary>Health gate and restore.</summary>
    Restoring,
}

/// <summary>A stretch of one phase on one server.</summary>
/// <param name="Phase">The phase.</param>
/// <param name="From">When it began.</param>
/// <param name="To">When it ended.</param>
public sealed record PhaseSpan(LabPhase Phase, DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>How long it lasted.</summary>
    public TimeSpan Duration => To - From;
}

/// <summary>One run of a job on a server, for the timeline picture.</summary>
/// <param name="Server">Where it ran.</param>
/// <param name="RunbookPath">The runbook.</param>
/// <param name="Kind">Ordinary, monitor, wait or canary.</param>
/// <param name="From">When the run started (or the window's start).</param>
/// <param name="To">When it ended (or the window's end).</param>
/// <param name="Ending">How it ended, one lower-case word (the --json vocabulary): completed, failed, canceled, interrupted, or running at the window's end.</param>
public sealed record JobBar(string Server, string RunbookPath, RunbookKind Kind, DateTimeOffset From, DateTimeOffset To, string Ending);

/// <summary>What one server went through during a measured maintenance run. Immutable.</summary>
public sealed record ServerTimeline
{
    /// <summary>The server.</summary>
    public string Server { get; init; } = string.Empty;

    /// <summary>Its phases, in order, covering the whole window.</summary>
    public IReadOnlyList<PhaseSpan> Phases { get; init; } = Array.Empty<PhaseSpan>();

    /// <summary>Whether it was drained, patched and restored.</summary>
    public bool Patched { get; init; }

    /// <summary>When the drain began; null when it never did.</summary>
    public DateTimeOffset? DrainStartedAt { get; init; }

    /// <summary>How long the drain took (until only the wait job ran there).</summary>
    public TimeSpan DrainTime { get; init; }

    /// <summary>The longest remaining run time of ordinary jobs on the server when the drain began.</summary>
    public TimeSpan LowerBound { get; init; }

    /// <summary>Drain time over lower bound; null when the bound is zero.</summary>
    public double? Ratio => LowerBound > TimeSpan.Zero ? DrainTime.TotalSeconds / LowerBound.TotalSeconds : null;

    /// <summary>Ordinary jobs on the server that ended by themselves during the drain.</summary>
    public int JobsFinishedDuringDrain { get; init; }

    /// <summary>Ordinary jobs on the server stopped or killed before they finished (work lost), drain to restore.</summary>
    public int JobsInterrupted { get; init; }

    /// <summary>Monitors moved off the server during the drain.</summary>
    public int MonitorsMoved { get; init; }

    /// <summary>The longest time any monitor had no running job during this server's drain.</summary>
    public TimeSpan WorstMonitorGap { get; init; }

    /// <summary>Web-service requests made while the drain waited for jobs that concern this server
    /// (<see cref="RequestLedger.ChargedTo"/>): another server's drain or restore, at the same time, is not charged
    /// here. A request that names no server is charged to the server out of service whose phase began last
    /// (<see cref="OutOfService.LatestAt"/>), so with one server at a time every request of the wait is its own.</summary>
    public int RequestsWhileWaiting { get; init; }

    /// <summary>How long the drain waited for jobs (from its first look to drained).</summary>
    public TimeSpan Waited { get; init; }
}
