using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using OrchPatch.Core.Utils;

namespace OrchPatch.Core.Orchestrator;

/// <summary>The 2012-2019 service keeps a job's parameters as one XML string:
/// <c>&lt;Data&gt;&lt;Parameter&gt;&lt;ID&gt;{guid}&lt;/ID&gt;&lt;Value&gt;v&lt;/Value&gt;&lt;/Parameter&gt;&lt;/Data&gt;</c>,
/// the ID being the runbook parameter's id in braces (docs/orchestrator-facts.md#the-web-services).</summary>
internal static class JobParametersXml
{
    /// <summary>The string for a start request. Values are escaped here; the Atom writer escapes the whole string
    /// once more as element text (entity-escaped, not CDATA, which the REST IP fails on: KB2853747).</summary>
    public static string Build(IEnumerable<KeyValuePair<Guid, string>> values) =>
        new XElement(
            "Data",
            values.Select(v => new XElement("Parameter", new XElement("ID", v.Key.ToString("B")), new XElement("Value", v.Value))))
            .ToString(SaveOptions.DisableFormatting);

    /// <summary>Reads the string. Tolerant: an ID that is not a GUID keeps its value with no id; text that is not this
    /// XML gives no values rather than failing the whole job list.</summary>
    public static IReadOnlyList<JobParameterValue> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Array.Empty<JobParameterValue>();
        }

        try
        {
            return XmlSafe.Parse(text!).Descendants("Parameter")
                .Select(p => new JobParameterValue(
                    Guid.TryParse((string?)p.Element("ID"), out var id) ? id : null,
                    null,
                    (string?)p.Element("Value") ?? string.Empty))
                .ToArray();
        }
        catch (XmlException)
        {
            return Array.Empty<JobParameterValue>();
        }
    }
}
