using System;
using System.Linq;
using System.Threading;
using NUnit.Framework;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Lab;
using OrchPatch.Simulator.Scenarios;
using OrchPatch.TestSupport.Farms;
using OrchPatch.Simulator;

namespace OrchPatch.Core.Tests.Maintenance.EndToEnd;

/// <summary>Restore against the simulator, after a whole drain and after a drain stopped at every step.</summary>
[TestFixture]
public sealed class RestoreEndToEndTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromHours(2);

    [Test]
    public void RunAsync_AfterADrain_GivesBackMaxJobsEndsTheWaitJobAndTheServerTakesWorkAgain()
    {
        using var farm = TestFarm.WithServers(2).MaxJobs("RB01", 7).Job(@"\Ops\Short", TimeSpan.FromMinutes(3), "RB01").Build();
        var drain = farm.Run(() => new DrainRunbookServer(farm.Context(), new DrainOptions()).RunAsync("RB01"), Limit);

        var result = farm.Run(() => new RestoreRunbookServer(farm.Context(), new RestoreOptions()).RunAsync("RB01"), Limit);
        var probe = farm.Orchestrator.StartJob(@"\Ops\Short", servers: new[] { "RB01" });
        farm.RunFor(TimeSpan.FromSeconds(10));

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(RestoreOutcome.Restored));
            Assert.That(result.MaxJobsRestored, Is.EqualTo(7));
            Assert.That(result.WaitJobId, Is.EqualTo(drain.WaitJobId));
            Assert.That(farm.Orchestrator.GetMaxJobs("RB01"), Is.EqualTo(7));
            Assert.That(farm.Orchestrator.GetJob(drain.WaitJobId).Status, Is.EqualTo(SimulatedJobStatus.Canceled));
            Assert.That(farm.Orchestrator.GetJob(probe.Id).Status, Is.EqualTo(SimulatedJobStatus.Running), "new work runs on the server again");
        });
    }

    [Test]
    public void RunAsync_WithACanary_RunsItOnTheServerBeforeGivingItBack()
    {
        using var farm = TestFarm.WithServers(2).Build();
        farm.Run(() => new DrainRunbookServer(farm.Context(), new DrainOptions()).RunAsync("RB01"), Limit);

        var result = farm.Run(() => new RestoreRunbookServer(farm.Context(), new RestoreOptions { CanaryRunbookPath = StandardRunbooks.CanaryPath }).RunAsync("RB01"), Limit);

        var canary = farm.Orchestrator.Jobs.Single(j => j.RunbookPath == StandardRunbooks.CanaryPath);
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(RestoreOutcome.Restored));
            Assert.That((canary.Server, canary.Status), Is.EqualTo(("RB01", SimulatedJobStatus.Completed)));
            Assert.That(result.HealthCheckResult, Is.EqualTo($"canary {StandardRunbooks.CanaryPath} completed in 10s"));
            Assert.That(farm.Orchestrator.GetMaxJobs("RB01"), Is.EqualTo(50));
        });
    }

    [Test]
    public void RunAsync_CanaryBehindJobsQueuedForTheServer_GetsASlotInsteadOfTimingOut()
    {
        using var farm = TestFarm.WithServers(2).Job(@"\Ops\Report", TimeSpan.FromMinutes(40), "RB02").Build();
        farm.Run(() => new DrainRunbookServer(farm.Context(), new DrainOptions()).RunAsync("RB01"), Limit);
        // Work pinned to the drained server queues up while it is patched, ahead of the canary.
        var queued = Enumerable.Range(0, 2).Select(_ => farm.Orchestrator.StartJob(@"\Ops\Report", servers: new[] { "RB01" }).Id).ToArray();
        farm.RunFor(TimeSpan.FromMinutes(1));
        var options = new RestoreOptions { CanaryRunbookPath = StandardRunbooks.CanaryPath, HealthTimeout = TimeSpan.FromMinutes(15) };

        var result = farm.Run(() => new RestoreRunbookServer(farm.Context(), options).RunAsync("RB01"), Limit);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(RestoreOutcome.Restored));
            Assert.That(result.HealthCheckResult, Does.Match(@"^canary \\PatchRunbook\\Canary completed in [0-9]+s$"));
            Assert.That(result.Duration, Is.LessThan(TimeSpan.FromMinutes(2)), "the canary did not wait for the 40-minute jobs");
            Assert.That(queued.Select(id => farm.Orchestrator.GetJob(id).Status), Is.All.EqualTo(SimulatedJobStatus.Running));
            Assert.That(farm.Orchestrator.GetMaxJobs("RB01"), Is.EqualTo(50));
        });
    }

    [Test]
    public void RunAsync_WaitJobEndedWithoutARestore_RestoresFromTheLatestRecordAndSaysWhatItAssumed()
    {
        using var farm = TestFarm.WithServers(2).MaxJobs("RB01", 9).Build();
        var drain = farm.Run(() => new DrainRunbookServer(farm.Context(), new DrainOptions()).RunAsync("RB01"), Limit);
        farm.Orchestrator.CancelJob(drain.WaitJobId);
        farm.RunFor(TimeSpan.FromMinutes(1));

        var result = farm.Run(() => new RestoreRunbookServer(farm.Context(), new RestoreOptions()).RunAsync("RB01"), Limit);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(RestoreOutcome.Restored));
            Assert.That(farm.Orchestrator.GetMaxJobs("RB01"), Is.EqualTo(9));
            Assert.That(result.Warnings, Has.Some.Contains(drain.WaitJobId.ToString()).And.Some.Contains("set on purpose"));
        });
    }

    [Test]
    public void RunAsync_ServerNotInMaintenance_ChangesNothingAndSaysSo()
    {
        using var farm = TestFarm.WithServers(2).Job(@"\Ops\Long", TimeSpan.FromMinutes(30), "RB01").Build();
        var before = FarmSnapshot.Of(farm);

        var result = farm.Run(() => new RestoreRunbookServer(farm.Context(), new RestoreOptions()).RunAsync("RB01"), Limit);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(RestoreOutcome.NotInMaintenance));
            Assert.That(result.Warnings, Has.Some.Contains("not in maintenance"));
            Assert.That(before.Differences(FarmSnapshot.Of(farm)), Is.Empty);
        });
    }

    /// <summary>The drain is stopped right after its n-th step event (a runbook stopped in the Designer; the activity's
    /// process ends), for every n the drain has; a fresh client then restores.</summary>
    [Test]
    public void RunAsync_AfterADrainStoppedAtEveryStep_ReturnsTheServerToItsRecordedState()
    {
        var steps = CountStepEvents();
        Assert.That(steps, Is.GreaterThanOrEqualTo(6), "a drain reports each of its steps");
        for (var stopAfter = 1; stopAfter <= steps; stopAfter++)
        {
            using var farm = CrashFarm();
            using var stop = new CancellationTokenSource();
            var seen = 0;
            var settings = new MaintenanceSettings { OnProgress = e => { if (IsStep(e) && ++seen == stopAfter) stop.Cancel(); } };
            var drain = farm.Start(() => new DrainRunbookServer(farm.Context(settings), new DrainOptions()).RunAsync("RB01", stop.Token));
            farm.RunUntil(() => drain.IsCompleted, Limit);

            using var freshService = farm.CreateService();
            var result = farm.Run(() => new RestoreRunbookServer(farm.Context(service: freshService), new RestoreOptions()).RunAsync("RB01"), Limit);

            var at = $"stopped after step event {stopAfter} of {steps}: {result.Summary()}";
            Assert.Multiple(() =>
            {
                Assert.That(farm.Orchestrator.GetMaxJobs("RB01"), Is.EqualTo(12), at);
                Assert.That(FarmInvariants.ActiveWaitJobs(farm), Is.Empty, at);
                Assert.That(farm.Orchestrator.Jobs.Where(j => j.Kind == RunbookKind.Ordinary).Select(j => j.Status), Is.All.AnyOf(SimulatedJobStatus.Running, SimulatedJobStatus.Completed), "no ordinary job was lost; " + at);
                Assert.That(FarmInvariants.MonitorOverlaps(farm), Is.Empty, at);
                Assert.That(farm.Orchestrator.Jobs.Count(j => j.Kind == RunbookKind.Monitor && j.Status is SimulatedJobStatus.Running or SimulatedJobStatus.Pending), Is.EqualTo(1), "the monitor still runs, once; " + at);
            });
        }

        TestContext.Out.WriteLine($"stop points tried {steps}, recovered {steps}");
    }

    private static bool IsStep(MaintenanceEvent e) => e.Kind is MaintenanceEventKind.StepStarted or MaintenanceEventKind.StepFinished;

    private static SimulatedFarm CrashFarm() => TestFarm.WithServers(3)
        .MaxJobs("RB01", 12)
        .Monitor(@"\Mon\Disk", "RB01")
        .Job(@"\Ops\Long", TimeSpan.FromMinutes(20), "RB01")
        .Build();

    private static int CountStepEvents()
    {
        using var farm = CrashFarm();
        var steps = 0;
        var settings = new MaintenanceSettings { OnProgress = e => { if (IsStep(e)) steps++; } };
        farm.Run(() => new DrainRunbookServer(farm.Context(settings), new DrainOptions()).RunAsync("RB01"), Limit);
        return steps;
    }
}
