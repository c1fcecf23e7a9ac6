using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using OrchPatch.Cli.Infrastructure;
using OrchPatch.Core.Maintenance;

namespace OrchPatch.Cli.Commands;

/// <summary>`orchpatch rolling`: the whole rolling patch, in waves of as many servers as the farm can spare.</summary>
internal sealed class RollingCommand : ICommand
{
    private static readonly OptionSpec Servers = OptionSpec.Value("servers", "A,B,C", "the servers, in this order (default: all, the one whose work ends first next)", repeatable: true);
    private static readonly OptionSpec PatchCommand = OptionSpec.Value("patch-command", "\"CMD {server}\"", "patches one server; {server} is its name; exit code 0 means patched");
    private static readonly OptionSpec PatchTimeout = OptionSpec.Value("patch-timeout", "DURATION", "how long the patch command may run (default 2h)");
    private static readonly OptionSpec MaxUnavailable = OptionSpec.Value("max-unavailable", "N", $"up to N servers out of service at once, 1 to {RollingPatchConstants.MaxMaxUnavailable}, as far as the servers left can carry the farm's load (default 1; raise the Wait Runbook's and the canary's Job Concurrency to N first)");
    private static readonly OptionSpec MaxFailed = OptionSpec.Value("max-failed", "N", "go on after up to N failed servers (default 0: stop at the first); failed servers stay drained");

    public string Name => "rolling";

    public string Summary => "Patch every runbook server in waves the farm can carry: drain, patch command, health gate, restore, next.";

    public string Usage => "orchpatch rolling --url URL --throttle METHOD --patch-command \"CMD {server}\" [--servers A,B,C] [--max-unavailable N] [--max-failed N] [drain and restore options]";

    public IReadOnlyList<string> Examples { get; } = new[]
    {
        "orchpatch rolling --url https://orch01:8443/api/ --throttle database --servers RB01,RB02,RB03",
        "orchpatch rolling --throttle database --patch-command \"pwsh -File C:\\Ops\\Patch.ps1 {server}\"",
    };

    public IReadOnlyList<OptionSpec> Options { get; } = CommonOptions.With(DrainFlags.Drain.Concat(new[] { DrainFlags.Canary, DrainFlags.HealthTimeout, Servers, PatchCommand, PatchTimeout, MaxUnavailable, MaxFailed }));

    public Task<int> RunAsync(ParsedArguments arguments, CommandContext context)
    {
        if (arguments.Positionals.Count > 0)
        {
            throw new UsageException($"rolling takes no positional arguments; got {string.Join(", ", arguments.Positionals)} (use --servers A,B,C).");
        }

        var options = new RollingPatchOptions
        {
            Servers = arguments.List(Servers.Name),
            Drain = DrainFlags.ToDrainOptions(arguments, resume: true),
            Restore = DrainFlags.ToRestoreOptions(arguments),
            MaxFailedServers = SettingRange.Whole(arguments, MaxFailed.Name, typeof(RollingPatchOptions), nameof(RollingPatchOptions.MaxFailedServers)) ?? 0,
            MaxUnavailable = SettingRange.Whole(arguments, MaxUnavailable.Name, typeof(RollingPatchOptions), nameof(RollingPatchOptions.MaxUnavailable)),
        };
        var json = arguments.Flag(CommonOptions.Json.Name);
        var echo = json ? context.Error : context.Output;
        var step = new PatchCommandStep(
            arguments.Value(PatchCommand.Name) ?? string.Empty,
            context.Time,
            DrainFlags.Positive(arguments.Duration(PatchTimeout.Name), PatchTimeout.Name) ?? TimeSpan.FromHours(2),
            (server, line) => echo.WriteLine($"  {server}> {CliApplication.Scrub(line, context)}"),
            context.WaitForCommandsInRealTime);

        return FarmCommand.RunAsync(Name, arguments, context, changesThings: true, async farm =>
        {
            var result = await new RollingPatch(farm, options, step.RunAsync).RunAsync(context.CancellationToken).ConfigureAwait(false);
            return new CommandOutcome(result.Succeeded ? ExitCodes.Success : ExitCodes.Failed, result.Succeeded ? "patched" : "failed", result.Summary(), result, output =>
            {
                var table = new TextTable("SERVER", "OUTCOME", "DRAIN", "FINISHED", "MOVED", "TOTAL", "STATE");
                foreach (var server in result.Servers)
                {
                    table.Add(server.Server, server.Outcome, server.Drain is { } d ? Durations.Format(d.Duration) : "-", server.Drain?.Completed.Count ?? 0, server.Drain?.Relocated.Count ?? 0,
                        server.Outcome == ServerPatchOutcome.NotAttempted ? "-" : Durations.Format(server.Duration),
                        server.Outcome == ServerPatchOutcome.Patched ? "in service" : server.StateLeftBehind);
                }

                table.Write(output);
                output.WriteLine(result.Summary());
            });
        });
    }
}
