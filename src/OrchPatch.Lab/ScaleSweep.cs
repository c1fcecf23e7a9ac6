using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using OrchPatch.Simulator;

namespace OrchPatch.Lab;

/// <summary>One point of the scale sweep: the engine's rolling patch of a farm of a given size and load.</summary>
/// <param name="Servers">Runbook servers.</param>
/// <param name="TargetRunning">The mean number of ordinary jobs running the workload was sized for.</param>
/// <param name="Report">The engine's run.</param>
/// <param name="BaselineCpu">Processor time of the same farm over the same window with no maintenance.</param>
public sealed record SweepPoint(int Servers, int TargetRunning, MaintenanceReport Report, TimeSpan BaselineCpu)
{
    /// <summary>Processor time attributable to the engine and its client: the run's minus the baseline's (never below zero).</summary>
    public TimeSpan EngineCpu => Report.CpuTime > BaselineCpu ? Report.CpuTime - BaselineCpu : TimeSpan.Zero;

    /// <summary>The engine's processor time per simulated hour of maintenance.</summary>
    public TimeSpan EngineCpuPerSimulatedHour => Report.Window > TimeSpan.Zero ? TimeSpan.FromTicks((long)(EngineCpu.Ticks / Report.Window.TotalHours)) : TimeSpan.Zero;

    /// <summary>Web-service requests per server patched.</summary>
    public double RequestsPerServer => Report.Servers.Count == 0 ? 0 : (double)Report.Requests / Report.Servers.Count;
}

/// <summary>How the engine's cost grows with the farm: servers 2, 5, 10, 20 and loads of 50, 200, 500, 1,000 and 2,000
/// running jobs, where the other servers can hold them. (The simulator answers the engine's active-jobs queries from an
/// index of the active jobs, so a point's cost does not grow with the history the farm accumulates.)</summary>
public static class ScaleSweep
{
    /// <summary>The farm sizes swept.</summary>
    public static IReadOnlyList<int> ServerCounts { get; } = new[] { 2, 5, 10, 20 };

    /// <summary>The loads swept (mean ordinary jobs running).</summary>
    public static IReadOnlyList<int> Loads { get; } = new[] { 50, 200, 500, 1000, 2000 };

    /// <summary>The points swept: every size with every load the other servers can hold while one is drained.</summary>
    /// <returns>(servers, load) pairs, smallest first.</returns>
    public static IReadOnlyList<(int Servers, int Running)> Points() =>
        ServerCounts.SelectMany(n => Loads.Where(load => load * 2 <= (n - 1) * Core.Throttle.ThrottleLimits.MaxMaxJobs).Select(load => (n, load))).ToList();

    /// <summary>Runs the engine on each point, and the same farm without maintenance to subtract the simulator's cost.</summary>
    /// <param name="points">What to run; <see cref="Points"/> when null.</param>
    /// <param name="seed">The workload's seed.</param>
    /// <param name="options">Warm-up and settings; defaults when null.</param>
    /// <param name="onPoint">Called after each point (progress).</param>
    /// <param name="cancellationToken">Stops the sweep.</param>
    /// <returns>The points.</returns>
    public static IReadOnlyList<SweepPoint> Run(IReadOnlyList<(int Servers, int Running)>? points = null, int seed = LabWorkload.DefaultSeed, LabOptions? options = null, Action<SweepPoint>? onPoint = null, CancellationToken cancellationToken = default)
    {
        var results = new List<SweepPoint>();
        foreach (var (servers, running) in points ?? Points())
        {
            var scenario = LabWorkload.Create(servers, LabWorkload.RateFor(running), seed);
            var report = MaintenanceRun.Run(scenario, new EngineProcedure(), options, cancellationToken);
            var baseline = MaintenanceRun.Baseline(scenario, new[] { report.Window }, options, cancellationToken);
            var point = new SweepPoint(servers, running, report, baseline.Report.CpuTime);
            results.Add(point);
            onPoint?.Invoke(point);
        }

        return results;
    }
}
