using System;
using System.Collections.Generic;

namespace OrchPatch.Simulator.Metrics;

/// <summary>What happened in the farm over a window of simulated time, computed from the event log alone.</summary>
public sealed record SimulatorMetrics
{
    /// <summary>The window's start.</summary>
    public DateTimeOffset From { get; init; }

    /// <summary>The window's end.</summary>
    public DateTimeOffset To { get; init; }

    /// <summary>Jobs created in the window.</summary>
    public int JobsCreated { get; init; }

    /// <summary>Jobs that ended Completed in the window.</summary>
    public int JobsCompleted { get; init; }

    /// <summary>Jobs that ended Failed in the window.</summary>
    public int JobsFailed { get; init; }

    /// <summary>Jobs that ended Canceled in the window.</summary>
    public int JobsCanceled { get; init; }

    /// <summary>Running instances killed by a reboot or an offline server in the window (work lost).</summary>
    public int JobsInterrupted { get; init; }

    /// <summary>Starts of jobs that had been interrupted before (each runs again from the beginning).</summary>
    public int Restarts { get; init; }

    /// <summary>Per monitor runbook that has ever run: the time without a running job of it.</summary>
    public IReadOnlyList<MonitorGap> MonitorGaps { get; init; } = Array.Empty<MonitorGap>();

    /// <summary>Time spent Pending, every job.</summary>
    public QueueWaitStats QueueWait { get; init; } = QueueWaitStats.Empty;

    /// <summary>Time spent Pending, ordinary runbooks only (not monitors, the Wait Runbook or the Canary).</summary>
    public QueueWaitStats OrdinaryQueueWait { get; init; } = QueueWaitStats.Empty;

    /// <summary>Total time during which no runbook server accepted work (an HA violation). A server accepts work when
    /// it is online and its max jobs in effect exceeds the Wait Runbook jobs running on it.</summary>
    public TimeSpan TimeWithoutServerAcceptingWork { get; init; }

    /// <summary>The fewest servers accepting work at any moment of the window.</summary>
    public int FewestServersAcceptingWork { get; init; }

    /// <summary>Capacity over the window, as steps: each point holds from its time until the next one's. The first point
    /// is at the window's start and the last at its end.</summary>
    public IReadOnlyList<CapacityPoint> Capacity { get; init; } = Array.Empty<CapacityPoint>();

    /// <summary>Requests answered, by "API METHOD EntitySet" (for example "OData GET Jobs", "WebApi PATCH Jobs").</summary>
    public IReadOnlyDictionary<string, int> RequestsByEndpoint { get; init; } = new Dictionary<string, int>();

    /// <summary>Requests answered, by API (OData, WebApi, Control).</summary>
    public IReadOnlyDictionary<string, int> RequestsByApi { get; init; } = new Dictionary<string, int>();
}

/// <summary>A monitor runbook's monitoring gap: time, after it first ran, with no job of it running.</summary>
/// <param name="RunbookPath">The monitor.</param>
/// <param name="TotalGap">All gaps in the window, added up.</param>
/// <param name="WorstGap">The longest single gap (its part inside the window).</param>
/// <param name="Gaps">How many gaps.</param>
public sealed record MonitorGap(string RunbookPath, TimeSpan TotalGap, TimeSpan WorstGap, int Gaps);

/// <summary>Queue waits: each time a job was Pending, from creation (or interruption) until it started or ended.
/// A wait counts when it ends inside the window or is still going at its end (measured to the end).</summary>
/// <param name="Count">How many waits.</param>
/// <param name="Total">Their sum.</param>
/// <param name="Mean">Their mean.</param>
/// <param name="Max">The longest.</param>
public sealed record QueueWaitStats(int Count, TimeSpan Total, TimeSpan Mean, TimeSpan Max)
{
    /// <summary>No waits.</summary>
    public static QueueWaitStats Empty { get; } = new(0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
}

/// <summary>The farm's capacity from one moment on: how many servers accept work (online, with a slot beyond their
/// wait jobs) and how many more jobs they could start (max jobs in effect minus running jobs, on those servers).</summary>
/// <param name="Time">From when.</param>
/// <param name="ServersAcceptingWork">Servers accepting work.</param>
/// <param name="FreeSlots">Free job slots on the servers accepting work.</param>
public sealed record CapacityPoint(DateTimeOffset Time, int ServersAcceptingWork, int FreeSlots);
