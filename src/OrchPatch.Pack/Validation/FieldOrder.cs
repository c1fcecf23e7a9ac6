using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using OrchPatch.Pack.Export;

namespace OrchPatch.Pack.Validation;

/// <summary>
/// Field order and <c>datatype</c> checks: Policy fields (A.4), the 32 common Object fields (A.5), the type-specific
/// fields of the types whose layout genuine exports show, the toolkit layout, and the Entry rows of their tables.
/// Objects of other types get the common-field and datatype checks only.
/// </summary>
internal static class FieldOrder
{
    private static readonly Regex Integer = new("^-?\\d+$", RegexOptions.CultureInvariant);
    private static readonly Regex FileTime = new("^\\d+$", RegexOptions.CultureInvariant);

    public static void Check(IEnumerable<ExportedRunbook> runbooks, ProblemList problems)
    {
        foreach (var runbook in runbooks)
        {
            var children = runbook.Element.Elements().ToArray();
            var firstObject = Array.FindIndex(children, c => c.Name.LocalName == "Object");
            var fields = firstObject < 0 ? children : children.Take(firstObject).ToArray();
            if (firstObject >= 0 && children.Skip(firstObject).FirstOrDefault(c => c.Name.LocalName != "Object") is { } late)
            {
                problems.Add(runbook, null, $"the field '{late.Name.LocalName}' comes after the runbook's objects; fields come first.");
            }

            Sequence(fields, OisFormat.PolicyFields, "runbook fields", optionalTrailingTables: false, m => problems.Add(runbook, null, m));
            DataTypes(fields, m => problems.Add(runbook, null, m));
            foreach (var obj in runbook.Objects)
            {
                Object(obj, m => problems.Add(runbook, obj, m));
            }
        }
    }

    private static void Object(ExportedObject obj, Action<string> report)
    {
        var children = obj.Element.Elements().ToArray();
        var common = children.Take(OisFormat.ObjectCommonFields.Count).ToArray();
        var tail = children.Skip(OisFormat.ObjectCommonFields.Count).ToArray();
        Sequence(common, OisFormat.ObjectCommonFields, "common object fields", optionalTrailingTables: false, report);
        DataTypes(children.Where(c => !IsTable(c)), report);

        var known = OisFormat.Types.Known.FirstOrDefault(t => t.Name == obj.TypeName);
        if (known is not null)
        {
            if (obj.GuidField("ObjectType") is { } type && type != known.Id)
            {
                report($"ObjectTypeName '{known.Name}' goes with ObjectType {{{known.Id.ToString().ToUpperInvariant()}}}, not {{{type.ToString().ToUpperInvariant()}}}.");
            }

            Sequence(tail, known.Fields, $"'{known.Name}' fields", optionalTrailingTables: true, report);
        }
        else if (obj.IsToolkit)
        {
            Sequence(tail, OisFormat.ToolkitFields, "Integration Toolkit activity fields", optionalTrailingTables: false, report);
        }

        foreach (var table in tail.Where(IsTable))
        {
            Table(table, report);
        }
    }

    private static void Table(XElement table, Action<string> report)
    {
        if (table.Attribute(OisFormat.DataTypeAttribute) is not null)
        {
            report($"the table '{table.Name.LocalName}' has a datatype attribute; tables have none.");
        }

        OisFormat.Tables.EntryFields.TryGetValue(table.Name.LocalName, out var expected);
        var index = 0;
        foreach (var entry in table.Elements())
        {
            var where = $"{table.Name.LocalName} entry {++index}";
            if (entry.Name.LocalName != "Entry")
            {
                report($"{table.Name.LocalName} holds a '{entry.Name.LocalName}' element; tables hold Entry rows.");
                continue;
            }

            var fields = entry.Elements().ToArray();
            if (expected is not null)
            {
                Sequence(fields, expected, where + " fields", optionalTrailingTables: false, report);
            }

            DataTypes(fields, m => report(where + ": " + m));
        }
    }

    /// <summary>Reports the first difference between the fields found and the expected order.</summary>
    private static void Sequence(IReadOnlyList<XElement> found, IReadOnlyList<string> expected, string what, bool optionalTrailingTables, Action<string> report)
    {
        var names = found.Select(f => f.Name.LocalName).ToArray();
        var required = expected;
        if (optionalTrailingTables && names.Length < expected.Count)
        {
            // A trailing table may be absent (a link without conditions has no TRIGGERS).
            var shorter = expected.Take(names.Length).ToArray();
            if (expected.Skip(names.Length).All(IsTableName))
            {
                required = shorter;
            }
        }

        if (names.SequenceEqual(required, StringComparer.Ordinal))
        {
            return;
        }

        var missing = required.Except(names, StringComparer.Ordinal).ToArray();
        var extra = names.Except(required, StringComparer.Ordinal).ToArray();
        if (missing.Length > 0)
        {
            report($"{what}: missing {Quote(missing)}.");
        }

        if (extra.Length > 0)
        {
            report($"{what}: unexpected {Quote(extra)}.");
        }

        if (missing.Length == 0 && extra.Length == 0)
        {
            var at = Enumerable.Range(0, names.Length).First(i => names[i] != required[i]);
            report($"{what} are out of order: '{names[at]}' stands where Runbook Designer writes '{required[at]}'{(at > 0 ? " (after '" + required[at - 1] + "')" : string.Empty)}.");
        }
    }

    private static void DataTypes(IEnumerable<XElement> fields, Action<string> report)
    {
        foreach (var field in fields)
        {
            var name = field.Name.LocalName;
            var type = field.Attribute(OisFormat.DataTypeAttribute)?.Value;
            if (type is null)
            {
                report($"the field '{name}' has no datatype attribute.");
                continue;
            }

            var value = field.Value;
            var problem = type switch
            {
                "string" => null,
                "null" => value.Length == 0 ? null : "is datatype null but has a value",
                "bool" => value is "TRUE" or "FALSE" ? null : $"is datatype bool but holds '{value}' (TRUE or FALSE)",
                "int" => Integer.IsMatch(value) ? null : $"is datatype int but holds '{value}'",
                "date" => FileTime.IsMatch(value) ? null : $"is datatype date but holds '{value}' (a FILETIME, a decimal number)",
                _ => $"has datatype '{type}' (known: {string.Join(", ", OisFormat.DataTypes)})",
            };
            if (problem is not null)
            {
                report($"the field '{name}' {problem}.");
            }
        }
    }

    private static bool IsTable(XElement element) => element.HasElements || IsTableName(element.Name.LocalName);

    private static bool IsTableName(string name) => name.Length > 0 && name.All(c => char.IsUpper(c) || c == '_');

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => "'" + n + "'"));
}
