using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using OrchPatch.Simulator;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Lab;
using OrchPatch.Simulator.Events;
using OrchPatch.TestSupport.Farms;

namespace OrchPatch.Core.Tests.Maintenance.EndToEnd;

/// <summary>
/// A real service takes time per request, so a listing read page by page is not a snapshot: a job that ends between two
/// page reads shifts the rows and a still-running job falls between the pages. The drain must not take such a job for
/// finished (the reboot would kill it), and must not warn that it "landed after the throttle" when it reappears.
/// </summary>
[TestFixture]
public sealed class ShiftingPagesEndToEndTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromHours(3);

    // Counted polls list the server only when the count changed, at most every JobListingInterval: a second here makes
    // every poll that follows an ended job a listing, so listings still meet jobs ending between their pages.
    [TestCase(OrchestratorApi.OData, true)]
    [TestCase(OrchestratorApi.WebApi, true)]
    [TestCase(OrchestratorApi.OData, false)]
    [TestCase(OrchestratorApi.WebApi, false)]
    public void RunAsync_JobsEndBetweenThePagesOfAListing_ReportsNoJobFinishedBeforeItEnded(OrchestratorApi api, bool countedPolls)
    {
        var builder = TestFarm.WithServers(3).MaxJobs("RB01", 300);
        for (var i = 0; i < 150; i++)
        {
            // Staggered ends, a few seconds apart, so jobs end while a listing of more than one page is being read.
            builder.Job($@"\Ops\Job{i:000}", TimeSpan.FromSeconds(20 + (7 * i)), "RB01");
        }

        using var farm = builder.Build(api: api);
        var finishedReports = new List<MaintenanceEvent>();
        using var slowService = farm.CreateSlowService(TimeSpan.FromSeconds(2));
        var context = farm.Context(Settings(countedPolls, e => { if (e.Kind == MaintenanceEventKind.JobFinished) { finishedReports.Add(e); } }), slowService);

        var result = farm.Run(() => new DrainRunbookServer(context, new DrainOptions { Deadline = TimeSpan.FromHours(1) }).RunAsync("RB01"), Limit);

        var endedAt = farm.Orchestrator.Events.OfType<JobEnded>().GroupBy(e => e.JobId).ToDictionary(g => g.Key, g => g.Max(e => e.Time));
        var early = finishedReports
            .Where(e => e.Job is not null && (!endedAt.TryGetValue(e.Job.JobId, out var end) || end > e.Time))
            .Select(e => $"{e.Job!.RunbookPath} reported finished at {e.Time:HH:mm:ss}, ended {(endedAt.TryGetValue(e.Job.JobId, out var end) ? end.ToString("HH:mm:ss") : "never")}")
            .ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(DrainOutcome.Drained));
            Assert.That(early, Is.Empty, "a job that fell between two pages is still running");
            Assert.That(finishedReports.GroupBy(e => e.Job!.JobId).Where(g => g.Count() > 1).Select(g => g.First().Job!.RunbookPath), Is.Empty, "no job is reported finished twice");
            Assert.That(result.Warnings, Is.Empty, "a job missed by one listing did not land after the throttle");
            Assert.That(farm.Orchestrator.Jobs.Where(j => j.Server == "RB01" && j.Status == SimulatedJobStatus.Running).Select(j => j.Id), Is.EqualTo(new[] { result.WaitJobId }), "drained means only the wait job runs there");
        });
    }

    [TestCase(OrchestratorApi.OData, true)]
    [TestCase(OrchestratorApi.WebApi, true)]
    [TestCase(OrchestratorApi.OData, false)]
    [TestCase(OrchestratorApi.WebApi, false)]
    public void RunAsync_SimulatorsDefaultLatency_JobsEndBetweenPagesAndTheDrainWaitsForEveryRunningJob(OrchestratorApi api, bool countedPolls)
    {
        // The simulator's own time per request (40 ms + 2 ms per entry: a page of 50 takes 140 ms), no slow client.
        var builder = TestFarm.WithServers(3).MaxJobs("RB01", 300);
        for (var i = 0; i < 150; i++)
        {
            builder.Job($@"\Ops\Job{i:000}", TimeSpan.FromSeconds(20 + (3 * i)) + TimeSpan.FromMilliseconds(37 * i), "RB01");
        }

        using var farm = builder.Build(api: api);
        var finishedReports = new List<MaintenanceEvent>();
        var context = farm.Context(Settings(countedPolls, e => { if (e.Kind == MaintenanceEventKind.JobFinished) { finishedReports.Add(e); } }));

        var result = farm.Run(() => new DrainRunbookServer(context, new DrainOptions { Deadline = TimeSpan.FromHours(1) }).RunAsync("RB01"), Limit);

        var events = farm.Orchestrator.Events.All();
        var endedBetweenPages = events
            .Select((e, i) => (Event: e, Index: i))
            .Where(x => x.Event is RequestServed { EntitySet: "Jobs", Skip: > 0 })
            .Count(x => events.Take(x.Index).Reverse().TakeWhile(e => e is not RequestServed { EntitySet: "Jobs" }).OfType<JobEnded>().Any());
        var endedAt = farm.Orchestrator.Events.OfType<JobEnded>().GroupBy(e => e.JobId).ToDictionary(g => g.Key, g => g.Max(e => e.Time));
        var early = finishedReports
            .Where(e => e.Job is not null && (!endedAt.TryGetValue(e.Job.JobId, out var end) || end > e.Time))
            .Select(e => e.Job!.RunbookPath)
            .ToArray();
        var ordinaryJobs = farm.Orchestrator.Jobs.Where(j => j.RunbookPath.StartsWith(@"\Ops\Job", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(farm.Orchestrator.Settings.RequestLatency, Is.EqualTo(TimeSpan.FromMilliseconds(40)), "the default is on");
            Assert.That(endedBetweenPages, Is.GreaterThan(0), "some job ended between two pages of one listing");
            Assert.That(result.Outcome, Is.EqualTo(DrainOutcome.Drained));
            Assert.That(early, Is.Empty, "no job is reported finished before it ended");
            Assert.That(ordinaryJobs.Where(j => j.Status != SimulatedJobStatus.Completed).Select(j => j.RunbookPath), Is.Empty, "the drain waited for every running job: each completed");
            Assert.That(result.Warnings, Is.Empty);
        });
    }

    private static MaintenanceSettings Settings(bool countedPolls, Action<MaintenanceEvent> onProgress) =>
        new() { CountedPolls = countedPolls, JobListingInterval = TimeSpan.FromSeconds(1), OnProgress = onProgress };
}

/// <summary>A client whose every request takes simulated time on the farm's clock, as a real service's does.</summary>
internal static class SlowServiceExtensions
{
    public static IOrchestratorService CreateSlowService(this SimulatedFarm farm, TimeSpan perRequest)
    {
        var options = new OrchestratorConnectionOptions
        {
            ServiceUrl = (farm.Api == OrchestratorApi.WebApi ? farm.Orchestrator.WebApiRoot : farm.Orchestrator.ODataRoot).ToString(),
            Api = farm.Api,
        };
        return OrchestratorServiceFactory.Create(options, farm.Clock, new SlowHandler(farm.Clock, perRequest, farm.Orchestrator.CreateHandler()), new Random(7));
    }

    private sealed class SlowHandler(TimeProvider time, TimeSpan perRequest, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(perRequest, time, cancellationToken).ConfigureAwait(false);
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }
}
