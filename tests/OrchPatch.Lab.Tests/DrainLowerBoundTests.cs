using System;
using System.Collections.Generic;
using NUnit.Framework;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Lab;
using OrchPatch.Simulator;
using OrchPatch.Simulator.Scenarios;

namespace OrchPatch.Lab.Tests;

[TestFixture]
public sealed class DrainLowerBoundTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 3, 0, 0, TimeSpan.Zero);

    [Test]
    public void Of_MixedJobs_IsTheLongestRemainingRunOfOrdinaryJobsRunningOnTheServer()
    {
        var jobs = new List<JobState>
        {
            Running("RB01", RunbookKind.Ordinary, TimeSpan.FromMinutes(4)),
            Running("rb01", RunbookKind.Ordinary, TimeSpan.FromMinutes(11)),
            Running("RB01", RunbookKind.Canary, TimeSpan.FromMinutes(30)),
            Running("RB01", RunbookKind.Monitor, null),
            Running("RB01", RunbookKind.Wait, null),
            Running("RB02", RunbookKind.Ordinary, TimeSpan.FromHours(2)),
            new JobState { Status = SimulatedJobStatus.Pending, Kind = RunbookKind.Ordinary, Server = "RB01", PlannedEndTime = Now.AddHours(3) },
        };

        Assert.That(DrainLowerBound.Of(jobs, "RB01", Now), Is.EqualTo(TimeSpan.FromMinutes(11)));
    }

    [TestCase(0, Description = "Only monitors and the wait job run there")]
    [TestCase(-5, Description = "The only job was due to end before the drain began")]
    public void Of_NothingLeftToWaitFor_IsZero(int minutes)
    {
        var jobs = new List<JobState> { Running("RB01", RunbookKind.Monitor, null), Running("RB01", RunbookKind.Wait, null) };
        if (minutes != 0)
        {
            jobs.Add(Running("RB01", RunbookKind.Ordinary, TimeSpan.FromMinutes(minutes)));
        }

        Assert.That(DrainLowerBound.Of(jobs, "RB01", Now), Is.EqualTo(TimeSpan.Zero));
    }

    private static JobState Running(string server, RunbookKind kind, TimeSpan? remaining) => new()
    {
        Id = Guid.NewGuid(),
        Status = SimulatedJobStatus.Running,
        Kind = kind,
        Server = server,
        PlannedEndTime = remaining is { } r ? Now + r : null,
    };
}
