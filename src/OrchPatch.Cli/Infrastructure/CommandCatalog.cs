using System;
using System.Collections.Generic;
using System.Linq;
using OrchPatch.Cli.Commands;

namespace OrchPatch.Cli.Infrastructure;

/// <summary>Every command, in the order `orchpatch --help` lists them.</summary>
internal static class CommandCatalog
{
    public static IReadOnlyList<ICommand> All { get; } = new ICommand[]
    {
        new StatusCommand(),
        new PlanCommand(),
        new DrainCommand(),
        new RestoreCommand(),
        new RelocateCommand(),
        new RollingCommand(),
        new DemoCommand(),
        new BenchCommand(),
        new RunbooksCommand(),
        new SimulateCommand(),
    };

    public static ICommand? Find(string name) => All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
}
