using System;
using System.Collections.Generic;

namespace OrchPatch.Pack.Definition;

/// <summary>The pack definition is invalid; the message lists every bad field with its path.</summary>
[Serializable]
public sealed class PackDefinitionException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="location">Where the definition was read from.</param>
    /// <param name="errors">One line per bad field, each starting with the field's path.</param>
    public PackDefinitionException(string location, IReadOnlyList<string> errors)
        : base($"The pack definition in {location} is invalid:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", errors))
    {
        Location = location;
        Errors = errors;
    }

    /// <summary>Where the definition was read from.</summary>
    public string Location { get; }

    /// <summary>One line per bad field.</summary>
    public IReadOnlyList<string> Errors { get; }
}
