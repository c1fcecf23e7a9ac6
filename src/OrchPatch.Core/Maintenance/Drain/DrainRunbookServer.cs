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
/// Drains a runbook server so it can be patched: its running jobs finish (or move), and no new job lands on it,
/// while the other servers keep taking work. docs/design.md, "Drain, step by step", is the specification.
/// </summary>
/// <remarks>
/// Every moment is recoverable: the maintenance record (the wait job) exists before the throttle changes, so a
/// <see cref="RestoreRunbookServer"/> after a crash or a stopped runbook returns the server to its recorded state.
/// A failure after a change gives the server back as it was found and says what state it left.
/// </remarks>
public sealed class DrainRunbookServer
{
    private readonly MaintenanceContext _context;
    private readonly DrainOptions _options;

    /// <summary>Creates the operation; the options are validated here, before anything changes.</summary>
    /// <param name="context">The web service, throttle, clock and settings.</param>
    /// <param name="options">How to drain.</param>
    /// <exception cref="OptionsValidationException">An option is invalid (every bad field is listed).</exception>
    public DrainRunbookServer(MaintenanceContext context, DrainOptions options)
    {
        _context = Guard.NotNull(context);
        _options = Guard.NotNull(options);
        OptionsValidation.Validate(options);
    }

    /// <summary>Drains the server.</summary>
    /// <param name="serverName">The runbook server.</param>
    /// <param name="cancellationToken">Stops the drain. A stopped drain leaves the server in maintenance (recoverable
    /// by restore, or continued by a drain with <see cref="DrainOptions.Resume"/>); it is not undone.</param>
    /// <returns>The result; <see cref="DrainOutcome.RolledBack"/> when the deadline policy gave the server back.</returns>
    /// <exception cref="MaintenanceRefusedException">A check failed; nothing was changed.</exception>
    /// <exception cref="MaintenanceFailedException">A step failed after a change; the message says what state was left.</exception>
    public async Task<DrainResult> RunAsync(string serverName, CancellationToken cancellationToken = default)
    {
        Guard.NotNullOrWhiteSpace(serverName);
        var run = new Run(_context, _options, new FarmView(_context), _context.Now);
        await run.PreflightAsync(serverName, cancellationToken).ConfigureAwait(false);
        try
        {
            await run.StartWaitJobAsync(cancellationToken).ConfigureAwait(false);
            await run.ThrottleToOneAsync(cancellationToken).ConfigureAwait(false);
            await run.ClassifyJobsAsync(cancellationToken).ConfigureAwait(false);
            await run.RelocateMonitorsAsync(cancellationToken).ConfigureAwait(false);
            if (!await run.WaitForJobsAsync(cancellationToken).ConfigureAwait(false))
            {
                return run.Result(DrainOutcome.RolledBack);
            }

            await run.VerifyAsync(cancellationToken).ConfigureAwait(false);
            return run.Result(DrainOutcome.Drained);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await run.FindUnansweredStartAsync().ConfigureAwait(false);
            run.ReportStopped();
            throw;
        }
        catch (Exception ex) when (ex is not MaintenanceRefusedException and not OutOfMemoryException)
        {
            await run.FindUnansweredStartAsync().ConfigureAwait(false);
            if (!run.ChangedAnything && ex is not DrainStepException)
            {
                // Refused at the first write (no Publish permission, say): nothing changed, so the cause is the answer.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex).Throw();
            }

            var state = await run.RollBackAsync().ConfigureAwait(false);
            var what = ex switch
            {
                DrainStepException step => step.Message,
                MaintenanceFailedException failed => failed.What,
                _ => DrainMessages.Failed(run.ServerName, ex.Message),
            };
            // A step's own cause (the throttle's error, say) is the inner exception; the step exception is internal.
            throw new MaintenanceFailedException(run.ServerName, what, state, ex is DrainStepException ? ex.InnerException : ex);
        }
    }

    /// <summary>The state of one drain, step by step.</summary>
    private sealed class Run
    {
        private readonly MaintenanceContext _context;
        private readonly DrainOptions _options;
        private readonly FarmView _farm;
        private readonly DateTimeOffset _startedAt;
        private readonly Dictionary<Guid, JobClassification> _known = new();
        private readonly HashSet<Guid> _waitingFor = new();
        private readonly List<JobSummary> _completed = new();
        private readonly List<RelocatedJob> _relocated = new();
        private readonly List<JobSummary> _canceled = new();
        private readonly List<JobSummary> _landedAfterThrottle = new();
        private readonly List<string> _warnings = new();
        private DrainPreflight? _preflight;
        private TargetSpread? _spread;
        private Guid _waitJobId;
        private bool _startedWaitJob;
        private DateTimeOffset? _startSent;
        private bool _startUnknown;
        private bool _throttled;
        private DateTimeOffset? _throttledAt;
        private DateTimeOffset? _waitJobCreated;
        private DateTimeOffset? _waitJobSeenAt;
        private Job? _drainedBy;
        private bool _drained;
        private long? _listedCount;
        private DateTimeOffset _listedAt;
        private IReadOnlyList<JobSummary> _blockers = Array.Empty<JobSummary>();
        private string _stateLeftBehind = string.Empty;
        private string _wayOut = string.Empty;

        public Run(MaintenanceContext context, DrainOptions options, FarmView farm, DateTimeOffset startedAt)
        {
            _context = context;
            _options = options;
            _farm = farm;
            _startedAt = startedAt;
        }

        public string ServerName => _preflight?.Server.Name ?? string.Empty;

        /// <summary>Whether the farm was changed (a wait job started, or the throttle touched).</summary>
        public bool ChangedAnything => _startedWaitJob || _startUnknown || _throttled || Preflight.Existing is not null;

        private DrainPreflight Preflight => _preflight ?? throw new InvalidOperationException(DrainMessages.StepBeforePreflight);

        // Every move of this drain draws its target order here, so moved jobs spread by free capacity instead of all
        // landing on the first listed server (Orchestrator runs a job on the first listed server that can take it).
        private TargetSpread Spread => _spread ??= new TargetSpread(Preflight.Targets, Preflight.Capacity);

        private RunbookServer Server => Preflight.Server;

        /// <summary>Step 1: every check, before anything changes.</summary>
        public async Task PreflightAsync(string serverName, CancellationToken cancellationToken)
        {
            Report(serverName, MaintenanceEventKind.StepStarted, DrainMessages.Checking(serverName));
            _preflight = await DrainPreflight.RunAsync(_farm, serverName, _options, cancellationToken).ConfigureAwait(false);
            if (Preflight.Problems.Count > 0)
            {
                throw Preflight.Refusal();
            }

            foreach (var warning in Preflight.Warnings)
            {
                Warn(warning);
            }
        }

        /// <summary>Step 2: start the wait job pinned to the server (the record and the lock) and confirm it runs there.</summary>
        public async Task StartWaitJobAsync(CancellationToken cancellationToken)
        {
            if (Preflight.Existing is { } existing)
            {
                _waitJobId = existing.WaitJobId;
                Report(MaintenanceEventKind.StepStarted, DrainMessages.Continuing(existing));
                if (existing.WaitJobStatus != JobStatus.Running)
                {
                    Warn(DrainMessages.WaitJobNotRunning(existing.WaitJobId, existing.WaitJobStatus.ToString(), Server.Name));
                }

                return;
            }

            Report(MaintenanceEventKind.StepStarted, DrainMessages.StartingWaitJob(Server.Name));
            // On the service's clock, as every other time a user sees beside the wait job's (status, plan).
            _startSent = _context.ServiceNow;
            var parameters = MaintenanceRecord.ToParameters(Server.Name, Preflight.PreviousMaxJobs, _context.Settings.Owner, _startSent.Value, _options.Reason);
            var job = await _context.Service.StartJobAsync(
                new StartJobRequest(Preflight.WaitRunbook.Id) { Parameters = parameters, RunbookServers = new[] { Server.Name } },
                cancellationToken).ConfigureAwait(false);
            _waitJobId = job.Id;
            _startedWaitJob = true;
            var firstCheck = _context.Now;
            await TakeLockAsync(cancellationToken).ConfigureAwait(false);
            await ConfirmWaitJobRunsAsync(cancellationToken).ConfigureAwait(false);

            // Check again before the throttle changes. Wait jobs created at the same instant are ordered by id, so a
            // drain that wrote just after this one's first check can still come first; by now its record is visible.
            if (_context.Now == firstCheck)
            {
                await Clock.Delay(_context.Time, LockSettleTime, cancellationToken).ConfigureAwait(false);
            }

            await TakeLockAsync(cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The least time between the two lock checks, so a concurrent start that was in flight is seen.</summary>
        private static TimeSpan LockSettleTime => TimeSpan.FromSeconds(1);

        /// <summary>Write, then check: two drains started at the same moment both see the other's wait job, and both
        /// order them the same way (creation time, then id), so exactly the first ones keep the lock.</summary>
        private async Task TakeLockAsync(CancellationToken cancellationToken)
        {
            var records = await _farm.ActiveRecordsAsync(Server.Name, DrainMessages.Operation, cancellationToken).ConfigureAwait(false);
            var ours = records.FirstOrDefault(r => r.WaitJobId == _waitJobId);
            var before = ours is null ? records : records.TakeWhile(r => r.WaitJobId != _waitJobId).ToArray();
            var sameServer = before.FirstOrDefault(r => r.IsFor(Server.Name));
            var otherServers = before.Where(r => !r.IsFor(Server.Name) && _options.CountsAgainstLock(r)).Select(r => r.Server).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            if (sameServer is null && otherServers.Length < _options.MaxConcurrentMaintenance)
            {
                return;
            }

            await CancelWaitJobAsync(cancellationToken).ConfigureAwait(false);
            var winner = sameServer ?? before.First(r => !r.IsFor(Server.Name) && _options.CountsAgainstLock(r));
            throw new MaintenanceRefusedException(Server.Name, DrainMessages.Operation, new[] { DrainMessages.LostTheLock(winner, _options.MaxConcurrentMaintenance) });
        }

        private async Task ConfirmWaitJobRunsAsync(CancellationToken cancellationToken)
        {
            var since = _context.Now;
            var deadline = since + _context.Settings.WaitJobStartTimeout;
            while (true)
            {
                var job = await _context.Service.GetJobAsync(_waitJobId, cancellationToken).ConfigureAwait(false);
                if (job.Status == JobStatus.Running)
                {
                    if (job.RunbookServerId != Server.Id)
                    {
                        throw new DrainStepException(DrainMessages.WaitJobOnAnotherServer(_waitJobId, job.RunbookServerId, Server.Name));
                    }

                    Report(MaintenanceEventKind.StepFinished, DrainMessages.WaitJobRuns(_waitJobId, Server.Name));
                    return;
                }

                if (!job.Status.IsActive())
                {
                    throw new DrainStepException(DrainMessages.WaitJobEndedBeforeItRan(_waitJobId, job, Server.Name));
                }

                if (_context.Now >= deadline)
                {
                    throw new DrainStepException(DrainMessages.WaitJobNotStarted(Server.Name, _context.Settings.WaitJobStartTimeout));
                }

                Report(MaintenanceEventKind.Waiting, DrainMessages.WaitingForWaitJob(Server.Name));
                await Clock.Delay(_context.Time, AdaptivePoll.Next(since, _context.Now, _context.Settings.PollInterval), cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Step 3: max jobs to 1, read back. The wait job holds that one slot, so nothing new lands.</summary>
        public async Task ThrottleToOneAsync(CancellationToken cancellationToken)
        {
            Report(MaintenanceEventKind.StepStarted, DrainMessages.SettingMaxJobsToOne(Server.Name, Preflight.PreviousMaxJobs, _context.Throttle.Name));
            _throttled = true;
            try
            {
                await _context.Throttle.SetMaxJobsAsync(Server.Name, 1, cancellationToken).ConfigureAwait(false);
                // A runbook service sees a new max jobs only when it next reads it, and no public figure says how
                // often: one engine poll is allowed, so a job it started just before it saw max jobs 1 is no alarm.
                _throttledAt = _context.ServiceNow + _context.Settings.PollInterval;
            }
            catch (ThrottleException ex)
            {
                await CheckThrottleUntouchedAsync().ConfigureAwait(false);
                throw new DrainStepException(DrainMessages.CouldNotSetMaxJobsToOne(Server.Name, _context.Throttle.Name, ex.Message), ex);
            }

            var readBack = await _context.Throttle.GetMaxJobsAsync(Server.Name, cancellationToken).ConfigureAwait(false);
            if (readBack is { } value && value != 1)
            {
                throw new DrainStepException(DrainMessages.MaxJobsReadBack(Server.Name, value));
            }
        }

        /// <summary>After a failed write: where the throttle can read, a value still at the previous one means nothing
        /// changed, so the undo neither writes again nor claims max jobs is still 1 (the database may be gone).</summary>
        private async Task CheckThrottleUntouchedAsync()
        {
            if (!_context.Throttle.CanRead)
            {
                return;
            }

            try
            {
                if (await _context.Throttle.GetMaxJobsAsync(Server.Name, CancellationToken.None).ConfigureAwait(false) == Preflight.PreviousMaxJobs)
                {
                    _throttled = false;
                }
            }
            catch (ThrottleException)
            {
                // Unknown: the undo tries to write the previous value back and says if it could not.
            }
        }

        /// <summary>Step 4: what runs on the server, and what the drain does with each job. The preflight's farm listing
        /// answers it (one listing of the farm per drain): a job that landed between that listing and the throttle is
        /// found by the polls (the count grows, or a listing names it), and the drained decision never rests on this.</summary>
        public Task ClassifyJobsAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var blockers = new List<JobSummary>();
            foreach (var decision in Preflight.Jobs)
            {
                var job = decision.Job;
                _known[job.Id] = decision;
                if (decision.Action == JobAction.WaitFor)
                {
                    _waitingFor.Add(job.Id);
                }
                else if (decision.Action == JobAction.Report)
                {
                    blockers.Add(_farm.Summarize(job, decision.Runbook));
                }
            }

            // What the counted polls compare with: the jobs running on the server as listed, the wait job among them.
            _listedCount = Preflight.Jobs.Count(j => j.Job.RunbookServerId == Server.Id && j.Job.Id != _waitJobId) + 1;
            _listedAt = _startedAt;
            _blockers = blockers;
            var monitors = _known.Values.Where(k => k.Action == JobAction.RelocateNow).ToArray();
            Report(MaintenanceEventKind.StepFinished, DrainMessages.Classified(Server.Name, _waitingFor.Count, monitors.Length, blockers));
            return Task.CompletedTask;
        }

        /// <summary>Step 4b: monitors never finish, so they move at once: the gap in monitoring stays about one poll.</summary>
        public async Task RelocateMonitorsAsync(CancellationToken cancellationToken)
        {
            var monitors = _known.Values.Where(k => k.Action == JobAction.RelocateNow).ToArray();
            if (monitors.Length == 0)
            {
                return;
            }

            Report(MaintenanceEventKind.StepStarted, DrainMessages.RelocatingMonitors(monitors.Select(m => m.Runbook.Path)));
            // Together, a few at a time: each monitor is a gap in monitoring until its copy runs elsewhere.
            var moves = monitors.Select(m => (m, Spread.Next())).ToArray();
            var outcomes = await MonitorMoves.RunAsync(new JobRelocator(_farm), Server.Name, moves, MonitorMoves.MaxAtOnce, cancellationToken).ConfigureAwait(false);
            foreach (var outcome in outcomes.Where(o => o.Error is null))
            {
                RecordMove(outcome.Moved, outcome.Job);
            }

            if (outcomes.FirstOrDefault(o => o.Error is not null) is { Error: { } error })
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
            }
        }

        /// <summary>Step 5: poll until only the wait job is left, reporting progress; apply the policy at the deadline.</summary>
        /// <returns>False when the deadline policy rolled the drain back.</returns>
        public async Task<bool> WaitForJobsAsync(CancellationToken cancellationToken)
        {
            var deadline = _startedAt + _options.Deadline;
            var deadlineHandled = false;
            var waitingOn = false;
            while (true)
            {
                // The deadline policy acts on what runs now: the poll before it lists the server, whatever the count says.
                var remaining = await PollAsync(!deadlineHandled && _context.Now >= deadline, cancellationToken).ConfigureAwait(false);
                if (_drained)
                {
                    return true;
                }

                if (remaining.Count == 0)
                {
                    await Clock.Delay(_context.Time, _context.Settings.PollInterval, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var summaries = remaining.Select(r => _farm.Summarize(r.Job, r.Runbook)).ToArray();
                _context.Report(new MaintenanceEvent(_context.Now, Server.Name, MaintenanceEventKind.Waiting, Durations.JobsLeft(summaries)) { Remaining = summaries });
                if (deadlineHandled && !waitingOn && _context.Now >= deadline + _context.Settings.CancelConfirmTimeout)
                {
                    // Cancel and Relocate empty the server at the deadline; jobs still there this much later landed
                    // afterwards (they are not canceled or moved: the policy was for the work found at the deadline),
                    // so max jobs 1 is not in effect and the drain would never end.
                    throw new DrainStepException(DrainMessages.JobsStillLand(Server.Name, _context.Now - deadline, summaries, _context.Throttle.Name, _context.Throttle.CanRead));
                }

                if (!deadlineHandled && _context.Now >= deadline)
                {
                    deadlineHandled = true;
                    waitingOn = _options.DeadlinePolicy == DeadlinePolicy.Wait;
                    if (!await ApplyDeadlinePolicyAsync(remaining, summaries, cancellationToken).ConfigureAwait(false))
                    {
                        return false;
                    }

                    continue;
                }

                await Clock.Delay(_context.Time, _context.Settings.PollInterval, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// One poll. With counted polls (the default), one request counts the server's active jobs and returns the
        /// newest: when the count is 1 and that job is the wait job, that single answer says nothing else is active on
        /// the server, and the jobs still waited for are read by id (several to a request) before they are reported
        /// finished. The newest job being the wait job also shows it still runs, with no request of its own; when the
        /// newest is a job already listed, the wait job is read only as often as the server is listed. The
        /// server is listed (all pages) only when the count grew or a job newer than the wait job that no listing of
        /// this drain has shown yet appears (work landed),
        /// when asked (the deadline), or while the count differs from the last listing's (jobs ended: to name those
        /// left) at most once a <see cref="MaintenanceSettings.JobListingInterval"/> per page that listing read. Without counted polls, every poll
        /// lists, and only a one-page listing may say drained.
        /// </summary>
        /// <param name="mustList">List the server whatever the count says.</param>
        /// <param name="cancellationToken">Cancels the poll.</param>
        /// <returns>The jobs still waited for, as last listed or read.</returns>
        private async Task<IReadOnlyList<JobClassification>> PollAsync(bool mustList, CancellationToken cancellationToken)
        {
            if (!_context.Settings.CountedPolls)
            {
                var onePage = await ListServerAsync(cancellationToken).ConfigureAwait(false);
                _drained = onePage && _waitingFor.Count == 0;
                return Remaining();
            }

            var count = await _context.Service.CountJobsAsync(JobQuery.ActiveOn(Server.Id), cancellationToken).ConfigureAwait(false);
            var newestIsWaitJob = count.Newest is { } newest && newest.Id == _waitJobId;
            if (newestIsWaitJob)
            {
                _waitJobCreated ??= count.Newest!.CreationTime;
                _waitJobSeenAt = _context.Now;
            }
            else if (_waitJobCreated is null)
            {
                // Its creation time tells arrivals from older rows below.
                await CheckWaitJobAsync(Array.Empty<Job>(), cancellationToken).ConfigureAwait(false);
            }

            if (newestIsWaitJob && count.Total == 1)
            {
                await ConfirmEndedAsync(_waitingFor.ToArray(), cancellationToken).ConfigureAwait(false);
                if (_waitingFor.Count == 0)
                {
                    _drained = true;
                    _drainedBy = count.Newest;
                    return Remaining();
                }

                // Not on the server, yet not ended: the listing says where things stand.
                mustList = true;
            }

            // A service that ignores $orderby answers some older job: that costs the wait job's read above, never a listing.
            // A newest job this drain has already listed is no arrival, however new: jobs that started between the wait
            // job and max jobs 1 are newer than the wait job, and listing them again at every poll costs the pages of
            // the whole server each time. Anything newer than that job would be the newest, so none landed unseen.
            var landed = count.Total > _listedCount
                || (!newestIsWaitJob && count.Newest is { } other && !_known.ContainsKey(other.Id) && _waitJobCreated is { } waitCreated && other.CreationTime > waitCreated);
            // A listing costs a request a page: it is due once a JobListingInterval per page of the last one has
            // passed, so names cost at most one request an interval however many jobs the server runs.
            var pages = Math.Max(1, (int)Math.Ceiling((_listedCount ?? 0) / (double)OrchestratorConnectionConstants.PageSize));
            var due = _context.Now - _listedAt >= TimeSpan.FromTicks(_context.Settings.JobListingInterval.Ticks * pages)
                && (count.Total != _listedCount || _waitingFor.Count == 0);
            if (mustList || landed || due)
            {
                // The listing shows the wait job too (or reads it when it does not).
                await ListServerAsync(cancellationToken).ConfigureAwait(false);
            }
            else if (!newestIsWaitJob && _waitJobSeenAt != _context.Now && (!NewestAlreadyListed(count) || WaitJobCheckDue(pages)))
            {
                await CheckWaitJobAsync(Array.Empty<Job>(), cancellationToken).ConfigureAwait(false);
            }

            return Remaining();
        }

        private IReadOnlyList<JobClassification> Remaining() => _waitingFor.Select(id => _known[id]).ToArray();

        /// <summary>Whether the count's newest job is one a listing of this drain (or its preflight) has shown.</summary>
        private bool NewestAlreadyListed(JobCount count) => count.Newest is { } newest && _known.ContainsKey(newest.Id);

        /// <summary>Whether the wait job is to be read although the newest job is one already listed: jobs that started
        /// between the wait job and max jobs 1 stay newer than it until they end, and reading it at each of those polls
        /// doubled their cost. It is read as often as the server is listed (once a <see cref="MaintenanceSettings.JobListingInterval"/>
        /// per page of the last listing). A wait job that ended is still noticed at once when work lands in the slot
        /// it held (the count grows or names a new job, and the listing reads the wait job), and the drain is never
        /// declared over without the count naming the wait job as the newest active job.</summary>
        /// <param name="pages">The pages of the last listing.</param>
        private bool WaitJobCheckDue(int pages) => _waitJobSeenAt is not { } seen || _context.Now - seen >= TimeSpan.FromTicks(_context.Settings.JobListingInterval.Ticks * pages);

        /// <summary>One listing of the server's active jobs, and a read by id of each job it no longer shows.
        /// A listing of more than one page is not a snapshot (rows shift when a job ends between two page reads), so
        /// a job missing from it is finished only when its own record says so. A job seen for the first time landed
        /// after the throttle only if its run started after max jobs 1 was written (both on the service's clock):
        /// otherwise an earlier listing missed it. Another Wait Runbook job on the server is waited for too: the
        /// drain's own wait job is the only job that may remain.</summary>
        /// <returns>Whether one page held the whole answer (one request: a consistent answer).</returns>
        private async Task<bool> ListServerAsync(CancellationToken cancellationToken)
        {
            var active = await _context.Service.GetJobsAsync(JobQuery.ActiveOn(Server.Id), cancellationToken).ConfigureAwait(false);
            _listedCount = active.Count;
            _listedAt = _context.Now;
            var activeIds = new HashSet<Guid>(active.Select(j => j.Id));
            await CheckWaitJobAsync(active, cancellationToken).ConfigureAwait(false);
            await ConfirmEndedAsync(_waitingFor.Where(id => !activeIds.Contains(id)).ToArray(), cancellationToken).ConfigureAwait(false);

            var classifier = new JobClassifier(Server, Preflight.WaitRunbook.Id);
            foreach (var job in active.Where(j => j.Id != _waitJobId && (!_known.TryGetValue(j.Id, out var seen) || seen.Category == JobCategory.WaitJob)))
            {
                if (_known.TryGetValue(job.Id, out var kept))
                {
                    _waitingFor.Add(kept.Job.Id);
                    continue;
                }

                var decision = classifier.Classify(job, await _farm.RunbookAsync(job.RunbookId, cancellationToken).ConfigureAwait(false));
                _known[job.Id] = decision;
                if (decision.Category == JobCategory.WaitJob)
                {
                    Warn(DrainMessages.AnotherWaitJob(job.Id, Server.Name, _waitJobId));
                    _waitingFor.Add(job.Id);
                    continue;
                }

                if (await StartedAfterThrottleAsync(job, cancellationToken).ConfigureAwait(false))
                {
                    var summary = _farm.Summarize(job, decision.Runbook);
                    _landedAfterThrottle.Add(summary);
                    Warn(DrainMessages.LandedAfterThrottle(summary.RunbookPath, job.Id, Server.Name, _context.Throttle.Name, _context.Throttle.CanRead));
                }

                if (decision.Action == JobAction.RelocateNow)
                {
                    RecordMove(await new JobRelocator(_farm).RelocateAsync(Server.Name, decision, Spread.Next(), cancellationToken).ConfigureAwait(false), decision);
                }
                else if (decision.Action == JobAction.WaitFor)
                {
                    _waitingFor.Add(job.Id);
                }
            }

            return active.Count < OrchestratorConnectionConstants.PageSize;
        }

        /// <summary>Reads these waited-for jobs by id (<see cref="MaintenanceSettings.JobsPerRead"/> to a request) and
        /// records those that ended as finished; those still active stay waited for.</summary>
        private async Task ConfirmEndedAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
        {
            var perRead = _context.Settings.JobsPerRead;
            for (var from = 0; from < ids.Count; from += perRead)
            {
                var chunk = ids.Skip(from).Take(perRead).ToArray();
                var read = perRead == 1
                    ? new[] { await _context.Service.GetJobAsync(chunk[0], cancellationToken).ConfigureAwait(false) }
                    : await _context.Service.GetJobsAsync(new JobQuery { Ids = chunk }, cancellationToken).ConfigureAwait(false);
                var byId = read.GroupBy(j => j.Id).ToDictionary(g => g.Key, g => g.First());
                foreach (var id in chunk)
                {
                    // A job the batch did not return is read by its own key, which names it when it is gone.
                    var job = byId.TryGetValue(id, out var found) ? found : await _context.Service.GetJobAsync(id, cancellationToken).ConfigureAwait(false);
                    if (job.Status.IsActive())
                    {
                        continue;
                    }

                    _waitingFor.Remove(id);
                    var known = _known[id];
                    RecordFinished(known, job.Status, DrainMessages.Finished(known.Runbook.Path, id, job));
                }
            }
        }

        /// <summary>The wait job is in the listing while it runs; when it is not, its record says whether it ended
        /// (a restore, or someone stopping it): then the server takes work again and the drain must stop.</summary>
        private async Task CheckWaitJobAsync(IReadOnlyList<Job> active, CancellationToken cancellationToken)
        {
            if (active.FirstOrDefault(j => j.Id == _waitJobId) is { } listed)
            {
                _waitJobCreated ??= listed.CreationTime;
                _waitJobSeenAt = _context.Now;
                return;
            }

            var wait = await _context.Service.GetJobAsync(_waitJobId, cancellationToken).ConfigureAwait(false);
            _waitJobCreated ??= wait.CreationTime;
            _waitJobSeenAt = _context.Now;
            if (!wait.Status.IsActive())
            {
                throw new DrainStepException(DrainMessages.WaitJobEndedWhileWaiting(_waitJobId, wait, Server.Name));
            }
        }

        /// <summary>Whether a job first seen now started its run after max jobs 1 was in place: a real landing, not a
        /// row an earlier listing missed, nor a job that started between the wait job and the throttle (the server
        /// still had free slots then). Unknown start times count as a landing (the warning is the safe side).</summary>
        private async Task<bool> StartedAfterThrottleAsync(Job job, CancellationToken cancellationToken)
        {
            // A resumed drain found the throttle set by an earlier run: the wait job's creation is the earliest bound.
            if ((_throttledAt ?? _waitJobCreated) is not { } since)
            {
                return true;
            }

            if (job.CreationTime >= since)
            {
                return true;
            }

            var instances = await _context.Service.GetRunbookInstancesAsync(job.Id, cancellationToken).ConfigureAwait(false);
            var current = instances.Where(i => i.IsRunning).OrderByDescending(i => i.CreationTime).FirstOrDefault();
            return current is null || current.CreationTime >= since;
        }

        /// <summary>Applies the policy's decision at the deadline; true when the drain goes on polling.</summary>
        private async Task<bool> ApplyDeadlinePolicyAsync(IReadOnlyList<JobClassification> remaining, IReadOnlyList<JobSummary> summaries, CancellationToken cancellationToken)
        {
            var decision = DeadlinePolicies.Decide(_options.DeadlinePolicy, remaining, _options.Restartable);
            switch (decision.Kind)
            {
                case DeadlineDecisionKind.RollBack:
                    await RollBackAtDeadlineAsync(decision, summaries).ConfigureAwait(false);
                    return false;
                case DeadlineDecisionKind.KeepWaiting:
                    Warn(DrainMessages.DeadlinePassedWaitingOn(_options.Deadline, summaries));
                    return true;
                case DeadlineDecisionKind.Relocate:
                    await RelocateAtDeadlineAsync(remaining, cancellationToken).ConfigureAwait(false);
                    return true;
                case DeadlineDecisionKind.Cancel:
                    await CancelAtDeadlineAsync(remaining, cancellationToken).ConfigureAwait(false);
                    return true;
                default:
                    // A new decision must get its own branch: falling into another one would cancel or keep work
                    // nobody asked for. Nothing has been done to the remaining jobs at this point.
                    throw new InvalidOperationException(DrainMessages.NoStepForDecision(decision.Kind));
            }
        }

        private async Task RollBackAtDeadlineAsync(DeadlineDecision decision, IReadOnlyList<JobSummary> summaries)
        {
            _blockers = decision.Jobs.Select(j => _farm.Summarize(j.Job, j.Runbook)).ToArray();
            _wayOut = decision.WayOut;
            Report(MaintenanceEventKind.Warning, DrainMessages.DeadlinePassedGivingBack(_options.Deadline, summaries, Server.Name, _options.DeadlinePolicy));
            _stateLeftBehind = await RollBackAsync().ConfigureAwait(false);
        }

        private async Task RelocateAtDeadlineAsync(IReadOnlyList<JobClassification> remaining, CancellationToken cancellationToken)
        {
            Report(MaintenanceEventKind.StepStarted, DrainMessages.RestartingElsewhere(remaining.Count));
            var relocator = new JobRelocator(_farm);
            foreach (var job in remaining)
            {
                _waitingFor.Remove(job.Job.Id);
                RecordMove(await relocator.RelocateAsync(Server.Name, job, Spread.Next(), cancellationToken).ConfigureAwait(false), job);
            }
        }

        private async Task CancelAtDeadlineAsync(IReadOnlyList<JobClassification> remaining, CancellationToken cancellationToken)
        {
            Report(MaintenanceEventKind.Warning, DrainMessages.DeadlinePassedCanceling(remaining.Count));
            foreach (var job in remaining)
            {
                _waitingFor.Remove(job.Job.Id);
                await _context.Service.CancelJobAsync(job.Job.Id, cancellationToken).ConfigureAwait(false);
            }

            // A cancel is a request: the runbook service acts on it at its next poll, and until then the job still runs
            // on the server, so the drain is not over before each one is seen ended. A job can also complete by itself
            // before the cancel reaches it: only the status it ended with says which list it belongs to.
            foreach (var job in remaining)
            {
                var ended = await JobEnding.WaitForEndAsync(_context, job.Job.Id, _context.Settings.PollInterval, cancellationToken).ConfigureAwait(false)
                    ?? throw new DrainStepException(DrainMessages.CanceledButStillRuns(job.Runbook.Path, job.Job.Id, Server.Name, _context.Settings.CancelConfirmTimeout));
                if (ended.Status == JobStatus.Canceled)
                {
                    var summary = _farm.Summarize(job.Job, job.Runbook) with { Status = JobStatus.Canceled };
                    _canceled.Add(summary);
                    _context.Report(new MaintenanceEvent(_context.Now, Server.Name, MaintenanceEventKind.JobCanceled, DrainMessages.CanceledWorkLost(job.Runbook.Path, job.Job.Id)) { Job = summary });
                }
                else
                {
                    RecordFinished(job, ended.Status, DrainMessages.FinishedBeforeCancel(job.Runbook.Path, job.Job.Id, ended));
                }
            }
        }

        /// <summary>Records one move; a job that ended by itself before it could be moved (null) finished here.</summary>
        private void RecordMove(RelocatedJob? moved, JobClassification job)
        {
            if (moved is not null)
            {
                _relocated.Add(moved);
                return;
            }

            RecordFinished(job, JobStatus.Completed, DrainMessages.FinishedBeforeMove(job.Runbook.Path, job.Job.Id));
        }

        /// <summary>Records a job the drain waited for, or tried to stop or move, as finished on the server.</summary>
        private void RecordFinished(JobClassification job, JobStatus status, string message)
        {
            var summary = _farm.Summarize(job.Job, job.Runbook) with { Status = status };
            _completed.Add(summary);
            _context.Report(new MaintenanceEvent(_context.Now, Server.Name, MaintenanceEventKind.JobFinished, message) { Job = summary });
        }

        /// <summary>Step 6: only the wait job runs there, and max jobs still reads 1.</summary>
        public async Task VerifyAsync(CancellationToken cancellationToken)
        {
            // The counted request that declared the server drained answered both questions a moment ago (the wait job,
            // with its status, is the only active job there): asking again would cost two requests a drain for no new fact.
            var wait = _drainedBy ?? await _context.Service.GetJobAsync(_waitJobId, cancellationToken).ConfigureAwait(false);
            if (!wait.Status.IsActive())
            {
                throw new DrainStepException(DrainMessages.WaitJobEndedBeforeTheDrain(_waitJobId, wait, Server.Name));
            }

            if (wait.Status != JobStatus.Running)
            {
                // Pending: the server is down (a resumed run may find it rebooting mid-patch); the restore's health
                // gate waits for it to run again.
                Warn(DrainMessages.WaitJobNotRunning(_waitJobId, wait.StatusText ?? wait.Status.ToString(), Server.Name));
            }

            var active = _drainedBy is null
                ? await _context.Service.GetJobsAsync(JobQuery.ActiveOn(Server.Id), cancellationToken).ConfigureAwait(false)
                : Array.Empty<Job>();
            var others = active.Where(j => j.Id != _waitJobId && j.RunbookId != Preflight.WaitRunbook.Id).ToArray();
            if (others.Length > 0)
            {
                Warn(DrainMessages.AppearedAsTheDrainEnded(others, Server.Name));
            }

            if (await _context.Throttle.GetMaxJobsAsync(Server.Name, cancellationToken).ConfigureAwait(false) is { } max && max != 1)
            {
                Warn(DrainMessages.MaxJobsChangedDuringDrain(Server.Name, max));
            }

            Report(MaintenanceEventKind.StepFinished, DrainMessages.Drained(Server.Name, _waitJobId));
        }

        /// <summary>Gives the server back as it was found. Never throws: it returns the state it left.</summary>
        public async Task<string> RollBackAsync()
        {
            if (_preflight is null)
            {
                return DrainMessages.Unchanged;
            }

            var state = new List<string>();
            if (Preflight.Existing is { } existing)
            {
                // Found in maintenance, perhaps half-patched by a run that stopped: giving it back to work is the
                // restore's decision (after its health gate), not a failed drain's.
                state.Add(DrainMessages.LeftAsFound(existing.WaitJobId, _throttled));
            }
            else if (_throttled)
            {
                try
                {
                    await _context.Throttle.SetMaxJobsAsync(Server.Name, Preflight.PreviousMaxJobs, CancellationToken.None).ConfigureAwait(false);
                    state.Add(DrainMessages.MaxJobsRestored(Preflight.PreviousMaxJobs));
                    _throttled = false;
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    state.Add(DrainMessages.MaxJobsMayStillBeOne(Preflight.PreviousMaxJobs, ex.Message));
                }
            }
            else
            {
                state.Add(DrainMessages.MaxJobsUnchanged);
            }

            if (_startedWaitJob && Preflight.Existing is null)
            {
                try
                {
                    await CancelWaitJobAsync(CancellationToken.None).ConfigureAwait(false);
                    state.Add(DrainMessages.WaitJobCanceled(_waitJobId));
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    state.Add(DrainMessages.WaitJobStillActive(_waitJobId, ex.Message));
                }
            }

            if (_startUnknown)
            {
                state.Add(DrainMessages.WaitJobMayHold(Server.Name));
            }

            if (_relocated.Count > 0)
            {
                state.Add(DrainMessages.MovedJobsStay(_relocated));
            }

            if (_canceled.Count > 0)
            {
                state.Add(DrainMessages.CanceledJobsStay(_canceled.Count));
            }

            var text = string.Join("; ", state) + ".";
            Report(MaintenanceEventKind.StepFinished, DrainMessages.GaveBack(Server.Name, text));
            return text;
        }

        private async Task CancelWaitJobAsync(CancellationToken cancellationToken)
        {
            if (_waitJobId == Guid.Empty)
            {
                return;
            }

            if (!await JobEnding.CancelAndWaitAsync(_context, _waitJobId, _context.Settings.PollInterval, cancellationToken).ConfigureAwait(false))
            {
                throw new DrainStepException(DrainMessages.WaitJobDidNotEnd(_waitJobId, _context.Settings.CancelConfirmTimeout));
            }
        }

        public void ReportStopped() =>
            Report(MaintenanceEventKind.Warning, _waitJobId != Guid.Empty
                ? DrainMessages.Stopped(ServerName, _throttled, _waitJobId)
                : _startUnknown
                    ? DrainMessages.StoppedWhileStartUnanswered(ServerName)
                    : DrainMessages.StoppedBeforeAnyChange(ServerName));

        /// <summary>
        /// When the start of the wait job was sent but its answer never came (a stop, a lost answer the client could not
        /// resolve), Orchestrator may have created the job: look for it by this drain's record (server, owner, time), so
        /// the undo cancels it and the messages do not say nothing changed. Never throws.
        /// </summary>
        public async Task FindUnansweredStartAsync()
        {
            if (_startSent is not { } sent || _startedWaitJob)
            {
                return;
            }

            try
            {
                var records = await _farm.ActiveRecordsAsync(Server.Name, DrainMessages.Operation, CancellationToken.None).ConfigureAwait(false);
                var mine = records.FirstOrDefault(r => r.IsFor(Server.Name)
                    && string.Equals(r.Owner, _context.Settings.Owner, StringComparison.Ordinal)
                    && (r.StartedAt - sent).Duration() < TimeSpan.FromSeconds(1));
                if (mine is not null)
                {
                    _waitJobId = mine.WaitJobId;
                    _startedWaitJob = true;
                    Report(MaintenanceEventKind.Warning, DrainMessages.UnansweredStartCreatedWaitJob(mine.WaitJobId, Server.Name));
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _startUnknown = true;
                Warn(DrainMessages.UnansweredStartUnchecked(Server.Name, ex.Message));
            }
        }

        public DrainResult Result(DrainOutcome outcome) => new()
        {
            Server = Server.Name,
            Outcome = outcome,
            PreviousMaxJobs = Preflight.PreviousMaxJobs,
            WaitJobId = _waitJobId,
            Resumed = Preflight.Existing is not null,
            Completed = _completed.ToArray(),
            Relocated = _relocated.ToArray(),
            Canceled = _canceled.ToArray(),
            LandedAfterThrottle = _landedAfterThrottle.ToArray(),
            Blockers = _blockers,
            StartedAt = _startedAt,
            FinishedAt = _context.Now,
            Deadline = _options.Deadline,
            Warnings = _warnings.ToArray(),
            StateLeftBehind = _stateLeftBehind,
            WayOut = _wayOut,
        };

        private void Warn(string warning)
        {
            _warnings.Add(warning);
            Report(MaintenanceEventKind.Warning, warning);
        }

        private void Report(MaintenanceEventKind kind, string message) => Report(ServerName, kind, message);

        private void Report(string server, MaintenanceEventKind kind, string message) => _context.Report(server, kind, message);
    }
}
