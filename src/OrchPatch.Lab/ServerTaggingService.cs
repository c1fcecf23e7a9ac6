using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Simulator;

namespace OrchPatch.Lab;

/// <summary>The web-service client of a measured run, telling its <see cref="RequestLedger"/> which runbook server each
/// call concerns: the server a query is for, the server a job runs or ran on (or the one it is pinned to), the one
/// server a start names. The simulator knows where every job is, so the answer does not depend on the procedure.</summary>
public sealed class ServerTaggingService : IOrchestratorService
{
    private readonly IOrchestratorService _inner;
    private readonly SimulatedOrchestrator _orchestrator;
    private readonly RequestLedger _ledger;
    private readonly Lazy<Dictionary<Guid, string>> _serverNames;

    /// <summary>Wraps <paramref name="inner"/>, whose transport records into <paramref name="ledger"/>.</summary>
    /// <param name="inner">The client.</param>
    /// <param name="orchestrator">The simulator (where each job is).</param>
    /// <param name="ledger">Where requests are recorded.</param>
    public ServerTaggingService(IOrchestratorService inner, SimulatedOrchestrator orchestrator, RequestLedger ledger)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _orchestrator = orchestrator ?? throw new ArgumentNullException(nameof(orchestrator));
        _ledger = ledger ?? throw new ArgumentNullException(nameof(ledger));
        _serverNames = new Lazy<Dictionary<Guid, string>>(() => _orchestrator.Servers.ToDictionary(s => s.Id, s => s.Name));
    }

    /// <inheritdoc />
    public OrchestratorEndpoint Endpoint => _inner.Endpoint;

    /// <inheritdoc />
    public Task<IReadOnlyList<RunbookServer>> GetRunbookServersAsync(CancellationToken cancellationToken = default) =>
        _ledger.For(null, () => _inner.GetRunbookServersAsync(cancellationToken));

    /// <inheritdoc />
    public Task<Runbook> GetRunbookAsync(Guid runbookId, CancellationToken cancellationToken = default) =>
        _ledger.For(null, () => _inner.GetRunbookAsync(runbookId, cancellationToken));

    /// <inheritdoc />
    public Task<Runbook> FindRunbookAsync(string path, CancellationToken cancellationToken = default) =>
        _ledger.For(null, () => _inner.FindRunbookAsync(path, cancellationToken));

    /// <inheritdoc />
    public Task<IReadOnlyList<Job>> GetJobsAsync(JobQuery query, CancellationToken cancellationToken = default) =>
        _ledger.For(ServerOf(query), () => _inner.GetJobsAsync(query, cancellationToken));

    /// <inheritdoc />
    public Task<JobCount> CountJobsAsync(JobQuery query, CancellationToken cancellationToken = default) =>
        _ledger.For(ServerOf(query), () => _inner.CountJobsAsync(query, cancellationToken));

    /// <inheritdoc />
    public Task<Job> GetJobAsync(Guid jobId, CancellationToken cancellationToken = default) =>
        _ledger.For(ServerOfJob(jobId), () => _inner.GetJobAsync(jobId, cancellationToken));

    /// <inheritdoc />
    public Task<Job> StartJobAsync(StartJobRequest request, CancellationToken cancellationToken = default) =>
        _ledger.For(request?.RunbookServers is { Count: 1 } one ? one[0] : null, () => _inner.StartJobAsync(request!, cancellationToken));

    /// <inheritdoc />
    public Task<bool> CancelJobAsync(Guid jobId, CancellationToken cancellationToken = default) =>
        _ledger.For(ServerOfJob(jobId), () => _inner.CancelJobAsync(jobId, cancellationToken));

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, string>> GetJobParametersAsync(Job job, CancellationToken cancellationToken = default) =>
        _ledger.For(job is null ? null : ServerOfJob(job.Id), () => _inner.GetJobParametersAsync(job!, cancellationToken));

    /// <inheritdoc />
    public Task<IReadOnlyList<RunbookInstance>> GetRunbookInstancesAsync(Guid jobId, CancellationToken cancellationToken = default) =>
        _ledger.For(ServerOfJob(jobId), () => _inner.GetRunbookInstancesAsync(jobId, cancellationToken));

    /// <summary>Disposes the client it wraps.</summary>
    public void Dispose() => _inner.Dispose();

    private string? ServerOf(JobQuery? query)
    {
        if (query?.RunbookServerId is { } id)
        {
            return _serverNames.Value.TryGetValue(id, out var name) ? name : null;
        }

        // Reads by id: the jobs of one drain, so the first one's server is theirs.
        return query?.Ids is { Count: > 0 } ids ? ServerOfJob(ids[0]) : null;
    }

    private string? ServerOfJob(Guid jobId)
    {
        JobState job;
        try
        {
            job = _orchestrator.GetJob(jobId);
        }
        catch (ArgumentException)
        {
            // No such job: the answer will say so; it concerns no server.
            return null;
        }

        return job.Server ?? (job.RunbookServers is { Count: 1 } pinned ? pinned[0] : null);
    }
}
