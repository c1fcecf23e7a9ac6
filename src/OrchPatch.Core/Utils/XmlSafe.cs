using System.IO;
using System.Xml;
using System.Xml.Linq;

namespace OrchPatch.Core.Utils;

/// <summary>XML from outside, parsed without DTDs or external resolution (no entity expansion, no file or URL reads).</summary>
internal static class XmlSafe
{
    private static readonly XmlReaderSettings Settings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };

    /// <exception cref="XmlException">The text is not well-formed XML, or it has a DTD.</exception>
    public static XDocument Parse(string text)
    {
        using var reader = XmlReader.Create(new StringReader(text), Settings);
        return XDocument.Load(reader);
    }
}
