using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Utils;
using OrchPatch.Simulator;
using OrchPatch.Simulator.Events;
using OrchPatch.Simulator.Metrics;
using OrchPatch.Simulator.Scenarios;

namespace OrchPatch.Lab;

/// <summary>A farm left alone: the report over the longest window asked for, and the ordinary queue wait of each window.</summary>
/// <param name="Report">The report (no servers handled).</param>
/// <param name="QueueWaits">The ordinary queue wait of each window, in the order asked.</param>
public sealed record BaselineResult(MaintenanceReport Report, IReadOnlyList<TimeSpan> QueueWaits);

/// <summary>
/// Runs one maintenance procedure on a fresh simulated farm and measures it: the workload starts, runs for
/// <see cref="LabOptions.WarmUp"/>, then the procedure patches every server while work keeps arriving. Everything is
/// on the farm's virtual clock, so hours of maintenance take seconds; the same scenario and seed give the same run.
/// </summary>
public static class MaintenanceRun
{
    /// <summary>Runs and measures <paramref name="procedure"/>.</summary>
    /// <param name="scenario">The farm and its workload.</param>
    /// <param name="procedure">How to patch it.</param>
    /// <param name="options">Warm-up, patch downtime, settings; defaults when null.</param>
    /// <param name="cancellationToken">Stops the procedure at its next wait (Ctrl-C).</param>
    /// <returns>The report.</returns>
    /// <exception cref="OptionsValidationException">An option is invalid.</exception>
    /// <exception cref="TimeoutException">The procedure was still running at <see cref="LabOptions.Limit"/>.</exception>
    /// <exception cref="OperationCanceledException">The run was stopped.</exception>
    public static MaintenanceReport Run(Scenario scenario, IMaintenanceProcedure procedure, LabOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (scenario is null)
        {
            throw new ArgumentNullException(nameof(scenario));
        }

        if (procedure is null)
        {
            throw new ArgumentNullException(nameof(procedure));
        }

        options ??= new LabOptions();
        OptionsValidation.Validate(options);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        using var farm = new SimulatedFarm(scenario, options.Simulator);
        farm.Orchestrator.StartWorkload();
        farm.RunFor(options.WarmUp);
        cancellationToken.ThrowIfCancellationRequested();

        var session = new LabSession(farm, options);
        var startedAt = farm.Now;
        var error = farm.Run(() => procedure.RunAsync(session, cancellationToken), options.Limit);
        var (real, used) = (watch.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu);
        var report = Measure(farm, session, procedure.Name, startedAt, farm.Now, error, options);
        return report with { RealTime = real, CpuTime = used };
    }

    /// <summary>The same farm and workload with no maintenance, for the longest of <paramref name="windows"/> after the
    /// warm-up: the baseline the queue wait a procedure adds is measured against, and the cost of the simulator alone.</summary>
    /// <param name="scenario">The farm and its workload.</param>
    /// <param name="windows">The windows to measure the queue wait of (each from the end of the warm-up).</param>
    /// <param name="options">Warm-up and settings; defaults when null.</param>
    /// <param name="cancellationToken">Checked before the run.</param>
    /// <returns>The report over the longest window, and the ordinary queue wait of each window.</returns>
    public static BaselineResult Baseline(Scenario scenario, IReadOnlyList<TimeSpan> windows, LabOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (scenario is null)
        {
            throw new ArgumentNullException(nameof(scenario));
        }

        if (windows is null || windows.Count == 0 || windows.Any(w => w < TimeSpan.Zero))
        {
            throw new ArgumentException("Give at least one window, none negative.", nameof(windows));
        }

        options ??= new LabOptions();
        OptionsValidation.Validate(options);
        cancellationToken.ThrowIfCancellationRequested();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        using var farm = new SimulatedFarm(scenario, options.Simulator);
        farm.Orchestrator.StartWorkload();
        farm.RunFor(options.WarmUp);
        var startedAt = farm.Now;
        farm.RunFor(windows.Max());
        var (real, used) = (watch.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu);
        var report = Measure(farm, new LabSession(farm, options), "none", startedAt, farm.Now, null, options);
        report = report with { RealTime = real, CpuTime = used };
        var events = farm.Orchestrator.Events.All();
        return new BaselineResult(report, windows.Select(w => MetricsCalculator.Compute(events, startedAt, startedAt + w).OrdinaryQueueWait.Total).ToList());
    }

    private static MaintenanceReport Measure(SimulatedFarm farm, LabSession session, string name, DateTimeOffset from, DateTimeOffset to, string? error, LabOptions options)
    {
        var events = farm.Orchestrator.Events.All();
        var metrics = MetricsCalculator.Compute(events, from, to);
        var window = events.Where(e => e.Time >= from && e.Time <= to).ToList();
        var poll = (options.Engine ?? new MaintenanceSettings()).PollInterval;
        var phases = session.Servers.ToDictionary(s => s, s => session.Spans(s, from, to), StringComparer.OrdinalIgnoreCase);
        var outOfService = new OutOfService(phases);
        var servers = session.Servers.Select(s => Timeline(session, s, events, window, from, to, outOfService)).ToList();
        return new MaintenanceReport
        {
            Strategy = name,
            Succeeded = error is null && servers.Count > 0 && servers.All(s => s.Patched),
            Error = error ?? string.Empty,
            StartedAt = from,
            FinishedAt = to,
            EnginePollInterval = poll,
            RunbookServicePollInterval = farm.Orchestrator.Settings.RunbookServicePollInterval,
            Servers = servers,
            JobsInterrupted = window.OfType<JobEvent>().Count(e => e.RunbookKind == RunbookKind.Ordinary && (e is JobInterrupted or JobCanceled)),
            JobsRestarted = window.OfType<JobCreated>().Count(e => e.RunbookKind == RunbookKind.Ordinary && IsClient(e.Source))
                + window.OfType<JobStarted>().Count(e => e.RunbookKind == RunbookKind.Ordinary && e.Attempt > 1),
            MonitorGapTotal = TimeSpan.FromTicks(metrics.MonitorGaps.Sum(g => g.TotalGap.Ticks)),
            MonitorGapWorst = metrics.MonitorGaps.Select(g => g.WorstGap).DefaultIfEmpty(TimeSpan.Zero).Max(),
            QueueWait = metrics.OrdinaryQueueWait.Total,
            QueueWaits = metrics.OrdinaryQueueWait.Count,
            FewestServersAcceptingWork = metrics.FewestServersAcceptingWork,
            Requests = metrics.RequestsByApi.Where(r => r.Key != nameof(SimulatorApi.Control)).Sum(r => r.Value),
            ThrottleRequests = metrics.RequestsByApi.TryGetValue(nameof(SimulatorApi.Control), out var control) ? control : 0,
            MostServersOutOfService = outOfService.MostAtOnce,
            PeakRunningJobs = PeakRunning(events, from, to),
            JobBars = options.CollectJobBars ? JobBars(events, from, to) : Array.Empty<JobBar>(),
            Capacity = options.CollectJobBars ? metrics.Capacity : Array.Empty<CapacityPoint>(),
        };
    }

    private static ServerTimeline Timeline(LabSession session, string server, IReadOnlyList<SimulatorEvent> all, List<SimulatorEvent> window, DateTimeOffset from, DateTimeOffset to, OutOfService outOfService)
    {
        var drainStart = session.DrainStartedAt(server);
        var drained = session.DrainedAt(server);
        var drainEnd = drained ?? to;
        var finished = session.IsPatched(server)
            ? session.Spans(server, from, to).Last(s => s.Phase == LabPhase.Restoring).To
            : to;
        bool OnServer(string? s) => string.Equals(s, server, StringComparison.OrdinalIgnoreCase);
        bool InDrain(SimulatorEvent e) => drainStart is { } start && e.Time >= start && e.Time <= drainEnd;
        var waitingSince = session.WaitingSince(server);
        var waited = waitingSince is { } w && drained is { } d && d > w ? d - w : TimeSpan.Zero;
        var gaps = drainStart is { } ds ? MetricsCalculator.Compute(all, ds, drainEnd).MonitorGaps : Array.Empty<MonitorGap>();
        return new ServerTimeline
        {
            Server = server,
            Phases = session.Spans(server, from, to),
            Patched = session.IsPatched(server),
            DrainStartedAt = drainStart,
            DrainTime = drainStart is { } s0 ? drainEnd - s0 : TimeSpan.Zero,
            LowerBound = session.LowerBound(server),
            JobsFinishedDuringDrain = window.OfType<JobEnded>().Count(e => e.RunbookKind == RunbookKind.Ordinary && e is not JobCanceled && OnServer(e.Server) && InDrain(e)),
            JobsInterrupted = window.Where(e => drainStart is { } s1 && e.Time >= s1 && e.Time <= finished).OfType<JobEvent>()
                .Count(e => e.RunbookKind == RunbookKind.Ordinary && ((e is JobInterrupted i && OnServer(i.Server)) || (e is JobCanceled c && OnServer(c.Server)))),
            MonitorsMoved = window.OfType<JobCanceled>().Count(e => e.RunbookKind == RunbookKind.Monitor && OnServer(e.Server) && InDrain(e)),
            WorstMonitorGap = gaps.Select(g => g.WorstGap).DefaultIfEmpty(TimeSpan.Zero).Max(),
            // Only the requests that concern this server: with several drains at once, another drain's polls are its
            // own; one that names no server goes to the server whose phase began last (OutOfService.LatestAt).
            RequestsWhileWaiting = waitingSince is { } ws ? session.Requests.ChargedTo(server, ws, drainEnd, outOfService.LatestAt) : 0,
            Waited = waited,
        };
    }

    private static bool IsClient(string source) => source is nameof(SimulatorApi.OData) or nameof(SimulatorApi.WebApi);

    private static int PeakRunning(IReadOnlyList<SimulatorEvent> events, DateTimeOffset from, DateTimeOffset to)
    {
        var running = new HashSet<Guid>();
        var peak = 0;
        foreach (var e in events.OfType<JobEvent>().Where(e => e.RunbookKind == RunbookKind.Ordinary && e.Time <= to))
        {
            _ = e is JobStarted ? running.Add(e.JobId) : e is JobInterrupted or JobEnded && running.Remove(e.JobId);
            if (e.Time >= from)
            {
                peak = Math.Max(peak, running.Count);
            }
        }

        return peak;
    }

    private static IReadOnlyList<JobBar> JobBars(IReadOnlyList<SimulatorEvent> events, DateTimeOffset from, DateTimeOffset to)
    {
        var open = new Dictionary<Guid, JobStarted>();
        var bars = new List<JobBar>();
        foreach (var e in events.Where(e => e.Time <= to))
        {
            switch (e)
            {
                case JobStarted s:
                    open[s.JobId] = s;
                    break;
                case JobInterrupted i when open.Remove(i.JobId, out var started):
                    Add(started, i.Time, "interrupted");
                    break;
                case JobEnded ended when open.Remove(ended.JobId, out var started):
                    Add(started, ended.Time, ended.Status.ToString().ToLowerInvariant());
                    break;
            }
        }

        foreach (var started in open.Values)
        {
            Add(started, to, "running");
        }

        return bars.OrderBy(b => b.From).ToList();

        void Add(JobStarted started, DateTimeOffset end, string ending)
        {
            if (end < from)
            {
                return;
            }

            bars.Add(new JobBar(started.Server, started.RunbookPath, started.RunbookKind, started.Time < from ? from : started.Time, end, ending));
        }
    }
}
