using System;
using System.Linq;
using NUnit.Framework;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Simulator;
using OrchPatch.Simulator.Scenarios;
using OrchPatch.TestSupport.Farms;

namespace OrchPatch.Core.Tests.Maintenance.EndToEnd;

/// <summary>A move whose cancel fails or races the job's own end: the job is never lost and never run twice.</summary>
[TestFixture]
public sealed class RelocateUnderFaultsTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromHours(6);

    /// <summary>Every attempt of one call: the client gives up after the last.</summary>
    private static readonly int AllAttempts = OrchestratorConnectionConstants.DefaultMaxRetryAttempts + 1;

    [Test]
    public void RelocateJobs_CancelCarriedOutButItsAnswerLost_KeepsTheCopyRunningElsewhere()
    {
        using var farm = TestFarm.WithServers(3).Monitor(@"\Mon\Disk", "RB01").Build();
        var original = farm.Orchestrator.Jobs.Single(j => j.Kind == RunbookKind.Monitor);
        // Each attempt cancels the job, then the client gets 503 until it gives up.
        farm.Orchestrator.AddFault(FaultRule.Next(FaultKind.AcceptThenServiceUnavailable, AllAttempts, "MERGE", "Jobs"));

        var result = farm.Run(() => new RelocateJobs(farm.Context(), new RelocateOptions { Selection = JobSelection.MonitorsOnly }).RunAsync("RB01"), Limit);
        farm.RunFor(TimeSpan.FromMinutes(1));

        var monitors = farm.Orchestrator.Jobs.Where(j => j.Kind == RunbookKind.Monitor).ToArray();
        var active = monitors.Where(j => j.Status is SimulatedJobStatus.Running or SimulatedJobStatus.Pending).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(active, Has.Length.EqualTo(1), "exactly one monitor job is active");
            Assert.That(active.Single().Id, Is.Not.EqualTo(original.Id));
            Assert.That(active.Single().Server, Is.AnyOf("RB02", "RB03"));
            Assert.That(monitors.Single(j => j.Id == original.Id).Status, Is.EqualTo(SimulatedJobStatus.Canceled));
            Assert.That(result.Moved.Select(m => m.NewJobId), Is.EqualTo(new[] { active.Single().Id }));
        });
    }

    [Test]
    public void RelocateJobs_CancelNeverCarriedOut_TakesTheCopyBackAndSaysTheJobStillRuns()
    {
        using var farm = TestFarm.WithServers(3).Monitor(@"\Mon\Disk", "RB01").Build();
        var original = farm.Orchestrator.Jobs.Single(j => j.Kind == RunbookKind.Monitor);
        // Each attempt to cancel the original is refused unprocessed; the later cancel of the copy goes through.
        farm.Orchestrator.AddFault(FaultRule.Next(FaultKind.ServiceUnavailable, AllAttempts, "MERGE", "Jobs"));

        var error = Assert.Throws<MaintenanceFailedException>(() =>
            farm.Run(() => new RelocateJobs(farm.Context(), new RelocateOptions { Selection = JobSelection.MonitorsOnly }).RunAsync("RB01"), Limit));
        farm.RunFor(TimeSpan.FromMinutes(1));

        var copy = farm.Orchestrator.Jobs.Single(j => j.Kind == RunbookKind.Monitor && j.Id != original.Id);
        Assert.Multiple(() =>
        {
            Assert.That(farm.Orchestrator.Jobs.Single(j => j.Id == original.Id).Status, Is.EqualTo(SimulatedJobStatus.Running));
            Assert.That(copy.Status, Is.EqualTo(SimulatedJobStatus.Canceled));
            Assert.That(error!.StateLeftBehind, Does.Contain("still runs on RB01").And.Contain($"copy {copy.Id} was canceled"));
        });
    }

    [Test]
    public void Drain_RelocatePolicy_OriginalCompletesWhileItsCopyStarts_RunsOnceAndCountsAsCompleted()
    {
        // The job ends 25 s after the deadline; starting its copy takes 30 s (the answer is lost and looked for).
        using var farm = TestFarm.WithServers(3).Job(@"\Ops\Backup", TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(25), "RB01")
            .Build(new SimulatorSettings { FaultDelay = TimeSpan.FromSeconds(30) });
        var options = new DrainOptions { Deadline = TimeSpan.FromMinutes(10), DeadlinePolicy = DeadlinePolicy.Relocate, Restartable = RestartablePatterns.Parse(@"\Ops\*") };
        var task = farm.Start(() => new DrainRunbookServer(farm.Context(), options).RunAsync("RB01"));
        farm.RunUntil(() => farm.Orchestrator.GetMaxJobs("RB01") == 1, TimeSpan.FromMinutes(2));
        farm.Orchestrator.AddFault(FaultRule.Next(FaultKind.AcceptThenTimeout, 1, "POST", "Jobs"));

        farm.RunUntil(() => task.IsCompleted, Limit);
        var result = task.GetAwaiter().GetResult();
        farm.RunFor(TimeSpan.FromMinutes(30));

        var backups = farm.Orchestrator.Jobs.Where(j => j.RunbookPath == @"\Ops\Backup").ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(DrainOutcome.Drained));
            Assert.That(backups, Has.Length.EqualTo(2), "the copy was started");
            Assert.That(backups.Count(j => j.Status == SimulatedJobStatus.Completed), Is.EqualTo(1), "the backup ran to completion once");
            Assert.That(backups.Count(j => j.Status == SimulatedJobStatus.Canceled), Is.EqualTo(1), "its copy was taken back");
            Assert.That(result.Completed.Select(c => c.RunbookPath), Is.EqualTo(new[] { @"\Ops\Backup" }));
            Assert.That(result.Relocated, Is.Empty);
        });
    }

    [Test]
    public void Drain_CancelPolicy_JobCompletesBeforeTheCancelReachesIt_CountsAsCompletedNotCanceled()
    {
        // The job ends some seconds after the deadline; the first cancel request gets no answer for 30 s and is not
        // processed, so when the client tries again the job has completed.
        using var farm = TestFarm.WithServers(3).Job(@"\Ops\Backup", TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(20), "RB01")
            .Build(new SimulatorSettings { FaultDelay = TimeSpan.FromSeconds(30) });
        var options = new DrainOptions { Deadline = TimeSpan.FromMinutes(10), DeadlinePolicy = DeadlinePolicy.Cancel };
        var task = farm.Start(() => new DrainRunbookServer(farm.Context(), options).RunAsync("RB01"));
        farm.RunUntil(() => farm.Orchestrator.GetMaxJobs("RB01") == 1, TimeSpan.FromMinutes(2));
        farm.Orchestrator.AddFault(FaultRule.Next(FaultKind.Timeout, 1, "MERGE", "Jobs"));

        farm.RunUntil(() => task.IsCompleted, Limit);
        var result = task.GetAwaiter().GetResult();

        var backup = farm.Orchestrator.Jobs.Single(j => j.RunbookPath == @"\Ops\Backup");
        Assert.Multiple(() =>
        {
            Assert.That(backup.Status, Is.EqualTo(SimulatedJobStatus.Completed));
            Assert.That(result.Outcome, Is.EqualTo(DrainOutcome.Drained));
            Assert.That(result.Canceled, Is.Empty, "a job that completed is not reported as canceled");
            Assert.That(result.Completed.Select(c => (c.RunbookPath, c.Status)), Is.EqualTo(new[] { (@"\Ops\Backup", JobStatus.Completed) }));
        });
    }

    [Test]
    public void Drain_CancelPolicy_JobStillRunningAtTheDeadline_IsCanceledAndReportedSo()
    {
        using var farm = TestFarm.WithServers(3).Job(@"\Ops\Backup", TimeSpan.FromMinutes(60), "RB01").Build();
        var options = new DrainOptions { Deadline = TimeSpan.FromMinutes(10), DeadlinePolicy = DeadlinePolicy.Cancel };

        var result = farm.Run(() => new DrainRunbookServer(farm.Context(), options).RunAsync("RB01"), Limit);

        var backup = farm.Orchestrator.Jobs.Single(j => j.RunbookPath == @"\Ops\Backup");
        Assert.Multiple(() =>
        {
            Assert.That(backup.Status, Is.EqualTo(SimulatedJobStatus.Canceled));
            Assert.That(result.Canceled.Select(c => (c.RunbookPath, c.Status)), Is.EqualTo(new[] { (@"\Ops\Backup", JobStatus.Canceled) }));
            Assert.That(result.Completed, Is.Empty);
        });
    }
}
