using System;
using System.Collections.Generic;

namespace OrchPatch.Simulator;

/// <summary>What an injected fault does to a request.</summary>
public enum FaultKind
{
    /// <summary>503 Service Unavailable; the request is not processed.</summary>
    ServiceUnavailable,

    /// <summary>The connection is reset; the request is not processed.</summary>
    ConnectionReset,

    /// <summary>No answer for <see cref="SimulatorSettings.FaultDelay"/> (then 504); the request is not processed.</summary>
    Timeout,

    /// <summary>The request is processed (a start creates its job), then the client gets 503.</summary>
    AcceptThenServiceUnavailable,

    /// <summary>The request is processed, then the connection is reset.</summary>
    AcceptThenConnectionReset,

    /// <summary>The request is processed, then no answer for <see cref="SimulatorSettings.FaultDelay"/> (then 504).</summary>
    AcceptThenTimeout,
}

/// <summary>Injects <see cref="Kind"/> into matching requests of the two Orchestrator APIs, at a seeded rate.</summary>
/// <param name="Kind">The fault.</param>
/// <remarks>Rules are tried in order; the first that matches and fires applies. Draws use
/// <see cref="SimulatorSettings.FaultSeed"/>, so the same requests get the same faults on every run.</remarks>
public sealed record FaultRule(FaultKind Kind)
{
    /// <summary>The share of matching requests that fail, 0 to 1.</summary>
    /// <value>The default value is 1 (every matching request).</value>
    public double Rate { get; init; } = 1;

    /// <summary>How many faults this rule injects at most; null for no limit.</summary>
    public int? Count { get; init; }

    /// <summary>Only requests with this method (GET, POST, MERGE, PATCH; a tunnelled MERGE counts as MERGE); null for any.</summary>
    public string? Method { get; init; }

    /// <summary>Only requests for this entity set (Jobs, Runbooks, ...); null for any.</summary>
    public string? EntitySet { get; init; }

    /// <summary>A fault on the next <paramref name="count"/> matching requests.</summary>
    /// <param name="kind">The fault.</param>
    /// <param name="count">How many.</param>
    /// <param name="method">The method, or null for any.</param>
    /// <param name="entitySet">The entity set, or null for any.</param>
    /// <returns>The rule.</returns>
    public static FaultRule Next(FaultKind kind, int count = 1, string? method = null, string? entitySet = null) =>
        new(kind) { Count = count, Method = method, EntitySet = entitySet };

    internal bool Processes => Kind is FaultKind.AcceptThenServiceUnavailable or FaultKind.AcceptThenConnectionReset or FaultKind.AcceptThenTimeout;

    internal IEnumerable<string> Problems()
    {
        if (!Enum.IsDefined(Kind))
        {
            yield return $"has an unknown kind {(int)Kind}";
        }

        if (double.IsNaN(Rate) || Rate < 0 || Rate > 1)
        {
            yield return $"has rate {Rate}; it must be between 0 and 1";
        }

        if (Count is < 0)
        {
            yield return $"has count {Count}; it must not be negative";
        }
    }
}
