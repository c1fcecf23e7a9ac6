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
        var product = XDocument.Parse(WixSource.Generate(PackFixtures.Pack, assemblies, temp.Path, MsiTarget.Orchestrator2019)).Root!.Element(Wi + "Product")!;
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
    public void Generate_Orchestrator2019_X86ProgramFilesFolder_No64BitComponents()
    {
        using var temp = new TempDirectory();
        var wix = XDocument.Parse(WixSource.Generate(PackFixtures.Pack, FakeAssemblies(temp), temp.Path, MsiTarget.Orchestrator2019)).Root!;

        Assert.Multiple(() =>
        {
            Assert.That(ParentOfInstallFolder(wix), Is.EqualTo("ProgramFilesFolder"));
            Assert.That(wix.Descendants(Wi + "Component").Select(c => c.Attribute("Win64")), Is.All.Null);
            Assert.That(Product(wix).Element(Wi + "Package")!.Attribute("Description")!.Value, Does.EndWith("for Orchestrator 2012 to 2019 (x86)"));
        });
    }

    [Test]
    public void Generate_Orchestrator2022_ProgramFiles64Folder_EveryComponentWin64()
    {
        using var temp = new TempDirectory();
        var wix = XDocument.Parse(WixSource.Generate(PackFixtures.Pack, FakeAssemblies(temp), temp.Path, MsiTarget.Orchestrator2022)).Root!;
        var components = wix.Descendants(Wi + "Component").ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(ParentOfInstallFolder(wix), Is.EqualTo("ProgramFiles64Folder"));
            Assert.That(components, Has.Length.EqualTo(PackFixtures.Pack.Assembly.ShippedFiles.Count));
            Assert.That(components.Select(c => c.Attribute("Win64")?.Value), Is.All.EqualTo("yes"));
            Assert.That(components.SelectMany(c => c.Elements(Wi + "File")).Select(f => f.Attribute("Name")!.Value), Is.EqualTo(PackFixtures.Pack.Assembly.ShippedFiles));
            Assert.That(Product(wix).Element(Wi + "Package")!.Attribute("Description")!.Value, Does.EndWith("for Orchestrator 2022 (x64)"));
            Assert.That(Product(wix).Element(Wi + "Package")!.Attribute("Platform"), Is.Null, "wixl ignores Package/@Platform with a warning: the architecture is wixl -a x64");
        });
    }

    [Test]
    public void Generate_BothTargets_SameUpgradeCode_DifferentProductCodeAndComponentGuids()
    {
        using var temp = new TempDirectory();
        var assemblies = FakeAssemblies(temp);
        var x86 = XDocument.Parse(WixSource.Generate(PackFixtures.Pack, assemblies, temp.Path, MsiTarget.Orchestrator2019)).Root!;
        var x64 = XDocument.Parse(WixSource.Generate(PackFixtures.Pack, assemblies, temp.Path, MsiTarget.Orchestrator2022)).Root!;
        static string[] Guids(XElement wix) => wix.Descendants(Wi + "Component").Select(c => c.Attribute("Guid")!.Value).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(Product(x64).Attribute("UpgradeCode")!.Value, Is.EqualTo(Product(x86).Attribute("UpgradeCode")!.Value), "the 2022 pack replaces the 2019 one on an upgraded server");
            Assert.That(Product(x64).Attribute("Id")!.Value, Is.Not.EqualTo(Product(x86).Attribute("Id")!.Value));
            Assert.That(Product(x64).Attribute("Id")!.Value, Is.EqualTo(WixSource.ProductCode(PackFixtures.Pack, MsiTarget.Orchestrator2022).ToString("B").ToUpperInvariant()));
            Assert.That(Guids(x64).Intersect(Guids(x86)), Is.Empty, "a component installed to another folder needs its own GUID");
        });
    }

    [TestCase("2019", "Orchestrator 2012 to 2019")]
    [TestCase("2022", "Orchestrator 2022")]
    public void MsiTarget_Find_KnowsBothKeys(string key, string versions)
    {
        Assert.That(MsiTarget.Find(key)!.Versions, Is.EqualTo(versions));
    }

    [TestCase("2016")]
    [TestCase("x64")]
    [TestCase("")]
    public void MsiTarget_Find_OtherValues_Null(string key)
    {
        Assert.That(MsiTarget.Find(key), Is.Null);
    }

    [Test]
    public void Generate_NextVersion_NewProductCode_SameComponentGuids()
    {
        using var temp = new TempDirectory();
        var assemblies = FakeAssemblies(temp);
        var next = PackFixtures.Read(json => json["product"]!["version"] = "1.0.1");

        var v1 = XDocument.Parse(WixSource.Generate(PackFixtures.Pack, assemblies, temp.Path, MsiTarget.Orchestrator2019)).Root!;
        var v2 = XDocument.Parse(WixSource.Generate(next, assemblies, temp.Path, MsiTarget.Orchestrator2019)).Root!;

        Assert.Multiple(() =>
        {
            Assert.That(Product(v2).Attribute("Id")!.Value, Is.Not.EqualTo(Product(v1).Attribute("Id")!.Value), "a new ProductCode makes it a major upgrade");
            Assert.That(Product(v2).Attribute("UpgradeCode")!.Value, Is.EqualTo(Product(v1).Attribute("UpgradeCode")!.Value));
            Assert.That(Components(v2), Is.EqualTo(Components(v1)));
            Assert.That(WixSource.ProductCode(PackFixtures.Pack, MsiTarget.Orchestrator2019).ToString("B").ToUpperInvariant(), Is.EqualTo(Product(v1).Attribute("Id")!.Value));
        });
    }

    [Test]
    public void Generate_AssemblyMissing_ListsWhatIsMissing()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("OrchPatch.Activities.dll"), "x");

        var ex = Assert.Throws<FileNotFoundException>(() => WixSource.Generate(PackFixtures.Pack, temp.Path, temp.Path, MsiTarget.Orchestrator2022))!;

        Assert.That(ex.Message, Does.StartWith(temp.Path + " lacks OrchPatch.Core.dll, Polly.dll; build the net472 assemblies first"));
    }

    [Test]
    public void ArtifactNames_AreProductAndVersion()
    {
        var v = PackFixtures.Pack.Product.VersionText;

        Assert.That(
            new[]
            {
                ArtifactNames.Msi(PackFixtures.Pack, MsiTarget.Orchestrator2019), ArtifactNames.Msi(PackFixtures.Pack, MsiTarget.Orchestrator2022),
                ArtifactNames.Bundle(PackFixtures.Pack),
                ArtifactNames.Oip(PackFixtures.Pack, MsiTarget.Orchestrator2019), ArtifactNames.Oip(PackFixtures.Pack, MsiTarget.Orchestrator2022),
                ArtifactNames.Runbooks(PackFixtures.Pack),
            },
            Is.EqualTo(new[]
            {
                $"OrchPatchIP-{v}-SCO2012-2019.msi", $"OrchPatchIP-{v}-SCO2022.msi", $"OrchPatchIP-{v}-InvokeDotNet.zip",
                $"OrchPatchIP-{v}-SCO2012-2019.oip", $"OrchPatchIP-{v}-SCO2022.oip", "PatchRunbook.ois_export",
            }));
    }

    private static XElement Product(XElement wix) => wix.Element(Wi + "Product")!;

    private static string ParentOfInstallFolder(XElement wix) =>
        wix.Descendants(Wi + "Directory").Single(d => d.Attribute("Id")!.Value == "INSTALLFOLDER").Parent!.Attribute("Id")!.Value;

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
