using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using OrchPatch.Core.Utils;

namespace OrchPatch.Cli.Infrastructure;

/// <summary>Dispatches `orchpatch COMMAND ...` and turns failures into messages and exit codes, never stack traces.</summary>
internal static class CliApplication
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CommandContext context)
    {
        if (args.Count == 0 || args[0] is "--help" or "-h" or "help" or "/?")
        {
            if (args.Count > 1 && CommandCatalog.Find(args[1]) is { } helpFor)
            {
                HelpText.WriteCommand(context.Output, helpFor);
                return ExitCodes.Success;
            }

            HelpText.WriteOverview(context.Output);
            return args.Count == 0 ? ExitCodes.BadInput : ExitCodes.Success;
        }

        if (args[0] is "--version")
        {
            context.Output.WriteLine("orchpatch " + typeof(CliApplication).Assembly.GetName().Version);
            return ExitCodes.Success;
        }

        var command = CommandCatalog.Find(args[0]);
        if (command is null)
        {
            context.Error.WriteLine($"orchpatch: unknown command '{args[0]}'. Commands: {string.Join(", ", CommandCatalog.All.Select(c => c.Name))}.");
            return ExitCodes.BadInput;
        }

        var rest = args.Skip(1).ToArray();
        if (rest.Any(a => a is "--help" or "-h"))
        {
            HelpText.WriteCommand(context.Output, command);
            return ExitCodes.Success;
        }

        if (rest.Any(a => a.StartsWith("--password", StringComparison.OrdinalIgnoreCase)))
        {
            context.Error.WriteLine($"orchpatch {command.Name}: --password is not accepted: a password on a command line is visible to other users of the computer. Set ORCHPATCH_PASSWORD, or leave it unset to be asked.");
            return ExitCodes.BadInput;
        }

        try
        {
            var parsed = ArgumentParser.Parse(command, rest, context.Environment);
            return await command.RunAsync(parsed, context).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var (code, _) = FailureExitCodes.For(ex, context.CancellationToken.IsCancellationRequested);
            context.Error.WriteLine($"orchpatch {command.Name}: {(code == ExitCodes.WorkLeft ? "stopped by the user." : Scrub(ex.Message, context))}");
            if (context.Environment("ORCHPATCH_DEBUG") is "1")
            {
                context.Error.WriteLine(Scrub(ex.ToString(), context));
            }

            return code;
        }
    }

    /// <summary>Masks the password and connection string this process knows of, wherever they appear.</summary>
    public static string Scrub(string text, CommandContext context) =>
        Redaction.Scrub(text, new[] { context.Environment("ORCHPATCH_PASSWORD"), context.Environment("ORCHPATCH_CONNECTION_STRING") });
}
