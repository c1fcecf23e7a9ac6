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
        // 40 running jobs: with one server out the other two hold 100; with two out the last holds 50 < 40 * 1.5.
        using var farm = TestFarm.WithServers(3)
            .Job(@"\Ops\Batch", TimeSpan.FromMinutes(30), "RB01", count: 14)
            .Job(@"\Ops\Batch2", TimeSpan.FromMinutes(30), "RB02", count: 13)
            .Job(@"\Ops\Batch3", TimeSpan.FromMinutes(30), "RB03", count: 13)
            .Build();
        var events = new List<MaintenanceEvent>();
        var options = new RollingPatchOptions { MaxUnavailable = 3, Drain = new DrainOptions { MaxConcurrentMaintenance = 3 } };

        var result = farm.Run(() => new RollingPatch(farm.Context(new MaintenanceSettings { OnProgress = events.Add }), options, farm.RebootPatch(Downtime)).RunAsync(), Limit);

        var refusal = events.First(e => e.Kind == MaintenanceEventKind.Warning && e.Message.Contains("waits for a server to come back"));
        var secondDrain = events.Where(e => e.Phase == ServerPhase.Draining).Skip(1).First();
        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True, result.Summary());
            Assert.That(refusal.Message, Does.Contain("room for 50 jobs, and the farm runs 40"));
            Assert.That(PeakOut(events.TakeWhile(e => e != secondDrain)), Is.EqualTo(1), "one server out when refused");
            Assert.That(secondDrain.Time, Is.GreaterThan(refusal.Time), "the refusal waited instead of draining a second server");
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
