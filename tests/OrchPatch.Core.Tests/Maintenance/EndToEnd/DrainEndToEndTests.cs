using System;
using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Simulator.Events;
using OrchPatch.TestSupport.Farms;

namespace OrchPatch.Core.Tests.Maintenance.EndToEnd;

/// <summary>The drain against the simulator, through the real client, on the farm's clock.</summary>
[TestFixture]
public sealed class DrainEndToEndTests
{
    [Test]
    public void RunAsync_OrdinaryJobsAndAMonitor_MovesTheMonitorAtOnceAndEndsWithinAPollOfTheLastJob()
    {
        using var farm = TestFarm.WithServers(3)
            .Monitor(@"\Mon\Disk", "RB01")
            .Job(@"\Ops\Short", TimeSpan.FromMinutes(5), "RB01")
            .Job(@"\Ops\Long", TimeSpan.FromMinutes(12), "RB01")
            .Build();
        var lastJobEnds = farm.Orchestrator.Jobs.Where(j => j.Status == JobStatus.Running && j.PlannedEndTime is not null).Max(j => j.PlannedEndTime!.Value);
        var context = farm.Context();

        var result = farm.Run(() => new DrainRunbookServer(context, new DrainOptions()).RunAsync("RB01"), TimeSpan.FromHours(1));

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(DrainOutcome.Drained));
            Assert.That(result.Completed.Select(c => c.RunbookPath), Is.EquivalentTo(new[] { @"\Ops\Short", @"\Ops\Long" }));
            Assert.That(result.Relocated.Select(r => (r.RunbookPath, r.Category)), Is.EqualTo(new[] { (@"\Mon\Disk", JobCategory.Monitor) }));
            Assert.That(result.Relocated[0].NewServer, Is.AnyOf("RB02", "RB03"));
            Assert.That(result.Canceled, Is.Empty);
            Assert.That(farm.Now - lastJobEnds, Is.LessThanOrEqualTo(context.Settings.PollInterval), "the drain ends within one poll of the last job");
            Assert.That(farm.Orchestrator.GetMaxJobs("RB01"), Is.EqualTo(1));
            Assert.That(result.PreviousMaxJobs, Is.EqualTo(50));
            var wait = farm.Orchestrator.GetJob(result.WaitJobId);
            Assert.That((wait.Status, wait.Server), Is.EqualTo((JobStatus.Running, "RB01")));
            Assert.That(farm.Orchestrator.Metrics.JobsInterrupted, Is.EqualTo(0));
        });
    }
}
