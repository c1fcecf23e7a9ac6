using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Simulator;
using OrchPatch.Simulator.Scenarios;
using OrchPatch.Simulator.Timing;

namespace OrchPatch.Lab;

/// <summary>
/// A whole farm on one clock: the simulator, the real web-service client talking to it through the in-process
/// transport, the simulator's throttle, and engine contexts. What the demo, the benchmark and the end-to-end tests run
/// on: hours of maintenance in milliseconds, deterministic, with every request going through the real wire code.
/// </summary>
public sealed class SimulatedFarm : IDisposable
{
    /// <summary>When every simulated farm's clock starts (a fixed instant, so runs repeat).</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);

    /// <summary>Creates the farm; nothing runs until the clock is moved.</summary>
    /// <param name="scenario">Servers, runbooks and workload.</param>
    /// <param name="settings">The simulator's settings (poll interval, faults, users).</param>
    /// <param name="api">Which web API the client speaks.</param>
    public SimulatedFarm(Scenario scenario, SimulatorSettings? settings = null, OrchestratorApi api = OrchestratorApi.OData)
    {
        Clock = new VirtualClock(Epoch);
        Orchestrator = new SimulatedOrchestrator(scenario, Clock, settings);
        Api = api;
        Service = CreateService();
        Throttle = new SimulatorThrottle(Orchestrator.BaseAddress, Orchestrator.CreateHandler());
    }

    /// <summary>The clock everything runs on.</summary>
    public VirtualClock Clock { get; }

    /// <summary>The simulated Orchestrator.</summary>
    public SimulatedOrchestrator Orchestrator { get; }

    /// <summary>The API the client speaks.</summary>
    public OrchestratorApi Api { get; }

    /// <summary>The real client, through the in-process transport.</summary>
    public IOrchestratorService Service { get; }

    /// <summary>The simulator's throttle (its stand-in for the database).</summary>
    public SimulatorThrottle Throttle { get; }

    /// <summary>Now, on the farm's clock.</summary>
    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>A new client (a fresh process after a crash, say), through the in-process transport.</summary>
    /// <param name="configure">Changes to the connection options (retries, credentials).</param>
    /// <param name="transport">Wraps the in-process transport (to record each request, say); none when null.</param>
    /// <returns>The client.</returns>
    public IOrchestratorService CreateService(Action<OrchestratorConnectionOptions>? configure = null, Func<HttpMessageHandler, HttpMessageHandler>? transport = null)
    {
        var options = new OrchestratorConnectionOptions
        {
            ServiceUrl = (Api == OrchestratorApi.WebApi ? Orchestrator.WebApiRoot : Orchestrator.ODataRoot).ToString(),
            Api = Api,
        };
        configure?.Invoke(options);
        var handler = Orchestrator.CreateHandler();
        return OrchestratorServiceFactory.Create(options, Clock, transport is null ? handler : transport(handler), new Random(7));
    }

    /// <summary>An engine context on this farm.</summary>
    /// <param name="settings">Engine settings; defaults when null.</param>
    /// <param name="service">The client; <see cref="Service"/> when null.</param>
    /// <returns>The context.</returns>
    public MaintenanceContext Context(MaintenanceSettings? settings = null, IOrchestratorService? service = null) =>
        new(service ?? Service, Throttle, Clock, settings);

    /// <summary>A patch step that reboots the server, as a patch that restarts the computer does.</summary>
    /// <param name="downtime">How long the server is down.</param>
    /// <param name="waitUntilBack">Whether the step waits until the server's runbook service runs again (a script
    /// that reboots and waits for the computer to answer) or returns at once (one that only starts the reboot, leaving
    /// the restore's health gate to notice the server is back).</param>
    /// <param name="onPatch">Told each server as its patch begins.</param>
    /// <returns>The step.</returns>
    public PatchStep RebootPatch(TimeSpan downtime, bool waitUntilBack = true, Action<string>? onPatch = null) => async (server, cancellationToken) =>
    {
        onPatch?.Invoke(server);
        Orchestrator.Reboot(server, downtime);
        while (waitUntilBack && !Orchestrator.GetServer(server).IsOnline)
        {
            await Task.Delay(TimeSpan.FromSeconds(5), Clock, cancellationToken).ConfigureAwait(false);
        }

        return new PatchStepResult(true, $"{server} rebooted ({Durations.Format(downtime)} down){(waitUntilBack ? " and is back" : string.Empty)}.");
    };

    /// <summary>Moves the clock until <paramref name="operation"/> completes, then returns its result.</summary>
    /// <typeparam name="T">The result.</typeparam>
    /// <param name="operation">Started at once, on the farm's clock.</param>
    /// <param name="limit">The most simulated time to allow.</param>
    /// <returns>The result (its exception is rethrown).</returns>
    /// <exception cref="TimeoutException">Still running when the limit was reached.</exception>
    public T Run<T>(Func<Task<T>> operation, TimeSpan limit)
    {
        Task<T>? task = null;
        WithoutContext(() =>
        {
            task = operation();
            if (!Clock.RunUntil(() => task.IsCompleted, Now + limit))
            {
                throw new TimeoutException($"Still running after {limit} of simulated time (at {Now:HH:mm:ss}).");
            }
        });
        return task!.GetAwaiter().GetResult();
    }

    /// <summary>Starts an operation without waiting for it: the clock moves only when told (to crash it, abandon it).</summary>
    /// <typeparam name="T">The result.</typeparam>
    /// <param name="operation">The operation.</param>
    /// <returns>Its task.</returns>
    public Task<T> Start<T>(Func<Task<T>> operation)
    {
        Task<T>? task = null;
        WithoutContext(() => task = operation());
        return task!;
    }

    /// <summary>Moves the clock until <paramref name="done"/> holds or the limit passes.</summary>
    /// <param name="done">The condition.</param>
    /// <param name="limit">The most simulated time to allow.</param>
    /// <returns>True when the condition holds.</returns>
    public bool RunUntil(Func<bool> done, TimeSpan limit)
    {
        var reached = false;
        WithoutContext(() => reached = Clock.RunUntil(done, Now + limit));
        return reached;
    }

    /// <summary>Does something to the running operations (cancels a token, say) as the clock's own thread would, so
    /// the continuations it triggers run inline and the next move of the clock sees their effect.</summary>
    /// <param name="action">What to do.</param>
    public void Act(Action action) => WithoutContext(action);

    /// <summary>Moves the clock by <paramref name="duration"/>, firing everything due.</summary>
    /// <param name="duration">How long.</param>
    public void RunFor(TimeSpan duration) => WithoutContext(() => Clock.AdvanceTo(Now + duration));

    /// <inheritdoc />
    public void Dispose()
    {
        Service.Dispose();
        Throttle.Dispose();
        Orchestrator.Dispose();
    }

    /// <summary>Continuations run inline only on a thread with no SynchronizationContext (a test runner's thread has one).</summary>
    private static void WithoutContext(Action action)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            action();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }
}
