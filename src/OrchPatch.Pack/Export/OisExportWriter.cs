using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using OrchPatch.Pack.Ids;

namespace OrchPatch.Pack.Export;

/// <summary>
/// Writes an <see cref="ExportFolder"/> as a runbook export in the byte conventions of genuine Runbook Designer files
/// (docs/orchestrator-facts.md#the-integration-pack): UTF-8 without BOM, no XML declaration, one line, a <c>datatype</c> on every field, braced
/// upper-case GUIDs, FILETIME dates, nested XML as escaped text, and the field orders of <see cref="OisFormat"/>.
/// Deterministic: the same folder always gives the same bytes.
/// </summary>
internal sealed class OisExportWriter
{
    private readonly long _fileTime;

    /// <param name="timestamp">The creation and modification time written on every runbook and object.</param>
    public OisExportWriter(DateTimeOffset timestamp) => _fileTime = timestamp.UtcDateTime.ToFileTimeUtc();

    /// <summary>The file's bytes: the one-line document and the line break genuine exports end with.</summary>
    public byte[] Write(ExportFolder folder)
    {
        var root = new XElement(
            "ExportData",
            new XElement("EncryptionSalt", Salt(folder.Id)),
            new XElement("Policies", Folder(folder)));
        return Serialize(root).Concat(FinalLineBreak).ToArray();
    }

    private static readonly byte[] FinalLineBreak = { (byte)'\r', (byte)'\n' };

    /// <summary>Serializes XML the way the Designer does: no declaration, no indentation, line breaks in values kept as they are.</summary>
    internal static byte[] Serialize(XElement element)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, Settings))
        {
            element.WriteTo(writer);
        }

        return stream.ToArray();
    }

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        OmitXmlDeclaration = true,
        Indent = false,
        NewLineHandling = NewLineHandling.None,
        ConformanceLevel = ConformanceLevel.Fragment,
    };

    /// <summary>22 base64 characters (16 bytes, '=' stripped) as in genuine files; derived from the folder so it is stable. No value here is encrypted.</summary>
    private static string Salt(Guid folderId) =>
        Convert.ToBase64String(SHA256.HashData(folderId.ToByteArray()).AsSpan(0, 16)).TrimEnd('=');

    private XElement Folder(ExportFolder folder) =>
        new(
            "Folder",
            new XElement("UniqueID", GuidText.Format(folder.Id)),
            new XElement("Name", folder.Name),
            folder.Runbooks.Select(r => Policy(r, folder.Id)));

    private XElement Policy(Runbook runbook, Guid folderId)
    {
        var fields = Stamped(runbook.Id);
        fields["Name"] = Field.String("Name", runbook.Name);
        fields["ParentID"] = Field.Id("ParentID", folderId);
        foreach (var field in new Dictionary<string, XElement>(StringComparer.Ordinal)
        {
            ["Enabled"] = Field.Bool("Enabled", false),
            ["Published"] = Field.Bool("Published", false),
            ["UsePreferredServers"] = Field.Bool("UsePreferredServers", false),
            ["LogCommonData"] = Field.Bool("LogCommonData", false),
            ["LogSpecificData"] = Field.Bool("LogSpecificData", false),
            ["Description"] = Field.Text("Description", runbook.Description),
            ["NotifyOnFail"] = Field.Bool("NotifyOnFail", false),
            ["MaxParallelRequests"] = Field.Int("MaxParallelRequests", 1),
            ["RunInPipelineMode"] = Field.Bool("RunInPipelineMode", true),
            ["PreferredServers"] = Field.String("PreferredServers", string.Empty),
        })
        {
            fields[field.Key] = field.Value;
        }

        return new XElement(
            "Policy",
            InOrder(OisFormat.PolicyFields, fields),
            runbook.Activities.Select(a => Activity(a, runbook.Id)),
            runbook.Links.Select(l => Link(l, runbook.Id)));
    }

    private XElement Activity(RunbookActivity activity, Guid runbookId)
    {
        var (type, typeName, tail) = activity switch
        {
            InitializeData init => (OisFormat.Types.CustomStart.Id, OisFormat.Types.CustomStart.Name, InitializeDataFields(init)),
            InvokeRunbook invoke => (OisFormat.Types.TriggerPolicy.Id, OisFormat.Types.TriggerPolicy.Name, InvokeFields(invoke)),
            RunScript script => (OisFormat.Types.RunDotNetScript.Id, OisFormat.Types.RunDotNetScript.Name, ScriptFields(script)),
            Junction junction => (OisFormat.Types.Junction.Id, OisFormat.Types.Junction.Name, JunctionFields(junction)),
            ToolkitActivity toolkit => (toolkit.ObjectType, toolkit.TypeName, ToolkitFields(toolkit)),
            _ => throw new InvalidOperationException("Bug in OrchPatch: no export layout for " + activity.GetType().Name + "."),
        };

        var common = Common(activity.Id, runbookId, activity.Name, activity.Description, type, typeName);
        common["PositionX"] = Field.Int("PositionX", activity.Position.X);
        common["PositionY"] = Field.Int("PositionY", activity.Position.Y);
        common["ASW_NotifyOnFail"] = Field.Bool("ASW_NotifyOnFail", false);
        common["Flatten"] = Field.Bool("Flatten", activity is ToolkitActivity { Flatten: true });
        common["FlatUseLineBreak"] = Field.Bool("FlatUseLineBreak", false);
        common["FlatUseCSV"] = Field.Bool("FlatUseCSV", false);
        common["FlatUseCustomSep"] = Field.Bool("FlatUseCustomSep", true);
        common["FlatCustomSep"] = Field.String("FlatCustomSep", ",");
        return new XElement("Object", InOrder(OisFormat.ObjectCommonFields, common), tail);
    }

    private XElement Link(RunbookLink link, Guid runbookId)
    {
        var common = Common(link.Id, runbookId, link.Name, null, OisFormat.Types.Link.Id, OisFormat.Types.Link.Name);
        var triggers = new XElement(
            OisFormat.Tables.Triggers,
            link.Conditions.Select(c => Entry(
                OisFormat.Tables.Triggers,
                Field.Id("UniqueID", c.Id),
                Field.Id("ParentID", link.Id),
                Field.String("Type", c.Include ? "trigger" : "donottrigger"),
                Field.Text("Condition", c.Comparison),
                Field.String("Data", c.Data),
                Field.String("Value", c.Value),
                Field.Null("GroupID"))));
        return new XElement(
            "Object",
            InOrder(OisFormat.ObjectCommonFields, common),
            Field.Id("SourceObject", link.Source),
            Field.Id("TargetObject", link.Target),
            Field.Int("Color", link.Color),
            Field.Int("WaitDelay", 0),
            Field.Null("SubPoints"),
            Field.Null("And"),
            Field.Null("Label"),
            Field.Int("Width", 1),
            triggers);
    }

    /// <summary>The 32 common fields with the values genuine exports have for activities and links alike; callers override some.</summary>
    private Dictionary<string, XElement> Common(Guid id, Guid runbookId, string name, string? description, Guid type, string typeName)
    {
        var fields = Stamped(id);
        fields["ParentID"] = Field.Id("ParentID", runbookId);
        fields["Name"] = Field.String("Name", name);
        fields["Description"] = Field.Text("Description", description);
        fields["ObjectType"] = Field.Id("ObjectType", type);
        fields["Enabled"] = Field.Bool("Enabled", true);
        fields["Number"] = Field.Int("Number", 0);
        fields["ObjectTypeName"] = Field.String("ObjectTypeName", typeName);
        return fields;
    }

    /// <summary>What every runbook and object carries: its id, the fixed creation and modification stamps, not deleted.</summary>
    private Dictionary<string, XElement> Stamped(Guid id) =>
        new(StringComparer.Ordinal)
        {
            ["UniqueID"] = Field.Id("UniqueID", id),
            ["CreationTime"] = Field.Date("CreationTime", _fileTime),
            ["CreatedBy"] = Field.String("CreatedBy", string.Empty),
            ["LastModified"] = Field.Date("LastModified", _fileTime),
            ["LastModifiedBy"] = Field.String("LastModifiedBy", string.Empty),
            ["Deleted"] = Field.Bool("Deleted", false),
        };

    private static IEnumerable<XElement> InitializeDataFields(InitializeData init)
    {
        yield return new XElement(
            OisFormat.Tables.CustomStartParameters,
            init.Parameters.Select(p => Entry(
                OisFormat.Tables.CustomStartParameters,
                Field.Id("UniqueID", p.Id),
                Field.Id("ParentID", init.Id),
                Field.String("Value", p.Name),
                Field.String("Type", "String"),
                Field.Text("ParameterDescription", p.Description),
                Field.Null("GroupID"))));
    }

    private static IEnumerable<XElement> InvokeFields(InvokeRunbook invoke)
    {
        yield return Field.Id("PolicyObjectID", invoke.Target);
        yield return Field.String("PolicyPath", invoke.TargetPath);
        yield return Field.Bool("TriggerByPolicyPath", false);
        yield return Field.Text("TargetActionServers", invoke.TargetServers);
        yield return Field.Bool("WaitToComplete", invoke.WaitForCompletion);
        yield return new XElement(
            OisFormat.Tables.TriggerPolicyParameters,
            invoke.Parameters.Select(p => Entry(
                OisFormat.Tables.TriggerPolicyParameters,
                Field.Id("UniqueID", p.Id),
                Field.Id("ParentID", invoke.Id),
                Field.Id("Parameter", p.Parameter),
                Field.String("Value", p.Value),
                Field.Null("GroupID"),
                Field.String("ParameterName", p.ParameterName))));
    }

    /// <summary>A PowerShell Run .Net Script; its ExecutionData is the one item every genuine PowerShell script carries.</summary>
    private static IEnumerable<XElement> ScriptFields(RunScript script)
    {
        yield return Field.String("ScriptType", "PowerShell");
        yield return Field.String("ScriptBody", script.Script);
        yield return Field.Null("Dependencies");
        yield return Field.Null("Namespaces");
        yield return Field.Nested("ExecutionData", ExecutionDataXml(new[] { new ExecutionDataItem("ScriptType", "String", "C#") }, id => id == "ScriptType" ? "Script Language" : id));
        yield return Field.Null("PublishedData");
    }

    private static IEnumerable<XElement> JunctionFields(Junction junction)
    {
        yield return Field.Text("SelectedBranch", junction.Branch is { } branch ? OisFormat.BranchMarker + GuidText.Format(branch) + OisFormat.BranchMarker : null);
    }

    /// <summary>
    /// The toolkit layout: <c>Configuration</c> (the connection entry's name), <c>Properties</c> (the inputs given a value,
    /// each part wrapped in <c>\`~F/</c> inside CDATA), <c>Filters</c> (none) and <c>ExecutionData</c>. Properties with no
    /// entry is written as null, as Filters is when no filter is set [unconfirmed for Properties].
    /// </summary>
    private static IEnumerable<XElement> ToolkitFields(ToolkitActivity toolkit)
    {
        yield return Field.String("Configuration", toolkit.Configuration);
        yield return toolkit.Properties.Count == 0
            ? Field.Null("Properties")
            : Field.Nested("Properties", new XElement("ItemRoot", toolkit.Properties.Select(p => new XElement(
                "Entry",
                Wrapped("PropertyId", "0"),
                Wrapped("PropertyName", p.Name),
                Wrapped("PropertyType", p.Kind.ToString(CultureInfo.InvariantCulture)),
                Wrapped("PropertyValue", p.Value)))));
        yield return Field.Null("Filters");
        yield return Field.Nested("ExecutionData", ExecutionDataXml(toolkit.ExecutionData, id => id));
    }

    private static XElement Wrapped(string name, string value) => new(name, new XCData(OisFormat.FieldMarker + value + OisFormat.FieldMarker));

    private static XElement ExecutionDataXml(IEnumerable<ExecutionDataItem> items, Func<string, string> text) =>
        new(
            "ExecutionData",
            items.Select(i => new XElement(
                "Item",
                new XElement("Description", i.Description),
                new XElement("Hint", string.Empty),
                new XElement("ID", i.Id),
                new XElement("Text", text(i.Id)),
                new XElement("Type", i.Type))));

    private static XElement Entry(string table, params XElement[] fields)
    {
        var expected = OisFormat.Tables.EntryFields[table];
        if (!fields.Select(f => f.Name.LocalName).SequenceEqual(expected))
        {
            throw new InvalidOperationException($"Bug in OrchPatch: {table} entry fields out of order.");
        }

        return new XElement("Entry", fields);
    }

    /// <summary>Emits every field of <paramref name="order"/> in that order: a value given, else a null field.</summary>
    private static IEnumerable<XElement> InOrder(IReadOnlyList<string> order, IReadOnlyDictionary<string, XElement> values)
    {
        var unknown = values.Keys.Except(order, StringComparer.Ordinal).ToArray();
        if (unknown.Length > 0)
        {
            throw new InvalidOperationException("Bug in OrchPatch: fields outside the export format: " + string.Join(", ", unknown) + ".");
        }

        return order.Select(name => values.TryGetValue(name, out var value) ? value : Field.Null(name));
    }

    /// <summary>Field elements with their <c>datatype</c>.</summary>
    private static class Field
    {
        public static XElement String(string name, string value) => Typed(name, "string", value);

        /// <summary>A string when there is text, else a null field (descriptions, optional values).</summary>
        public static XElement Text(string name, string? value) => value is null ? Null(name) : String(name, value);

        public static XElement Id(string name, Guid value) => String(name, GuidText.Format(value));

        public static XElement Int(string name, int value) => Typed(name, "int", value.ToString(CultureInfo.InvariantCulture));

        public static XElement Bool(string name, bool value) => Typed(name, "bool", value ? "TRUE" : "FALSE");

        public static XElement Date(string name, long fileTime) => Typed(name, "date", fileTime.ToString(CultureInfo.InvariantCulture));

        public static XElement Null(string name) => Typed(name, "null", string.Empty);

        /// <summary>Nested XML stored as escaped text, as the Designer stores ExecutionData and Properties.</summary>
        public static XElement Nested(string name, XElement value) => String(name, Encoding.UTF8.GetString(Serialize(value)));

        /// <summary>Empty text (not a self-closing element): genuine files write <c>&lt;X datatype="null"&gt;&lt;/X&gt;</c>.</summary>
        private static XElement Typed(string name, string dataType, string value) =>
            new(name, new XAttribute(OisFormat.DataTypeAttribute, dataType), value);
    }
}
