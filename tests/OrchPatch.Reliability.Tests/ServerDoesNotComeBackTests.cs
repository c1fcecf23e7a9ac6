using System;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Reliability.Tests.Support;
using OrchPatch.Simulator.Events;
using OrchPatch.TestSupport.Farms;
using OrchPatch.Simulator;

namespace OrchPatch.Reliability.Tests;

/// <summary>
/// The patch step takes the server down for good (it never boots again). The health gate must time out with an error
/// that says so, the server must stay drained (max jobs 1, its maintenance record kept, no work routed to it), and
/// the rolling patch must stop there (MaxFailedServers 0) and say what it left. Once the server is back, a restore
/// finishes the job.
/// </summary>
[TestFixture]
public sealed class ServerDoesNotComeBackTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromHours(3);

    [Test]
    public void RollingPatch_ServerNeverComesBack_HealthGateTimesOutServerStaysDrainedRunStops()
    {
        using var farm = TestFarm.WithServers(3)
            .Monitor(@"\Mon\Disk", "RB01")
            .Job(@"\Ops\Backup", TimeSpan.FromMinutes(5), "RB02")
            .Arrivals(@"\Ops\Ticket", TimeSpan.FromMinutes(2), perHour: 60)
            .Build();
        var ledger = new FarmLedger(farm);
        var options = new RollingPatchOptions { Servers = new[] { "RB02", "RB01", "RB03" }, MaxUnavailable = 1, Restore = { HealthTimeout = TimeSpan.FromMinutes(10) } };
        string? downAt = null;
        var patch = new PatchStep((server, _) =>
        {
            farm.Orchestrator.TakeOffline(server);
            downAt ??= server;
            return Task.FromResult(new PatchStepResult(true, "installed; rebooting"));
        });

        var result = farm.Run(() => new RollingPatch(farm.Context(), options, patch).RunAsync(), Limit);
        var mark = farm.Orchestrator.Events.LastSequence;
        farm.RunFor(TimeSpan.FromHours(1));

        var rb02 = result.Servers[0];
        var startedOnRb02Afterwards = farm.Orchestrator.Events.Since(mark).OfType<JobStarted>().Count(e => e.Server == "RB02");
        var waitJobs = ledger.ActiveWaitJobs();
        TestContext.Out.WriteLine($"server never back: {result.Summary()} Jobs started on RB02 in the hour after: {startedOnRb02Afterwards}; live wait jobs: {waitJobs.Count}");
        Assert.Multiple(() =>
        {
            Assert.That(downAt, Is.EqualTo("RB02"));
            Assert.That(rb02.Outcome, Is.EqualTo(ServerPatchOutcome.HealthGateFailed));
            Assert.That(rb02.Error, Is.EqualTo("Health gate failed for RB02: its runbook service did not run the wait job again within 10m (is the server back from patching?)."));
            Assert.That(rb02.StateLeftBehind, Does.Match(@"^it stays drained \(max jobs 1, wait job [0-9a-f-]{36}\)\.$"));
            Assert.That(result.Servers.Skip(1).Select(s => s.Outcome), Is.All.EqualTo(ServerPatchOutcome.NotAttempted), "the run stopped at the first failure");
            Assert.That(result.StoppedBecause, Does.Contain("RB02 failed (HealthGateFailed)").And.Contain("MaxFailedServers"));
            Assert.That(result.Summary(), Does.Contain("Patched 0 of 3").And.Contain("RB02: HealthGateFailed"));
            Assert.That(farm.Orchestrator.GetMaxJobs("RB02"), Is.EqualTo(1), "RB02 stays drained");
            Assert.That(waitJobs.Select(j => j.Parameters["Server"]), Is.EqualTo(new[] { "RB02" }), "its maintenance record is kept");
            Assert.That(startedOnRb02Afterwards, Is.Zero, "no work is routed to it");
            Assert.That(ledger.LostJobs(), Is.Empty, "no job lost");
            Assert.That(ledger.StoppedMonitors(), Is.Empty);
        });

        // When the server is repaired, the restore (from the record alone) gives it back.
        farm.Orchestrator.BringOnline("RB02");
        var restore = farm.Run(() => new RestoreRunbookServer(farm.Context(), new RestoreOptions()).RunAsync("RB02"), Limit);
        Assert.Multiple(() =>
        {
            Assert.That(restore.MaxJobsRestored, Is.EqualTo(50));
            Assert.That(ledger.ServersNotAtRecordedMaxJobs(), Is.Empty);
            Assert.That(ledger.ActiveWaitJobs(), Is.Empty);
        });
    }

    [Test]
    public void Restore_CanaryCannotRunOnTheServer_HealthGateFailsAndTheServerStaysDrained()
    {
        using var farm = TestFarm.WithServers(3).Build();
        farm.Run(() => new DrainRunbookServer(farm.Context(), new DrainOptions()).RunAsync("RB03"), Limit);
        farm.Orchestrator.TakeOffline("RB03");
        var restoreOptions = new RestoreOptions { CanaryRunbookPath = Simulator.Scenarios.StandardRunbooks.CanaryPath, HealthTimeout = TimeSpan.FromMinutes(5) };

        var error = Assert.Throws<HealthGateFailedException>(() =>
            farm.Run(() => new RestoreRunbookServer(farm.Context(), restoreOptions).RunAsync("RB03"), Limit));

        TestContext.Out.WriteLine("restore of an offline server: " + error!.Message);
        Assert.Multiple(() =>
        {
            Assert.That(error.Message, Does.StartWith("Health gate failed for RB03: "));
            Assert.That(error.StateLeftBehind, Does.Match(@"^it stays drained \(max jobs 1, wait job [0-9a-f-]{36}\)\.$"));
            Assert.That(farm.Orchestrator.GetMaxJobs("RB03"), Is.EqualTo(1));
            Assert.That(farm.Orchestrator.Jobs.Count(j => j.Kind == Simulator.Scenarios.RunbookKind.Wait && j.Status.IsActive()), Is.EqualTo(1), "the record is kept");
        });
    }
}
