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
/// Moves jobs off a runbook server: the same runbook with the same parameters is started on the targets, the original
/// canceled, the copy confirmed. A monitor never runs twice; a child whose parent waits for it is never moved.
/// </summary>
public sealed class RelocateJobs
{
    private readonly MaintenanceContext _context;
    private readonly RelocateOptions _options;

    /// <summary>Creates the operation.</summary>
    /// <param name="context">The web service, throttle, clock and settings.</param>
    /// <param name="options">Which jobs, and where to.</param>
    public RelocateJobs(MaintenanceContext context, RelocateOptions options)
    {
        _context = Guard.NotNull(context);
        _options = Guard.NotNull(options);
    }

    /// <summary>Moves the selected jobs.</summary>
    /// <param name="serverName">The server to move them from.</param>
    /// <param name="cancellationToken">Stops the operation between jobs.</param>
    /// <returns>What moved and what stayed.</returns>
    /// <exception cref="MaintenanceRefusedException">Unknown server, target or job; nothing changed.</exception>
    public async Task<RelocateResult> RunAsync(string serverName, CancellationToken cancellationToken = default)
    {
        Guard.NotNullOrWhiteSpace(serverName);
        var farm = new FarmView(_context);
        var server = await farm.FindServerAsync(serverName, RelocateMessages.Operation, cancellationToken).ConfigureAwait(false);
        var waitRunbook = await farm.WaitRunbookAsync(server.Name, RelocateMessages.Operation, cancellationToken).ConfigureAwait(false);
        var targets = await TargetsAsync(farm, server, cancellationToken).ConfigureAwait(false);
        var active = await _context.Service.GetJobsAsync(JobQuery.ActiveOn(server.Id), cancellationToken).ConfigureAwait(false);
        CheckSelectedJobsRunHere(server, active);

        var waitedOnChildren = await farm.ChildrenWaitedOnAsync(cancellationToken).ConfigureAwait(false);
        var classifier = new JobClassifier(server, waitRunbook.Id);
        var relocator = new JobRelocator(farm);
        var spread = new TargetSpread(targets, await CapacityAsync(targets, cancellationToken).ConfigureAwait(false));
        var moved = new List<RelocatedJob>();
        var skipped = new List<string>();
        foreach (var job in active)
        {
            var decision = classifier.Classify(job, await farm.RunbookAsync(job.RunbookId, cancellationToken).ConfigureAwait(false));
            if (!IsSelected(decision))
            {
                continue;
            }

            if (decision.Category == JobCategory.WaitJob)
            {
                skipped.Add(RelocateMessages.Skipped(decision.Runbook.Path, job.Id, decision.Reason));
                continue;
            }

            if (job.ParentId is not null && job.ParentIsWaiting == true)
            {
                skipped.Add(RelocateMessages.Skipped(decision.Runbook.Path, job.Id, decision.Reason));
                continue;
            }

            // A restarted parent invokes its children again: the child's work would run twice.
            if (waitedOnChildren.FirstOrDefault(c => c.ParentId == job.Id) is { } child)
            {
                skipped.Add(RelocateMessages.Skipped(decision.Runbook.Path, job.Id, RelocateMessages.SkippedWaitsForChild(child.Id)));
                continue;
            }

            if (await relocator.RelocateAsync(server.Name, decision, spread.Next(), cancellationToken).ConfigureAwait(false) is { } relocated)
            {
                moved.Add(relocated);
            }
            else
            {
                skipped.Add(RelocateMessages.Skipped(decision.Runbook.Path, job.Id, RelocateMessages.SkippedEndedBeforeMoved));
            }
        }

        return new RelocateResult { Server = server.Name, Moved = moved, Skipped = skipped };
    }

    /// <summary>The targets' free slots, so moved jobs spread by capacity; a max jobs that cannot be read is assumed
    /// (<see cref="MaintenanceSettings.AssumedMaxJobs"/>), as the drain's preflight does.</summary>
    private async Task<IReadOnlyList<ServerCapacity>> CapacityAsync(IReadOnlyList<RunbookServer> targets, CancellationToken cancellationToken)
    {
        var running = await _context.Service.GetJobsAsync(JobQuery.Active, cancellationToken).ConfigureAwait(false);
        var capacity = new List<ServerCapacity>();
        foreach (var target in targets)
        {
            int? max;
            try
            {
                max = await _context.Throttle.GetMaxJobsAsync(target.Name, cancellationToken).ConfigureAwait(false);
            }
            catch (ThrottleException)
            {
                max = null;
            }

            capacity.Add(new ServerCapacity(target.Name, max ?? _context.Settings.AssumedMaxJobs, running.Count(j => j.RunbookServerId == target.Id && j.Status == JobStatus.Running), max is null));
        }

        return capacity;
    }

    private async Task<IReadOnlyList<RunbookServer>> TargetsAsync(FarmView farm, RunbookServer server, CancellationToken cancellationToken)
    {
        var servers = await farm.ServersAsync(cancellationToken).ConfigureAwait(false);
        var records = await farm.ActiveRecordsAsync(server.Name, RelocateMessages.Operation, cancellationToken).ConfigureAwait(false);
        if (_options.Targets.Count == 0)
        {
            var targets = servers.Where(s => s.Id != server.Id && !records.Any(r => r.IsFor(s.Name))).ToArray();
            return targets.Length > 0
                ? targets
                : throw new MaintenanceRefusedException(server.Name, RelocateMessages.Operation, new[] { RelocateMessages.NoTargetOutOfMaintenance });
        }

        var problems = new List<string>();
        var chosen = new List<RunbookServer>();
        foreach (var name in _options.Targets)
        {
            var target = ServerNames.Resolve(servers, s => s.Name, name, RelocateMessages.Operation);
            if (target is null)
            {
                problems.Add("the target: " + UnknownRunbookServerException.Reason(name, _context.Service.Endpoint.ServiceRoot.ToString(), servers.Select(s => s.Name).ToArray()));
            }
            else if (target.Id == server.Id)
            {
                problems.Add(RelocateMessages.TargetIsTheSource(target.Name));
            }
            else if (records.FirstOrDefault(r => r.IsFor(target.Name)) is { } record)
            {
                problems.Add(RelocateMessages.TargetInMaintenance(record.Describe()));
            }
            else
            {
                chosen.Add(target);
            }
        }

        return problems.Count == 0 ? chosen : throw new MaintenanceRefusedException(server.Name, RelocateMessages.Operation, problems);
    }

    private void CheckSelectedJobsRunHere(RunbookServer server, IReadOnlyList<Job> active)
    {
        if (_options.Selection.Kind != JobSelectionKind.JobIds)
        {
            return;
        }

        var missing = _options.Selection.JobIds.Where(id => active.All(j => j.Id != id)).ToArray();
        if (missing.Length > 0)
        {
            throw new MaintenanceRefusedException(server.Name, RelocateMessages.Operation, missing.Select(id => RelocateMessages.NotActiveOn(id, server.Name)).ToArray());
        }
    }

    private bool IsSelected(JobClassification decision) => _options.Selection.Kind switch
    {
        JobSelectionKind.MonitorsOnly => decision.Category == JobCategory.Monitor,
        JobSelectionKind.JobIds => _options.Selection.JobIds.Contains(decision.Job.Id),
        _ => true,
    };
}
