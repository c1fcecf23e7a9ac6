using System;
using System.Globalization;

namespace OrchPatch.Simulator.Wire;

/// <summary>How values look on the wire (docs/orchestrator-facts.md#the-web-services).</summary>
internal static class EdmText
{
    /// <summary>Edm.DateTime as WCF Data Services writes it: UTC, no offset, trailing zeros of the fraction dropped
    /// (2020-11-17T12:00:06.093, 2020-11-17T12:00:53).</summary>
    public static string DateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 UTC with Z, for the JSON API and Atom's own dates.</summary>
    public static string DateTimeZ(DateTimeOffset value) => DateTime(value) + "Z";

    public static string Guid(Guid value) => value.ToString("D", CultureInfo.InvariantCulture);

    public static string Boolean(bool value) => value ? "true" : "false";

    /// <summary>The entity tag of an entity with a LastModifiedTime: W/"datetime'2020-11-17T12%3A00%3A53'".</summary>
    public static string ETag(DateTimeOffset lastModified) => "W/\"datetime'" + DateTime(lastModified).Replace(":", "%3A", StringComparison.Ordinal) + "'\"";

    /// <summary>The key predicate of an entity: (guid'...').</summary>
    public static string Key(Guid id) => "(guid'" + Guid(id) + "')";

    public static string Format(object? value) => value switch
    {
        null => string.Empty,
        Guid g => Guid(g),
        DateTimeOffset d => DateTime(d),
        bool b => Boolean(b),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
