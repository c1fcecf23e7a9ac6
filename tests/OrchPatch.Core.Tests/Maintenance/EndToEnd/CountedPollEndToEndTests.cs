using System;
using System.Linq;
using NUnit.Framework;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Lab;
using OrchPatch.Simulator;
using OrchPatch.Simulator.Events;
using OrchPatch.TestSupport.Farms;

namespace OrchPatch.Core.Tests.Maintenance.EndToEnd;

/// <summary>
/// Cheap, consistent polls (issue 16): one counted request a poll decides whether the server is drained, whatever the
/// number of jobs on it; the server is listed only when the count changed, at most once a minute; jobs that ended are
/// read by id, several to a request, before they are reported finished.
/// </summary>
[TestFixture]
public sealed class CountedPollEndToEndTests
{
    private const int Jobs = 300;
    private static readonly TimeSpan Limit = TimeSpan.FromHours(3);

    [TestCase(OrchestratorApi.OData)]
    [TestCase(OrchestratorApi.WebApi)]
    public void RunAsync_SixPagesOfJobsOnTheServer_AboutOneRequestAPollAndEveryJobWaitedFor(OrchestratorApi api)
    {
        using var farm = BusyServer(api);
        var classified = DateTimeOffset.MaxValue;
        var context = farm.Context(new MaintenanceSettings { OnProgress = e => classified = e.Message.Contains("to wait for", StringComparison.Ordinal) ? e.Time : classified });
        var lastEnd = farm.Orchestrator.Jobs.Where(j => j.PlannedEndTime is not null && j.Server == "RB01").Max(j => j.PlannedEndTime!.Value);

        var result = farm.Run(() => new DrainRunbookServer(context, new DrainOptions { Deadline = TimeSpan.FromHours(1) }).RunAsync("RB01"), Limit);

        var (requests, polls) = WhileWaiting(farm, classified, result.FinishedAt, context.Settings.PollInterval);
        TestContext.Out.WriteLine($"{api}: {requests} requests over {polls} polls while waiting: {(double)requests / polls:0.00} a poll");
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(DrainOutcome.Drained));
            Assert.That(result.Completed, Has.Count.EqualTo(Jobs), "every job reported finished once");
            Assert.That(result.Completed.Select(c => c.JobId), Is.Unique);
            Assert.That(farm.Orchestrator.Jobs.Where(j => j.RunbookPath.StartsWith(@"\Ops\", StringComparison.Ordinal) && j.Status != SimulatedJobStatus.Completed), Is.Empty, "the drain waited for every job");
            Assert.That(farm.Now - lastEnd, Is.LessThanOrEqualTo(context.Settings.PollInterval + TimeSpan.FromSeconds(1)), "it ends within a poll of the last job");
            Assert.That((double)requests / polls, Is.LessThanOrEqualTo(1.2), "one counted request a poll, listings at most once a minute");
            Assert.That(result.Warnings, Is.Empty);
        });
    }

    [Test]
    public void RunAsync_CountedPollsOff_ListsEveryPageEveryPoll()
    {
        using var farm = BusyServer(OrchestratorApi.OData);
        var classified = DateTimeOffset.MaxValue;
        var context = farm.Context(new MaintenanceSettings { CountedPolls = false, OnProgress = e => classified = e.Message.Contains("to wait for", StringComparison.Ordinal) ? e.Time : classified });

        var result = farm.Run(() => new DrainRunbookServer(context, new DrainOptions { Deadline = TimeSpan.FromHours(1) }).RunAsync("RB01"), Limit);

        var (requests, polls) = WhileWaiting(farm, classified, result.FinishedAt, context.Settings.PollInterval);
        Assert.That(result.Outcome, Is.EqualTo(DrainOutcome.Drained));
        Assert.That(result.Completed, Has.Count.EqualTo(Jobs));
        Assert.That((double)requests / polls, Is.GreaterThan(2), "the listing poll reads every page of the server's jobs (the setting is in effect)");
    }

    /// <summary>300 jobs on RB01 (six pages), ending one every 3 s for 15 minutes.</summary>
    private static SimulatedFarm BusyServer(OrchestratorApi api)
    {
        var builder = TestFarm.WithServers(3).MaxJobs("RB01", 400).MaxJobs("RB02", 400).MaxJobs("RB03", 400);
        for (var i = 0; i < Jobs; i++)
        {
            builder.Job($@"\Ops\Job{i:000}", TimeSpan.FromSeconds(30 + (3 * i)), "RB01");
        }

        return builder.Build(api: api);
    }

    /// <summary>Web-service requests from the classification to the end of the drain (its verification's two
    /// included), and the polls that span.</summary>
    private static (int Requests, int Polls) WhileWaiting(SimulatedFarm farm, DateTimeOffset from, DateTimeOffset to, TimeSpan pollInterval)
    {
        var requests = farm.Orchestrator.Events.OfType<RequestServed>().Count(r => r.Api is SimulatorApi.OData or SimulatorApi.WebApi && r.Time >= from && r.Time <= to);
        var polls = (int)Math.Ceiling((to - from).TotalSeconds / pollInterval.TotalSeconds);
        return (requests, Math.Max(1, polls));
    }
}
