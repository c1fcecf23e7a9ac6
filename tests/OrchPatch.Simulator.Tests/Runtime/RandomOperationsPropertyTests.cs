using System;
using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Simulator.Events;
using OrchPatch.Simulator.Scenarios;
using OrchPatch.Simulator.Tests.Support;
using OrchPatch.TestSupport.Time;
using OrchPatch.Simulator;

namespace OrchPatch.Simulator.Tests.Runtime;

/// <summary>Many random operations (start, cancel, reboot, offline/online, set max jobs), then checks that no job is
/// ever lost or run twice: every created job is accounted for, never two running instances of one job, never a start
/// on a full server, never two running jobs of a concurrency-1 runbook, nothing happens to a job after it ended.</summary>
[TestFixture]
public sealed class RandomOperationsPropertyTests
{
    private const string Solo = @"\Ops\Solo";
    private const string Parent = @"\Ops\Parent";

    private static Scenario Farm() => TestScenarios.ThreeServers(maxJobs: 3).With(
        new RunbookSpec(Solo) { Duration = DurationDistribution.Exponential(TimeSpan.FromSeconds(20)) },
        new RunbookSpec(Parent)
        {
            Concurrency = 3,
            Duration = DurationDistribution.Uniform(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(40)),
            Children = new[] { new ChildSpec(TestScenarios.Short) { Wait = true }, new ChildSpec(Solo) { Wait = false, OnParentServer = true } },
        });

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    [TestCase(5)]
    public void RandomOperations_NoJobIsLostOrRunTwice(int seed)
    {
        var random = new Random(seed);
        var settings = new SimulatorSettings
        {
            PendingCancel = random.Next(2) == 0 ? PendingCancelTiming.NextPoll : PendingCancelTiming.Immediately,
            ThrottleTakesEffect = random.Next(2) == 0 ? ThrottleActivation.Immediately : ThrottleActivation.AfterRunbookServiceRestart,
        };
        using var farm = TestFarm.Create(Farm(), settings);
        var runbooks = new[] { TestScenarios.Short, TestScenarios.Long, TestScenarios.Monitor, Solo, Parent, StandardRunbooks.WaitRunbookPath, StandardRunbooks.CanaryPath };
        var servers = new[] { "RB01", "RB02", "RB03" };

        for (var step = 0; step < 300; step++)
        {
            var server = servers[random.Next(servers.Length)];
            switch (random.Next(10))
            {
                case < 4:
                    var pinned = random.Next(3) == 0 ? new[] { server } : Array.Empty<string>();
                    farm.Simulator.StartJob(runbooks[random.Next(runbooks.Length)], servers: pinned);
                    break;
                case 4:
                case 5:
                    var active = farm.Simulator.Jobs.Where(j => j.Status.IsActive()).ToList();
                    if (active.Count > 0)
                    {
                        farm.Simulator.CancelJob(active[random.Next(active.Count)].Id);
                    }

                    break;
                case 6:
                    if (farm.Simulator.GetServer(server).Status != ServerStatus.Rebooting)
                    {
                        farm.Simulator.Reboot(server, TimeSpan.FromSeconds(random.Next(0, 90)));
                    }

                    break;
                case 7:
                    if (random.Next(2) == 0)
                    {
                        farm.Simulator.TakeOffline(server);
                    }
                    else
                    {
                        farm.Simulator.BringOnline(server);
                    }

                    break;
                default:
                    farm.Simulator.SetMaxJobs(server, random.Next(1, 6));
                    break;
            }

            farm.Time.RunFor(TimeSpan.FromMilliseconds(random.Next(0, 15_000)), TimeSpan.FromMilliseconds(500));
            CheckState(farm.Simulator);
        }

        CheckHistory(farm.Simulator);
        Assert.That(farm.Simulator.Events.OfType<JobInterrupted>(), Is.Not.Empty, "the run exercised interruptions");
        Assert.That(farm.Simulator.Events.OfType<JobCompleted>(), Is.Not.Empty, "the run exercised completions");
    }

    private static void CheckState(SimulatedOrchestrator simulator)
    {
        var jobs = simulator.Jobs;
        var instances = simulator.Instances;
        var created = simulator.Events.OfType<JobCreated>().Select(e => e.JobId).ToList();
        Assert.That(jobs.Select(j => j.Id), Is.EqualTo(created), "every created job is there, once");
        Assert.That(jobs.Select(j => j.Status), Has.All.AnyOf(SimulatedJobStatus.Pending, SimulatedJobStatus.Running, SimulatedJobStatus.Completed, SimulatedJobStatus.Failed, SimulatedJobStatus.Canceled));

        var runningInstances = instances.Where(i => i.IsRunning).GroupBy(i => i.JobId).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var job in jobs)
        {
            var running = runningInstances.TryGetValue(job.Id, out var list) ? list : new List<InstanceState>();
            Assert.That(running.Count, Is.EqualTo(job.Status == SimulatedJobStatus.Running ? 1 : 0), $"running instances of {job.RunbookPath} job {job.Id} ({job.Status})");
            if (job.Status == SimulatedJobStatus.Running)
            {
                Assert.That(running[0].Server, Is.EqualTo(job.Server));
            }

            if (job.Status == SimulatedJobStatus.Pending)
            {
                Assert.That(job.Server, Is.Null);
            }
        }

        foreach (var server in simulator.Servers)
        {
            var running = jobs.Count(j => j.Status == SimulatedJobStatus.Running && j.Server == server.Name);
            Assert.That(server.RunningJobs, Is.EqualTo(running));
            if (!server.IsOnline)
            {
                Assert.That(running, Is.Zero, $"{server.Name} is {server.Status} and runs nothing");
            }
        }

        foreach (var runbook in simulator.Runbooks)
        {
            Assert.That(jobs.Count(j => j.Status == SimulatedJobStatus.Running && j.RunbookId == runbook.Id), Is.LessThanOrEqualTo(runbook.Concurrency), runbook.Path);
        }
    }

    /// <summary>Replays the log: a start only on an online server with a free slot under the max jobs in effect, and
    /// within the runbook's concurrency; no start of a running job; nothing after a job's end.</summary>
    private static void CheckHistory(SimulatedOrchestrator simulator)
    {
        var concurrency = simulator.Runbooks.ToDictionary(r => r.Id, r => r.Concurrency);
        var effective = new Dictionary<string, int>();
        var online = new Dictionary<string, bool>();
        var runningOn = new Dictionary<string, HashSet<Guid>>();
        var runningOf = new Dictionary<Guid, int>();
        var running = new Dictionary<Guid, (string Server, Guid Runbook)>();
        var ended = new HashSet<Guid>();
        foreach (var e in simulator.Events.All())
        {
            if (e is JobEvent { } jobEvent && ended.Contains(jobEvent.JobId))
            {
                Assert.Fail($"{e} happened after job {jobEvent.JobId} ended");
            }

            switch (e)
            {
                case ServerRegistered r:
                    (effective[r.Server], online[r.Server], runningOn[r.Server]) = (r.MaxJobs, true, new HashSet<Guid>());
                    break;
                case MaxJobsChanged m:
                    effective[m.Server] = m.EffectiveMaxJobs;
                    break;
                case ServerOffline o:
                    online[o.Server] = false;
                    break;
                case ServerOnline o:
                    online[o.Server] = true;
                    break;
                case JobStarted s:
                    Assert.That(running.ContainsKey(s.JobId), Is.False, $"job {s.JobId} started while running");
                    Assert.That(online[s.Server], Is.True, $"{s} on an offline server");
                    Assert.That(runningOn[s.Server].Count, Is.LessThan(effective[s.Server]), $"{s} on a full server");
                    Assert.That(runningOf.GetValueOrDefault(s.RunbookId), Is.LessThan(concurrency[s.RunbookId]), $"{s} beyond the runbook's concurrency");
                    running[s.JobId] = (s.Server, s.RunbookId);
                    runningOn[s.Server].Add(s.JobId);
                    runningOf[s.RunbookId] = runningOf.GetValueOrDefault(s.RunbookId) + 1;
                    break;
                case JobInterrupted i:
                    Stop(i.JobId);
                    break;
                case JobEnded end:
                    Stop(end.JobId);
                    ended.Add(end.JobId);
                    break;
            }
        }

        void Stop(Guid job)
        {
            if (running.Remove(job, out var where))
            {
                runningOn[where.Server].Remove(job);
                runningOf[where.Runbook]--;
            }
        }
    }
}
