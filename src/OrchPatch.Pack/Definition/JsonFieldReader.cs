using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace OrchPatch.Pack.Definition;

/// <summary>
/// Reads fields of a JSON document and collects every problem with its path ("activities[2].objectType: ...")
/// instead of stopping at the first, so one run of the reader names every bad field.
/// </summary>
internal sealed class JsonFieldReader
{
    private readonly List<string> _errors = new();

    public IReadOnlyList<string> Errors => _errors;

    public void Fail(string path, string message) => _errors.Add(path + ": " + message);

    /// <summary>Reports fields the schema does not know (a typo would otherwise be silently ignored).</summary>
    public void OnlyKnown(JsonElement element, string path, params string[] known)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (property.Name != "$comment" && !known.Contains(property.Name, StringComparer.Ordinal))
            {
                Fail(Join(path, property.Name), "unknown field (known: " + string.Join(", ", known) + ").");
            }
        }
    }

    public JsonElement Object(JsonElement parent, string path, string name)
    {
        var value = Property(parent, path, name, required: true);
        if (value is { ValueKind: JsonValueKind.Object } found)
        {
            return found;
        }

        if (value is not null)
        {
            Fail(Join(path, name), "must be an object.");
        }

        return default;
    }

    public IReadOnlyList<JsonElement> Array(JsonElement parent, string path, string name, bool required = true)
    {
        var value = Property(parent, path, name, required);
        if (value is { ValueKind: JsonValueKind.Array } found)
        {
            return found.EnumerateArray().ToArray();
        }

        if (value is not null)
        {
            Fail(Join(path, name), "must be an array.");
        }

        return System.Array.Empty<JsonElement>();
    }

    public string String(JsonElement parent, string path, string name)
    {
        var text = OptionalString(parent, path, name, required: true);
        if (text is not null && text.Trim().Length == 0)
        {
            Fail(Join(path, name), "must not be blank.");
        }

        return text ?? string.Empty;
    }

    public string? OptionalString(JsonElement parent, string path, string name, bool required = false)
    {
        var value = Property(parent, path, name, required);
        if (value is null)
        {
            return null;
        }

        if (value.Value.ValueKind != JsonValueKind.String)
        {
            Fail(Join(path, name), "must be a string.");
            return null;
        }

        return value.Value.GetString();
    }

    public bool Bool(JsonElement parent, string path, string name)
    {
        var value = Property(parent, path, name, required: false);
        if (value is null)
        {
            return false;
        }

        if (value.Value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.Value.GetBoolean();
        }

        Fail(Join(path, name), "must be true or false.");
        return false;
    }

    public IReadOnlyList<string> Strings(JsonElement parent, string path, string name, bool required = true)
    {
        var items = Array(parent, path, name, required);
        var result = new List<string>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].ValueKind == JsonValueKind.String && items[i].GetString() is { Length: > 0 } text)
            {
                result.Add(text);
            }
            else
            {
                Fail($"{Join(path, name)}[{i}]", "must be a non-empty string.");
            }
        }

        return result;
    }

    public static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private JsonElement? Property(JsonElement parent, string path, string name, bool required)
    {
        if (parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
        {
            return value;
        }

        if (required && parent.ValueKind == JsonValueKind.Object)
        {
            Fail(Join(path, name), "is required.");
        }

        return null;
    }
}
