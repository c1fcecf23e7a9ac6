using System;
using System.Linq;
using NUnit.Framework;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Simulator.Scenarios;
using OrchPatch.TestSupport.Farms;
using OrchPatch.Simulator;

namespace OrchPatch.Core.Tests.Maintenance.EndToEnd;

/// <summary>Relocate and the dry-run plan against the simulator.</summary>
[TestFixture]
public sealed class RelocateEndToEndTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromHours(1);

    [Test]
    public void RunAsync_MonitorsOnly_MovesTheMonitorWithAGapOfAboutOnePollAndLeavesOrdinaryJobs()
    {
        using var farm = TestFarm.WithServers(3).Monitor(@"\Mon\Disk", "RB01").Job(@"\Ops\Long", TimeSpan.FromMinutes(30), "RB01").Build();
        var ordinary = farm.Orchestrator.Jobs.Single(j => j.RunbookPath == @"\Ops\Long");
        var options = new RelocateOptions { Selection = JobSelection.MonitorsOnly, Targets = new[] { "RB03" } };

        var result = farm.Run(() => new RelocateJobs(farm.Context(), options).RunAsync("RB01"), Limit);
        farm.RunFor(TimeSpan.FromMinutes(1));

        var moved = result.Moved.Single();
        var gap = farm.Orchestrator.Metrics.MonitorGaps.Single(g => g.RunbookPath == @"\Mon\Disk");
        Assert.Multiple(() =>
        {
            Assert.That((moved.RunbookPath, moved.NewServer), Is.EqualTo((@"\Mon\Disk", "RB03")));
            Assert.That(farm.Orchestrator.GetJob(moved.NewJobId).Status, Is.EqualTo(SimulatedJobStatus.Running));
            Assert.That(farm.Orchestrator.GetJob(ordinary.Id).Status, Is.EqualTo(SimulatedJobStatus.Running));
            Assert.That(farm.Orchestrator.GetJob(ordinary.Id).Server, Is.EqualTo("RB01"));
            Assert.That(gap.WorstGap, Is.LessThanOrEqualTo(2 * farm.Orchestrator.Settings.RunbookServicePollInterval), "at most two polls of the runbook service");
            Assert.That(FarmInvariants.MonitorOverlaps(farm), Is.Empty);
        });
    }

    [Test]
    public void RunAsync_FourJobsTwoEquallyFreeTargets_SpreadsThemTwoAndTwo()
    {
        // A job runs on the first listed server that can take it (the simulator's default, as Microsoft documents), so
        // one fixed target list would put all four on RB02.
        using var farm = TestFarm.WithServers(3).Job(@"\Ops\Long", TimeSpan.FromMinutes(30), "RB01", count: 4).Build();

        var result = farm.Run(() => new RelocateJobs(farm.Context(), new RelocateOptions()).RunAsync("RB01"), Limit);

        var servers = result.Moved.Select(m => farm.Orchestrator.GetJob(m.NewJobId).Server).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(farm.Orchestrator.Settings.JobServerOrder, Is.EqualTo(JobServerOrder.InOrder));
            Assert.That(servers, Is.EquivalentTo(new[] { "RB02", "RB03", "RB02", "RB03" }), result.Summary());
            Assert.That(result.Moved.Select(m => farm.Orchestrator.GetJob(m.NewJobId).RunbookServers[0]).Distinct().Count(), Is.EqualTo(2), "a different first server per job");
        });
    }

    [Test]
    public void Drain_TwoMonitorsOneTargetBusier_EachMonitorGoesFirstToTheFreestTarget()
    {
        // RB03 (which the service lists before RB02) runs 45 of 50, RB02 none: both monitors go to RB02 first; the list
        // still names RB03 as the fallback.
        using var farm = TestFarm.WithServers(3)
            .Monitor(@"\Mon\Disk", "RB01").Monitor(@"\Mon\Queue", "RB01")
            .Job(@"\Ops\Busy", TimeSpan.FromHours(2), "RB03", count: 45)
            .Build();

        var result = farm.Run(() => new DrainRunbookServer(farm.Context(), new DrainOptions { Deadline = TimeSpan.FromMinutes(10) }).RunAsync("RB01"), Limit);

        var copies = result.Relocated.Select(m => farm.Orchestrator.GetJob(m.NewJobId)).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(DrainOutcome.Drained));
            Assert.That(copies.Select(c => c.Server), Is.EqualTo(new[] { "RB02", "RB02" }));
            Assert.That(copies.Select(c => string.Join(",", c.RunbookServers)), Is.EqualTo(new[] { "RB02,RB03", "RB02,RB03" }));
        });
    }

    [Test]
    public void RunAsync_All_SkipsAChildWhoseParentWaitsAndMovesTheRest()
    {
        using var farm = TestFarm.WithServers(2)
            .ParentWaitingOnChild(@"\Ops\Parent", @"\Ops\Child", TimeSpan.FromMinutes(30), "RB01")
            .Job(@"\Ops\Long", TimeSpan.FromMinutes(30), "RB01")
            .Build();
        var child = farm.Orchestrator.Jobs.Single(j => j.RunbookPath == @"\Ops\Child");

        var result = farm.Run(() => new RelocateJobs(farm.Context(), new RelocateOptions()).RunAsync("RB01"), Limit);

        Assert.Multiple(() =>
        {
            Assert.That(result.Moved.Select(m => m.RunbookPath), Is.EqualTo(new[] { @"\Ops\Long" }), result.Summary());
            Assert.That(result.Skipped, Has.Some.Contains(child.Id.ToString()));
            Assert.That(farm.Orchestrator.GetJob(child.Id).Status, Is.EqualTo(SimulatedJobStatus.Running));
            Assert.That(farm.Orchestrator.GetJob(result.Moved[0].NewJobId).Server, Is.EqualTo("RB02"));
        });
    }

    [Test]
    public void RunAsync_MonitorThatAlreadyHasAQueuedCopy_IsNotStartedAThirdTime()
    {
        using var farm = TestFarm.WithServers(3).Monitor(@"\Mon\Disk", "RB01").Build();
        farm.Orchestrator.StartJob(@"\Mon\Disk", servers: new[] { "RB02" });
        var before = FarmSnapshot.Of(farm);

        var error = Assert.Catch(() => farm.Run(() => new RelocateJobs(farm.Context(), new RelocateOptions { Selection = JobSelection.MonitorsOnly }).RunAsync("RB01"), Limit));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("never run twice"));
            Assert.That(before.Differences(FarmSnapshot.Of(farm)), Is.Empty);
        });
    }

    [Test]
    public void Plan_ListsWhatWouldMoveAndWhatBlocksAndChangesNothing()
    {
        using var farm = TestFarm.WithServers(3)
            .MaxJobs("RB01", 2)
            .Monitor(@"\Mon\Disk", "RB01")
            .Job(@"\Ops\Long", TimeSpan.FromMinutes(30), "RB01", count: 2)
            .Build();
        var before = FarmSnapshot.Of(farm);

        var plan = farm.Run(() => new PlanDrain(farm.Context(), new DrainOptions()).RunAsync("RB01"), Limit);

        Assert.Multiple(() =>
        {
            Assert.That(plan.CanDrain, Is.True, string.Join("; ", plan.Refusals));
            Assert.That(plan.PreviousMaxJobs, Is.EqualTo(2));
            Assert.That(plan.Jobs.Select(j => (j.Job.RunbookPath, j.Category)), Is.EquivalentTo(new[]
            {
                (@"\Mon\Disk", JobCategory.Monitor),
                (@"\Ops\Long", JobCategory.Ordinary),
                (@"\Ops\Long", JobCategory.PinnedPending),
            }));
            Assert.That(plan.Describe(), Does.Contain(@"\Mon\Disk"));
            Assert.That(before.Differences(FarmSnapshot.Of(farm)), Is.Empty);
        });
    }

    [Test]
    public void Plan_LastServer_IsRefusedWithTheReason()
    {
        using var farm = TestFarm.WithServers(1).Build();

        var plan = farm.Run(() => new PlanDrain(farm.Context(), new DrainOptions()).RunAsync("RB01"), Limit);

        Assert.That(plan.CanDrain, Is.False);
        Assert.That(plan.Refusals, Has.Some.Contains("only runbook server"));
    }
}
