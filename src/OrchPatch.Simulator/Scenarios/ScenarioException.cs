using System;
using System.Collections.Generic;

namespace OrchPatch.Simulator.Scenarios;

/// <summary>A scenario is invalid or unreadable; nothing was simulated. The message lists every problem.</summary>
[Serializable]
public sealed class ScenarioException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="source">The scenario's name or file.</param>
    /// <param name="problems">One line per problem.</param>
    public ScenarioException(string source, IReadOnlyList<string> problems)
        : base($"The scenario {source} is invalid:" + Environment.NewLine + "  - " + string.Join(Environment.NewLine + "  - ", problems))
    {
        Source = source;
        Problems = problems;
    }

    /// <summary>The scenario's name or file.</summary>
    public new string Source { get; }

    /// <summary>One line per problem.</summary>
    public IReadOnlyList<string> Problems { get; }
}
