using System;
using System.Collections.Generic;
using System.Linq;
using OrchPatch.Core.Utils.Json;

namespace OrchPatch.Core.Orchestrator;

/// <summary>Entities to the domain model, for both APIs. Tolerant: a missing optional property takes its default,
/// an unknown one is ignored, and the shapes either API may send are both read (RunbookServers as a comma list or an
/// array; Parameters as the legacy XML string or an array of name-value objects). Only a missing or malformed Id
/// fails, because nothing can be done with such a row.</summary>
internal static class EntityMapper
{
    public static RunbookServer ToRunbookServer(WireEntity e) => new(e.Id(), e.Text("Name") ?? string.Empty);

    public static RunbookParameter ToRunbookParameter(WireEntity e) => new(
        e.Id(),
        e.Text("Name") ?? string.Empty,
        e.Text("Type") ?? "String",
        string.Equals(e.Text("Direction"), "Out", StringComparison.OrdinalIgnoreCase) ? RunbookParameterDirection.Out : RunbookParameterDirection.In);

    public static Runbook ToRunbook(WireEntity e, IReadOnlyList<RunbookParameter> parameters) => new(
        e.Id(),
        e.Text("Name") ?? string.Empty,
        e.Text("Path") ?? string.Empty,
        e.Bool("IsMonitor") ?? false,
        parameters);

    public static Job ToJob(WireEntity e) => new()
    {
        Id = e.Id(),
        RunbookId = e.Guid("RunbookId") ?? Guid.Empty,
        Status = JobStatuses.Parse(e.Text("Status")),
        StatusText = e.Text("Status"),
        RunbookServerId = e.Guid("RunbookServerId"),
        RunbookServers = ServerNames(e.Raw("RunbookServers")),
        Parameters = ParameterValues(e.Raw("Parameters")),
        ParentId = e.Guid("ParentId"),
        ParentIsWaiting = e.Bool("ParentIsWaiting"),
        CreationTime = e.Time("CreationTime") ?? DateTimeOffset.MinValue,
        LastModifiedTime = e.Time("LastModifiedTime") ?? DateTimeOffset.MinValue,
        CreatedBy = e.Text("CreatedBy"),
        ETag = e.ETag,
    };

    public static RunbookInstance ToRunbookInstance(WireEntity e) => new(
        e.Id(),
        e.Guid("RunbookId") ?? Guid.Empty,
        e.Guid("JobId") ?? Guid.Empty,
        e.Guid("RunbookServerId") ?? Guid.Empty,
        e.Text("Status") ?? string.Empty,
        e.Time("CreationTime") ?? DateTimeOffset.MinValue,
        e.Time("CompletionTime"));

    private static IReadOnlyList<string> ServerNames(object? raw) => raw switch
    {
        string list => list.Split(',').Select(n => n.Trim()).Where(n => n.Length > 0).ToArray(),
        IEnumerable<object?> items => items.OfType<string>().Select(n => n.Trim()).Where(n => n.Length > 0).ToArray(),
        _ => Array.Empty<string>(),
    };

    private static IReadOnlyList<JobParameterValue> ParameterValues(object? raw) => raw switch
    {
        string xml => JobParametersXml.Parse(xml),
        IEnumerable<object?> items => items.OfType<JsonObject>().Select(ParameterValue).ToArray(),
        _ => Array.Empty<JobParameterValue>(),
    };

    private static JobParameterValue ParameterValue(JsonObject item)
    {
        var id = item.TryGetValue("Id", out var rawId) || item.TryGetValue("ParameterId", out rawId) ? WireEntity.ScalarText(rawId) : null;
        var name = item.TryGetValue("Name", out var rawName) ? WireEntity.ScalarText(rawName) : null;
        var value = item.TryGetValue("Value", out var rawValue) ? WireEntity.ScalarText(rawValue) : null;
        return new JobParameterValue(Guid.TryParse(id, out var parsed) ? parsed : null, name, value ?? string.Empty);
    }
}
