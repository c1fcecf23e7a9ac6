using System;
using System.Linq;
using NUnit.Framework;
using OrchPatch.Core.Maintenance;
using OrchPatch.Lab;
using OrchPatch.Reliability.Tests.Support;
using OrchPatch.Simulator;
using OrchPatch.Simulator.Scenarios;
using OrchPatch.TestSupport.Farms;

namespace OrchPatch.Reliability.Tests;

/// <summary>
/// A drain killed between starting a monitor's copy and canceling the original leaves the original running on the
/// server and its copy queued elsewhere (issue 13). The restore that follows must leave exactly one job of the monitor,
/// and say what it did; status must show the copy while it is there.
/// </summary>
[TestFixture]
public sealed class HalfFinishedMoveTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromHours(1);

    /// <summary>Killed after the copy's start reached the farm, before its answer came back.</summary>
    [Test]
    public void Restore_AfterDrainKilledBetweenCopyAndCancel_UndoesTheMoveAndSaysSo()
    {
        using var farm = Build();
        var original = farm.Orchestrator.Jobs.Single(j => j.Kind == RunbookKind.Monitor);
        CrashDrainAtCopyStart(farm, CrashMoment.AfterCall);
        farm.RunFor(TimeSpan.FromMinutes(5));
        var copy = farm.Orchestrator.Jobs.Single(j => j.Kind == RunbookKind.Monitor && j.Id != original.Id);
        Assert.That(copy.Status, Is.EqualTo(SimulatedJobStatus.Pending), "the crash left the copy queued behind the original");

        using var fresh = farm.CreateService();
        var status = farm.Run(() => new ReadFarmStatus(farm.Context(null, fresh)).RunAsync(), Limit);
        var result = farm.Run(() => new RestoreRunbookServer(farm.Context(null, fresh), new RestoreOptions()).RunAsync("RB01"), Limit);
        farm.RunFor(TimeSpan.FromMinutes(5));

        var live = farm.Orchestrator.Jobs.Where(j => j.Kind == RunbookKind.Monitor && j.Status.IsActive()).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(status.MonitorCopies.Select(c => c.CopyJobId), Is.EqualTo(new[] { copy.Id }), "status shows the copy");
            Assert.That(status.MonitorCopies.Single().OriginalJobId, Is.EqualTo(original.Id));
            Assert.That(live.Select(j => j.Id), Is.EqualTo(new[] { original.Id }), "exactly one job of the monitor: the original, on the server that takes work again");
            Assert.That(farm.Orchestrator.GetJob(copy.Id).Status, Is.EqualTo(SimulatedJobStatus.Canceled));
            Assert.That(result.MovesUndone.Select(m => m.CopyJobId), Is.EqualTo(new[] { copy.Id }));
            Assert.That(result.Summary(), Does.Contain($@"\Mon\Disk: the copy {copy.Id} of an interrupted move was canceled; job {original.Id} keeps running on RB01"));
        });
    }

    [Test]
    public void Restore_AQueuedJobOfTheMonitorThatMayRunOnTheServer_IsLeftAlone()
    {
        using var farm = Build();
        CrashDrainAtCopyStart(farm, CrashMoment.BeforeCall);
        var other = farm.Orchestrator.StartJob(@"\Mon\Disk", servers: new[] { "RB01", "RB02" });
        farm.RunFor(TimeSpan.FromMinutes(5));

        using var fresh = farm.CreateService();
        var result = farm.Run(() => new RestoreRunbookServer(farm.Context(null, fresh), new RestoreOptions()).RunAsync("RB01"), Limit);

        Assert.Multiple(() =>
        {
            Assert.That(result.MovesUndone, Is.Empty, "a move never pins its copy to the server it empties: this job is someone else's");
            Assert.That(farm.Orchestrator.GetJob(other.Id).Status, Is.EqualTo(SimulatedJobStatus.Pending));
        });
    }

    private static SimulatedFarm Build() => TestFarm.WithServers(3).Monitor(@"\Mon\Disk", "RB01").Build();

    /// <summary>Runs a drain of RB01 through a crash switch set at its second job start (the first is the wait job,
    /// the second the monitor's copy).</summary>
    private static void CrashDrainAtCopyStart(SimulatedFarm farm, CrashMoment moment)
    {
        int copyStart;
        using (var probe = Build())
        {
            var counter = new CrashSwitch();
            using var service = new CrashingService(probe.CreateService(), counter);
            probe.Run(() => new DrainRunbookServer(new Core.Maintenance.MaintenanceContext(service, new CrashingThrottle(probe.Throttle, counter), probe.Clock), new DrainOptions()).RunAsync("RB01"), Limit);
            copyStart = counter.Names.Select((n, i) => (n, i)).Where(c => c.n == "StartJobAsync").Skip(1).First().i + 1;
        }

        var crash = new CrashSwitch(copyStart, moment);
        var dying = new CrashingService(farm.CreateService(), crash);
        var context = new Core.Maintenance.MaintenanceContext(dying, new CrashingThrottle(farm.Throttle, crash), farm.Clock);
        var task = farm.Start(async () => { await new DrainRunbookServer(context, new DrainOptions()).RunAsync("RB01"); return true; });
        farm.RunUntil(() => crash.Crashed || task.IsCompleted, Limit);
        Assert.That(crash.Crashed, Is.True, "the drain was killed at the copy's start");
    }
}
