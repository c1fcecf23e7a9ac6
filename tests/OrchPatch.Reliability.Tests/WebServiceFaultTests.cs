using System;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Reliability.Tests.Support;
using OrchPatch.Simulator;
using OrchPatch.Simulator.Events;
using OrchPatch.Lab;
using OrchPatch.Simulator.Scenarios;
using OrchPatch.TestSupport.Farms;

namespace OrchPatch.Reliability.Tests;

/// <summary>
/// About 20% of web-service requests fail (503, connection reset, timeout; some after the request was processed, so
/// a start may have created its job although the client saw an error) during drain, restore and a rolling patch with
/// work arriving. Every run must complete, start no job twice and lose none. Several fault seeds.
/// </summary>
[TestFixture]
public sealed class WebServiceFaultTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromHours(6);

    /// <summary>Five fault seeds on the 2012-2019 API, two on the 2022 Web API (the other client).</summary>
    private static readonly object[] Seeds =
    {
        new object[] { 1, OrchestratorApi.OData }, new object[] { 2, OrchestratorApi.OData }, new object[] { 3, OrchestratorApi.OData },
        new object[] { 4, OrchestratorApi.OData }, new object[] { 5, OrchestratorApi.OData },
        new object[] { 6, OrchestratorApi.WebApi }, new object[] { 7, OrchestratorApi.WebApi },
    };

    /// <summary>Many more seeds, for the Long category.</summary>
    private static readonly object[] ManySeeds = Enumerable.Range(100, 40)
        .Select(i => new object[] { i, i % 2 == 0 ? OrchestratorApi.OData : OrchestratorApi.WebApi }).ToArray();

    [TestCaseSource(nameof(Seeds))]
    public void DrainAndRestore_TwentyPercentOfRequestsFail_CompleteWithNothingLostOrDoubled(int seed, OrchestratorApi api)
    {
        using var farm = BuildFarm(seed, api);
        var ledger = new FarmLedger(farm);
        var retries = 0;
        using var service = farm.CreateService(o => o.OnRetry = _ => retries++);
        var context = farm.Context(null, service);

        var drain = farm.Run(() => new DrainRunbookServer(context, new DrainOptions()).RunAsync("RB01"), Limit);
        var drained = ledger.ServersInMaintenance();
        farm.Orchestrator.Reboot("RB01", TimeSpan.FromMinutes(3));
        var restore = farm.Run(() => new RestoreRunbookServer(context, new RestoreOptions()).RunAsync("RB01"), Limit);
        farm.RunFor(TimeSpan.FromMinutes(30));

        Report(farm, ledger, $"{api} seed {seed}: drain {drain.Outcome} in {drain.Duration}, restore {restore.Outcome}", retries);
        Assert.Multiple(() =>
        {
            Assert.That(drain.Outcome, Is.EqualTo(DrainOutcome.Drained));
            Assert.That(drained, Is.EqualTo(1), "RB01 was drained");
            Assert.That(drain.Relocated.Select(r => r.RunbookPath), Is.EqualTo(new[] { @"\Mon\Disk" }));
            Assert.That(restore.Outcome, Is.EqualTo(RestoreOutcome.Restored));
            Assert.That(restore.MaxJobsRestored, Is.EqualTo(50));
            AssertFarmWhole(ledger);
            Assert.That(ledger.WaitJobsCreatedPerServer(), Is.EquivalentTo(new[] { new System.Collections.Generic.KeyValuePair<string, int>("RB01", 1) }), "one wait job for one drain");
        });
    }

    [TestCaseSource(nameof(Seeds))]
    // One server at a time, as below: waves under these faults fail a server in some seeds (issue 16, open).
    public void RollingPatch_TwentyPercentOfRequestsFailWhileWorkArrives_PatchesEveryServerWithNothingLostOrDoubled(int seed, OrchestratorApi api) =>
        RollingPatchUnderFaults(seed, api, maxUnavailable: 1);

    [TestCaseSource(nameof(ManySeeds))]
    [Category("Long")]
    // One server at a time: in waves, 3 of these 40 seeds end with a drain whose job listing
    // exhausted its retries (six 503s), which fails that server (issue 16's report: to look at with the polling work).
    public void RollingPatch_TwentyPercentOfRequestsFail_ManySeeds(int seed, OrchestratorApi api) => RollingPatchUnderFaults(seed, api, maxUnavailable: 1);

    private static void RollingPatchUnderFaults(int seed, OrchestratorApi api, int? maxUnavailable = null)
    {
        using var farm = BuildFarm(seed, api);
        var ledger = new FarmLedger(farm);
        var retries = 0;
        using var service = farm.CreateService(o => o.OnRetry = _ => retries++);
        var context = farm.Context(null, service);
        var patch = farm.RebootPatch(TimeSpan.FromMinutes(3), waitUntilBack: false);

        var options = new RollingPatchOptions { MaxUnavailable = maxUnavailable, Restore = { CanaryRunbookPath = StandardRunbooks.CanaryPath } };
        var result = farm.Run(() => new RollingPatch(context, options, patch).RunAsync(), Limit);
        farm.Orchestrator.StopWorkload();
        farm.RunFor(TimeSpan.FromHours(1));

        Report(farm, ledger, $"{api} seed {seed}: rolling patch {(result.Succeeded ? "succeeded" : "FAILED")} in {result.Duration}", retries);
        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True, result.Summary());
            AssertFarmWhole(ledger);
            Assert.That(ledger.WaitJobsCreatedPerServer().Values, Is.All.EqualTo(1), "one wait job per server drained");
            Assert.That(ledger.WaitJobsCreatedPerServer().Keys, Is.EquivalentTo(new[] { "RB01", "RB02", "RB03" }));
            var canaries = farm.Orchestrator.Jobs.Where(j => j.Kind == RunbookKind.Canary).ToArray();
            Assert.That(canaries.GroupBy(j => j.RunbookServers.Single()).Select(g => (g.Key, g.Count())), Is.EquivalentTo(new[] { ("RB01", 1), ("RB02", 1), ("RB03", 1) }), "one canary per restore, none started twice");
            Assert.That(canaries.Select(j => j.Status), Is.All.EqualTo(SimulatedJobStatus.Completed));
            Assert.That(farm.Orchestrator.Jobs.Where(j => j.Kind == RunbookKind.Ordinary).Select(j => j.Status), Is.All.EqualTo(SimulatedJobStatus.Completed), "every job of the farm's users ran to the end");
        });
    }

    /// <summary>Three servers: a monitor and two jobs on RB01, a job on RB02, and work arriving all the time.</summary>
    private static SimulatedFarm BuildFarm(int seed, OrchestratorApi api) => TestFarm.WithServers(3)
        .Monitor(@"\Mon\Disk", "RB01")
        .Job(@"\Ops\Backup", TimeSpan.FromMinutes(12), "RB01")
        .Job(@"\Ops\Sync", TimeSpan.FromMinutes(4), "RB01")
        .Job(@"\Ops\Report", TimeSpan.FromMinutes(6), "RB02")
        .Arrivals(@"\Ops\Ticket", TimeSpan.FromMinutes(3), perHour: 40)
        .Build(new SimulatorSettings { Faults = TwentyPercent(), FaultSeed = seed, FaultDelay = TimeSpan.FromSeconds(30) }, api);

    /// <summary>Six rules, tried in order, each drawing once: together about 20% of requests (1 - 0.95 x 0.95 x 0.96
    /// x 0.97 x 0.97 x 0.98 = 0.204). The "accept then" kinds process the request before failing.</summary>
    private static FaultRule[] TwentyPercent() => new[]
    {
        new FaultRule(FaultKind.ServiceUnavailable) { Rate = 0.05 },
        new FaultRule(FaultKind.ConnectionReset) { Rate = 0.05 },
        new FaultRule(FaultKind.Timeout) { Rate = 0.04 },
        new FaultRule(FaultKind.AcceptThenServiceUnavailable) { Rate = 0.03 },
        new FaultRule(FaultKind.AcceptThenConnectionReset) { Rate = 0.03 },
        new FaultRule(FaultKind.AcceptThenTimeout) { Rate = 0.02 },
    };

    private static void AssertFarmWhole(FarmLedger ledger)
    {
        Assert.That(ledger.ServersNotAtRecordedMaxJobs(), Is.Empty, "every server back at its max jobs");
        Assert.That(ledger.ActiveWaitJobs(), Is.Empty, "no wait job left");
        Assert.That(ledger.LostJobs(), Is.Empty, "no job lost");
        Assert.That(ledger.DuplicatedMonitors(), Is.Empty, "no monitor running twice");
        Assert.That(ledger.QueuedMonitorCopies(), Is.Zero, "no extra copy of a monitor");
        Assert.That(ledger.PendingMonitorCopies(), Is.Empty, "no monitor copy queued beside its original");
        Assert.That(ledger.GhostJobs(), Is.Empty, "no job queued or running that no one owns");
        Assert.That(ledger.StoppedMonitors(), Is.Empty, "every monitor runs");
    }

    private static void Report(SimulatedFarm farm, FarmLedger ledger, string what, int retries)
    {
        var requests = farm.Orchestrator.Events.Since(ledger.Mark).OfType<RequestServed>().Where(r => r.Api != SimulatorApi.Control).ToArray();
        var faulted = requests.Count(r => r.Fault is not null);
        TestContext.Out.WriteLine($"{what}; requests {requests.Length}, failed {faulted} ({100.0 * faulted / Math.Max(1, requests.Length):0.0}%): " +
            string.Join(", ", requests.Where(r => r.Fault is not null).GroupBy(r => r.Fault).Select(g => $"{g.Key} {g.Count()}")) +
            $"; client retries {retries}; jobs of the farm's users {farm.Orchestrator.Jobs.Count(j => j.Kind == RunbookKind.Ordinary)}, lost {ledger.LostJobs().Count}, duplicated monitors {ledger.DuplicatedMonitors().Count}, pending monitor copies {ledger.PendingMonitorCopies().Count}, ghost jobs {ledger.GhostJobs().Count}");
    }
}
