using System;
using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Orchestrator;
using OrchPatch.TestSupport.Farms;

namespace OrchPatch.Core.Tests.Maintenance.EndToEnd;

/// <summary>Issue 13, item 1: a server is the name the web service lists, not the text before its first dot. Farms with
/// the same host name in two domains, and servers listed by IP address.</summary>
[TestFixture]
public sealed class ServerIdentityEndToEndTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromHours(1);

    [TestCase(OrchestratorApi.OData)]
    [TestCase(OrchestratorApi.WebApi)]
    public void Drain_SameHostNameInTwoDomains_DrainsTheServerNamedAndLeavesTheOtherAlone(OrchestratorApi api)
    {
        using var farm = TestFarm.WithServers("RB01.contoso.com", "RB01.fabrikam.com", "RB02.contoso.com")
            .Monitor(@"\Mon\Disk", "RB01.contoso.com")
            .Job(@"\Ops\Short", TimeSpan.FromMinutes(3), "RB01.fabrikam.com")
            .Build(api: api);

        var result = farm.Run(() => new DrainRunbookServer(farm.Context(), new DrainOptions()).RunAsync("RB01.fabrikam.com"), Limit);
        var status = farm.Run(() => new ReadFarmStatus(farm.Context()).RunAsync(), Limit);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(DrainOutcome.Drained));
            Assert.That(farm.Orchestrator.GetJob(result.WaitJobId).Server, Is.EqualTo("RB01.fabrikam.com"));
            Assert.That(farm.Orchestrator.GetMaxJobs("RB01.fabrikam.com"), Is.EqualTo(1));
            Assert.That(farm.Orchestrator.GetMaxJobs("RB01.contoso.com"), Is.EqualTo(50));
            Assert.That(result.Relocated, Is.Empty, "the monitor runs on contoso, not on the server drained");
            Assert.That(farm.Orchestrator.Jobs.Single(j => j.RunbookPath == @"\Mon\Disk" && j.Status == OrchPatch.Simulator.SimulatedJobStatus.Running).Server, Is.EqualTo("RB01.contoso.com"));
            Assert.That(status.Servers.Where(s => s.InMaintenance).Select(s => s.Server), Is.EqualTo(new[] { "RB01.fabrikam.com" }));
        });
    }

    [Test]
    public void Plan_IpAddresses_AnswersForTheAddressGiven()
    {
        using var farm = TestFarm.WithServers("10.0.0.5", "10.0.0.6", "10.0.0.7")
            .Job(@"\Ops\Long", TimeSpan.FromMinutes(30), "10.0.0.5", count: 3)
            .Build();

        var plan = farm.Run(() => new PlanDrain(farm.Context(), new DrainOptions()).RunAsync("10.0.0.6"), Limit);

        Assert.That(plan.Server, Is.EqualTo("10.0.0.6"));
    }

    [Test]
    public void Drain_ShortNameOfOneServer_ResolvesAndSaysWhich()
    {
        using var farm = TestFarm.WithServers("RB01.contoso.com", "RB02.contoso.com").Build();
        var events = new List<MaintenanceEvent>();

        var result = farm.Run(() => new DrainRunbookServer(farm.Context(new MaintenanceSettings { OnProgress = events.Add }), new DrainOptions()).RunAsync("rb02"), Limit);

        Assert.That(farm.Orchestrator.GetJob(result.WaitJobId).Server, Is.EqualTo("RB02.contoso.com"));
        Assert.That(events.Select(e => e.Message), Has.Some.Contains("'rb02' taken to mean RB02.contoso.com"));
    }

    [Test]
    public void Drain_ShortNameOfTwoServers_IsRefusedNamingBoth()
    {
        using var farm = TestFarm.WithServers("RB01.contoso.com", "RB01.fabrikam.com").Build();
        var before = FarmSnapshot.Of(farm);

        var error = Assert.Throws<AmbiguousRunbookServerException>(() => farm.Run(() => new DrainRunbookServer(farm.Context(), new DrainOptions()).RunAsync("RB01"), Limit));

        Assert.That(error!.Message, Does.Contain("RB01.contoso.com, RB01.fabrikam.com"));
        Assert.That(before.Differences(FarmSnapshot.Of(farm)), Is.Empty);
    }
}
