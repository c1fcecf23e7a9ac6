using System;
using System.Collections.Generic;
using System.Linq;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Simulator;
using OrchPatch.Lab;
using OrchPatch.Simulator.Scenarios;
using OrchPatch.TestSupport.Activities;
using OrchPatch.TestSupport.Farms;

namespace OrchPatch.Activities.Tests.EndToEnd;

/// <summary>A simulated farm that the activities run against through the harness, signed in as a known user with a
/// known password and database connection string on the connection (so every test can look for them in the output).</summary>
internal sealed class ActivityFarm : IDisposable
{
    public const string User = @"CONTOSO\patcher";
    public const string Password = "Pa55-Secret!42";
    public const string DatabasePassword = "Db-Secret!77";
    public const string ConnectionString = "Data Source=SQL01;Initial Catalog=Orchestrator;User ID=orch;Password=" + DatabasePassword;

    private ActivityFarm(SimulatedFarm farm)
    {
        Farm = farm;
        Host = new FarmActivityHost(farm);
        ActivityRuntime.Host = Host;
    }

    public SimulatedFarm Farm { get; }

    public FarmActivityHost Host { get; }

    public SimulatedOrchestrator Orchestrator => Farm.Orchestrator;

    /// <summary>The farm, with the known user as its only account; the activities' runtime runs on it until disposed.</summary>
    public static ActivityFarm Start(TestFarm farm, params SimulatedUser[] moreUsers) =>
        new(farm.Build(Settings(moreUsers)));

    /// <summary>A farm from a scenario, started as <see cref="TestFarm.Build"/> starts one.</summary>
    public static ActivityFarm Start(Scenario scenario)
    {
        var farm = new SimulatedFarm(scenario, Settings(Array.Empty<SimulatedUser>()));
        farm.RunFor(TimeSpan.FromSeconds(10));
        return new ActivityFarm(farm);
    }

    /// <summary>The connection as the Options menu would hold it for this farm.</summary>
    public Dictionary<string, object?> Connection() => new()
    {
        ["Web Service URL"] = Orchestrator.ODataRoot.ToString(),
        ["User"] = User,
        ["Password"] = Password,
        ["Database Connection String"] = ConnectionString,
    };

    /// <summary>Runs an activity through the harness; <paramref name="change"/> edits the connection first.</summary>
    public ActivityRun Run<TActivity>(Dictionary<string, object?> inputs, Action<Dictionary<string, object?>>? change = null)
    {
        var connection = Connection();
        change?.Invoke(connection);
        return ActivityHarness.Run(typeof(TActivity), inputs, connection);
    }

    /// <summary>Every server's max jobs and every job's status and server: what "nothing changed" compares.</summary>
    public string Snapshot() =>
        string.Join("\n", Orchestrator.Servers.Select(s => $"{s.Name} max {Orchestrator.GetMaxJobs(s.Name)}")
            .Concat(Orchestrator.Jobs.OrderBy(j => j.Id).Select(j => $"{j.Id} {j.RunbookPath} {j.Status} {j.Server}")));

    /// <summary>The running or pending wait jobs.</summary>
    public IReadOnlyList<JobState> WaitJobs() =>
        Orchestrator.Jobs.Where(j => j.RunbookPath == StandardRunbooks.WaitRunbookPath && j.Status is SimulatedJobStatus.Running or SimulatedJobStatus.Pending).ToArray();

    private static SimulatorSettings Settings(SimulatedUser[] moreUsers) =>
        new() { Users = new[] { SimulatedUser.Administrator(User, Password) }.Concat(moreUsers).ToArray() };

    public void Dispose()
    {
        ActivityRuntime.Host = ProductionActivityHost.Instance;
        Farm.Dispose();
    }
}
