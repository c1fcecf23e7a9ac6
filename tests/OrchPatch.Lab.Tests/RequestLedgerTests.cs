using System;
using System.Linq;
using NUnit.Framework;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Lab;
using OrchPatch.TestSupport.Farms;

namespace OrchPatch.Lab.Tests;

/// <summary>Requests are charged to the server they concern, so drains that run at once are measured each on its own.</summary>
[TestFixture]
public sealed class RequestLedgerTests
{
    [Test]
    public void ServerTaggingService_EachCall_RecordsItsRequestsWithTheServerItNames()
    {
        using var farm = TestFarm.WithServers(2).Job(@"\Ops\Long", TimeSpan.FromHours(1), "RB02").Build();
        farm.RunFor(TimeSpan.FromSeconds(10));
        var ledger = new RequestLedger(farm.Clock);
        using var service = new ServerTaggingService(farm.CreateService(transport: ledger.Recorder), farm.Orchestrator, ledger);
        var rb01 = farm.Orchestrator.GetServer("RB01").Id;
        var job = farm.Orchestrator.Jobs.Single(j => j.RunbookPath == @"\Ops\Long");

        farm.Run(async () => await service.CountJobsAsync(JobQuery.ActiveOn(rb01)), TimeSpan.FromMinutes(1));
        farm.Run(async () => await service.GetJobAsync(job.Id), TimeSpan.FromMinutes(1));
        farm.Run(async () => await service.GetJobsAsync(new JobQuery { Ids = new[] { job.Id } }), TimeSpan.FromMinutes(1));
        farm.Run(async () => await service.GetRunbookServersAsync(), TimeSpan.FromMinutes(1));

        Assert.That(ledger.Entries.Select(e => e.Server), Is.EqualTo(new[] { "RB01", "RB02", "RB02", null }));
        Assert.That(ledger.ChargedTo("RB01", farm.Orchestrator.Start, farm.Now, _ => "RB01"), Is.EqualTo(2), "its own count and the request that names no server, given to it");
        Assert.That(ledger.ChargedTo("RB02", farm.Orchestrator.Start, farm.Now, _ => "RB01"), Is.EqualTo(2), "its two reads of its job");
        Assert.That(ledger.ChargedTo("RB02", farm.Orchestrator.Start, farm.Now, _ => null), Is.EqualTo(2));
    }

    [Test]
    public void Run_TwoDrainsAtOnce_EachIsChargedItsOwnPollsNotTheOther()
    {
        // Four servers with room for two to drain at once: the waves overlap, and each drain polls every 5 s.
        var report = MaintenanceRun.Run(LabWorkload.Create(servers: 4, jobsPerHour: 240, seed: 11), new EngineProcedure { MaxUnavailable = 2 }, new LabOptions { WarmUp = TimeSpan.FromMinutes(40) });

        var waited = report.Servers.Where(s => s.Waited > TimeSpan.Zero).ToList();
        var overlapping = waited.Where(a => waited.Any(b => b != a && Overlap(a, b) > TimeSpan.FromMinutes(1))).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(report.Succeeded, Is.True, report.Error);
            Assert.That(overlapping, Is.Not.Empty, "two drains waited at the same time");
            Assert.That(report.MostServersOutOfService, Is.EqualTo(2), "never more than MaxUnavailable");
            // Charged every request sent while it waited, RB04 (14m33s, 175 polls, beside RB02 and RB01) had 429 (2.45 a
            // poll); its own are 200 (1.14).
            Assert.That(report.RequestsPerPollWhileWaiting, Is.LessThanOrEqualTo(1.2));
            foreach (var server in overlapping)
            {
                var polls = Math.Ceiling(server.Waited.TotalSeconds / report.EnginePollInterval.TotalSeconds);
                Assert.That(server.RequestsWhileWaiting, Is.InRange(polls, polls * 1.2), server.Server + ": one counted request a poll, and little else");
            }
        });
    }

    private static TimeSpan Overlap(ServerTimeline a, ServerTimeline b)
    {
        var aEnd = a.DrainStartedAt!.Value + a.DrainTime;
        var bEnd = b.DrainStartedAt!.Value + b.DrainTime;
        var from = a.DrainStartedAt > b.DrainStartedAt ? a.DrainStartedAt.Value : b.DrainStartedAt!.Value;
        var to = aEnd < bEnd ? aEnd : bEnd;
        return to > from ? to - from : TimeSpan.Zero;
    }
}
