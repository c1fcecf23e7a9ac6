using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Lab;
using OrchPatch.Simulator;
using OrchPatch.Simulator.Events;
using OrchPatch.Simulator.Scenarios;
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

    [Test]
    public void RunAsync_JobsStartBetweenTheWaitJobAndMaxJobsOne_StillAboutOneRequestAPoll()
    {
        // 150 jobs on RB01 (three pages) ending one every 3 s, then five 10-minute jobs that start there after the
        // wait job and before max jobs 1: they are newer than the wait job for the whole drain, yet no arrival.
        using var farm = LateJobsFarm();
        var classified = DateTimeOffset.MaxValue;
        var settings = new MaintenanceSettings { OnProgress = e => classified = e.Message.Contains("to wait for", StringComparison.Ordinal) ? e.Time : classified };
        var throttle = new JobsStartBeforeThrottle(farm, "RB01", LatePath, 5);
        var context = new MaintenanceContext(farm.Service, throttle, farm.Clock, settings);

        var result = farm.Run(() => new DrainRunbookServer(context, new DrainOptions { Deadline = TimeSpan.FromHours(1) }).RunAsync("RB01"), Limit);

        var waitJob = farm.Orchestrator.GetJob(result.WaitJobId);
        var late = farm.Orchestrator.Jobs.Where(j => j.RunbookPath == LatePath && j.Server == "RB01").ToList();
        var lastEnd = farm.Orchestrator.Events.OfType<JobEnded>().Where(e => e.Server == "RB01" && e.RunbookKind == RunbookKind.Ordinary).Max(e => e.Time);
        var (requests, polls) = WhileWaiting(farm, classified, result.FinishedAt, context.Settings.PollInterval);
        TestContext.Out.WriteLine($"{requests} requests over {polls} polls while waiting: {(double)requests / polls:0.00} a poll");
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(DrainOutcome.Drained));
            Assert.That(late, Has.Count.EqualTo(5), "the five jobs ran on RB01");
            Assert.That(late.Select(j => j.CreationTime), Is.All.GreaterThan(waitJob.CreationTime), "they are newer than the wait job");
            Assert.That(late.Select(j => j.Status), Is.All.EqualTo(SimulatedJobStatus.Completed), "the drain waited for them");
            Assert.That(result.Completed, Has.Count.EqualTo(155), "every job reported finished once");
            Assert.That(farm.Now - lastEnd, Is.LessThanOrEqualTo(context.Settings.PollInterval + TimeSpan.FromSeconds(1)), "it ends within a poll of the last job");
            // 4.31 a poll when every poll took the five for arrivals (a listing of four pages and a read of the wait
            // job each time). Above one a poll: listings and the wait job's reads once a minute a page, the 155 ended
            // jobs read 20 to a request, and once the five's first listing, runbooks and start times (1.23 in all).
            Assert.That((double)requests / polls, Is.LessThanOrEqualTo(1.25), "a job already listed is no arrival: no listing and no read of the wait job at every poll");
            Assert.That(result.LandedAfterThrottle, Is.Empty, "they started before max jobs 1, while the server had free slots");
            Assert.That(result.Warnings, Is.Empty);
        });
    }

    [Test]
    public void RunAsync_WaitJobStoppedWhileTheNewestJobIsOneAlreadyListed_TheDrainStopsWithinTheListingInterval()
    {
        // The newest job is one of the five late ones for the whole drain, so no poll reads the wait job by itself:
        // it is read as often as the server is listed (once a minute per page: 155 jobs are four pages).
        using var farm = LateJobsFarm();
        var stoppedAt = (DateTimeOffset?)null;
        Guid waitJobId = default;
        var settings = new MaintenanceSettings
        {
            OnProgress = e =>
            {
                if (e.Kind == MaintenanceEventKind.Waiting && stoppedAt is null && e.Time >= farm.Orchestrator.Start + TimeSpan.FromMinutes(2))
                {
                    waitJobId = farm.Orchestrator.Jobs.Single(j => j.Kind == RunbookKind.Wait && j.Status == SimulatedJobStatus.Running).Id;
                    farm.Orchestrator.CancelJob(waitJobId);
                    stoppedAt = e.Time;
                }
            },
        };
        var context = new MaintenanceContext(farm.Service, new JobsStartBeforeThrottle(farm, "RB01", LatePath, 5), farm.Clock, settings);

        var failure = Assert.Throws<MaintenanceFailedException>(() => farm.Run(() => new DrainRunbookServer(context, new DrainOptions { Deadline = TimeSpan.FromHours(1) }).RunAsync("RB01"), Limit));

        Assert.Multiple(() =>
        {
            Assert.That(failure!.What, Is.EqualTo($"The wait job {waitJobId} ended (Canceled) while the drain waited: RB01 no longer holds its last slot for the maintenance (was it restored, or the job stopped in Runbook Designer?). The drain stopped."));
            Assert.That(farm.Now - stoppedAt!.Value, Is.LessThanOrEqualTo(TimeSpan.FromMinutes(4) + context.Settings.PollInterval), "noticed by the read due with the listings");
            Assert.That(farm.Orchestrator.GetMaxJobs("RB01"), Is.EqualTo(400), "given back as it was found");
        });
    }

    private const string LatePath = @"\Ops\Late";

    /// <summary>150 jobs on RB01 (three pages) ending one every 3 s; the late runbook (10 minutes) is started there by
    /// <see cref="JobsStartBeforeThrottle"/>.</summary>
    private static SimulatedFarm LateJobsFarm()
    {
        var builder = TestFarm.WithServers(3).MaxJobs("RB01", 400).MaxJobs("RB02", 400).MaxJobs("RB03", 400)
            .Job(LatePath, TimeSpan.FromMinutes(10), "RB02");
        for (var i = 0; i < 150; i++)
        {
            builder.Job($@"\Ops\Job{i:000}", TimeSpan.FromSeconds(30 + (3 * i)), "RB01");
        }

        return builder.Build();
    }

    /// <summary>The simulator's throttle, except that just before max jobs goes to 1 on <c>server</c> a few jobs are
    /// started pinned there and run (after the wait job was created): the race a real farm has between the two steps.</summary>
    private sealed class JobsStartBeforeThrottle : OrchPatch.Core.Throttle.IRunbookServerThrottle
    {
        private readonly SimulatedFarm _farm;
        private readonly string _server;
        private readonly string _path;
        private readonly int _jobs;

        public JobsStartBeforeThrottle(SimulatedFarm farm, string server, string path, int jobs) => (_farm, _server, _path, _jobs) = (farm, server, path, jobs);

        public string Name => _farm.Throttle.Name;

        public bool CanRead => _farm.Throttle.CanRead;

        public Task<int?> GetMaxJobsAsync(string serverName, CancellationToken cancellationToken = default) => _farm.Throttle.GetMaxJobsAsync(serverName, cancellationToken);

        public async Task SetMaxJobsAsync(string serverName, int maxJobs, CancellationToken cancellationToken = default)
        {
            if (maxJobs == 1 && string.Equals(serverName, _server, StringComparison.Ordinal))
            {
                for (var i = 0; i < _jobs; i++)
                {
                    _farm.Orchestrator.StartJob(_path, servers: new[] { _server });
                }

                // One poll of the simulated Runbook Service, and a little more, so they run before the throttle changes.
                await Task.Delay(_farm.Orchestrator.Settings.RunbookServicePollInterval + TimeSpan.FromSeconds(1), _farm.Clock, cancellationToken).ConfigureAwait(false);
            }

            await _farm.Throttle.SetMaxJobsAsync(serverName, maxJobs, cancellationToken).ConfigureAwait(false);
        }
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
