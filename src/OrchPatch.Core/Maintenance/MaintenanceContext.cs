using System;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Core.Throttle;
using OrchPatch.Core.Utils;

namespace OrchPatch.Core.Maintenance;

/// <summary>What every maintenance operation works with: the web service, the throttle, the clock and the settings.
/// The engine knows nothing of QIK, HTTP or SQL beyond these.</summary>
public sealed class MaintenanceContext
{
    /// <summary>Creates the context and validates the settings (every bad field at once).</summary>
    /// <param name="service">The Orchestrator web service.</param>
    /// <param name="throttle">How max jobs is read and set.</param>
    /// <param name="time">The clock every wait runs on.</param>
    /// <param name="settings">Shared settings; defaults when null.</param>
    /// <exception cref="OptionsValidationException">A setting is invalid.</exception>
    public MaintenanceContext(IOrchestratorService service, IRunbookServerThrottle throttle, TimeProvider time, MaintenanceSettings? settings = null)
    {
        Service = Guard.NotNull(service);
        Throttle = Guard.NotNull(throttle);
        Time = Guard.NotNull(time);
        Settings = settings ?? new MaintenanceSettings();
        OptionsValidation.Validate(Settings);
    }

    /// <summary>The web service.</summary>
    public IOrchestratorService Service { get; }

    /// <summary>The throttle.</summary>
    public IRunbookServerThrottle Throttle { get; }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>The settings.</summary>
    public MaintenanceSettings Settings { get; }

    internal DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>Now on the service's clock (the one job times are on); this machine's when the service shows none.</summary>
    internal DateTimeOffset ServiceNow => ServiceTime(Now);

    /// <summary>A local instant on the service's clock; unchanged when the service shows no clock.</summary>
    internal DateTimeOffset ServiceTime(DateTimeOffset localTime) =>
        (Service as IServiceClock)?.ServiceTimeAt(localTime) ?? localTime;

    internal void Report(string server, MaintenanceEventKind kind, string message, JobSummary? job = null)
        => Settings.OnProgress?.Invoke(new MaintenanceEvent(Now, server, kind, message) { Job = job });

    internal void Report(MaintenanceEvent maintenanceEvent) => Settings.OnProgress?.Invoke(maintenanceEvent);
}
