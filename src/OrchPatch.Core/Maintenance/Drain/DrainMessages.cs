using System;
using System.Collections.Generic;
using System.Linq;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Core.Utils;

namespace OrchPatch.Core.Maintenance;

/// <summary>
/// Every sentence the drain's steps say, in one place (as kubectl keeps its drain's messages beside its filters), so
/// their wording is reviewed together and a fact is told the same way wherever it is met. Grouped by what the reader
/// must do: failures (the drain adds the state it left), the state itself, warnings, then progress. The preflight's
/// refusals are with its checks (<see cref="DrainPreflight"/>).
/// </summary>
internal static class DrainMessages
{
    /// <summary>The operation's name in refusals ("Cannot drain RB01: ...").</summary>
    public const string Operation = "drain";

    // The throttle's name and what it needs before a change counts, for "the throttle is not in effect".
    private static string NotInEffect(string throttle, bool canRead) =>
        canRead ? string.Empty : $" (with {throttle} the Orchestrator Runbook Service must be restarted for a change to apply)";

    // Failures: what failed; DrainRunbookServer.RunAsync adds the state it left.

    public static string Failed(string server, string reason) => $"Draining {server} failed: {reason}";

    public static string LostTheLock(MaintenanceRecord winner, int maxConcurrent) =>
        $"another maintenance started at the same moment and holds the lock: {winner.Describe()}. At most {Plural.Of(maxConcurrent, "server")} may be in maintenance at once; the wait job this drain had started was canceled.";

    public static string WaitJobOnAnotherServer(Guid waitJobId, Guid? runsOn, string server) =>
        $"The wait job {waitJobId} runs on another server (id {runsOn}) although it was pinned to {server}: Orchestrator did not honour the job's RunbookServers.";

    public static string WaitJobEndedBeforeItRan(Guid waitJobId, Job job, string server) =>
        $"The wait job {waitJobId} ended ({Status(job)}) before it ran on {server}; check the Wait Runbook.";

    public static string WaitJobNotStarted(string server, TimeSpan timeout) =>
        $"{server} did not start the wait job within {Durations.Format(timeout)} (it may be full or offline).";

    public static string CouldNotSetMaxJobsToOne(string server, string throttle, string reason) =>
        $"Could not set max jobs of {server} to 1 with the {throttle} throttle: {reason}";

    public static string MaxJobsReadBack(string server, int value) => $"Max jobs of {server} reads {value} after it was set to 1.";

    public static string JobsStillLand(string server, TimeSpan afterDeadline, IReadOnlyCollection<JobSummary> left, string throttle, bool canRead) =>
        $"Jobs still land on {server} {Durations.Format(afterDeadline)} after the deadline ({Durations.JobsLeft(left)}): max jobs 1 is not in effect{NotInEffect(throttle, canRead)}.";

    public static string WaitJobEndedWhileWaiting(Guid waitJobId, Job wait, string server) =>
        $"The wait job {waitJobId} ended ({Status(wait)}) while the drain waited: {server} no longer holds its last slot for the maintenance (was it restored, or the job stopped in Runbook Designer?). The drain stopped.";

    public static string CanceledButStillRuns(string path, Guid jobId, string server, TimeSpan timeout) =>
        $"{path} (job {jobId}) was canceled but still runs on {server} after {Durations.Format(timeout)}.";

    public static string WaitJobEndedBeforeTheDrain(Guid waitJobId, Job wait, string server) =>
        $"The wait job {waitJobId} ended ({Status(wait)}) before the drain did: it no longer holds {server}'s last slot or records the maintenance (was it stopped?).";

    public static string WaitJobDidNotEnd(Guid waitJobId, TimeSpan timeout) =>
        $"The wait job {waitJobId} did not end within {Durations.Format(timeout)} of being canceled: it is still active.";

    public static string NoStepForDecision(DeadlineDecisionKind kind) =>
        $"The deadline decision {kind} has no step in the drain: this is a bug in OrchPatch, please report it.";

    public const string StepBeforePreflight = "Bug in OrchPatch: the drain ran a step before its preflight.";

    // The state a failed or stopped drain leaves, joined with "; ".

    public const string Unchanged = "unchanged.";

    public static string LeftAsFound(Guid waitJobId, bool throttled) =>
        $"left in maintenance as found: wait job {waitJobId} kept, max jobs {(throttled ? "1" : "as it was")}; it may be half-patched: run Restore Runbook Server once it is known to be healthy";

    public static string MaxJobsRestored(int previous) => $"max jobs restored to {previous}";

    public static string MaxJobsMayStillBeOne(int previous, string reason) => $"max jobs may still be 1 (could not set it back to {previous}: {reason})";

    public const string MaxJobsUnchanged = "max jobs unchanged";

    public static string WaitJobCanceled(Guid waitJobId) => $"wait job {waitJobId} canceled";

    public static string WaitJobStillActive(Guid waitJobId, string reason) =>
        $"wait job {waitJobId} still active (could not cancel it: {reason}); run Restore Runbook Server to finish the undo";

    public static string WaitJobMayHold(string server) => $"a wait job may hold {server} (its start was not answered and could not be checked): run restore to be sure";

    public static string MovedJobsStay(IEnumerable<RelocatedJob> moved) =>
        $"moved jobs stay where they are now ({string.Join(", ", moved.Select(r => $"{r.RunbookPath} on {r.NewServer ?? "pending"}"))})";

    public static string CanceledJobsStay(int count) => $"{Plural.Of(count, "canceled job")} stay canceled";

    public static string GaveBack(string server, string state) => $"Gave {server} back: {state}";

    public static string Stopped(string server, bool throttled, Guid waitJobId) =>
        $"Stopped: {server} stays in maintenance (max jobs {(throttled ? "1" : "unchanged")}, wait job {waitJobId}). Restore it to undo, or resume the drain to continue.";

    public static string StoppedWhileStartUnanswered(string server) =>
        $"Stopped while the start of the wait job on {server} was unanswered: a wait job may hold {server} (max jobs unchanged). Run restore to be sure.";

    public static string StoppedBeforeAnyChange(string server) => $"Stopped before {server} was changed.";

    // Warnings.

    public static string WaitJobNotRunning(Guid waitJobId, string status, string server) => $"the wait job {waitJobId} is {status}, not running: {server} may be offline.";

    public static string AnotherWaitJob(Guid jobId, string server, Guid waitJobId) =>
        $"another Wait Runbook job ({jobId}) runs on {server}; the drain waits for it to end (only its own wait job {waitJobId} may remain).";

    public static string LandedAfterThrottle(string path, Guid jobId, string server, string throttle, bool canRead) =>
        $"{path} (job {jobId}) started on {server} after max jobs was set to 1: the throttle is not in effect{NotInEffect(throttle, canRead)}.";

    public static string DeadlinePassedWaitingOn(TimeSpan deadline, IReadOnlyCollection<JobSummary> left) =>
        $"the deadline ({Durations.Format(deadline)}) passed with {Durations.JobsLeft(left)}; waiting on (policy Wait).";

    public static string DeadlinePassedGivingBack(TimeSpan deadline, IReadOnlyCollection<JobSummary> left, string server, DeadlinePolicy policy) =>
        $"The deadline ({Durations.Format(deadline)}) passed with {Durations.JobsLeft(left)}; giving {server} back (policy {policy}).";

    public static string DeadlinePassedCanceling(int count) => $"The deadline passed; canceling {Plural.Of(count, "job")} (policy Cancel): their work is lost.";

    public static string AppearedAsTheDrainEnded(IReadOnlyCollection<Job> others, string server) =>
        $"{Plural.Of(others.Count, "job")} appeared on {server} as the drain ended ({string.Join(", ", others.Select(o => o.Id))}).";

    public static string MaxJobsChangedDuringDrain(string server, int max) => $"max jobs of {server} reads {max}, not 1: someone changed it during the drain.";

    public static string UnansweredStartCreatedWaitJob(Guid waitJobId, string server) => $"The wait job {waitJobId} was created on {server} although its start was not answered.";

    public static string UnansweredStartUnchecked(string server, string reason) =>
        $"whether the unanswered start of the wait job created one on {server} could not be checked: {reason}";

    // Progress.

    public static string Checking(string server) => $"Checking {server} before the drain.";

    public static string Continuing(MaintenanceRecord existing) => $"Continuing the maintenance of {existing.Describe()}.";

    public static string StartingWaitJob(string server) => $"Starting the wait job on {server} (it records the maintenance and will hold the last slot).";

    public static string WaitJobRuns(Guid waitJobId, string server) => $"The wait job {waitJobId} runs on {server}.";

    public static string WaitingForWaitJob(string server) => $"Waiting for {server} to start the wait job (it needs a free slot).";

    public static string SettingMaxJobsToOne(string server, int previous, string throttle) => $"Setting max jobs of {server} to 1 (was {previous}) with the {throttle} throttle.";

    public static string Classified(string server, int waitFor, int monitors, IReadOnlyCollection<JobSummary> blockers) =>
        $"{server} runs {Plural.Of(waitFor, "job")} to wait for and {Plural.Of(monitors, "monitor")} to move" +
        (blockers.Count > 0 ? $"; {Plural.Of(blockers.Count, "pending job")} may run only here and will wait for the restore ({string.Join(", ", blockers)})." : ".");

    public static string RelocatingMonitors(IEnumerable<string> paths) => $"Relocating monitors: {string.Join(", ", paths)}.";

    public static string Finished(string path, Guid jobId, Job job) =>
        $"{path} finished (job {jobId}{(job.Status == JobStatus.Completed ? string.Empty : ", " + Status(job))}).";

    public static string RestartingElsewhere(int count) => $"The deadline passed; restarting {Plural.Of(count, "restartable job")} elsewhere (policy Relocate).";

    public static string CanceledWorkLost(string path, Guid jobId) => $"Canceled {path} (job {jobId}): its work is lost.";

    public static string FinishedBeforeCancel(string path, Guid jobId, Job ended) => $"{path} finished (job {jobId}, {Status(ended)}) before its cancel took effect.";

    public static string FinishedBeforeMove(string path, Guid jobId) => $"{path} finished (job {jobId}) before it could be moved.";

    public static string Drained(string server, Guid waitJobId) => $"{server} is drained: only the wait job {waitJobId} runs there.";

    private static string Status(Job job) => job.StatusText ?? job.Status.ToString();
}
