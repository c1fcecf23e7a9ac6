using System;
using System.Collections.Generic;
using System.Linq;
using OrchPatch.Simulator;
using OrchPatch.Simulator.Metrics;

namespace OrchPatch.Lab;

/// <summary>Everything measured in one maintenance run: the window, each server's timeline and the farm-wide figures.
/// Immutable; what the demo's summary, its HTML report and each row of the benchmark are made of.</summary>
public sealed record MaintenanceReport
{
    /// <summary>The procedure that ran ("orchpatch", "seed-60s").</summary>
    public string Strategy { get; init; } = string.Empty;

    /// <summary>Whether the procedure patched every server.</summary>
    public bool Succeeded { get; init; }

    /// <summary>What went wrong, when something did.</summary>
    public string Error { get; init; } = string.Empty;

    /// <summary>When the maintenance began (simulated time).</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset FinishedAt { get; init; }

    /// <summary>The maintenance window.</summary>
    public TimeSpan Window => FinishedAt - StartedAt;

    /// <summary>The engine's poll interval (the drain target's slack).</summary>
    public TimeSpan EnginePollInterval { get; init; }

    /// <summary>The simulated Runbook Service's poll interval (the monitor-gap target's unit).</summary>
    public TimeSpan RunbookServicePollInterval { get; init; }

    /// <summary>Every server, in the order they were handled.</summary>
    public IReadOnlyList<ServerTimeline> Servers { get; init; } = Array.Empty<ServerTimeline>();

    /// <summary>Ordinary jobs stopped or killed before they finished, farm-wide, in the window (work lost).</summary>
    public int JobsInterrupted { get; init; }

    /// <summary>Ordinary jobs started again from the beginning (by the procedure, or requeued by Orchestrator).</summary>
    public int JobsRestarted { get; init; }

    /// <summary>Monitor gaps in the window, added up over every monitor.</summary>
    public TimeSpan MonitorGapTotal { get; init; }

    /// <summary>The longest single monitor gap in the window.</summary>
    public TimeSpan MonitorGapWorst { get; init; }

    /// <summary>Time ordinary jobs spent Pending in the window, added up.</summary>
    public TimeSpan QueueWait { get; init; }

    /// <summary>How many ordinary jobs waited.</summary>
    public int QueueWaits { get; init; }

    /// <summary>The fewest servers accepting work at any moment of the window.</summary>
    public int FewestServersAcceptingWork { get; init; }

    /// <summary>Web-service requests the procedure made (both web APIs; the throttle's are not counted).</summary>
    public int Requests { get; init; }

    /// <summary>Throttle requests (reads and writes of max jobs).</summary>
    public int ThrottleRequests { get; init; }

    /// <summary>The most requests per poll interval per drained server while a drain waited for jobs.</summary>
    public double RequestsPerPollWhileWaiting =>
        Servers.Where(s => s.Waited > TimeSpan.Zero && EnginePollInterval > TimeSpan.Zero)
            .Select(s => s.RequestsWhileWaiting / Math.Max(1, Math.Ceiling(s.Waited.TotalSeconds / EnginePollInterval.TotalSeconds)))
            .DefaultIfEmpty(0)
            .Max();

    /// <summary>The most servers out of service (draining, patching or restoring) at the same moment of the window.</summary>
    public int MostServersOutOfService { get; init; }

    /// <summary>The window this run's schedule would have had if each drain had ended exactly at its lower bound, with
    /// the same order and concurrency (<see cref="PerfectKnowledge.Window"/> says how it is replayed).</summary>
    public TimeSpan WindowWithPerfectKnowledge => PerfectKnowledge.Window(this);

    /// <summary>The most ordinary jobs running at once during the window.</summary>
    public int PeakRunningJobs { get; init; }

    /// <summary>Every job run in the window, for the timeline picture (empty unless asked for).</summary>
    public IReadOnlyList<JobBar> JobBars { get; init; } = Array.Empty<JobBar>();

    /// <summary>The farm's capacity over the window, as steps (servers accepting work, free slots), for the capacity
    /// chart (empty unless job bars are asked for, see <see cref="LabOptions.CollectJobBars"/>).</summary>
    public IReadOnlyList<CapacityPoint> Capacity { get; init; } = Array.Empty<CapacityPoint>();

    /// <summary>The sum of the servers' drain lower bounds: no lossless procedure has a shorter window.</summary>
    public TimeSpan LowerBoundTotal => TimeSpan.FromTicks(Servers.Sum(s => s.LowerBound.Ticks));

    /// <summary>Real time the run took (engine, client and simulator together; measuring its log afterwards is not included).</summary>
    public TimeSpan RealTime { get; init; }

    /// <summary>Processor time the run took (engine, client and simulator together; measuring its log afterwards is not
    /// included, so that a sweep's engine CPU is the engine's and not the cost of this report).</summary>
    public TimeSpan CpuTime { get; init; }
}
