using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json.Nodes;
using NUnit.Framework;
using OrchPatch.Activities;
using OrchPatch.Pack.Definition;

namespace OrchPatch.Pack.Tests.Definition;

[TestFixture]
public sealed class PackDefinitionReaderTests
{
    [Test]
    public void Read_RepositoryPackFolder_HasTheActivityContract()
    {
        var pack = PackFixtures.Pack;

        Assert.Multiple(() =>
        {
            Assert.That(pack.Product.Category, Is.EqualTo("Orchestrator Patching"));
            Assert.That(pack.Assembly.File, Is.EqualTo("OrchPatch.Activities.dll"));
            Assert.That(pack.Activities.Select(a => a.FullClassName), Is.EqualTo(new[]
            {
                "OrchPatch.Activities.DrainRunbookServerActivity",
                "OrchPatch.Activities.RestoreRunbookServerActivity",
                "OrchPatch.Activities.RelocateJobsActivity",
                "OrchPatch.Activities.GetRunbookServerStatusActivity",
            }));
            Assert.That(pack.Activity("Drain Runbook Server").Inputs.Select(i => i.Name), Is.EqualTo(new[]
            {
                "Runbook Server", "Deadline (minutes)", "Deadline Policy", "Restartable Runbooks", "Minimum Runbook Servers", "Reason",
            }));
            Assert.That(pack.Activity("Drain Runbook Server").Input("Deadline Policy").Options, Is.EqualTo(new[] { "Fail", "Wait", "Relocate", "Cancel" }));
            Assert.That(pack.Activity("Get Runbook Server Status").Output("Other Runbook Servers").Correlated, Is.False, "no correlated rows: their declarative shape has no public evidence");
            Assert.That(pack.Samples.WaitRunbookParameters, Is.EqualTo(new[] { "Server", "PreviousMaxJobs", "Owner", "StartedAt", "Reason" }));
        });
    }

    [Test]
    public void Read_RepositoryPackFolder_SharesTheConnectionContractWithTheActivities()
    {
        var pack = PackFixtures.Pack;

        Assert.Multiple(() =>
        {
            Assert.That(pack.Configuration.Name, Is.EqualTo(ConnectionNames.DisplayName));
            Assert.That(pack.Samples.WaitRunbookPath, Is.EqualTo(ConnectionNames.DefaultWaitRunbookPath));
            Assert.That(pack.Assembly.Namespace, Is.EqualTo(typeof(ConnectionNames).Namespace));
        });
    }

    [Test]
    public void Version_AssembliesOfTheBuild_CarryThePackVersion()
    {
        // Directory.Build.props reads the version from oip/pack.json: the pack's version is written once.
        var informational = typeof(OrchestratorPatchingConnection).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        Assert.That(informational, Does.StartWith(PackFixtures.Pack.Product.VersionText));
    }

    [Test]
    public void LoadEmbedded_CopyBuiltIntoTheAssembly_IsTheRepositorysOipFolder()
    {
        foreach (var file in new[] { "pack.json", "eula.rtf", "runbooks/run-patch.ps1", "runbooks/wait-forever.ps1", "runbooks/fail-after-restore.ps1" })
        {
            Assert.That(PackFiles.Embedded.TryReadText(file, out var embedded), Is.True, file);
            Assert.That(embedded, Is.EqualTo(File.ReadAllText(Path.Combine(TestPaths.PackFolder, file))), file);
        }

        Assert.That(PackDefinition.LoadEmbedded().Product.UpgradeCode, Is.EqualTo(PackFixtures.Pack.Product.UpgradeCode));
    }

    [Test]
    public void Read_ManyBadFields_ListsEveryOneWithItsPath()
    {
        var files = PackFixtures.Edited(json =>
        {
            json["product"]!["version"] = "1.0";
            json["product"]!["upgradeCode"] = "{1f5ec993-2949-4d5e-90a1-6d6b80b6ceb8}";
            json["product"]!["eula"] = "missing.rtf";
            json["product"]!["icon"]!["color"] = "#000000";
            var activities = json["activities"]!.AsArray();
            activities[1]!["objectType"] = activities[0]!["objectType"]!.GetValue<string>();
            activities[0]!["displayname"] = "typo";
            activities[0]!["inputs"]![2]!["default"] = "Later";
            activities[0]!["inputs"]![1]!["default"] = "thirty";
            json["samples"]!["runbooks"]!["waitRunbook"] = @"4\WaitRunbook";
        });

        var ex = Assert.Throws<PackDefinitionException>(() => PackDefinitionReader.Read(files))!;

        Assert.Multiple(() =>
        {
            Assert.That(ex.Message, Does.StartWith("The pack definition in memory is invalid:" + Environment.NewLine + "  "));
            Assert.That(ex.Errors, Has.Some.StartWith("product.version: must be major.minor.build"));
            Assert.That(ex.Errors, Has.Some.StartWith("product.upgradeCode: must be a non-empty GUID in upper case with braces"));
            Assert.That(ex.Errors, Has.Some.EqualTo("product.eula: the file 'missing.rtf' does not exist in memory."));
            Assert.That(ex.Errors, Has.Some.StartWith("product.icon.color: must not be pure black"));
            Assert.That(ex.Errors, Has.Some.StartWith("activities: objectType '{D3B0BA03-24CD-4535-9014-D5C257EE2CDF}' appears 2 times"));
            Assert.That(ex.Errors, Has.Some.StartWith("activities[0].displayname: unknown field"));
            Assert.That(ex.Errors, Has.Some.EqualTo("activities[0].inputs[2].default: must be one of the options (Fail, Wait, Relocate, Cancel); got 'Later'."));
            Assert.That(ex.Errors, Has.Some.EqualTo("activities[0].inputs[1].default: must be a whole number for an int input; got 'thirty'."));
            Assert.That(ex.Errors, Has.Some.StartWith("samples.runbooks.waitRunbook: is one part of a runbook path"));
            Assert.That(ex.Errors, Has.Count.EqualTo(9));
        });
    }

    [TestCase("product", "name", Description = "a required field")]
    [TestCase("configuration", "sampleEntryName", Description = "the connection entry of the samples")]
    [TestCase("samples", "idNamespace", Description = "the namespace of the samples' ids")]
    public void Read_RequiredFieldMissing_NamesIt(string section, string field)
    {
        var files = PackFixtures.Edited(json => json[section]!.AsObject().Remove(field));

        var ex = Assert.Throws<PackDefinitionException>(() => PackDefinitionReader.Read(files))!;

        Assert.That(ex.Errors, Is.EqualTo(new[] { $"{section}.{field}: is required." }));
    }

    [Test]
    public void Read_IconPatternWithAStrayCharacter_IsRefused()
    {
        var files = PackFixtures.Edited(json =>
        {
            var pattern = json["activities"]![3]!["icon"]!["pattern"]!.AsArray();
            pattern[0] = "...............x";
        });

        var ex = Assert.Throws<PackDefinitionException>(() => PackDefinitionReader.Read(files))!;

        Assert.That(ex.Errors, Is.EqualTo(new[] { "activities[3].icon.pattern: may use only '.' (transparent), '#' (the colour) and '+' (light accent)." }));
    }

    [Test]
    public void Read_ShippedFileAlsoInNeverShip_IsRefused()
    {
        var files = PackFixtures.Edited(json => json["assembly"]!["dependencies"]!.AsArray().Add("Microsoft.SystemCenter.Orchestrator.Integration.dll"));

        var ex = Assert.Throws<PackDefinitionException>(() => PackDefinitionReader.Read(files))!;

        Assert.That(ex.Errors, Is.EqualTo(new[] { "assembly: 'Microsoft.SystemCenter.Orchestrator.Integration.dll' is both shipped and listed in neverShip." }));
    }

    [Test]
    public void Read_NotJson_SaysWhere()
    {
        var files = InMemoryPackFiles.CopyOf(TestPaths.PackFolder);
        files.Files["pack.json"] = "{ \"product\": ";

        var ex = Assert.Throws<PackDefinitionException>(() => PackDefinitionReader.Read(files))!;

        Assert.That(ex.Errors.Single(), Does.StartWith("pack.json: not valid JSON (line 1)"));
    }

    [Test]
    public void Read_NoPackJson_SaysSo()
    {
        var ex = Assert.Throws<PackDefinitionException>(() => PackDefinitionReader.Read(new InMemoryPackFiles()))!;

        Assert.That(ex.Message, Is.EqualTo("The pack definition in memory is invalid:" + Environment.NewLine + "  pack.json: the file is missing."));
    }

    [Test]
    public void Read_ValidEdit_IsTakenAsWritten()
    {
        var pack = PackFixtures.Read(json => json["product"]!["version"] = "2.3.4");

        Assert.That(pack.Product.VersionText, Is.EqualTo("2.3.4"));
    }

    [Test]
    public void Activity_UnknownName_ListsTheKnownOnes()
    {
        var ex = Assert.Throws<System.Collections.Generic.KeyNotFoundException>(() => PackFixtures.Pack.Activity("Drain Server"))!;

        Assert.That(ex.Message, Does.Contain("no activity named 'Drain Server'").And.Contain("Drain Runbook Server, Restore Runbook Server"));
    }
}
