using System;
using System.IO;
using System.Linq;
using NUnit.Framework;
using OrchPatch.Pack.Oip;
using OrchPatch.TestSupport.Packaging;

namespace OrchPatch.Pack.Tests.Oip;

/// <summary>No genuine .oip is public: these use SyntheticOip, whose .CAP follows only the public part (ObjectType entries).</summary>
[TestFixture]
public sealed class OipPackageTests
{
    [Test]
    public void Open_SyntheticOip_ReadsTheActivitiesByName()
    {
        using var temp = new TempDirectory();
        var ids = PackFixtures.Pack.Activities.Select(a => (a.DisplayName, Guid.NewGuid())).ToArray();

        var package = OipPackage.Open(SyntheticOip.Create(temp.File("OrchPatchIP.oip"), ids));

        Assert.Multiple(() =>
        {
            Assert.That(package.CapEntry, Is.EqualTo("OrchPatchIP.CAP"));
            Assert.That(package.ObjectTypesByName, Is.EquivalentTo(ids.ToDictionary(i => i.DisplayName, i => i.Item2)));
        });
    }

    [Test]
    public void Open_CapWithNamespaceAndNesting_StillFindsObjectTypes()
    {
        using var temp = new TempDirectory();
        var id = Guid.NewGuid();
        var cap = $"<Cap xmlns=\"urn:x\"><Install><Objects><ObjectType><UniqueID>{id:D}</UniqueID><Name>Relocate Jobs</Name></ObjectType></Objects></Install></Cap>";

        var package = OipPackage.Open(SyntheticOip.Create(temp.File("a.oip"), Array.Empty<(string, Guid)>(), capText: cap));

        Assert.That(package.ObjectTypes.Single(), Is.EqualTo(new CapObjectType(id, "Relocate Jobs")));
    }

    [Test]
    public void Open_NotAZip_SaysAnOipIsARenamedZip()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("x.oip"), "MSCF not a zip");

        var ex = Assert.Throws<OipException>(() => OipPackage.Open(temp.File("x.oip")))!;

        Assert.That(ex.Message, Does.StartWith(temp.File("x.oip") + ": it is not a ZIP file (an .oip is a renamed ZIP)"));
    }

    [Test]
    public void Open_Missing_SaysSo()
    {
        var ex = Assert.Throws<OipException>(() => OipPackage.Open("/no/such.oip"))!;

        Assert.That(ex.Message, Is.EqualTo("/no/such.oip: the file does not exist."));
    }

    [Test]
    public void Open_CapNotXml_NamesTheCap()
    {
        using var temp = new TempDirectory();

        var ex = Assert.Throws<OipException>(() => OipPackage.Open(SyntheticOip.Create(temp.File("a.oip"), Array.Empty<(string, Guid)>(), capText: "<Cap>")))!;

        Assert.That(ex.Message, Does.Contain("its OrchPatchIP.CAP is not XML"));
    }

    [Test]
    public void Check_CompletePack_PassesWithANoteOnClassNames()
    {
        using var temp = new TempDirectory();
        var package = OipPackage.Open(SyntheticOip.Create(temp.File("a.oip"), PackFixtures.Pack.Activities.Select(a => (a.DisplayName, Guid.NewGuid()))));

        var result = OipCheck.Check(PackFixtures.Pack, package);

        Assert.Multiple(() =>
        {
            Assert.That(result.Passed, Is.True);
            Assert.That(result.Notes, Is.EqualTo(new[] { "0 of 4 activity classes are named in OrchPatchIP.CAP (where the wizard records classes is not public; the activities were matched by name)." }));
        });
    }

    [Test]
    public void Check_MissingActivityMsiAndEula_ListsEachProblem()
    {
        using var temp = new TempDirectory();
        var three = PackFixtures.Pack.Activities.Skip(1).Select(a => (a.DisplayName, Guid.NewGuid()));
        var package = OipPackage.Open(SyntheticOip.Create(temp.File("a.oip"), three, withMsi: false, withEula: false));

        var result = OipCheck.Check(PackFixtures.Pack, package);

        Assert.That(result.Problems, Is.EqualTo(new[]
        {
            "it holds no .MSI (Deployment Manager installs the activities from it).",
            "it holds no EULA (.EULA or .rtf); registration shows it and requires acceptance.",
            "its OrchPatchIP.CAP registers no activity 'Drain Runbook Server' (OrchPatch.Activities.DrainRunbookServerActivity).",
        }));
    }
}
