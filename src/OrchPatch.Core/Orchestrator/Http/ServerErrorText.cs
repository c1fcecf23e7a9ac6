using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using OrchPatch.Core.Utils;
using OrchPatch.Core.Utils.Json;

namespace OrchPatch.Core.Orchestrator;

/// <summary>The readable part of an error body, for a message: the OData error's message (Atom or JSON), an ASP.NET
/// problem's title, or the start of plain text. One line, shortened, scrubbed of secrets.</summary>
internal static class ServerErrorText
{
    private const int MaxLength = 300;

    public static string Describe(string body, IEnumerable<string?> secrets)
    {
        var text = body.TrimStart();
        var message = text.StartsWith("<", StringComparison.Ordinal) ? FromXml(text)
            : text.StartsWith("{", StringComparison.Ordinal) ? FromJson(text)
            : null;
        var line = string.Join(" ", (message ?? text).Split(new[] { '\r', '\n', '\t' }, StringSplitOptions.RemoveEmptyEntries)).Trim();
        if (line.Length > MaxLength)
        {
            line = line.Substring(0, MaxLength) + "…";
        }

        return Redaction.Scrub(line, secrets);
    }

    private static string? FromXml(string text)
    {
        try
        {
            var document = XmlSafe.Parse(text);
            var message = document.Descendants().FirstOrDefault(e => e.Name.LocalName == "message");
            return message?.Value ?? (document.Root?.Name.LocalName is "html" ? document.Descendants().FirstOrDefault(e => e.Name.LocalName == "title")?.Value : null);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static string? FromJson(string text)
    {
        try
        {
            var root = JsonReader.Parse(text) as JsonObject;
            var error = root is not null && root.TryGetValue("error", out var inner) && inner is JsonObject e ? e : root;
            if (error is null)
            {
                return null;
            }

            foreach (var key in new[] { "message", "title", "detail" })
            {
                if (error.TryGetValue(key, out var value) && value is string s)
                {
                    return s;
                }

                if (value is JsonObject nested && nested.TryGetValue("value", out var v) && v is string nestedText)
                {
                    return nestedText;
                }
            }

            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
