using System;
using System.Collections.Generic;
using OrchPatch.Cli.Infrastructure;
using OrchPatch.Core.Maintenance;

namespace OrchPatch.Cli.Commands;

/// <summary>The engine's drain and restore options as flags, shared by drain, plan and rolling.</summary>
internal static class DrainFlags
{
    public static readonly OptionSpec Deadline = OptionSpec.Value("deadline", "DURATION", $"how long to wait for jobs before the policy applies (default {Durations.Format(DrainConstants.DefaultDeadline)})");
    public static readonly OptionSpec Policy = OptionSpec.Value("deadline-policy", "fail|wait|relocate|cancel", "at the deadline: give the server back (fail, default), keep waiting, restart restartable jobs elsewhere, or cancel them (work lost)");
    public static readonly OptionSpec Restartable = OptionSpec.Value("restartable", "PATTERN", "runbook paths that may be restarted elsewhere, wildcards * and ?", repeatable: true);
    public static readonly OptionSpec MinServers = OptionSpec.Value("min-servers", "N", $"the farm must have at least N runbook servers (default {DrainConstants.DefaultMinimumRunbookServers})");
    public static readonly OptionSpec MaxConcurrent = OptionSpec.Value("max-concurrent", "N", $"at most N servers in maintenance at once (default {DrainConstants.DefaultMaxConcurrentMaintenance})");
    public static readonly OptionSpec Reason = OptionSpec.Value("reason", "TEXT", "why, written into the maintenance record");
    public static readonly OptionSpec AllowLocal = OptionSpec.Flag("allow-local", "allow draining the computer orchpatch runs on");
    public static readonly OptionSpec Canary = OptionSpec.Value("canary", "RUNBOOK", "a runbook that must complete on the server before it takes work again");
    public static readonly OptionSpec HealthTimeout = OptionSpec.Value("health-timeout", "DURATION", $"how long the server has to prove healthy (default {Durations.Format(RestoreConstants.DefaultHealthTimeout)})");

    public static IReadOnlyList<OptionSpec> Drain { get; } = new[] { Deadline, Policy, Restartable, MinServers, MaxConcurrent, Reason, AllowLocal };

    public static DrainOptions ToDrainOptions(ParsedArguments arguments, bool resume) => new()
    {
        Deadline = SettingRange.Duration(arguments, Deadline.Name, typeof(DrainOptions), nameof(DrainOptions.Deadline)) ?? DrainConstants.DefaultDeadline,
        DeadlinePolicy = arguments.Enum<DeadlinePolicy>(Policy.Name) ?? DeadlinePolicy.Fail,
        Restartable = new RestartablePatterns(arguments.List(Restartable.Name)),
        MinimumRunbookServers = SettingRange.Whole(arguments, MinServers.Name, typeof(DrainOptions), nameof(DrainOptions.MinimumRunbookServers)) ?? DrainConstants.DefaultMinimumRunbookServers,
        MaxConcurrentMaintenance = SettingRange.Whole(arguments, MaxConcurrent.Name, typeof(DrainOptions), nameof(DrainOptions.MaxConcurrentMaintenance)) ?? DrainConstants.DefaultMaxConcurrentMaintenance,
        Reason = arguments.Value(Reason.Name) ?? string.Empty,
        AllowLocalServer = arguments.Flag(AllowLocal.Name),
        Resume = resume,
    };

    public static RestoreOptions ToRestoreOptions(ParsedArguments arguments) => new()
    {
        CanaryRunbookPath = arguments.Value(Canary.Name),
        HealthTimeout = SettingRange.Duration(arguments, HealthTimeout.Name, typeof(RestoreOptions), nameof(RestoreOptions.HealthTimeout)) ?? RestoreConstants.DefaultHealthTimeout,
    };

    public static TimeSpan? Positive(TimeSpan? value, string name) =>
        value is { } v && v <= TimeSpan.Zero ? throw new UsageException($"--{name} must be longer than zero; got {Durations.Format(v)}.") : value;
}
