using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Xml.Linq;

namespace OrchPatch.TestSupport.Packaging;

/// <summary>
/// Writes a stand-in for a wizard-built .oip: a ZIP with a .CAP whose ObjectType entries (UniqueID, Name) follow the
/// part of the layout that is public (docs/orchestrator-facts.md#the-integration-pack), an .MSI and a .EULA. No genuine .oip is public, so the
/// rest of the .CAP is made up and nothing may depend on it.
/// </summary>
public static class SyntheticOip
{
    public static string Create(string path, IEnumerable<(string Name, Guid Id)> activities, bool withMsi = true, bool withEula = true, string? capText = null)
    {
        var cap = capText ?? new XDocument(new XElement(
            "Cap",
            new XElement("Name", "OrchPatchIP"),
            new XElement("UniqueID", Guid.NewGuid().ToString("B").ToUpperInvariant()),
            new XElement("Version", "1.0"),
            new XElement("ObjectTypes", activities.Select(a => new XElement(
                "ObjectType",
                new XElement("UniqueID", a.Id.ToString("B").ToUpperInvariant()),
                new XElement("Name", a.Name),
                new XElement("Description", a.Name)))))).ToString();

        File.Delete(path);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        Add(zip, "OrchPatchIP.CAP", cap);
        if (withMsi)
        {
            Add(zip, "OrchPatchIP.MSI", "not a real MSI");
        }

        if (withEula)
        {
            Add(zip, "OrchPatchIP.EULA", "{\\rtf1 EULA}");
        }

        return path;
    }

    private static void Add(ZipArchive zip, string name, string text)
    {
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(Encoding.UTF8.GetBytes(text));
    }
}
