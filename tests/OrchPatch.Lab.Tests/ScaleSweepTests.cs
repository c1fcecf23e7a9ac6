using System;
using System.Linq;
using NUnit.Framework;
using OrchPatch.Core.Throttle;
using OrchPatch.Lab;
using OrchPatch.Simulator;

namespace OrchPatch.Lab.Tests;

/// <summary>The sweep's points and its smallest point run end to end (the full sweep is a benchmark, not a test).</summary>
[TestFixture]
public sealed class ScaleSweepTests
{
    [Test]
    public void Points_EveryLoadTheOtherServersCanHold_UpTo2000()
    {
        var points = ScaleSweep.Points();

        Assert.That(points, Has.All.Matches<(int Servers, int Running)>(p => p.Running * 2 <= (p.Servers - 1) * ThrottleLimits.MaxMaxJobs));
        Assert.That(points, Does.Contain((5, 2000)).And.Contain((20, 2000)).And.Contain((2, 500)));
        Assert.That(points, Does.Not.Contain((2, 1000)), "one server left cannot hold 1,000 jobs at twice the mean");
        Assert.That(points.Select(p => p.Servers).Distinct(), Is.EqualTo(ScaleSweep.ServerCounts));
    }

    [Test]
    public void Run_SmallestPoint_PatchesTheFarmWithoutLosingWork()
    {
        var point = ScaleSweep.Run(new[] { (2, 50) }, options: new LabOptions { WarmUp = TimeSpan.FromMinutes(30) }).Single();

        Assert.That((point.Servers, point.TargetRunning), Is.EqualTo((2, 50)));
        Assert.That(point.Report.Succeeded, Is.True, point.Report.Error);
        Assert.That(point.Report.Servers.All(s => s.Patched), Is.True);
        Assert.That(point.Report.JobsInterrupted, Is.Zero);
        Assert.That(point.RequestsPerServer, Is.EqualTo(point.Report.Requests / 2.0));
    }
}
