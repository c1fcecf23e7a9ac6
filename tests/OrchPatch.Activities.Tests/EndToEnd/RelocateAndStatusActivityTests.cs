using System;
using System.Linq;
using NUnit.Framework;
using OrchPatch.Core.Orchestrator;
using OrchPatch.TestSupport.Activities;
using OrchPatch.TestSupport.Farms;

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
    public void Relocate_All_MovesEveryJobAndPublishesARowEach()
    {
        using var farm = ActivityFarm.Start(MonitorAndJobOnRb01());
        var originals = farm.Orchestrator.Jobs.Where(j => j.Server == "RB01" && j.Status == JobStatus.Running).ToDictionary(j => j.Id.ToString("D"), j => j.RunbookPath);

        var run = farm.Run<RelocateJobsActivity>(new() { ["From Runbook Server"] = "RB01" });

        Assert.That(run.Outcome, Is.EqualTo(ActivityOutcome.Success), run.Message);
        Assert.Multiple(() =>
        {
            Assert.That(run["Jobs Moved"], Is.EqualTo(2));
            Assert.That(run.Rows.Select(r => ((string)r["Old Job ID"]!, (string)r["Runbook Path"]!)), Is.EquivalentTo(originals.Select(o => (o.Key, o.Value))));
            foreach (var row in run.Rows)
            {
                var replacement = farm.Orchestrator.GetJob(Guid.Parse((string)row["New Job ID"]!));
                Assert.That((replacement.RunbookPath, replacement.Status, replacement.Server), Is.EqualTo((row["Runbook Path"], JobStatus.Running, row["New Runbook Server"])));
                Assert.That(replacement.Server, Is.AnyOf("RB02", "RB03"));
                Assert.That(farm.Orchestrator.GetJob(Guid.Parse((string)row["Old Job ID"]!)).Status, Is.EqualTo(JobStatus.Canceled));
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
            Assert.That(run.Rows.Select(r => (r["Runbook Path"], r["New Runbook Server"])), Is.EqualTo(new[] { ((object?)@"\Mon\Disk", (object?)"RB03") }));
            Assert.That(farm.Orchestrator.GetJob(report.Id), Has.Property("Status").EqualTo(JobStatus.Running).And.Property("Server").EqualTo("RB01"));
            Assert.That(farm.Orchestrator.Jobs.Count(j => j.RunbookPath == @"\Mon\Disk" && j.Status == JobStatus.Running), Is.EqualTo(1), "never two copies of a monitor");
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
            Assert.That(run.Rows.Single()["Old Job ID"], Is.EqualTo(report.Id.ToString("D")));
            Assert.That(farm.Orchestrator.Jobs.Count(j => j.Server == "RB01" && j.Status == JobStatus.Running), Is.EqualTo(2), "the monitor and the other job stay");
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
    public void GetStatus_AfterADrain_PublishesOneRowPerServer_WithTheMaintenance()
    {
        using var farm = ActivityFarm.Start(MonitorAndJobOnRb01().Job(@"\Ops\Short", TimeSpan.FromMinutes(2), "RB02"));
        var drainStarted = farm.Farm.Now;
        var drain = farm.Run<DrainRunbookServerActivity>(new() { ["Runbook Server"] = "RB03" });
        Assert.That(drain.Outcome, Is.EqualTo(ActivityOutcome.Success), drain.Message);

        var run = farm.Run<GetRunbookServerStatusActivity>(new());

        Assert.That(run.Outcome, Is.EqualTo(ActivityOutcome.Success), run.Message);
        var rows = run.Rows.ToDictionary(r => (string)r["Runbook Server"]!);
        Assert.Multiple(() =>
        {
            Assert.That(run["Server Count"], Is.EqualTo(3));
            Assert.That(rows.Keys, Is.EquivalentTo(new[] { "RB01", "RB02", "RB03" }));
            Assert.That(rows.Values.Select(r => (r["Runbook Server"], r["Max Jobs"], r["In Maintenance"])), Is.EquivalentTo(new (object?, object?, object?)[]
            {
                ("RB01", 50, "False"), ("RB02", 50, "False"), ("RB03", 1, "True"),
            }));
            Assert.That((rows["RB01"]["Running Jobs"], rows["RB01"]["Running Monitors"], rows["RB01"]["Pending Jobs"]), Is.EqualTo((2, 1, 0)));
            Assert.That(rows["RB03"]["Running Jobs"], Is.EqualTo(1), "the wait job");
            Assert.That(rows["RB03"]["Maintenance Since"], Is.EqualTo(drainStarted.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(rows["RB03"]["Maintenance Owner"], Does.EndWith("(Orchestrator activity)"));
            Assert.That((rows["RB01"]["Maintenance Since"], rows["RB01"]["Maintenance Owner"]), Is.EqualTo((string.Empty, string.Empty)));
            Assert.That(((string)rows["RB01"]["Other Runbook Servers"]!).Split(','), Is.EquivalentTo(new[] { "RB02", "RB03" }), "for an Invoke Runbook's Runbook Servers field");
        });
    }

    [Test]
    public void GetStatus_OneServer_PublishesItsRowOnly()
    {
        using var farm = ActivityFarm.Start(MonitorAndJobOnRb01());

        var run = farm.Run<GetRunbookServerStatusActivity>(new() { ["Runbook Server"] = "rb02" });

        Assert.That(run.Outcome, Is.EqualTo(ActivityOutcome.Success), run.Message);
        Assert.That(run.Rows.Select(r => (r["Runbook Server"], r["Running Jobs"])), Is.EqualTo(new[] { ((object?)"RB02", (object?)0) }));
        Assert.That(run["Server Count"], Is.EqualTo(1));
    }
}
