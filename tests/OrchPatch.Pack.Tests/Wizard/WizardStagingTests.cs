using System.IO;
using System.Linq;
using NUnit.Framework;
using OrchPatch.Pack.Definition;
using OrchPatch.Pack.Wizard;

namespace OrchPatch.Pack.Tests.Wizard;

[TestFixture]
public sealed class WizardStagingTests
{
    [Test]
    public void Stage_BuildOutput_StagesAssembliesEulaIconsAndInstructions()
    {
        using var temp = new TempDirectory();
        var pack = PackFixtures.Pack;

        var stage = WizardStaging.Stage(pack, TestPaths.Net472ActivitiesOutput, temp.Path, temp.File("OrchPatchIP.oip"));

        Assert.Multiple(() =>
        {
            Assert.That(Directory.GetFiles(Path.Combine(temp.Path, "assemblies")).Select(Path.GetFileName), Is.EquivalentTo(pack.Assembly.ShippedFiles));
            Assert.That(File.ReadAllText(temp.File("OrchPatchIP.EULA")), Is.EqualTo(pack.Product.Eula));
            Assert.That(Directory.GetFiles(Path.Combine(temp.Path, "icons"), "*.bmp"), Has.Length.EqualTo(2 * (pack.Activities.Count + 1)));
            Assert.That(File.ReadAllText(temp.File(WizardStaging.InstructionsFile)), Is.EqualTo(stage.Instructions));
            Assert.That(stage.MissingClasses, Is.SubsetOf(pack.Activities.Select(a => a.FullClassName)));
        });
    }

    [Test]
    public void Stage_Instructions_SayWhatToEnterOnEveryPage()
    {
        using var temp = new TempDirectory();
        var pack = PackFixtures.Pack;

        var text = WizardStaging.Stage(pack, TestPaths.Net472ActivitiesOutput, temp.Path, temp.File("OrchPatchIP.oip")).Instructions;

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain($"| Product name | {pack.Product.Name} |"));
            Assert.That(text, Does.Contain($"| Category name | {pack.Product.Category} |"));
            Assert.That(text, Does.Contain($"| Version | {pack.Product.VersionText} |"));
            Assert.That(text, Does.Contain($"| EULA file | {temp.File("OrchPatchIP.EULA")} |"));
            foreach (var a in pack.Activities)
            {
                Assert.That(text, Does.Contain($"| {a.FullClassName} | {a.DisplayName} | {a.Description} |"));
            }

            Assert.That(text, Does.Contain("- Add " + Path.Combine(temp.Path, "assemblies", "Polly.dll")));
            Assert.That(text, Does.Contain("Never add Microsoft.SystemCenter.Orchestrator.Integration.dll"));
            Assert.That(text, Does.Contain("- " + temp.File("OrchPatchIP.oip")));
            Assert.That(text, Does.Contain("Import Integration Pack"));
        });
    }

    [Test]
    public void Stage_AssemblyLacksTheClasses_SaysStopAndNamesThem()
    {
        using var temp = new TempDirectory();
        var elsewhere = PackFixtures.Read(json => json["assembly"]!["namespace"] = "Not.There");

        var stage = WizardStaging.Stage(elsewhere, TestPaths.Net472ActivitiesOutput, temp.Path, temp.File("x.oip"));

        Assert.Multiple(() =>
        {
            Assert.That(stage.MissingClasses, Is.EqualTo(elsewhere.Activities.Select(a => a.FullClassName)));
            Assert.That(stage.Instructions, Does.Contain("**Stop: OrchPatch.Activities.dll has no class Not.There.DrainRunbookServerActivity"));
        });
    }

    [Test]
    public void PublicTypes_AnAssembly_ListsPublicTypesOnly()
    {
        var types = AssemblyClasses.PublicTypes(typeof(PackDefinition).Assembly.Location);

        Assert.Multiple(() =>
        {
            Assert.That(types, Does.Contain("OrchPatch.Pack.Definition.PackDefinition"));
            Assert.That(types, Does.Not.Contain("OrchPatch.Pack.Export.OisExportWriter"), "internal");
        });
    }
}
