using System;
using System.Collections.Generic;
using System.Linq;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Simulator;
using OrchPatch.Simulator.Events;
using OrchPatch.Lab;
using OrchPatch.Simulator.Scenarios;

namespace OrchPatch.Reliability.Tests.Support;

/// <summary>
/// What the farm looked like before an operation (every server's max jobs), and the checks that matter after it:
/// no job lost (every job the farm's own users started ended Completed or is still active), no job started twice
/// (one wait job per drain, never two live copies of a monitor), every server back at its max jobs, no wait job left.
/// </summary>
internal sealed class FarmLedger
{
    /// <summary>Who created a job, as the simulator logs it: these are the farm's own work, not the engine's.</summary>
    private static readonly HashSet<string> FarmSources = new(StringComparer.Ordinal) { "Scenario", "Workload", "Parent", "Control" };

    private readonly SimulatedFarm _farm;

    public FarmLedger(SimulatedFarm farm)
    {
        _farm = farm;
        MaxJobs = farm.Orchestrator.Servers.ToDictionary(s => s.Name, s => s.MaxJobs, StringComparer.OrdinalIgnoreCase);
        Mark = farm.Orchestrator.Events.LastSequence;
        JobCount = farm.Orchestrator.Jobs.Count;
    }

    /// <summary>Max jobs of every server when the ledger was opened.</summary>
    public IReadOnlyDictionary<string, int> MaxJobs { get; }

    /// <summary>The simulator's last event when the ledger was opened.</summary>
    public long Mark { get; }

    /// <summary>How many jobs existed when the ledger was opened.</summary>
    public int JobCount { get; }

    /// <summary>Servers whose max jobs differs from the recorded value now.</summary>
    public IReadOnlyList<string> ServersNotAtRecordedMaxJobs() =>
        _farm.Orchestrator.Servers.Where(s => s.MaxJobs != MaxJobs[s.Name]).Select(s => $"{s.Name} {s.MaxJobs} (was {MaxJobs[s.Name]})").ToArray();

    /// <summary>How many servers are drained now (max jobs below the recorded value): the servers in maintenance.</summary>
    public int ServersInMaintenance() => _farm.Orchestrator.Servers.Count(s => s.MaxJobs < MaxJobs[s.Name]);

    /// <summary>Wait jobs still Pending or Running.</summary>
    public IReadOnlyList<JobState> ActiveWaitJobs() =>
        _farm.Orchestrator.Jobs.Where(j => j.Kind == RunbookKind.Wait && j.Status.IsActive()).ToArray();

    /// <summary>Jobs of the farm's own users that ended other than Completed, or were interrupted by a server going
    /// down under them: lost work.</summary>
    public IReadOnlyList<string> LostJobs()
    {
        var events = _farm.Orchestrator.Events.All();
        var ours = events.OfType<JobCreated>().Where(c => FarmSources.Contains(c.Source) && c.RunbookKind == RunbookKind.Ordinary)
            .Select(c => c.JobId).ToHashSet();
        var ended = events.OfType<JobEnded>().Where(e => ours.Contains(e.JobId) && e.Status != SimulatedJobStatus.Completed)
            .Select(e => $"{e.RunbookPath} (job {e.JobId}) ended {e.Status}");
        var interrupted = events.OfType<JobInterrupted>().Where(e => ours.Contains(e.JobId))
            .Select(e => $"{e.RunbookPath} (job {e.JobId}) interrupted on {e.Server}");
        return ended.Concat(interrupted).ToArray();
    }

    /// <summary>Monitor runbooks with more than one job running now (a monitor running twice). A queued copy is not
    /// counted: Orchestrator runs one job of a monitor at a time, so it cannot run beside the original.</summary>
    public IReadOnlyList<string> DuplicatedMonitors() =>
        _farm.Orchestrator.Jobs.Where(j => j.Kind == RunbookKind.Monitor && j.Status == SimulatedJobStatus.Running)
            .GroupBy(j => j.RunbookPath).Where(g => g.Count() > 1).Select(g => $"{g.Key} x{g.Count()}").ToArray();

    /// <summary>Monitor runbooks with no live job now (a monitor lost).</summary>
    public IReadOnlyList<string> StoppedMonitors()
    {
        var monitors = _farm.Orchestrator.Runbooks.Where(r => r.IsMonitor).Select(r => r.Path);
        var live = _farm.Orchestrator.Jobs.Where(j => j.Kind == RunbookKind.Monitor && j.Status.IsActive()).Select(j => j.RunbookPath).ToHashSet();
        return monitors.Where(m => !live.Contains(m)).ToArray();
    }

    /// <summary>Monitor jobs queued behind a running job of the same monitor (left by a crash between starting a
    /// copy and canceling the original).</summary>
    public int QueuedMonitorCopies() =>
        _farm.Orchestrator.Jobs.Count(j => j.Kind == RunbookKind.Monitor && j.Status == SimulatedJobStatus.Pending);

    /// <summary>Pending jobs of a monitor queued beside another active job of it with the same parameters: a copy that
    /// would run as soon as the original ends (the monitor would then have moved without anyone deciding it, or run
    /// twice where the runbook allows parallel jobs).</summary>
    public IReadOnlyList<string> PendingMonitorCopies() =>
        _farm.Orchestrator.Jobs.Where(j => j.Kind == RunbookKind.Monitor && j.Status == SimulatedJobStatus.Pending)
            .Where(p => _farm.Orchestrator.Jobs.Any(o => o.Id != p.Id && o.RunbookPath == p.RunbookPath && o.Status.IsActive() && SameParameters(o, p)))
            .Select(p => $"{p.RunbookPath} (job {p.Id}) pending beside another job of it").ToArray();

    /// <summary>Jobs queued or running that no one owns: ones the engine created since the ledger was opened (other
    /// than wait jobs, counted by <see cref="ActiveWaitJobs"/>) that are still active beside another active job of the
    /// same runbook with the same parameters (a duplicate monitor, a moved job whose original still runs), and engine
    /// jobs of runbooks the farm's users never run (a canary left behind).</summary>
    public IReadOnlyList<string> GhostJobs()
    {
        var created = _farm.Orchestrator.Events.Since(Mark).OfType<JobCreated>()
            .Where(c => !FarmSources.Contains(c.Source) && c.RunbookKind != RunbookKind.Wait).Select(c => c.JobId).ToHashSet();
        var farmRunbooks = _farm.Orchestrator.Events.All().OfType<JobCreated>().Where(c => FarmSources.Contains(c.Source)).Select(c => c.RunbookPath).ToHashSet();
        var jobs = _farm.Orchestrator.Jobs;
        return jobs.Where(j => created.Contains(j.Id) && j.Status.IsActive())
            .Where(j => !farmRunbooks.Contains(j.RunbookPath) || jobs.Any(o => o.Id != j.Id && o.RunbookPath == j.RunbookPath && o.Status.IsActive() && SameParameters(o, j)))
            .Select(j => $"{j.RunbookPath} (job {j.Id}, {j.Status}{(j.Server is null ? string.Empty : " on " + j.Server)})").ToArray();
    }

    private static bool SameParameters(JobState a, JobState b) =>
        a.Parameters.Count == b.Parameters.Count && a.Parameters.All(p => b.Parameters.TryGetValue(p.Key, out var v) && v == p.Value);

    /// <summary>Wait jobs the engine created since the ledger was opened, per server named in their record.</summary>
    public IReadOnlyDictionary<string, int> WaitJobsCreatedPerServer()
    {
        var created = _farm.Orchestrator.Events.Since(Mark).OfType<JobCreated>().Where(c => c.RunbookKind == RunbookKind.Wait).Select(c => c.JobId).ToHashSet();
        return _farm.Orchestrator.Jobs.Where(j => created.Contains(j.Id))
            .GroupBy(j => j.Parameters.TryGetValue("Server", out var s) ? s : "?", StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Changes to the farm since the ledger was opened: jobs created (other than by the farm's own users) or
    /// cancel requested, max jobs set.</summary>
    public IReadOnlyList<string> Changes() =>
        _farm.Orchestrator.Events.Since(Mark).Where(e => (e is JobCreated c0 && !FarmSources.Contains(c0.Source)) || e is JobCancelRequested or MaxJobsChanged).Select(e => e switch
        {
            JobCreated c => $"created {c.RunbookPath} (job {c.JobId}, by {c.Source})",
            JobCancelRequested c => $"cancel requested for {c.RunbookPath} (job {c.JobId})",
            MaxJobsChanged m => $"max jobs of {m.Server} {m.Previous} -> {m.MaxJobs}",
            _ => e.ToString(),
        }).ToArray();
}
