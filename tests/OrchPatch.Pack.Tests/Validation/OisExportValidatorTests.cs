using System;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using NUnit.Framework;
using OrchPatch.Pack.Validation;
using static OrchPatch.Pack.Tests.Samples.ExportReader;

namespace OrchPatch.Pack.Tests.Validation;

[TestFixture]
public sealed class OisExportValidatorTests
{
    [Test]
    public void ValidateFile_EveryGenuineExport_HasNoProblem()
    {
        // Read in place: genuine exports are never copied into the repository.
        var files = System.IO.Directory.GetFiles(TestPaths.GenuineSamples, "*.ois_export");

        Assert.That(files, Is.Not.Empty);
        foreach (var file in files)
        {
            var report = new OisExportValidator().ValidateFile(file);
            Assert.That(report.Problems.Select(p => p.ToString()), Is.Empty, file);
        }
    }

    [Test]
    public void ValidateFile_GenuineExampleExport_Passes()
    {
        var report = new OisExportValidator().ValidateFile(TestPaths.GenuineExample);

        Assert.That(report.Problems, Is.Empty);
        Assert.That((report.Runbooks, report.Objects), Is.EqualTo((5, 86)));
    }

    [Test]
    public void ValidateFile_GenuineDeployVmExport_Passes_WarningOfItsTwoSubscriptionsToActivitiesThatRunLater()
    {
        // Genuinely wrong in the file as published: "Run .Net Script" uses "VM Name" of "Create VM From Template", which
        // runs after it, and the disabled "Send Email" uses "LineText" of "Read Line", which is on another branch.
        var report = new OisExportValidator().ValidateFile(TestPaths.GenuineDeployVm);

        Assert.That((report.Runbooks, report.Objects), Is.EqualTo((5, 79)));
        Assert.That(report.Problems, Is.Empty, "Runbook Designer wrote it; it imports");
        Assert.That(report.AllWarnings.Select(p => p.ToString()), Is.EqualTo(new[]
        {
            TestPaths.GenuineDeployVm + ": runbook 'Deploy VMs', 'Run .Net Script' {1AE37FBB-980C-4A3F-9F65-6168E77261FF}: subscribes to 'VM Name' of 'Create VM From Template' {54A0C92C-8A9D-48EF-8CA0-24CFC79E42D8}, which does not run before it (no chain of links leads from it here).",
            TestPaths.GenuineDeployVm + ": runbook 'Deploy VMs', 'Send Email' {84DB943D-0308-4249-B59D-BF30ABCDC90D}: subscribes to 'LineText' of 'Read Line' {A9E4BF1D-953E-42B7-B970-60E333BAB47D}, which does not run before it (no chain of links leads from it here).",
        }));
    }

    [Test]
    public void Validate_DanglingLink_NamesTheLinkAndTheMissingTarget()
    {
        var missing = Guid.NewGuid();
        var problems = Seeded(root =>
        {
            var link = Links(Runbook(root, "3: PatchServer")).First();
            link.Element("TargetObject")!.Value = Braced(missing);
            return link;
        }, out var seeded);

        // The broken link also cuts the chain the later activities' subscriptions rely on; those are warnings only.
        Assert.That(problems.Single(), Is.EqualTo($"sample: runbook '3: PatchServer', '{Name(seeded)}' {Id(seeded)}: its target {Braced(missing)} is not an activity of this runbook (a dangling link)."));
    }

    [Test]
    public void Validate_SubscriptionToAMissingActivity_IsReported()
    {
        var ghost = Guid.NewGuid();
        var problems = Seeded(root =>
        {
            var invoke = Object(Runbook(root, "1: Patch Orchestrator"), "Patch this server last");
            invoke.Element("TargetActionServers")!.Value = "\\`d.T.~Ed/" + Braced(ghost) + ".Other Runbook Servers\\`d.T.~Ed/";
            return invoke;
        }, out var seeded);

        Assert.That(problems, Is.EqualTo(new[] { $"sample: runbook '1: Patch Orchestrator', 'Patch this server last' {Id(seeded)}: subscribes to 'Other Runbook Servers' of {Braced(ghost)}, which is not an activity of this runbook." }));
    }

    [Test]
    public void Validate_ReorderedField_SaysWhichFieldStandsWhere()
    {
        var problems = Seeded(root =>
        {
            var drain = Object(Runbook(root, "3: PatchServer"), "Drain Runbook Server");
            var x = drain.Element("PositionX")!;
            x.Remove();
            drain.Element("PositionY")!.AddAfterSelf(x);
            return drain;
        }, out var seeded);

        Assert.That(problems, Is.EqualTo(new[] { $"sample: runbook '3: PatchServer', 'Drain Runbook Server' {Id(seeded)}: common object fields are out of order: 'PositionY' stands where Runbook Designer writes 'PositionX' (after 'Description')." }));
    }

    [Test]
    public void Validate_InvokeTargetMissing_IsReported_UnlessNamedAsExternal()
    {
        XElement patchServer = null!;
        byte[] Without(XElement root)
        {
            patchServer = Runbook(root, "3: PatchServer");
            patchServer.Remove();
            return Encoding.UTF8.GetBytes(root.ToString(SaveOptions.DisableFormatting));
        }

        var content = Without(Root());
        var plain = new OisExportValidator().Validate("sample", content).Problems.Select(p => p.ToString()).ToArray();
        var byId = new OisExportValidator(new[] { Id(patchServer) }).Validate("sample", content);
        var byPath = new OisExportValidator(new[] { @"Policies\PatchRunbook\3: PatchServer" }).Validate("sample", content);

        Assert.Multiple(() =>
        {
            Assert.That(plain, Has.Length.EqualTo(2));
            Assert.That(plain[0], Does.StartWith("sample: runbook '1: Patch Orchestrator', 'Patch other server' {"));
            Assert.That(plain[0], Does.EndWith($": invokes runbook {Id(patchServer)} (Policies\\PatchRunbook\\3: PatchServer), which is not in this file; name it as external if it is imported separately."));
            Assert.That(plain[1], Does.StartWith("sample: runbook '1: Patch Orchestrator', 'Patch this server last' {"));
            Assert.That(byId.Problems, Is.Empty);
            Assert.That(byPath.Problems, Is.Empty);
        });
    }

    [Test]
    public void Validate_InvokeParameterTheTargetLacks_IsReported()
    {
        var problems = Seeded(root =>
        {
            var invoke = Object(Runbook(root, "3: PatchServer"), "Run Patch");
            invoke.Descendants("Entry").Single().Element("Parameter")!.Value = Braced(Guid.Empty);
            return invoke;
        }, out _);

        Assert.That(problems.Single(), Does.EndWith("passes parameter 'Server' {00000000-0000-0000-0000-000000000000}, which '7: Run Patch' does not have (its Initialize Data has 'Server')."));
    }

    [Test]
    public void Validate_SubscriptionToUnpublishedToolkitData_ListsWhatIsPublished()
    {
        var problems = Seeded(root =>
        {
            var invoke = Object(Runbook(root, "1: Patch Orchestrator"), "Patch this server last");
            invoke.Element("TargetActionServers")!.Value = invoke.Element("TargetActionServers")!.Value.Replace("Other Runbook Servers", "Other Servers", StringComparison.Ordinal);
            return invoke;
        }, out _);

        Assert.That(problems.Single(), Does.Contain("uses 'Other Servers' of 'Get this job's server' {").And.Contain("which publishes no such data (it lists ").And.Contain("'Other Runbook Servers', 'Servers In Maintenance',"));
    }

    [Test]
    public void Validate_SubscriptionToAMissingParameter_IsReported()
    {
        var problems = Seeded(root =>
        {
            var init = Object(Runbook(root, "7: Run Patch"), "Initialize Data");
            init.Descendants("Entry").Single().Element("UniqueID")!.Value = Braced(Guid.NewGuid());
            return init;
        }, out _);

        Assert.That(problems, Has.Some.Contain("has no such parameter."));
        Assert.That(problems, Has.Some.Contain("passes parameter 'Server'"), "the invoking runbook now names a parameter that is gone");
    }

    [TestCase("bool", "yes", "the field 'Enabled' is datatype bool but holds 'yes' (TRUE or FALSE).")]
    [TestCase("text", "TRUE", "the field 'Enabled' has datatype 'text' (known: string, int, bool, date, null).")]
    [TestCase(null, "TRUE", "the field 'Enabled' has no datatype attribute.")]
    public void Validate_BadDatatype_IsReported(string? datatype, string value, string expected)
    {
        var problems = Seeded(root =>
        {
            var script = Object(Runbook(root, "4: WaitRunbook"), "Hold the last slot");
            var enabled = script.Element("Enabled")!;
            enabled.SetAttributeValue("datatype", datatype);
            enabled.Value = value;
            return script;
        }, out var seeded);

        Assert.That(problems, Is.EqualTo(new[] { $"sample: runbook '4: WaitRunbook', 'Hold the last slot' {Id(seeded)}: {expected}" }));
    }

    [Test]
    public void Validate_DuplicateId_IsReported()
    {
        var problems = Seeded(root =>
        {
            var runbook = Runbook(root, "4: WaitRunbook");
            runbook.Element("UniqueID")!.Value = Id(Runbook(root, "7: Run Patch"));
            return runbook;
        }, out var seeded);

        Assert.That(problems, Has.Some.EqualTo($"sample: the id {Id(seeded)} is used by 2 elements (Policy '4: WaitRunbook', Policy '7: Run Patch'); every id must be unique."));
    }

    [Test]
    public void Validate_ObjectWithoutObjectType_IsRefusedNamingTheField()
    {
        var problems = Seeded(root =>
        {
            var drain = Object(Runbook(root, "3: PatchServer"), "Drain Runbook Server");
            drain.Element("ObjectType")!.Remove();
            return drain;
        }, out var seeded);

        Assert.That(problems, Has.Some.EqualTo($"sample: runbook '3: PatchServer', 'Drain Runbook Server' {Id(seeded)}: common object fields: missing 'ObjectType'."));
    }

    [Test]
    public void Validate_GenuineExportWithAnObjectWithoutObjectType_IsRefusedNamingTheObjectAndTheField()
    {
        var root = XDocument.Load(TestPaths.GenuineExample).Root!;
        var obj = root.Descendants("Object").First(o => o.Element("ObjectType") is not null);
        var policy = obj.Parent!;
        obj.Element("ObjectType")!.Remove();

        var report = new OisExportValidator().Validate("genuine", Encoding.UTF8.GetBytes(root.ToString(SaveOptions.DisableFormatting)));

        Assert.That(
            report.Problems.Select(p => p.ToString()),
            Has.Some.EqualTo($"genuine: runbook '{Name(policy)}', '{Name(obj)}' {Braced(Guid.Parse(Id(obj)))}: common object fields: missing 'ObjectType'."));
    }

    [Test]
    public void Validate_NotWellFormed_SaysSo()
    {
        var content = PackFixtures.Sample().Take(5000).ToArray();

        var report = new OisExportValidator().Validate("cut.ois_export", content);

        Assert.That(report.Problems.Single().ToString(), Does.StartWith("cut.ois_export: not well-formed XML: "));
    }

    [Test]
    public void Validate_WrongRoot_SaysWhatTheRootMustBe()
    {
        var report = new OisExportValidator().Validate("x", Encoding.UTF8.GetBytes("<ExportData xmlns=\"urn:x\"><Policies/></ExportData>"));

        Assert.That(report.Problems.Single().Message, Is.EqualTo("the root element is '{urn:x}ExportData'; a runbook export's root is 'ExportData' with no namespace."));
    }

    private static XElement Root() => new Samples.ExportReader(PackFixtures.Sample()).Root;

    private static XElement Runbook(XElement root, string name) => root.Descendants("Policy").Single(p => p.Element("Name")!.Value == name);

    private static string Name(XElement element) => element.Element("Name")!.Value;

    private static string Braced(Guid id) => id.ToString("B").ToUpperInvariant();

    /// <summary>Changes the valid sample with <paramref name="seed"/> and returns the validator's problems as lines.</summary>
    private static string[] Seeded(Func<XElement, XElement> seed, out XElement seeded)
    {
        var root = Root();
        seeded = seed(root);
        var content = Encoding.UTF8.GetBytes(root.ToString(SaveOptions.DisableFormatting));
        return new OisExportValidator().Validate("sample", content).Problems.Select(p => p.ToString()).ToArray();
    }
}
