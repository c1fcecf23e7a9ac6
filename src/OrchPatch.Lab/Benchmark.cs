using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using OrchPatch.Simulator;
using OrchPatch.Simulator.Scenarios;

namespace OrchPatch.Lab;

/// <summary>One procedure's row of the benchmark: its measured run and the queue wait it added over a farm left alone.</summary>
/// <param name="Report">The measured run.</param>
/// <param name="QueueWaitAdded">Ordinary jobs' Pending time in the window, minus the same window of the baseline.</param>
public sealed record BenchRow(MaintenanceReport Report, TimeSpan QueueWaitAdded)
{
    /// <summary>Whether the row meets every target.</summary>
    public bool MeetsTargets => BenchTargets.Check(Report).All(t => t.Met);
}

/// <summary>The benchmark: the same seeded farm and workload patched by each procedure, and once left alone.</summary>
/// <param name="Scenario">The farm.</param>
/// <param name="Rows">One per procedure, in the order run.</param>
/// <param name="Baseline">The farm with no maintenance, over the longest window.</param>
public sealed record BenchResult(Scenario Scenario, IReadOnlyList<BenchRow> Rows, MaintenanceReport Baseline);

/// <summary>Runs the benchmark.</summary>
public static class Benchmark
{
    /// <summary>The seed's waits the benchmark compares: 10 s, 60 s, 5 min, 15 min.</summary>
    public static IReadOnlyList<TimeSpan> SeedWaits { get; } = new[] { TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15) };

    /// <summary>The procedures compared: the seed's for each X, then the engine.</summary>
    /// <returns>The procedures.</returns>
    public static IReadOnlyList<IMaintenanceProcedure> Procedures() => Procedures(new EngineProcedure().MaxUnavailable);

    /// <summary>The procedures compared, the engine with up to <paramref name="maxUnavailable"/> servers out at once.</summary>
    /// <param name="maxUnavailable">The engine's <see cref="OrchPatch.Core.Maintenance.RollingPatchOptions.MaxUnavailable"/>.</param>
    /// <returns>The procedures.</returns>
    public static IReadOnlyList<IMaintenanceProcedure> Procedures(int? maxUnavailable) =>
        SeedWaits.Select(x => (IMaintenanceProcedure)new SeedProcedure(x)).Append(new EngineProcedure { MaxUnavailable = maxUnavailable }).ToList();

    /// <summary>Runs every procedure on <paramref name="scenario"/>, then the baseline.</summary>
    /// <param name="scenario">The farm and workload (the same seed for each procedure).</param>
    /// <param name="procedures">What to compare; <see cref="Procedures()"/> when null.</param>
    /// <param name="options">Warm-up, downtime, settings; defaults when null.</param>
    /// <param name="onRow">Called after each procedure (progress).</param>
    /// <param name="cancellationToken">Stops the benchmark.</param>
    /// <returns>The result.</returns>
    public static BenchResult Run(Scenario scenario, IReadOnlyList<IMaintenanceProcedure>? procedures = null, LabOptions? options = null, Action<MaintenanceReport>? onRow = null, CancellationToken cancellationToken = default)
    {
        if (scenario is null)
        {
            throw new ArgumentNullException(nameof(scenario));
        }

        var reports = new List<MaintenanceReport>();
        foreach (var procedure in procedures ?? Procedures())
        {
            var report = MaintenanceRun.Run(scenario, procedure, options, cancellationToken);
            reports.Add(report);
            onRow?.Invoke(report);
        }

        var windows = reports.Select(r => r.Window).DefaultIfEmpty(TimeSpan.FromMinutes(1)).ToList();
        var baseline = MaintenanceRun.Baseline(scenario, windows, options, cancellationToken);
        var rows = reports.Select((r, i) => new BenchRow(r, r.QueueWait - baseline.QueueWaits[i])).ToList();
        return new BenchResult(scenario, rows, baseline.Report);
    }
}
