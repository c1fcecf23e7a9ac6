using System;
using System.Collections.Generic;
using System.Linq;
using OrchPatch.Simulator.Events;
using OrchPatch.Simulator.Scenarios;

using OrchPatch.Simulator.Wire;

namespace OrchPatch.Simulator.Runtime;

/// <summary>The simulated farm: servers, runbooks, jobs and instances, and the Runbook Service's rules (poll, pick up,
/// stop, fire, interrupt). Every state change is logged as an event at the simulated time it happens.</summary>
/// <remarks>Not thread-safe on its own: the simulator calls it under its lock only.</remarks>
internal sealed class Farm
{
    private readonly SimulatorSettings _settings;
    private readonly SimulationClock _clock;
    private readonly EventLog _log;
    private readonly IdSource _ids;
    private readonly Random _draws;
    private readonly List<SimServer> _servers;
    private readonly List<SimRunbook> _runbooks;
    private readonly List<SimJob> _jobs = new();
    private readonly Dictionary<Guid, SimJob> _jobsById = new();
    private readonly SortedDictionary<long, SimJob> _pending = new();

    // Pending and Running jobs in creation order: an active-jobs query reads these instead of the whole history.
    private readonly SortedDictionary<long, SimJob> _active = new();
    private readonly List<SimInstance> _instances = new();
    private long _order;

    public Farm(Scenario scenario, SimulatorSettings settings, SimulationClock clock, EventLog log)
    {
        _settings = settings;
        _clock = clock;
        _log = log;
        _ids = new IdSource(scenario.Seed);
        _draws = new Random(scenario.Seed);
        _servers = scenario.Servers
            .Select((s, i) => new SimServer(s.Id ?? IdSource.FromName("server", s.Name), s.Name, s.MaxJobs, i))
            .ToList();
        _runbooks = scenario.Runbooks.Select(CreateRunbook).ToList();
        Scenario = scenario;
    }

    public Scenario Scenario { get; }

    public IReadOnlyList<SimServer> Servers => _servers;

    public IReadOnlyList<SimRunbook> Runbooks => _runbooks;

    /// <summary>Every job ever created, oldest first (so also in order of <see cref="SimJob.CreationTime"/>: jobs are
    /// only created at the clock's now, which never goes back).</summary>
    public IReadOnlyList<SimJob> Jobs => _jobs;

    /// <summary>The Pending and Running jobs, oldest first.</summary>
    public IReadOnlyCollection<SimJob> ActiveJobs => _active.Values;

    public IReadOnlyList<SimInstance> Instances => _instances;

    public IEnumerable<SimJob> PendingJobs => _pending.Values;

    public DateTimeOffset Now => _clock.Now;

    /// <summary>Now on the service's own clock (<see cref="SimulatorSettings.ClockOffset"/> from the simulation's):
    /// what job and instance times are stamped with and the Date header says. Scheduling stays on <see cref="Now"/>.</summary>
    public DateTimeOffset ServiceNow => _clock.Now + _settings.ClockOffset;

    /// <summary>Logs the servers, starts their Runbook Services (out of step) and creates the scenario's initial jobs.</summary>
    public void Begin()
    {
        foreach (var server in _servers)
        {
            _log.Append(new ServerRegistered { Server = server.Name, ServerId = server.Id, MaxJobs = server.MaxJobs }, Now);
        }

        // Server i of n first polls at (i + 1) / n of an interval, so no two poll in lockstep.
        foreach (var server in _servers)
        {
            var phase = TimeSpan.FromTicks(_settings.RunbookServicePollInterval.Ticks * (server.Index + 1) / _servers.Count);
            server.NextPoll = _clock.ScheduleAfter(phase, () => Poll(server));
        }

        foreach (var initial in Scenario.InitialJobs)
        {
            var runbook = FindRunbook(initial.RunbookPath)!;
            CreateJob(NewJob.ByName(runbook, initial.Parameters, initial.Servers, SimulatorConstants.AnonymousSid), "Scenario");
        }
    }

    public SimServer? FindServer(string name) => _servers.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    public SimServer? FindServer(Guid id) => _servers.FirstOrDefault(s => s.Id == id);

    public SimServer GetServer(string name) =>
        FindServer(name) ?? throw new UnknownServerException(name, _servers.Select(s => s.Name).ToArray());

    public SimRunbook? FindRunbook(string path) => _runbooks.FirstOrDefault(r => string.Equals(r.Path, path, StringComparison.OrdinalIgnoreCase));

    public SimRunbook? FindRunbook(Guid id) => _runbooks.FirstOrDefault(r => r.Id == id);

    public SimJob? FindJob(Guid id) => _jobsById.TryGetValue(id, out var job) ? job : null;

    /// <summary>Resolves a job's RunbookServers (names, case-insensitive as Windows computer names are).</summary>
    /// <exception cref="UnknownServerException">A name is not a runbook server.</exception>
    public IReadOnlyList<SimServer> ResolveServers(IEnumerable<string> names) => names.Select(GetServer).Distinct().ToList();

    /// <summary>Creates a Pending job. Its run time and outcome are drawn now, once, so a restart repeats them.</summary>
    public SimJob CreateJob(NewJob request, string source)
    {
        var runbook = request.Runbook;
        var targets = ResolveServers(request.ServerNames);
        var job = new SimJob(_ids.Next(), ++_order, runbook, ServiceNow, request.CreatedBy)
        {
            RunbookServerNames = request.ServerNames.ToArray(),
            TargetServers = targets,
            Parameters = request.Parameters.ToArray(),
            ParentId = request.ParentId,
            ParentIsWaiting = request.ParentIsWaiting,
            PlannedDuration = runbook.IsMonitor ? null : runbook.Spec.Duration.Sample(_draws),
            WillFail = runbook.Spec.FailureRate > 0 && _draws.NextDouble() < runbook.Spec.FailureRate,
        };
        _jobs.Add(job);
        _jobsById.Add(job.Id, job);
        _pending.Add(job.Order, job);
        _active.Add(job.Order, job);
        Log(job, new JobCreated
        {
            RunbookServers = job.RunbookServerNames,
            ParentId = job.ParentId,
            CreatedBy = job.CreatedBy,
            Source = source,
        });
        return job;
    }

    /// <summary>Asks to stop a job: the Runbook Service acts at its next poll (or at once for a Pending job when
    /// <see cref="PendingCancelTiming.Immediately"/> applies).</summary>
    public CancelOutcome RequestCancel(SimJob job, string by)
    {
        if (job.Status == SimulatedJobStatus.Canceled)
        {
            return CancelOutcome.AlreadyCanceled;
        }

        if (!job.IsActive)
        {
            return CancelOutcome.AlreadyEnded;
        }

        if (job.CancelRequested)
        {
            return CancelOutcome.AlreadyRequested;
        }

        job.CancelRequested = true;
        job.LastModifiedTime = ServiceNow;
        job.LastModifiedBy = by;
        Log(job, new JobCancelRequested { By = by });
        if (job.Status == SimulatedJobStatus.Pending && _settings.PendingCancel == PendingCancelTiming.Immediately)
        {
            CancelPending(job);
        }

        return CancelOutcome.Requested;
    }

    /// <summary>Sets a server's configured max jobs; it limits the server at once or after a service restart.</summary>
    /// <returns>False when the value was already set (nothing written, nothing logged).</returns>
    public bool SetMaxJobs(SimServer server, int maxJobs)
    {
        if (maxJobs < MaxJobsLimits.Min || maxJobs > MaxJobsLimits.Max)
        {
            throw new ArgumentOutOfRangeException(
                nameof(maxJobs), maxJobs, $"Max jobs for {server.Name} must be in range [{MaxJobsLimits.Min}-{MaxJobsLimits.Max}]; got {maxJobs}. Nothing was changed.");
        }

        if (server.MaxJobs == maxJobs)
        {
            return false;
        }

        var previous = server.MaxJobs;
        server.MaxJobs = maxJobs;
        if (_settings.ThrottleTakesEffect == ThrottleActivation.Immediately)
        {
            server.EffectiveMaxJobs = maxJobs;
        }

        _log.Append(new MaxJobsChanged { Server = server.Name, Previous = previous, MaxJobs = maxJobs, EffectiveMaxJobs = server.EffectiveMaxJobs }, Now);
        return true;
    }

    /// <summary>Takes a server down until <see cref="BringOnline"/>: its running instances die.</summary>
    /// <returns>False when it was already offline.</returns>
    public bool TakeOffline(SimServer server)
    {
        if (server.Status == ServerStatus.Offline)
        {
            return false;
        }

        var wasOnline = server.IsOnline;
        server.ComingBack?.Cancel();
        server.ComingBack = null;
        server.BackOnlineAt = null;
        server.Status = ServerStatus.Offline;
        StopService(server, wasOnline, reboot: false);
        return true;
    }

    /// <summary>Reboots a server: down now (its running instances die), back after <paramref name="downtime"/>.
    /// A downtime of zero is a Runbook Service restart.</summary>
    public void Reboot(SimServer server, TimeSpan downtime)
    {
        if (downtime < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(downtime), downtime, $"The downtime of a reboot of {server.Name} must not be negative.");
        }

        if (server.Status == ServerStatus.Rebooting)
        {
            throw new InvalidOperationException($"{server.Name} is already rebooting; it is back online at {server.BackOnlineAt:u}.");
        }

        var wasOnline = server.IsOnline;
        server.Status = ServerStatus.Rebooting;
        server.BackOnlineAt = Now + downtime;
        StopService(server, wasOnline, reboot: true);
        server.ComingBack = _clock.Schedule(server.BackOnlineAt.Value, () => StartService(server, afterReboot: true));
    }

    /// <summary>Brings a server back (ends an offline period or a reboot early).</summary>
    /// <returns>False when it was already online.</returns>
    public bool BringOnline(SimServer server)
    {
        if (server.IsOnline)
        {
            return false;
        }

        server.ComingBack?.Cancel();
        StartService(server, afterReboot: server.Status == ServerStatus.Rebooting);
        return true;
    }

    /// <summary>Whether <paramref name="server"/> may take <paramref name="job"/> now (the dispatch rule, README).</summary>
    public bool MayTake(SimServer server, SimJob job)
    {
        if (!server.IsOnline || !server.HasFreeSlot || job.CancelRequested || job.Status != SimulatedJobStatus.Pending)
        {
            return false;
        }

        if (job.Runbook.RunningCount >= job.Runbook.Concurrency)
        {
            return false;
        }

        var (candidates, ordered) = Candidates(job);
        if (candidates.Count == 0)
        {
            return true;
        }

        var position = candidates.IndexOf(server);
        if (position < 0)
        {
            return false;
        }

        // Primary/Standby: a later server takes the job only while every earlier one is offline or full.
        return !ordered || candidates.Take(position).All(earlier => !earlier.IsOnline || !earlier.HasFreeSlot);
    }

    /// <summary>Whether a Pending job could ever run on <paramref name="server"/> (ignoring load).</summary>
    public bool MayRunOn(SimJob job, SimServer server)
    {
        var (candidates, _) = Candidates(job);
        return candidates.Count == 0 || candidates.Contains(server);
    }

    private (List<SimServer> Servers, bool Ordered) Candidates(SimJob job) =>
        job.TargetServers.Count > 0
            ? (job.TargetServers.ToList(), _settings.JobServerOrder == JobServerOrder.InOrder)
            : (job.Runbook.Servers.ToList(), true);

    /// <summary>One poll of a server's Runbook Service: stop what was canceled, then take Pending work, oldest first.</summary>
    private void Poll(SimServer server)
    {
        server.NextPoll = null;
        if (!server.IsOnline)
        {
            return;
        }

        foreach (var job in server.Running.Where(j => j.CancelRequested).ToList())
        {
            // Ending one job can complete its waiting parent, which may be in this list too.
            if (job.Status == SimulatedJobStatus.Running)
            {
                EndRun(job, SimulatedJobStatus.Canceled, InstanceStatuses.Canceled, reason: null);
            }
        }

        if (_settings.PendingCancel == PendingCancelTiming.NextPoll)
        {
            foreach (var job in _pending.Values.Where(j => j.CancelRequested).ToList())
            {
                CancelPending(job);
            }
        }

        foreach (var job in _pending.Values.ToList())
        {
            if (!server.HasFreeSlot)
            {
                break;
            }

            if (MayTake(server, job))
            {
                StartRun(job, server);
            }
        }

        server.NextPoll = _clock.ScheduleAfter(_settings.RunbookServicePollInterval, () => Poll(server));
    }

    private void StartRun(SimJob job, SimServer server)
    {
        _pending.Remove(job.Order);
        job.Status = SimulatedJobStatus.Running;
        job.Server = server;
        job.Attempts++;
        job.StartTime = job.LastModifiedTime = ServiceNow;
        job.PlannedEnd = job.PlannedDuration is { } duration ? Now + duration : null;
        job.AwaitingChildren = false;
        job.WaitingFor.Clear();
        server.Running.Add(job);
        job.Runbook.RunningCount++;
        Log(job, new JobStarted { Server = server.Name, Attempt = job.Attempts, PlannedEnd = job.PlannedEnd });
        BeginInstance(job);

        if (job.Runbook.IsMonitor)
        {
            job.NextStep = _clock.ScheduleAfter(job.Runbook.Spec.TriggerInterval, () => Fire(job));
        }
        else if (job.PlannedEnd is { } end)
        {
            job.NextStep = _clock.Schedule(end, () => FinishOwnWork(job));
        }

        foreach (var child in job.Runbook.Spec.Children)
        {
            var childRunbook = FindRunbook(child.RunbookPath)!;
            var request = new NewJob(childRunbook, Array.Empty<SimParameterValue>(), child.OnParentServer ? new[] { server.Name } : Array.Empty<string>(), job.CreatedBy)
            {
                ParentId = job.Id,
                ParentIsWaiting = child.Wait,
            };
            var created = CreateJob(request, "Parent");
            if (child.Wait)
            {
                job.WaitingFor.Add(created);
            }
        }
    }

    /// <summary>A monitor fired: its instance ends and a new one starts, so at most one runs at a time.</summary>
    private void Fire(SimJob job)
    {
        EndInstance(job, InstanceStatuses.Success);
        BeginInstance(job);
        job.NextStep = _clock.ScheduleAfter(job.Runbook.Spec.TriggerInterval, () => Fire(job));
    }

    private void FinishOwnWork(SimJob job)
    {
        job.NextStep = null;
        if (job.WaitingFor.Any(c => c.IsActive))
        {
            job.AwaitingChildren = true;
            return;
        }

        Complete(job);
    }

    private void Complete(SimJob job)
    {
        var failedChild = job.WaitingFor.FirstOrDefault(c => c.Status is SimulatedJobStatus.Failed or SimulatedJobStatus.Canceled);
        if (job.WillFail || failedChild is not null)
        {
            EndRun(job, SimulatedJobStatus.Failed, InstanceStatuses.Failed, job.WillFail ? "the runbook failed" : $"the child job {failedChild!.Id} ended {failedChild.Status.ToWire()}");
        }
        else
        {
            EndRun(job, SimulatedJobStatus.Completed, InstanceStatuses.Success, reason: null);
        }
    }

    private void EndRun(SimJob job, SimulatedJobStatus status, string instanceStatus, string? reason)
    {
        job.NextStep?.Cancel();
        job.NextStep = null;
        var server = job.Server!;
        EndInstance(job, instanceStatus);
        server.Running.Remove(job);
        job.Runbook.RunningCount--;
        job.Status = status;
        _active.Remove(job.Order);
        job.LastModifiedTime = ServiceNow;
        job.AwaitingChildren = false;
        LogEnd(job, server.Name, reason);
        NotifyParent(job);
    }

    private void CancelPending(SimJob job)
    {
        _pending.Remove(job.Order);
        _active.Remove(job.Order);
        job.Status = SimulatedJobStatus.Canceled;
        job.LastModifiedTime = ServiceNow;
        LogEnd(job, job.Server?.Name, reason: null);
        NotifyParent(job);
    }

    private void NotifyParent(SimJob child)
    {
        if (child.ParentId is { } parentId && FindJob(parentId) is { AwaitingChildren: true, Status: SimulatedJobStatus.Running } parent
            && parent.WaitingFor.Contains(child) && parent.WaitingFor.All(c => !c.IsActive))
        {
            Complete(parent);
        }
    }

    private void StopService(SimServer server, bool wasOnline, bool reboot)
    {
        server.NextPoll?.Cancel();
        server.NextPoll = null;
        _log.Append(new ServerOffline { Server = server.Name, Reboot = reboot, BackOnlineAt = server.BackOnlineAt }, Now);
        if (wasOnline)
        {
            foreach (var job in server.Running.ToList())
            {
                Interrupt(job, server);
            }
        }
    }

    private void StartService(SimServer server, bool afterReboot)
    {
        server.ComingBack = null;
        server.BackOnlineAt = null;
        server.Status = ServerStatus.Online;
        _log.Append(new ServerOnline { Server = server.Name, AfterReboot = afterReboot }, Now);
        if (server.EffectiveMaxJobs != server.MaxJobs)
        {
            // A restarted Runbook Service reads the throttle afresh.
            server.EffectiveMaxJobs = server.MaxJobs;
            _log.Append(new MaxJobsChanged { Server = server.Name, Previous = server.MaxJobs, MaxJobs = server.MaxJobs, EffectiveMaxJobs = server.EffectiveMaxJobs }, Now);
        }

        server.NextPoll = _clock.ScheduleAfter(_settings.RunbookServicePollInterval, () => Poll(server));
    }

    /// <summary>The running instance dies with its server; the job goes back to Pending (or fails, by setting).</summary>
    private void Interrupt(SimJob job, SimServer server)
    {
        job.NextStep?.Cancel();
        job.NextStep = null;
        EndInstance(job, InstanceStatuses.Failed);
        server.Running.Remove(job);
        job.Runbook.RunningCount--;
        job.Interruptions++;
        job.LastModifiedTime = ServiceNow;
        var requeue = _settings.InterruptedJobs == InterruptedJobHandling.Requeue;
        Log(job, new JobInterrupted { Server = server.Name, Requeued = requeue });
        if (!requeue)
        {
            job.Status = SimulatedJobStatus.Failed;
            _active.Remove(job.Order);
            LogEnd(job, server.Name, "its server went down");
            NotifyParent(job);
            return;
        }

        job.Status = SimulatedJobStatus.Pending;
        job.Server = null;
        job.PlannedEnd = null;
        job.AwaitingChildren = false;
        job.WaitingFor.Clear();
        _pending.Add(job.Order, job);
        if (job.CancelRequested && _settings.PendingCancel == PendingCancelTiming.Immediately)
        {
            CancelPending(job);
        }
    }

    private void BeginInstance(SimJob job)
    {
        var instance = new SimInstance(_ids.Next(), job, job.Server!, ServiceNow);
        _instances.Add(instance);
        job.CurrentInstance = instance;
        Log(job, new InstanceStarted { InstanceId = instance.Id, Server = instance.Server.Name });
    }

    private void EndInstance(SimJob job, string status)
    {
        var instance = job.CurrentInstance!;
        instance.Status = status;
        instance.CompletionTime = ServiceNow;
        job.CurrentInstance = null;
        Log(job, new InstanceEnded { InstanceId = instance.Id, Server = instance.Server.Name, Status = status });
    }

    private void LogEnd(SimJob job, string? server, string? reason)
    {
        JobEnded ended = job.Status switch
        {
            SimulatedJobStatus.Completed => new JobCompleted(),
            SimulatedJobStatus.Failed => new JobFailed { Reason = reason ?? string.Empty },
            SimulatedJobStatus.Canceled => new JobCanceled(),
            _ => throw new InvalidOperationException($"Bug in OrchPatch simulator: job {job.Id} ended with status {job.Status}."),
        };
        Log(job, ended with { Server = server });
    }

    private void Log(SimJob job, JobEvent jobEvent) =>
        _log.Append(jobEvent with { JobId = job.Id, RunbookId = job.Runbook.Id, RunbookPath = job.Runbook.Path, RunbookKind = job.Runbook.Kind }, Now);

    private SimRunbook CreateRunbook(RunbookSpec spec)
    {
        var id = spec.Id ?? IdSource.FromName("runbook", spec.Path);
        var folder = spec.Path.Substring(0, Math.Max(spec.Path.LastIndexOf('\\'), 0));
        var parameters = spec.Parameters
            .Select(p => new SimParameter(p.Id ?? IdSource.FromName("parameter", spec.Path + "\\" + p.Name), id, p.Name, p.Type, p.Direction))
            .ToList();
        var servers = spec.Servers.Select(GetServer).ToList();
        return new SimRunbook(spec, id, IdSource.FromName("folder", folder), parameters, servers, _clock.Start);
    }
}

/// <summary>A request to create a job, resolved to the farm's objects.</summary>
internal sealed record NewJob(SimRunbook Runbook, IReadOnlyList<SimParameterValue> Parameters, IReadOnlyList<string> ServerNames, string CreatedBy)
{
    public Guid? ParentId { get; init; }

    public bool? ParentIsWaiting { get; init; }

    /// <summary>Resolves parameter names (In-parameters only).</summary>
    /// <exception cref="UnknownParameterException">A name is not an In-parameter of the runbook.</exception>
    public static NewJob ByName(SimRunbook runbook, IReadOnlyDictionary<string, string>? parameters, IReadOnlyList<string>? servers, string createdBy)
    {
        var values = new List<SimParameterValue>();
        foreach (var pair in parameters ?? new Dictionary<string, string>())
        {
            var parameter = runbook.InParameters.FirstOrDefault(p => string.Equals(p.Name, pair.Key, StringComparison.Ordinal))
                ?? throw new UnknownParameterException(runbook, pair.Key);
            values.Add(new SimParameterValue(parameter, pair.Value ?? string.Empty));
        }

        return new NewJob(runbook, values, servers ?? Array.Empty<string>(), createdBy);
    }
}

/// <summary>What a cancel request found.</summary>
internal enum CancelOutcome
{
    Requested,
    AlreadyRequested,
    AlreadyCanceled,
    AlreadyEnded,
}
