using System;

namespace OrchPatch.Simulator.Scenarios;

/// <summary>The runbooks OrchPatch's own procedure needs, for composing test scenarios.</summary>
public static class StandardRunbooks
{
    /// <summary>The Wait Runbook's path, as in Microsoft's 2013 patching procedure.</summary>
    public const string WaitRunbookPath = @"\PatchRunbook\4: WaitRunbook";

    /// <summary>The Canary's path.</summary>
    public const string CanaryPath = @"\PatchRunbook\Canary";

    /// <summary>The Wait Runbook's In-parameters, in order; the engine writes the maintenance record into them.</summary>
    public static readonly string[] WaitRunbookParameters = { "Server", "PreviousMaxJobs", "Owner", "StartedAt", "Reason" };

    /// <summary>The Wait Runbook: runs until canceled, not a monitor, concurrency 10 so one wait job per server can run
    /// at once, In-parameters <see cref="WaitRunbookParameters"/>.</summary>
    public static RunbookSpec WaitRunbook { get; } = new(WaitRunbookPath)
    {
        Role = RunbookRole.Wait,
        Duration = DurationDistribution.UntilCanceled,
        Concurrency = 10,
        Parameters = Array.ConvertAll(WaitRunbookParameters, name => new ParameterSpec(name)),
    };

    /// <summary>The Canary: a short runbook (5 seconds) the restore health gate starts pinned to a server.</summary>
    public static RunbookSpec Canary { get; } = new(CanaryPath)
    {
        Role = RunbookRole.Canary,
        Duration = DurationDistribution.Fixed(TimeSpan.FromSeconds(5)),
        Concurrency = 10,
    };

    /// <summary>A monitor runbook that fires every <paramref name="triggerInterval"/>.</summary>
    /// <param name="path">Its path.</param>
    /// <param name="triggerInterval">How often it fires; 5 minutes when null.</param>
    /// <returns>The runbook.</returns>
    public static RunbookSpec Monitor(string path, TimeSpan? triggerInterval = null) => new(path)
    {
        IsMonitor = true,
        Duration = DurationDistribution.UntilCanceled,
        TriggerInterval = triggerInterval ?? SimulatorConstants.DefaultTriggerInterval,
    };
}
