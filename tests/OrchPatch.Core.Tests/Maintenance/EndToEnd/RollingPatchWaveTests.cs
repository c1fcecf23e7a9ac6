using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Lab;
using OrchPatch.Simulator;
using OrchPatch.Simulator.Scenarios;
using OrchPatch.TestSupport.Farms;

namespace OrchPatch.Core.Tests.Maintenance.EndToEnd;

/// <summary>Waves: several servers out at once, bounded by MaxUnavailable, the drain's lock and capacity.</summary>
[TestFixture]
public sealed class RollingPatchWaveTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromHours(6);
    private static readonly TimeSpan Downtime = TimeSpan.FromMinutes(3);

    [Test]
    public void RunAsync_MaxUnavailableThreeOnALightFarm_PatchesServersAtOnceAndKeepsOneTakingWork()
    {
        using var farm = TestFarm.WithServers(4)
            .Job(@"\Ops\Backup", TimeSpan.FromMinutes(20), "RB01")
            .Job(@"\Ops\Sync", TimeSpan.FromMinutes(20), "RB02")
            .Build();
        var events = new List<MaintenanceEvent>();
        var options = new RollingPatchOptions { MaxUnavailable = 3, Drain = new DrainOptions { MaxConcurrentMaintenance = 3 } };

        var result = farm.Run(() => new RollingPatch(farm.Context(new MaintenanceSettings { OnProgress = events.Add }), options, farm.RebootPatch(Downtime)).RunAsync(), Limit);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True, result.Summary());
            Assert.That(PeakOut(events), Is.EqualTo(3), "three servers out at once");
            Assert.That(farm.Orchestrator.Metrics.FewestServersAcceptingWork, Is.GreaterThanOrEqualTo(1));
            Assert.That(farm.Orchestrator.Jobs.Where(j => j.Kind == RunbookKind.Ordinary).Sum(j => j.Interruptions), Is.EqualTo(0));
            Assert.That(farm.Orchestrator.Servers.Select(s => farm.Orchestrator.GetMaxJobs(s.Name)), Is.All.EqualTo(50));
            Assert.That(FarmInvariants.ActiveWaitJobs(farm), Is.Empty);
        });
    }

    [Test]
    public void RunAsync_MaxUnavailableOne_IsOneServerAtATime()
    {
        using var farm = TestFarm.WithServers(4).Build();
        var events = new List<MaintenanceEvent>();
        var options = new RollingPatchOptions { MaxUnavailable = 1, Drain = new DrainOptions { MaxConcurrentMaintenance = 3 } };

        var result = farm.Run(() => new RollingPatch(farm.Context(new MaintenanceSettings { OnProgress = events.Add }), options, farm.RebootPatch(Downtime)).RunAsync(), Limit);

        Assert.That(result.Succeeded, Is.True, result.Summary());
        Assert.That(PeakOut(events), Is.EqualTo(1));
    }

    [Test]
    public void RunAsync_WaveWouldLeaveTooLittleRoom_SaysWhyAndWaitsInsteadOfDraining()
    {
        // RB01 goes first (fewest jobs); with it out, 40 jobs run elsewhere: the last server's 50 slots are short of
        // 40 x 1.5, so RB02 waits for RB01 to come back.
        using var farm = TestFarm.WithServers(3)
            .Job(@"\Ops\Batch", TimeSpan.FromMinutes(30), "RB01", count: 10)
            .Job(@"\Ops\Batch2", TimeSpan.FromMinutes(30), "RB02", count: 20)
            .Job(@"\Ops\Batch3", TimeSpan.FromMinutes(30), "RB03", count: 20)
            .Build();
        var events = new List<MaintenanceEvent>();

        var result = farm.Run(() => new RollingPatch(farm.Context(new MaintenanceSettings { OnProgress = events.Add }), new RollingPatchOptions { MaxUnavailable = null }, farm.RebootPatch(Downtime)).RunAsync(), Limit);

        var refusal = events.First(e => e.Kind == MaintenanceEventKind.Warning && e.Message.Contains("waits for a server to come back"));
        var secondDrain = events.Where(e => e.Phase == ServerPhase.Draining).Skip(1).First();
        var firstBack = events.First(e => e.Phase == ServerPhase.Done);
        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True, result.Summary());
            Assert.That(refusal.Message, Does.StartWith("Not yet: draining RB02 now would leave 1 server taking work (RB03) with room for 50 jobs while RB01 is out, and the farm's load is 40 jobs (the larger of 40 running on servers not out and 0 arriving: 50 jobs an hour x 0s mean run time over the last 1h"), "none of the 50 ended yet: nothing arrives as far as history tells");
            Assert.That(refusal.Message, Does.EndWith("), 60 with headroom 0.5 (CapacityHeadroom). It waits for a server to come back."));
            Assert.That(PeakOut(events.TakeWhile(e => e != secondDrain)), Is.EqualTo(1), "one server out when refused");
            Assert.That(secondDrain.Time, Is.GreaterThanOrEqualTo(firstBack.Time), "the refusal waited for RB01 to come back instead of draining a second server");
            Assert.That(farm.Orchestrator.Jobs.Where(j => j.Kind == RunbookKind.Ordinary).Sum(j => j.Interruptions), Is.EqualTo(0));
        });
    }

    [Test]
    public void Drain_SideBySideWithTooLittleRoomLeft_IsRefusedNamingTheFiguresAndChangesNothing()
    {
        using var farm = TestFarm.WithServers(3)
            .Job(@"\Ops\Batch2", TimeSpan.FromHours(2), "RB02", count: 20)
            .Job(@"\Ops\Batch3", TimeSpan.FromHours(2), "RB03", count: 20)
            .Build();
        var options = new DrainOptions { MaxConcurrentMaintenance = 3 };
        var first = farm.Run(() => new DrainRunbookServer(farm.Context(), options).RunAsync("RB01"), Limit);
        Assert.That(first.Outcome, Is.EqualTo(DrainOutcome.Drained));

        var error = Assert.Throws<MaintenanceRefusedException>(() => farm.Run(() => new DrainRunbookServer(farm.Context(), options).RunAsync("RB02"), Limit));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.StartWith("Cannot drain RB02: draining RB02 now would leave 1 server taking work (RB03) with room for 50 jobs while RB01 is out, and the farm's load is 40 jobs (the larger of 40 running on servers not out and 0 arriving"));
            Assert.That(error.Message, Does.EndWith("60 with headroom 0.5 (CapacityHeadroom). Nothing was changed."));
            Assert.That(farm.Orchestrator.GetMaxJobs("RB02"), Is.EqualTo(50), "RB02 untouched");
            Assert.That(FarmInvariants.ActiveWaitJobs(farm), Has.Count.EqualTo(1), "only RB01's wait job");
        });
    }

    [Test]
    public void RunAsync_MinimumRunbookServersThree_KeepsThreeInServiceWhenADrainStarts()
    {
        using var farm = TestFarm.WithServers(4).Job(@"\Ops\Backup", TimeSpan.FromMinutes(20), "RB01").Build();
        var events = new List<MaintenanceEvent>();
        var options = new RollingPatchOptions { MaxUnavailable = null, Drain = new DrainOptions { MinimumRunbookServers = 3 } };

        var result = farm.Run(() => new RollingPatch(farm.Context(new MaintenanceSettings { OnProgress = events.Add }), options, farm.RebootPatch(Downtime)).RunAsync(), Limit);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True, result.Summary());
            Assert.That(PeakOut(events), Is.EqualTo(2), "four servers, three in service when each drain starts: two out at most");
            Assert.That(farm.Orchestrator.Metrics.FewestServersAcceptingWork, Is.EqualTo(2));
            Assert.That(events.Any(e => e.Message.Contains("a drain starts only while at least 3 are in service, this one included (MinimumRunbookServers).")), Is.True);
        });
    }

    [Test]
    public void JobHistory_AFarmWithSteadyArrivals_MeasuresTheRateAndTheRunTime()
    {
        using var farm = TestFarm.WithServers(3).Arrivals(@"\Ops\Ticket", TimeSpan.FromMinutes(6), perHour: 120).Build();
        farm.RunFor(TimeSpan.FromHours(2));
        var context = farm.Context();

        var history = farm.Run(() => JobHistory.ReadAsync(new FarmView(context), TimeSpan.FromHours(1), default), Limit);

        Assert.Multiple(() =>
        {
            Assert.That(history.ArrivalsPerHour, Is.EqualTo(120).Within(40), "Poisson arrivals at 120 an hour");
            Assert.That(history.MeanRunTime, Is.EqualTo(TimeSpan.FromMinutes(6)).Within(TimeSpan.FromSeconds(30)));
            Assert.That(history.ArrivingLoad, Is.EqualTo(12).Within(5), "Little's law: 120 an hour x 6 minutes");
        });
    }

    /// <summary>The most servers out of service at once: from their drain starting to their being done or failed.</summary>
    [Test]
    public void RunAsync_FewestJobsServerHoldsTheLongestJob_IsPatchedLastByRemainingWork()
    {
        // A first hour of history: \Ops\Long runs 40m, \Ops\Medium 10m, \Ops\Quick 5m. Then RB01 runs one Long
        // job (fewest jobs, most work left), RB02 three Quick ones and RB03 three Medium ones.
        using var farm = TestFarm.WithServers(3)
            .Job(@"\Ops\Long", TimeSpan.FromMinutes(40), "RB01")
            .Job(@"\Ops\Quick", TimeSpan.FromMinutes(5), "RB02")
            .Job(@"\Ops\Medium", TimeSpan.FromMinutes(10), "RB03")
            .Build();
        farm.RunFor(TimeSpan.FromMinutes(41));
        farm.Orchestrator.StartJob(@"\Ops\Long", servers: new[] { "RB01" });
        for (var i = 0; i < 3; i++)
        {
            farm.Orchestrator.StartJob(@"\Ops\Quick", servers: new[] { "RB02" });
            farm.Orchestrator.StartJob(@"\Ops\Medium", servers: new[] { "RB03" });
        }

        farm.RunFor(TimeSpan.FromMinutes(1));
        var events = new List<MaintenanceEvent>();
        var options = new RollingPatchOptions { MaxUnavailable = 1 };

        var result = farm.Run(() => new RollingPatch(farm.Context(new MaintenanceSettings { OnProgress = events.Add }), options, farm.RebootPatch(Downtime)).RunAsync(), Limit);

        var drained = events.Where(e => e.Kind == MaintenanceEventKind.ServerPhase && e.Phase == ServerPhase.Draining).Select(e => e.Server).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True, result.Summary());
            Assert.That(drained, Is.EqualTo(new[] { "RB02", "RB03", "RB01" }), "the server with one long job goes last, not first");
            Assert.That(events.Select(e => e.Message), Has.Some.EqualTo("RB02 goes next: its work is expected to end in 4m02s, the soonest of the 3 servers waiting."));
            Assert.That(farm.Orchestrator.Jobs.Where(j => j.Kind == RunbookKind.Ordinary).Sum(j => j.Interruptions), Is.EqualTo(0));
        });
    }

    [Test]
    public void RunAsync_DrainReachesItsDeadline_GivesTheServerBackAndTriesItOnceMoreAfterTheOthers()
    {
        // RB01's job has 40 minutes to run; its first drain gives up at 30 and gives it back; tried again after RB02
        // and RB03, the job is nearly done and the drain waits for it.
        using var farm = TestFarm.WithServers(3).Job(@"\Ops\Backup", TimeSpan.FromMinutes(40), "RB01").Build();
        var events = new List<MaintenanceEvent>();
        var options = new RollingPatchOptions { MaxUnavailable = 1, Servers = new[] { "RB01", "RB02", "RB03" } };

        var result = farm.Run(() => new RollingPatch(farm.Context(new MaintenanceSettings { OnProgress = events.Add }), options, farm.RebootPatch(Downtime)).RunAsync(), Limit);

        var drained = events.Where(e => e.Kind == MaintenanceEventKind.ServerPhase && e.Phase == ServerPhase.Draining).Select(e => e.Server).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True, result.Summary());
            Assert.That(drained, Is.EqualTo(new[] { "RB01", "RB02", "RB03", "RB01" }));
            Assert.That(events.Select(e => e.Message), Has.Some.StartsWith("RB01 was given back at its deadline (\\Ops\\Backup (running 30m").And.EndWith("still ran); it is tried once more after the others."));
            Assert.That(farm.Orchestrator.Jobs.Single(j => j.RunbookPath == @"\Ops\Backup").Status, Is.EqualTo(SimulatedJobStatus.Completed), "the job ran to its end");
            Assert.That(farm.Orchestrator.Jobs.Count(j => j.Kind == RunbookKind.Wait), Is.EqualTo(4), "one wait job per drain: RB01 twice");
        });
    }

    [Test]
    public void RunAsync_DrainReachesItsDeadlineTwice_CountsAsFailedAfterTheSecondTry()
    {
        using var farm = TestFarm.WithServers(3).Job(@"\Ops\Endless", TimeSpan.FromHours(20), "RB01").Build();
        var options = new RollingPatchOptions { MaxUnavailable = 1, Servers = new[] { "RB01", "RB02" } };

        var result = farm.Run(() => new RollingPatch(farm.Context(), options, farm.RebootPatch(Downtime)).RunAsync(), Limit);

        Assert.Multiple(() =>
        {
            Assert.That(result.Servers.Select(s => (s.Server, s.Outcome)), Is.EqualTo(new[] { ("RB01", ServerPatchOutcome.NotDrained), ("RB02", ServerPatchOutcome.Patched) }));
            Assert.That(result.StoppedBecause, Is.EqualTo("RB01 failed (NotDrained) and at most 0 failed servers are allowed (MaxFailedServers)."));
            Assert.That(farm.Orchestrator.Jobs.Count(j => j.Kind == RunbookKind.Wait && j.Server == "RB01"), Is.EqualTo(2), "two tries, no third");
            Assert.That(farm.Orchestrator.GetMaxJobs("RB01"), Is.EqualTo(50), "given back as found");
        });
    }

    [Test]
    public void RunAsync_RerunAfterACrashMidWave_ContinuesEveryServerInMaintenanceFirstAndDrainsNoneTwice()
    {
        using var farm = TestFarm.WithServers(4)
            .Job(@"\Ops\Report", TimeSpan.FromMinutes(6), "RB01")
            .Job(@"\Ops\Sync", TimeSpan.FromMinutes(8), "RB02")
            .Build();
        using var stop = new CancellationTokenSource();
        var options = new RollingPatchOptions { MaxUnavailable = 2, Servers = new[] { "RB03", "RB04", "RB01", "RB02" } };
        // The crash comes when the first server of the wave is patched: the second is in maintenance too by then.
        PatchStep crash = (server, ct) =>
        {
            stop.Cancel();
            return Task.FromCanceled<PatchStepResult>(stop.Token);
        };
        var crashed = farm.Start(() => new RollingPatch(farm.Context(), options, crash).RunAsync(stop.Token));
        farm.RunUntil(() => crashed.IsCompleted, Limit);
        var inMaintenance = FarmInvariants.ActiveWaitJobs(farm).Select(id => farm.Orchestrator.GetJob(id).Server).OrderBy(s => s).ToArray();
        Assume.That(inMaintenance, Is.EqualTo(new[] { "RB03", "RB04" }), "both servers of the wave were left in maintenance");
        var events = new List<MaintenanceEvent>();
        var patched = new List<string>();

        var result = farm.Run(() => new RollingPatch(farm.Context(new MaintenanceSettings { OnProgress = events.Add }), options, farm.RebootPatch(Downtime, onPatch: patched.Add)).RunAsync(), Limit);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True, result.Summary());
            Assert.That(patched.Take(2), Is.EquivalentTo(new[] { "RB03", "RB04" }), "the servers in maintenance are continued first");
            Assert.That(patched, Is.EquivalentTo(new[] { "RB01", "RB02", "RB03", "RB04" }));
            Assert.That(events.Where(e => e.Message.EndsWith("is already in maintenance: continuing it first.", StringComparison.Ordinal)).Select(e => e.Server), Is.EquivalentTo(new[] { "RB03", "RB04" }));
            Assert.That(result.Servers.Where(s => s.Server is "RB03" or "RB04").Select(s => s.Drain!.Resumed), Is.All.True);
            Assert.That(farm.Orchestrator.Jobs.Count(j => j.Kind == RunbookKind.Wait), Is.EqualTo(4), "one wait job per server: none drained twice");
            Assert.That(farm.Orchestrator.Jobs.Where(j => j.Kind == RunbookKind.Ordinary).Sum(j => j.Interruptions), Is.EqualTo(0), "no job lost");
            Assert.That(farm.Orchestrator.Servers.Select(s => farm.Orchestrator.GetMaxJobs(s.Name)), Is.All.EqualTo(50));
            Assert.That(FarmInvariants.ActiveWaitJobs(farm), Is.Empty);
        });
    }

    private static int PeakOut(IEnumerable<MaintenanceEvent> events)
    {
        var out_ = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var peak = 0;
        foreach (var e in events.Where(e => e.Kind == MaintenanceEventKind.ServerPhase))
        {
            if (e.Phase == ServerPhase.Draining)
            {
                out_.Add(e.Server);
            }
            else if (e.Phase is ServerPhase.Done or ServerPhase.Failed)
            {
                out_.Remove(e.Server);
            }

            peak = Math.Max(peak, out_.Count);
        }

        return peak;
    }
}
