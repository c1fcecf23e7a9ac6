using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OrchPatch.Core.Orchestrator;

namespace OrchPatch.Reliability.Tests.Support;

/// <summary>The real client, with every call going through a <see cref="CrashSwitch"/>.</summary>
internal sealed class CrashingService : IOrchestratorService
{
    private readonly IOrchestratorService _inner;
    private readonly CrashSwitch _switch;

    public CrashingService(IOrchestratorService inner, CrashSwitch crashSwitch)
    {
        _inner = inner;
        _switch = crashSwitch;
    }

    public OrchestratorEndpoint Endpoint => _inner.Endpoint;

    public Task<IReadOnlyList<RunbookServer>> GetRunbookServersAsync(CancellationToken cancellationToken = default) =>
        _switch.Call(nameof(GetRunbookServersAsync), () => _inner.GetRunbookServersAsync(cancellationToken));

    public Task<Runbook> GetRunbookAsync(Guid runbookId, CancellationToken cancellationToken = default) =>
        _switch.Call(nameof(GetRunbookAsync), () => _inner.GetRunbookAsync(runbookId, cancellationToken));

    public Task<Runbook> FindRunbookAsync(string path, CancellationToken cancellationToken = default) =>
        _switch.Call(nameof(FindRunbookAsync), () => _inner.FindRunbookAsync(path, cancellationToken));

    public Task<IReadOnlyList<Job>> GetJobsAsync(JobQuery query, CancellationToken cancellationToken = default) =>
        _switch.Call(nameof(GetJobsAsync), () => _inner.GetJobsAsync(query, cancellationToken));

    public Task<JobCount> CountJobsAsync(JobQuery query, CancellationToken cancellationToken = default) =>
        _switch.Call(nameof(CountJobsAsync), () => _inner.CountJobsAsync(query, cancellationToken));

    public Task<Job> GetJobAsync(Guid jobId, CancellationToken cancellationToken = default) =>
        _switch.Call(nameof(GetJobAsync), () => _inner.GetJobAsync(jobId, cancellationToken));

    public Task<Job> StartJobAsync(StartJobRequest request, CancellationToken cancellationToken = default) =>
        _switch.Call(nameof(StartJobAsync), () => _inner.StartJobAsync(request, cancellationToken));

    public Task<bool> CancelJobAsync(Guid jobId, CancellationToken cancellationToken = default) =>
        _switch.Call(nameof(CancelJobAsync), () => _inner.CancelJobAsync(jobId, cancellationToken));

    public Task<IReadOnlyDictionary<string, string>> GetJobParametersAsync(Job job, CancellationToken cancellationToken = default) =>
        _switch.Call(nameof(GetJobParametersAsync), () => _inner.GetJobParametersAsync(job, cancellationToken));

    public Task<IReadOnlyList<RunbookInstance>> GetRunbookInstancesAsync(Guid jobId, CancellationToken cancellationToken = default) =>
        _switch.Call(nameof(GetRunbookInstancesAsync), () => _inner.GetRunbookInstancesAsync(jobId, cancellationToken));

    public void Dispose() => _inner.Dispose();
}
