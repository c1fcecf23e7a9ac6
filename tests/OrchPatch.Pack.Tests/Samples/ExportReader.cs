using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml.Linq;

namespace OrchPatch.Pack.Tests.Samples;

/// <summary>Reads a runbook export for assertions: runbooks and objects by name, and the layout of each object type.</summary>
internal sealed class ExportReader
{
    public ExportReader(byte[] content) => Root = XDocument.Parse(Encoding.UTF8.GetString(content)).Root!;

    public XElement Root { get; }

    public static ExportReader Load(string path) => new(File.ReadAllBytes(path));

    public IEnumerable<XElement> Runbooks => Root.Descendants("Policy");

    public XElement Runbook(string name) => Runbooks.Single(p => p.Element("Name")!.Value == name);

    public static IEnumerable<XElement> Objects(XElement runbook) => runbook.Elements("Object");

    public static XElement Object(XElement runbook, string name) => Objects(runbook).Single(o => o.Element("Name")!.Value == name);

    public static IEnumerable<XElement> Links(XElement runbook) => Objects(runbook).Where(o => o.Element("ObjectTypeName")!.Value == "Link");

    public static XElement LinkFrom(XElement runbook, XElement source, XElement target) =>
        Links(runbook).Single(l => l.Element("SourceObject")!.Value == Id(source) && l.Element("TargetObject")!.Value == Id(target));

    public static string Id(XElement element) => element.Element("UniqueID")!.Value;

    public static string Sub(XElement activity, string data) => "\\`d.T.~Ed/" + Id(activity) + "." + data + "\\`d.T.~Ed/";

    /// <summary>The Initialize Data parameter's subscription (by GUID, as the Designer writes it).</summary>
    public static string ParameterSub(XElement runbook, string parameter)
    {
        var init = Objects(runbook).Single(o => o.Element("ObjectTypeName")!.Value == "Custom Start");
        var entry = init.Descendants("Entry").Single(e => e.Element("Value")!.Value == parameter);
        return Sub(init, entry.Element("UniqueID")!.Value);
    }

    /// <summary>A toolkit activity's input values by name (the Properties field's escaped ItemRoot).</summary>
    public static IReadOnlyDictionary<string, string> Properties(XElement toolkit) =>
        XElement.Parse(toolkit.Element("Properties")!.Value).Elements("Entry").ToDictionary(
            e => Unwrap(e.Element("PropertyName")!.Value),
            e => Unwrap(e.Element("PropertyValue")!.Value));

    /// <summary>Field names (and datatype, or "table") after ObjectTypeName, per ObjectTypeName.</summary>
    public ILookup<string, string> TailLayouts() =>
        Root.Descendants("Object").ToLookup(
            o => o.Element("Configuration") is null ? o.Element("ObjectTypeName")!.Value : "(toolkit)",
            o => string.Join(" ", o.Element("ObjectTypeName")!.ElementsAfterSelf().Select(Signature)));

    /// <summary>Field name and datatype of every Object's 32 common fields, per kind (link or activity).</summary>
    public ILookup<string, string> CommonLayouts() =>
        Root.Descendants("Object").ToLookup(
            o => o.Element("ObjectTypeName")!.Value == "Link" ? "link" : "activity",
            o => string.Join(" ", o.Elements().Take(32).Select(Signature)));

    public IEnumerable<string> EntryLayouts() =>
        Root.Descendants("Entry").Where(e => e.Parent!.Name.LocalName.All(c => char.IsUpper(c) || c == '_'))
            .Select(e => e.Parent!.Name.LocalName + ": " + string.Join(" ", e.Elements().Select(f => f.Name.LocalName))).Distinct();

    public IEnumerable<string> PolicyLayouts() =>
        Runbooks.Select(p => string.Join(" ", p.Elements().Where(e => e.Name.LocalName != "Object").Select(f => f.Name.LocalName))).Distinct();

    private static string Signature(XElement field) =>
        field.Name.LocalName + ":" + (field.Attribute("datatype")?.Value ?? "table");

    private static string Unwrap(string value) => value.Replace("\\`~F/", string.Empty, StringComparison.Ordinal);
}
