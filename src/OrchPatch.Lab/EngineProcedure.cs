using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OrchPatch.Core.Maintenance;
using OrchPatch.Simulator;
using OrchPatch.Simulator.Scenarios;

namespace OrchPatch.Lab;

/// <summary>OrchPatch's rolling patch with the engine's default options; the restore's health gate runs the Canary.</summary>
public sealed class EngineProcedure : IMaintenanceProcedure
{
    /// <summary>The name in reports.</summary>
    public const string ProcedureName = "orchpatch";

    /// <inheritdoc />
    public string Name => ProcedureName;

    /// <summary>How many servers may be out of service at once (<see cref="RollingPatchOptions.MaxUnavailable"/>):
    /// the engine's default unless set; null lets the farm's capacity decide.</summary>
    public int? MaxUnavailable { get; init; } = new RollingPatchOptions().MaxUnavailable;

    /// <inheritdoc />
    public async Task<string?> RunAsync(LabSession session, CancellationToken cancellationToken)
    {
        var settings = (session.Options.Engine ?? new MaintenanceSettings()).Clone();
        settings.OnProgress = e =>
        {
            Track(session, e);
            session.OnProgress?.Invoke(e);
        };
        var options = new RollingPatchOptions { MaxUnavailable = MaxUnavailable, Restore = new RestoreOptions { CanaryRunbookPath = StandardRunbooks.CanaryPath } };
        var result = await new RollingPatch(session.Farm.Context(settings, session.Service), options, session.PatchAsync).RunAsync(cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? null : result.Summary();
    }

    private static void Track(LabSession session, MaintenanceEvent e)
    {
        switch (e.Kind)
        {
            case MaintenanceEventKind.ServerPhase when e.Phase == ServerPhase.Draining:
                session.Enter(e.Server, LabPhase.Draining);
                break;
            case MaintenanceEventKind.ServerPhase when e.Phase == ServerPhase.Patching:
                session.Enter(e.Server, LabPhase.Patching);
                break;
            case MaintenanceEventKind.ServerPhase when e.Phase == ServerPhase.Restoring:
                session.Enter(e.Server, LabPhase.Restoring);
                break;
            case MaintenanceEventKind.ServerPhase when e.Phase == ServerPhase.Done:
                session.Done(e.Server);
                break;
            case MaintenanceEventKind.Waiting when e.Remaining.Count > 0:
                session.Waiting(e.Server);
                break;
        }
    }
}
