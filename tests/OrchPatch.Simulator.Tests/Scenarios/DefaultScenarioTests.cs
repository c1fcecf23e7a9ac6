using System;
using System.Linq;
using NUnit.Framework;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Simulator.Scenarios;
using OrchPatch.Simulator.Tests.Support;
using OrchPatch.TestSupport.Time;
using OrchPatch.Simulator;

namespace OrchPatch.Simulator.Tests.Scenarios;

[TestFixture]
public sealed class DefaultScenarioTests
{
    [Test]
    public void Workload_TwoHours_KeepsAbout5To15JobsPerServerRunning()
    {
        using var farm = TestFarm.Create(Scenario.Default);
        farm.Simulator.StartWorkload();
        farm.Time.RunFor(TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(1));

        var samples = new System.Collections.Generic.List<double>();
        for (var minute = 0; minute < 90; minute++)
        {
            farm.Time.RunFor(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1));
            samples.Add(farm.Simulator.Servers.Average(s => s.RunningJobs));
        }

        TestContext.Out.WriteLine($"running per server: mean {samples.Average():0.0}, min {samples.Min():0.0}, max {samples.Max():0.0}");
        Assert.That(samples.Average(), Is.InRange(5, 15));
        Assert.That(farm.Simulator.Jobs.Count(j => j.Status == SimulatedJobStatus.Running && j.Kind == RunbookKind.Monitor), Is.EqualTo(2), "both monitors run");
        Assert.That(farm.Simulator.Metrics.JobsFailed, Is.GreaterThan(0), "Restart Service fails now and then");
        Assert.That(farm.Simulator.Jobs.Any(j => j.ParentId is not null), Is.True, "Deploy VM invokes Configure VM");
    }
}
