using System;
using System.Collections.Generic;
using System.Linq;

namespace OrchPatch.Simulator.Runtime;

/// <summary>A runbook server name the farm does not have; the message names those it has.</summary>
[Serializable]
public sealed class UnknownServerException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="name">The name asked for.</param>
    /// <param name="known">The servers that exist.</param>
    public UnknownServerException(string name, IReadOnlyList<string> known)
        : base($"Runbook server '{name}' is unknown to the simulator; its servers are {string.Join(", ", known)}.")
    {
        Name = name;
        Known = known;
    }

    /// <summary>The name asked for.</summary>
    public string Name { get; }

    /// <summary>The servers that exist.</summary>
    public IReadOnlyList<string> Known { get; }
}

/// <summary>A runbook path or id the farm does not have; the message names similar ones.</summary>
[Serializable]
public sealed class UnknownRunbookException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="key">The path or id asked for.</param>
    /// <param name="known">The runbook paths that exist.</param>
    public UnknownRunbookException(string key, IReadOnlyList<string> known)
        : base($"Runbook '{key}' is unknown to the simulator; its runbooks are {string.Join(", ", known.Take(20))}{(known.Count > 20 ? ", ..." : string.Empty)}.")
    {
        Key = key;
    }

    /// <summary>The path or id asked for.</summary>
    public string Key { get; }
}

/// <summary>A parameter name or id that is not an In-parameter of the runbook; the message lists its In-parameters.</summary>
[Serializable]
public sealed class UnknownParameterException : ArgumentException
{
    internal UnknownParameterException(SimRunbook runbook, string parameter)
        : base($"'{parameter}' is not an In-parameter of runbook '{runbook.Path}'; its In-parameters are " +
            (runbook.InParameters.Any() ? string.Join(", ", runbook.InParameters.Select(p => $"{p.Name} ({{{p.Id}}})")) : "none") + ".")
    {
        Parameter = parameter;
    }

    /// <summary>The name or id given.</summary>
    public string Parameter { get; }
}
