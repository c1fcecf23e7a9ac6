using System;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrchPatch.Cli.Infrastructure;

/// <summary>The one machine-readable document a command prints with --json.</summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase), new TimeSpanSecondsConverter() },
    };

    /// <summary>Writes { "command", "exitCode", "outcome", "summary", "result" } (result may be null).</summary>
    public static void Write(TextWriter output, string command, int exitCode, string outcome, string summary, object? result, Func<string, string> scrub)
    {
        var document = new { command, exitCode, outcome, summary, result };
        output.WriteLine(scrub(JsonSerializer.Serialize(document, Options)));
    }

    /// <summary>Durations as seconds (a number), which every consumer can read.</summary>
    private sealed class TimeSpanSecondsConverter : JsonConverter<TimeSpan>
    {
        public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => TimeSpan.FromSeconds(reader.GetDouble());

        public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) => writer.WriteNumberValue(Math.Round(value.TotalSeconds, 3));
    }
}
