using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Reliability.Tests.Support;
using OrchPatch.Lab;
using OrchPatch.TestSupport.Farms;

namespace OrchPatch.Reliability.Tests;

/// <summary>
/// The engine killed at every call it makes (before the request leaves, and after the farm processed it but before
/// the answer arrived), through drain, restore and a rolling patch, mid-wait included. A fresh process then runs the
/// restore, or the rolling patch again, and every server must be back at its recorded max jobs with no wait job left
/// and no job lost.
/// </summary>
[TestFixture]
public sealed class CrashTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromHours(3);

    private static SimulatedFarm BuildFarm() => BuildFarm(OrchestratorApi.OData, arrivals: false);

    /// <summary>Three servers: a monitor and two short jobs on RB01 (the drain waits for them), a job on RB02 with
    /// max jobs 40; with <paramref name="arrivals"/>, work arriving all the time.</summary>
    private static SimulatedFarm BuildFarm(OrchestratorApi api, bool arrivals)
    {
        var farm = TestFarm.WithServers(3)
        .Monitor(@"\Mon\Disk", "RB01")
        .Job(@"\Ops\Backup", TimeSpan.FromMinutes(2), "RB01")
        .Job(@"\Ops\Sync", TimeSpan.FromMinutes(1), "RB01")
        .Job(@"\Ops\Report", TimeSpan.FromMinutes(3), "RB02")
        .MaxJobs("RB02", 40);
        if (arrivals)
        {
            farm.Arrivals(@"\Ops\Ticket", TimeSpan.FromMinutes(2), perHour: 30);
        }

        return farm.Build(api: api);
    }

    [Test]
    public void Drain_CrashAtEveryCall_RestoreFromAFreshProcessRecoversEveryTime()
    {
        var report = CrashEverywhere(
            "drain RB01",
            prepare: _ => { },
            operation: (farm, context) => new DrainRunbookServer(context, new DrainOptions()).RunAsync("RB01"),
            recover: (farm, context) => farm.Run(() => new RestoreRunbookServer(context, new RestoreOptions()).RunAsync("RB01"), Limit));

        AssertRecoveredFromEveryPoint(report);
    }

    [Test]
    public void Restore_CrashAtEveryCall_RestoreFromAFreshProcessRecoversEveryTime()
    {
        var report = CrashEverywhere(
            "restore RB01",
            prepare: farm =>
            {
                farm.Run(() => new DrainRunbookServer(farm.Context(), new DrainOptions()).RunAsync("RB01"), Limit);
                farm.Orchestrator.Reboot("RB01", TimeSpan.FromMinutes(2));
            },
            operation: (farm, context) => new RestoreRunbookServer(context, new RestoreOptions()).RunAsync("RB01"),
            recover: (farm, context) => farm.Run(() => new RestoreRunbookServer(context, new RestoreOptions()).RunAsync("RB01"), Limit));

        AssertRecoveredFromEveryPoint(report);
    }

    [Test]
    public void RollingPatch_CrashAtEveryCall_RunningItAgainFinishesEveryServer()
    {
        var report = CrashEverywhere(
            "rolling patch of RB01..RB03",
            prepare: _ => { },
            operation: (farm, context) => new RollingPatch(context, new RollingPatchOptions(), RebootStep(farm)).RunAsync(),
            recover: RunTheRollingPatchAgain);

        AssertRecoveredFromEveryPoint(report);
    }

    [Test]
    [Category("Long")]
    public void RollingPatch_CrashAtEveryCallWhileWorkArrivesOnTheWebApi_RunningItAgainFinishesEveryServer()
    {
        var report = CrashEverywhere(
            "rolling patch of RB01..RB03, Web API, work arriving",
            prepare: _ => { },
            operation: (farm, context) => new RollingPatch(context, new RollingPatchOptions(), RebootStep(farm)).RunAsync(),
            recover: RunTheRollingPatchAgain,
            build: () => BuildFarm(OrchestratorApi.WebApi, arrivals: true));

        AssertRecoveredFromEveryPoint(report);
    }

    /// <summary>The patch step: a reboot of two minutes (a crash at the next call is a crash mid-patch).</summary>
    private static void RunTheRollingPatchAgain(SimulatedFarm farm, MaintenanceContext context)
    {
        var result = farm.Run(() => new RollingPatch(context, new RollingPatchOptions(), RebootStep(farm)).RunAsync(), Limit);
        if (!result.Succeeded)
        {
            throw new AssertionException("the second rolling patch did not finish: " + result.Summary());
        }
    }

    private static PatchStep RebootStep(SimulatedFarm farm) => farm.RebootPatch(TimeSpan.FromMinutes(2), waitUntilBack: false);

    private static CrashReport CrashEverywhere(
        string what,
        Action<SimulatedFarm> prepare,
        Func<SimulatedFarm, MaintenanceContext, Task> operation,
        Action<SimulatedFarm, MaintenanceContext> recover,
        Func<SimulatedFarm>? build = null)
    {
        build ??= BuildFarm;
        var watch = Stopwatch.StartNew();
        int total;
        using (var clean = build())
        {
            prepare(clean);
            var counter = new CrashSwitch();
            using var service = new CrashingService(clean.CreateService(), counter);
            var context = new MaintenanceContext(service, new CrashingThrottle(clean.Throttle, counter), clean.Clock);
            clean.Run(async () => { await operation(clean, context); return true; }, Limit);
            total = counter.Calls;
        }

        var report = new CrashReport();
        Totals = new InvariantTotals();
        foreach (var moment in new[] { CrashMoment.BeforeCall, CrashMoment.AfterCall })
        {
            for (var n = 1; n <= total; n++)
            {
                report.Tried++;
                var problem = CrashOnce(build, n, moment, prepare, operation, recover, out var crashedIn);
                report.Points.Add(crashedIn.Split(' ')[0]);
                if (problem is null)
                {
                    report.Recovered++;
                }
                else
                {
                    report.Failures.Add($"crash at {crashedIn}: {problem}");
                }
            }
        }

        TestContext.Out.WriteLine($"{what}: {total} calls in a clean run; crash points tried {report.Tried}, recovered {report.Recovered} ({watch.Elapsed.TotalSeconds:0.0}s); " +
            $"after recovery: lost {Totals.Lost}, duplicated monitors {Totals.Duplicated}, pending monitor copies {Totals.PendingCopies}, ghost jobs {Totals.Ghosts}; " +
            "crashed in: " + string.Join(", ", report.Points.GroupBy(p => p).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}")));
        return report;
    }

    /// <summary>Every crash point recovered, and there were points: a run that made no call (a broken preparation)
    /// would otherwise pass with nothing tried.</summary>
    private static void AssertRecoveredFromEveryPoint(CrashReport report)
    {
        Assert.That(report.Tried, Is.GreaterThan(0), "no crash point was tried: the operation made no web-service or throttle call");
        Assert.That(report.Failures, Is.Empty, string.Join(Environment.NewLine, report.Failures));
    }

    private static string? CrashOnce(
        Func<SimulatedFarm> build,
        int n,
        CrashMoment moment,
        Action<SimulatedFarm> prepare,
        Func<SimulatedFarm, MaintenanceContext, Task> operation,
        Action<SimulatedFarm, MaintenanceContext> recover,
        out string crashedIn)
    {
        using var farm = build();
        var ledger = new FarmLedger(farm);
        prepare(farm);
        var crash = new CrashSwitch(n, moment);
        var dying = new CrashingService(farm.CreateService(), crash);
        var context = new MaintenanceContext(dying, new CrashingThrottle(farm.Throttle, crash), farm.Clock);
        var task = farm.Start(async () => { await operation(farm, context); return true; });
        farm.RunUntil(() => crash.Crashed || task.IsCompleted, Limit);
        crashedIn = crash.Crashed ? crash.CrashedIn : $"nowhere (finished after {crash.Calls} calls)";
        if (task.IsFaulted)
        {
            return "the crashed run failed before it was killed: " + task.Exception!.GetBaseException().Message;
        }

        // The process is gone; the farm lives on for a while before someone recovers.
        farm.RunFor(TimeSpan.FromMinutes(5));
        using var fresh = farm.CreateService();
        try
        {
            recover(farm, farm.Context(null, fresh));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return "recovery failed: " + ex.Message;
        }

        farm.RunFor(TimeSpan.FromMinutes(5));
        var problems = new List<string>();
        problems.AddRange(ledger.ServersNotAtRecordedMaxJobs().Select(s => "max jobs not restored: " + s));
        problems.AddRange(ledger.ActiveWaitJobs().Select(j => $"wait job {j.Id} left {j.Status} on {j.Server}"));
        problems.AddRange(ledger.LostJobs().Select(j => "lost: " + j));
        problems.AddRange(ledger.DuplicatedMonitors().Select(m => "monitor running twice: " + m));
        problems.AddRange(ledger.StoppedMonitors().Select(m => "monitor stopped: " + m));
        problems.AddRange(ledger.PendingMonitorCopies().Select(m => "monitor copy left queued: " + m));
        problems.AddRange(ledger.GhostJobs().Select(j => "ghost job: " + j));
        Totals.Lost += ledger.LostJobs().Count;
        Totals.Duplicated += ledger.DuplicatedMonitors().Count;
        Totals.PendingCopies += ledger.PendingMonitorCopies().Count;
        Totals.Ghosts += ledger.GhostJobs().Count;
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    /// <summary>What the invariants found over every crash point of one run (each recovered farm counted once).</summary>
    [ThreadStatic]
    private static InvariantTotals? _totals;

    private static InvariantTotals Totals
    {
        get => _totals ??= new InvariantTotals();
        set => _totals = value;
    }

    private sealed class InvariantTotals
    {
        public int Lost { get; set; }

        public int Duplicated { get; set; }

        public int PendingCopies { get; set; }

        public int Ghosts { get; set; }
    }

    private sealed class CrashReport
    {
        public int Tried { get; set; }

        public int Recovered { get; set; }

        public List<string> Failures { get; } = new();

        public List<string> Points { get; } = new();
    }
}
