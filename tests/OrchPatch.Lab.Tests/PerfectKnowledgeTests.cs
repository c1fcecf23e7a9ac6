using System;
using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;
using OrchPatch.Lab;

namespace OrchPatch.Lab.Tests;

/// <summary>The window with perfect knowledge and the servers out of service at once, on timelines built by hand.</summary>
[TestFixture]
public sealed class PerfectKnowledgeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 2, 0, 0, TimeSpan.Zero);

    /// <summary>One at a time: RB01 drains 0-10m (bound 8m), RB02 10 s after RB01 is back (bound = drain, 12m), RB03
    /// 10 s after RB02 (drain 5m, shorter than its bound of 6m, as the seed's); 5m of patch and restore each, 10 s of tail.</summary>
    private static (IReadOnlyList<ServerTimeline> Servers, DateTimeOffset End) OneAtATime()
    {
        var end = At(42, 30);
        return (new[]
        {
            Server("RB01", At(0, 0), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(8), end),
            Server("RB02", At(15, 10), TimeSpan.FromMinutes(12), TimeSpan.FromMinutes(12), end),
            Server("RB03", At(32, 20), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(6), end),
        }, end);
    }

    /// <summary>Two at a time: RB01 drains 0-20m (bound 10m) beside RB02 0-8m (bound 8m); RB03 starts as RB02 is back
    /// (13m) and drains 4m (bound 2m); 5m of patch and restore each; the run ends as RB01 is back (25m).</summary>
    private static (IReadOnlyList<ServerTimeline> Servers, DateTimeOffset End) TwoAtATime()
    {
        var end = At(25, 0);
        return (new[]
        {
            Server("RB01", At(0, 0), TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(10), end),
            Server("RB02", At(0, 0), TimeSpan.FromMinutes(8), TimeSpan.FromMinutes(8), end),
            Server("RB03", At(13, 0), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(2), end),
        }, end);
    }

    [Test]
    public void Window_OneAtATime_EachDrainAtItsBoundAndEveryNextServerMovedBySoMuch()
    {
        var (servers, end) = OneAtATime();
        var report = Report(servers, end);

        // RB01 back at 8m+5m = 13m00s; RB02 from 13m10s, back 13m10s+12m+5m = 30m10s; RB03 from 30m20s, back
        // 30m20s+6m+5m = 41m20s; and the 10 s of tail: 41m30s (the run took 42m30s).
        Assert.That((report.Window, report.WindowWithPerfectKnowledge), Is.EqualTo((At(42, 30) - T0, At(41, 30) - T0)));
    }

    [Test]
    public void Window_TwoAtATime_KeepsTheWavesAndWhoFollowedWhom()
    {
        var (servers, end) = TwoAtATime();
        var report = Report(servers, end);

        // RB01 back at 10m+5m = 15m; RB02 back at 13m as before; RB03 follows RB02: 13m+2m+5m = 20m. The latest is 20m.
        Assert.That(report.WindowWithPerfectKnowledge, Is.EqualTo(TimeSpan.FromMinutes(20)));
    }

    [Test]
    public void Window_NoServerDrained_TheRunsOwnWindow()
    {
        var report = Report(Array.Empty<ServerTimeline>(), At(3, 0));

        Assert.That(report.WindowWithPerfectKnowledge, Is.EqualTo(TimeSpan.FromMinutes(3)));
    }

    [Test]
    public void MostAtOnce_OneAtATime_One()
    {
        var (servers, _) = OneAtATime();

        Assert.That(new OutOfService(servers.ToDictionary(s => s.Server, s => s.Phases)).MostAtOnce, Is.EqualTo(1));
    }

    [Test]
    public void MostAtOnce_TwoAtATime_TwoAndAServerBackAsAnotherLeavesIsNotCountedWithIt()
    {
        var (servers, _) = TwoAtATime();
        var outOfService = new OutOfService(servers.ToDictionary(s => s.Server, s => s.Phases));

        Assert.Multiple(() =>
        {
            // RB02 is back at 13m, the moment RB03 leaves: two out at once (RB01 and one other), never three.
            Assert.That(outOfService.MostAtOnce, Is.EqualTo(2));
            Assert.That(outOfService.LatestAt(At(5, 0)), Is.EqualTo("RB02").Or.EqualTo("RB01"), "both began at 0");
            Assert.That(outOfService.LatestAt(At(14, 0)), Is.EqualTo("RB03"), "RB03's drain began last");
            Assert.That(outOfService.LatestAt(At(18, 0)), Is.EqualTo("RB03"), "RB03's patch (from 17m) began after RB01's drain");
            Assert.That(outOfService.LatestAt(At(24, 0)), Is.EqualTo("RB01"), "RB03 is back at 22m: only RB01 is out");
            Assert.That(outOfService.LatestAt(At(26, 0)), Is.Null);
        });
    }

    private static DateTimeOffset At(int minutes, int seconds) => T0 + new TimeSpan(0, minutes, seconds);

    /// <summary>A server drained from <paramref name="start"/> for <paramref name="drain"/>, then patched 3m and
    /// restored 2m, in service otherwise up to <paramref name="end"/>.</summary>
    private static ServerTimeline Server(string name, DateTimeOffset start, TimeSpan drain, TimeSpan lowerBound, DateTimeOffset end)
    {
        var drained = start + drain;
        var patched = drained + TimeSpan.FromMinutes(3);
        var back = patched + TimeSpan.FromMinutes(2);
        var phases = new List<PhaseSpan>();
        if (start > T0)
        {
            phases.Add(new PhaseSpan(LabPhase.Normal, T0, start));
        }

        phases.Add(new PhaseSpan(LabPhase.Draining, start, drained));
        phases.Add(new PhaseSpan(LabPhase.Patching, drained, patched));
        phases.Add(new PhaseSpan(LabPhase.Restoring, patched, back));
        if (end > back)
        {
            phases.Add(new PhaseSpan(LabPhase.Normal, back, end));
        }

        return new ServerTimeline { Server = name, Phases = phases, Patched = true, DrainStartedAt = start, DrainTime = drain, LowerBound = lowerBound };
    }

    private static MaintenanceReport Report(IReadOnlyList<ServerTimeline> servers, DateTimeOffset end) => new()
    {
        Strategy = "orchpatch",
        Succeeded = true,
        StartedAt = T0,
        FinishedAt = end,
        EnginePollInterval = TimeSpan.FromSeconds(5),
        Servers = servers,
    };
}
