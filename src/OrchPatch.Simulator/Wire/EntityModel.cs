using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using OrchPatch.Simulator.Runtime;

namespace OrchPatch.Simulator.Wire;

/// <summary>Edm types the served properties use.</summary>
internal enum EdmType
{
    Guid,
    String,
    DateTime,
    Boolean,
    Int32,
}

/// <summary>One property of an entity type: its wire name and type, and how to read it from the farm's object.</summary>
internal sealed record WireProperty(string Name, EdmType Type, bool Nullable, Func<object, object?> Get)
{
    /// <summary>The value the JSON API writes when it differs from the legacy one (arrays for the job's lists).</summary>
    public Func<object, object?>? JsonGet { get; init; }

    public string EdmName => "Edm." + Type;
}

/// <summary>A navigation from one entity to related ones (<c>Jobs(guid'..')/Instances</c>).</summary>
/// <param name="Name">The legacy name.</param>
/// <param name="Target">The target set's name.</param>
/// <param name="IsCollection">A feed (true) or a single entry.</param>
/// <param name="Resolve">The related entities; null when the simulator does not serve the target.</param>
internal sealed record WireNavigation(string Name, string Target, bool IsCollection, Func<Farm, object, IEnumerable<object>>? Resolve)
{
    /// <summary>The 2022 API's name for it, when it differs (a Job's <c>RunbookInstances</c>).</summary>
    public string? WebApiName { get; init; }

    public bool Matches(string name, bool webApi) =>
        webApi
            ? string.Equals(name, Name, StringComparison.OrdinalIgnoreCase) || string.Equals(name, WebApiName, StringComparison.OrdinalIgnoreCase)
            : string.Equals(name, Name, StringComparison.Ordinal);
}

/// <summary>An entity set the simulator serves.</summary>
internal sealed class WireEntitySet
{
    public WireEntitySet(string name, string typeName, Func<Farm, IEnumerable<object>> all, IReadOnlyList<WireProperty> properties)
    {
        Name = name;
        TypeName = typeName;
        All = all;
        Properties = properties;
        var id = properties.Single(p => p.Name == "Id");
        Key = e => (Guid)id.Get(e)!;
    }

    public string Name { get; }

    /// <summary>The entity type's short name (Job); the full name adds <see cref="EntityModel.Namespace"/>.</summary>
    public string TypeName { get; }

    public string FullTypeName => EntityModel.Namespace + "." + TypeName;

    public Func<Farm, IEnumerable<object>> All { get; }

    /// <summary>The entities a filter can match, a subset of <see cref="All"/> in the same order (an index the farm
    /// keeps); null when the set has no index and every entity is read.</summary>
    public Func<Farm, FilterNode?, IEnumerable<object>>? Candidates { get; init; }

    /// <summary>One entity by key without reading the set; null to search <see cref="All"/>.</summary>
    public Func<Farm, Guid, object?>? Lookup { get; init; }

    public IReadOnlyList<WireProperty> Properties { get; }

    public Func<object, Guid> Key { get; }

    /// <summary>The time the entity tag is made of; null for types without one.</summary>
    public Func<object, DateTimeOffset>? ETagTime { get; init; }

    public IReadOnlyList<WireNavigation> Navigations { get; init; } = Array.Empty<WireNavigation>();

    /// <summary>The runbook an entity belongs to, for Read permission; null for server entities (anyone signed in).</summary>
    public Func<object, SimRunbook?> Runbook { get; init; } = _ => null;

    public string? ETag(object entity) => ETagTime is null ? null : EdmText.ETag(ETagTime(entity));

    public WireProperty? FindProperty(string name, bool ignoreCase) =>
        Properties.FirstOrDefault(p => string.Equals(p.Name, name, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal));

    public object? Find(Farm farm, Guid id) => Lookup is null ? All(farm).FirstOrDefault(e => Key(e) == id) : Lookup(farm, id);

    /// <summary>The entities to evaluate <paramref name="filter"/> on: <see cref="Candidates"/>, or all of them.</summary>
    public IEnumerable<object> Matchable(Farm farm, FilterNode? filter) => Candidates is null ? All(farm) : Candidates(farm, filter);
}

/// <summary>The five entity sets served, with the legacy <c>$metadata</c>'s property order and navigations
/// (docs/orchestrator-facts.md#the-web-services), and the names of the sets that answer 501.</summary>
internal static class EntityModel
{
    public const string Namespace = "Microsoft.SystemCenter.Orchestrator.WebService";

    /// <summary>Every set the real service document lists, in its order.</summary>
    public static readonly string[] LegacySetNames =
    {
        "Folders", "Runbooks", "RunbookParameters", "Activities", "Jobs", "RunbookInstances", "RunbookInstanceParameters",
        "ActivityInstances", "ActivityInstanceData", "RunbookServers", "RunbookDiagrams", "Statistics", "Events",
    };

    public static readonly WireEntitySet RunbookServers = new(
        "RunbookServers",
        "RunbookServer",
        farm => farm.Servers,
        new[]
        {
            new WireProperty("Id", EdmType.Guid, false, e => ((SimServer)e).Id),
            new WireProperty("Name", EdmType.String, false, e => ((SimServer)e).Name),
        })
    {
        Navigations = new[]
        {
            new WireNavigation("Instances", "RunbookInstances", true, (farm, e) => farm.Instances.Where(i => i.Server == e)) { WebApiName = "RunbookInstances" },
            new WireNavigation("Jobs", "Jobs", true, (farm, e) => farm.Jobs.Where(j => j.Server == e)),
            new WireNavigation("Events", "Events", true, null),
        },
    };

    public static readonly WireEntitySet Runbooks = new(
        "Runbooks",
        "Runbook",
        farm => farm.Runbooks,
        new[]
        {
            new WireProperty("Id", EdmType.Guid, false, e => ((SimRunbook)e).Id),
            new WireProperty("FolderId", EdmType.Guid, false, e => ((SimRunbook)e).FolderId),
            new WireProperty("Name", EdmType.String, true, e => ((SimRunbook)e).Name),
            new WireProperty("Description", EdmType.String, true, _ => null),
            new WireProperty("CreatedBy", EdmType.String, true, _ => SimulatorConstants.AnonymousSid),
            new WireProperty("CreationTime", EdmType.DateTime, false, e => ((SimRunbook)e).Published),
            new WireProperty("LastModifiedBy", EdmType.String, true, _ => SimulatorConstants.AnonymousSid),
            new WireProperty("LastModifiedTime", EdmType.DateTime, false, e => ((SimRunbook)e).Published),
            new WireProperty("IsMonitor", EdmType.Boolean, false, e => ((SimRunbook)e).IsMonitor),
            new WireProperty("Path", EdmType.String, true, e => ((SimRunbook)e).Path),
            new WireProperty("CheckedOutBy", EdmType.String, true, _ => null),
            new WireProperty("CheckedOutTime", EdmType.DateTime, true, _ => null),
        })
    {
        ETagTime = e => ((SimRunbook)e).Published,
        Runbook = e => (SimRunbook)e,
        Navigations = new[]
        {
            new WireNavigation("Folder", "Folders", false, null),
            new WireNavigation("Parameters", "RunbookParameters", true, (_, e) => ((SimRunbook)e).Parameters) { WebApiName = "RunbookParameters" },
            new WireNavigation("Activities", "Activities", true, null),
            new WireNavigation("Jobs", "Jobs", true, (farm, e) => farm.Jobs.Where(j => j.Runbook == e)),
            new WireNavigation("Instances", "RunbookInstances", true, (farm, e) => farm.Instances.Where(i => i.Job.Runbook == e)) { WebApiName = "RunbookInstances" },
            new WireNavigation("Diagram", "RunbookDiagrams", false, null),
            new WireNavigation("Statistics", "Statistics", true, null),
        },
    };

    public static readonly WireEntitySet RunbookParameters = new(
        "RunbookParameters",
        "RunbookParameter",
        farm => farm.Runbooks.SelectMany(r => r.Parameters),
        new[]
        {
            new WireProperty("Id", EdmType.Guid, false, e => ((SimParameter)e).Id),
            new WireProperty("RunbookId", EdmType.Guid, false, e => ((SimParameter)e).RunbookId),
            new WireProperty("Name", EdmType.String, true, e => ((SimParameter)e).Name),
            new WireProperty("Type", EdmType.String, true, e => ((SimParameter)e).Type),
            new WireProperty("Description", EdmType.String, true, _ => null),
            new WireProperty("Direction", EdmType.String, true, e => ((SimParameter)e).Direction == ParameterDirection.In ? "In" : "Out"),
        })
    {
        Navigations = new[]
        {
            new WireNavigation("Runbook", "Runbooks", false, (farm, e) => new object?[] { farm.FindRunbook(((SimParameter)e).RunbookId) }.OfType<object>()),
            new WireNavigation("Instances", "RunbookInstanceParameters", true, null),
        },
    };

    public static readonly WireEntitySet Jobs = new(
        "Jobs",
        "Job",
        farm => farm.Jobs,
        new[]
        {
            new WireProperty("Id", EdmType.Guid, false, e => ((SimJob)e).Id),
            new WireProperty("RunbookId", EdmType.Guid, false, e => ((SimJob)e).Runbook.Id),
            new WireProperty("Parameters", EdmType.String, true, e => JobParameters.ToXml((SimJob)e))
            {
                JsonGet = e => JobParameters.ToNameValues((SimJob)e),
            },
            new WireProperty("RunbookServers", EdmType.String, true, e => ((SimJob)e).RunbookServerNames is { Count: > 0 } names ? string.Join(",", names) : null)
            {
                JsonGet = e => ((SimJob)e).RunbookServerNames is { Count: > 0 } names ? names : null,
            },
            new WireProperty("RunbookServerId", EdmType.Guid, true, e => ((SimJob)e).Server?.Id),
            new WireProperty("ParentId", EdmType.Guid, true, e => ((SimJob)e).ParentId),
            new WireProperty("ParentIsWaiting", EdmType.Boolean, true, e => ((SimJob)e).ParentIsWaiting),
            new WireProperty("Status", EdmType.String, true, e => ((SimJob)e).Status.ToWire()),
            new WireProperty("CreatedBy", EdmType.String, true, e => ((SimJob)e).CreatedBy),
            new WireProperty("CreationTime", EdmType.DateTime, false, e => ((SimJob)e).CreationTime),
            new WireProperty("LastModifiedBy", EdmType.String, true, e => ((SimJob)e).LastModifiedBy),
            new WireProperty("LastModifiedTime", EdmType.DateTime, false, e => ((SimJob)e).LastModifiedTime),
        })
    {
        ETagTime = e => ((SimJob)e).LastModifiedTime,
        Runbook = e => ((SimJob)e).Runbook,
        Candidates = (farm, filter) => JobCandidates.For(farm, filter),
        Lookup = (farm, id) => farm.FindJob(id),
        Navigations = new[]
        {
            new WireNavigation("Runbook", "Runbooks", false, (_, e) => new object[] { ((SimJob)e).Runbook }),
            new WireNavigation("Instances", "RunbookInstances", true, (farm, e) => farm.Instances.Where(i => i.Job == e)) { WebApiName = "RunbookInstances" },
            new WireNavigation("RunbookServer", "RunbookServers", false, (_, e) => new object?[] { ((SimJob)e).Server }.OfType<object>()),
            new WireNavigation("Statistics", "Statistics", true, null),
        },
    };

    public static readonly WireEntitySet RunbookInstances = new(
        "RunbookInstances",
        "RunbookInstance",
        farm => farm.Instances,
        new[]
        {
            new WireProperty("Id", EdmType.Guid, false, e => ((SimInstance)e).Id),
            new WireProperty("RunbookId", EdmType.Guid, false, e => ((SimInstance)e).Job.Runbook.Id),
            new WireProperty("JobId", EdmType.Guid, false, e => ((SimInstance)e).Job.Id),
            new WireProperty("RunbookServerId", EdmType.Guid, false, e => ((SimInstance)e).Server.Id),
            new WireProperty("Status", EdmType.String, false, e => ((SimInstance)e).Status),
            new WireProperty("CreationTime", EdmType.DateTime, false, e => ((SimInstance)e).CreationTime),
            new WireProperty("CompletionTime", EdmType.DateTime, true, e => ((SimInstance)e).CompletionTime),
        })
    {
        Runbook = e => ((SimInstance)e).Job.Runbook,
        Navigations = new[]
        {
            new WireNavigation("Runbook", "Runbooks", false, (_, e) => new object[] { ((SimInstance)e).Job.Runbook }),
            new WireNavigation("Job", "Jobs", false, (_, e) => new object[] { ((SimInstance)e).Job }),
            new WireNavigation("Parameters", "RunbookInstanceParameters", true, null),
            new WireNavigation("ActivityInstances", "ActivityInstances", true, null),
            new WireNavigation("RunbookServer", "RunbookServers", false, (_, e) => new object[] { ((SimInstance)e).Server }),
        },
    };

    public static readonly IReadOnlyList<WireEntitySet> Served = new[] { RunbookServers, Runbooks, RunbookParameters, Jobs, RunbookInstances };

    public static string ServedNames => "RunbookServers, Runbooks, RunbookParameters, Jobs and RunbookInstances";

    public static WireEntitySet? Find(string name, bool ignoreCase) =>
        Served.FirstOrDefault(s => string.Equals(s.Name, name, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal));

    public static bool IsKnownButNotServed(string name, bool ignoreCase) =>
        LegacySetNames.Any(n => string.Equals(n, name, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal)) && Find(name, ignoreCase) is null;

    private static readonly Regex Segment = new(@"^(?<name>[A-Za-z_$][A-Za-z0-9_]*)(?:\((?<key>[^)]*)\))?$", RegexOptions.CultureInvariant);

    /// <summary>Reads a path's first segment, <c>Name</c> or <c>Name(key)</c>, and finds the served set.</summary>
    /// <returns>The set and the key's text (null when none was given).</returns>
    /// <exception cref="WireException">400 (<paramref name="malformed"/>), 404 (<paramref name="unknown"/>), or 501 for a set
    /// the real service has and the simulator does not serve.</exception>
    public static (WireEntitySet Set, string? KeyText) ResolveSegment(string segment, bool ignoreCase, Func<WireException> malformed, Func<string, WireException> unknown)
    {
        var match = Segment.Match(segment);
        if (!match.Success)
        {
            throw malformed();
        }

        var name = match.Groups["name"].Value;
        var set = Find(name, ignoreCase) ?? throw (IsKnownButNotServed(name, ignoreCase) ? NotServed(name) : unknown(name));
        var key = match.Groups["key"];
        return (set, key.Success && key.Value.Length > 0 ? key.Value : null);
    }

    public static WireException NotServed(string name) =>
        WireException.NotImplemented($"The simulator does not serve '{name}'; it serves {ServedNames}.");
}
