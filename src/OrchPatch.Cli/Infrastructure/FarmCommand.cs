using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using OrchPatch.Core.Maintenance;

namespace OrchPatch.Cli.Infrastructure;

/// <summary>What a farm command produced: its exit code, an outcome word, a summary, the result for --json, and how
/// to print it as text.</summary>
internal sealed record CommandOutcome(int ExitCode, string Outcome, string Summary, object? Result, Action<TextWriter> WriteText)
{
    /// <summary>Commands to paste next, as the text says them (--json's <c>hints</c>).</summary>
    public IReadOnlyList<string> Hints { get; init; } = Array.Empty<string>();
}

/// <summary>A command to paste after a stop, and what it does ("To undo").</summary>
internal sealed record StopHint(string What, string Command);

/// <summary>Runs a command that talks to Orchestrator: connection from the options, progress to the terminal (or to
/// standard error with --json), the result as text or as one JSON document, failures as exit codes.</summary>
internal static class FarmCommand
{
    /// <param name="name">The command's name, for messages and the JSON document.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="context">Output, environment, cancellation.</param>
    /// <param name="changesThings">Whether it changes the farm (a throttle is then required).</param>
    /// <param name="work">The command's work against the farm.</param>
    /// <param name="stopHint">Commands to paste when the user stops the command, instead of the engine's "Restore it
    /// to undo, or resume the drain to continue."; null keeps the engine's words.</param>
    public static async Task<int> RunAsync(string name, ParsedArguments arguments, CommandContext context, bool changesThings, Func<MaintenanceContext, Task<CommandOutcome>> work, Func<IReadOnlyList<StopHint>>? stopHint = null)
    {
        var json = arguments.Flag(CommonOptions.Json.Name);
        var progressWriter = json ? context.Error : context.Output;
        var printer = new ProgressPrinter(progressWriter, live: context.IsTerminal && !json, text => CliApplication.Scrub(text, context));
        var stopNotes = new List<string>();
        void OnProgress(MaintenanceEvent e)
        {
            // What the engine reports after the user stopped it is the state it leaves: the last line says it, once.
            if (context.CancellationToken.IsCancellationRequested && e.Kind == MaintenanceEventKind.Warning)
            {
                lock (stopNotes)
                {
                    stopNotes.Add(stopHint is null ? e.Message : e.Message.Replace(EngineStopAdvice, string.Empty, StringComparison.Ordinal).TrimEnd());
                }

                return;
            }

            printer.Handle(e);
        }

        try
        {
            var farm = FarmConnection.Create(arguments, context, changesThings, OnProgress);
            CommandOutcome outcome;
            using (farm.Service)
            {
                outcome = await work(farm).ConfigureAwait(false);
            }

            printer.Finish();
            if (json)
            {
                JsonOutput.Write(context.Output, name, outcome.ExitCode, outcome.Outcome, outcome.Summary, outcome.Hints, outcome.Result, text => CliApplication.Scrub(text, context));
            }
            else
            {
                using var text = new EscapingLineWriter(context.Output, line => CliApplication.Scrub(line, context));
                outcome.WriteText(text);
            }

            return outcome.ExitCode;
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            printer.Finish();
            string summary;
            lock (stopNotes)
            {
                summary = string.Join(" ", new[] { "stopped by the user." }.Concat(stopNotes));
            }

            var hints = stopHint?.Invoke() ?? Array.Empty<StopHint>();
            if (hints.Count > 0)
            {
                summary += " " + string.Join(" ", hints.Select(h => $"{h.What}: {h.Command}."));
            }

            if (json)
            {
                JsonOutput.Write(context.Output, name, ExitCodes.WorkLeft, "stopped", summary, hints.Select(h => h.Command).ToArray(), null, text => CliApplication.Scrub(text, context));
            }
            else
            {
                context.Error.WriteLine(TerminalText.Escape(CliApplication.Scrub($"orchpatch {name}: {summary}", context)));
            }

            return ExitCodes.WorkLeft;
        }
        catch (Exception ex) when (json && ex is not OutOfMemoryException)
        {
            printer.Finish();
            var (code, word) = FailureExitCodes.For(ex, context.CancellationToken.IsCancellationRequested);
            JsonOutput.Write(context.Output, name, code, word, code == ExitCodes.WorkLeft ? "stopped by the user" : FarmConnection.InCliWords(ex.Message), Array.Empty<string>(), null, text => CliApplication.Scrub(text, context));
            return code;
        }
        finally
        {
            printer.Finish();
        }
    }

    /// <summary>The engine's advice when a drain is stopped, which names no command; the CLI's stop hint replaces it.</summary>
    private const string EngineStopAdvice = "Restore it to undo, or resume the drain to continue.";

    /// <summary>A positional SERVER argument, required.</summary>
    public static string Server(ParsedArguments arguments, string command)
    {
        if (arguments.Positionals.Count == 0 || string.IsNullOrWhiteSpace(arguments.Positionals[0]))
        {
            throw new UsageException($"name the runbook server: orchpatch {command} SERVER --url URL.");
        }

        if (arguments.Positionals.Count > 1)
        {
            throw new UsageException($"one runbook server at a time; got {string.Join(", ", arguments.Positionals)}.");
        }

        return arguments.Positionals[0].Trim();
    }
}
