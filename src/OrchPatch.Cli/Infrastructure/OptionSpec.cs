using System;

namespace OrchPatch.Cli.Infrastructure;

/// <summary>One option a command accepts.</summary>
/// <param name="Name">The long name without dashes, for example "deadline".</param>
/// <param name="ValueName">The value's placeholder in help ("DURATION"); null for a flag.</param>
/// <param name="Description">One line of help.</param>
/// <param name="Repeatable">Whether it may be given more than once.</param>
internal sealed record OptionSpec(string Name, string? ValueName, string Description, bool Repeatable = false)
{
    /// <summary>Whether the option is a flag (takes no value).</summary>
    public bool IsFlag => ValueName is null;

    /// <summary>The environment variable that supplies it when the command line does not: ORCHPATCH_DEADLINE.</summary>
    public string EnvironmentVariable => "ORCHPATCH_" + Name.Replace('-', '_').ToUpperInvariant();

    /// <summary>A flag.</summary>
    /// <param name="name">The name.</param>
    /// <param name="description">Help.</param>
    /// <returns>The spec.</returns>
    public static OptionSpec Flag(string name, string description) => new(name, null, description);

    /// <summary>An option with a value.</summary>
    /// <param name="name">The name.</param>
    /// <param name="valueName">The placeholder.</param>
    /// <param name="description">Help.</param>
    /// <param name="repeatable">Whether it may repeat.</param>
    /// <returns>The spec.</returns>
    public static OptionSpec Value(string name, string valueName, string description, bool repeatable = false) =>
        new(name, valueName ?? throw new ArgumentNullException(nameof(valueName)), description, repeatable);
}
