using System;
using System.Collections.Generic;
using System.Linq;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Simulator;
using OrchPatch.Lab;
using OrchPatch.Simulator.Scenarios;

namespace OrchPatch.TestSupport.Farms;

/// <summary>
/// Builds small, exact farms for end-to-end tests: named servers, the Wait Runbook and the Canary, monitors, and
/// ordinary runbooks of fixed durations started on chosen servers at time zero. No random arrivals unless asked.
/// </summary>
public sealed class TestFarm
{
    private readonly List<ServerSpec> _servers = new();
    private readonly List<RunbookSpec> _runbooks = new() { StandardRunbooks.WaitRunbook, StandardRunbooks.Canary };
    private readonly List<InitialJobSpec> _jobs = new();
    private readonly List<ArrivalSpec> _arrivals = new();

    /// <summary>A farm with servers RB01..RBnn, max jobs 50 each.</summary>
    /// <param name="servers">How many.</param>
    /// <returns>The builder.</returns>
    public static TestFarm WithServers(int servers)
    {
        var farm = new TestFarm();
        for (var i = 1; i <= servers; i++)
        {
            farm._servers.Add(new ServerSpec($"RB{i:00}"));
        }

        return farm;
    }

    /// <summary>A farm with these servers (FQDNs, IP addresses: the names the web service lists), max jobs 50 each.</summary>
    /// <param name="names">Their names.</param>
    /// <returns>The builder.</returns>
    public static TestFarm WithServers(params string[] names)
    {
        var farm = new TestFarm();
        farm._servers.AddRange(names.Select(n => new ServerSpec(n)));
        return farm;
    }

    /// <summary>Sets a server's max jobs.</summary>
    public TestFarm MaxJobs(string server, int maxJobs)
    {
        var index = _servers.FindIndex(s => s.Name == server);
        _servers[index] = _servers[index] with { MaxJobs = maxJobs };
        return this;
    }

    /// <summary>A monitor runbook, started on <paramref name="server"/> at time zero.</summary>
    public TestFarm Monitor(string path, string server)
    {
        _runbooks.Add(StandardRunbooks.Monitor(path));
        _jobs.Add(new InitialJobSpec(path) { Servers = new[] { server } });
        return this;
    }

    /// <summary>An ordinary runbook of a fixed duration, started on <paramref name="server"/> at time zero
    /// (<paramref name="count"/> jobs; its concurrency allows them all). "RB01,RB02" gives the job both servers.</summary>
    public TestFarm Job(string path, TimeSpan duration, string server, int count = 1, IReadOnlyDictionary<string, string>? parameters = null)
    {
        var existing = _runbooks.FindIndex(r => r.Path == path);
        var spec = new RunbookSpec(path)
        {
            Duration = DurationDistribution.Fixed(duration),
            Concurrency = 100,
            Parameters = (parameters ?? new Dictionary<string, string>()).Keys.Select(k => new ParameterSpec(k)).ToArray(),
        };
        if (existing < 0)
        {
            _runbooks.Add(spec);
        }

        for (var i = 0; i < count; i++)
        {
            _jobs.Add(new InitialJobSpec(path) { Servers = server.Split(',').Select(s => s.Trim()).ToArray(), Parameters = parameters ?? new Dictionary<string, string>() });
        }

        return this;
    }

    /// <summary>A parent runbook that invokes <paramref name="childPath"/> on its own server when it starts and waits
    /// for it (Invoke Runbook with "Wait for completion"); the parent is started on <paramref name="server"/>.</summary>
    public TestFarm ParentWaitingOnChild(string path, string childPath, TimeSpan duration, string server)
    {
        _runbooks.Add(new RunbookSpec(childPath) { Duration = DurationDistribution.Fixed(duration), Concurrency = 100 });
        _runbooks.Add(new RunbookSpec(path)
        {
            Duration = DurationDistribution.Fixed(TimeSpan.FromSeconds(1)),
            Concurrency = 100,
            Children = new[] { new ChildSpec(childPath) { Wait = true, OnParentServer = true } },
        });
        _jobs.Add(new InitialJobSpec(path) { Servers = new[] { server } });
        return this;
    }

    /// <summary>A runbook that arrives at random (seeded), for load while maintenance runs.</summary>
    public TestFarm Arrivals(string path, TimeSpan duration, double perHour)
    {
        if (_runbooks.All(r => r.Path != path))
        {
            _runbooks.Add(new RunbookSpec(path) { Duration = DurationDistribution.Fixed(duration), Concurrency = 100 });
        }

        _arrivals.Add(new ArrivalSpec(path, perHour));
        return this;
    }

    /// <summary>The scenario.</summary>
    public Scenario Scenario() => new()
    {
        Name = "test",
        Seed = 11,
        Servers = _servers.ToArray(),
        Runbooks = _runbooks.ToArray(),
        InitialJobs = _jobs.ToArray(),
        Arrivals = _arrivals.ToArray(),
    };

    /// <summary>The farm, started: initial jobs are dispatched on the runbook service's first polls.</summary>
    /// <param name="settings">Simulator settings.</param>
    /// <param name="api">The client's API.</param>
    /// <returns>The farm (dispose it).</returns>
    public SimulatedFarm Build(SimulatorSettings? settings = null, OrchestratorApi api = OrchestratorApi.OData)
    {
        var farm = new SimulatedFarm(Scenario(), settings, api);
        if (_arrivals.Count > 0)
        {
            farm.Orchestrator.StartWorkload();
        }

        // Let every server poll once so the initial jobs are running, as on a farm in use.
        farm.RunFor(TimeSpan.FromSeconds(10));
        return farm;
    }
}
