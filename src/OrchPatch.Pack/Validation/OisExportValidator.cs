using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using OrchPatch.Pack.Export;
using OrchPatch.Pack.Ids;

namespace OrchPatch.Pack.Validation;

/// <summary>
/// Checks a runbook export (<c>.ois_export</c>) before it is imported: it is well-formed XML in the genuine layout; every
/// Policy and Object has its fields in Runbook Designer's order, each with a valid <c>datatype</c>; every link joins two
/// activities of its runbook; every Invoke Runbook target is in the file or named as external; every published-data
/// subscription points at an activity that runs before the subscriber, and at data it publishes where that is known.
/// </summary>
public sealed class OisExportValidator
{
    private readonly IReadOnlyCollection<string> _externalRunbooks;

    /// <summary>Creates a validator.</summary>
    /// <param name="externalRunbooks">Runbooks that may be invoked although they are not in the file: GUIDs ({...}) or paths ("Policies\Folder\Runbook").</param>
    public OisExportValidator(IEnumerable<string>? externalRunbooks = null) =>
        _externalRunbooks = (externalRunbooks ?? Array.Empty<string>()).Select(e => e.Trim()).Where(e => e.Length > 0).ToArray();

    /// <summary>Checks the export in a file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The report (problems are reported, never thrown).</returns>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public ValidationReport ValidateFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Validate(path, File.ReadAllBytes(path));
    }

    /// <summary>Checks an export held in memory.</summary>
    /// <param name="name">The name to report it under.</param>
    /// <param name="content">Its bytes.</param>
    /// <returns>The report.</returns>
    public ValidationReport Validate(string name, ReadOnlyMemory<byte> content)
    {
        ArgumentNullException.ThrowIfNull(name);
        XDocument document;
        try
        {
            using var stream = new MemoryStream(content.ToArray(), writable: false);
            document = XDocument.Load(stream, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            return new ValidationReport(name, 0, 0, new[] { new ExportProblem(name, null, null, null, "not well-formed XML: " + ex.Message) });
        }

        var problems = new ProblemList(name);
        var root = document.Root!;
        if (root.Name != "ExportData")
        {
            problems.Add(null, null, $"the root element is '{root.Name}'; a runbook export's root is 'ExportData' with no namespace.");
            return problems.Report(0, 0);
        }

        var policiesRoot = root.Element("Policies");
        if (policiesRoot is null)
        {
            problems.Add(null, null, "there is no 'Policies' element, so the file holds no runbooks.");
            return problems.Report(0, 0);
        }

        var runbooks = ExportedRunbook.ReadAll(policiesRoot, problems);
        FieldOrder.Check(runbooks, problems);
        DuplicateIds(policiesRoot, problems);
        var invokable = new InvokeTargets(runbooks, _externalRunbooks);
        foreach (var runbook in runbooks)
        {
            new RunbookGraph(runbook, invokable, problems).Check();
        }

        return problems.Report(runbooks.Count, runbooks.Sum(r => r.Objects.Count));
    }

    private static void DuplicateIds(XElement policies, ProblemList problems)
    {
        var ids = policies.Descendants()
            .Where(e => e.Name.LocalName is "Folder" or "Policy" or "Object")
            .Select(e => (Element: e, Id: e.Element("UniqueID")?.Value))
            .Where(x => x.Id is not null)
            .GroupBy(x => x.Id!, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1);
        foreach (var duplicate in ids)
        {
            problems.Add(null, null, $"the id {duplicate.Key} is used by {duplicate.Count()} elements ({string.Join(", ", duplicate.Select(d => d.Element.Name.LocalName + " '" + d.Element.Element("Name")?.Value + "'"))}); every id must be unique.");
        }
    }
}

/// <summary>Collects problems with the file name attached.</summary>
internal sealed class ProblemList
{
    private readonly string _file;
    private readonly List<ExportProblem> _problems = new();
    private readonly List<ExportProblem> _warnings = new();

    public ProblemList(string file) => _file = file;

    public void Add(ExportedRunbook? runbook, ExportedObject? obj, string message) =>
        _problems.Add(new ExportProblem(_file, runbook?.Name, obj?.Name, obj?.Id ?? runbook?.Id, message));

    /// <summary>A runbook-logic finding that would not fail an import (Runbook Designer itself writes such files).</summary>
    public void Warn(ExportedRunbook? runbook, ExportedObject? obj, string message) =>
        _warnings.Add(new ExportProblem(_file, runbook?.Name, obj?.Name, obj?.Id ?? runbook?.Id, message));

    public ValidationReport Report(int runbooks, int objects) => new(_file, runbooks, objects, _problems.ToArray(), _warnings.ToArray());
}

/// <summary>A Policy as read from the file, with its objects.</summary>
internal sealed class ExportedRunbook
{
    private ExportedRunbook(XElement element, string path)
    {
        Element = element;
        Name = element.Element("Name")?.Value ?? "(no name)";
        Id = GuidText.TryParseBraced(element.Element("UniqueID")?.Value, out var id) ? id : null;
        Path = path;
        Objects = element.Elements("Object").Select(o => new ExportedObject(o)).ToArray();
    }

    public XElement Element { get; }

    public string Name { get; }

    public Guid? Id { get; }

    /// <summary>"Policies\Folder\...\Name" relative to the exported folder's parent, as Invoke Runbook paths read.</summary>
    public string Path { get; }

    public IReadOnlyList<ExportedObject> Objects { get; }

    public static IReadOnlyList<ExportedRunbook> ReadAll(XElement policies, ProblemList problems)
    {
        var result = new List<ExportedRunbook>();
        foreach (var folder in policies.Elements("Folder"))
        {
            Walk(folder, "Policies", result, problems);
        }

        return result;
    }

    private static void Walk(XElement folder, string parentPath, List<ExportedRunbook> result, ProblemList problems)
    {
        var name = folder.Element("Name")?.Value;
        if (name is null || !GuidText.TryParseBraced(folder.Element("UniqueID")?.Value, out _))
        {
            problems.Add(null, null, $"a folder under {parentPath} lacks a Name or a braced upper-case UniqueID.");
        }

        var path = parentPath + "\\" + (name ?? "?");
        result.AddRange(folder.Elements("Policy").Select(p => new ExportedRunbook(p, path + "\\" + (p.Element("Name")?.Value ?? "?"))));
        foreach (var child in folder.Elements("Folder"))
        {
            Walk(child, path, result, problems);
        }
    }
}

/// <summary>An Object (activity or link) as read from the file.</summary>
internal sealed class ExportedObject
{
    public ExportedObject(XElement element)
    {
        Element = element;
        Name = element.Element("Name")?.Value ?? "(no name)";
        Id = GuidText.TryParseBraced(element.Element("UniqueID")?.Value, out var id) ? id : null;
        TypeName = element.Element("ObjectTypeName")?.Value ?? string.Empty;
    }

    public XElement Element { get; }

    public string Name { get; }

    public Guid? Id { get; }

    public string TypeName { get; }

    public bool IsLink => TypeName == OisFormat.Types.Link.Name;

    /// <summary>Whether it has the Integration Toolkit layout (Configuration, Properties, Filters, ExecutionData).</summary>
    public bool IsToolkit => Element.Element("ObjectTypeName")?.ElementsAfterSelf().FirstOrDefault()?.Name.LocalName == OisFormat.ToolkitFields[0];

    public string? Field(string name) => Element.Element(name)?.Value;

    public Guid? GuidField(string name) => GuidText.TryParseBraced(Field(name), out var id) ? id : null;
}
