using System;
using System.Collections.Generic;
using System.Linq;
using OrchPatch.Core.Utils.Json;

namespace OrchPatch.Core.Orchestrator;

/// <summary>The 2022 Web API's OData v4 JSON: collections <c>{"value":[...],"@odata.count":n}</c>, single entities
/// as an object, <c>@odata.etag</c> when present. Tolerant of what is unconfirmed: a bare array is read as a
/// collection, a one-row collection as an entity, and property names are compared without case.</summary>
internal static class JsonFormat
{
    public static WireFeed ReadFeed(string json, string entitySet, Uri source)
    {
        var root = Parse(json, source);
        var rows = root switch
        {
            JsonObject o when o.TryGetValue("value", out var value) && value is List<object?> list => list,
            List<object?> list => list,
            _ => throw Unexpected(source, "a collection ({\"value\":[...]})"),
        };
        var count = root is JsonObject withCount && withCount.TryGetValue("@odata.count", out var c) ? WireEntity.ScalarText(c) : null;
        return new WireFeed(
            rows.OfType<JsonObject>().Select(r => Entity(r, entitySet, source)).ToArray(),
            long.TryParse(count, out var total) ? total : null);
    }

    public static WireEntity ReadEntity(string json, string entitySet, Uri source)
    {
        var root = Parse(json, source);
        if (root is JsonObject o && !o.ContainsKey("Id") && o.TryGetValue("value", out var value) && value is List<object?> { Count: 1 } one && one[0] is JsonObject single)
        {
            return Entity(single, entitySet, source);
        }

        return root is JsonObject entity ? Entity(entity, entitySet, source) : throw Unexpected(source, "an entity ({...})");
    }

    private static WireEntity Entity(JsonObject properties, string entitySet, Uri source) =>
        new(entitySet, properties, properties.TryGetValue("@odata.etag", out var etag) ? etag as string : null, source);

    private static object? Parse(string json, Uri source)
    {
        try
        {
            return JsonReader.Parse(json);
        }
        catch (FormatException ex)
        {
            throw new OrchestratorProtocolException($"The Orchestrator Web API at {source} sent JSON this client cannot read: {ex.Message}", source, ex);
        }
    }

    private static OrchestratorProtocolException Unexpected(Uri source, string expected) =>
        new($"The Orchestrator Web API at {source} did not send {expected}. Is the URL an Orchestrator 2022 /api root?", source);
}
