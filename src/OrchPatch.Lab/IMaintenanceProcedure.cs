using System.Threading;
using System.Threading.Tasks;
using OrchPatch.Simulator;

namespace OrchPatch.Lab;

/// <summary>A way to patch every runbook server of a simulated farm (the engine's rolling patch, the seed's manual
/// procedure), measured by <see cref="MaintenanceRun"/>.</summary>
public interface IMaintenanceProcedure
{
    /// <summary>The name in reports ("orchpatch", "seed-60s").</summary>
    string Name { get; }

    /// <summary>Patches every server, telling <paramref name="session"/> each phase change as it happens.</summary>
    /// <param name="session">The farm, the patch step and the recorder.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>Null when every server was patched; otherwise what went wrong.</returns>
    Task<string?> RunAsync(LabSession session, CancellationToken cancellationToken);
}
