using System;
using System.Collections.Generic;
using System.Linq;
using OrchPatch.Core.Maintenance;

namespace OrchPatch.Activities;

/// <summary>Moved jobs as readable text, one line each: a collection of <c>[ActivityData]</c> rows has no public
/// evidence as a declarative output, so the jobs are published as a string (see README, "Output shapes").</summary>
internal static class RelocatedJobsText
{
    /// <summary>One line per job: "runbook path: old job id -> new job id on server" ("waiting for a slot" without one).</summary>
    public static string Of(IEnumerable<RelocatedJob> jobs) => string.Join(Environment.NewLine, jobs.Select(Line));

    private static string Line(RelocatedJob job) =>
        $"{job.RunbookPath}: {ActivityRuntime.Id(job.OldJobId)} -> {ActivityRuntime.Id(job.NewJobId)} " +
        (string.IsNullOrEmpty(job.NewServer) ? "waiting for a slot" : "on " + job.NewServer);
}
