using System;
using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;
using OrchPatch.Simulator.Events;
using OrchPatch.Simulator.Metrics;
using OrchPatch.Simulator.Scenarios;
using OrchPatch.Simulator.Tests.Support;

namespace OrchPatch.Simulator.Tests.Metrics;

/// <summary>Metrics from a hand-built timeline, so every figure can be worked out on paper.</summary>
[TestFixture]
public sealed class MetricsCalculatorTests
{
    private static readonly Guid M1 = Guid.NewGuid();
    private static readonly Guid M2 = Guid.NewGuid();
    private static readonly Guid O1 = Guid.NewGuid();
    private static readonly Guid W1 = Guid.NewGuid();

    /// <summary>
    /// RB01 and RB02 (max jobs 2). Monitor job m1: created 0 s, runs on RB01 at 10 s, interrupted when RB01 goes
    /// offline at 100 s, restarts on RB02 at 130 s, canceled at 200 s; its replacement m2 (created 150 s) starts at
    /// 260 s. Ordinary job o1 is created at 20 s and never starts. RB02's max jobs drops to 1 at 150 s, the Wait
    /// Runbook w1 (created 155 s) starts on RB02 at 160 s, and max jobs rises to 2 at 220 s.
    /// Gaps of the monitor: 100-130 and 200-260 (90 s, worst 60 s). No server accepts work from 160 s to 220 s.
    /// </summary>
    private static List<SimulatorEvent> Timeline()
    {
        var t = TestFarm.Epoch;
        DateTimeOffset At(int s) => t + TimeSpan.FromSeconds(s);
        T Job<T>(T e, Guid id, RunbookKind kind)
            where T : JobEvent => (T)(e with { JobId = id, RunbookKind = kind, RunbookPath = kind == RunbookKind.Monitor ? @"\Mon\Disk" : kind == RunbookKind.Wait ? StandardRunbooks.WaitRunbookPath : @"\Ops\Backup" });

        return new List<SimulatorEvent>
        {
            new ServerRegistered { Time = At(0), Server = "RB01", MaxJobs = 2 },
            new ServerRegistered { Time = At(0), Server = "RB02", MaxJobs = 2 },
            Job(new JobCreated { Time = At(0) }, M1, RunbookKind.Monitor),
            Job(new JobStarted { Time = At(10), Server = "RB01" }, M1, RunbookKind.Monitor),
            Job(new JobCreated { Time = At(20) }, O1, RunbookKind.Ordinary),
            new ServerOffline { Time = At(100), Server = "RB01" },
            Job(new JobInterrupted { Time = At(100), Server = "RB01", Requeued = true }, M1, RunbookKind.Monitor),
            Job(new JobStarted { Time = At(130), Server = "RB02", Attempt = 2 }, M1, RunbookKind.Monitor),
            Job(new JobCreated { Time = At(150) }, M2, RunbookKind.Monitor),
            new MaxJobsChanged { Time = At(150), Server = "RB02", Previous = 2, MaxJobs = 1, EffectiveMaxJobs = 1 },
            Job(new JobCreated { Time = At(155) }, W1, RunbookKind.Wait),
            Job(new JobStarted { Time = At(160), Server = "RB02" }, W1, RunbookKind.Wait),
            Job(new JobCanceled { Time = At(200), Server = "RB02" }, M1, RunbookKind.Monitor),
            new RequestServed { Time = At(200), Api = SimulatorApi.WebApi, Method = "PATCH", EntitySet = "Jobs", StatusCode = 200 },
            new MaxJobsChanged { Time = At(220), Server = "RB02", Previous = 1, MaxJobs = 2, EffectiveMaxJobs = 2 },
            Job(new JobStarted { Time = At(260), Server = "RB02" }, M2, RunbookKind.Monitor),
            new RequestServed { Time = At(270), Api = SimulatorApi.OData, Method = "GET", EntitySet = "Jobs", StatusCode = 200 },
            new RequestServed { Time = At(280), Api = SimulatorApi.OData, Method = "GET", EntitySet = "Jobs", StatusCode = 200 },
        };
    }

    [Test]
    public void Compute_WholeTimeline_GivesTheWorkedOutFigures()
    {
        var metrics = MetricsCalculator.Compute(Timeline(), TestFarm.Epoch, TestFarm.Epoch + TimeSpan.FromSeconds(300));

        Assert.That(metrics.MonitorGaps, Is.EqualTo(new[] { new MonitorGap(@"\Mon\Disk", TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(60), 2) }));
        Assert.That(metrics.TimeWithoutServerAcceptingWork, Is.EqualTo(TimeSpan.FromSeconds(60)));
        Assert.That(metrics.FewestServersAcceptingWork, Is.EqualTo(0));

        // Waits: m1 0-10 (10 s), m1 100-130 (30 s), m2 150-260 (110 s), w1 155-160 (5 s), o1 20-300 still pending (280 s).
        Assert.That(metrics.QueueWait, Is.EqualTo(new QueueWaitStats(5, TimeSpan.FromSeconds(435), TimeSpan.FromSeconds(87), TimeSpan.FromSeconds(280))));
        Assert.That(metrics.OrdinaryQueueWait, Is.EqualTo(new QueueWaitStats(1, TimeSpan.FromSeconds(280), TimeSpan.FromSeconds(280), TimeSpan.FromSeconds(280))));
        Assert.That(
            (metrics.JobsCreated, metrics.JobsCompleted, metrics.JobsFailed, metrics.JobsCanceled, metrics.JobsInterrupted, metrics.Restarts),
            Is.EqualTo((4, 0, 0, 1, 1, 1)));
        Assert.That(metrics.RequestsByEndpoint, Is.EqualTo(new Dictionary<string, int> { ["WebApi PATCH Jobs"] = 1, ["OData GET Jobs"] = 2 }));
        Assert.That(metrics.RequestsByApi, Is.EqualTo(new Dictionary<string, int> { ["WebApi"] = 1, ["OData"] = 2 }));
    }

    [Test]
    public void Compute_WholeTimeline_GivesTheCapacityStepByStep()
    {
        var metrics = MetricsCalculator.Compute(Timeline(), TestFarm.Epoch, TestFarm.Epoch + TimeSpan.FromSeconds(300));

        // (servers accepting work, free slots on them): both servers with 2 slots; m1 takes one on RB01; RB01 goes
        // offline; m1 takes one on RB02; RB02's max jobs 1 leaves none free; the wait job holds its last slot, so no
        // server accepts work; max jobs 2 gives one back; m2 takes it; the window's end repeats the last step.
        Assert.That(
            metrics.Capacity.Select(p => ((int)(p.Time - TestFarm.Epoch).TotalSeconds, p.ServersAcceptingWork, p.FreeSlots)),
            Is.EqualTo(new[] { (0, 2, 4), (10, 2, 3), (100, 1, 2), (130, 1, 1), (150, 1, 0), (160, 0, 0), (220, 1, 1), (260, 1, 0), (300, 1, 0) }));
    }

    [Test]
    public void Compute_EventsOutOfOrder_ReplaysThemByTimeThenSequence()
    {
        var numbered = Timeline().Select((e, i) => e with { Sequence = i + 1 }).ToList();
        var shuffled = numbered.OrderBy(e => (e.Sequence * 7919) % 31).ToList();
        var to = TestFarm.Epoch + TimeSpan.FromSeconds(300);

        var inOrder = MetricsCalculator.Compute(numbered, TestFarm.Epoch, to);
        var outOfOrder = MetricsCalculator.Compute(shuffled, TestFarm.Epoch, to);

        Assert.That(shuffled.Select(e => e.Sequence), Is.Not.Ordered, "the input is out of order");
        Assert.That(outOfOrder.MonitorGaps, Is.EqualTo(inOrder.MonitorGaps));
        Assert.That(outOfOrder.MonitorGaps, Is.EqualTo(new[] { new MonitorGap(@"\Mon\Disk", TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(60), 2) }));
        Assert.That(outOfOrder.QueueWait, Is.EqualTo(inOrder.QueueWait));
        Assert.That(outOfOrder.TimeWithoutServerAcceptingWork, Is.EqualTo(TimeSpan.FromSeconds(60)));
        Assert.That((outOfOrder.JobsCreated, outOfOrder.JobsCanceled, outOfOrder.JobsInterrupted), Is.EqualTo((4, 1, 1)));
    }

    [Test]
    public void Compute_Window_CountsOnlyWhatFallsInsideIt()
    {
        var metrics = MetricsCalculator.Compute(Timeline(), TestFarm.Epoch + TimeSpan.FromSeconds(120), TestFarm.Epoch + TimeSpan.FromSeconds(240));

        // Gaps inside the window: 120-130 and 200-240. Waits ending inside: m1's 30 s, w1's 5 s; still open at 240 s:
        // m2 (90 s so far) and o1 (220 s).
        Assert.That(metrics.MonitorGaps, Is.EqualTo(new[] { new MonitorGap(@"\Mon\Disk", TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(40), 2) }));
        Assert.That(metrics.QueueWait, Is.EqualTo(new QueueWaitStats(4, TimeSpan.FromSeconds(345), TimeSpan.FromSeconds(86.25), TimeSpan.FromSeconds(220))));
        Assert.That((metrics.JobsCreated, metrics.JobsCanceled, metrics.JobsInterrupted, metrics.Restarts), Is.EqualTo((2, 1, 0, 1)));
        Assert.That(metrics.TimeWithoutServerAcceptingWork, Is.EqualTo(TimeSpan.FromSeconds(60)));
    }

    [Test]
    public void Compute_ServersAlwaysUp_FewestIsAllAndNoViolation()
    {
        var events = Timeline().GetRange(0, 5);

        var metrics = MetricsCalculator.Compute(events, TestFarm.Epoch, TestFarm.Epoch + TimeSpan.FromSeconds(50));

        Assert.That((metrics.FewestServersAcceptingWork, metrics.TimeWithoutServerAcceptingWork), Is.EqualTo((2, TimeSpan.Zero)));
        Assert.That(metrics.MonitorGaps[0].TotalGap, Is.EqualTo(TimeSpan.Zero), "no gap before the monitor first ran, nor while it runs");
    }

    [Test]
    public void Compute_WindowEndsBeforeItStarts_Throws()
    {
        Assert.Throws<ArgumentException>(() => MetricsCalculator.Compute(Timeline(), TestFarm.Epoch + TimeSpan.FromSeconds(1), TestFarm.Epoch));
    }

    [Test]
    public void Simulator_MonitorRelocated_GapIsFromCancelToTheNewJobsStart()
    {
        using var farm = TestFarm.Create();
        var first = farm.Simulator.StartJob(TestScenarios.Monitor, servers: new[] { "RB01" });
        farm.RunSeconds(1.5);

        farm.Simulator.CancelJob(first.Id);
        farm.Simulator.StartJob(TestScenarios.Monitor, servers: new[] { "RB02" });
        farm.RunSeconds(10);

        // RB01 stops the first at its 4 s poll; RB02 takes the second at its 5 s poll.
        Assert.That(farm.Simulator.Metrics.MonitorGaps, Is.EqualTo(new[] { new MonitorGap(TestScenarios.Monitor, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), 1) }));
    }

    [Test]
    public void Simulator_WaitRunbookOnEveryServerAtMaxJobsOne_IsAnHaViolation()
    {
        using var farm = TestFarm.Create();
        foreach (var server in new[] { "RB01", "RB02", "RB03" })
        {
            farm.Simulator.StartJob(StandardRunbooks.WaitRunbookPath, servers: new[] { server });
            farm.Simulator.SetMaxJobs(server, 1);
        }

        farm.RunSeconds(63);

        // The last wait job starts at RB03's 3 s poll; from then on no server accepts work.
        Assert.That((farm.Simulator.Metrics.TimeWithoutServerAcceptingWork, farm.Simulator.Metrics.FewestServersAcceptingWork), Is.EqualTo((TimeSpan.FromSeconds(60), 0)));
    }
}
