using System.Threading;
using System.Threading.Tasks;

namespace OrchPatch.Core.Throttle;

/// <summary>
/// No throttle: max jobs is neither read nor changed. A drain then only records the maintenance and waits; nothing stops
/// new jobs from landing (its verification step warns when one does). For read-only use, or a farm whose servers are
/// taken out of rotation some other way.
/// </summary>
public sealed class NoThrottle : IRunbookServerThrottle
{
    /// <inheritdoc />
    public string Name => "none";

    /// <inheritdoc />
    public bool CanRead => false;

    /// <inheritdoc />
    public Task<int?> GetMaxJobsAsync(string serverName, CancellationToken cancellationToken = default) => Task.FromResult<int?>(null);

    /// <inheritdoc />
    public Task SetMaxJobsAsync(string serverName, int maxJobs, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
