using System;
using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Lab;
using OrchPatch.Simulator;
using OrchPatch.Simulator.Events;
using OrchPatch.TestSupport.Farms;

namespace OrchPatch.Core.Tests.Maintenance.EndToEnd;

/// <summary>A drain moves its server's monitors together, a few at a time (issue 16): 50 monitors in seconds of
/// simulated time, never two copies of one monitor running, and a failed move leaves no duplicate behind.</summary>
[TestFixture]
public sealed class MonitorMovesEndToEndTests
{
    private const int Monitors = 50;
    private static readonly TimeSpan Limit = TimeSpan.FromHours(1);

    [TestCase(OrchestratorApi.OData)]
    [TestCase(OrchestratorApi.WebApi)]
    public void RunAsync_FiftyMonitors_MoveInSecondsAndNeverRunTwice(OrchestratorApi api)
    {
        using var farm = FiftyMonitors().Build(api: api);
        var (context, movingSince) = Watched(farm);

        var result = farm.Run(() => new DrainRunbookServer(context, new DrainOptions()).RunAsync("RB01"), Limit);

        var lastMoved = result.Relocated.Count == 0 ? DateTimeOffset.MinValue : farm.Orchestrator.Events.OfType<JobCanceled>().Where(e => e.Server == "RB01").Max(e => e.Time);
        var took = lastMoved - movingSince();
        TestContext.Out.WriteLine($"{api}: {result.Relocated.Count} monitors moved in {took.TotalSeconds:0.0} s of simulated time");
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(DrainOutcome.Drained));
            Assert.That(result.Relocated, Has.Count.EqualTo(Monitors));
            Assert.That(took, Is.LessThan(TimeSpan.FromSeconds(60)), "together, not one after another (about 2.5 minutes)");

            Assert.That(MostRunningAtOnce(farm), Is.LessThanOrEqualTo(1), "never two copies of one monitor running");
            Assert.That(farm.Orchestrator.Jobs.Where(j => j.Status == SimulatedJobStatus.Running && j.RunbookPath.StartsWith(@"\Mon\", StringComparison.Ordinal)).Select(j => j.RunbookPath).ToList(), Is.Unique.And.Count.EqualTo(Monitors));
        });
    }

    [Test]
    public void RunAsync_OneMonitorCannotMove_OthersMoveTheDrainFailsAndNoMonitorRunsTwice()
    {
        using var farm = FiftyMonitors().Build();
        // A second job of one monitor, queued for RB01 alone: its move must refuse (a monitor never runs twice).
        var blocked = farm.Orchestrator.StartJob(@"\Mon\Watch07", servers: new[] { "RB01" });
        var (context, _) = Watched(farm);

        var error = farm.Run(async () =>
        {
            try
            {
                await new DrainRunbookServer(context, new DrainOptions()).RunAsync("RB01");
                return null;
            }
            catch (MaintenanceFailedException ex)
            {
                return ex;
            }
        }, Limit);

        var running = farm.Orchestrator.Jobs.Where(j => j.Status == SimulatedJobStatus.Running && j.RunbookPath.StartsWith(@"\Mon\", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(error, Is.Not.Null, "the drain fails and says why");
            Assert.That(error!.Message, Does.Contain(@"\Mon\Watch07").And.Contain("never run twice"));
            Assert.That(running.Select(j => j.RunbookPath).ToList(), Is.Unique.And.Count.EqualTo(Monitors), "every monitor runs exactly once");
            Assert.That(running.Count(j => j.Server == "RB01"), Is.EqualTo(1), "only the one that could not move is still on RB01");
            Assert.That(farm.Orchestrator.GetJob(blocked.Id).Status, Is.EqualTo(SimulatedJobStatus.Pending), "the extra job is left alone");
            Assert.That(MostRunningAtOnce(farm), Is.LessThanOrEqualTo(1), "never two copies of one monitor running");
            Assert.That(farm.Orchestrator.GetMaxJobs("RB01"), Is.GreaterThan(1), "the failed drain gave the server back");
        });
    }

    private static TestFarm FiftyMonitors()
    {
        var builder = TestFarm.WithServers(3).MaxJobs("RB01", 100).MaxJobs("RB02", 100).MaxJobs("RB03", 100);
        for (var i = 0; i < Monitors; i++)
        {
            builder.Monitor($@"\Mon\Watch{i:00}", "RB01");
        }

        return builder;
    }

    private static (MaintenanceContext Context, Func<DateTimeOffset> MovingSince) Watched(SimulatedFarm farm)
    {
        var since = DateTimeOffset.MinValue;
        var context = farm.Context(new MaintenanceSettings
        {
            OnProgress = e => since = e.Kind == MaintenanceEventKind.StepStarted && e.Message.StartsWith("Relocating monitors", StringComparison.Ordinal) ? e.Time : since,
        });
        return (context, () => since);
    }

    /// <summary>The most jobs of one runbook running at the same moment, over the whole run.</summary>
    private static int MostRunningAtOnce(SimulatedFarm farm)
    {
        var running = new Dictionary<Guid, int>();
        var most = 0;
        foreach (var e in farm.Orchestrator.Events.OfType<JobEvent>())
        {
            var change = e switch { JobStarted => 1, JobEnded or JobInterrupted => -1, _ => 0 };
            running[e.RunbookId] = running.GetValueOrDefault(e.RunbookId) + change;
            most = Math.Max(most, running[e.RunbookId]);
        }

        return most;
    }
}
