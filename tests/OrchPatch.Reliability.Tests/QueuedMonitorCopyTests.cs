using System;
using System.Linq;
using NUnit.Framework;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Simulator.Scenarios;
using OrchPatch.TestSupport.Farms;
using OrchPatch.Simulator;

namespace OrchPatch.Reliability.Tests;

/// <summary>
/// The state a crash between "start the monitor's copy" and "cancel the original" leaves: the original still runs on
/// the server being drained, its copy waits in the queue (a monitor runs one job at a time). The next drain (a resumed
/// rolling patch) must finish that move, not refuse for ever and not start a third copy. Found by the crash suite.
/// </summary>
[TestFixture]
public sealed class QueuedMonitorCopyTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromHours(1);

    [Test]
    public void Drain_QueuedCopyPinnedElsewhere_FinishesThatMoveWithoutAThirdJob()
    {
        using var farm = TestFarm.WithServers(3).Monitor(@"\Mon\Disk", "RB01").Build();
        var original = farm.Orchestrator.Jobs.Single(j => j.Kind == RunbookKind.Monitor);
        var copy = farm.Orchestrator.StartJob(@"\Mon\Disk", servers: new[] { "RB02", "RB03" });
        farm.RunFor(TimeSpan.FromSeconds(10));
        Assert.That(farm.Orchestrator.GetJob(copy.Id).Status, Is.EqualTo(SimulatedJobStatus.Pending), "the copy waits behind the original");

        var result = farm.Run(() => new DrainRunbookServer(farm.Context(), new DrainOptions()).RunAsync("RB01"), Limit);

        var monitors = farm.Orchestrator.Jobs.Where(j => j.Kind == RunbookKind.Monitor).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(DrainOutcome.Drained));
            Assert.That(result.Relocated.Single().NewJobId, Is.EqualTo(copy.Id), "the queued copy is the one kept");
            Assert.That(monitors, Has.Length.EqualTo(2), "no third job of the monitor");
            Assert.That(farm.Orchestrator.GetJob(original.Id).Status, Is.EqualTo(SimulatedJobStatus.Canceled));
            Assert.That(farm.Orchestrator.GetJob(copy.Id).Status, Is.EqualTo(SimulatedJobStatus.Running));
            Assert.That(farm.Orchestrator.GetJob(copy.Id).Server, Is.AnyOf("RB02", "RB03"));
        });
    }

    [TestCase("RB01", "RB02", Description = "may run on the server being drained")]
    [TestCase("RB02", Description = "pinned to fewer servers than this move would use: someone else's")]
    public void Drain_AnotherQueuedJobOfTheMonitor_StillRefusesToTouchIt(params string[] pinnedTo)
    {
        using var farm = TestFarm.WithServers(3).Monitor(@"\Mon\Disk", "RB01").Build();
        farm.Orchestrator.StartJob(@"\Mon\Disk", servers: pinnedTo);
        farm.RunFor(TimeSpan.FromSeconds(10));
        var ledger = new Support.FarmLedger(farm);

        var error = Assert.Throws<MaintenanceFailedException>(() =>
            farm.Run(() => new DrainRunbookServer(farm.Context(), new DrainOptions()).RunAsync("RB01"), Limit));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("a monitor must never run twice"));
            Assert.That(ledger.ServersNotAtRecordedMaxJobs(), Is.Empty);
            Assert.That(ledger.ActiveWaitJobs(), Is.Empty);
            Assert.That(farm.Orchestrator.Jobs.Count(j => j.Kind == RunbookKind.Monitor), Is.EqualTo(2), "no third job of the monitor");
        });
    }
}
