using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using NUnit.Framework;
using OrchPatch.Pack.Wix;

namespace OrchPatch.Pack.Tests.Wix;

[TestFixture]
public sealed class WixSourceTests
{
    private static readonly XNamespace Wi = "http://schemas.microsoft.com/wix/2006/wi";

    [Test]
    public void Generate_ProductFromThePackDefinition_InstallsTheShippedFilesOnly()
    {
        using var temp = new TempDirectory();
        var assemblies = FakeAssemblies(temp);
        var product = XDocument.Parse(WixSource.Generate(PackFixtures.Pack, assemblies, temp.Path)).Root!.Element(Wi + "Product")!;
        var files = product.Descendants(Wi + "File").ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(product.Attribute("UpgradeCode")!.Value, Is.EqualTo("{1F5EC993-2949-4D5E-90A1-6D6B80B6CEB8}"));
            Assert.That(product.Attribute("Version")!.Value, Is.EqualTo(PackFixtures.Pack.Product.VersionText));
            Assert.That(product.Attribute("Name")!.Value, Is.EqualTo("OrchPatchIP"));
            Assert.That(product.Attribute("Manufacturer")!.Value, Is.EqualTo(PackFixtures.Pack.Product.Company));
            Assert.That(product.Element(Wi + "Media")!.Attribute("EmbedCab")!.Value, Is.EqualTo("yes"));
            Assert.That(product.Descendants(Wi + "Directory").Single(d => d.Attribute("Id")!.Value == "INSTALLFOLDER").Attribute("Name")!.Value, Is.EqualTo("OrchPatchIP"));
            Assert.That(files.Select(f => f.Attribute("Name")!.Value), Is.EqualTo(new[] { "OrchPatch.Activities.dll", "OrchPatch.Core.dll", "Polly.dll" }));
            Assert.That(files.Select(f => f.Attribute("Source")!.Value), Is.All.StartWith("assemblies/"), "relative to the .wxs, with '/' (wixl refuses absolute sources)");
        });
    }

    [Test]
    public void Generate_NextVersion_NewProductCode_SameComponentGuids()
    {
        using var temp = new TempDirectory();
        var assemblies = FakeAssemblies(temp);
        var next = PackFixtures.Read(json => json["product"]!["version"] = "1.0.1");

        var v1 = XDocument.Parse(WixSource.Generate(PackFixtures.Pack, assemblies, temp.Path)).Root!;
        var v2 = XDocument.Parse(WixSource.Generate(next, assemblies, temp.Path)).Root!;

        Assert.Multiple(() =>
        {
            Assert.That(Product(v2).Attribute("Id")!.Value, Is.Not.EqualTo(Product(v1).Attribute("Id")!.Value), "a new ProductCode makes it a major upgrade");
            Assert.That(Product(v2).Attribute("UpgradeCode")!.Value, Is.EqualTo(Product(v1).Attribute("UpgradeCode")!.Value));
            Assert.That(Components(v2), Is.EqualTo(Components(v1)));
            Assert.That(WixSource.ProductCode(PackFixtures.Pack).ToString("B").ToUpperInvariant(), Is.EqualTo(Product(v1).Attribute("Id")!.Value));
        });
    }

    [Test]
    public void Generate_AssemblyMissing_ListsWhatIsMissing()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("OrchPatch.Activities.dll"), "x");

        var ex = Assert.Throws<FileNotFoundException>(() => WixSource.Generate(PackFixtures.Pack, temp.Path, temp.Path))!;

        Assert.That(ex.Message, Does.StartWith(temp.Path + " lacks OrchPatch.Core.dll, Polly.dll; build the net472 assemblies first"));
    }

    [Test]
    public void ArtifactNames_AreProductAndVersion()
    {
        var v = PackFixtures.Pack.Product.VersionText;

        Assert.That(
            new[] { ArtifactNames.Msi(PackFixtures.Pack), ArtifactNames.Bundle(PackFixtures.Pack), ArtifactNames.Oip(PackFixtures.Pack), ArtifactNames.Runbooks(PackFixtures.Pack) },
            Is.EqualTo(new[] { $"OrchPatchIP-{v}.msi", $"OrchPatchIP-{v}-InvokeDotNet.zip", $"OrchPatchIP-{v}.oip", "PatchRunbook.ois_export" }));
    }

    private static XElement Product(XElement wix) => wix.Element(Wi + "Product")!;

    private static string[] Components(XElement wix) => wix.Descendants(Wi + "Component").Select(c => c.Attribute("Id")!.Value + "=" + c.Attribute("Guid")!.Value).ToArray();

    private static string FakeAssemblies(TempDirectory temp)
    {
        var directory = Directory.CreateDirectory(temp.File("assemblies")).FullName;
        foreach (var file in PackFixtures.Pack.Assembly.ShippedFiles)
        {
            File.WriteAllText(Path.Combine(directory, file), file);
        }

        return directory;
    }
}
