using System.Collections.Generic;
using System.Threading.Tasks;
using OrchPatch.Cli.Infrastructure;
using OrchPatch.Core.Maintenance;

namespace OrchPatch.Cli.Commands;

/// <summary>`orchpatch plan SERVER`: the dry run of a drain. Changes nothing.</summary>
internal sealed class PlanCommand : ICommand
{
    public string Name => "plan";

    public string Summary => "Dry run of a drain: what would move where, what blocks it, whether capacity suffices. Changes nothing.";

    public string Usage => "orchpatch plan SERVER --url URL [drain options] [--json]";

    public IReadOnlyList<string> Examples { get; } = new[]
    {
        "orchpatch plan RB02 --url http://orch01:81/Orchestrator2012/Orchestrator.svc/ --deadline 45m",
    };

    public IReadOnlyList<OptionSpec> Options { get; } = CommonOptions.With(DrainFlags.Drain);

    public PositionalSpec? Positional => PositionalSpec.Server;

    public Task<int> RunAsync(ParsedArguments arguments, CommandContext context)
    {
        var server = FarmCommand.Server(arguments, Name);
        var options = DrainFlags.ToDrainOptions(arguments, resume: false);
        return FarmCommand.RunAsync(Name, arguments, context, changesThings: false, async farm =>
        {
            var plan = await new PlanDrain(farm, options).RunAsync(server, context.CancellationToken).ConfigureAwait(false);
            var summary = plan.CanDrain ? $"{plan.Server} can be drained now." : $"{plan.Server} cannot be drained now: {string.Join(" ", plan.Refusals)}";
            return new CommandOutcome(plan.CanDrain ? ExitCodes.Success : ExitCodes.BadInput, plan.CanDrain ? "can-drain" : "would-be-refused", summary, plan, output =>
            {
                foreach (var line in plan.DescribeLines())
                {
                    output.WriteLine(line);
                }
            });
        });
    }
}
