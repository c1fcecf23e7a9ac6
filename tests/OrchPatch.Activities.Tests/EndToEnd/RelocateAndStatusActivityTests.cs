using System;
using System.Linq;
using NUnit.Framework;
using OrchPatch.Core.Orchestrator;
using OrchPatch.TestSupport.Activities;
using OrchPatch.TestSupport.Farms;
using OrchPatch.Simulator;

namespace OrchPatch.Activities.Tests.EndToEnd;

/// <summary>Relocate Jobs and Get Runbook Server Status through the harness, against the simulator.</summary>
[TestFixture]
[NonParallelizable]
public sealed class RelocateAndStatusActivityTests
{
    private static TestFarm MonitorAndJobOnRb01() => TestFarm.WithServers(3)
        .Monitor(@"\Mon\Disk", "RB01")
        .Job(@"\Ops\Report", TimeSpan.FromHours(1), "RB01");

    [Test]
    public void Relocate_All_MovesEveryJobAndPublishesALineEach()
    {
        using var farm = ActivityFarm.Start(MonitorAndJobOnRb01());
        var originals = farm.Orchestrator.Jobs.Where(j => j.Server == "RB01" && j.Status == SimulatedJobStatus.Running).ToDictionary(j => j.Id.ToString("D"), j => j.RunbookPath);

        var run = farm.Run<RelocateJobsActivity>(new() { ["From Runbook Server"] = "RB01" });

        Assert.That(run.Outcome, Is.EqualTo(ActivityOutcome.Success), run.Message);
        Assert.Multiple(() =>
        {
            Assert.That(run["Jobs Moved"], Is.EqualTo(2));
            Assert.That(run["Relocated Jobs Count"], Is.EqualTo(2));
            var rows = Lines(run);
            Assert.That(rows.Select(r => (r.OldJobId, r.RunbookPath)), Is.EquivalentTo(originals.Select(o => (o.Key, o.Value))));
            foreach (var row in rows)
            {
                var replacement = farm.Orchestrator.GetJob(Guid.Parse(row.NewJobId));
                Assert.That((replacement.RunbookPath, replacement.Status, replacement.Server), Is.EqualTo((row.RunbookPath, SimulatedJobStatus.Running, row.Server)));
                Assert.That(replacement.Server, Is.AnyOf("RB02", "RB03"));
                Assert.That(farm.Orchestrator.GetJob(Guid.Parse(row.OldJobId)).Status, Is.EqualTo(SimulatedJobStatus.Canceled));
            }
        });
    }

    [Test]
    public void Relocate_MonitorsOnlyToOneServer_MovesTheMonitorThere_AndLeavesTheJob()
    {
        using var farm = ActivityFarm.Start(MonitorAndJobOnRb01());
        var report = farm.Orchestrator.Jobs.Single(j => j.RunbookPath == @"\Ops\Report");

        var run = farm.Run<RelocateJobsActivity>(new() { ["From Runbook Server"] = "RB01", ["Jobs"] = "Monitors Only", ["To Runbook Servers"] = "RB03" });

        Assert.That(run.Outcome, Is.EqualTo(ActivityOutcome.Success), run.Message);
        Assert.Multiple(() =>
        {
            Assert.That(run["Jobs Moved"], Is.EqualTo(1));
            Assert.That(Lines(run).Select(r => (r.RunbookPath, r.Server)), Is.EqualTo(new[] { (@"\Mon\Disk", "RB03") }));
            Assert.That(farm.Orchestrator.GetJob(report.Id), Has.Property("Status").EqualTo(SimulatedJobStatus.Running).And.Property("Server").EqualTo("RB01"));
            Assert.That(farm.Orchestrator.Jobs.Count(j => j.RunbookPath == @"\Mon\Disk" && j.Status == SimulatedJobStatus.Running), Is.EqualTo(1), "never two copies of a monitor");
        });
    }

    [Test]
    public void Relocate_OneJobId_MovesOnlyThatJob()
    {
        using var farm = ActivityFarm.Start(MonitorAndJobOnRb01().Job(@"\Ops\Other", TimeSpan.FromHours(1), "RB01"));
        var report = farm.Orchestrator.Jobs.Single(j => j.RunbookPath == @"\Ops\Report");

        var run = farm.Run<RelocateJobsActivity>(new() { ["From Runbook Server"] = "RB01", ["Jobs"] = "{" + report.Id.ToString("D").ToUpperInvariant() + "}" });

        Assert.That(run.Outcome, Is.EqualTo(ActivityOutcome.Success), run.Message);
        Assert.Multiple(() =>
        {
            Assert.That(run["Jobs Moved"], Is.EqualTo(1));
            Assert.That(Lines(run).Single().OldJobId, Is.EqualTo(report.Id.ToString("D")));
            Assert.That(farm.Orchestrator.Jobs.Count(j => j.Server == "RB01" && j.Status == SimulatedJobStatus.Running), Is.EqualTo(2), "the monitor and the other job stay");
        });
    }

    [Test]
    public void Relocate_JobIdNotOnTheServer_FailsNamingIt_AndChangesNothing()
    {
        using var farm = ActivityFarm.Start(MonitorAndJobOnRb01());
        var before = farm.Snapshot();
        var stranger = Guid.NewGuid();

        var run = farm.Run<RelocateJobsActivity>(new() { ["From Runbook Server"] = "RB01", ["Jobs"] = stranger.ToString("D") });

        Assert.Multiple(() =>
        {
            Assert.That(run.Outcome, Is.EqualTo(ActivityOutcome.Failed));
            Assert.That(run.Message, Does.Contain(stranger.ToString("D")));
            Assert.That(farm.Snapshot(), Is.EqualTo(before));
        });
    }

    [Test]
    public void GetStatus_AfterADrain_PublishesEachServerAsOneValue_AndTheMaintenanceAsText()
    {
        using var farm = ActivityFarm.Start(MonitorAndJobOnRb01().Job(@"\Ops\Short", TimeSpan.FromMinutes(2), "RB02"));
        var drainStarted = farm.Farm.Now;
        var drain = farm.Run<DrainRunbookServerActivity>(new() { ["Runbook Server"] = "RB03" });
        Assert.That(drain.Outcome, Is.EqualTo(ActivityOutcome.Success), drain.Message);

        var run = farm.Run<GetRunbookServerStatusActivity>(new());

        Assert.That(run.Outcome, Is.EqualTo(ActivityOutcome.Success), run.Message);
        var lines = ((string)run["Status"]!).Split(new[] { Environment.NewLine }, StringSplitOptions.None);
        Assert.Multiple(() =>
        {
            Assert.That(run.Rows, Is.Empty, "no correlated rows: their declarative shape has no public evidence");
            Assert.That(run.Values("Runbook Server"), Is.EquivalentTo(new[] { "RB01", "RB02", "RB03" }), "a multi-valued output: the next activity runs once per server");
            Assert.That(run["Server Count"], Is.EqualTo(3));
            Assert.That(run["Servers In Maintenance"], Is.EqualTo("RB03"));
            Assert.That(run["In Maintenance"], Is.EqualTo("False"), "not every listed server");
            Assert.That((run["Max Jobs"], run["Running Jobs"], run["Running Monitors"]), Is.EqualTo((101, 2 + 1 + 1, 1)), "RB01's monitor and job, RB02's job, RB03's wait job");
            Assert.That(((string)run["Other Runbook Servers"]!).Split(';'), Is.EquivalentTo(new[] { "RB01", "RB02", "RB03" }), "no server named: all, joined with Invoke Runbook's ';'");
            Assert.That(lines.Single(l => l.StartsWith("RB03:", StringComparison.Ordinal)), Does.Contain("max jobs 1").And.Contain("in maintenance since " + drainStarted.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)).And.EndWith("(Orchestrator activity)"));
            Assert.That(lines.Single(l => l.StartsWith("RB01:", StringComparison.Ordinal)), Is.EqualTo("RB01: max jobs 50, running 2, pending 0, monitors 1, not in maintenance"));
        });
    }

    [Test]
    public void GetStatus_OneServer_PublishesItsValuesAndTheOthersJoinedWithSemicolons()
    {
        using var farm = ActivityFarm.Start(MonitorAndJobOnRb01());

        var run = farm.Run<GetRunbookServerStatusActivity>(new() { ["Runbook Server"] = "rb02" });

        Assert.That(run.Outcome, Is.EqualTo(ActivityOutcome.Success), run.Message);
        Assert.Multiple(() =>
        {
            Assert.That(run.Values("Runbook Server"), Is.EqualTo(new[] { "RB02" }));
            Assert.That((run["Server Count"], run["Running Jobs"], run["Max Jobs"], run["In Maintenance"]), Is.EqualTo((1, 0, 50, "False")));
            Assert.That(((string)run["Other Runbook Servers"]!).Split(';'), Is.EquivalentTo(new[] { "RB01", "RB03" }), "for an Invoke Runbook's Runbook Servers field");
        });
    }

    private static RelocatedLine[] Lines(ActivityRun run) =>
        ((string)run["Relocated Jobs"]!).Split(new[] { Environment.NewLine }, StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(new[] { ": ", " -> ", " on " }, StringSplitOptions.None))
            .Select(p => new RelocatedLine(p[0], p[1], p[2], p[3]))
            .ToArray();

    private sealed record RelocatedLine(string RunbookPath, string OldJobId, string NewJobId, string Server);
}
