using System;
using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Orchestrator;

namespace OrchPatch.Core.Tests.Maintenance;

[TestFixture]
public sealed class MaintenanceRecordTests
{
    private static Job WaitJob(DateTimeOffset created, Guid? id = null) => new() { Id = id ?? Guid.NewGuid(), Status = JobStatus.Running, CreationTime = created };

    [Test]
    public void ToParametersThenTryParse_RoundTrips()
    {
        var started = new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);
        var parameters = MaintenanceRecord.ToParameters("RB02", 40, @"CONTOSO\ops on JUMP01", started, "KB5031234");

        var ok = MaintenanceRecord.TryParse(WaitJob(started), parameters, out var record, out var problem);

        Assert.That(ok, Is.True, problem);
        Assert.That((record!.Server, record.PreviousMaxJobs, record.Owner, record.StartedAt, record.Reason), Is.EqualTo(("RB02", 40, @"CONTOSO\ops on JUMP01", started, "KB5031234")));
        Assert.That(parameters[MaintenanceRecord.StartedAtParameter], Is.EqualTo("2026-11-25T02:00:00Z"));
    }

    [TestCase(null, "40", "has no 'Server' parameter value", Description = "no server")]
    [TestCase("RB02", "forty", "has no valid 'PreviousMaxJobs' (found 'forty')", Description = "not a number")]
    [TestCase("RB02", "0", "has no valid 'PreviousMaxJobs' (found '0')", Description = "zero would disable the server")]
    public void TryParse_NotARecord_SaysWhy(string? server, string previous, string expected)
    {
        var parameters = new Dictionary<string, string> { ["PreviousMaxJobs"] = previous };
        if (server is not null)
        {
            parameters["Server"] = server;
        }

        var ok = MaintenanceRecord.TryParse(WaitJob(DateTimeOffset.UnixEpoch), parameters, out _, out var problem);

        Assert.That(ok, Is.False);
        Assert.That(problem, Does.Contain(expected));
    }

    [Test]
    public void InLockOrder_EarliestFirst_TiesByJobId_SoEveryReaderAgrees()
    {
        var at = new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);
        var a = Record("RB01", at, Guid.Parse("00000000-0000-0000-0000-00000000000b"));
        var b = Record("RB02", at, Guid.Parse("00000000-0000-0000-0000-00000000000a"));
        var c = Record("RB03", at.AddSeconds(-1), Guid.Parse("00000000-0000-0000-0000-00000000000c"));

        var ordered = MaintenanceRecord.InLockOrder(new[] { a, b, c });

        Assert.That(ordered.Select(r => r.Server), Is.EqualTo(new[] { "RB03", "RB02", "RB01" }));
    }

    [TestCase("RB01", "rb01", true)]
    [TestCase(" RB01.contoso.com ", "rb01.CONTOSO.com", true)]
    [TestCase("RB01", "RB01.contoso.com", false)]
    [TestCase("RB01.contoso.com", "RB01.fabrikam.com", false)]
    [TestCase("10.0.0.5", "10.0.0.6", false)]
    [TestCase("RB01", "RB010", false)]
    public void IsFor_ComparesComputerNames(string recorded, string asked, bool expected)
    {
        Assert.That(Record(recorded, DateTimeOffset.UnixEpoch, Guid.NewGuid()).IsFor(asked), Is.EqualTo(expected));
    }

    private static MaintenanceRecord Record(string server, DateTimeOffset created, Guid id) =>
        new(server, 50, "me", created, string.Empty, id, JobStatus.Running, created);
}
