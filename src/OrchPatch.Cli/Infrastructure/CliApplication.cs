using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Invocation;
using System.Linq;
using System.Threading.Tasks;
using OrchPatch.Core.Utils;

namespace OrchPatch.Cli.Infrastructure;

/// <summary>Dispatches `orchpatch COMMAND ...` and turns failures into messages and exit codes, never stack traces.</summary>
internal static class CliApplication
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CommandContext context)
    {
        if (args.Count == 0 || args[0] is "help" or "/?")
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

        if (args.Skip(1).Any(a => a.StartsWith("--password", StringComparison.OrdinalIgnoreCase)))
        {
            context.Error.WriteLine($"orchpatch {args[0]}: --password is not accepted: a password on a command line is visible to other users of the computer. Set ORCHPATCH_PASSWORD, or leave it unset to be asked.");
            return ExitCodes.BadInput;
        }

        var tree = CommandLineTree.For(CommandCatalog.All);
        var result = tree.Parse(args);
        var command = tree.CommandOf(result);
        if (result.Errors.Count > 0)
        {
            return WriteParseErrors(result, command, context);
        }

        if (result.Action is not null || command is null)
        {
            // --help on any command, or a directive such as [suggest] (completions).
            var output = new System.IO.StringWriter();
            var code = await result.InvokeAsync(Invocation(output, output), context.CancellationToken).ConfigureAwait(false);
            context.Output.Write(output.ToString());
            return code;
        }

        try
        {
            var parsed = tree.Bind(result, args, context.Environment);
            return await command.RunAsync(parsed, context).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var (code, _) = FailureExitCodes.For(ex, context.CancellationToken.IsCancellationRequested);
            context.Error.WriteLine($"orchpatch {command.Name}: {(code == ExitCodes.WorkLeft ? "stopped by the user." : TerminalText.Escape(Scrub(FarmConnection.InCliWords(ex.Message), context)))}");
            if (context.Environment("ORCHPATCH_DEBUG") is "1")
            {
                context.Error.WriteLine(Scrub(ex.ToString(), context));
            }

            return code;
        }
    }

    /// <summary>The library's errors (what was not understood) with the near miss it suggests on the same line,
    /// then where to read more; always exit 2, since nothing ran.</summary>
    private static int WriteParseErrors(ParseResult result, ICommand? command, CommandContext context)
    {
        var suggestions = TypoSuggestions(result);
        var prefix = command is null ? "orchpatch: " : $"orchpatch {command.Name}: ";
        var errors = result.Errors.Select(e => e.Message).ToList();
        if (errors.Count > 1)
        {
            // "Required command was not provided" only repeats that the first word was not a command.
            errors.RemoveAll(e => e.StartsWith("Required command was not provided", StringComparison.Ordinal));
        }

        foreach (var message in errors)
        {
            var token = result.UnmatchedTokens.FirstOrDefault(t => message.Contains($"'{t}'", StringComparison.Ordinal));
            var hint = token is not null && suggestions.TryGetValue(token, out var near) ? $" Did you mean {string.Join(" or ", near)}?" : string.Empty;
            context.Error.WriteLine(Scrub(prefix + message + hint, context));
        }

        context.Error.WriteLine(command is null ? "See 'orchpatch --help' for the commands." : $"See 'orchpatch {command.Name} --help'.");
        return ExitCodes.BadInput;
    }

    /// <summary>The library's typo corrections by token ("--thrtottle" to "--throttle"), read from what its error
    /// action writes; a help alias is no correction for a mistyped value, so those are left out.</summary>
    private static IReadOnlyDictionary<string, IReadOnlyList<string>> TypoSuggestions(ParseResult result)
    {
        var found = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (result.Action is not ParseErrorAction errorAction)
        {
            return found;
        }

        errorAction.ShowHelp = false;
        errorAction.ShowTypoCorrections = true;
        using var text = new System.IO.StringWriter();
        result.Invoke(Invocation(text, text));
        string? token = null;
        var near = new List<string>();
        foreach (var line in text.ToString().Split('\n').Select(l => l.Trim()))
        {
            var match = System.Text.RegularExpressions.Regex.Match(line, "^'(?<token>.*)' was not matched");
            if (match.Success)
            {
                Add();
                token = match.Groups["token"].Value;
            }
            else if (token is not null && line.Length > 0 && !line.Contains(' ', StringComparison.Ordinal) && line is not ("-h" or "-?" or "--help" or "/h" or "/?"))
            {
                near.Add(line);
            }
        }

        Add();
        return found;

        void Add()
        {
            if (token is not null && near.Count > 0)
            {
                found[token] = near.ToArray();
            }

            token = null;
            near = new List<string>();
        }
    }

    private static InvocationConfiguration Invocation(System.IO.TextWriter output, System.IO.TextWriter error) =>
        new() { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };

    /// <summary>Masks the password and connection string this process knows of, wherever they appear.</summary>
    public static string Scrub(string text, CommandContext context) =>
        Redaction.Scrub(text, new[] { context.Environment("ORCHPATCH_PASSWORD"), context.Environment("ORCHPATCH_CONNECTION_STRING") });
}
