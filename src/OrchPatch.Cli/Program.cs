using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using OrchPatch.Cli.Infrastructure;

namespace OrchPatch.Cli;

/// <summary>The `orchpatch` entry point: wires the console, Ctrl-C and SIGTERM to <see cref="CliApplication"/>.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // The first Ctrl-C asks the command to stop cleanly; a second one ends the process.
            if (!stop.IsCancellationRequested)
            {
                e.Cancel = true;
                stop.Cancel();
            }
        };
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });

        var context = new CommandContext(Console.Out, Console.Error, Environment.GetEnvironmentVariable, stop.Token)
        {
            IsTerminal = !Console.IsOutputRedirected,
            PromptPassword = ConsolePassword.Prompt,
        };
        return await CliApplication.RunAsync(args, context).ConfigureAwait(false);
    }
}
