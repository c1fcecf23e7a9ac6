using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using OrchPatch.Simulator.Runtime;

namespace OrchPatch.Simulator.Wire;

/// <summary>Writes the legacy service's AtomPub XML as the reference's samples show it: the Atom, data-services and
/// metadata namespaces, <c>category term</c>, <c>m:etag</c> = W/"datetime'...'", <c>m:properties</c> with
/// <c>m:type</c> and <c>m:null</c>, <c>m:count</c>, navigation links, and the service document.</summary>
internal static class AtomWriter
{
    public const string AtomNs = "http://www.w3.org/2005/Atom";
    public const string DataNs = "http://schemas.microsoft.com/ado/2007/08/dataservices";
    public const string MetadataNs = "http://schemas.microsoft.com/ado/2007/08/dataservices/metadata";
    public const string AppNs = "http://www.w3.org/2007/app";
    public const string SchemeNs = "http://schemas.microsoft.com/ado/2007/08/dataservices/scheme";
    public const string RelatedRel = "http://schemas.microsoft.com/ado/2007/08/dataservices/related/";
    public const string ContentType = "application/atom+xml;charset=utf-8";
    public const string XmlContentType = "application/xml;charset=utf-8";

    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false), Indent = false };

    public static byte[] ServiceDocument(Uri serviceRoot) => Write(w =>
    {
        w.WriteStartElement(string.Empty, "service", AppNs);
        w.WriteAttributeString("xml", "base", null, serviceRoot.ToString());
        w.WriteAttributeString("xmlns", "atom", null, AtomNs);
        w.WriteAttributeString("xmlns", "app", null, AppNs);
        w.WriteStartElement(string.Empty, "workspace", AppNs);
        w.WriteElementString("title", AtomNs, "Default");
        foreach (var name in EntityModel.LegacySetNames)
        {
            w.WriteStartElement(string.Empty, "collection", AppNs);
            w.WriteAttributeString("href", name);
            w.WriteElementString("title", AtomNs, name);
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
    });

    /// <summary>A feed. <paramref name="path"/> is the feed's path under the root (Jobs, Jobs(guid'..')/Instances).</summary>
    public static byte[] Feed(Uri serviceRoot, string path, string title, WireEntitySet set, IReadOnlyList<object> entities, int? count, DateTimeOffset now) => Write(w =>
    {
        w.WriteStartElement("feed", AtomNs);
        w.WriteAttributeString("xml", "base", null, serviceRoot.ToString());
        WriteNamespaces(w);
        w.WriteStartElement("title", AtomNs);
        w.WriteAttributeString("type", "text");
        w.WriteString(title);
        w.WriteEndElement();
        w.WriteElementString("id", AtomNs, serviceRoot + path);
        w.WriteElementString("updated", AtomNs, EdmText.DateTimeZ(now));
        Link(w, "self", title, path, null);
        if (count is { } total)
        {
            w.WriteElementString("count", MetadataNs, total.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        foreach (var entity in entities)
        {
            WriteEntry(w, serviceRoot, set, entity, now, root: false);
        }

        w.WriteEndElement();
    });

    public static byte[] Entry(Uri serviceRoot, WireEntitySet set, object entity, DateTimeOffset now) =>
        Write(w => WriteEntry(w, serviceRoot, set, entity, now, root: true));

    /// <summary>The OData v2 error body (<c>&lt;error&gt;&lt;code/&gt;&lt;message xml:lang="en-US"&gt;</c>).</summary>
    public static byte[] Error(string message) => Write(w =>
    {
        w.WriteStartElement("error", MetadataNs);
        w.WriteElementString("code", MetadataNs, string.Empty);
        w.WriteStartElement("message", MetadataNs);
        w.WriteAttributeString("xml", "lang", null, "en-US");
        w.WriteString(XmlSafe(message));
        w.WriteEndElement();
        w.WriteEndElement();
    });

    /// <summary>An error message may quote the client's input; a character XML cannot carry is written as its code
    /// point, so the 4xx is still a 4xx and not a writer failure (a 500).</summary>
    private static string XmlSafe(string text) =>
        text.All(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c))
            ? text
            : string.Concat(text.Select(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c) ? c.ToString() : $"U+{(int)c:X4}"));

    private static void WriteEntry(XmlWriter w, Uri serviceRoot, WireEntitySet set, object entity, DateTimeOffset now, bool root)
    {
        var self = set.Name + EdmText.Key(set.Key(entity));
        w.WriteStartElement("entry", AtomNs);
        if (root)
        {
            w.WriteAttributeString("xml", "base", null, serviceRoot.ToString());
            WriteNamespaces(w);
        }

        if (set.ETag(entity) is { } etag)
        {
            w.WriteAttributeString("etag", MetadataNs, etag);
        }

        w.WriteElementString("id", AtomNs, serviceRoot + self);
        w.WriteStartElement("title", AtomNs);
        w.WriteAttributeString("type", "text");
        w.WriteEndElement();
        w.WriteElementString("updated", AtomNs, EdmText.DateTimeZ(now));
        w.WriteStartElement("author", AtomNs);
        w.WriteStartElement("name", AtomNs);
        w.WriteEndElement();
        w.WriteEndElement();
        Link(w, "edit", set.TypeName, self, null);
        foreach (var navigation in set.Navigations)
        {
            Link(w, RelatedRel + navigation.Name, navigation.Name, self + "/" + navigation.Name, navigation.IsCollection ? "application/atom+xml;type=feed" : "application/atom+xml;type=entry");
        }

        w.WriteStartElement("category", AtomNs);
        w.WriteAttributeString("term", set.FullTypeName);
        w.WriteAttributeString("scheme", SchemeNs);
        w.WriteEndElement();
        w.WriteStartElement("content", AtomNs);
        w.WriteAttributeString("type", "application/xml");
        w.WriteStartElement("properties", MetadataNs);
        foreach (var property in set.Properties)
        {
            w.WriteStartElement(property.Name, DataNs);
            if (property.Type != EdmType.String)
            {
                w.WriteAttributeString("type", MetadataNs, property.EdmName);
            }

            var value = property.Get(entity);
            if (value is null)
            {
                w.WriteAttributeString("null", MetadataNs, "true");
            }
            else
            {
                w.WriteString(EdmText.Format(value));
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void WriteNamespaces(XmlWriter w)
    {
        w.WriteAttributeString("xmlns", "d", null, DataNs);
        w.WriteAttributeString("xmlns", "m", null, MetadataNs);
    }

    private static void Link(XmlWriter w, string rel, string title, string href, string? type)
    {
        w.WriteStartElement("link", AtomNs);
        w.WriteAttributeString("rel", rel);
        if (type is not null)
        {
            w.WriteAttributeString("type", type);
        }

        w.WriteAttributeString("title", title);
        w.WriteAttributeString("href", href);
        w.WriteEndElement();
    }

    private static byte[] Write(Action<XmlWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, Settings))
        {
            writer.WriteStartDocument(standalone: true);
            body(writer);
            writer.WriteEndDocument();
        }

        return stream.ToArray();
    }
}

/// <summary>One property of an entry a client sent.</summary>
internal sealed record AtomValue(string Name, string? Value, string? EdmType);

/// <summary>Reads the <c>m:properties</c> of an Atom entry a client sent (POST, MERGE). Entity-escaped and CDATA
/// values read the same. DTDs are refused.</summary>
internal static class AtomReader
{
    private static readonly XNamespace Atom = AtomWriter.AtomNs;
    private static readonly XNamespace Data = AtomWriter.DataNs;
    private static readonly XNamespace Metadata = AtomWriter.MetadataNs;

    public static IReadOnlyList<AtomValue> ReadProperties(byte[] body)
    {
        if (body.Length == 0)
        {
            throw WireException.BadRequest("The request has no body; send an Atom <entry> with <m:properties>.");
        }

        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(body), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            throw WireException.BadRequest("The request body is not well-formed XML: " + ex.Message);
        }

        var entry = document.Root;
        if (entry is null || entry.Name != Atom + "entry")
        {
            throw WireException.BadRequest($"The request body must be an Atom <entry> (namespace {AtomWriter.AtomNs}); got <{entry?.Name.LocalName}>.");
        }

        var properties = entry.Element(Atom + "content")?.Element(Metadata + "properties") ?? entry.Element(Metadata + "properties")
            ?? throw WireException.BadRequest("The Atom <entry> has no <content type=\"application/xml\"><m:properties>.");
        var values = new List<AtomValue>();
        foreach (var element in properties.Elements())
        {
            if (element.Name.Namespace != Data)
            {
                throw WireException.BadRequest($"The property <{element.Name.LocalName}> is not in the data-services namespace {AtomWriter.DataNs}.");
            }

            var isNull = string.Equals((string?)element.Attribute(Metadata + "null"), "true", StringComparison.Ordinal);
            values.Add(new AtomValue(element.Name.LocalName, isNull ? null : element.Value, (string?)element.Attribute(Metadata + "type")));
        }

        foreach (var duplicate in values.GroupBy(v => v.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            throw WireException.BadRequest($"The property '{duplicate.Key}' is given twice.");
        }

        return values;
    }
}
