using System;
using System.Linq;
using NUnit.Framework;
using OrchPatch.Lab;

namespace OrchPatch.Lab.Tests;

/// <summary>The targets, checked on reports built by hand.</summary>
[TestFixture]
public sealed class BenchTargetsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 2, 0, 0, TimeSpan.Zero);

    [TestCase(120, "1.2", true)]
    [TestCase(121, "1.21", false)]
    public void Check_RequestsPerPoll_MetUpTo1Point2(int requests, string value, bool met)
    {
        // 500 s of waiting at a 5 s poll is 100 polls.
        var report = Report(new ServerTimeline { Server = "RB01", Waited = TimeSpan.FromSeconds(500), RequestsWhileWaiting = requests });

        var check = BenchTargets.Check(report).Single(c => c.Figure == "requests / poll / drained server");

        Assert.That(check, Is.EqualTo(new TargetCheck("requests / poll / drained server", "<= 1.2", value, met)));
    }

    [Test]
    public void RequestsPerPollWhileWaiting_SeveralServers_TheWorstServer()
    {
        var report = Report(
            new ServerTimeline { Server = "RB01", Waited = TimeSpan.FromSeconds(500), RequestsWhileWaiting = 110 },
            new ServerTimeline { Server = "RB02", Waited = TimeSpan.FromSeconds(41), RequestsWhileWaiting = 10 },
            new ServerTimeline { Server = "RB03", Waited = TimeSpan.Zero, RequestsWhileWaiting = 4 });

        // RB02: 41 s is 9 polls (rounded up), 10 / 9; RB03 never waited and is left out.
        Assert.That(report.RequestsPerPollWhileWaiting, Is.EqualTo(10 / 9.0).Within(1e-9));
    }

    private static MaintenanceReport Report(params ServerTimeline[] servers) => new()
    {
        Strategy = "orchpatch",
        Succeeded = true,
        StartedAt = T0,
        FinishedAt = T0.AddHours(1),
        EnginePollInterval = TimeSpan.FromSeconds(5),
        RunbookServicePollInterval = TimeSpan.FromSeconds(3),
        Servers = servers,
        FewestServersAcceptingWork = 1,
    };
}
