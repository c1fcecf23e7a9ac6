using System;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using NUnit.Framework;
using OrchPatch.Pack.Export;

namespace OrchPatch.Pack.Tests.Export;

/// <summary>The byte conventions of genuine exports (docs/orchestrator-facts.md#the-integration-pack), checked on the generated samples.</summary>
[TestFixture]
public sealed class OisExportWriterTests
{
    private static readonly Regex BracedUpper = new("^\\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\\}$");

    [Test]
    public void Write_Samples_Utf8WithoutBomOrDeclaration_OneLineEndingInCrLf()
    {
        var bytes = PackFixtures.Sample();
        var text = Encoding.UTF8.GetString(bytes);

        Assert.Multiple(() =>
        {
            Assert.That(bytes[0], Is.EqualTo((byte)'<'), "no byte-order mark");
            Assert.That(text, Does.StartWith("<ExportData><EncryptionSalt>"));
            Assert.That(text, Does.Not.Contain("<?xml"));
            Assert.That(text, Does.EndWith("</ExportData>\r\n"));
            Assert.That(text, Does.Not.Contain("/>"), "fields are written <X datatype=\"null\"></X>, never self-closing");
            Assert.That(Regex.IsMatch(text.TrimEnd(), ">\\s+<"), Is.False, "no line break or indentation between elements");
            Assert.That(Regex.IsMatch(text, "(?<!\r)\n(?!$)"), Is.False, "line breaks inside values are CRLF");
        });
    }

    [Test]
    public void Write_Samples_SaltIs22Base64Characters_RootHasNoNamespace()
    {
        var root = XDocument.Parse(Encoding.UTF8.GetString(PackFixtures.Sample())).Root!;

        Assert.Multiple(() =>
        {
            Assert.That(root.Name.NamespaceName, Is.Empty);
            Assert.That(root.Element("EncryptionSalt")!.Value, Does.Match("^[A-Za-z0-9+/]{22}$"));
        });
    }

    [Test]
    public void Write_Samples_EveryFieldTyped_GuidsBracedUpperCase_DatesFileTime()
    {
        var root = XDocument.Parse(Encoding.UTF8.GetString(PackFixtures.Sample())).Root!;
        var fields = root.Descendants()
            .Where(e => e.Parent?.Name.LocalName is "Policy" or "Object" or "Entry")
            .Where(e => e.Name.LocalName != "Object" && !e.HasElements && !e.Name.LocalName.All(c => char.IsUpper(c) || c == '_'))
            .ToArray();

        Assert.That(fields, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            foreach (var field in fields)
            {
                Assert.That(OisFormat.DataTypes, Does.Contain(field.Attribute("datatype")?.Value), field.Name.LocalName);
            }

            foreach (var id in root.Descendants("UniqueID").Concat(root.Descendants("ParentID")))
            {
                Assert.That(id.Value, Does.Match(BracedUpper), id.Parent!.Name.LocalName);
            }

            var expectedDate = PatchRunbookDates.FileTime.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.That(fields.Where(f => f.Attribute("datatype")!.Value == "date").Select(f => f.Value).Distinct(), Is.EqualTo(new[] { expectedDate }));
        });
    }

    [Test]
    public void Write_Samples_NestedXmlIsEscapedText_NotChildElements()
    {
        var text = Encoding.UTF8.GetString(PackFixtures.Sample());
        var root = XDocument.Parse(text).Root!;

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("<ExecutionData datatype=\"string\">&lt;ExecutionData&gt;&lt;Item&gt;"));
            Assert.That(text, Does.Contain("<Properties datatype=\"string\">&lt;ItemRoot&gt;&lt;Entry&gt;&lt;PropertyId&gt;&lt;![CDATA[\\`~F/0\\`~F/]]&gt;"));
            Assert.That(root.Descendants("ExecutionData").Concat(root.Descendants("Properties")).All(e => !e.HasElements), Is.True);
        });
    }

    [Test]
    public void Serialize_CarriageReturnsAndMarkersInValues_KeptAsTheyAre()
    {
        var element = new XElement("ScriptBody", new XAttribute("datatype", "string"), "a\r\nb \"q\" \\`d.T.~Ed/{X}.Name\\`d.T.~Ed/ <&>");

        var text = Encoding.UTF8.GetString(OisExportWriter.Serialize(element));

        Assert.That(text, Is.EqualTo("<ScriptBody datatype=\"string\">a\r\nb \"q\" \\`d.T.~Ed/{X}.Name\\`d.T.~Ed/ &lt;&amp;&gt;</ScriptBody>"));
    }
}

/// <summary>The samples' fixed date as a FILETIME.</summary>
internal static class PatchRunbookDates
{
    public static long FileTime => OrchPatch.Pack.Samples.PatchRunbookSamples.Timestamp.UtcDateTime.ToFileTimeUtc();
}
