using System;
using OrchPatch.Core.Orchestrator;

namespace OrchPatch.Core.Maintenance;

/// <summary>
/// Every sentence the restore says, in one place (as kubectl keeps its drain's messages beside its filters), so its
/// wording is reviewed together and the same fact is told the same way wherever it is met. Grouped by what the reader
/// must do: refusals changed nothing; failures say what state is left; warnings are for reading; the rest is progress.
/// </summary>
internal static class RestoreMessages
{
    /// <summary>The operation's name in refusals ("Cannot restore RB01: ...").</summary>
    public const string Operation = "restore";

    // Refusals: nothing was changed.

    public static string CanaryNotFound(string reason) => $"the canary runbook: {reason}";

    public static string NotAWaitJob(Guid jobId, string waitRunbookPath) => $"job {jobId} is not a job of the Wait Runbook {waitRunbookPath}.";

    public static string WaitJobOfAnotherServer(Guid jobId, string recordedServer, string server) => $"wait job {jobId} records the maintenance of {recordedServer}, not {server}.";

    public static string MaxJobsUnreadable(string throttle, string reason) => $"max jobs cannot be read with the {throttle} throttle: {reason}";

    // Failures: each names the state it leaves.

    public static string CouldNotSetMaxJobs(string server, int maxJobs, string throttle, string reason) => $"Could not set max jobs of {server} to {maxJobs} with the {throttle} throttle: {reason}";

    public static string MaxJobsReadBack(int read, int maxJobs) => $"max jobs reads {read} after it was set to {maxJobs}.";

    public static string StillInMaintenance(Guid waitJobId) => $"still in maintenance (wait job {waitJobId}); run the restore again.";

    public const string Unchanged = "unchanged.";

    public static string CouldNotCancelWaitJob(Guid waitJobId, string server, string reason) => $"Could not cancel the wait job {waitJobId} of {server}: {reason}";

    public static string WaitJobStillRuns(int maxJobs, Guid waitJobId) =>
        $"max jobs restored to {maxJobs}, but the wait job {waitJobId} still runs there, holding one slot and the maintenance record; run the restore again (with Publish permission on the Wait Runbook) to end it.";

    public static string CouldNotCancelCopy(Guid copyJobId, string runbookPath, string server, string reason) =>
        $"Could not cancel job {copyJobId}, the copy of {runbookPath} left by an interrupted move off {server}: {reason}";

    public static string CopyMayStillBeQueued(Guid waitJobId, Guid originalJobId) =>
        $"still in maintenance (wait job {waitJobId}); the copy may still be queued beside job {originalJobId}: run the restore again.";

    // The health gate: a server that does not prove healthy stays drained.

    public static string StaysDrained(Guid waitJobId) => $"it stays drained (max jobs 1, wait job {waitJobId})";

    public static string RunbookServiceNotBack(TimeSpan healthTimeout) =>
        $"its runbook service did not run the wait job again within {Durations.Format(healthTimeout)} (is the server back from patching?).";

    public static string CanaryTimedOut(string canaryPath, Guid jobId, TimeSpan healthTimeout) => $"the canary {canaryPath} (job {jobId}) did not complete within {Durations.Format(healthTimeout)}.";

    public static string CanaryEnded(string canaryPath, Job job) => $"the canary {canaryPath} (job {job.Id}) ended {job.StatusText ?? job.Status.ToString()}.";

    public static string HealthGateFailed(string reason) => $"the health gate failed: {reason}";

    public static string CanarySlotsMayStayOpen(int slots, string reason, Guid waitJobId) => $"max jobs may still be {slots} (could not set it back to 1: {reason}); wait job {waitJobId} kept";

    public static string CanaryMayStillRun(Guid canaryJobId, string reason) => $"the canary job {canaryJobId} may still run (could not cancel it: {reason})";

    public static string CanaryCompleted(string canaryPath, TimeSpan took) => $"canary {canaryPath} completed in {Durations.Format(took)}";

    public const string RunbookServiceRunsNoCanary = "runbook service running (no canary)";

    public const string SkippedNoCanary = "skipped (no canary)";

    public const string NotRunNoMaintenance = "not run (no maintenance)";

    public const string NotRun = "not run";

    // Warnings.

    public static string NotInMaintenance(string server) => $"{server} is not in maintenance (no Wait Runbook job holds it); nothing was changed.";

    public static string MaxJobsSetAsAsked(string server, int maxJobs) => $"{server} was not in maintenance; max jobs set to {maxJobs} as asked.";

    public static string MaxJobsOneWithoutRecord(string server) =>
        $"max jobs of {server} is 1 although no maintenance is recorded; set it with the MaxJobs option (orchpatch restore --max-jobs N).";

    public static string RestoredFromLatestRecord(string server, MaintenanceRecord latest) =>
        $"{server} is in no active maintenance but its max jobs reads 1; its latest maintenance record (wait job {latest.WaitJobId}, {latest.WaitJobStatus}) recorded {latest.PreviousMaxJobs}, so max jobs is restored to that. If 1 was set on purpose, set it again (orchpatch restore --max-jobs 1).";

    public static string WaitJobDidNotEnd(Guid waitJobId, TimeSpan cancelConfirmTimeout, string server) =>
        $"the wait job {waitJobId} did not end within {Durations.Format(cancelConfirmTimeout)}; it holds one slot on {server} until it does.";

    // Progress.

    public static string Restoring(string server) => $"Restoring {server}.";

    public static string TakesWorkAgain(string server, int maxJobs) => $"{server} takes work again (max jobs {maxJobs}).";

    public static string WaitingForRunbookService(string server) => $"Waiting for {server}'s runbook service to run the wait job again (back from patching?).";

    public static string RunningCanary(string canaryPath, string server) => $"Health gate: running {canaryPath} on {server}.";

    public static string CanarySlotTaken(string server, int slots) => $"Another job took the canary's slot on {server}; max jobs {slots} so the canary can run.";
}
