using System;
using System.Linq;
using NUnit.Framework;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Simulator.Events;
using OrchPatch.Simulator.Scenarios;
using OrchPatch.Simulator.Tests.Support;
using OrchPatch.Simulator;

namespace OrchPatch.Simulator.Tests.Runtime;

/// <summary>The simulated Runbook Service on a fake clock. With the default 3-second poll, RB01 polls at 1 s, 4 s,
/// 7 s...; RB02 at 2 s, 5 s...; RB03 at 3 s, 6 s... after the epoch.</summary>
[TestFixture]
public sealed class SchedulingTests
{
    private static DateTimeOffset At(double seconds) => TestFarm.Epoch + TimeSpan.FromSeconds(seconds);

    [Test]
    public void StartJob_AnyServer_FirstServerToPollTakesItThen()
    {
        using var farm = TestFarm.Create();

        var job = farm.Simulator.StartJob(TestScenarios.Short);
        farm.RunSeconds(0.9);
        var before = farm.Job(job.Id).Status;
        farm.RunSeconds(0.2);

        var started = farm.Job(job.Id);
        Assert.That((before, started.Status, started.Server, started.StartTime), Is.EqualTo((SimulatedJobStatus.Pending, SimulatedJobStatus.Running, "RB01", (DateTimeOffset?)At(1))));
    }

    [Test]
    public void Job_FixedDuration_CompletesAtItsPlannedEnd()
    {
        using var farm = TestFarm.Create();
        var job = farm.Simulator.StartJob(TestScenarios.Short);
        farm.RunSeconds(2);
        var planned = farm.Job(job.Id).PlannedEndTime;

        farm.RunSeconds(10);

        var ended = farm.Simulator.Events.OfType<JobCompleted>().Single(e => e.JobId == job.Id);
        Assert.That((planned, ended.Time, farm.Job(job.Id).Status), Is.EqualTo(((DateTimeOffset?)At(11), At(11), SimulatedJobStatus.Completed)));
    }

    [Test]
    public void Throttle_ServersFull_ExtraJobWaitsPendingUntilMaxJobsRises()
    {
        using var farm = TestFarm.Create(TestScenarios.ThreeServers(maxJobs: 2));
        var jobs = Enumerable.Range(0, 7).Select(_ => farm.Simulator.StartJob(TestScenarios.Long)).ToList();

        farm.RunSeconds(3.5);
        var perServer = farm.Simulator.Servers.Select(s => s.RunningJobs).ToArray();
        var pending = farm.Simulator.Jobs.Count(j => j.Status == SimulatedJobStatus.Pending);
        farm.Simulator.SetMaxJobs("RB02", 3);
        farm.RunSeconds(2);

        Assert.That(perServer, Is.EqualTo(new[] { 2, 2, 2 }));
        Assert.That(pending, Is.EqualTo(1));
        Assert.That(farm.Job(jobs[6].Id).Server, Is.EqualTo("RB02"), "RB02 polls first after its limit rose (at 5 s)");
    }

    [Test]
    public void Throttle_LoweredBelowRunning_StopsNothingAndTakesNothing()
    {
        using var farm = TestFarm.Create(TestScenarios.ThreeServers() with { Servers = new[] { new ServerSpec("RB01") } });
        for (var i = 0; i < 3; i++)
        {
            farm.Simulator.StartJob(TestScenarios.Long);
        }

        farm.RunSeconds(4);
        farm.Simulator.SetMaxJobs("RB01", 1);
        var late = farm.Simulator.StartJob(TestScenarios.Short);
        farm.RunSeconds(60);

        Assert.That((farm.RunningOn("RB01").Count, farm.Job(late.Id).Status), Is.EqualTo((3, SimulatedJobStatus.Pending)));
    }

    [Test]
    public void Queue_OneSlot_OldestPendingStartsOnTheNextPollAfterTheSlotFrees()
    {
        using var farm = TestFarm.Create(TestScenarios.ThreeServers(maxJobs: 1) with { Servers = new[] { new ServerSpec("RB01") { MaxJobs = 1 } } });
        var first = farm.Simulator.StartJob(TestScenarios.Short);
        var second = farm.Simulator.StartJob(TestScenarios.Short);
        var third = farm.Simulator.StartJob(TestScenarios.Short);

        farm.RunSeconds(30);

        // One server polls at 3 s, 6 s, ...: first runs 3-13 s, second starts at the 15 s poll, third at 27 s.
        var starts = new[] { first, second, third }.Select(j => farm.Job(j.Id).StartTime).ToArray();
        Assert.That(starts, Is.EqualTo(new DateTimeOffset?[] { At(3), At(15), At(27) }));
    }

    [Test]
    public void Failover_PrimaryOffline_StandbyTakesTheJob()
    {
        var scenario = TestScenarios.ThreeServers().With(new RunbookSpec(@"\Ops\Preferring RB01") { Servers = new[] { "RB01", "RB02" } });
        using var farm = TestFarm.Create(scenario);
        farm.Simulator.TakeOffline("RB01");

        var job = farm.Simulator.StartJob(@"\Ops\Preferring RB01");
        farm.RunSeconds(3);

        Assert.That(farm.Job(job.Id).Server, Is.EqualTo("RB02"));
    }

    [Test]
    public void Failover_PrimaryFull_StandbyTakesTheJob()
    {
        var scenario = TestScenarios.ThreeServers().With(new RunbookSpec(@"\Ops\Preferring RB01") { Servers = new[] { "RB01", "RB02" }, Concurrency = 5 });
        using var farm = TestFarm.Create(scenario);
        farm.Simulator.SetMaxJobs("RB01", 1);
        var blocker = farm.Simulator.StartJob(TestScenarios.Long, servers: new[] { "RB01" });
        farm.RunSeconds(1.5);

        var job = farm.Simulator.StartJob(@"\Ops\Preferring RB01");
        farm.RunSeconds(1);

        Assert.That((farm.Job(blocker.Id).Server, farm.Job(job.Id).Server), Is.EqualTo(("RB01", "RB02")));
    }

    [Test]
    public void Failover_PrimaryAvailable_StandbyLeavesTheJobToIt()
    {
        var scenario = TestScenarios.ThreeServers().With(new RunbookSpec(@"\Ops\Preferring RB01") { Servers = new[] { "RB01", "RB02" } });
        using var farm = TestFarm.Create(scenario);
        farm.RunSeconds(1.5);

        var job = farm.Simulator.StartJob(@"\Ops\Preferring RB01");
        farm.RunSeconds(1);
        var afterStandbyPolled = farm.Job(job.Id).Status;
        farm.RunSeconds(2);

        Assert.That((afterStandbyPolled, farm.Job(job.Id).Server, farm.Job(job.Id).StartTime), Is.EqualTo((SimulatedJobStatus.Pending, "RB01", (DateTimeOffset?)At(4))));
    }

    [Test]
    public void RunbookServers_JobPinned_RunsOnlyThere()
    {
        using var farm = TestFarm.Create();

        var job = farm.Simulator.StartJob(TestScenarios.Short, servers: new[] { "rb03" });
        farm.RunSeconds(3);

        Assert.That(farm.Job(job.Id).Server, Is.EqualTo("RB03"));
    }

    [Test]
    public void RunbookServers_PinnedServerOffline_JobWaitsPendingAndRunsWhenItReturns()
    {
        using var farm = TestFarm.Create();
        farm.Simulator.TakeOffline("RB03");

        var job = farm.Simulator.StartJob(TestScenarios.Short, servers: new[] { "RB03" });
        farm.RunSeconds(60);
        var whileOffline = farm.Job(job.Id).Status;
        farm.Simulator.BringOnline("RB03");
        farm.RunSeconds(3);

        Assert.That((whileOffline, farm.Job(job.Id).Status, farm.Job(job.Id).Server), Is.EqualTo((SimulatedJobStatus.Pending, SimulatedJobStatus.Running, "RB03")));
    }

    [TestCase(JobServerOrder.AnyListed, "RB02", Description = "any listed server: RB02 polls first")]
    [TestCase(JobServerOrder.InOrder, "RB03", Description = "in order: RB02 waits while RB03 has room")]
    public void RunbookServers_JobServerOrderSetting_DecidesWhoTakesIt(JobServerOrder order, string expected)
    {
        using var farm = TestFarm.Create(settings: new SimulatorSettings { JobServerOrder = order });

        var job = farm.Simulator.StartJob(TestScenarios.Short, servers: new[] { "RB03", "RB02" });
        farm.RunSeconds(3.5);

        Assert.That(farm.Job(job.Id).Server, Is.EqualTo(expected));
    }

    [Test]
    public void RunbookServers_DefaultSettings_FirstListedRunsItAndTheOthersAreFallbacks()
    {
        // Microsoft: "the first listed runs it; the others are backups" (docs/orchestrator-facts.md#runbook-servers-dispatch-and-the-throttle).
        using var farm = TestFarm.Create();
        farm.Simulator.SetMaxJobs("RB03", 1);

        var first = farm.Simulator.StartJob(TestScenarios.Long, servers: new[] { "RB03", "RB02" });
        var second = farm.Simulator.StartJob(TestScenarios.Long, servers: new[] { "RB03", "RB02" });
        farm.RunSeconds(2.5);
        var afterRb02sFirstPoll = (farm.Job(first.Id).Server, farm.Job(second.Id).Server);
        farm.RunSeconds(3);

        Assert.That(farm.Simulator.Settings.JobServerOrder, Is.EqualTo(JobServerOrder.InOrder));
        Assert.That(afterRb02sFirstPoll, Is.EqualTo(((string?)null, (string?)null)), "RB02 polls first (2 s) and leaves both to RB03, which has room");
        Assert.That((farm.Job(first.Id).Server, farm.Job(second.Id).Server), Is.EqualTo(("RB03", "RB02")), "RB03 takes one (3 s); RB02 takes the one RB03 has no room for (5 s)");
    }

    [Test]
    public void Offline_Server_GetsNoWork()
    {
        using var farm = TestFarm.Create();
        farm.Simulator.TakeOffline("RB01");
        farm.Simulator.SetMaxJobs("RB02", 5);

        for (var i = 0; i < 10; i++)
        {
            farm.Simulator.StartJob(TestScenarios.Long);
        }

        farm.RunSeconds(120);

        Assert.That(farm.Simulator.Jobs.Where(j => j.Server is not null).Select(j => j.Server).Distinct(), Is.EquivalentTo(new[] { "RB02", "RB03" }));
    }

    [Test]
    public void Concurrency_RunbookLimit_ExtraJobsWaitFarmWide()
    {
        var scenario = TestScenarios.ThreeServers().With(new RunbookSpec(@"\Ops\Two At Once") { Concurrency = 2, Duration = DurationDistribution.Fixed(TimeSpan.FromMinutes(1)) });
        using var farm = TestFarm.Create(scenario);
        var jobs = Enumerable.Range(0, 3).Select(_ => farm.Simulator.StartJob(@"\Ops\Two At Once")).ToList();

        farm.RunSeconds(30);
        var runningEarly = jobs.Count(j => farm.Job(j.Id).Status == SimulatedJobStatus.Running);
        farm.RunSeconds(40);

        Assert.That(runningEarly, Is.EqualTo(2));
        Assert.That(farm.Job(jobs[2].Id).Status, Is.EqualTo(SimulatedJobStatus.Running), "the third starts once one of the first two has completed");
    }

    [Test]
    public void Concurrency_DefaultIsOne_AsOrchestrator()
    {
        var scenario = TestScenarios.ThreeServers().With(new RunbookSpec(@"\Ops\Default Concurrency"));
        using var farm = TestFarm.Create(scenario);

        farm.Simulator.StartJob(@"\Ops\Default Concurrency");
        farm.Simulator.StartJob(@"\Ops\Default Concurrency");
        farm.RunSeconds(30);

        Assert.That(farm.Simulator.Jobs.Select(j => j.Status), Is.EquivalentTo(new[] { SimulatedJobStatus.Running, SimulatedJobStatus.Pending }));
    }

    [Test]
    public void Monitor_SecondJob_WaitsUntilTheFirstIsCanceled()
    {
        using var farm = TestFarm.Create();
        var first = farm.Simulator.StartJob(TestScenarios.Monitor, servers: new[] { "RB01" });
        farm.RunSeconds(2);
        var second = farm.Simulator.StartJob(TestScenarios.Monitor, servers: new[] { "RB02" });

        farm.RunSeconds(600);
        var secondWhileFirstRuns = farm.Job(second.Id).Status;
        farm.Simulator.CancelJob(first.Id);
        farm.RunSeconds(6);

        Assert.That(secondWhileFirstRuns, Is.EqualTo(SimulatedJobStatus.Pending));
        Assert.That((farm.Job(first.Id).Status, farm.Job(second.Id).Status, farm.Job(second.Id).Server), Is.EqualTo((SimulatedJobStatus.Canceled, SimulatedJobStatus.Running, "RB02")));
    }

    [Test]
    public void Monitor_Running_FiresANewInstanceEachTriggerWithAtMostOneRunning()
    {
        using var farm = TestFarm.Create();
        var job = farm.Simulator.StartJob(TestScenarios.Monitor);

        farm.RunSeconds(1 + (5 * 60) + 30);

        var instances = farm.Simulator.Instances.Where(i => i.JobId == job.Id).ToList();
        Assert.That(instances, Has.Count.EqualTo(6), "started at 1 s, fired at 1, 2, 3, 4 and 5 minutes later");
        Assert.That(instances.Count(i => i.IsRunning), Is.EqualTo(1));
        Assert.That(instances.Where(i => !i.IsRunning).Select(i => i.Status).Distinct(), Is.EqualTo(new[] { "Success" }));
        Assert.That(farm.Job(job.Id).Status, Is.EqualTo(SimulatedJobStatus.Running));
    }

    [Test]
    public void Cancel_RunningJob_StopsOnlyAtItsServersNextPoll()
    {
        using var farm = TestFarm.Create();
        var job = farm.Simulator.StartJob(TestScenarios.Long);
        farm.RunSeconds(1.5);

        farm.Simulator.CancelJob(job.Id);
        farm.RunSeconds(2);
        var beforePoll = farm.Job(job.Id).Status;
        farm.RunSeconds(1);

        var canceled = farm.Simulator.Events.OfType<JobCanceled>().Single();
        Assert.That((beforePoll, farm.Job(job.Id).Status, canceled.Time, canceled.Server), Is.EqualTo((SimulatedJobStatus.Running, SimulatedJobStatus.Canceled, At(4), "RB01")));
    }

    [TestCase(PendingCancelTiming.NextPoll, 1.0)]
    [TestCase(PendingCancelTiming.Immediately, 0.5)]
    public void Cancel_PendingJob_CanceledAsTheSettingSays(PendingCancelTiming timing, double canceledAtSeconds)
    {
        using var farm = TestFarm.Create(settings: new SimulatorSettings { PendingCancel = timing });
        farm.Simulator.TakeOffline("RB03");
        farm.RunSeconds(0.5);

        var job = farm.Simulator.StartJob(TestScenarios.Short, servers: new[] { "RB03" });
        farm.Simulator.CancelJob(job.Id);
        farm.RunSeconds(3);

        var canceled = farm.Simulator.Events.OfType<JobCanceled>().Single();
        Assert.That((farm.Job(job.Id).Status, canceled.Time, canceled.Server), Is.EqualTo((SimulatedJobStatus.Canceled, At(canceledAtSeconds), (string?)null)));
        Assert.That(farm.Simulator.Events.OfType<JobStarted>(), Is.Empty);
    }

    [Test]
    public void Cancel_EndedJob_IsRefusedAndChangesNothing()
    {
        using var farm = TestFarm.Create();
        var job = farm.Simulator.StartJob(TestScenarios.Short);
        farm.RunSeconds(20);

        var accepted = farm.Simulator.CancelJob(job.Id);

        Assert.That((accepted, farm.Job(job.Id).Status, farm.Job(job.Id).CancelRequested), Is.EqualTo((false, SimulatedJobStatus.Completed, false)));
    }

    [Test]
    public void Reboot_RunningJobs_AreInterruptedRequeuedAndRestartFromTheBeginning()
    {
        using var farm = TestFarm.Create();
        var job = farm.Simulator.StartJob(TestScenarios.Long, servers: new[] { "RB01", "RB02" });
        farm.RunSeconds(100);

        farm.Simulator.Reboot("RB01", TimeSpan.FromMinutes(2));
        var right = farm.Job(job.Id);
        farm.RunSeconds(2);
        var restarted = farm.Job(job.Id);

        Assert.That((right.Status, right.Server, right.Interruptions), Is.EqualTo((SimulatedJobStatus.Pending, (string?)null, 1)));
        Assert.That((restarted.Status, restarted.Server, restarted.Attempts), Is.EqualTo((SimulatedJobStatus.Running, "RB02", 2)));
        Assert.That(restarted.PlannedEndTime, Is.EqualTo(restarted.StartTime + TimeSpan.FromMinutes(10)), "a restart runs the whole duration again");
        Assert.That(farm.Simulator.Instances.Where(i => i.JobId == job.Id).Select(i => i.Status), Is.EqualTo(new[] { "Failed", "InProgress" }));
        Assert.That(farm.Simulator.Events.OfType<JobInterrupted>().Single().Requeued, Is.True);
    }

    [Test]
    public void Reboot_Server_ComesBackAfterTheDowntimeAndPollsAgain()
    {
        using var farm = TestFarm.Create();
        farm.Simulator.Reboot("RB01", TimeSpan.FromMinutes(2));
        var during = farm.Simulator.GetServer("RB01");

        farm.RunSeconds(120);
        var job = farm.Simulator.StartJob(TestScenarios.Short, servers: new[] { "RB01" });
        farm.RunSeconds(3);

        Assert.That((during.Status, during.BackOnlineAt), Is.EqualTo((ServerStatus.Rebooting, (DateTimeOffset?)At(120))));
        Assert.That((farm.Simulator.GetServer("RB01").Status, farm.Job(job.Id).StartTime), Is.EqualTo((ServerStatus.Online, (DateTimeOffset?)At(123))));
        Assert.That(farm.Simulator.Events.OfType<ServerOnline>().Single().AfterReboot, Is.True);
    }

    [Test]
    public void Reboot_AlreadyRebooting_IsRefusedNamingWhenItIsBack()
    {
        using var farm = TestFarm.Create();
        farm.Simulator.Reboot("RB02", TimeSpan.FromMinutes(5));

        var error = Assert.Throws<InvalidOperationException>(() => farm.Simulator.Reboot("RB02", TimeSpan.FromMinutes(5)));

        Assert.That(error!.Message, Is.EqualTo("RB02 is already rebooting; it is back online at 2024-06-11 08:05:00Z."));
    }

    [Test]
    public void InterruptedJobs_FailSetting_FailsTheJobInsteadOfRequeueing()
    {
        using var farm = TestFarm.Create(settings: new SimulatorSettings { InterruptedJobs = InterruptedJobHandling.Fail });
        var job = farm.Simulator.StartJob(TestScenarios.Long);
        farm.RunSeconds(2);

        farm.Simulator.TakeOffline("RB01");
        farm.RunSeconds(10);

        Assert.That((farm.Job(job.Id).Status, farm.Simulator.Events.OfType<JobFailed>().Single().Reason), Is.EqualTo((SimulatedJobStatus.Failed, "its server went down")));
    }

    [Test]
    public void ThrottleAfterRestart_NewValue_LimitsOnlyAfterTheRunbookServiceRestarts()
    {
        var settings = new SimulatorSettings { ThrottleTakesEffect = ThrottleActivation.AfterRunbookServiceRestart };
        using var farm = TestFarm.Create(TestScenarios.ThreeServers() with { Servers = new[] { new ServerSpec("RB01") } }, settings);
        farm.Simulator.SetMaxJobs("RB01", 1);

        farm.Simulator.StartJob(TestScenarios.Long);
        farm.Simulator.StartJob(TestScenarios.Long);
        farm.RunSeconds(4);
        var beforeRestart = farm.RunningOn("RB01").Count;
        farm.Simulator.Reboot("RB01", TimeSpan.Zero);
        farm.RunSeconds(4);

        Assert.That(beforeRestart, Is.EqualTo(2));
        Assert.That((farm.Simulator.GetServer("RB01").EffectiveMaxJobs, farm.RunningOn("RB01").Count), Is.EqualTo((1, 1)));
    }

    [Test]
    public void SetMaxJobs_SameValue_WritesAndLogsNothing()
    {
        using var farm = TestFarm.Create();

        var changed = farm.Simulator.SetMaxJobs("RB01", 50);

        Assert.That((changed, farm.Simulator.Events.OfType<MaxJobsChanged>().Count), Is.EqualTo((false, 0)));
    }

    [TestCase(0)]
    [TestCase(1001)]
    public void SetMaxJobs_OutOfRange_IsRefusedAndChangesNothing(int value)
    {
        using var farm = TestFarm.Create();

        Assert.Throws<ArgumentOutOfRangeException>(() => farm.Simulator.SetMaxJobs("RB01", value));
        Assert.That(farm.Simulator.GetMaxJobs("RB01"), Is.EqualTo(50));
    }

    [Test]
    public void ChildJob_ParentWaits_CompletesOnlyAfterItsChild()
    {
        var scenario = TestScenarios.ThreeServers().With(
            new RunbookSpec(@"\Ops\Parent")
            {
                Duration = DurationDistribution.Fixed(TimeSpan.FromSeconds(10)),
                Children = new[] { new ChildSpec(TestScenarios.Long) { Wait = true, OnParentServer = true } },
            });
        using var farm = TestFarm.Create(scenario);
        var parent = farm.Simulator.StartJob(@"\Ops\Parent");

        farm.RunSeconds(60);
        var child = farm.Simulator.Jobs.Single(j => j.ParentId == parent.Id);
        var parentWhileChildRuns = farm.Job(parent.Id).Status;
        farm.RunSeconds(600);

        Assert.That((child.ParentIsWaiting, child.Server, child.RunbookServers), Is.EqualTo(((bool?)true, "RB01", (System.Collections.Generic.IReadOnlyList<string>)new[] { "RB01" })));
        Assert.That(parentWhileChildRuns, Is.EqualTo(SimulatedJobStatus.Running));
        Assert.That(farm.Job(parent.Id).Status, Is.EqualTo(SimulatedJobStatus.Completed));
        Assert.That(
            farm.Simulator.Events.OfType<JobCompleted>().Single(e => e.JobId == parent.Id).Time,
            Is.EqualTo(farm.Simulator.Events.OfType<JobCompleted>().Single(e => e.JobId == child.Id).Time));
    }

    [Test]
    public void FailureRate_One_EveryRunFails()
    {
        var scenario = TestScenarios.ThreeServers().With(new RunbookSpec(@"\Ops\Always Fails") { FailureRate = 1, Duration = DurationDistribution.Fixed(TimeSpan.FromSeconds(5)) });
        using var farm = TestFarm.Create(scenario);

        var job = farm.Simulator.StartJob(@"\Ops\Always Fails");
        farm.RunSeconds(10);

        Assert.That(farm.Job(job.Id).Status, Is.EqualTo(SimulatedJobStatus.Failed));
        Assert.That(farm.Simulator.Instances.Single().Status, Is.EqualTo("Failed"));
    }

    [Test]
    public void Run_SameScenarioAndOperations_GivesTheSameEventLog()
    {
        string Run()
        {
            using var farm = TestFarm.Create(Scenario.Default);
            farm.Simulator.StartWorkload();
            farm.Run(TimeSpan.FromMinutes(20));
            farm.Simulator.Reboot("RB02", TimeSpan.FromMinutes(3));
            farm.Run(TimeSpan.FromMinutes(10));
            return string.Join("\n", farm.Simulator.Events.All().Select(e => e.ToString()));
        }

        var first = Run();

        Assert.That(Run(), Is.EqualTo(first));
        Assert.That(first, Does.Contain("JobInterrupted"));
    }

    [Test]
    public void Dispose_StopsTheTimer_ButLookingStillMovesTheFarm()
    {
        using var farm = TestFarm.Create();
        var job = farm.Simulator.StartJob(TestScenarios.Short);
        farm.Simulator.Dispose();

        farm.RunSeconds(2);

        Assert.That(farm.Job(job.Id).Status, Is.EqualTo(SimulatedJobStatus.Running));
    }
}
