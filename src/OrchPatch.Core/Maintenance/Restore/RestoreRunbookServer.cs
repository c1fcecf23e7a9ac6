using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Core.Throttle;
using OrchPatch.Core.Utils;

namespace OrchPatch.Core.Maintenance;

/// <summary>
/// Ends the maintenance of a runbook server: health gate, max jobs back to the recorded value, wait job canceled and
/// confirmed. Idempotent: a server not in maintenance is left alone, with a warning.
/// </summary>
/// <remarks>
/// The record is read from the wait job's parameters, so a restore works after a crash, from another computer, or from
/// a runbook that runs long after the drain. If the wait job died with the server (a reboot may end it), its last
/// record is still found while max jobs reads 1.
/// </remarks>
public sealed class RestoreRunbookServer
{
    private readonly MaintenanceContext _context;
    private readonly RestoreOptions _options;

    /// <summary>Creates the operation; the options are validated here.</summary>
    /// <param name="context">The web service, throttle, clock and settings.</param>
    /// <param name="options">How to restore.</param>
    /// <exception cref="OptionsValidationException">An option is invalid.</exception>
    public RestoreRunbookServer(MaintenanceContext context, RestoreOptions options)
    {
        _context = Guard.NotNull(context);
        _options = Guard.NotNull(options);
        OptionsValidation.Validate(options);
    }

    /// <summary>Restores the server.</summary>
    /// <param name="serverName">The runbook server.</param>
    /// <param name="cancellationToken">Stops the restore; the server then stays drained.</param>
    /// <returns>The result.</returns>
    /// <exception cref="MaintenanceRefusedException">Bad input (unknown server, wait job or canary); nothing changed.</exception>
    /// <exception cref="HealthGateFailedException">The server did not prove healthy; it stays drained.</exception>
    /// <exception cref="MaintenanceFailedException">A step failed; the message says what state was left.</exception>
    public async Task<RestoreResult> RunAsync(string serverName, CancellationToken cancellationToken = default)
    {
        Guard.NotNullOrWhiteSpace(serverName);
        var startedAt = _context.Now;
        var farm = new FarmView(_context);
        var warnings = new List<string>();

        // 1. Check the input: the server, the Wait Runbook and the canary exist. Nothing has changed yet.
        var server = await farm.FindServerAsync(serverName, RestoreMessages.Operation, cancellationToken).ConfigureAwait(false);
        var waitRunbook = await farm.WaitRunbookAsync(server.Name, RestoreMessages.Operation, cancellationToken).ConfigureAwait(false);
        var canary = await FindCanaryAsync(server, cancellationToken).ConfigureAwait(false);
        _context.Report(server.Name, MaintenanceEventKind.StepStarted, RestoreMessages.Restoring(server.Name));

        // 2. Find the maintenance: the active records, else the last one whose wait job ended while max jobs reads 1.
        var records = await FindRecordsAsync(farm, server, waitRunbook, cancellationToken).ConfigureAwait(false);
        var record = records.Count > 0
            ? records[0]
            : await FindOrphanAsync(farm, server, waitRunbook, warnings, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return await NoMaintenanceAsync(server, startedAt, warnings, cancellationToken).ConfigureAwait(false);
        }

        // 3. The health gate: the server runs work again (and the canary, if any); otherwise it stays drained.
        var health = await HealthGateAsync(server, record, canary, cancellationToken).ConfigureAwait(false);

        // 4. Undo half-finished monitor moves, before max jobs goes back and the wait job ends: while the record stands,
        // a restore killed here and run again still finds the copy by it.
        var undone = await UndoHalfFinishedMovesAsync(farm, server, record, cancellationToken).ConfigureAwait(false);

        // 5. Give back max jobs.
        var maxJobs = _options.MaxJobs ?? record.PreviousMaxJobs;
        await SetMaxJobsAsync(server, maxJobs, record, cancellationToken).ConfigureAwait(false);

        // 6. End the wait jobs, which ends the maintenance record.
        await EndWaitJobsAsync(server, records, maxJobs, warnings, cancellationToken).ConfigureAwait(false);

        foreach (var warning in warnings)
        {
            _context.Report(server.Name, MaintenanceEventKind.Warning, warning);
        }

        _context.Report(server.Name, MaintenanceEventKind.StepFinished, RestoreMessages.TakesWorkAgain(server.Name, maxJobs));
        return new RestoreResult
        {
            Server = server.Name,
            Outcome = RestoreOutcome.Restored,
            MaxJobsRestored = maxJobs,
            WaitJobId = record.WaitJobId,
            HealthCheckResult = health,
            MovesUndone = undone,
            StartedAt = startedAt,
            FinishedAt = _context.Now,
            Warnings = warnings,
        };
    }

    /// <summary>No maintenance to end: with an explicit max jobs, set it as asked; otherwise change nothing.</summary>
    private async Task<RestoreResult> NoMaintenanceAsync(RunbookServer server, DateTimeOffset startedAt, List<string> warnings, CancellationToken cancellationToken)
    {
        if (_options.MaxJobs is not { } explicitMaxJobs)
        {
            return NotInMaintenance(server, startedAt, warnings);
        }

        await SetMaxJobsAsync(server, explicitMaxJobs, null, cancellationToken).ConfigureAwait(false);
        warnings.Add(RestoreMessages.MaxJobsSetAsAsked(server.Name, explicitMaxJobs));
        return new RestoreResult { Server = server.Name, Outcome = RestoreOutcome.Restored, MaxJobsRestored = explicitMaxJobs, HealthCheckResult = RestoreMessages.NotRunNoMaintenance, StartedAt = startedAt, FinishedAt = _context.Now, Warnings = warnings };
    }

    /// <summary>Cancels every active wait job of the server and waits for each to end.</summary>
    private async Task EndWaitJobsAsync(RunbookServer server, IReadOnlyList<MaintenanceRecord> records, int maxJobs, List<string> warnings, CancellationToken cancellationToken)
    {
        foreach (var active in records)
        {
            try
            {
                await CancelWaitJobAsync(server, active.WaitJobId, warnings, cancellationToken).ConfigureAwait(false);
            }
            catch (OrchestratorException ex)
            {
                // Max jobs is already back (no web-service permission guards the throttle): say so, and how to finish.
                throw new MaintenanceFailedException(
                    server.Name,
                    RestoreMessages.CouldNotCancelWaitJob(active.WaitJobId, server.Name, ex.Message),
                    RestoreMessages.WaitJobStillRuns(maxJobs, active.WaitJobId),
                    ex);
            }
        }
    }

    /// <summary>A drain killed between starting a monitor's copy and stopping the original leaves both: the original
    /// running on this server, the copy queued (or running) elsewhere. The server takes work again, so the original
    /// stays where it runs (no gap in monitoring) and the copy is canceled and confirmed ended.</summary>
    private async Task<IReadOnlyList<UndoneMove>> UndoHalfFinishedMovesAsync(FarmView farm, RunbookServer server, MaintenanceRecord record, CancellationToken cancellationToken)
    {
        var active = await _context.Service.GetJobsAsync(JobQuery.Active, cancellationToken).ConfigureAwait(false);
        var copies = MonitorCopies.OfMoveOff(await MonitorCopies.FindAsync(farm, active, cancellationToken).ConfigureAwait(false), record);
        if (copies.Count == 0)
        {
            return Array.Empty<UndoneMove>();
        }

        var waitJobCreatedBy = active.FirstOrDefault(j => j.Id == record.WaitJobId)?.CreatedBy
            ?? (await _context.Service.GetJobAsync(record.WaitJobId, cancellationToken).ConfigureAwait(false)).CreatedBy;
        var undone = new List<UndoneMove>();
        foreach (var copy in copies.Where(c => MonitorCopies.SameCreator(active.First(j => j.Id == c.CopyJobId).CreatedBy, waitJobCreatedBy)))
        {
            bool ended;
            try
            {
                ended = await JobEnding.CancelAndWaitAsync(_context, copy.CopyJobId, _context.Settings.PollInterval, cancellationToken).ConfigureAwait(false);
            }
            catch (OrchestratorException ex)
            {
                throw new MaintenanceFailedException(
                    server.Name,
                    RestoreMessages.CouldNotCancelCopy(copy.CopyJobId, copy.RunbookPath, server.Name, ex.Message),
                    RestoreMessages.CopyMayStillBeQueued(record.WaitJobId, copy.OriginalJobId),
                    ex);
            }

            var move = new UndoneMove(copy.RunbookPath, copy.OriginalJobId, copy.CopyJobId, server.Name, ended);
            _context.Report(server.Name, ended ? MaintenanceEventKind.StepFinished : MaintenanceEventKind.Warning, move.Describe() + ".");
            undone.Add(move);
        }

        return undone;
    }

    /// <summary>Whether jobs other than the wait job and the canary fill the server's slots.</summary>
    private async Task<bool> SlotTakenAsync(RunbookServer server, MaintenanceRecord record, Guid canaryJobId, int slots, CancellationToken cancellationToken)
    {
        var running = await _context.Service.GetJobsAsync(JobQuery.ActiveOn(server.Id) with { Statuses = new[] { JobStatus.Running } }, cancellationToken).ConfigureAwait(false);
        return running.Count(j => j.Id != record.WaitJobId && j.Id != canaryJobId) >= slots - 1;
    }

    private async Task<Runbook?> FindCanaryAsync(RunbookServer server, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(_options.CanaryRunbookPath))
        {
            return null;
        }

        try
        {
            return await _context.Service.FindRunbookAsync(_options.CanaryRunbookPath!, cancellationToken).ConfigureAwait(false);
        }
        catch (RunbookNotFoundException ex)
        {
            throw new MaintenanceRefusedException(server.Name, RestoreMessages.Operation, new[] { RestoreMessages.CanaryNotFound(ex.Message) });
        }
    }

    /// <summary>The active records for this server, earliest first (the given wait job when there is one).</summary>
    private async Task<IReadOnlyList<MaintenanceRecord>> FindRecordsAsync(FarmView farm, RunbookServer server, Runbook waitRunbook, CancellationToken cancellationToken)
    {
        if (_options.WaitJobId is not { } id)
        {
            return (await farm.ActiveRecordsAsync(server.Name, RestoreMessages.Operation, cancellationToken).ConfigureAwait(false)).Where(r => r.IsFor(server.Name)).ToArray();
        }

        Job job;
        try
        {
            job = await _context.Service.GetJobAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (JobNotFoundException ex)
        {
            throw new MaintenanceRefusedException(server.Name, RestoreMessages.Operation, new[] { ex.Message });
        }

        if (job.RunbookId != waitRunbook.Id)
        {
            throw new MaintenanceRefusedException(server.Name, RestoreMessages.Operation, new[] { RestoreMessages.NotAWaitJob(id, waitRunbook.Path) });
        }

        var records = await farm.RecordsOfAsync(new[] { job }, cancellationToken).ConfigureAwait(false);
        if (records.Count == 1 && !records[0].IsFor(server.Name))
        {
            throw new MaintenanceRefusedException(server.Name, RestoreMessages.Operation, new[] { RestoreMessages.WaitJobOfAnotherServer(id, records[0].Server, server.Name) });
        }

        return records.Where(r => r.IsActive).ToArray();
    }

    /// <summary>A record whose wait job ended without a restore (killed with the server, say) while max jobs still
    /// reads 1: the latest such record is the one to restore from.</summary>
    private async Task<MaintenanceRecord?> FindOrphanAsync(FarmView farm, RunbookServer server, Runbook waitRunbook, List<string> warnings, CancellationToken cancellationToken)
    {
        var current = await ReadMaxJobsAsync(server, cancellationToken).ConfigureAwait(false);
        if (current != 1)
        {
            return null;
        }

        var history = await _context.Service.GetJobsAsync(new JobQuery { RunbookId = waitRunbook.Id }, cancellationToken).ConfigureAwait(false);
        var latest = (await farm.RecordsOfAsync(history, cancellationToken).ConfigureAwait(false))
            .Where(r => r.IsFor(server.Name))
            .OrderByDescending(r => r.WaitJobCreated)
            .FirstOrDefault();
        if (latest is null || latest.PreviousMaxJobs <= 1)
        {
            warnings.Add(RestoreMessages.MaxJobsOneWithoutRecord(server.Name));
            return null;
        }

        // Most likely a maintenance whose wait job ended without a restore (with the server, or stopped by hand); it
        // cannot be told from a 1 set on purpose after a restore, so the warning says what was assumed and how to undo it.
        warnings.Add(RestoreMessages.RestoredFromLatestRecord(server.Name, latest));
        return latest;
    }

    private RestoreResult NotInMaintenance(RunbookServer server, DateTimeOffset startedAt, List<string> warnings)
    {
        // The first warning is the outcome itself; the summary states it and lists only the others.
        warnings.Insert(0, RestoreMessages.NotInMaintenance(server.Name));
        foreach (var warning in warnings)
        {
            _context.Report(server.Name, MaintenanceEventKind.Warning, warning);
        }

        return new RestoreResult { Server = server.Name, Outcome = RestoreOutcome.NotInMaintenance, HealthCheckResult = RestoreMessages.NotRun, StartedAt = startedAt, FinishedAt = _context.Now, Warnings = warnings };
    }

    /// <summary>The server is healthy when its runbook service runs the wait job again (it restarts after a reboot)
    /// and, if a canary is given, the canary completes there in time. Otherwise it stays drained.</summary>
    private async Task<string> HealthGateAsync(RunbookServer server, MaintenanceRecord record, Runbook? canary, CancellationToken cancellationToken)
    {
        var deadline = _context.Now + _options.HealthTimeout;
        var drained = RestoreMessages.StaysDrained(record.WaitJobId) + ".";
        if (record.IsActive)
        {
            while (true)
            {
                var job = await _context.Service.GetJobAsync(record.WaitJobId, cancellationToken).ConfigureAwait(false);
                if (job.Status == JobStatus.Running || !job.Status.IsActive())
                {
                    break;
                }

                if (_context.Now >= deadline)
                {
                    throw new HealthGateFailedException(server.Name, RestoreMessages.RunbookServiceNotBack(_options.HealthTimeout), drained);
                }

                _context.Report(server.Name, MaintenanceEventKind.Waiting, RestoreMessages.WaitingForRunbookService(server.Name));
                await Clock.Delay(_context.Time, _context.Settings.PollInterval, cancellationToken).ConfigureAwait(false);
            }
        }

        if (canary is null)
        {
            return record.IsActive ? RestoreMessages.RunbookServiceRunsNoCanary : RestoreMessages.SkippedNoCanary;
        }

        _context.Report(server.Name, MaintenanceEventKind.StepStarted, RestoreMessages.RunningCanary(canary.Path, server.Name));
        var slots = 2;
        var mostSlots = Math.Max(2, _options.MaxJobs ?? record.PreviousMaxJobs);
        await SetMaxJobsAsync(server, slots, record, cancellationToken).ConfigureAwait(false);
        Guid? canaryJob = null;
        try
        {
            var started = _context.Now;
            var job0 = await _context.Service.StartJobAsync(new StartJobRequest(canary.Id) { RunbookServers = new[] { server.Name } }, cancellationToken).ConfigureAwait(false);
            canaryJob = job0.Id;
            while (true)
            {
                var job = await _context.Service.GetJobAsync(job0.Id, cancellationToken).ConfigureAwait(false);
                if (job.Status == JobStatus.Completed)
                {
                    return RestoreMessages.CanaryCompleted(canary.Path, _context.Now - started);
                }

                if (job.Status == JobStatus.Pending && slots < mostSlots && await SlotTakenAsync(server, record, job0.Id, slots, cancellationToken).ConfigureAwait(false))
                {
                    // Jobs queued for this server while it was drained were first in line for the canary's slot. Running
                    // them shows the runbook service works again, and the restore gives the server its full max jobs
                    // anyway: one more slot, never beyond that, so the canary is not left queued behind a long job.
                    slots++;
                    _context.Report(server.Name, MaintenanceEventKind.Waiting, RestoreMessages.CanarySlotTaken(server.Name, slots));
                    await SetMaxJobsAsync(server, slots, record, cancellationToken).ConfigureAwait(false);
                }

                if (!job.Status.IsActive() || _context.Now >= deadline)
                {
                    var what = job.Status.IsActive()
                        ? RestoreMessages.CanaryTimedOut(canary.Path, job.Id, _options.HealthTimeout)
                        : RestoreMessages.CanaryEnded(canary.Path, job);
                    throw new HealthGateFailedException(server.Name, what, await CloseCanarySlotsAsync(server, record, job.Status.IsActive() ? job.Id : null, slots).ConfigureAwait(false));
                }

                await Clock.Delay(_context.Time, _context.Settings.PollInterval, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not HealthGateFailedException and not OperationCanceledException and not OutOfMemoryException)
        {
            // The canary's slots were opened for it alone: a server that failed its health gate takes no work.
            throw new HealthGateFailedException(server.Name, RestoreMessages.HealthGateFailed(ex.Message), await CloseCanarySlotsAsync(server, record, canaryJob, slots).ConfigureAwait(false));
        }
    }

    /// <summary>After a failed health gate: the canary stopped and max jobs back to 1, as far as possible. Never throws.</summary>
    /// <returns>The state left behind.</returns>
    private async Task<string> CloseCanarySlotsAsync(RunbookServer server, MaintenanceRecord record, Guid? canaryJob, int slots)
    {
        var state = new List<string>();
        try
        {
            await SetMaxJobsAsync(server, 1, record, CancellationToken.None).ConfigureAwait(false);
            state.Add(RestoreMessages.StaysDrained(record.WaitJobId));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            state.Add(RestoreMessages.CanarySlotsMayStayOpen(slots, ex.Message, record.WaitJobId));
        }

        if (canaryJob is { } id)
        {
            try
            {
                await _context.Service.CancelJobAsync(id, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                state.Add(RestoreMessages.CanaryMayStillRun(id, ex.Message));
            }
        }

        return string.Join("; ", state) + ".";
    }

    private async Task SetMaxJobsAsync(RunbookServer server, int maxJobs, MaintenanceRecord? record, CancellationToken cancellationToken)
    {
        try
        {
            await _context.Throttle.SetMaxJobsAsync(server.Name, maxJobs, cancellationToken).ConfigureAwait(false);
            if (await _context.Throttle.GetMaxJobsAsync(server.Name, cancellationToken).ConfigureAwait(false) is { } read && read != maxJobs)
            {
                throw new ThrottleException(_context.Throttle.Name, server.Name, RestoreMessages.MaxJobsReadBack(read, maxJobs));
            }
        }
        catch (ThrottleException ex)
        {
            throw new MaintenanceFailedException(server.Name, RestoreMessages.CouldNotSetMaxJobs(server.Name, maxJobs, _context.Throttle.Name, ex.Message), record is null ? RestoreMessages.Unchanged : RestoreMessages.StillInMaintenance(record.WaitJobId), ex);
        }
    }

    private async Task<int?> ReadMaxJobsAsync(RunbookServer server, CancellationToken cancellationToken)
    {
        try
        {
            return await _context.Throttle.GetMaxJobsAsync(server.Name, cancellationToken).ConfigureAwait(false);
        }
        catch (ThrottleException ex)
        {
            throw new MaintenanceRefusedException(server.Name, RestoreMessages.Operation, new[] { RestoreMessages.MaxJobsUnreadable(_context.Throttle.Name, ex.Message) });
        }
    }

    private async Task CancelWaitJobAsync(RunbookServer server, Guid waitJobId, List<string> warnings, CancellationToken cancellationToken)
    {
        if (!await JobEnding.CancelAndWaitAsync(_context, waitJobId, _context.Settings.PollInterval, cancellationToken).ConfigureAwait(false))
        {
            warnings.Add(RestoreMessages.WaitJobDidNotEnd(waitJobId, _context.Settings.CancelConfirmTimeout, server.Name));
        }
    }
}
