using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using OrchPatch.Simulator.Runtime;

namespace OrchPatch.Simulator.Wire;

/// <summary>A job's parameter values in the two wire forms: the legacy XML string
/// <c>&lt;Data&gt;&lt;Parameter&gt;&lt;ID&gt;{guid}&lt;/ID&gt;&lt;Value&gt;v&lt;/Value&gt;&lt;/Parameter&gt;&lt;/Data&gt;</c>
/// (section 1.4), and the 2022 API's array of {Name, Value}.</summary>
internal static class JobParameters
{
    public static string? ToXml(SimJob job) =>
        job.Parameters.Count == 0
            ? null
            : new XElement(
                "Data",
                job.Parameters.Select(p => new XElement("Parameter", new XElement("ID", "{" + EdmText.Guid(p.Parameter.Id) + "}"), new XElement("Value", p.Value))))
                .ToString(SaveOptions.DisableFormatting);

    public static IReadOnlyList<KeyValuePair<string, string>>? ToNameValues(SimJob job) =>
        job.Parameters.Count == 0 ? null : job.Parameters.Select(p => new KeyValuePair<string, string>(p.Parameter.Name, p.Value)).ToList();

    /// <summary>Reads the legacy XML string (entity-escaped or CDATA on the wire; the Atom reader has unwrapped it).</summary>
    /// <exception cref="WireException">400: malformed, or a parameter is not an In-parameter of the runbook.</exception>
    public static IReadOnlyList<SimParameterValue> FromXml(string? text, SimRunbook runbook)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Array.Empty<SimParameterValue>();
        }

        XElement data;
        try
        {
            // DTDs prohibited, as for the Atom body around it: an entity expansion ("billion laughs") in a 3 KB
            // request would otherwise be stored as megabytes of parameter value.
            using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            data = XElement.Load(reader, LoadOptions.None);
        }
        catch (XmlException ex)
        {
            throw WireException.BadRequest($"The job's Parameters are not the XML <Data><Parameter><ID>{{guid}}</ID><Value>...</Value></Parameter></Data>: {ex.Message}");
        }

        if (data.Name.LocalName != "Data")
        {
            throw WireException.BadRequest($"The job's Parameters must be a <Data> element; got <{data.Name.LocalName}>.");
        }

        var values = new List<SimParameterValue>();
        foreach (var element in data.Elements())
        {
            if (element.Name.LocalName != "Parameter")
            {
                throw WireException.BadRequest($"The job's Parameters may hold <Parameter> elements only; got <{element.Name.LocalName}>.");
            }

            var idText = element.Element("ID")?.Value.Trim();
            var value = element.Element("Value");
            if (idText is null || !Guid.TryParse(idText.Trim('{', '}'), out var id))
            {
                throw WireException.BadRequest($"A <Parameter> of the job has no valid <ID> (a GUID in braces): '{idText}'.");
            }

            if (value is null)
            {
                throw WireException.BadRequest($"The <Parameter> {{{id}}} has no <Value> (an empty <Value/> passes an empty string).");
            }

            var parameter = runbook.InParameters.FirstOrDefault(p => p.Id == id)
                ?? throw WireException.BadRequest(new UnknownParameterException(runbook, "{" + EdmText.Guid(id) + "}").Message);
            if (values.Any(v => v.Parameter == parameter))
            {
                throw WireException.BadRequest($"The parameter {{{id}}} ({parameter.Name}) is given twice.");
            }

            values.Add(new SimParameterValue(parameter, value.Value));
        }

        return values;
    }
}
