using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using OrchPatch.Simulator.Runtime;

namespace OrchPatch.Simulator.Wire;

/// <summary>Writes the 2022 Web API's OData v4 JSON: <c>{"@odata.context":..,"@odata.count":n,"value":[..]}</c>, entities
/// with PascalCase properties as in the legacy model, GUIDs as strings, times ISO 8601 UTC with Z, a job's
/// RunbookServers as an array of names and its Parameters as an array of {Name, Value}.</summary>
internal static class JsonWire
{
    public const string ContentType = "application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8";

    public static byte[] ServiceDocument(Uri root) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("@odata.context", root + "$metadata");
        w.WriteStartArray("value");
        foreach (var name in EntityModel.LegacySetNames)
        {
            w.WriteStartObject();
            w.WriteString("name", name);
            w.WriteString("kind", "EntitySet");
            w.WriteString("url", name);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    public static byte[] Collection(Uri root, WireEntitySet set, IReadOnlyList<object> entities, int? count, IReadOnlyList<WireNavigation> expand, Farm farm) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("@odata.context", root + "$metadata#" + set.Name);
        if (count is { } total)
        {
            w.WriteNumber("@odata.count", total);
        }

        w.WriteStartArray("value");
        foreach (var entity in entities)
        {
            WriteEntity(w, set, entity, expand, farm, context: null);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    public static byte[] Entity(Uri root, WireEntitySet set, object entity, IReadOnlyList<WireNavigation> expand, Farm farm) =>
        Write(w => WriteEntity(w, set, entity, expand, farm, root + "$metadata#" + set.Name + "/$entity"));

    /// <summary>The OData v4 error body: <c>{"error":{"code":"","message":"..."}}</c>.</summary>
    public static byte[] Error(string message) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("error");
        w.WriteString("code", string.Empty);
        w.WriteString("message", message);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    private static void WriteEntity(Utf8JsonWriter w, WireEntitySet set, object entity, IReadOnlyList<WireNavigation> expand, Farm farm, string? context)
    {
        w.WriteStartObject();
        if (context is not null)
        {
            w.WriteString("@odata.context", context);
        }

        foreach (var property in set.Properties)
        {
            w.WritePropertyName(property.Name);
            WriteValue(w, property.JsonGet is null ? property.Get(entity) : property.JsonGet(entity));
        }

        foreach (var navigation in expand)
        {
            var target = EntityModel.Find(navigation.Target, ignoreCase: false)!;
            w.WriteStartArray(navigation.WebApiName ?? navigation.Name);
            foreach (var related in navigation.Resolve!(farm, entity))
            {
                WriteEntity(w, target, related, Array.Empty<WireNavigation>(), farm, context: null);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null:
                w.WriteNullValue();
                break;
            case bool b:
                w.WriteBooleanValue(b);
                break;
            case int i:
                w.WriteNumberValue(i);
                break;
            case DateTimeOffset d:
                w.WriteStringValue(EdmText.DateTimeZ(d));
                break;
            case IReadOnlyList<string> names:
                w.WriteStartArray();
                foreach (var name in names)
                {
                    w.WriteStringValue(name);
                }

                w.WriteEndArray();
                break;
            case IReadOnlyList<KeyValuePair<string, string>> pairs:
                w.WriteStartArray();
                foreach (var pair in pairs)
                {
                    w.WriteStartObject();
                    w.WriteString("Name", pair.Key);
                    w.WriteString("Value", pair.Value);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                break;
            default:
                w.WriteStringValue(EdmText.Format(value));
                break;
        }
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            body(writer);
        }

        return stream.ToArray();
    }
}
