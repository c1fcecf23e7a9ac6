using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace OrchPatch.Core.Utils.Json;

/// <summary>Writes plain values as compact JSON: null, strings, booleans, integers, objects given as ordered name-value
/// pairs (so the output keeps the order written), and sequences. The counterpart of <see cref="JsonReader"/>.</summary>
internal static class JsonWriter
{
    public static string Write(object? value)
    {
        var text = new StringBuilder();
        WriteValue(text, value);
        return text.ToString();
    }

    private static void WriteValue(StringBuilder text, object? value)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                break;
            case string s:
                WriteString(text, s);
                break;
            case bool b:
                text.Append(b ? "true" : "false");
                break;
            case int or long or decimal:
                text.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            case IEnumerable<KeyValuePair<string, object?>> properties:
                text.Append('{');
                var first = true;
                foreach (var property in properties)
                {
                    text.Append(first ? string.Empty : ",");
                    first = false;
                    WriteString(text, property.Key);
                    text.Append(':');
                    WriteValue(text, property.Value);
                }

                text.Append('}');
                break;
            case IEnumerable items:
                text.Append('[');
                var separator = string.Empty;
                foreach (var item in items)
                {
                    text.Append(separator);
                    separator = ",";
                    WriteValue(text, item);
                }

                text.Append(']');
                break;
            default:
                throw new ArgumentException($"Bug in OrchPatch: JsonWriter cannot write a {value.GetType().Name}.", nameof(value));
        }
    }

    private static void WriteString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (c < ' ' || c is '\u2028' or '\u2029')
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        text.Append('"');
    }
}
