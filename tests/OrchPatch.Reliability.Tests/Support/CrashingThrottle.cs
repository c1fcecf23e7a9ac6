using System.Threading;
using System.Threading.Tasks;
using OrchPatch.Core.Throttle;

namespace OrchPatch.Reliability.Tests.Support;

/// <summary>A throttle with every call going through a <see cref="CrashSwitch"/>.</summary>
internal sealed class CrashingThrottle : IRunbookServerThrottle
{
    private readonly IRunbookServerThrottle _inner;
    private readonly CrashSwitch _switch;

    public CrashingThrottle(IRunbookServerThrottle inner, CrashSwitch crashSwitch)
    {
        _inner = inner;
        _switch = crashSwitch;
    }

    public string Name => _inner.Name;

    public bool CanRead => _inner.CanRead;

    public Task<int?> GetMaxJobsAsync(string serverName, CancellationToken cancellationToken = default) =>
        _switch.Call("throttle." + nameof(GetMaxJobsAsync), () => _inner.GetMaxJobsAsync(serverName, cancellationToken));

    public Task SetMaxJobsAsync(string serverName, int maxJobs, CancellationToken cancellationToken = default) =>
        _switch.Call("throttle." + nameof(SetMaxJobsAsync), () => _inner.SetMaxJobsAsync(serverName, maxJobs, cancellationToken));
}
