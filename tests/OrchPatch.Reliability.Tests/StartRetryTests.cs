using System;
using System.Linq;
using NUnit.Framework;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Simulator;
using OrchPatch.Simulator.Scenarios;
using OrchPatch.TestSupport.Farms;

namespace OrchPatch.Reliability.Tests;

/// <summary>
/// A start whose POST fails looks for the job it may have created before it posts again. An identical job started a
/// minute earlier (a monitor's copy that was then canceled, the last restore's canary) is not that job: taking it
/// lost a monitor in a rolling patch under 20% faults (Long seed 126). Found by the fault suite.
/// </summary>
[TestFixture]
public sealed class StartRetryTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromHours(1);

    [TestCase(OrchestratorApi.OData)]
    [TestCase(OrchestratorApi.WebApi)]
    public void StartJobAsync_PostFailsAndAnIdenticalJobEndedAMinuteAgo_StartsANewJob(OrchestratorApi api)
    {
        using var farm = TestFarm.WithServers(3).Monitor(@"\Mon\Disk", "RB01").Build(api: api);
        var monitor = farm.Orchestrator.GetRunbook(@"\Mon\Disk");
        var request = new StartJobRequest(monitor.Id) { RunbookServers = new[] { "RB02", "RB03" } };
        var earlier = farm.Run(() => farm.Service.StartJobAsync(request), Limit);
        farm.Run(() => farm.Service.CancelJobAsync(earlier.Id), Limit);
        farm.RunFor(TimeSpan.FromMinutes(1));
        farm.Orchestrator.AddFault(FaultRule.Next(FaultKind.ConnectionReset, 1, "POST", "Jobs"));

        var started = farm.Run(() => farm.Service.StartJobAsync(request), Limit);

        var copies = farm.Orchestrator.Jobs.Where(j => j.Kind == RunbookKind.Monitor && j.RunbookServers.Count == 2).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(farm.Orchestrator.GetJob(earlier.Id).Status, Is.EqualTo(SimulatedJobStatus.Canceled));
            Assert.That(started.Id, Is.Not.EqualTo(earlier.Id), "the earlier, canceled job is not this start's");
            Assert.That(copies.Select(c => c.Id), Is.EquivalentTo(new[] { earlier.Id, started.Id }), "exactly one new job");
            Assert.That(farm.Orchestrator.Faults.Single().Count, Is.Zero, "the fault was injected");
        });
    }

    [TestCase(OrchestratorApi.OData)]
    [TestCase(OrchestratorApi.WebApi)]
    public void StartJobAsync_AnswerLostAfterAnIdenticalJobEndedAMinuteAgo_ReturnsTheJobItCreated(OrchestratorApi api)
    {
        using var farm = TestFarm.WithServers(3).Build(api: api);
        var canary = farm.Orchestrator.GetRunbook(StandardRunbooks.CanaryPath);
        var request = new StartJobRequest(canary.Id) { RunbookServers = new[] { "RB02" } };
        var earlier = farm.Run(() => farm.Service.StartJobAsync(request), Limit);
        farm.RunFor(TimeSpan.FromMinutes(1));
        farm.Orchestrator.AddFault(FaultRule.Next(FaultKind.AcceptThenConnectionReset, 1, "POST", "Jobs"));

        var started = farm.Run(() => farm.Service.StartJobAsync(request), Limit);

        var canaries = farm.Orchestrator.Jobs.Where(j => j.Kind == RunbookKind.Canary).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(farm.Orchestrator.GetJob(earlier.Id).Status, Is.EqualTo(SimulatedJobStatus.Completed), "the earlier canary ran and ended");
            Assert.That(canaries, Has.Length.EqualTo(2), "the lost answer did not make a third job");
            Assert.That(started.Id, Is.EqualTo(canaries.Single(c => c.Id != earlier.Id).Id), "the job this start created is returned, not the earlier one");
        });
    }
}
