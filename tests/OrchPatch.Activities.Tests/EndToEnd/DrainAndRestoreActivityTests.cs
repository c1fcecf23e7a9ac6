using System;
using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Simulator.Scenarios;
using OrchPatch.TestSupport.Activities;
using OrchPatch.TestSupport.Farms;
using OrchPatch.Simulator;

namespace OrchPatch.Activities.Tests.EndToEnd;

/// <summary>Drain Runbook Server and Restore Runbook Server through the harness, against the simulator on its virtual
/// clock: what they publish, how they fail, and that a drain killed mid-wait is undone by a later restore.</summary>
[TestFixture]
[NonParallelizable]
public sealed class DrainAndRestoreActivityTests
{
    private static TestFarm BusyRb01() => TestFarm.WithServers(3)
        .Monitor(@"\Mon\Disk", "RB01")
        .Job(@"\Ops\Short", TimeSpan.FromMinutes(5), "RB01")
        .Job(@"\Ops\Long", TimeSpan.FromMinutes(12), "RB01");

    [Test]
    public void Drain_JobsAndAMonitor_DrainsAndPublishesTheMovedMonitorAsCountAndText()
    {
        using var farm = ActivityFarm.Start(BusyRb01());
        var monitor = farm.Orchestrator.Jobs.Single(j => j.RunbookPath == @"\Mon\Disk");
        var started = farm.Farm.Now;

        var run = farm.Run<DrainRunbookServerActivity>(new() { ["Runbook Server"] = "RB01", ["Reason"] = "KB5031234" });

        Assert.That(run.Outcome, Is.EqualTo(ActivityOutcome.Success), run.Message);
        var wait = farm.WaitJobs().Single();
        var moved = farm.Orchestrator.Jobs.Single(j => j.RunbookPath == @"\Mon\Disk" && j.Status == SimulatedJobStatus.Running);
        Assert.Multiple(() =>
        {
            Assert.That(run["Runbook Server"], Is.EqualTo("RB01"));
            Assert.That(run["Previous Max Jobs"], Is.EqualTo(50));
            Assert.That(run["Wait Job ID"], Is.EqualTo(wait.Id.ToString("D")));
            Assert.That(wait.Server, Is.EqualTo("RB01"));
            Assert.That(run["Jobs Completed During Drain"], Is.EqualTo(2));
            Assert.That(run["Monitors Relocated"], Is.EqualTo(1));
            Assert.That(run["Jobs Relocated"], Is.EqualTo(0));
            Assert.That((int)run["Drain Duration (seconds)"]!, Is.InRange(12 * 60 - 10, 12 * 60 + 10), "the 12-minute job bounds the drain");
            Assert.That(farm.Farm.Now - started, Is.LessThan(TimeSpan.FromMinutes(13)));
            Assert.That(run["Warnings"], Is.TypeOf<string>());
            Assert.That(run.Rows, Is.Empty, "no correlated rows: their declarative shape has no public evidence");
            Assert.That(run["Relocated Jobs Count"], Is.EqualTo(1));
            Assert.That(run["Relocated Jobs"], Is.EqualTo($@"\Mon\Disk: {monitor.Id:D} -> {moved.Id:D} on {moved.Server}"));
            Assert.That(moved.Server, Is.AnyOf("RB02", "RB03"));
            Assert.That(farm.Orchestrator.GetMaxJobs("RB01"), Is.EqualTo(1));
            Assert.That(farm.Orchestrator.Metrics.JobsInterrupted, Is.EqualTo(0));
        });
    }

    [Test]
    public void Drain_JobOutlastsTheDeadline_FailsNamingTheBlockerAndTheStateLeft_AndGivesTheServerBack()
    {
        using var farm = ActivityFarm.Start(TestFarm.WithServers(3).Monitor(@"\Mon\Disk", "RB01").Job(@"\Ops\Backup", TimeSpan.FromHours(2), "RB01"));
        var backup = farm.Orchestrator.Jobs.Single(j => j.RunbookPath == @"\Ops\Backup");

        var run = farm.Run<DrainRunbookServerActivity>(new() { ["Runbook Server"] = "RB01", ["Deadline (minutes)"] = 10 });

        Assert.Multiple(() =>
        {
            Assert.That(run.Outcome, Is.EqualTo(ActivityOutcome.Failed));
            Assert.That(run.Exception, Is.TypeOf<ActivityFailedException>());
            Assert.That(run.Message, Does.StartWith("Cannot drain RB01 before the deadline (10m)").And.Contain(@"\Ops\Backup"));
            Assert.That(run.Message, Does.Contain("State of RB01: max jobs restored to 50; wait job").And.Contain("canceled"), "the state left behind");
            var monitor = farm.Orchestrator.Jobs.Single(j => j.RunbookPath == @"\Mon\Disk" && j.Status == SimulatedJobStatus.Running);
            Assert.That(run.Message, Does.Contain($@"moved jobs stay where they are now (\Mon\Disk on {monitor.Server})"), "what was moved, and where it runs now");
            Assert.That(farm.Orchestrator.GetMaxJobs("RB01"), Is.EqualTo(50));
            Assert.That(farm.WaitJobs(), Is.Empty);
            Assert.That(farm.Orchestrator.GetJob(backup.Id).Status, Is.EqualTo(SimulatedJobStatus.Running), "the blocking job is not lost");
            Assert.That(farm.Orchestrator.Jobs.Count(j => j.RunbookPath == @"\Mon\Disk" && j.Status == SimulatedJobStatus.Running), Is.EqualTo(1), "one monitor, wherever it runs");
        });
    }

    [Test]
    public void Drain_PolicyRelocateWithRestartableJobs_MovesThemAtTheDeadline_AndPublishesARowEach()
    {
        using var farm = ActivityFarm.Start(TestFarm.WithServers(3)
            .Monitor(@"\Mon\Disk", "RB01")
            .Job(@"\Ops\Reports\Daily", TimeSpan.FromHours(2), "RB01", count: 2, parameters: new System.Collections.Generic.Dictionary<string, string> { ["Day"] = "Monday" }));
        var reports = farm.Orchestrator.Jobs.Where(j => j.RunbookPath == @"\Ops\Reports\Daily").Select(j => j.Id.ToString("D")).ToArray();

        var run = farm.Run<DrainRunbookServerActivity>(new()
        {
            ["Runbook Server"] = "RB01", ["Deadline (minutes)"] = 10, ["Deadline Policy"] = "Relocate", ["Restartable Runbooks"] = @"\Ops\Reports\*",
        });

        Assert.That(run.Outcome, Is.EqualTo(ActivityOutcome.Success), run.Message);
        Assert.Multiple(() =>
        {
            Assert.That((run["Monitors Relocated"], run["Jobs Relocated"], run["Jobs Completed During Drain"]), Is.EqualTo((1, 2, 0)));
            var lines = ((string)run["Relocated Jobs"]!).Split(new[] { Environment.NewLine }, StringSplitOptions.None);
            Assert.That(run["Relocated Jobs Count"], Is.EqualTo(3));
            Assert.That(lines, Has.Length.EqualTo(3));
            Assert.That(lines.Where(l => l.StartsWith(@"\Ops\Reports\Daily: ", StringComparison.Ordinal)).Select(l => l.Split(' ')[1]), Is.EquivalentTo(reports));
            foreach (var line in lines)
            {
                var parts = line.Split(new[] { ": ", " -> ", " on " }, StringSplitOptions.None);
                var replacement = farm.Orchestrator.GetJob(Guid.Parse(parts[2]));
                Assert.That((replacement.RunbookPath, replacement.Server), Is.EqualTo((parts[0], parts[3])));
                Assert.That(replacement.Server, Is.Not.EqualTo("RB01"));
            }

            Assert.That((int)run["Drain Duration (seconds)"]!, Is.InRange(10 * 60, 11 * 60), "the deadline, then the move");
        });
    }

    [Test]
    public void Restore_AfterADrain_RestoresTheRecordedMaxJobsAndStopsTheWaitJob()
    {
        using var farm = ActivityFarm.Start(BusyRb01().MaxJobs("RB01", 7));
        var drain = farm.Run<DrainRunbookServerActivity>(new() { ["Runbook Server"] = "RB01" });

        var run = farm.Run<RestoreRunbookServerActivity>(new() { ["Runbook Server"] = "RB01" });

        Assert.That(run.Outcome, Is.EqualTo(ActivityOutcome.Success), run.Message);
        Assert.Multiple(() =>
        {
            Assert.That(run["Runbook Server"], Is.EqualTo("RB01"));
            Assert.That(run["Max Jobs Restored"], Is.EqualTo(7));
            Assert.That(run["Wait Job ID"], Is.EqualTo(drain["Wait Job ID"]));
            Assert.That(run["Health Check Result"], Is.Not.Empty);
            Assert.That(farm.Orchestrator.GetMaxJobs("RB01"), Is.EqualTo(7));
            Assert.That(farm.WaitJobs(), Is.Empty);
        });
    }

    [Test]
    public void Restore_WithTheDrainsWaitJobId_Restores()
    {
        using var farm = ActivityFarm.Start(BusyRb01());
        var drain = farm.Run<DrainRunbookServerActivity>(new() { ["Runbook Server"] = "RB01" });

        var run = farm.Run<RestoreRunbookServerActivity>(new() { ["Runbook Server"] = "RB01", ["Wait Job ID"] = drain["Wait Job ID"] });

        Assert.That(run.Outcome, Is.EqualTo(ActivityOutcome.Success), run.Message);
        Assert.That((farm.Orchestrator.GetMaxJobs("RB01"), farm.WaitJobs().Count), Is.EqualTo((50, 0)));
    }

    [Test]
    public void Restore_WithAWaitJobIdOfNoMaintenance_FailsNamingIt_AndChangesNothing()
    {
        using var farm = ActivityFarm.Start(BusyRb01());
        farm.Run<DrainRunbookServerActivity>(new() { ["Runbook Server"] = "RB01" });
        var before = farm.Snapshot();
        var stranger = farm.Orchestrator.Jobs.First(j => j.RunbookPath == @"\Mon\Disk").Id.ToString("D");

        var run = farm.Run<RestoreRunbookServerActivity>(new() { ["Runbook Server"] = "RB01", ["Wait Job ID"] = stranger });

        Assert.Multiple(() =>
        {
            Assert.That(run.Outcome, Is.EqualTo(ActivityOutcome.Failed));
            Assert.That(run.Message, Is.EqualTo($@"Cannot restore RB01: job {stranger} is not a job of the Wait Runbook \PatchRunbook\4: WaitRunbook. Nothing was changed."));
            Assert.That(farm.Snapshot(), Is.EqualTo(before));
        });
    }

    [Test]
    public void Restore_WithACanary_RunsItOnTheServerBeforeGivingItBack()
    {
        using var farm = ActivityFarm.Start(BusyRb01());
        farm.Run<DrainRunbookServerActivity>(new() { ["Runbook Server"] = "RB01" });

        var run = farm.Run<RestoreRunbookServerActivity>(new() { ["Runbook Server"] = "RB01", ["Canary Runbook"] = StandardRunbooks.CanaryPath });

        Assert.That(run.Outcome, Is.EqualTo(ActivityOutcome.Success), run.Message);
        var canary = farm.Orchestrator.Jobs.Single(j => j.RunbookPath == StandardRunbooks.CanaryPath);
        Assert.Multiple(() =>
        {
            Assert.That((canary.Server, canary.Status), Is.EqualTo(("RB01", SimulatedJobStatus.Completed)));
            Assert.That(run["Health Check Result"], Does.Contain(StandardRunbooks.CanaryPath));
            Assert.That(farm.Orchestrator.GetMaxJobs("RB01"), Is.EqualTo(50));
            Assert.That(farm.WaitJobs(), Is.Empty);
        });
    }

    [Test]
    public void Restore_CanaryThatDoesNotExist_FailsNamingIt_AndTheServerStaysDrained()
    {
        using var farm = ActivityFarm.Start(BusyRb01());
        farm.Run<DrainRunbookServerActivity>(new() { ["Runbook Server"] = "RB01" });

        var run = farm.Run<RestoreRunbookServerActivity>(new() { ["Runbook Server"] = "RB01", ["Canary Runbook"] = @"\PatchRunbook\NoSuchCanary" });

        Assert.Multiple(() =>
        {
            Assert.That(run.Outcome, Is.EqualTo(ActivityOutcome.Failed));
            Assert.That(run.Message, Does.Contain(@"\PatchRunbook\NoSuchCanary"));
            Assert.That(farm.Orchestrator.GetMaxJobs("RB01"), Is.EqualTo(1), "a server that has not proved healthy stays drained");
            Assert.That(farm.WaitJobs(), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void Restore_ServerNotInMaintenance_PublishesAWarningAndChangesNothing()
    {
        using var farm = ActivityFarm.Start(BusyRb01());
        var before = farm.Snapshot();

        var run = farm.Run<RestoreRunbookServerActivity>(new() { ["Runbook Server"] = "RB02" });

        Assert.Multiple(() =>
        {
            Assert.That(run.Outcome, Is.EqualTo(ActivityOutcome.Success), "warnings are published, not thrown");
            Assert.That(run["Warnings"], Does.Contain("RB02").And.Contain("not in maintenance"));
            Assert.That(farm.Snapshot(), Is.EqualTo(before));
        });
    }

    [TestCase(0, Description = "killed as soon as its wait job exists (requests take time, so this is the earliest kill after the first change)")]
    [TestCase(5, Description = "killed at the first poll")]
    [TestCase(180, Description = "killed while waiting for the jobs")]
    [TestCase(600, Description = "killed late in the wait")]
    public void Restore_AfterTheDrainActivityWasKilledMidDrain_ReturnsTheServerToItsRecordedMaxJobs(int killAfterSeconds)
    {
        using var farm = ActivityFarm.Start(BusyRb01().MaxJobs("RB01", 9));
        var killAt = farm.Farm.Now + TimeSpan.FromSeconds(killAfterSeconds);
        farm.Host.KillWhen = killAfterSeconds == 0 ? () => farm.WaitJobs().Count > 0 : () => farm.Farm.Now >= killAt;

        var drain = farm.Run<DrainRunbookServerActivity>(new() { ["Runbook Server"] = "RB01" });

        Assert.That((drain.Outcome, farm.Host.Kills), Is.EqualTo((ActivityOutcome.Failed, 1)), "the drain was killed while it waited");
        Assert.That(farm.WaitJobs(), Has.Count.EqualTo(1), "the maintenance record exists before the throttle changes");
        farm.Host.KillWhen = null;

        var restore = farm.Run<RestoreRunbookServerActivity>(new() { ["Runbook Server"] = "RB01" });

        Assert.Multiple(() =>
        {
            Assert.That(restore.Outcome, Is.EqualTo(ActivityOutcome.Success), restore.Message);
            Assert.That(restore["Max Jobs Restored"], Is.EqualTo(9));
            Assert.That(farm.Orchestrator.GetMaxJobs("RB01"), Is.EqualTo(9));
            Assert.That(farm.WaitJobs(), Is.Empty);
            Assert.That(farm.Orchestrator.Metrics.JobsInterrupted, Is.EqualTo(0));
        });

        // The abandoned drain's timers are still on the clock: it must not be able to change anything later.
        farm.Farm.RunFor(TimeSpan.FromHours(1));
        Assert.That((farm.Orchestrator.GetMaxJobs("RB01"), farm.WaitJobs().Count), Is.EqualTo((9, 0)));
    }
}
