using System.Linq;
using System.Xml.Linq;

namespace OrchPatch.Simulator.Tests.Support;

/// <summary>Names and shortcuts for reading Atom in tests.</summary>
internal static class Atom
{
    public static readonly XNamespace A = "http://www.w3.org/2005/Atom";
    public static readonly XNamespace D = "http://schemas.microsoft.com/ado/2007/08/dataservices";
    public static readonly XNamespace M = "http://schemas.microsoft.com/ado/2007/08/dataservices/metadata";

    public static XElement Properties(this XElement entry) => entry.Element(A + "content")!.Element(M + "properties")!;

    public static string? Property(this XElement entry, string name) => entry.Properties().Element(D + name) is { } e && (string?)e.Attribute(M + "null") != "true" ? e.Value : null;

    public static XElement[] Entries(this XDocument feed) => feed.Root!.Elements(A + "entry").ToArray();

    public static string ODataPath(string relative) => "/Orchestrator2012/Orchestrator.svc/" + relative;
}
