using System;
using System.IO;
using System.Net.Http;
using System.Threading;

namespace OrchPatch.Cli.Infrastructure;

/// <summary>What a command may touch: its output, the environment, a password prompt, a clock, cancellation.
/// Tests supply their own, so every command runs in-process against an in-process simulator.</summary>
internal sealed class CommandContext
{
    public CommandContext(TextWriter output, TextWriter error, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        Output = output;
        Error = error;
        Environment = environment;
        CancellationToken = cancellationToken;
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    /// <summary>Reads an environment variable (ORCHPATCH_*).</summary>
    public Func<string, string?> Environment { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>Whether the output is an interactive terminal (live progress) or redirected (plain log lines).</summary>
    public bool IsTerminal { get; init; }

    /// <summary>Asks for the password when ORCHPATCH_PASSWORD is not set; null when no one can answer.</summary>
    public Func<string, string?> PromptPassword { get; init; } = _ => null;

    /// <summary>The clock for everything that waits.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Test seam: the HTTP transport to the web service (an in-process simulator); null uses the network.</summary>
    public System.Net.Http.HttpMessageHandler? Transport { get; init; }

    /// <summary>Test seam: builds the transport from the connection options the command resolved (so an in-process
    /// transport can present their credentials as the real handler would); used instead of <see cref="Transport"/>.</summary>
    public Func<OrchPatch.Core.Orchestrator.OrchestratorConnectionOptions, System.Net.Http.HttpMessageHandler>? TransportFor { get; init; }

    /// <summary>Test seam for a virtual clock: the patch command's process is waited for in real time on the thread
    /// that moves the clock, so simulated time stands still while it runs (else the clock races past its timeout).</summary>
    public bool WaitForCommandsInRealTime { get; init; }

    /// <summary>The computer this runs on, for the "not the server running the drain" check.</summary>
    public string MachineName { get; init; } = System.Environment.MachineName;
}
