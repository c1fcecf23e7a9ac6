using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Lab;

namespace OrchPatch.Cli.Infrastructure;

/// <summary>The one machine-readable document a command prints with --json, in one vocabulary (docs/json-output.md):
/// names in camelCase, a duration's name ends in <c>Seconds</c> (its value is seconds), a count is named as a count,
/// every word that says how something went (outcomes, statuses, phases) is kebab-case.</summary>
internal static class JsonOutput
{
    /// <summary>The suffix of every duration's name.</summary>
    public const string SecondsSuffix = "Seconds";

    /// <summary>Counts whose engine name reads like a duration or a state ("running"), by type and engine name.</summary>
    private static readonly Dictionary<(Type Type, string Name), string> CountNames = new()
    {
        [(typeof(ServerCapacity), nameof(ServerCapacity.Running))] = "runningJobs",
        [(typeof(ServerCapacity), nameof(ServerCapacity.Free))] = "freeSlots",
        [(typeof(RunbookServerStatus), nameof(RunbookServerStatus.PendingShared))] = "pendingSharedJobs",
        [(typeof(FarmStatus), nameof(FarmStatus.PendingAnywhere))] = "pendingJobsAnywhere",
        [(typeof(FarmStatus), nameof(FarmStatus.PendingOnSeveral))] = "pendingJobsOnSeveral",
        [(typeof(MaintenanceReport), nameof(MaintenanceReport.QueueWaits))] = "queueWaitCount",
    };

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower), new TimeSpanSecondsConverter(), new JobSummaryConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { NameUnits } },
    };

    /// <summary>Writes { "command", "exitCode", "outcome", "summary", "hints", "result" } (result may be null).</summary>
    /// <param name="output">Where.</param>
    /// <param name="command">The command's name.</param>
    /// <param name="exitCode">Its exit code.</param>
    /// <param name="outcome">How it went, one kebab-case word ("ok", "can-drain", "rolled-back").</param>
    /// <param name="summary">The sentence the text output ends with.</param>
    /// <param name="hints">Commands to paste next (restore after a drain, undo or continue after a stop); may be empty.</param>
    /// <param name="result">The command's result.</param>
    /// <param name="scrub">Removes secrets.</param>
    public static void Write(TextWriter output, string command, int exitCode, string outcome, string summary, IReadOnlyList<string> hints, object? result, Func<string, string> scrub)
    {
        var document = new { command, exitCode, outcome, summary, hints, result };
        output.WriteLine(scrub(JsonSerializer.Serialize(document, Options)));
    }

    /// <summary>A duration's name says its unit; a count's says it counts.</summary>
    private static void NameUnits(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in type.Properties)
        {
            if (CountNames.TryGetValue((type.Type, ToPascal(property.Name)), out var count))
            {
                property.Name = count;
            }
            else if ((property.PropertyType == typeof(TimeSpan) || property.PropertyType == typeof(TimeSpan?)) && !property.Name.EndsWith(SecondsSuffix, StringComparison.Ordinal))
            {
                property.Name += SecondsSuffix;
            }
        }
    }

    private static string ToPascal(string camel) => camel.Length == 0 ? camel : char.ToUpperInvariant(camel[0]) + camel.Substring(1);

    /// <summary>Durations as seconds (a number), which every consumer can read.</summary>
    private sealed class TimeSpanSecondsConverter : JsonConverter<TimeSpan>
    {
        public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => TimeSpan.FromSeconds(reader.GetDouble());

        public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) => writer.WriteNumberValue(Seconds(value));
    }

    private static double Seconds(TimeSpan value) => Math.Round(value.TotalSeconds, 3);

    /// <summary>A job: a pending job's time is how long it has waited (<c>waitingSeconds</c>), any other's how long
    /// it has run (<c>runningSeconds</c>), as the text says "(pending 5m)" or "(running 14m)".</summary>
    private sealed class JobSummaryConverter : JsonConverter<JobSummary>
    {
        public override JobSummary Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("orchpatch writes job summaries; it does not read them.");

        public override void Write(Utf8JsonWriter writer, JobSummary value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteString("jobId", value.JobId);
            writer.WriteString("runbookPath", value.RunbookPath);
            writer.WritePropertyName("status");
            JsonSerializer.Serialize(writer, value.Status, options);
            writer.WriteNumber(value.Status == JobStatus.Pending ? "waitingSeconds" : "runningSeconds", Seconds(value.Running));
            writer.WriteEndObject();
        }
    }
}
