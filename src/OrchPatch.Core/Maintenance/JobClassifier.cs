using System;
using System.Collections.Generic;
using System.Linq;
using OrchPatch.Core.Orchestrator;

namespace OrchPatch.Core.Maintenance;

/// <summary>What kind of job it is, for a drain.</summary>
public enum JobCategory
{
    /// <summary>A Wait Runbook job: holds the slot and the maintenance record.</summary>
    WaitJob,

    /// <summary>A monitor: never finishes by itself.</summary>
    Monitor,

    /// <summary>A child started by Invoke Runbook (ParentId set).</summary>
    Child,

    /// <summary>A pending job that may run on this server only.</summary>
    PinnedPending,

    /// <summary>Any other job.</summary>
    Ordinary,
}

/// <summary>What the drain does with a job.</summary>
public enum JobAction
{
    /// <summary>Leave it (the wait job).</summary>
    Keep,

    /// <summary>Move it to another server now (monitors).</summary>
    RelocateNow,

    /// <summary>Wait for it to finish.</summary>
    WaitFor,

    /// <summary>Nothing can be done now; report it (a job that can only run here waits until the restore).</summary>
    Report,
}

/// <summary>One decision about one job, with its reason (the kubectl <c>PodDeleteStatus</c> pattern).</summary>
/// <param name="Job">The job.</param>
/// <param name="Runbook">Its runbook.</param>
/// <param name="Category">What it is.</param>
/// <param name="Action">What the drain does.</param>
/// <param name="Reason">Why, in one sentence.</param>
public sealed record JobClassification(Job Job, Runbook Runbook, JobCategory Category, JobAction Action, string Reason);

/// <summary>What the rules know besides the job.</summary>
/// <param name="Server">The server being drained.</param>
/// <param name="WaitRunbookId">The Wait Runbook.</param>
internal sealed record ClassificationContext(RunbookServer Server, Guid WaitRunbookId);

/// <summary>One rule of the chain: a decision, or null to let the next rule decide.</summary>
internal interface IJobRule
{
    JobClassification? Classify(Job job, Runbook runbook, ClassificationContext context);
}

/// <summary>Wait Runbook jobs are kept: one of them is ours and holds the server.</summary>
internal sealed class WaitJobRule : IJobRule
{
    public JobClassification? Classify(Job job, Runbook runbook, ClassificationContext context) =>
        job.RunbookId == context.WaitRunbookId
            ? new(job, runbook, JobCategory.WaitJob, JobAction.Keep, "it is the maintenance record and holds the server's last slot")
            : null;
}

/// <summary>Monitors never finish: they move at once, so the gap in monitoring stays as short as possible.</summary>
internal sealed class MonitorRule : IJobRule
{
    public JobClassification? Classify(Job job, Runbook runbook, ClassificationContext context) =>
        runbook.IsMonitor
            ? new(job, runbook, JobCategory.Monitor, JobAction.RelocateNow, "it is a monitor and never finishes by itself")
            : null;
}

/// <summary>Children of Invoke Runbook finish as part of their parent; moving one would break the parent.</summary>
internal sealed class ChildJobRule : IJobRule
{
    public JobClassification? Classify(Job job, Runbook runbook, ClassificationContext context) =>
        job.ParentId is { } parent
            ? new(job, runbook, JobCategory.Child, JobAction.WaitFor, job.ParentIsWaiting == true
                ? $"it is a child of job {parent}, which waits for it"
                : $"it is a child of job {parent}")
            : null;
}

/// <summary>A pending job pinned to this server alone cannot run elsewhere; it waits for the restore.</summary>
internal sealed class PinnedPendingRule : IJobRule
{
    public JobClassification? Classify(Job job, Runbook runbook, ClassificationContext context) =>
        job.Status == JobStatus.Pending && job.RunbookServers.Count > 0 && job.RunbookServers.All(s => ServerNames.Same(s, context.Server.Name))
            ? new(job, runbook, JobCategory.PinnedPending, JobAction.Report, $"it may run only on {context.Server.Name}, so it waits until {context.Server.Name} is restored")
            : null;
}

/// <summary>Everything else: wait for it to complete.</summary>
internal sealed class OrdinaryJobRule : IJobRule
{
    public JobClassification? Classify(Job job, Runbook runbook, ClassificationContext context) =>
        new(job, runbook, JobCategory.Ordinary, JobAction.WaitFor, "it is an ordinary job: the drain waits for it to complete");
}

/// <summary>
/// Classifies the jobs of a server being drained by an ordered chain of small rules; the first rule that decides wins.
/// Order: wait job, monitor, pinned pending, child, ordinary.
/// </summary>
internal sealed class JobClassifier
{
    // Pinned pending before child: a pending child pinned here has no server yet, so the drain's poll of the jobs
    // running here never sees it, and waiting for it would call it finished at once.
    private static readonly IJobRule[] Rules = { new WaitJobRule(), new MonitorRule(), new PinnedPendingRule(), new ChildJobRule(), new OrdinaryJobRule() };
    private readonly ClassificationContext _context;

    public JobClassifier(RunbookServer server, Guid waitRunbookId) => _context = new ClassificationContext(server, waitRunbookId);

    public JobClassification Classify(Job job, Runbook runbook)
    {
        foreach (var rule in Rules)
        {
            if (rule.Classify(job, runbook, _context) is { } decision)
            {
                return decision;
            }
        }

        throw new InvalidOperationException("Bug in OrchPatch: OrdinaryJobRule always decides.");
    }

    public IReadOnlyList<JobClassification> Classify(IEnumerable<(Job Job, Runbook Runbook)> jobs) =>
        jobs.Select(j => Classify(j.Job, j.Runbook)).ToArray();
}
