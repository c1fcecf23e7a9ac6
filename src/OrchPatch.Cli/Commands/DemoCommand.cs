using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using OrchPatch.Cli.Infrastructure;

namespace OrchPatch.Cli.Commands;

/// <summary>`orchpatch demo`: until the simulator and engine land, it shows what orchpatch will do.</summary>
internal sealed class DemoCommand : ICommand
{
    public string Name => "demo";

    public string Summary => "Run a rolling patch of a simulated Orchestrator farm and show the result.";

    public string Usage => "orchpatch demo";

    public IReadOnlyList<string> Examples { get; } = new[] { "orchpatch demo" };

    public IReadOnlyList<OptionSpec> Options { get; } = Array.Empty<OptionSpec>();

    public Task<int> RunAsync(ParsedArguments arguments, CommandContext context)
    {
        HelpText.WriteOverview(context.Output);
        return Task.FromResult(ExitCodes.Success);
    }
}
