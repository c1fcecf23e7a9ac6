using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OrchPatch.Core.Utils;

namespace OrchPatch.Core.Maintenance;

/// <summary>What a drain would do with one job.</summary>
/// <param name="Job">The job.</param>
/// <param name="Category">What it is.</param>
/// <param name="Action">What the drain would do.</param>
/// <param name="Reason">Why.</param>
public sealed record PlannedJob(JobSummary Job, JobCategory Category, string Action, string Reason);

/// <summary>A dry run of a drain: the same checks and classification, no change at all. Immutable.</summary>
public sealed record DrainPlan
{
    /// <summary>The server.</summary>
    public string Server { get; init; } = string.Empty;

    /// <summary>Whether a drain would start (no refusal).</summary>
    public bool CanDrain => Refusals.Count == 0;

    /// <summary>Why a drain would be refused.</summary>
    public IReadOnlyList<string> Refusals { get; init; } = Array.Empty<string>();

    /// <summary>What the user should know.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = Array.Empty<string>();

    /// <summary>The max jobs the drain would record.</summary>
    public int PreviousMaxJobs { get; init; }

    /// <summary>Every job on the server and what would happen to it.</summary>
    public IReadOnlyList<PlannedJob> Jobs { get; init; } = Array.Empty<PlannedJob>();

    /// <summary>The servers that would take moved work, with their free slots.</summary>
    public IReadOnlyList<ServerCapacity> Capacity { get; init; } = Array.Empty<ServerCapacity>();

    /// <summary>Servers already in maintenance.</summary>
    public IReadOnlyList<MaintenanceRecord> InMaintenance { get; init; } = Array.Empty<MaintenanceRecord>();

    /// <summary>One block of text for people.</summary>
    /// <returns>The plan.</returns>
    public string Describe() => string.Join(Environment.NewLine, DescribeLines());

    /// <summary>The plan for people, a line at a time: a line holds names read from the farm (runbook paths, server
    /// names, a maintenance record's owner), and a program that prints it must not let a line break in a name start a
    /// new line (the command line escapes each line whole).</summary>
    /// <returns>The lines, without line breaks of their own.</returns>
    public IReadOnlyList<string> DescribeLines()
    {
        var lines = new List<string>
        {
            CanDrain ? $"{Server} can be drained now (max jobs {PreviousMaxJobs} would be recorded and set to 1)." : $"{Server} cannot be drained now:",
        };
        lines.AddRange(Refusals.Select(refusal => "  - " + refusal));
        lines.AddRange(Jobs.Select(job => $"  would {job.Action}: {job.Job} ({job.Reason})"));
        if (Jobs.Count == 0)
        {
            lines.Add("  no job runs there: the drain would end at once.");
        }

        lines.Add("  capacity elsewhere: " + (Capacity.Count == 0 ? "none" : string.Join(", ", Capacity.Select(c => $"{c.Server} {c.Free} free ({c.Running}/{c.MaxJobs}{(c.MaxJobsAssumed ? " assumed" : string.Empty)})"))));
        lines.AddRange(Warnings.Select(warning => "  warning: " + warning));
        return lines;
    }
}

/// <summary>The dry run: what a drain would move where, what blocks it, whether capacity suffices. Reads only.</summary>
public sealed class PlanDrain
{
    private readonly MaintenanceContext _context;
    private readonly DrainOptions _options;

    /// <summary>Creates the operation.</summary>
    /// <param name="context">The web service, throttle, clock and settings.</param>
    /// <param name="options">The drain's options, as the drain would use them.</param>
    public PlanDrain(MaintenanceContext context, DrainOptions options)
    {
        _context = Guard.NotNull(context);
        _options = Guard.NotNull(options);
        OptionsValidation.Validate(options);
    }

    /// <summary>Plans a drain of the server.</summary>
    /// <param name="serverName">The runbook server.</param>
    /// <param name="cancellationToken">Stops the reads.</param>
    /// <returns>The plan.</returns>
    public async Task<DrainPlan> RunAsync(string serverName, CancellationToken cancellationToken = default)
    {
        Guard.NotNullOrWhiteSpace(serverName);
        var farm = new FarmView(_context);
        var preflight = await DrainPreflight.RunAsync(farm, serverName, _options, cancellationToken).ConfigureAwait(false);
        var targets = string.Join(", ", preflight.Targets.Select(t => t.Name));
        return new DrainPlan
        {
            Server = preflight.Server.Name,
            Refusals = preflight.Problems.ToArray(),
            Warnings = preflight.Warnings.ToArray(),
            PreviousMaxJobs = preflight.PreviousMaxJobs,
            InMaintenance = preflight.Records,
            Capacity = preflight.Capacity,
            Jobs = preflight.Jobs.Select(j => new PlannedJob(farm.Summarize(j.Job, j.Runbook), j.Category, j.Action switch
            {
                JobAction.Keep => "keep",
                JobAction.RelocateNow => $"move it at once to {targets}",
                JobAction.WaitFor => _options.DeadlinePolicy == DeadlinePolicy.Relocate && j.Category == JobCategory.Ordinary && _options.Restartable.Matches(j.Runbook.Path)
                    ? $"wait for it, then move it to {targets} at the deadline"
                    : "wait for it",
                _ => "leave it pending until the restore",
            }, j.Reason)).ToArray(),
        };
    }
}
