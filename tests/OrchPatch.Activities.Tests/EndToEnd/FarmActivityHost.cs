using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Lab;
using OrchPatch.TestSupport.Farms;

namespace OrchPatch.Activities.Tests.EndToEnd;

/// <summary>
/// Runs the activities' engine calls on a simulated farm: the connection's URL, API and credentials go through the
/// production mapping to a real client on the in-process transport; the throttle is the simulator's; the activity's
/// wait drives the farm's virtual clock (a blocking wait on one thread would never let virtual time move).
/// </summary>
internal sealed class FarmActivityHost : IActivityHost
{
    private readonly SimulatedFarm _farm;
    private readonly TimeSpan _limit;
    private ProcessLife _current = new();

    public FarmActivityHost(SimulatedFarm farm, TimeSpan? limit = null)
    {
        _farm = farm;
        _limit = limit ?? TimeSpan.FromHours(4);
    }

    /// <summary>When set and true while the activity waits, the wait stops driving the clock and throws: the runbook
    /// was stopped and the activity's process ended, leaving the engine call where it was.</summary>
    public Func<bool>? KillWhen { get; set; }

    /// <summary>How many activity calls were killed.</summary>
    public int Kills { get; private set; }

    public MaintenanceContext CreateContext(OrchestratorPatchingConnection connection, bool changesThings)
    {
        // Each activity call is a fresh process: its own client and throttle, which die with it when it is killed.
        _current = new ProcessLife();
        var options = ActivityRuntime.ConnectionOptions(connection);
        var transport = new SignedInTransport(new ProcessTransport(_current, _farm.Orchestrator.CreateHandler()), options.UserName, options.Password);
        var service = OrchestratorServiceFactory.Create(options, _farm.Clock, transport, new Random(7));
        var throttle = new OrchPatch.Lab.SimulatorThrottle(_farm.Orchestrator.BaseAddress, new ProcessTransport(_current, _farm.Orchestrator.CreateHandler()));
        return new MaintenanceContext(service, throttle, _farm.Clock, ActivityRuntime.Settings(connection));
    }

    public void WaitFor(Task task)
    {
        var kill = KillWhen ?? (() => false);
        var ended = _farm.RunUntil(() => task.IsCompleted || kill(), _limit);
        if (!task.IsCompleted && ended)
        {
            Kills++;
            _current.End();
            throw new ActivityProcessKilledException();
        }

        if (!task.IsCompleted)
        {
            throw new TimeoutException($"The activity was still running after {_limit} of simulated time.");
        }
    }
}

/// <summary>Stands for the end of PolicyModule.exe when a runbook is stopped while an activity waits.</summary>
internal sealed class ActivityProcessKilledException : Exception
{
    public ActivityProcessKilledException()
        : base("The runbook was stopped; the activity's process ended.")
    {
    }
}

/// <summary>Whether the activity's process still runs.</summary>
internal sealed class ProcessLife
{
    private int _ended;

    public bool Ended => Volatile.Read(ref _ended) == 1;

    public void End() => Interlocked.Exchange(ref _ended, 1);
}

/// <summary>A transport that stops working when its process ends: the abandoned engine call, whose timers are still on
/// the farm's clock, can then change nothing (a killed process sends no requests).</summary>
internal sealed class ProcessTransport : DelegatingHandler
{
    private readonly ProcessLife _life;

    public ProcessTransport(ProcessLife life, HttpMessageHandler inner)
        : base(inner) => _life = life;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _life.Ended ? throw new ObjectDisposedException("process", "The activity's process has ended.") : base.SendAsync(request, cancellationToken);
}
