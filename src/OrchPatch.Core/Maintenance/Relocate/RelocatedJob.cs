using System;

namespace OrchPatch.Core.Maintenance;

/// <summary>One job moved to another server: the same runbook with the same parameters, restarted there.</summary>
/// <param name="RunbookPath">The runbook.</param>
/// <param name="OldJobId">The job that was canceled.</param>
/// <param name="NewJobId">The job that replaces it.</param>
/// <param name="NewServer">Where the new job runs; null while it is still pending (the targets were busy).</param>
/// <param name="Category">Why it moved: a monitor, or an ordinary job restarted at the deadline or on request.</param>
/// <param name="Gap">For a monitor, the time between the old job ending and the new one running, as the engine saw it
/// (to one poll interval).</param>
/// <param name="Note">Anything unusual (for example "pending: RB02 and RB03 are full").</param>
public sealed record RelocatedJob(string RunbookPath, Guid OldJobId, Guid NewJobId, string? NewServer, JobCategory Category, TimeSpan? Gap, string Note);
