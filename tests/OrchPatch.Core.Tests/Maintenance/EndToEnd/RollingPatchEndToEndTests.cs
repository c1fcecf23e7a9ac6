using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Lab;
using OrchPatch.Simulator.Scenarios;
using OrchPatch.TestSupport.Farms;
using OrchPatch.Simulator;

namespace OrchPatch.Core.Tests.Maintenance.EndToEnd;

/// <summary>The whole rolling patch against the simulator, the patch step being a reboot of the server.</summary>
[TestFixture]
public sealed class RollingPatchEndToEndTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromHours(6);
    private static readonly TimeSpan Downtime = TimeSpan.FromMinutes(3);

    [TestCase(OrchestratorApi.OData)]
    [TestCase(OrchestratorApi.WebApi)]
    public void RunAsync_BusyFarm_PatchesEveryServerWithoutInterruptingWorkAndAlwaysWithServersTakingWork(OrchestratorApi api)
    {
        using var farm = BusyFarm(api);
        var options = new RollingPatchOptions { Restore = new RestoreOptions { CanaryRunbookPath = StandardRunbooks.CanaryPath } };

        var result = farm.Run(() => new RollingPatch(farm.Context(), options, RebootStep(farm)).RunAsync(), Limit);

        var metrics = farm.Orchestrator.Metrics;
        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True, result.Summary());
            Assert.That(result.Servers.Select(s => s.Server), Is.EquivalentTo(new[] { "RB01", "RB02", "RB03" }));
            Assert.That(farm.Orchestrator.Servers.Select(s => farm.Orchestrator.GetMaxJobs(s.Name)), Is.All.EqualTo(50));
            Assert.That(FarmInvariants.ActiveWaitJobs(farm), Is.Empty);
            Assert.That(farm.Orchestrator.Jobs.Where(j => j.Kind == RunbookKind.Ordinary).Sum(j => j.Interruptions), Is.EqualTo(0), "no ordinary job died in a reboot");
            Assert.That(farm.Orchestrator.Jobs.Where(j => j.Kind == RunbookKind.Ordinary && j.Status == SimulatedJobStatus.Canceled), Is.Empty);
            Assert.That(metrics.FewestServersAcceptingWork, Is.GreaterThanOrEqualTo(1), "waves never take the last server");
            Assert.That(FarmInvariants.MonitorOverlaps(farm), Is.Empty);
            Assert.That(farm.Orchestrator.Jobs.Count(j => j.Kind == RunbookKind.Monitor && j.Status == SimulatedJobStatus.Running), Is.EqualTo(2), "both monitors still run");
        });
    }

    [Test]
    public void RunAsync_PatchStepFails_StopsAndLeavesThatServerDrained()
    {
        using var farm = TestFarm.WithServers(3).Build();
        var options = new RollingPatchOptions { Servers = new[] { "RB01", "RB02", "RB03" } };
        PatchStep step = (server, ct) => Task.FromResult(server == "RB02" ? new PatchStepResult(false, "wusa exited 1603") : new PatchStepResult(true, "ok"));

        var result = farm.Run(() => new RollingPatch(farm.Context(), options, step).RunAsync(), Limit);

        Assert.Multiple(() =>
        {
            Assert.That(result.Servers.Select(s => s.Outcome), Is.EqualTo(new[] { ServerPatchOutcome.Patched, ServerPatchOutcome.PatchFailed, ServerPatchOutcome.NotAttempted }));
            Assert.That(result.StoppedBecause, Does.Contain("RB02"));
            Assert.That(result.Servers[1].PatchOutput, Does.Contain("1603"));
            Assert.That(farm.Orchestrator.GetMaxJobs("RB02"), Is.EqualTo(1), "the failed server stays drained");
            Assert.That(FarmInvariants.ActiveWaitJobs(farm).Select(id => farm.Orchestrator.GetJob(id).Server), Is.EqualTo(new[] { "RB02" }));
            Assert.That(farm.Orchestrator.GetMaxJobs("RB01"), Is.EqualTo(50));
            Assert.That(farm.Orchestrator.GetMaxJobs("RB03"), Is.EqualTo(50), "the next server was not touched");
        });
    }

    [Test]
    public void RunAsync_MaxFailedServersOne_ParksTheFailedServerAndGoesOn()
    {
        using var farm = TestFarm.WithServers(3).Build();
        var options = new RollingPatchOptions { Servers = new[] { "RB01", "RB02", "RB03" }, MaxFailedServers = 1 };
        PatchStep step = (server, ct) => Task.FromResult(new PatchStepResult(server != "RB01", server == "RB01" ? "failed" : "ok"));

        var result = farm.Run(() => new RollingPatch(farm.Context(), options, step).RunAsync(), Limit);

        Assert.Multiple(() =>
        {
            Assert.That(result.Servers.Select(s => s.Outcome), Is.EqualTo(new[] { ServerPatchOutcome.PatchFailed, ServerPatchOutcome.Patched, ServerPatchOutcome.Patched }));
            Assert.That(farm.Orchestrator.GetMaxJobs("RB01"), Is.EqualTo(1));
            Assert.That(farm.Orchestrator.GetMaxJobs("RB02"), Is.EqualTo(50));
            Assert.That(farm.Orchestrator.GetMaxJobs("RB03"), Is.EqualTo(50));
        });
    }

    [Test]
    public void RunAsync_RerunAfterAStopMidPatch_ContinuesTheServerInMaintenanceWithoutDrainingItTwice()
    {
        using var farm = BusyFarm();
        using var stop = new CancellationTokenSource();
        // One at a time, so only RB02 is in maintenance when the run stops (a stop mid-wave is RollingPatchWaveTests').
        var options = new RollingPatchOptions { Servers = new[] { "RB02", "RB01", "RB03" }, MaxUnavailable = 1 };
        var patched = new List<string>();
        PatchStep first = (server, ct) =>
        {
            stop.Cancel();
            return Task.FromCanceled<PatchStepResult>(stop.Token);
        };
        var crashed = farm.Start(() => new RollingPatch(farm.Context(), options, first).RunAsync(stop.Token));
        farm.RunUntil(() => crashed.IsCompleted, Limit);
        Assert.That(crashed.IsCanceled, Is.True);
        var waitJobsBefore = farm.Orchestrator.Jobs.Count(j => j.Kind == RunbookKind.Wait);
        Assert.That(farm.Orchestrator.GetMaxJobs("RB02"), Is.EqualTo(1), "stopped while RB02 was drained");

        using var freshService = farm.CreateService();
        var rerun = new RollingPatchOptions { Servers = new[] { "RB01", "RB02", "RB03" }, MaxUnavailable = 1 };
        var result = farm.Run(() => new RollingPatch(farm.Context(service: freshService), rerun, RecordingRebootStep(farm, patched)).RunAsync(), Limit);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True, result.Summary());
            Assert.That(patched, Is.EqualTo(new[] { "RB02", "RB01", "RB03" }), "the server in maintenance comes first");
            Assert.That(result.Servers[0].Drain!.Resumed, Is.True);
            Assert.That(farm.Orchestrator.Jobs.Count(j => j.Kind == RunbookKind.Wait), Is.EqualTo(waitJobsBefore + 2), "RB02 was not given a second wait job");
            Assert.That(farm.Orchestrator.Servers.Select(s => farm.Orchestrator.GetMaxJobs(s.Name)), Is.All.EqualTo(50));
            Assert.That(FarmInvariants.ActiveWaitJobs(farm), Is.Empty);
        });
    }

    private static SimulatedFarm BusyFarm(OrchestratorApi api = OrchestratorApi.OData) => TestFarm.WithServers(3)
        .Monitor(@"\Mon\Disk", "RB01")
        .Monitor(@"\Mon\Queue", "RB02")
        .Job(@"\Ops\Backup", TimeSpan.FromMinutes(25), "RB01")
        .Job(@"\Ops\Report", TimeSpan.FromMinutes(9), "RB02", count: 2)
        .Job(@"\Ops\Sync", TimeSpan.FromMinutes(14), "RB03")
        .Arrivals(@"\Ops\Ticket", TimeSpan.FromMinutes(6), perHour: 90)
        .Build(api: api);

    private static PatchStep RebootStep(SimulatedFarm farm) => farm.RebootPatch(Downtime);

    private static PatchStep RecordingRebootStep(SimulatedFarm farm, List<string> patched) => farm.RebootPatch(Downtime, onPatch: patched.Add);
}
