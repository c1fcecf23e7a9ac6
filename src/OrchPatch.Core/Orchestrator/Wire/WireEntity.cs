using System;
using System.Collections.Generic;
using System.Globalization;

namespace OrchPatch.Core.Orchestrator;

/// <summary>One entity as the service sent it, in either format: property values by name (compared without case),
/// each a string, a bool, a number, a list or a nested object, or null. Both readers produce this, so one mapping
/// serves both APIs and reads the shapes each may send.</summary>
internal sealed class WireEntity
{
    private readonly IReadOnlyDictionary<string, object?> _properties;

    public WireEntity(string entitySet, IReadOnlyDictionary<string, object?> properties, string? etag, Uri source)
    {
        EntitySet = entitySet;
        _properties = properties;
        ETag = etag;
        Source = source;
    }

    /// <summary>Where it came from, for messages ("Jobs").</summary>
    public string EntitySet { get; }

    /// <summary>The entity tag, when the service gave one.</summary>
    public string? ETag { get; }

    /// <summary>The service it came from.</summary>
    public Uri Source { get; }

    /// <summary>The value as sent, or null when absent.</summary>
    public object? Raw(string name) => _properties.TryGetValue(name, out var value) ? value : null;

    /// <summary>A scalar as text (numbers and booleans in invariant form); null when absent, null or not a scalar.</summary>
    public string? Text(string name) => ScalarText(Raw(name));

    /// <summary>A scalar value as text: strings as they are, booleans as "true"/"false", numbers in invariant form;
    /// null for null, lists and objects.</summary>
    public static string? ScalarText(object? value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        decimal or double => Convert.ToString(value, CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>The id every entity must have.</summary>
    /// <exception cref="OrchestratorProtocolException">It is missing or not a GUID.</exception>
    public Guid Id() => RequiredGuid("Id");

    public Guid RequiredGuid(string name) =>
        Guid(name) ?? throw new OrchestratorProtocolException(
            $"The Orchestrator web service at {Source} sent a {EntitySet} entry whose {name} is missing or not a GUID ('{Text(name)}').", Source);

    /// <summary>A GUID; null when absent or malformed (tolerant: an optional property never fails a whole list).</summary>
    public Guid? Guid(string name) => System.Guid.TryParse(Text(name), out var value) ? value : null;

    public bool? Bool(string name) => bool.TryParse(Text(name), out var value) ? value : null;

    /// <summary>A time; a value without an offset is UTC (Edm.DateTime carries none; the database stores UTC).</summary>
    public DateTimeOffset? Time(string name) =>
        DateTimeOffset.TryParse(Text(name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : null;

    public long? Number(string name) => long.TryParse(Text(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}

/// <summary>One page of a collection.</summary>
/// <param name="Entities">The rows on this page.</param>
/// <param name="TotalCount">All rows matching, when the service counted them (<c>m:count</c>, <c>@odata.count</c>).</param>
internal sealed record WireFeed(IReadOnlyList<WireEntity> Entities, long? TotalCount);
