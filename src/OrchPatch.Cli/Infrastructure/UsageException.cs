using System;

namespace OrchPatch.Cli.Infrastructure;

/// <summary>Bad input on the command line: exit code 2, nothing changed.</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }
}
