using System;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Core.Utils;

namespace OrchPatch.Cli.Infrastructure;

/// <summary>Which exit code a failure means. Refusals before any change are bad input (2); a user's stop is 3.</summary>
internal static class FailureExitCodes
{
    public static (int Code, string Outcome) For(Exception exception, bool canceledByUser) => exception switch
    {
        OperationCanceledException when canceledByUser => (ExitCodes.WorkLeft, "stopped"),
        UsageException or OptionsValidationException or Simulator.SimulatorSettingsException or MaintenanceRefusedException => (ExitCodes.BadInput, "refused"),
        OrchestratorAuthenticationException or OrchestratorPermissionException or OrchestratorEndpointNotFoundException or RunbookNotFoundException => (ExitCodes.BadInput, "refused"),
        _ => (ExitCodes.Failed, "failed"),
    };
}
