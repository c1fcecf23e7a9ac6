using System;
using System.Linq;
using NUnit.Framework;
using OrchPatch.Lab;
using OrchPatch.Simulator;
using OrchPatch.Simulator.Scenarios;

namespace OrchPatch.Lab.Tests;

/// <summary>The lab on a small farm: two servers, about six jobs running, long ones among them.</summary>
[TestFixture]
public sealed class MaintenanceRunTests
{
    private static Scenario SmallFarm => LabWorkload.Create(servers: 2, jobsPerHour: 60, seed: 11);

    private static LabOptions Fast => new() { WarmUp = TimeSpan.FromMinutes(40), CollectJobBars = true };

    [Test]
    public void Run_Engine_PatchesEveryServerWithoutLosingWorkAndNoLongerThanThePhysicalLimitAllows()
    {
        var report = MaintenanceRun.Run(SmallFarm, new EngineProcedure(), Fast);

        Assert.Multiple(() =>
        {
            Assert.That(report.Succeeded, Is.True, report.Error);
            Assert.That(report.Servers.Select(s => s.Server), Is.EquivalentTo(new[] { "RB01", "RB02" }));
            Assert.That(report.JobsInterrupted, Is.EqualTo(0));
            Assert.That(report.FewestServersAcceptingWork, Is.GreaterThanOrEqualTo(1));
            Assert.That(report.Window, Is.GreaterThanOrEqualTo(report.LowerBoundTotal));
            foreach (var server in report.Servers)
            {
                Assert.That(server.DrainTime, Is.GreaterThanOrEqualTo(server.LowerBound), server.Server + ": no lossless drain beats its lower bound");
                Assert.That(server.Phases.Select(p => p.Phase).Where(p => p != LabPhase.Normal), Is.EqualTo(new[] { LabPhase.Draining, LabPhase.Patching, LabPhase.Restoring }));
                Assert.That((server.Phases[0].From, server.Phases[^1].To), Is.EqualTo((report.StartedAt, report.FinishedAt)), server.Server + ": the lane covers the window");
                Assert.That(server.Phases.Zip(server.Phases.Skip(1)).All(p => p.First.To == p.Second.From), Is.True, server.Server + ": phases are contiguous");
                Assert.That(server.Phases.Single(p => p.Phase == LabPhase.Patching).Duration, Is.GreaterThanOrEqualTo(Fast.PatchDowntime));
            }

            Assert.That(report.JobBars.Where(b => b.Kind == RunbookKind.Wait).Select(b => b.Server).Distinct(), Is.EquivalentTo(new[] { "RB01", "RB02" }), "each drain's wait job shows on its lane");
            Assert.That(report.JobBars.All(b => b.From >= report.StartedAt && b.To <= report.FinishedAt && b.From <= b.To), Is.True);
            Assert.That(report.Requests, Is.GreaterThan(0));
        });
    }

    [Test]
    public void Run_SeedWithShortWait_StopsAndRestartsLongJobs()
    {
        var report = MaintenanceRun.Run(SmallFarm, new SeedProcedure(TimeSpan.FromSeconds(10)), Fast);

        Assert.Multiple(() =>
        {
            Assert.That(report.Strategy, Is.EqualTo("seed-10s"));
            Assert.That(report.Succeeded, Is.True, report.Error);
            Assert.That(report.JobsInterrupted, Is.GreaterThan(0));
            Assert.That(report.JobsRestarted, Is.GreaterThan(0));
            Assert.That(report.Servers.Sum(s => s.JobsInterrupted), Is.EqualTo(report.JobsInterrupted), "every lost run happened on the server being drained");
            Assert.That(report.Servers.All(s => s.DrainTime < s.LowerBound), Is.True, "it stops waiting long before its long jobs end");
        });
    }

    [Test]
    public void Run_SeedNames_FollowTheIssue()
    {
        Assert.That(Benchmark.Procedures().Select(p => p.Name), Is.EqualTo(new[] { "seed-10s", "seed-60s", "seed-5m", "seed-15m", "orchpatch" }));
    }

    [Test]
    public void Run_InvalidOptions_ListsTheBadFieldBeforeRunning()
    {
        var ex = Assert.Throws<Core.Utils.OptionsValidationException>(() => MaintenanceRun.Run(SmallFarm, new EngineProcedure(), new LabOptions { PatchDowntime = TimeSpan.FromDays(3) }));

        Assert.That(ex!.Message, Does.Contain("PatchDowntime"));
    }
}
