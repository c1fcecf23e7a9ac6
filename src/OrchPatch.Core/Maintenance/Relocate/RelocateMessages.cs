using System;
using System.Collections.Generic;
using System.Linq;
using OrchPatch.Core.Orchestrator;

namespace OrchPatch.Core.Maintenance;

/// <summary>
/// Every sentence a job move says, in one place (as kubectl keeps its drain's messages beside its filters): the same
/// fact is told the same way by the drain's monitor moves and by Relocate Jobs. A failure says what was not done and
/// the state of both jobs, the original and its copy, because the rule a move must keep is that exactly one runs.
/// </summary>
internal static class RelocateMessages
{
    /// <summary>The operation's name in refusals ("Cannot relocate jobs from RB01: ...").</summary>
    public const string Operation = "relocate jobs from";

    /// <summary>The state of a move refused before it started anything.</summary>
    public const string NotTouched = "the job was not touched.";

    // Refused before anything started.

    public static string ChildOfWaitingParent(string path, Job job) =>
        $"Cannot move {Named(path, job.Id)}: its parent job {job.ParentId} waits for it, and a restarted child would not be the one it waits for.";

    public static string NoTarget(string path, Guid jobId) => $"Cannot move {Named(path, jobId)}: no other runbook server can take it.";

    public static string ParentWaitingForChild(string path, Guid jobId, Guid childId) =>
        $"Cannot move {Named(path, jobId)}: it waits for its child job {childId}, and a restarted parent would run the child again.";

    public static string MonitorHasAnotherJob(string path, Guid jobId, IEnumerable<Job> others) =>
        $"Cannot move monitor {Named(path, jobId)}: it already has another job ({string.Join(", ", others.Select(o => $"{o.Id} {o.Status}"))}), and a monitor must never run twice.";

    public const string NotTouchedCancelTheExtraJob = "the job was not touched; cancel the extra job or let it run.";

    public static string SameRunbookMoveFailed(string path, Guid jobId) => $"{Named(path, jobId)} was not moved: the move of another job of the same runbook failed.";

    public const string NoTargetOutOfMaintenance = "no other runbook server is out of maintenance to take the jobs.";

    public static string NotActiveOn(Guid jobId, string server) => $"job {jobId} is not active on {server}.";

    public static string TargetIsTheSource(string target) => $"target {target} is the server the jobs are moved from.";

    public static string TargetInMaintenance(string record) => $"target {record} is in maintenance.";

    // Failed part way: the state of the original and its copy.

    public static string CouldNotStop(string path, Guid jobId, string reason) => $"Could not stop {Named(path, jobId)} to move it: {reason}";

    public static string OriginalUnreadable(Guid jobId, Guid copyId) =>
        $"the state of job {jobId} could not be read; its copy {copyId} was left in place: check that exactly one of the two runs.";

    public static string OriginalStillRuns(string source, JobStatus status, string copyState) => $"the job still runs on {source} ({status}); {copyState}";

    public static string EndedWhileMoved(string path, Guid jobId, string status) =>
        $"{Named(path, jobId)} ended {status} by itself while it was being moved, and its copy could not be taken back.";

    public static string OriginalIs(string status, string copyState) => $"the original job is {status}; {copyState}";

    public static string CopyEndedInsteadOfRunning(string path, Job copy) =>
        $"The copy of {Named(path, copy.Id)} ended {copy.StatusText ?? copy.Status.ToString()} instead of running.";

    public static string OriginalJobIs(Guid jobId, JobStatus status) => $"the original job {jobId} is {status}.";

    public static string NotStoppedInTime(string path, Guid jobId, TimeSpan cancelConfirmTimeout) =>
        $"Orchestrator did not stop {Named(path, jobId)} within {Durations.Format(cancelConfirmTimeout)}.";

    public static string BothStates(JobStatus original, Guid copyId, JobStatus copy) => $"the original job is {original}; its copy {copyId} is {copy}.";

    public static string JobDidNotEnd(Guid jobId, TimeSpan cancelConfirmTimeout) => $"Job {jobId} did not end within {Durations.Format(cancelConfirmTimeout)} of being canceled.";

    public const string StillActive = "it is still active.";

    // The copy's state, when a move is taken back.

    public static string CopyCanceled(Guid copyId) => $"its copy {copyId} was canceled.";

    public static string CopyStillRuns(Guid copyId, TimeSpan cancelConfirmTimeout) =>
        $"its copy {copyId} was asked to stop but still runs after {Durations.Format(cancelConfirmTimeout)}: cancel it by hand.";

    public static string CopyNotCanceled(Guid copyId, string reason) => $"its copy {copyId} could not be canceled ({reason}): cancel it by hand.";

    public const string StatusUnreadable = "(its status could not be read)";

    // Warnings and progress.

    public static string FinishingInterruptedMove(string path, Guid copyId) => $"{path}: a queued copy (job {copyId}) from an earlier, interrupted move exists; finishing that move.";

    public static string CancelAnswerLost(string path, Guid jobId, string reason, Guid copyId) =>
        $"{path}: the answer to canceling job {jobId} was lost ({reason}), but the job was canceled; keeping its copy {copyId}.";

    public static string EndedBeforeMoved(string path, Guid jobId, string status, string copyState) => $"{Named(path, jobId)} ended {status} by itself before it could be moved; {copyState}";

    public static string CopyStartedTooEarly(string path) => $"{path}: the copy started while the original still ran; canceling the copy and starting it again after the original ends.";

    public const string RestartedAfterOriginal = "restarted after the original ended (the runbook allows parallel jobs)";

    public static string Moved(string path, string? server, Guid jobId, Guid copyId) => $"Moved {path} to {server} (job {jobId} -> {copyId}).";

    public static string PendingNoFreeSlot(IEnumerable<RunbookServer> targets) => $"pending: {string.Join(", ", targets.Select(t => t.Name))} had no free slot yet";

    // Jobs Relocate Jobs leaves where they are.

    public static string Skipped(string path, Guid jobId, string reason) => $"{Named(path, jobId)}: {reason}";

    public static string SkippedWaitsForChild(Guid childId) => $"it waits for its child job {childId}, which a restart would run again";

    public const string SkippedEndedBeforeMoved = "it ended by itself before it could be moved";

    private static string Named(string path, Guid jobId) => $"{path} (job {jobId})";
}
