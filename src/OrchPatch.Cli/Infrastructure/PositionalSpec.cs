namespace OrchPatch.Cli.Infrastructure;

/// <summary>The positional arguments a command accepts; anything beyond <paramref name="Maximum"/> is refused.</summary>
/// <param name="Name">The placeholder in help ("SERVER").</param>
/// <param name="Description">One line of help.</param>
/// <param name="Maximum">How many may be given (the command reports a missing one in its own words).</param>
internal sealed record PositionalSpec(string Name, string Description, int Maximum = 1)
{
    /// <summary>The runbook server a command works on.</summary>
    public static PositionalSpec Server { get; } = new("SERVER", "the runbook server, as Orchestrator names it");
}
