namespace OrchPatch.Cli.Infrastructure;

/// <summary>The process exit codes every command uses.</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>Failed; the message says what and in what state things were left.</summary>
    public const int Failed = 1;

    /// <summary>Bad input: refused before anything changed.</summary>
    public const int BadInput = 2;

    /// <summary>Stopped with work left (for example blocked at the deadline under policy Wait).</summary>
    public const int WorkLeft = 3;
}
