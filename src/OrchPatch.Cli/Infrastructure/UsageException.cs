using System;
using OrchPatch.Core.Utils;

namespace OrchPatch.Cli.Infrastructure;

/// <summary>Bad input on the command line: exit code 2, nothing changed.</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    /// <summary>Bad input found by a library's argument check, without the " (Parameter 'x')" it appends: the user
    /// never typed our parameter names.</summary>
    public static UsageException From(ArgumentException exception) => new(ArgumentMessages.WithoutParameterName(exception));
}
