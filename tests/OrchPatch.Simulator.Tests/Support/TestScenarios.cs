using System;
using System.Linq;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Simulator.Scenarios;
using OrchPatch.Simulator;

namespace OrchPatch.Simulator.Tests.Support;

/// <summary>Small scenarios the tests compose.</summary>
internal static class TestScenarios
{
    /// <summary>The runbook and parameter ids of the MS-StartStop start request (docs/orchestrator-facts.md#the-web-services).</summary>
    public static readonly Guid StartStopRunbookId = Guid.Parse("0336c79b-ca82-449e-ad55-aefa9fb47fad");
    public static readonly Guid StartStopParameter1 = Guid.Parse("60a8fa04-6293-4767-b842-46cba5790553");
    public static readonly Guid StartStopParameter2 = Guid.Parse("c24d1cc5-deba-4bb5-b02e-44caf0fb296c");

    public const string Short = @"\Ops\Short";
    public const string Long = @"\Ops\Long";
    public const string Monitor = @"\Mon\Disk";
    public const string Hello = @"\Samples\Hello World";

    /// <summary>RB01..RB03 (max jobs 50), the patch runbooks, a monitor, a 10-second and a 10-minute runbook
    /// (concurrency 20), and the runbook the MS-StartStop sample starts.</summary>
    public static Scenario ThreeServers(int maxJobs = 50) => new()
    {
        Name = "three-servers",
        Seed = 7,
        Servers = new[] { "RB01", "RB02", "RB03" }.Select(n => new ServerSpec(n) { MaxJobs = maxJobs }).ToArray(),
        Runbooks = new[]
        {
            StandardRunbooks.WaitRunbook,
            StandardRunbooks.Canary,
            StandardRunbooks.Monitor(Monitor, TimeSpan.FromMinutes(1)),
            new RunbookSpec(Short) { Duration = DurationDistribution.Fixed(TimeSpan.FromSeconds(10)), Concurrency = 20 },
            new RunbookSpec(Long) { Duration = DurationDistribution.Fixed(TimeSpan.FromMinutes(10)), Concurrency = 20 },
            new RunbookSpec(Hello)
            {
                Id = StartStopRunbookId,
                Duration = DurationDistribution.Fixed(TimeSpan.FromSeconds(30)),
                Parameters = new[]
                {
                    new ParameterSpec("Greeting") { Id = StartStopParameter1 },
                    new ParameterSpec("Name") { Id = StartStopParameter2 },
                    new ParameterSpec("Result") { Direction = ParameterDirection.Out },
                },
            },
        },
    };

    public static Scenario With(this Scenario scenario, params RunbookSpec[] runbooks) =>
        scenario with { Runbooks = scenario.Runbooks.Concat(runbooks).ToArray() };
}
