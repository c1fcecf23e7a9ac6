using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using OrchPatch.Cli.Infrastructure;
using OrchPatch.Core.Maintenance;

namespace OrchPatch.Cli.Commands;

/// <summary>`orchpatch drain SERVER`.</summary>
internal sealed class DrainCommand : ICommand
{
    private static readonly OptionSpec Resume = OptionSpec.Flag("resume", "continue a maintenance already recorded for this server instead of refusing");

    public string Name => "drain";

    public string Summary => "Drain a runbook server for patching: hold its last slot, set max jobs to 1, move monitors, wait for its jobs.";

    public string Usage => "orchpatch drain SERVER --url URL --throttle METHOD [--deadline 30m] [--deadline-policy fail|wait|relocate|cancel] [options]";

    public IReadOnlyList<string> Examples { get; } = new[]
    {
        "orchpatch drain RB02 --url https://orch01:8443/api/ --throttle database --deadline 45m",
        "orchpatch drain RB02 --throttle database --deadline-policy relocate --restartable \"\\Ops\\*\"",
    };

    public IReadOnlyList<OptionSpec> Options { get; } = CommonOptions.With(DrainFlags.Drain.Append(Resume));

    public PositionalSpec? Positional => PositionalSpec.Server;

    public Task<int> RunAsync(ParsedArguments arguments, CommandContext context)
    {
        var server = FarmCommand.Server(arguments, Name);
        var options = DrainFlags.ToDrainOptions(arguments, resume: arguments.Flag(Resume.Name));
        return FarmCommand.RunAsync(Name, arguments, context, changesThings: true, async farm =>
        {
            var result = await new DrainRunbookServer(farm, options).RunAsync(server, context.CancellationToken).ConfigureAwait(false);
            var drained = result.Outcome == DrainOutcome.Drained;

            // Blocked at the deadline and given back: stopped with work left (exit 3), as the README says.
            var restore = RecoveryHint.Command("restore", result.Server, arguments);
            return new CommandOutcome(drained ? ExitCodes.Success : ExitCodes.WorkLeft, drained ? "drained" : "rolled-back", result.Summary(), result, output =>
            {
                output.WriteLine(TerminalText.Escape(result.Summary()));
                if (drained)
                {
                    output.WriteLine($"Patch {TerminalText.Escape(result.Server)} now; then: {TerminalText.Escape(restore)}");
                }
            })
            { Hints = drained ? new[] { restore } : Array.Empty<string>() };
        },
        stopHint: () => new[] { new StopHint("To undo", RecoveryHint.Command("restore", server, arguments)), new StopHint("To continue", RecoveryHint.Command("drain", server, arguments, "--resume")) });
    }
}
