using System.IO;
using System.Linq;

namespace OrchPatch.Cli.Infrastructure;

/// <summary>Writes `orchpatch --help` and `orchpatch COMMAND --help`.</summary>
internal static class HelpText
{
    public static void WriteOverview(TextWriter output)
    {
        output.WriteLine("orchpatch: patch System Center Orchestrator's runbook servers one at a time, without losing a job.");
        output.WriteLine();
        output.WriteLine("Usage: orchpatch COMMAND [arguments] [options]");
        output.WriteLine();
        output.WriteLine("Commands:");
        var width = CommandCatalog.All.Max(c => c.Name.Length) + 2;
        foreach (var command in CommandCatalog.All)
        {
            output.WriteLine("  " + command.Name.PadRight(width) + command.Summary);
        }

        output.WriteLine();
        output.WriteLine("Run 'orchpatch COMMAND --help' for a command's options and an example.");
        output.WriteLine("Every option can also come from an environment variable: --deadline from ORCHPATCH_DEADLINE.");
        output.WriteLine("Exit codes: 0 done, 1 failed, 2 bad input (nothing changed), 3 stopped with work left.");
    }

    public static void WriteCommand(TextWriter output, ICommand command)
    {
        output.WriteLine(command.Summary);
        output.WriteLine();
        output.WriteLine("Usage: " + command.Usage);
        var options = command.Options.Where(o => o.Name != "help").ToArray();
        if (options.Length > 0)
        {
            output.WriteLine();
            output.WriteLine("Options:");
            var labels = options.Select(o => "--" + o.Name + (o.IsFlag ? string.Empty : " " + o.ValueName)).ToArray();
            var width = labels.Max(l => l.Length) + 2;
            for (var i = 0; i < options.Length; i++)
            {
                output.WriteLine("  " + labels[i].PadRight(width) + options[i].Description + (options[i].Repeatable ? " (repeatable)" : string.Empty));
            }
        }

        output.WriteLine();
        output.WriteLine(command.Examples.Count == 1 ? "Example:" : "Examples:");
        foreach (var example in command.Examples)
        {
            output.WriteLine("  " + example);
        }
    }
}
