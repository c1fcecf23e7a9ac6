using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Core.Utils;

namespace OrchPatch.Core.Maintenance;

/// <summary>
/// Moves one job: start the same runbook with the same parameters on the target servers, cancel the original, confirm.
/// </summary>
/// <remarks>
/// <para>Start first, then cancel. Orchestrator runs at most one job of a monitor (and, by default, of any runbook) at a
/// time, so the copy waits in the queue until the original is gone and takes over on the next poll of the runbook
/// service: the monitoring gap is about one poll. A crash between the two calls leaves a queued copy (the next run
/// sees the queued copy and finishes that move instead of starting a third job), never a lost job.</para>
/// <para>Never two copies of a monitor: if the copy is ever seen running while the original still runs (a runbook whose
/// concurrency allows it), the copy is canceled at once and started again only after the original has ended.</para>
/// <para>The cancel of the original is judged by what Orchestrator shows afterwards, not by the call: a call that failed
/// may have been carried out (only its answer lost), so the copy is taken back only when the original is seen still
/// running once the cancel had time to show. An original that ended by itself before the cancel reached it has done
/// its work: its copy is taken back and the job counts as finished, not moved.</para>
/// </remarks>
internal sealed class JobRelocator
{
    private readonly FarmView _farm;

    public JobRelocator(FarmView farm) => _farm = farm;

    private MaintenanceContext Context => _farm.Context;

    /// <summary>Moves <paramref name="job"/> to <paramref name="targets"/>.</summary>
    /// <returns>The move; null when the original ended by itself before it could be stopped (its copy was taken back,
    /// so the job is not run twice): the caller records it as finished, not moved.</returns>
    public async Task<RelocatedJob?> RelocateAsync(string source, JobClassification job, IReadOnlyList<RunbookServer> targets, CancellationToken cancellationToken)
    {
        var runbook = job.Runbook;
        if (job.Job.ParentId is not null && job.Job.ParentIsWaiting == true)
        {
            throw new MaintenanceFailedException(source, RelocateMessages.ChildOfWaitingParent(runbook.Path, job.Job), RelocateMessages.NotTouched);
        }

        if (targets.Count == 0)
        {
            throw new MaintenanceFailedException(source, RelocateMessages.NoTarget(runbook.Path, job.Job.Id), RelocateMessages.NotTouched);
        }

        // A restarted parent invokes its children again, so the child's work would run twice. Monitors are exempt:
        // they move first thing in a drain, where a farm-wide query per monitor would delay them, and a monitor job
        // restarts monitoring, not the instance that invoked a child.
        var children = runbook.IsMonitor
            ? Array.Empty<Job>()
            : (await _farm.ChildrenWaitedOnAsync(cancellationToken).ConfigureAwait(false)).Where(j => j.ParentId == job.Job.Id).ToArray();
        if (children.Length > 0)
        {
            throw new MaintenanceFailedException(source, RelocateMessages.ParentWaitingForChild(runbook.Path, job.Job.Id, children[0].Id), RelocateMessages.NotTouched);
        }

        var others = (await Context.Service.GetJobsAsync(JobQuery.ActiveOf(runbook.Id), cancellationToken).ConfigureAwait(false))
            .Where(j => j.Id != job.Job.Id)
            .ToArray();
        var parameters = await _farm.ParametersAsync(job.Job, cancellationToken).ConfigureAwait(false);
        var request = new StartJobRequest(runbook.Id) { Parameters = parameters, RunbookServers = targets.Select(t => t.Name).ToArray() };
        if (runbook.IsMonitor && others.Length == 1 && await IsQueuedCopyAsync(others[0], request, parameters, cancellationToken).ConfigureAwait(false))
        {
            // A crash between starting the copy and canceling the original left this copy queued: it is the one to
            // keep, so finishing the move (not starting a third job, not refusing) is what resumes the drain.
            Context.Report(source, MaintenanceEventKind.Warning, RelocateMessages.FinishingInterruptedMove(runbook.Path, others[0].Id));
            return await CancelOriginalAndConfirmAsync(source, job, others[0], request, targets, cancellationToken).ConfigureAwait(false);
        }

        if (runbook.IsMonitor && others.Length > 0)
        {
            throw new MaintenanceFailedException(source, RelocateMessages.MonitorHasAnotherJob(runbook.Path, job.Job.Id, others), RelocateMessages.NotTouchedCancelTheExtraJob);
        }

        var copy = await Context.Service.StartJobAsync(request, cancellationToken).ConfigureAwait(false);
        return await CancelOriginalAndConfirmAsync(source, job, copy, request, targets, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether <paramref name="other"/> is the copy an interrupted run of this same move queued: Pending on no
    /// server yet, pinned to exactly the servers this move would pin it to, with the original's parameters. Any other
    /// job of the monitor (someone else's copy, pinned elsewhere) is left alone and the move refused.</summary>
    private async Task<bool> IsQueuedCopyAsync(Job other, StartJobRequest request, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        if (other.Status != JobStatus.Pending || other.RunbookServerId is not null
            || other.RunbookServers.Count != request.RunbookServers.Count
            || !other.RunbookServers.All(s => request.RunbookServers.Any(t => ServerNames.Same(s, t))))
        {
            return false;
        }

        var theirs = await _farm.ParametersAsync(other, cancellationToken).ConfigureAwait(false);
        return theirs.Count == parameters.Count && parameters.All(p => theirs.TryGetValue(p.Key, out var value) && value == p.Value);
    }

    private async Task<RelocatedJob?> CancelOriginalAndConfirmAsync(string source, JobClassification job, Job copy, StartJobRequest request, IReadOnlyList<RunbookServer> targets, CancellationToken cancellationToken)
    {
        var runbook = job.Runbook;
        bool canceled;
        try
        {
            canceled = await Context.Service.CancelJobAsync(job.Job.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failed call is not a refused cancel: Orchestrator may have carried it out and only the answer was lost.
            // Orchestrator's view decides, so the copy is never taken back from an original that is already gone.
            var original = await TryReadAfterCancelAsync(job.Job.Id, cancellationToken).ConfigureAwait(false);
            if (original is null)
            {
                // Unknown: leave the copy. A queued copy of a monitor is what the next run finishes moving.
                throw new MaintenanceFailedException(source, RelocateMessages.CouldNotStop(runbook.Path, job.Job.Id, ex.Message), RelocateMessages.OriginalUnreadable(job.Job.Id, copy.Id), ex);
            }

            if (original.Status.IsActive())
            {
                // Confirmed still running after the cancel had time to show: take the copy back so nothing runs twice.
                var (_, copyState) = await TakeBackCopyAsync(copy.Id).ConfigureAwait(false);
                throw new MaintenanceFailedException(source, RelocateMessages.CouldNotStop(runbook.Path, job.Job.Id, ex.Message), RelocateMessages.OriginalStillRuns(source, original.Status, copyState), ex);
            }

            if (original.Status == JobStatus.Canceled)
            {
                Context.Report(source, MaintenanceEventKind.Warning, RelocateMessages.CancelAnswerLost(runbook.Path, job.Job.Id, ex.Message, copy.Id));
                return await ConfirmAsync(source, job, copy, request, targets, cancellationToken).ConfigureAwait(false);
            }

            return await TakeBackAfterOriginalEndedAsync(source, job, copy.Id, original).ConfigureAwait(false);
        }

        if (!canceled)
        {
            // False: the original had ended (or ended before the cancel took effect) by itself, so its work is done
            // or over; keeping the copy would run the job a second time.
            var original = await TryGetJobAsync(job.Job.Id, cancellationToken).ConfigureAwait(false);
            return await TakeBackAfterOriginalEndedAsync(source, job, copy.Id, original).ConfigureAwait(false);
        }

        return await ConfirmAsync(source, job, copy, request, targets, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The original ended by itself while it was being moved: the copy is canceled and confirmed ended, and
    /// null tells the caller the job finished rather than moved.</summary>
    private async Task<RelocatedJob?> TakeBackAfterOriginalEndedAsync(string source, JobClassification job, Guid copyId, Job? original)
    {
        var status = original is null ? RelocateMessages.StatusUnreadable : original.StatusText ?? original.Status.ToString();
        var (ended, copyState) = await TakeBackCopyAsync(copyId).ConfigureAwait(false);
        if (!ended)
        {
            throw new MaintenanceFailedException(source, RelocateMessages.EndedWhileMoved(job.Runbook.Path, job.Job.Id, status), RelocateMessages.OriginalIs(status, copyState));
        }

        Context.Report(source, MaintenanceEventKind.Warning, RelocateMessages.EndedBeforeMoved(job.Runbook.Path, job.Job.Id, status, copyState));
        return null;
    }

    /// <summary>Cancels the copy and confirms it ended. Never throws (the move has already failed or is being undone):
    /// it returns the copy's state as text for the report.</summary>
    private async Task<(bool Ended, string State)> TakeBackCopyAsync(Guid copyId)
    {
        try
        {
            await Context.Service.CancelJobAsync(copyId, CancellationToken.None).ConfigureAwait(false);
            return await JobEnding.WaitUntilEndedAsync(Context, copyId, ConfirmPoll, CancellationToken.None).ConfigureAwait(false)
                ? (true, RelocateMessages.CopyCanceled(copyId))
                : (false, RelocateMessages.CopyStillRuns(copyId, Context.Settings.CancelConfirmTimeout));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return (false, RelocateMessages.CopyNotCanceled(copyId, ex.Message));
        }
    }

    /// <summary>One read of a job whose state only decides a message; null when it fails.</summary>
    private async Task<Job?> TryGetJobAsync(Guid jobId, CancellationToken cancellationToken)
    {
        try
        {
            return await Context.Service.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            return null;
        }
    }

    /// <summary>Reads the original after a cancel whose answer failed. Orchestrator carries a cancel out at the runbook
    /// service's next poll, so an original still active is read again until it ends or
    /// <see cref="MaintenanceSettings.CancelConfirmTimeout"/> passes. Read failures are tolerated.</summary>
    /// <returns>The last state read (still active when the cancel was not carried out); null when none could be read.</returns>
    private async Task<Job?> TryReadAfterCancelAsync(Guid jobId, CancellationToken cancellationToken)
    {
        var deadline = Context.Now + Context.Settings.CancelConfirmTimeout;
        Job? last = null;
        while (true)
        {
            try
            {
                last = await Context.Service.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false);
                if (!last.Status.IsActive())
                {
                    return last;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                // Tolerated: the service that lost the answer may still be failing; the next read may succeed.
            }

            if (Context.Now >= deadline)
            {
                return last;
            }

            await Clock.Delay(Context.Time, ConfirmPoll, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<RelocatedJob> ConfirmAsync(string source, JobClassification job, Job copy, StartJobRequest request, IReadOnlyList<RunbookServer> targets, CancellationToken cancellationToken)
    {
        var settings = Context.Settings;
        var deadline = Context.Now + settings.CancelConfirmTimeout + settings.WaitJobStartTimeout;
        DateTimeOffset? originalEnded = null;
        var note = string.Empty;
        while (true)
        {
            // The copy first, then the original: a read can take long (a slow answer, a retry), and the original read
            // last is never older than the copy's, so "both running" is never seen from an original that had already
            // ended by the time the copy was found running.
            var current = await Context.Service.GetJobAsync(copy.Id, cancellationToken).ConfigureAwait(false);
            var original = await Context.Service.GetJobAsync(job.Job.Id, cancellationToken).ConfigureAwait(false);
            if (!original.Status.IsActive() && originalEnded is null)
            {
                originalEnded = Context.Now;
            }

            if (current.Status == JobStatus.Running && original.Status == JobStatus.Running && job.Runbook.IsMonitor)
            {
                // Two copies of a monitor: take the new one back and start it again once the original is gone.
                Context.Report(source, MaintenanceEventKind.Warning, RelocateMessages.CopyStartedTooEarly(job.Runbook.Path));
                await Context.Service.CancelJobAsync(current.Id, cancellationToken).ConfigureAwait(false);
                await WaitUntilEndedAsync(current.Id, cancellationToken).ConfigureAwait(false);
                await WaitUntilEndedAsync(original.Id, cancellationToken).ConfigureAwait(false);
                originalEnded ??= Context.Now;
                copy = await Context.Service.StartJobAsync(request, cancellationToken).ConfigureAwait(false);
                note = RelocateMessages.RestartedAfterOriginal;
                continue;
            }

            if (current.Status == JobStatus.Running && !original.Status.IsActive())
            {
                var server = targets.FirstOrDefault(t => t.Id == current.RunbookServerId)?.Name
                    ?? (await _farm.ServersAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(s => s.Id == current.RunbookServerId)?.Name;
                var gap = originalEnded is { } ended ? Context.Now - ended : (TimeSpan?)null;
                var relocated = new RelocatedJob(job.Runbook.Path, job.Job.Id, current.Id, server, job.Category, job.Runbook.IsMonitor ? gap : null, note);
                Context.Report(source, MaintenanceEventKind.JobRelocated, RelocateMessages.Moved(job.Runbook.Path, server, job.Job.Id, current.Id), _farm.Summarize(current, job.Runbook));
                return relocated;
            }

            if (!current.Status.IsActive())
            {
                throw new MaintenanceFailedException(source, RelocateMessages.CopyEndedInsteadOfRunning(job.Runbook.Path, current), RelocateMessages.OriginalJobIs(job.Job.Id, original.Status));
            }

            if (Context.Now >= deadline)
            {
                if (!original.Status.IsActive())
                {
                    return new RelocatedJob(job.Runbook.Path, job.Job.Id, current.Id, null, job.Category, null, RelocateMessages.PendingNoFreeSlot(targets));
                }

                throw new MaintenanceFailedException(source, RelocateMessages.NotStoppedInTime(job.Runbook.Path, job.Job.Id, Context.Settings.CancelConfirmTimeout), RelocateMessages.BothStates(original.Status, current.Id, current.Status));
            }

            await Clock.Delay(Context.Time, ConfirmPoll, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Confirmation polls run every second (the shortest poll interval allowed): the gap in monitoring is
    /// measured by them, and they last only while a job moves.</summary>
    private static TimeSpan ConfirmPoll => TimeSpan.FromSeconds(1);

    private async Task WaitUntilEndedAsync(Guid jobId, CancellationToken cancellationToken)
    {
        if (!await JobEnding.WaitUntilEndedAsync(Context, jobId, ConfirmPoll, cancellationToken).ConfigureAwait(false))
        {
            throw new MaintenanceFailedException(string.Empty, RelocateMessages.JobDidNotEnd(jobId, Context.Settings.CancelConfirmTimeout), RelocateMessages.StillActive);
        }
    }
}
