using System;
using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Simulator.Scenarios;
using OrchPatch.TestSupport.Farms;
using OrchPatch.Simulator;

namespace OrchPatch.Core.Tests.Maintenance.EndToEnd;

/// <summary>The drain against the simulator, through the real client, on the farm's clock.</summary>
[TestFixture]
public sealed class DrainEndToEndTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromHours(3);

    [TestCase(OrchestratorApi.OData)]
    [TestCase(OrchestratorApi.WebApi)]
    public void RunAsync_OrdinaryJobsAndAMonitor_MovesTheMonitorAtOnceAndEndsWithinAPollOfTheLastJob(OrchestratorApi api)
    {
        using var farm = TestFarm.WithServers(3)
            .Monitor(@"\Mon\Disk", "RB01")
            .Job(@"\Ops\Short", TimeSpan.FromMinutes(5), "RB01")
            .Job(@"\Ops\Long", TimeSpan.FromMinutes(12), "RB01")
            .Build(api: api);
        var lastJobEnds = farm.Orchestrator.Jobs.Where(j => j.Status == SimulatedJobStatus.Running && j.PlannedEndTime is not null).Max(j => j.PlannedEndTime!.Value);
        var context = farm.Context();

        var result = farm.Run(() => new DrainRunbookServer(context, new DrainOptions()).RunAsync("RB01"), Limit);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(DrainOutcome.Drained));
            Assert.That(result.Completed.Select(c => c.RunbookPath), Is.EquivalentTo(new[] { @"\Ops\Short", @"\Ops\Long" }));
            Assert.That(result.Relocated.Select(r => (r.RunbookPath, r.Category)), Is.EqualTo(new[] { (@"\Mon\Disk", JobCategory.Monitor) }));
            Assert.That(result.Relocated[0].NewServer, Is.AnyOf("RB02", "RB03"));
            Assert.That(result.Canceled, Is.Empty);
            Assert.That(farm.Now - lastJobEnds, Is.LessThanOrEqualTo(context.Settings.PollInterval), "the drain ends within one poll of the last job");
            Assert.That(farm.Orchestrator.GetMaxJobs("RB01"), Is.EqualTo(1));
            Assert.That(result.PreviousMaxJobs, Is.EqualTo(50));
            var wait = farm.Orchestrator.GetJob(result.WaitJobId);
            Assert.That((wait.Status, wait.Server), Is.EqualTo((SimulatedJobStatus.Running, "RB01")));
            Assert.That(farm.Orchestrator.Metrics.JobsInterrupted, Is.EqualTo(0));
            Assert.That(FarmInvariants.MonitorOverlaps(farm), Is.Empty, "a monitor never runs twice");
        });
    }

    [Test]
    public void RunAsync_IdleServer_IsDrainedAsSoonAsItsRunbookServiceStartsTheWaitJob()
    {
        using var farm = TestFarm.WithServers(2).Build();

        var result = farm.Run(() => new DrainRunbookServer(farm.Context(), new DrainOptions()).RunAsync("RB01"), Limit);

        Assert.That(result.Outcome, Is.EqualTo(DrainOutcome.Drained));
        Assert.That(result.Duration, Is.LessThanOrEqualTo(farm.Orchestrator.Settings.RunbookServicePollInterval + TimeSpan.FromSeconds(1)), "one poll of the runbook service, not one of the engine");
    }

    [Test]
    public void RunAsync_UnderLoad_CancelsNoOrdinaryJobAndLeavesOnlyTheWaitJobOnTheServer()
    {
        using var farm = TestFarm.WithServers(3)
            .Job(@"\Ops\Backup", TimeSpan.FromMinutes(20), "RB01", count: 3)
            .Monitor(@"\Mon\Queue", "RB01")
            .Arrivals(@"\Ops\Ticket", TimeSpan.FromMinutes(4), perHour: 120)
            .Build();

        var result = farm.Run(() => new DrainRunbookServer(farm.Context(), new DrainOptions()).RunAsync("RB01"), Limit);

        var onRb01 = farm.Orchestrator.Jobs.Where(j => j.Server == "RB01" && j.Status is SimulatedJobStatus.Running or SimulatedJobStatus.Pending).ToArray();
        var ordinaryCanceled = farm.Orchestrator.Jobs.Where(j => j.Kind == RunbookKind.Ordinary && j.Status == SimulatedJobStatus.Canceled).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(DrainOutcome.Drained));
            Assert.That(onRb01.Select(j => j.Id), Is.EqualTo(new[] { result.WaitJobId }), "only the wait job is left");
            Assert.That(ordinaryCanceled, Is.Empty, "no ordinary job is canceled under the default policy");
            Assert.That(farm.Orchestrator.Metrics.JobsInterrupted, Is.EqualTo(0));
            Assert.That(result.Warnings, Is.Empty, "the throttle held: nothing landed on the server after max jobs 1");
            Assert.That(FarmInvariants.MonitorOverlaps(farm), Is.Empty);
        });
    }

    [Test]
    public void RunAsync_ChildWhoseParentWaits_IsWaitedForNotMoved()
    {
        using var farm = TestFarm.WithServers(2)
            .ParentWaitingOnChild(@"\Ops\Parent", @"\Ops\Child", TimeSpan.FromMinutes(8), "RB01")
            .Build();
        var child = farm.Orchestrator.Jobs.Single(j => j.RunbookPath == @"\Ops\Child");

        var result = farm.Run(() => new DrainRunbookServer(farm.Context(), new DrainOptions()).RunAsync("RB01"), Limit);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(DrainOutcome.Drained));
            Assert.That(result.Relocated, Is.Empty);
            Assert.That(result.Completed.Select(c => c.JobId), Does.Contain(child.Id));
            Assert.That(farm.Orchestrator.GetJob(child.Id).Status, Is.EqualTo(SimulatedJobStatus.Completed));
            Assert.That(farm.Orchestrator.Jobs.Count(j => j.RunbookPath == @"\Ops\Child"), Is.EqualTo(1), "the child was not restarted");
        });
    }

    [Test]
    public void RunAsync_FailPolicyAtTheDeadline_GivesTheServerBackAndNamesTheBlockers()
    {
        using var farm = TestFarm.WithServers(2)
            .Job(@"\Ops\Quick", TimeSpan.FromMinutes(2), "RB01")
            .Job(@"\Ops\Endless", TimeSpan.FromHours(4), "RB01")
            .Build();
        var endless = farm.Orchestrator.Jobs.Single(j => j.RunbookPath == @"\Ops\Endless");

        var result = farm.Run(() => new DrainRunbookServer(farm.Context(), new DrainOptions { Deadline = TimeSpan.FromMinutes(10) }).RunAsync("RB01"), Limit);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(DrainOutcome.RolledBack));
            Assert.That(result.Blockers.Select(b => b.RunbookPath), Is.EqualTo(new[] { @"\Ops\Endless" }));
            Assert.That(result.WayOut, Is.EqualTo("raise the deadline, mark them restartable with DeadlinePolicy Relocate, or use DeadlinePolicy Wait"));
            Assert.That(farm.Orchestrator.GetMaxJobs("RB01"), Is.EqualTo(50), "max jobs is given back");
            Assert.That(FarmInvariants.ActiveWaitJobs(farm), Is.Empty, "the maintenance record is gone");
            Assert.That(farm.Orchestrator.GetJob(endless.Id).Status, Is.EqualTo(SimulatedJobStatus.Running), "the blocker keeps running");
            Assert.That(result.Canceled, Is.Empty);
        });
    }

    [Test]
    public void RunAsync_WaitPolicyPastTheDeadline_KeepsWaitingAndWarns()
    {
        using var farm = TestFarm.WithServers(2).Job(@"\Ops\Long", TimeSpan.FromMinutes(40), "RB01").Build();
        var ends = farm.Orchestrator.Jobs.Single(j => j.RunbookPath == @"\Ops\Long").PlannedEndTime!.Value;
        var context = farm.Context();

        var result = farm.Run(() => new DrainRunbookServer(context, new DrainOptions { Deadline = TimeSpan.FromMinutes(10), DeadlinePolicy = DeadlinePolicy.Wait }).RunAsync("RB01"), Limit);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(DrainOutcome.Drained));
            Assert.That(result.Warnings, Has.Some.Contains("deadline"));
            Assert.That(farm.Now - ends, Is.InRange(TimeSpan.Zero, context.Settings.PollInterval));
            Assert.That(result.Completed.Select(c => c.RunbookPath), Is.EqualTo(new[] { @"\Ops\Long" }));
        });
    }

    [Test]
    public void RunAsync_RelocatePolicyWithRestartableJobs_RestartsThemElsewhereWithTheirParameters()
    {
        var parameters = new Dictionary<string, string> { ["Target"] = "db07" };
        using var farm = TestFarm.WithServers(3)
            .Job(@"\Ops\Reindex", TimeSpan.FromHours(2), "RB01", parameters: parameters)
            .Build();
        var original = farm.Orchestrator.Jobs.Single(j => j.RunbookPath == @"\Ops\Reindex");
        var options = new DrainOptions { Deadline = TimeSpan.FromMinutes(5), DeadlinePolicy = DeadlinePolicy.Relocate, Restartable = RestartablePatterns.Parse(@"\Ops\Re*") };

        var result = farm.Run(() => new DrainRunbookServer(farm.Context(), options).RunAsync("RB01"), Limit);

        var moved = result.Relocated.Single();
        var copy = farm.Orchestrator.GetJob(moved.NewJobId);
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(DrainOutcome.Drained));
            Assert.That(moved.OldJobId, Is.EqualTo(original.Id));
            Assert.That(farm.Orchestrator.GetJob(original.Id).Status, Is.EqualTo(SimulatedJobStatus.Canceled));
            Assert.That(copy.Status, Is.EqualTo(SimulatedJobStatus.Running));
            Assert.That(copy.Server, Is.AnyOf("RB02", "RB03"));
            Assert.That(copy.Parameters, Is.EquivalentTo(parameters));
            Assert.That(result.Duration, Is.LessThan(TimeSpan.FromMinutes(6)));
        });
    }

    [Test]
    public void RunAsync_RelocatePolicyWithAJobNotRestartable_RollsBackAndNamesIt()
    {
        using var farm = TestFarm.WithServers(3)
            .Job(@"\Ops\Reindex", TimeSpan.FromHours(2), "RB01")
            .Job(@"\Finance\Close", TimeSpan.FromHours(2), "RB01")
            .Build();
        var before = farm.Orchestrator.Jobs.Where(j => j.Kind == RunbookKind.Ordinary).Select(j => j.Id).ToArray();
        var options = new DrainOptions { Deadline = TimeSpan.FromMinutes(5), DeadlinePolicy = DeadlinePolicy.Relocate, Restartable = RestartablePatterns.Parse(@"\Ops\*") };

        var result = farm.Run(() => new DrainRunbookServer(farm.Context(), options).RunAsync("RB01"), Limit);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(DrainOutcome.RolledBack));
            Assert.That(result.Blockers.Select(b => b.RunbookPath), Is.EqualTo(new[] { @"\Finance\Close" }));
            Assert.That(before.Select(id => farm.Orchestrator.GetJob(id).Status), Is.All.EqualTo(SimulatedJobStatus.Running), "nothing was moved or canceled");
            Assert.That(farm.Orchestrator.GetMaxJobs("RB01"), Is.EqualTo(50));
        });
    }

    [Test]
    public void RunAsync_CancelPolicy_CancelsWhatIsLeftAndReportsTheLostWork()
    {
        using var farm = TestFarm.WithServers(2).Job(@"\Ops\Endless", TimeSpan.FromHours(4), "RB01").Build();
        var endless = farm.Orchestrator.Jobs.Single(j => j.RunbookPath == @"\Ops\Endless");

        var result = farm.Run(() => new DrainRunbookServer(farm.Context(), new DrainOptions { Deadline = TimeSpan.FromMinutes(10), DeadlinePolicy = DeadlinePolicy.Cancel }).RunAsync("RB01"), Limit);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(DrainOutcome.Drained));
            Assert.That(result.Canceled.Select(c => c.JobId), Is.EqualTo(new[] { endless.Id }));
            Assert.That(farm.Orchestrator.GetJob(endless.Id).Status, Is.EqualTo(SimulatedJobStatus.Canceled));
            Assert.That(result.Summary(), Is.EqualTo(
                $"RB01 is drained after 10m04s: only the wait job {result.WaitJobId} runs there and max jobs is 1 (was 50). 0 jobs finished while it drained; 1 canceled, their work lost (\\Ops\\Endless)."));
        });
    }

    private static IEnumerable<TestCaseData> Refusals()
    {
        yield return new TestCaseData("RB09", new DrainOptions(), null).SetName("Refused_UnknownServer");
        yield return new TestCaseData("RB01", new DrainOptions { MinimumRunbookServers = 3 }, null).SetName("Refused_TooFewServersLeft");
        yield return new TestCaseData("RB01", new DrainOptions(), "rb01").SetName("Refused_TheMachineRunningTheCode");
    }

    [TestCaseSource(nameof(Refusals))]
    public void RunAsync_PreflightRefusal_ChangesNothing(string server, DrainOptions options, string? localComputer)
    {
        using var farm = TestFarm.WithServers(2).Monitor(@"\Mon\Disk", "RB01").Job(@"\Ops\Long", TimeSpan.FromMinutes(30), "RB01").Build();
        var before = FarmSnapshot.Of(farm);
        var context = farm.Context(new MaintenanceSettings { LocalComputerName = localComputer });

        var error = Assert.Throws(Is.InstanceOf<MaintenanceRefusedException>(), () => farm.Run(() => new DrainRunbookServer(context, options).RunAsync(server), Limit));

        Assert.That(error!.Message, Does.Contain(server).IgnoreCase);
        Assert.That(before.Differences(FarmSnapshot.Of(farm)), Is.Empty);
    }

    [Test]
    public void RunAsync_WhileAnotherDrainIsInProgress_IsRefusedAndChangesNothing()
    {
        using var farm = TestFarm.WithServers(3)
            .Job(@"\Ops\Long", TimeSpan.FromMinutes(30), "RB01")
            .Job(@"\Ops\Other", TimeSpan.FromMinutes(30), "RB02")
            .Build();
        var first = farm.Start(() => new DrainRunbookServer(farm.Context(), new DrainOptions()).RunAsync("RB01"));
        farm.RunFor(TimeSpan.FromMinutes(1));
        var before = FarmSnapshot.Of(farm);

        var other = Assert.Throws(Is.InstanceOf<MaintenanceRefusedException>(), () => farm.Run(() => new DrainRunbookServer(farm.Context(), new DrainOptions()).RunAsync("RB02"), Limit));
        var same = Assert.Throws(Is.InstanceOf<MaintenanceRefusedException>(), () => farm.Run(() => new DrainRunbookServer(farm.Context(), new DrainOptions()).RunAsync("RB01"), Limit));

        var held = $"RB01 (since 2026-11-25 02:00 UTC, by orchpatch, wait job {FarmInvariants.ActiveWaitJobs(farm).Single()}) is already in maintenance";
        Assert.Multiple(() =>
        {
            Assert.That(other!.Message, Does.StartWith($"Cannot drain RB02: {held}, and at most 1 server may be at once").And.EndWith(". Nothing was changed."), "the refusal names the server already in maintenance");
            Assert.That(same!.Message, Is.EqualTo(
                $"Cannot drain RB01: {held}. If the run that started it is still going, let it finish; if it stopped, restore the server to end the maintenance, or resume the drain to continue it. Nothing was changed."));
            Assert.That(before.Differences(FarmSnapshot.Of(farm)), Is.Empty);
            Assert.That(first.IsCompleted, Is.False, "the first drain goes on");
        });
        Assert.That(farm.RunUntil(() => first.IsCompleted, Limit), Is.True);
        Assert.That(first.Result.Outcome, Is.EqualTo(DrainOutcome.Drained));
    }

    [Test]
    public void RunAsync_NoThrottleInEffect_WarnsAboutJobsThatLandedAfterward()
    {
        using var farm = TestFarm.WithServers(2).Job(@"\Ops\Long", TimeSpan.FromMinutes(10), "RB01").Build();
        var context = new MaintenanceContext(farm.Service, new OrchPatch.Core.Throttle.NoThrottle(), farm.Clock);
        var task = farm.Start(() => new DrainRunbookServer(context, new DrainOptions()).RunAsync("RB01"));
        farm.RunFor(TimeSpan.FromMinutes(1));
        var landed = farm.Orchestrator.StartJob(@"\Ops\Long", servers: new[] { "RB01" });

        Assert.That(farm.RunUntil(() => task.IsCompleted, Limit), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(task.Result.Warnings, Has.Some.Contains("throttle is not in effect"));
            Assert.That(task.Result.LandedAfterThrottle.Select(j => j.JobId), Is.EqualTo(new[] { landed.Id }), "the result names the job that landed, and only it");
        });
    }

    [Test]
    public void RunAsync_WaitJobStoppedWhileWaiting_StopsAtItsNextPollNamingTheWaitJob()
    {
        using var farm = TestFarm.WithServers(3).Job(@"\Ops\Long", TimeSpan.FromMinutes(40), "RB01").Build();
        var context = farm.Context();
        var task = farm.Start(() => new DrainRunbookServer(context, new DrainOptions { Deadline = TimeSpan.FromHours(2) }).RunAsync("RB01"));
        farm.RunFor(TimeSpan.FromMinutes(2));
        var waitJob = farm.Orchestrator.Jobs.Single(j => j.Kind == RunbookKind.Wait && j.Status == SimulatedJobStatus.Running);
        var stoppedAt = farm.Now;

        farm.Act(() => farm.Orchestrator.CancelJob(waitJob.Id));

        Assert.That(farm.RunUntil(() => task.IsCompleted, Limit), Is.True);
        var error = Assert.Throws<MaintenanceFailedException>(() => task.GetAwaiter().GetResult());
        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Is.EqualTo(
                $"The wait job {waitJob.Id} ended (Canceled) while the drain waited: RB01 no longer holds its last slot for the maintenance"
                + $" (was it restored, or the job stopped in Runbook Designer?). The drain stopped. State of RB01: max jobs restored to 50; wait job {waitJob.Id} canceled."));
            Assert.That(error.InnerException, Is.Null, "a step's failure has no cause but itself; the drain's internal step exception never leaves it");
            Assert.That(farm.Now - stoppedAt, Is.LessThanOrEqualTo(context.Settings.PollInterval + context.Settings.PollInterval), "noticed at the next poll, not at the deadline");
            Assert.That(farm.Orchestrator.Jobs.Single(j => j.RunbookPath == @"\Ops\Long").Status, Is.EqualTo(SimulatedJobStatus.Running), "the work on the server goes on");
        });
    }
}
