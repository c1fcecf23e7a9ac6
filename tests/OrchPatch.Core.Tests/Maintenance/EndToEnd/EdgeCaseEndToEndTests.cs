using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Simulator;
using OrchPatch.Lab;
using OrchPatch.Simulator.Scenarios;
using OrchPatch.TestSupport.Farms;

namespace OrchPatch.Core.Tests.Maintenance.EndToEnd;

/// <summary>
/// Edge cases where the farm could be left worse than found, or told something false: a refusal that raised the
/// maintenance limit, a pending child taken for finished, a drain that never ended with the throttle not in effect,
/// a resumed server given back half-patched, a failed health gate leaving the canary's slots open, a wait job stopped
/// under a drain.
/// </summary>
[TestFixture]
public sealed class EdgeCaseEndToEndTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromHours(6);

    [Test]
    public void RollingPatch_ARefusedServer_DoesNotLetTheNextDrainPassTheMaintenanceLimit()
    {
        using var farm = TestFarm.WithServers(4).Build();
        farm.Run(() => new DrainRunbookServer(farm.Context(new MaintenanceSettings { Owner = "someone-else" }), new DrainOptions()).RunAsync("RB04"), Limit);
        var most = 0;
        PatchStep step = (server, ct) =>
        {
            most = Math.Max(most, FarmInvariants.ActiveWaitJobs(farm).Count);
            return Task.FromResult(new PatchStepResult(true, "ok"));
        };
        var options = new RollingPatchOptions { Servers = new[] { "RB01", "RB02" }, MaxFailedServers = 1 };

        var result = farm.Run(() => new RollingPatch(farm.Context(), options, step).RunAsync(), Limit);

        Assert.Multiple(() =>
        {
            Assert.That(result.Servers.Select(s => s.Outcome), Is.All.EqualTo(ServerPatchOutcome.NotDrained), result.Summary());
            Assert.That(most, Is.EqualTo(0), "no server of this run was drained while RB04 was in maintenance");
            Assert.That(FarmInvariants.ActiveWaitJobs(farm), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void Drain_PendingChildPinnedToTheServer_IsNotTakenForFinished()
    {
        var scenario = new Scenario
        {
            Name = "child",
            Seed = 1,
            Servers = new[] { new ServerSpec("RB01"), new ServerSpec("RB02"), new ServerSpec("RB03") },
            Runbooks = new[]
            {
                StandardRunbooks.WaitRunbook, StandardRunbooks.Canary,
                new RunbookSpec(@"\Ops\Child") { Duration = DurationDistribution.Fixed(TimeSpan.FromMinutes(30)), Concurrency = 1 },
                new RunbookSpec(@"\Ops\Parent") { Duration = DurationDistribution.Fixed(TimeSpan.FromSeconds(1)), Concurrency = 100, Children = new[] { new ChildSpec(@"\Ops\Child") { Wait = false, OnParentServer = true } } },
            },
            // One child already runs elsewhere (concurrency 1), so the parent's child on RB01 stays pending there.
            InitialJobs = new[] { new InitialJobSpec(@"\Ops\Child") { Servers = new[] { "RB02" } } },
        };
        using var farm = new SimulatedFarm(scenario);
        farm.RunFor(TimeSpan.FromSeconds(10));
        farm.Orchestrator.StartJob(@"\Ops\Parent", servers: new[] { "RB01" });
        farm.RunFor(TimeSpan.FromSeconds(20));
        var child = farm.Orchestrator.Jobs.Single(j => j.RunbookPath == @"\Ops\Child" && j.ParentId is not null);
        Assume.That(child.Status, Is.EqualTo(SimulatedJobStatus.Pending));

        var result = farm.Run(() => new DrainRunbookServer(farm.Context(), new DrainOptions()).RunAsync("RB01"), Limit);

        Assert.That(result.Completed.Select(c => c.JobId), Does.Not.Contain(child.Id), result.Summary());
        Assert.That(farm.Orchestrator.GetJob(child.Id).Status, Is.EqualTo(SimulatedJobStatus.Pending));
    }

    [Test]
    public void Drain_CancelPolicyWithTheThrottleNotInEffect_StopsSaysWhyAndCancelsNothingThatLandedLater()
    {
        using var farm = TestFarm.WithServers(3).Job(@"\Ops\Backup", TimeSpan.FromMinutes(60), "RB01")
            .Arrivals(@"\Ops\Ticket", TimeSpan.FromMinutes(6), perHour: 1200)
            .Build(new SimulatorSettings { ThrottleTakesEffect = ThrottleActivation.AfterRunbookServiceRestart });
        var options = new DrainOptions { Deadline = TimeSpan.FromMinutes(10), DeadlinePolicy = DeadlinePolicy.Cancel };
        var deadline = farm.Now + options.Deadline;
        var drain = farm.Start(() => new DrainRunbookServer(farm.Context(), options).RunAsync("RB01"));

        Assert.That(farm.RunUntil(() => drain.IsCompleted, TimeSpan.FromHours(1)), Is.True, "the drain ended");
        var error = Assert.Throws<MaintenanceFailedException>(() => drain.GetAwaiter().GetResult());
        Assert.Multiple(() =>
        {
            Assert.That(error!.What, Does.Match(@"^Jobs still land on RB01 5m0\ds after the deadline \(2\d jobs left: \\Ops\\Ticket \(running [0-9ms]+\), .*, and \d+ more\): max jobs 1 is not in effect\.$"));
            var canceled = farm.Orchestrator.Jobs.Where(j => j.Status == SimulatedJobStatus.Canceled && j.Kind == RunbookKind.Ordinary).ToArray();
            Assert.That(canceled.Select(j => j.RunbookPath), Does.Contain(@"\Ops\Backup"));
            Assert.That(canceled.Select(j => j.CreationTime), Is.All.LessThanOrEqualTo(deadline), "only jobs there at the deadline are canceled");
            Assert.That(farm.Orchestrator.GetMaxJobs("RB01"), Is.EqualTo(50), "given back");
        });
    }

    [Test]
    public void Drain_ThrottleRefusesMaxJobsOne_FailsWithTheThrottlesErrorAsItsCauseAndGivesTheServerBack()
    {
        using var farm = TestFarm.WithServers(3).Build();
        var context = new MaintenanceContext(farm.Service, new FailingOnceThrottle(farm.Throttle), farm.Clock);
        var drain = farm.Start(() => new DrainRunbookServer(context, new DrainOptions()).RunAsync("RB01"));

        Assert.That(farm.RunUntil(() => drain.IsCompleted, Limit), Is.True, "the drain ended");
        var error = Assert.Throws<MaintenanceFailedException>(() => drain.GetAwaiter().GetResult());
        var waitJob = farm.Orchestrator.Jobs.Single(j => j.Kind == RunbookKind.Wait);
        Assert.Multiple(() =>
        {
            Assert.That(error!.InnerException, Is.InstanceOf<OrchPatch.Core.Throttle.ThrottleException>(), "the throttle's own error is the cause");
            Assert.That(error.What, Is.EqualTo($"Could not set max jobs of RB01 to 1 with the {farm.Throttle.Name} throttle: {error.InnerException!.Message}"));
            Assert.That(error.StateLeftBehind, Is.EqualTo($"max jobs unchanged; wait job {waitJob.Id} canceled."));
            Assert.That(farm.Orchestrator.GetMaxJobs("RB01"), Is.EqualTo(50));
            Assert.That(FarmInvariants.ActiveWaitJobs(farm), Is.Empty);
        });
    }

    [Test]
    public void RollingPatch_ResumedServerWhoseDrainFails_StaysInMaintenance()
    {
        using var farm = TestFarm.WithServers(3).Build();
        using var stop = new CancellationTokenSource();
        PatchStep crash = (server, ct) => { stop.Cancel(); return Task.FromCanceled<PatchStepResult>(stop.Token); };
        var crashed = farm.Start(() => new RollingPatch(farm.Context(), new RollingPatchOptions { Servers = new[] { "RB02" } }, crash).RunAsync(stop.Token));
        farm.RunUntil(() => crashed.IsCompleted, Limit);
        var waitJob = FarmInvariants.ActiveWaitJobs(farm).Single();
        var context = new MaintenanceContext(farm.Service, new FailingOnceThrottle(farm.Throttle), farm.Clock);
        PatchStep ok = (server, ct) => Task.FromResult(new PatchStepResult(true, "ok"));

        var result = farm.Run(() => new RollingPatch(context, new RollingPatchOptions { Servers = new[] { "RB02" } }, ok).RunAsync(), Limit);

        Assert.Multiple(() =>
        {
            Assert.That(result.Servers[0].Outcome, Is.EqualTo(ServerPatchOutcome.DrainFailed), result.Summary());
            Assert.That(result.Servers[0].StateLeftBehind, Does.Contain("left in maintenance as found"));
            Assert.That(farm.Orchestrator.GetMaxJobs("RB02"), Is.EqualTo(1), "a half-patched server takes no work");
            Assert.That(FarmInvariants.ActiveWaitJobs(farm), Is.EqualTo(new[] { waitJob }), "its record is kept");
        });
    }

    [Test]
    public void RollingPatch_CanaryCannotStart_ServerStaysDrainedAndTheStateSaysSo()
    {
        using var farm = TestFarm.WithServers(3).Build();
        PatchStep step = (server, ct) =>
        {
            farm.Orchestrator.AddFault(FaultRule.Next(FaultKind.ServiceUnavailable, 100, "POST", "Jobs"));
            return Task.FromResult(new PatchStepResult(true, "ok"));
        };
        var options = new RollingPatchOptions { Servers = new[] { "RB01" }, Restore = new RestoreOptions { CanaryRunbookPath = StandardRunbooks.CanaryPath } };

        var result = farm.Run(() => new RollingPatch(farm.Context(), options, step).RunAsync(), Limit);

        Assert.Multiple(() =>
        {
            Assert.That(result.Servers[0].Outcome, Is.EqualTo(ServerPatchOutcome.HealthGateFailed), result.Summary());
            Assert.That(farm.Orchestrator.GetMaxJobs("RB01"), Is.EqualTo(1), "the canary's slot is closed again");
            Assert.That(result.Servers[0].StateLeftBehind, Is.EqualTo($"it stays drained (max jobs 1, wait job {FarmInvariants.ActiveWaitJobs(farm).Single()})."));
        });
    }

    [Test]
    public void Drain_WaitJobStoppedUnderIt_FailsAndGivesTheServerBack()
    {
        using var farm = TestFarm.WithServers(2).Job(@"\Ops\Long", TimeSpan.FromMinutes(20), "RB01").Build();
        var drain = farm.Start(() => new DrainRunbookServer(farm.Context(), new DrainOptions()).RunAsync("RB01"));
        farm.RunFor(TimeSpan.FromMinutes(2));
        var waitJob = FarmInvariants.ActiveWaitJobs(farm).Single();
        farm.Orchestrator.CancelJob(waitJob);

        Assert.That(farm.RunUntil(() => drain.IsCompleted, Limit), Is.True);
        var error = Assert.Throws<MaintenanceFailedException>(() => drain.GetAwaiter().GetResult());
        Assert.Multiple(() =>
        {
            Assert.That(error!.What, Is.EqualTo(
                $"The wait job {waitJob} ended (Canceled) while the drain waited: RB01 no longer holds its last slot for the maintenance (was it restored, or the job stopped in Runbook Designer?). The drain stopped."));
            Assert.That(farm.Orchestrator.GetMaxJobs("RB01"), Is.EqualTo(50));
        });
    }

    [Test]
    public void Drain_StoppedWhileTheWaitJobsStartIsUnanswered_FindsTheJobItCreatedAndSaysSo()
    {
        using var farm = TestFarm.WithServers(3).Build(new SimulatorSettings { FaultDelay = TimeSpan.FromSeconds(60) });
        farm.Orchestrator.AddFault(FaultRule.Next(FaultKind.AcceptThenTimeout, 1, "POST", "Jobs"));
        using var stop = new CancellationTokenSource();
        var messages = new System.Collections.Generic.List<string>();
        var context = farm.Context(new MaintenanceSettings { OnProgress = e => messages.Add(e.Message) });
        var drain = farm.Start(() => new DrainRunbookServer(context, new DrainOptions()).RunAsync("RB01", stop.Token));
        farm.RunFor(TimeSpan.FromSeconds(20));

        farm.Act(stop.Cancel);

        Assert.That(farm.RunUntil(() => drain.IsCompleted, TimeSpan.FromMinutes(5)), Is.True);

        var waitJob = FarmInvariants.ActiveWaitJobs(farm).Single();
        Assert.Multiple(() =>
        {
            Assert.That(drain.IsCanceled, Is.True);
            Assert.That(messages, Has.None.Contains("Stopped before RB01 was changed"));
            Assert.That(messages, Has.Some.Contains(waitJob.ToString()), "the stop names the wait job that holds RB01");
        });
    }

    /// <summary>A database throttle whose first write of max jobs 1 fails (a deadlock victim, say).</summary>
    private sealed class FailingOnceThrottle : OrchPatch.Core.Throttle.IRunbookServerThrottle
    {
        private readonly OrchPatch.Core.Throttle.IRunbookServerThrottle _inner;
        private bool _failed;

        public FailingOnceThrottle(OrchPatch.Core.Throttle.IRunbookServerThrottle inner) => _inner = inner;

        public string Name => _inner.Name;

        public bool CanRead => _inner.CanRead;

        public Task<int?> GetMaxJobsAsync(string serverName, CancellationToken cancellationToken = default) => _inner.GetMaxJobsAsync(serverName, cancellationToken);

        public Task SetMaxJobsAsync(string serverName, int maxJobs, CancellationToken cancellationToken = default)
        {
            if (maxJobs == 1 && !_failed)
            {
                _failed = true;
                throw new OrchPatch.Core.Throttle.ThrottleException(Name, serverName, "transient: chosen as a deadlock victim");
            }

            return _inner.SetMaxJobsAsync(serverName, maxJobs, cancellationToken);
        }
    }
}
