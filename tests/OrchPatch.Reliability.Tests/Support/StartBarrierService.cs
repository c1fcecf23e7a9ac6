using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OrchPatch.Core.Orchestrator;

namespace OrchPatch.Reliability.Tests.Support;

/// <summary>Holds every client's first job start until <see cref="StartBarrier.Parties"/> clients have reached it, so
/// racing drains have all passed their preflight (each saw no maintenance) before any wait job exists: the race the
/// lock (write, then check) must settle.</summary>
internal sealed class StartBarrier
{
    // Continuations run inline, on the thread that moves the farm's clock: the race stays deterministic.
    private readonly TaskCompletionSource<bool> _open = new();
    private int _arrived;

    public StartBarrier(int parties) => Parties = parties;

    public int Parties { get; }

    public Task ArriveAsync()
    {
        if (Interlocked.Increment(ref _arrived) >= Parties)
        {
            _open.TrySetResult(true);
        }

        return _open.Task;
    }
}

/// <summary>The real client, with the first <see cref="StartJobAsync"/> held at a <see cref="StartBarrier"/>.</summary>
internal sealed class StartBarrierService : IOrchestratorService
{
    private readonly IOrchestratorService _inner;
    private readonly StartBarrier _barrier;
    private bool _passed;

    public StartBarrierService(IOrchestratorService inner, StartBarrier barrier)
    {
        _inner = inner;
        _barrier = barrier;
    }

    public OrchestratorEndpoint Endpoint => _inner.Endpoint;

    public Task<IReadOnlyList<RunbookServer>> GetRunbookServersAsync(CancellationToken cancellationToken = default) => _inner.GetRunbookServersAsync(cancellationToken);

    public Task<Runbook> GetRunbookAsync(Guid runbookId, CancellationToken cancellationToken = default) => _inner.GetRunbookAsync(runbookId, cancellationToken);

    public Task<Runbook> FindRunbookAsync(string path, CancellationToken cancellationToken = default) => _inner.FindRunbookAsync(path, cancellationToken);

    public Task<IReadOnlyList<Job>> GetJobsAsync(JobQuery query, CancellationToken cancellationToken = default) => _inner.GetJobsAsync(query, cancellationToken);

    public Task<JobCount> CountJobsAsync(JobQuery query, CancellationToken cancellationToken = default) => _inner.CountJobsAsync(query, cancellationToken);

    public Task<Job> GetJobAsync(Guid jobId, CancellationToken cancellationToken = default) => _inner.GetJobAsync(jobId, cancellationToken);

    public async Task<Job> StartJobAsync(StartJobRequest request, CancellationToken cancellationToken = default)
    {
        if (!_passed)
        {
            _passed = true;
            await _barrier.ArriveAsync().ConfigureAwait(false);
        }

        return await _inner.StartJobAsync(request, cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> CancelJobAsync(Guid jobId, CancellationToken cancellationToken = default) => _inner.CancelJobAsync(jobId, cancellationToken);

    public Task<IReadOnlyDictionary<string, string>> GetJobParametersAsync(Job job, CancellationToken cancellationToken = default) => _inner.GetJobParametersAsync(job, cancellationToken);

    public Task<IReadOnlyList<RunbookInstance>> GetRunbookInstancesAsync(Guid jobId, CancellationToken cancellationToken = default) => _inner.GetRunbookInstancesAsync(jobId, cancellationToken);

    public void Dispose() => _inner.Dispose();
}
