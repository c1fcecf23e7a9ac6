using System;
using System.Collections.Generic;
using System.Linq;

namespace OrchPatch.TestSupport.Activities;

/// <summary>How an activity ended, as the runbook would show it.</summary>
public enum ActivityOutcome
{
    /// <summary>Success.</summary>
    Success,

    /// <summary>Ended by ActivityWarning.</summary>
    Warning,

    /// <summary>Ended by any other exception.</summary>
    Failed,
}

/// <summary>One published (name, value) pair, in publishing order.</summary>
public sealed record PublishedItem(string Name, object? Value);

/// <summary>The result of running an activity through the harness.</summary>
public sealed record ActivityRun(
    ActivityOutcome Outcome,
    Exception? Exception,
    IReadOnlyList<PublishedItem> Published,
    IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows)
{
    /// <summary>The message of the warning or failure, or null on success.</summary>
    public string? Message => Exception?.Message;

    /// <summary>The single value published under <paramref name="name"/>.</summary>
    public object? this[string name]
    {
        get
        {
            var matches = Published.Where(p => p.Name == name).ToArray();
            return matches.Length switch
            {
                1 => matches[0].Value,
                0 => throw new KeyNotFoundException($"Nothing was published as '{name}'. Published: {string.Join(", ", Published.Select(p => p.Name).Distinct())}."),
                _ => throw new InvalidOperationException($"'{name}' was published {matches.Length} times; read Values(\"{name}\")."),
            };
        }
    }

    /// <summary>Every value published under <paramref name="name"/> (multi-valued outputs).</summary>
    public IReadOnlyList<object?> Values(string name) => Published.Where(p => p.Name == name).Select(p => p.Value).ToArray();

    /// <summary>Everything published, as text, for secret scans.</summary>
    public string AllText() =>
        string.Join("\n", Published.Select(p => p.Name + "=" + p.Value)
            .Concat(Rows.SelectMany(r => r.Select(kv => kv.Key + "=" + kv.Value)))
            .Concat(new[] { Exception?.ToString() ?? string.Empty }));
}
