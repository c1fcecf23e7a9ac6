using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using OrchPatch.Simulator.Control;
using OrchPatch.Simulator.Events;
using OrchPatch.Simulator.Hosting;
using OrchPatch.Simulator.Metrics;
using OrchPatch.Simulator.Runtime;
using OrchPatch.Simulator.Scenarios;
using OrchPatch.Simulator.Wire;

namespace OrchPatch.Simulator;

/// <summary>A faithful stand-in for a System Center Orchestrator farm: both web APIs (the legacy
/// <c>Orchestrator.svc</c> and the 2022 <c>/api</c>) over one shared state, a simulated Runbook Service on every
/// runbook server (polling, throttle, per-runbook concurrency, Primary/Standby failover, monitors, child jobs),
/// server reboots, an event log and metrics. Everything runs on the <see cref="TimeProvider"/> it is given.</summary>
/// <remarks>
/// <para>Thread-safe: one lock guards the farm; every member and every request takes it.</para>
/// <para>Deterministic on a fake clock: scheduled work (polls, job ends, monitor triggers, arrivals, reboots) runs at
/// its exact simulated time whenever the clock has reached it, before anything is observed; the in-process handler
/// (<see cref="CreateHandler"/>) answers synchronously, so a test that advances a <c>FakeTimeProvider</c> runs the
/// client, the engine and the simulator inline up to the next wait. The same seed gives the same run.</para>
/// <para>Transports: <see cref="CreateHandler"/> in-process, or <see cref="SimulatorHost.StartAsync"/> on a loopback
/// socket (what <c>orchpatch simulate</c> uses).</para>
/// </remarks>
public sealed class SimulatedOrchestrator : IDisposable
{
    private readonly object _gate = new();
    private readonly SimulationClock _clock;
    private readonly Farm _farm;
    private readonly Workload _workload;
    private readonly FaultInjector _faults;
    private readonly RequestCore _core;

    /// <summary>Builds the farm at the clock's present, logs its servers and creates the scenario's initial jobs.
    /// Random arrivals wait for <see cref="StartWorkload"/>.</summary>
    /// <param name="scenario">The farm and its workload.</param>
    /// <param name="time">The clock: a <c>FakeTimeProvider</c> in tests, a <see cref="ScaledTimeProvider"/> for
    /// <c>--speed</c>, or <see cref="TimeProvider.System"/>.</param>
    /// <param name="settings">The behaviour where the reference leaves a choice; the defaults when null. Copied: later
    /// changes to the object have no effect.</param>
    /// <exception cref="ScenarioException">The scenario is invalid; the message lists every problem.</exception>
    /// <exception cref="SimulatorSettingsException">The settings are invalid; the message lists every bad field.</exception>
    public SimulatedOrchestrator(Scenario scenario, TimeProvider time, SimulatorSettings? settings = null)
    {
        Scenario = scenario ?? throw new ArgumentNullException(nameof(scenario));
        Time = time ?? throw new ArgumentNullException(nameof(time));
        var copy = (settings ?? new SimulatorSettings()).Clone();
        SimulatorSettingsException.ThrowIfInvalid(copy);
        scenario.Validate();
        Settings = copy;
        Events = new EventLog();
        _clock = new SimulationClock(time, _gate);
        _farm = new Farm(scenario, copy, _clock, Events);
        _workload = new Workload(_farm, _clock);
        _faults = new FaultInjector(copy);
        _core = new RequestCore(_gate, _clock, _farm, copy, _faults, Events, new ControlService(this));
        lock (_gate)
        {
            _farm.Begin();
            _clock.CatchUp();
        }
    }

    /// <summary>The scenario.</summary>
    public Scenario Scenario { get; }

    /// <summary>The settings in force (a copy of those given).</summary>
    public SimulatorSettings Settings { get; }

    /// <summary>The farm itself, for tests that compare its indexes with its history (no lock: single-threaded tests only).</summary>
    internal Farm FarmForTests => _farm;

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>Everything that happened, in order, with simulated timestamps.</summary>
    public EventLog Events { get; }

    /// <summary>The base address the in-process handler answers on.</summary>
    public Uri BaseAddress => SimulatorConstants.InProcessBaseAddress;

    /// <summary>The legacy service's root for the in-process handler (…/Orchestrator2012/Orchestrator.svc/).</summary>
    public Uri ODataRoot => new(BaseAddress, SimulatorConstants.ODataPath);

    /// <summary>The Web API's root for the in-process handler (…/api/).</summary>
    public Uri WebApiRoot => new(BaseAddress, SimulatorConstants.WebApiPath);

    /// <summary>The control surface's root for the in-process handler (…/_simulator/).</summary>
    public Uri ControlRoot => new(BaseAddress, SimulatorConstants.ControlPath);

    /// <summary>When the simulation began.</summary>
    public DateTimeOffset Start => _clock.Start;

    /// <summary>The simulated present (scheduled work due by the clock's present has run).</summary>
    public DateTimeOffset Now => Locked(() => _clock.Now);

    /// <summary>The runbook servers.</summary>
    public IReadOnlyList<ServerState> Servers => Locked(() => _farm.Servers.Select(ToState).ToList());

    /// <summary>The published runbooks.</summary>
    public IReadOnlyList<RunbookState> Runbooks => Locked(() => _farm.Runbooks.Select(ToState).ToList());

    /// <summary>Every job ever created, oldest first.</summary>
    public IReadOnlyList<JobState> Jobs => Locked(() => _farm.Jobs.Select(ToState).ToList());

    /// <summary>Every runbook instance, oldest first.</summary>
    public IReadOnlyList<InstanceState> Instances => Locked(() => _farm.Instances.Select(ToState).ToList());

    /// <summary>Whether random arrivals run.</summary>
    public bool IsWorkloadRunning => Locked(() => _workload.IsRunning);

    /// <summary>The fault rules in force, with what is left of their counts.</summary>
    public IReadOnlyList<FaultRule> Faults => Locked(() => _faults.Rules);

    /// <summary>The metrics of the whole run so far, computed from <see cref="Events"/> on each read.</summary>
    public SimulatorMetrics Metrics => GetMetrics(Start, Now);

    /// <summary>The metrics of a window, computed from <see cref="Events"/> (events before it set its initial state).</summary>
    /// <param name="from">The window's start.</param>
    /// <param name="to">The window's end.</param>
    /// <returns>The metrics.</returns>
    public SimulatorMetrics GetMetrics(DateTimeOffset from, DateTimeOffset to) => MetricsCalculator.Compute(Events.All(), from, to);

    /// <summary>A runbook server by name (ignoring case).</summary>
    /// <param name="name">The name.</param>
    /// <returns>Its state.</returns>
    /// <exception cref="UnknownServerException">No such server; the message names those that exist.</exception>
    public ServerState GetServer(string name) => Locked(() => ToState(_farm.GetServer(name)));

    /// <summary>A runbook by path (ignoring case).</summary>
    /// <param name="path">The path.</param>
    /// <returns>Its state.</returns>
    /// <exception cref="UnknownRunbookException">No such runbook; the message names those that exist.</exception>
    public RunbookState GetRunbook(string path) => Locked(() => ToState(Runbook(path)));

    /// <summary>A job by id.</summary>
    /// <param name="jobId">The id.</param>
    /// <returns>Its state.</returns>
    /// <exception cref="ArgumentException">No such job.</exception>
    public JobState GetJob(Guid jobId) => Locked(() => ToState(Job(jobId)));

    /// <summary>Reads a server's configured max jobs (the simulator's stand-in for <c>dbo.ACTIONSERVERS.MaxRunningPolicies</c>).</summary>
    /// <param name="server">The server's name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="UnknownServerException">No such server.</exception>
    public int GetMaxJobs(string server) => Locked(() => _farm.GetServer(server).MaxJobs);

    /// <summary>Sets a server's max jobs (1 to 1000). It limits the server at once or after a Runbook Service restart,
    /// as <see cref="SimulatorSettings.ThrottleTakesEffect"/> says; running jobs are never stopped by it.</summary>
    /// <param name="server">The server's name.</param>
    /// <param name="maxJobs">The value.</param>
    /// <returns>False when the value was already set (nothing written or logged).</returns>
    /// <exception cref="UnknownServerException">No such server.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 1-1000; nothing changed.</exception>
    public bool SetMaxJobs(string server, int maxJobs) => Locked(() => _farm.SetMaxJobs(_farm.GetServer(server), maxJobs));

    /// <summary>Reboots a server: its running instances die now (their jobs go back to Pending, counted as
    /// interrupted), and it is back online after <paramref name="downtime"/>. Zero is a Runbook Service restart.</summary>
    /// <param name="server">The server's name.</param>
    /// <param name="downtime">How long it is down.</param>
    /// <exception cref="UnknownServerException">No such server.</exception>
    /// <exception cref="InvalidOperationException">It is already rebooting.</exception>
    public void Reboot(string server, TimeSpan downtime) => Locked(() =>
    {
        _farm.Reboot(_farm.GetServer(server), downtime);
        return true;
    });

    /// <summary>Takes a server offline until <see cref="BringOnline"/>: its running instances die now.</summary>
    /// <param name="server">The server's name.</param>
    /// <returns>False when it was already offline.</returns>
    /// <exception cref="UnknownServerException">No such server.</exception>
    public bool TakeOffline(string server) => Locked(() => _farm.TakeOffline(_farm.GetServer(server)));

    /// <summary>Brings a server back online (also ends a reboot early); it polls one interval later.</summary>
    /// <param name="server">The server's name.</param>
    /// <returns>False when it was already online.</returns>
    /// <exception cref="UnknownServerException">No such server.</exception>
    public bool BringOnline(string server) => Locked(() => _farm.BringOnline(_farm.GetServer(server)));

    /// <summary>Starts the scenario's random arrivals (seeded).</summary>
    /// <returns>False when they already ran.</returns>
    public bool StartWorkload() => Locked(_workload.Start);

    /// <summary>Stops the random arrivals (jobs already created carry on).</summary>
    /// <returns>False when they were not running.</returns>
    public bool StopWorkload() => Locked(_workload.Stop);

    /// <summary>Creates a job as a client would, without going through a web API (for tests and the control surface).</summary>
    /// <param name="runbookPath">The runbook's path.</param>
    /// <param name="parameters">In-parameter values by name.</param>
    /// <param name="servers">The job's own RunbookServers; none when null or empty.</param>
    /// <returns>The new job, Pending.</returns>
    /// <exception cref="UnknownRunbookException">No such runbook.</exception>
    /// <exception cref="UnknownParameterException">A name is not an In-parameter of the runbook.</exception>
    /// <exception cref="UnknownServerException">A server does not exist.</exception>
    public JobState StartJob(string runbookPath, IReadOnlyDictionary<string, string>? parameters = null, IReadOnlyList<string>? servers = null) =>
        Locked(() => ToState(_farm.CreateJob(NewJob.ByName(Runbook(runbookPath), parameters, servers, SimulatorConstants.AnonymousSid), "Control")));

    /// <summary>Asks to stop a job, as the web services' cancel does: it stops at the next poll.</summary>
    /// <param name="jobId">The job.</param>
    /// <returns>False when the job had already ended (nothing to stop).</returns>
    /// <exception cref="ArgumentException">No such job.</exception>
    public bool CancelJob(Guid jobId) => Locked(() => _farm.RequestCancel(Job(jobId), SimulatorConstants.AnonymousSid) != CancelOutcome.AlreadyEnded);

    /// <summary>Adds a fault rule (tried after those already in force).</summary>
    /// <param name="rule">The rule.</param>
    /// <exception cref="ArgumentException">The rule is invalid.</exception>
    public void AddFault(FaultRule rule)
    {
        if (rule is null)
        {
            throw new ArgumentNullException(nameof(rule));
        }

        var problems = rule.Problems().ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException("The fault rule " + string.Join("; ", problems) + ".", nameof(rule));
        }

        Locked(() =>
        {
            _faults.Add(rule);
            return true;
        });
    }

    /// <summary>Removes every fault rule.</summary>
    public void ClearFaults() => Locked(() =>
    {
        _faults.Clear();
        return true;
    });

    /// <summary>An in-process transport to all three surfaces at <see cref="BaseAddress"/>. It answers synchronously
    /// (a completed task), so on a fake clock a whole client/engine/simulator stack runs inline.</summary>
    /// <returns>A handler; give it to an <see cref="HttpClient"/> or to the client's factory as its transport.</returns>
    public HttpMessageHandler CreateHandler() => new InProcessHandler(this);

    /// <summary>Stops the simulator's timer. Requests still work (time then moves only when someone looks).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _clock.Dispose();
        }
    }

    internal SimResponse Handle(SimRequest request) => _core.Handle(request);

    private T Locked<T>(Func<T> action)
    {
        lock (_gate)
        {
            _clock.CatchUp();
            var result = action();
            _clock.CatchUp();
            return result;
        }
    }

    private SimRunbook Runbook(string path) =>
        _farm.FindRunbook(path) ?? throw new UnknownRunbookException(path, _farm.Runbooks.Select(r => r.Path).ToList());

    private SimJob Job(Guid id) => _farm.FindJob(id) ?? throw new ArgumentException($"No job has the id {id}.", nameof(id));

    private ServerState ToState(SimServer s) => new(
        s.Id, s.Name, s.Status, s.MaxJobs, s.EffectiveMaxJobs, s.Running.Count, _farm.PendingJobs.Count(j => _farm.MayRunOn(j, s)), s.BackOnlineAt);

    private static RunbookState ToState(SimRunbook r) => new(
        r.Id,
        r.Path,
        r.Kind,
        r.Concurrency,
        r.Parameters.Select(p => new ParameterState(p.Id, p.Name, p.Type, p.Direction)).ToList(),
        r.Servers.Select(s => s.Name).ToList(),
        r.RunningCount);

    private static JobState ToState(SimJob j) => new()
    {
        Id = j.Id,
        RunbookId = j.Runbook.Id,
        RunbookPath = j.Runbook.Path,
        Kind = j.Runbook.Kind,
        Status = j.Status,
        Server = j.Server?.Name,
        ServerId = j.Server?.Id,
        RunbookServers = j.RunbookServerNames,
        Parameters = j.Parameters.ToDictionary(p => p.Parameter.Name, p => p.Value, StringComparer.Ordinal),
        ParentId = j.ParentId,
        ParentIsWaiting = j.ParentIsWaiting,
        CreationTime = j.CreationTime,
        LastModifiedTime = j.LastModifiedTime,
        StartTime = j.StartTime,
        PlannedEndTime = j.Status == SimulatedJobStatus.Running ? j.PlannedEnd : null,
        CancelRequested = j.CancelRequested,
        Attempts = j.Attempts,
        Interruptions = j.Interruptions,
    };

    private static InstanceState ToState(SimInstance i) =>
        new(i.Id, i.Job.Id, i.Job.Runbook.Id, i.Server.Name, i.Status, i.CreationTime, i.CompletionTime);
}
