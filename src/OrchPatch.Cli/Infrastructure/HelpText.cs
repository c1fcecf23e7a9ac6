using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace OrchPatch.Cli.Infrastructure;

/// <summary>Writes `orchpatch --help` and `orchpatch COMMAND --help`: the command's own options first, the connection
/// and output options every farm command shares after them, every line within <see cref="Width"/> characters (a
/// terminal of the usual width, and a ticket or a chat paste), an example each.</summary>
internal static class HelpText
{
    /// <summary>The widest line help writes.</summary>
    public const int Width = 100;

    /// <summary>The option column's widest label; a longer label puts its description on the next line.</summary>
    private const int LabelColumn = 30;

    public static void WriteOverview(TextWriter output)
    {
        output.WriteLine("orchpatch: patch System Center Orchestrator's runbook servers one at a time, without losing a job.");
        output.WriteLine();
        output.WriteLine("Usage: orchpatch COMMAND [arguments] [options]");
        output.WriteLine();
        output.WriteLine("Commands:");
        WriteRows(output, CommandCatalog.All.Select(c => (c.Name, c.Summary)), CommandCatalog.All.Max(c => c.Name.Length));
        output.WriteLine();
        output.WriteLine("Run 'orchpatch COMMAND --help' for a command's options and an example.");
        output.WriteLine("Every option can also come from an environment variable: --deadline from ORCHPATCH_DEADLINE.");
        output.WriteLine("Exit codes: 0 done, 1 failed, 2 bad input (nothing changed), 3 stopped with work left.");
    }

    public static void WriteCommand(TextWriter output, ICommand command)
    {
        WriteWrapped(output, command.Summary, string.Empty, string.Empty);
        output.WriteLine();
        WriteWrapped(output, "Usage: " + command.Usage, string.Empty, "       ");
        if (command.Positional is { } positional)
        {
            output.WriteLine();
            output.WriteLine("Arguments:");
            WriteRows(output, new[] { (positional.Name, positional.Description) }, positional.Name.Length);
        }

        var options = command.Options.Where(o => o.Name != "help").ToArray();
        var shared = options.Where(o => CommonOptions.ForFarm.Contains(o)).ToArray();
        WriteOptions(output, "Options:", options.Except(shared).ToArray());
        WriteOptions(output, "Connection and output options:", shared);
        if (shared.Length > 0)
        {
            output.WriteLine();
            output.WriteLine("Each option can also come from ORCHPATCH_*: --url from ORCHPATCH_URL, --connection-string");
            output.WriteLine("from ORCHPATCH_CONNECTION_STRING. The password only from ORCHPATCH_PASSWORD or a prompt.");
        }

        output.WriteLine();
        output.WriteLine(command.Examples.Count == 1 ? "Example:" : "Examples:");
        foreach (var example in command.Examples)
        {
            // An example is pasted whole: it is never wrapped (a test keeps each within the width).
            output.WriteLine("  " + example);
        }
    }

    private static void WriteOptions(TextWriter output, string title, IReadOnlyList<OptionSpec> options)
    {
        if (options.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine(title);
        var rows = options.Select(o => ("--" + o.Name + (o.IsFlag ? string.Empty : " " + o.ValueName), o.Description + (o.Repeatable ? " (repeatable)" : string.Empty))).ToArray();
        WriteRows(output, rows, Math.Min(LabelColumn, rows.Max(r => r.Item1.Length)));
    }

    private static void WriteRows(TextWriter output, IEnumerable<(string Label, string Text)> rows, int labelWidth)
    {
        var hanging = new string(' ', 2 + labelWidth + 2);
        foreach (var (label, text) in rows)
        {
            if (label.Length > labelWidth)
            {
                output.WriteLine("  " + label);
                WriteWrapped(output, text, hanging, hanging);
            }
            else
            {
                WriteWrapped(output, text, "  " + label.PadRight(labelWidth + 2), hanging);
            }
        }
    }

    /// <summary>Writes text in lines of at most <see cref="Width"/>, breaking at spaces.</summary>
    public static void WriteWrapped(TextWriter output, string text, string firstIndent, string indent)
    {
        foreach (var line in Wrap(text, firstIndent, indent))
        {
            output.WriteLine(line);
        }
    }

    public static IEnumerable<string> Wrap(string text, string firstIndent, string indent)
    {
        var line = firstIndent;
        var empty = true;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!empty && line.Length + 1 + word.Length > Width)
            {
                yield return line;
                line = indent;
                empty = true;
            }

            line += (empty ? string.Empty : " ") + word;
            empty = false;
        }

        yield return line;
    }
}
