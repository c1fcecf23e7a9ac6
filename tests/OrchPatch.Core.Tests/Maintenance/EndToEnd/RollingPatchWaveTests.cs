using System;
using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Lab;
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
