using System;
using NUnit.Framework;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Orchestrator;

namespace OrchPatch.Core.Tests.Maintenance;

[TestFixture]
public sealed class JobClassifierTests
{
    private static readonly RunbookServer Server = new(Guid.NewGuid(), "RB01");
    private static readonly Guid WaitRunbookId = Guid.NewGuid();

    private static Runbook Runbook(string path, bool monitor = false, Guid? id = null) => new(id ?? Guid.NewGuid(), path, path, monitor, Array.Empty<RunbookParameter>());

    private static Job Job(Runbook runbook, JobStatus status = JobStatus.Running, Guid? parent = null, bool? parentWaits = null, params string[] servers) => new()
    {
        Id = Guid.NewGuid(),
        RunbookId = runbook.Id,
        Status = status,
        RunbookServerId = status == JobStatus.Running ? Server.Id : null,
        ParentId = parent,
        ParentIsWaiting = parentWaits,
        RunbookServers = servers,
    };

    private static JobClassification Classify(Job job, Runbook runbook) => new JobClassifier(Server, WaitRunbookId).Classify(job, runbook);

    [Test]
    public void Classify_WaitRunbookJob_IsKept_EvenIfItLooksLikeAMonitor()
    {
        var wait = Runbook(@"\PatchRunbook\4: WaitRunbook", monitor: true, id: WaitRunbookId);

        var decision = Classify(Job(wait), wait);

        Assert.That((decision.Category, decision.Action), Is.EqualTo((JobCategory.WaitJob, JobAction.Keep)));
    }

    [Test]
    public void Classify_Monitor_IsRelocatedAtOnce()
    {
        var monitor = Runbook(@"\Mon\Disk", monitor: true);

        var decision = Classify(Job(monitor), monitor);

        Assert.That((decision.Category, decision.Action, decision.Reason), Is.EqualTo((JobCategory.Monitor, JobAction.RelocateNow, "it is a monitor and never finishes by itself")));
    }

    [Test]
    public void Classify_ChildOfAMonitor_IsAChildAndWaitedFor()
    {
        // A child started by a monitor's run is not a monitor itself: the rule order says the monitor rule looks at the
        // child's own runbook first, which is ordinary here.
        var child = Runbook(@"\Ops\Child");
        var parent = Guid.NewGuid();

        var decision = Classify(Job(child, parent: parent, parentWaits: true), child);

        Assert.That((decision.Category, decision.Action, decision.Reason), Is.EqualTo((JobCategory.Child, JobAction.WaitFor, $"it is a child of job {parent}, which waits for it")));
    }

    [Test]
    public void Classify_PendingPinnedToThisServerOnly_IsReported()
    {
        var runbook = Runbook(@"\Ops\Local");

        var decision = Classify(Job(runbook, JobStatus.Pending, servers: " rb01 "), runbook);

        Assert.That((decision.Category, decision.Action), Is.EqualTo((JobCategory.PinnedPending, JobAction.Report)));
    }

    [Test]
    public void Classify_PendingThatMayRunElsewhereToo_IsOrdinary()
    {
        var runbook = Runbook(@"\Ops\Either");

        var decision = Classify(Job(runbook, JobStatus.Pending, servers: new[] { "RB01", "RB02" }), runbook);

        Assert.That(decision.Category, Is.EqualTo(JobCategory.Ordinary));
    }

    [Test]
    public void Classify_OrdinaryRunning_IsWaitedFor()
    {
        var runbook = Runbook(@"\Ops\Backup");

        var decision = Classify(Job(runbook), runbook);

        Assert.That((decision.Category, decision.Action), Is.EqualTo((JobCategory.Ordinary, JobAction.WaitFor)));
    }
}
