using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using Microsoft.Extensions.Time.Testing;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Simulator;
using OrchPatch.Simulator.Hosting;
using OrchPatch.Simulator.Scenarios;
using OrchPatch.TestSupport.Time;

namespace OrchPatch.Core.Tests.Orchestrator.Contract;

/// <summary>The Orchestrator stand-in a contract run talks to: the simulator, whose wire code is its own (it does not
/// reference Core), reached in-process or over its Kestrel host on a loopback port. Jobs are put into the states a
/// case needs by running the farm, not by writing them: a running job was taken by a Runbook Service, an ended one
/// ran to its end.</summary>
/// <remarks>RB03 is offline and is the only server the contract's runbooks name as their own, so a job started
/// without targets stays Pending (no Runbook Service takes it), as it would on a farm whose runbook servers are down.
/// Requests cost no simulated time here (the shapes are under test; the time between requests has its own tests).</remarks>
public sealed class SimulatedContractServer : IDisposable
{
    public const string WaitRunbookPath = @"\PatchRunbook\4: WaitRunbook";
    public const string MonitorPath = @"\Mon\Disk";
    public const string BackupPath = @"\Ops\Backup";
    public const string QuotedPath = @"\Ops\Bob's Cleanup";

    /// <summary>One second of work, then Completed.</summary>
    public const string QuickPath = @"\Contract\Quick";

    /// <summary>One second of work, then Failed.</summary>
    public const string FailingPath = @"\Contract\Fails";

    /// <summary>Runs until canceled, as many at once as asked.</summary>
    public const string LongPath = @"\Contract\Long";

    /// <summary>Starts the Wait Runbook as a child it waits for, on its own server.</summary>
    public const string ParentPath = @"\Contract\Parent";

    public static readonly string[] WaitParameters = { "Server", "PreviousMaxJobs", "Owner", "StartedAt", "Reason" };

    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);
    private readonly OrchestratorApi _api;
    private readonly SimulatorHost? _host;
    private readonly HttpMessageHandler? _handler;

    private SimulatedContractServer(OrchestratorApi api, FakeTimeProvider time, bool overSockets)
    {
        _api = api;
        Time = time;
        Simulator = new SimulatedOrchestrator(Farm(), time, new SimulatorSettings().WithoutLatency());
        Simulator.TakeOffline("RB03");
        if (overSockets)
        {
            _host = SimulatorHost.StartAsync(Simulator).GetAwaiter().GetResult();
        }
        else
        {
            _handler = Simulator.CreateHandler();
        }
    }

    /// <summary>The simulator behind the service.</summary>
    public SimulatedOrchestrator Simulator { get; }

    /// <summary>The simulation's clock (the tests' too).</summary>
    public FakeTimeProvider Time { get; }

    /// <summary>The service root of the API under test.</summary>
    public Uri ServiceRoot => _api == OrchestratorApi.OData
        ? _host?.ODataRoot ?? Simulator.ODataRoot
        : _host?.WebApiRoot ?? Simulator.WebApiRoot;

    /// <summary>The in-process transport, or null to go over real sockets with the factory's own handler.</summary>
    public HttpMessageHandler? Transport => _handler;

    /// <summary>Every job the service holds, as the simulator sees it.</summary>
    public IReadOnlyList<JobState> Jobs => Simulator.Jobs;

    /// <summary>Every runbook instance, as the simulator sees it.</summary>
    public IReadOnlyList<InstanceState> Instances => Simulator.Instances;

    public static SimulatedContractServer InProcess(OrchestratorApi api, FakeTimeProvider time) => new(api, time, overSockets: false);

    public static SimulatedContractServer OverSockets(OrchestratorApi api, FakeTimeProvider time) => new(api, time, overSockets: true);

    public Guid ServerId(string name) => Simulator.GetServer(name).Id;

    public Guid RunbookId(string path) => Simulator.GetRunbook(path).Id;

    /// <summary>A job started on <paramref name="targets"/> (its first listed server takes it) and left running.</summary>
    public Guid StartRunning(string path, IReadOnlyList<string> targets, IReadOnlyDictionary<string, string>? parameters = null)
    {
        var id = Simulator.StartJob(path, parameters, targets).Id;
        RunUntil(() => Simulator.GetJob(id).Status == SimulatedJobStatus.Running);
        return id;
    }

    /// <summary>A job started without targets, which no Runbook Service takes.</summary>
    public Guid StartPending(string path) => Simulator.StartJob(path).Id;

    /// <summary>Jobs that ran on <paramref name="server"/> and ended with <paramref name="status"/>.</summary>
    public IReadOnlyList<Guid> Ended(SimulatedJobStatus status, string server = "RB02", int count = 1)
    {
        var ids = Enumerable.Range(0, count).Select(_ => status switch
        {
            SimulatedJobStatus.Completed => Simulator.StartJob(QuickPath, servers: new[] { server }).Id,
            SimulatedJobStatus.Failed => Simulator.StartJob(FailingPath, servers: new[] { server }).Id,
            SimulatedJobStatus.Canceled => Simulator.StartJob(LongPath, servers: new[] { server }).Id,
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "an ended status"),
        }).ToArray();
        if (status == SimulatedJobStatus.Canceled)
        {
            RunUntil(() => ids.All(id => Simulator.GetJob(id).Status == SimulatedJobStatus.Running));
            foreach (var id in ids)
            {
                Simulator.CancelJob(id);
            }
        }

        RunUntil(() => ids.All(id => Simulator.GetJob(id).Status == status));
        return ids;
    }

    /// <summary>Lets the farm run for a while (Runbook Service polls, monitor triggers, work ending).</summary>
    public void Run(TimeSpan duration) => Time.RunFor(duration);

    public void Dispose()
    {
        _host?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _handler?.Dispose();
        Simulator.Dispose();
    }

    private void RunUntil(Func<bool> done)
    {
        var end = Time.GetUtcNow() + Limit;
        while (!done())
        {
            if (Time.GetUtcNow() > end)
            {
                throw new InvalidOperationException($"The contract farm did not reach the state a case needs within {Limit} of simulated time.");
            }

            Time.RunFor(TimeSpan.FromSeconds(1));
        }
    }

    private static Scenario Farm()
    {
        var own = new[] { "RB03" };
        var oneSecond = DurationDistribution.Fixed(TimeSpan.FromSeconds(1));
        return new Scenario
        {
            Name = "contract",
            Servers = new[] { new ServerSpec("RB01"), new ServerSpec("RB02"), new ServerSpec("RB03") },
            Runbooks = new[]
            {
                new RunbookSpec(WaitRunbookPath) { Role = RunbookRole.Wait, Duration = DurationDistribution.UntilCanceled, Servers = own, Concurrency = 100, Parameters = WaitParameters.Select(p => new ParameterSpec(p)).ToArray() },
                new RunbookSpec(MonitorPath) { IsMonitor = true, Servers = own },
                new RunbookSpec(BackupPath) { Servers = own, Parameters = new[] { new ParameterSpec("Target") } },
                new RunbookSpec(QuotedPath) { Servers = own },
                new RunbookSpec(QuickPath) { Servers = own, Duration = oneSecond, Concurrency = 200 },
                new RunbookSpec(LongPath) { Servers = own, Duration = DurationDistribution.UntilCanceled, Concurrency = 200 },
                new RunbookSpec(FailingPath) { Servers = own, Duration = oneSecond, FailureRate = 1 },
                new RunbookSpec(ParentPath) { Servers = own, Duration = oneSecond, Children = new[] { new ChildSpec(WaitRunbookPath) { OnParentServer = true } } },
            },
        };
    }
}
