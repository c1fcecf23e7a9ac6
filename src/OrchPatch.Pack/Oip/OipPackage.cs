using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml;
using System.Xml.Linq;

namespace OrchPatch.Pack.Oip;

/// <summary>
/// An Integration Pack file (<c>.oip</c>): a ZIP renamed, holding the pack's <c>.CAP</c> (the XML Deployment Manager
/// registers), its <c>.MSI</c> and the EULA (docs/orchestrator-facts.md#the-integration-pack). Only what is public is read: the .CAP's
/// <c>ObjectType</c> entries (UniqueID and Name of each activity, B.5); the rest of its schema is not known.
/// </summary>
public sealed class OipPackage
{
    private OipPackage(string path, IReadOnlyList<string> entries, IReadOnlyList<CapObjectType> objectTypes, string capEntry, string capText)
    {
        Path = path;
        Entries = entries;
        ObjectTypes = objectTypes;
        CapEntry = capEntry;
        CapText = capText;
    }

    /// <summary>The .oip file.</summary>
    public string Path { get; }

    /// <summary>The names of every file inside it.</summary>
    public IReadOnlyList<string> Entries { get; }

    /// <summary>The name of the .CAP inside it.</summary>
    public string CapEntry { get; }

    /// <summary>The .CAP's text (for checks that only search it).</summary>
    public string CapText { get; }

    /// <summary>The activities the .CAP registers, in file order.</summary>
    public IReadOnlyList<CapObjectType> ObjectTypes { get; }

    /// <summary>Activity GUIDs by activity name (the first entry of a name wins).</summary>
    public IReadOnlyDictionary<string, Guid> ObjectTypesByName =>
        ObjectTypes.GroupBy(o => o.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);

    /// <summary>Opens an .oip and reads its .CAP.</summary>
    /// <param name="path">The .oip file.</param>
    /// <returns>The package.</returns>
    /// <exception cref="OipException">The file is missing, not a ZIP, has no (or more than one) .CAP, or the .CAP is not XML.</exception>
    public static OipPackage Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new OipException(path, "the file does not exist.");
        }

        try
        {
            using var zip = ZipFile.OpenRead(path);
            var entries = zip.Entries.Select(e => e.FullName).ToArray();
            var caps = zip.Entries.Where(e => e.FullName.EndsWith(".cap", StringComparison.OrdinalIgnoreCase)).ToArray();
            if (caps.Length != 1)
            {
                throw new OipException(path, $"an Integration Pack holds exactly one .CAP; this one holds {caps.Length} (files: {string.Join(", ", entries)}).");
            }

            string text;
            using (var reader = new StreamReader(caps[0].Open(), detectEncodingFromByteOrderMarks: true))
            {
                text = reader.ReadToEnd();
            }

            return new OipPackage(path, entries, ReadObjectTypes(path, caps[0].FullName, text), caps[0].FullName, text);
        }
        catch (InvalidDataException ex)
        {
            throw new OipException(path, "it is not a ZIP file (an .oip is a renamed ZIP): " + ex.Message);
        }
    }

    /// <summary>Every <c>ObjectType</c> element, wherever it is, with <c>UniqueID</c> and <c>Name</c> children (namespaces ignored).</summary>
    private static IReadOnlyList<CapObjectType> ReadObjectTypes(string path, string capName, string text)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(text);
        }
        catch (XmlException ex)
        {
            throw new OipException(path, $"its {capName} is not XML: {ex.Message}");
        }

        var result = new List<CapObjectType>();
        foreach (var element in document.Descendants().Where(e => e.Name.LocalName == "ObjectType"))
        {
            var id = element.Elements().FirstOrDefault(e => e.Name.LocalName == "UniqueID")?.Value.Trim();
            var name = element.Elements().FirstOrDefault(e => e.Name.LocalName == "Name")?.Value.Trim();
            if (id is null || name is null)
            {
                continue;
            }

            if (!Guid.TryParse(id, out var guid))
            {
                throw new OipException(path, $"its {capName} lists activity '{name}' with UniqueID '{id}', which is not a GUID.");
            }

            result.Add(new CapObjectType(guid, name));
        }

        return result;
    }
}

/// <summary>One activity a .CAP registers.</summary>
/// <param name="Id">The activity's GUID (the ObjectType runbooks use).</param>
/// <param name="Name">The activity's name.</param>
public sealed record CapObjectType(Guid Id, string Name);

/// <summary>An .oip cannot be read; the message names the file and the problem.</summary>
[Serializable]
public sealed class OipException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The .oip file.</param>
    /// <param name="problem">What is wrong with it.</param>
    public OipException(string path, string problem)
        : base($"{path}: {problem}")
    {
        FilePath = path;
    }

    /// <summary>The .oip file.</summary>
    public string FilePath { get; }
}
