using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using OrchPatch.Core.Utils;

namespace OrchPatch.Core.Orchestrator;

/// <summary>The 2012-2019 service's Atom XML: reading feeds and entries into <see cref="WireEntity"/>, and writing the
/// two entries this client sends (start and cancel). Namespaces and shapes as in docs/orchestrator-facts.md#the-web-services</summary>
internal static class AtomFormat
{
    public static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    public static readonly XNamespace Data = "http://schemas.microsoft.com/ado/2007/08/dataservices";
    public static readonly XNamespace Metadata = "http://schemas.microsoft.com/ado/2007/08/dataservices/metadata";
    private const string Declaration = "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>";

    /// <summary>A feed: its entries, and <c>m:count</c> when <c>$inlinecount=allpages</c> asked for it.</summary>
    public static WireFeed ReadFeed(string xml, string entitySet, Uri source)
    {
        var root = Load(xml, source);
        if (root.Name != Atom + "feed")
        {
            throw Unexpected(source, "an Atom feed", root);
        }

        var count = (string?)root.Element(Metadata + "count");
        return new WireFeed(
            root.Elements(Atom + "entry").Select(e => ReadEntry(e, entitySet, null, source)).ToArray(),
            long.TryParse(count, out var total) ? total : null);
    }

    /// <summary>A single entry (GET by key, or the 201 of a start). Its ETag is <c>m:etag</c>, else the ETag header.</summary>
    public static WireEntity ReadEntry(string xml, string entitySet, string? etagHeader, Uri source)
    {
        var root = Load(xml, source);
        if (root.Name != Atom + "entry")
        {
            throw Unexpected(source, "an Atom entry", root);
        }

        return ReadEntry(root, entitySet, etagHeader, source);
    }

    /// <summary>The start request's entry: RunbookId, the Parameters string, and RunbookServers as a comma list.</summary>
    public static string StartEntry(Guid runbookId, string? parametersXml, IReadOnlyList<string> runbookServers)
    {
        var properties = new List<XElement> { new(Data + "RunbookId", new XAttribute(Metadata + "type", "Edm.Guid"), runbookId.ToString("D")) };
        if (parametersXml is not null)
        {
            properties.Add(new XElement(Data + "Parameters", parametersXml));
        }

        if (runbookServers.Count > 0)
        {
            properties.Add(new XElement(Data + "RunbookServers", string.Join(",", runbookServers)));
        }

        return Entry(properties);
    }

    /// <summary>The minimal MERGE body that stops a job: its Id and Status = Canceled.</summary>
    public static string CancelEntry(Guid jobId) => Entry(new[]
    {
        new XElement(Data + "Id", new XAttribute(Metadata + "type", "Edm.Guid"), jobId.ToString("D")),
        new XElement(Data + "Status", JobStatus.Canceled.ToWire()),
    });

    private static string Entry(IEnumerable<XElement> properties)
    {
        var entry = new XElement(
            Atom + "entry",
            new XAttribute(XNamespace.Xmlns + "d", Data),
            new XAttribute(XNamespace.Xmlns + "m", Metadata),
            new XElement(Atom + "content", new XAttribute("type", "application/xml"), new XElement(Metadata + "properties", properties)));
        return Declaration + entry.ToString(SaveOptions.DisableFormatting);
    }

    private static WireEntity ReadEntry(XElement entry, string entitySet, string? etagHeader, Uri source)
    {
        // m:properties sits in <content> for ordinary entries and beside it for media-link entries.
        var properties = entry.Element(Atom + "content")?.Element(Metadata + "properties") ?? entry.Element(Metadata + "properties");
        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in properties?.Elements() ?? Enumerable.Empty<XElement>())
        {
            values[property.Name.LocalName] = (string?)property.Attribute(Metadata + "null") == "true" ? null : property.Value;
        }

        return new WireEntity(entitySet, values, (string?)entry.Attribute(Metadata + "etag") ?? etagHeader, source);
    }

    private static XElement Load(string xml, Uri source)
    {
        try
        {
            return XmlSafe.Parse(xml).Root!;
        }
        catch (XmlException ex)
        {
            throw new OrchestratorProtocolException($"The Orchestrator web service at {source} sent XML this client cannot read: {ex.Message}", source, ex);
        }
    }

    private static OrchestratorProtocolException Unexpected(Uri source, string expected, XElement root) =>
        new($"The Orchestrator web service at {source} sent <{root.Name.LocalName}> where {expected} was expected. Is the URL an Orchestrator.svc root?", source);
}
