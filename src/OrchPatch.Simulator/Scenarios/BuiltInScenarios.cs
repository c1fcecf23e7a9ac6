using System;
using System.Collections.Generic;

namespace OrchPatch.Simulator.Scenarios;

/// <summary>The scenario <c>orchpatch simulate</c> and the demo run when no file is given.</summary>
internal static class BuiltInScenarios
{
    /// <summary>3 servers, the patch runbooks, 2 monitors from time zero, and random work. By Little's law the mean
    /// load is about 27 running jobs (about 9 per server): long runbooks 8.3 + 4.5 + 6 + 1.5 (children), short
    /// 1 + 1.75 + 1.1, monitors 2.</summary>
    public static Scenario Default { get; } = new()
    {
        Name = "default",
        Seed = 20240611,
        Servers = new[] { new ServerSpec("RB01"), new ServerSpec("RB02"), new ServerSpec("RB03") },
        Runbooks = new[]
        {
            StandardRunbooks.WaitRunbook,
            StandardRunbooks.Canary,
            StandardRunbooks.Monitor(@"\Monitoring\Event Log Watcher", TimeSpan.FromMinutes(5)),
            StandardRunbooks.Monitor(@"\Monitoring\Service Health", TimeSpan.FromMinutes(2)),
            new RunbookSpec(@"\Operations\Reset Password")
            {
                Duration = DurationDistribution.Uniform(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(55)),
                Concurrency = 5,
                Parameters = new[] { new ParameterSpec("UserName") },
            },
            new RunbookSpec(@"\Operations\Create User")
            {
                Duration = DurationDistribution.Uniform(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(3)),
                Concurrency = 5,
                Parameters = new[] { new ParameterSpec("UserName"), new ParameterSpec("Department") },
            },
            new RunbookSpec(@"\Operations\Restart Service")
            {
                Duration = DurationDistribution.Exponential(TimeSpan.FromSeconds(45)),
                Concurrency = 5,
                FailureRate = 0.02,
                Parameters = new[] { new ParameterSpec("Computer"), new ParameterSpec("Service") },
            },
            new RunbookSpec(@"\Operations\Backup Database")
            {
                Duration = DurationDistribution.Uniform(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(40)),
                Concurrency = 15,
                Servers = new[] { "RB01", "RB02" },
                Parameters = new[] { new ParameterSpec("Database") },
            },
            new RunbookSpec(@"\Reports\Patch Compliance Report")
            {
                Duration = DurationDistribution.Uniform(TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30)),
                Concurrency = 10,
                Servers = new[] { "RB02", "RB03" },
            },
            new RunbookSpec(@"\Provisioning\Deploy VM")
            {
                Duration = DurationDistribution.Uniform(TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(40)),
                Concurrency = 10,
                Children = new[] { new ChildSpec(@"\Provisioning\Configure VM") { Wait = true } },
                Parameters = new[] { new ParameterSpec("VMName") },
            },
            new RunbookSpec(@"\Provisioning\Configure VM")
            {
                Duration = DurationDistribution.Uniform(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10)),
                Concurrency = 10,
            },
        },
        Arrivals = new[]
        {
            new ArrivalSpec(@"\Operations\Reset Password", 120) { Parameters = new Dictionary<string, string> { ["UserName"] = "jdoe" } },
            new ArrivalSpec(@"\Operations\Create User", 60) { Parameters = new Dictionary<string, string> { ["UserName"] = "new.user", ["Department"] = "Sales" } },
            new ArrivalSpec(@"\Operations\Restart Service", 90) { Parameters = new Dictionary<string, string> { ["Computer"] = "APP01", ["Service"] = "Spooler" } },
            new ArrivalSpec(@"\Operations\Backup Database", 20) { Parameters = new Dictionary<string, string> { ["Database"] = "CRM" } },
            new ArrivalSpec(@"\Reports\Patch Compliance Report", 12),
            new ArrivalSpec(@"\Provisioning\Deploy VM", 12) { Parameters = new Dictionary<string, string> { ["VMName"] = "VM-NEW" } },
        },
        InitialJobs = new[]
        {
            new InitialJobSpec(@"\Monitoring\Event Log Watcher"),
            new InitialJobSpec(@"\Monitoring\Service Health"),
        },
    };
}
