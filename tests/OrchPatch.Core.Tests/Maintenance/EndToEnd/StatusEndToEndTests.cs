using System;
using System.Linq;
using NUnit.Framework;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Orchestrator;
using OrchPatch.TestSupport.Farms;

namespace OrchPatch.Core.Tests.Maintenance.EndToEnd;

/// <summary>The farm's status against the simulator, while a drain runs.</summary>
[TestFixture]
public sealed class StatusEndToEndTests
{
    [Test]
    public void RunAsync_DuringADrain_ShowsTheServerInMaintenanceWithItsRecordAndEveryServersCounts()
    {
        using var farm = TestFarm.WithServers(3)
            .MaxJobs("RB03", 1)
            .Monitor(@"\Mon\Disk", "RB02")
            .Job(@"\Ops\Long", TimeSpan.FromMinutes(30), "RB01", count: 2)
            .Job(@"\Ops\Queued", TimeSpan.FromMinutes(30), "RB03", count: 2)
            .Build();
        var drainStarted = farm.Now;
        var drain = farm.Start(() => new DrainRunbookServer(farm.Context(new MaintenanceSettings { Owner = @"CONTOSO\patcher" }), new DrainOptions { Reason = "KB5031234" }).RunAsync("RB01"));
        farm.RunFor(TimeSpan.FromMinutes(2));

        var status = farm.Run(() => new ReadFarmStatus(farm.Context()).RunAsync(), TimeSpan.FromMinutes(1));

        var rb01 = status.Servers.Single(s => s.Server == "RB01");
        var rb02 = status.Servers.Single(s => s.Server == "RB02");
        var rb03 = status.Servers.Single(s => s.Server == "RB03");
        Assert.Multiple(() =>
        {
            Assert.That(drain.IsCompleted, Is.False);
            Assert.That(rb01.InMaintenance, Is.True);
            Assert.That(rb01.Maintenance!.Owner, Is.EqualTo(@"CONTOSO\patcher"));
            Assert.That(rb01.Maintenance.Reason, Is.EqualTo("KB5031234"));
            Assert.That(rb01.Maintenance.PreviousMaxJobs, Is.EqualTo(50));
            Assert.That(rb01.Maintenance.StartedAt, Is.EqualTo(drainStarted).Within(TimeSpan.FromSeconds(30)));
            Assert.That((rb01.MaxJobs, rb01.RunningJobs), Is.EqualTo(((int?)1, 3)), "two ordinary jobs and the wait job");
            Assert.That((rb02.InMaintenance, rb02.RunningMonitors), Is.EqualTo((false, 1)));
            Assert.That((rb03.MaxJobs, rb03.RunningJobs, rb03.PendingJobs), Is.EqualTo(((int?)1, 1, 1)));
            Assert.That(status.AllServers, Is.EquivalentTo(new[] { "RB01", "RB02", "RB03" }));
            Assert.That(status.Servers.Select(s => s.Server), Is.EqualTo(new[] { "RB01", "RB02", "RB03" }), "rows by name, whatever the service's order");
        });
    }

    [Test]
    public void RunAsync_PendingJobForSeveralServers_IsCountedUnderEachAsSharedAndOnceForTheFarm()
    {
        // Issue 13, item 7: a Pending job that may run on RB01 or RB02 was counted under neither.
        using var farm = TestFarm.WithServers(3)
            .MaxJobs("RB01", 1)
            .MaxJobs("RB02", 1)
            .Job(@"\Ops\Long", TimeSpan.FromMinutes(30), "RB01")
            .Job(@"\Ops\Long", TimeSpan.FromMinutes(30), "RB02")
            .Job(@"\Ops\Either", TimeSpan.FromMinutes(5), "RB01,RB02")
            .Build();

        var status = farm.Run(() => new ReadFarmStatus(farm.Context()).RunAsync(), TimeSpan.FromMinutes(1));

        Assert.Multiple(() =>
        {
            Assert.That(farm.Orchestrator.Jobs.Count(j => j.Status == OrchPatch.Simulator.SimulatedJobStatus.Pending), Is.EqualTo(1), "the scenario: one job waits for RB01 or RB02");
            Assert.That(status.PendingOnSeveral, Is.EqualTo(1));
            Assert.That(status.Servers.Select(s => (s.Server, s.PendingJobs, s.PendingShared)), Is.EqualTo(new[] { ("RB01", 0, 1), ("RB02", 0, 1), ("RB03", 0, 0) }));
        });
    }

}
