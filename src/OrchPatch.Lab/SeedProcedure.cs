using System;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Simulator;
using OrchPatch.Simulator.Scenarios;

namespace OrchPatch.Lab;

/// <summary>
/// The procedure of Microsoft's 2013 post ("Patching Orchestrator Runbook Servers while Maintaining High-Availability"; docs/benchmark.md), step for step, one server at a time: (a) start the
/// Wait Runbook on the server, (b) set its max jobs to 1, (c) wait X, (d) stop everything still running there except
/// the Wait Runbook and start it again, (e) confirm only the Wait Runbook runs there, (f) patch, (g, h) restore. The
/// restore is the engine's own (health gate with the Canary, max jobs back, wait job stopped), so both procedures
/// differ only in how they drain.
/// </summary>
public sealed class SeedProcedure : IMaintenanceProcedure
{
    private static readonly TimeSpan Poll = MaintenanceConstants.DefaultPollInterval;
    private readonly TimeSpan _wait;

    /// <summary>Creates the procedure.</summary>
    /// <param name="wait">X: how long to wait for jobs before stopping and restarting what still runs.</param>
    /// <exception cref="ArgumentOutOfRangeException">X is negative.</exception>
    public SeedProcedure(TimeSpan wait)
    {
        if (wait < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(wait), wait, "X must not be negative.");
        }

        _wait = wait;
    }

    /// <inheritdoc />
    public string Name => "seed-" + (_wait.TotalSeconds >= 300 && _wait.Seconds == 0
        ? ((int)_wait.TotalMinutes).ToString(CultureInfo.InvariantCulture) + "m"
        : ((int)_wait.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s");

    /// <inheritdoc />
    public async Task<string?> RunAsync(LabSession session, CancellationToken cancellationToken)
    {
        var service = session.Service;
        var servers = await service.GetRunbookServersAsync(cancellationToken).ConfigureAwait(false);
        var waitRunbook = await service.FindRunbookAsync(StandardRunbooks.WaitRunbookPath, cancellationToken).ConfigureAwait(false);
        foreach (var server in servers)
        {
            session.Enter(server.Name, LabPhase.Draining);
            var waitJob = await HoldWithWaitRunbookAsync(session, server, waitRunbook, cancellationToken).ConfigureAwait(false);
            await session.Farm.Throttle.SetMaxJobsAsync(server.Name, 1, cancellationToken).ConfigureAwait(false);
            session.Waiting(server.Name);
            await Task.Delay(_wait, session.Farm.Clock, cancellationToken).ConfigureAwait(false);
            await StopAndRestartAsync(session, server, waitJob, cancellationToken).ConfigureAwait(false);
            await ConfirmOnlyWaitJobAsync(session, server, waitJob, cancellationToken).ConfigureAwait(false);

            session.Enter(server.Name, LabPhase.Patching);
            await session.PatchAsync(server.Name, cancellationToken).ConfigureAwait(false);

            session.Enter(server.Name, LabPhase.Restoring);
            var restore = new RestoreOptions { WaitJobId = waitJob.Id, CanaryRunbookPath = StandardRunbooks.CanaryPath };
            try
            {
                await new RestoreRunbookServer(session.Farm.Context(null, session.Service), restore).RunAsync(server.Name, cancellationToken).ConfigureAwait(false);
            }
            catch (MaintenanceFailedException ex)
            {
                return $"{server.Name}: {ex.Message}";
            }

            session.Done(server.Name);
        }

        return null;
    }

    /// <summary>(a) The Wait Runbook pinned to the server, with the record the restore reads back.</summary>
    private static async Task<Job> HoldWithWaitRunbookAsync(LabSession session, RunbookServer server, Runbook waitRunbook, CancellationToken cancellationToken)
    {
        var service = session.Service;
        var previous = await session.Farm.Throttle.GetMaxJobsAsync(server.Name, cancellationToken).ConfigureAwait(false) ?? MaintenanceConstants.DefaultAssumedMaxJobs;
        var job = await service.StartJobAsync(
            new StartJobRequest(waitRunbook.Id)
            {
                Parameters = MaintenanceRecord.ToParameters(server.Name, previous, "seed", session.Farm.Now, "the seed's procedure"),
                RunbookServers = new[] { server.Name },
            },
            cancellationToken).ConfigureAwait(false);
        while (job.Status != JobStatus.Running)
        {
            await Task.Delay(Poll, session.Farm.Clock, cancellationToken).ConfigureAwait(false);
            job = await service.GetJobAsync(job.Id, cancellationToken).ConfigureAwait(false);
        }

        return job;
    }

    /// <summary>(d) Stop what still runs and start it again; with max jobs 1 held by the wait job it lands elsewhere.
    /// A child job is not started on its own: its restarted parent invokes it again.</summary>
    private static async Task StopAndRestartAsync(LabSession session, RunbookServer server, Job waitJob, CancellationToken cancellationToken)
    {
        var service = session.Service;
        var running = await service.GetJobsAsync(JobQuery.ActiveOn(server.Id), cancellationToken).ConfigureAwait(false);
        foreach (var job in running.Where(j => j.Id != waitJob.Id))
        {
            var parameters = await service.GetJobParametersAsync(job, cancellationToken).ConfigureAwait(false);
            await service.CancelJobAsync(job.Id, cancellationToken).ConfigureAwait(false);
            if (job.ParentId is null)
            {
                await service.StartJobAsync(new StartJobRequest(job.RunbookId) { Parameters = parameters }, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>(e) Only the wait job runs on the server.</summary>
    private static async Task ConfirmOnlyWaitJobAsync(LabSession session, RunbookServer server, Job waitJob, CancellationToken cancellationToken)
    {
        while ((await session.Service.GetJobsAsync(JobQuery.ActiveOn(server.Id), cancellationToken).ConfigureAwait(false)).Any(j => j.Id != waitJob.Id))
        {
            await Task.Delay(Poll, session.Farm.Clock, cancellationToken).ConfigureAwait(false);
        }
    }
}
