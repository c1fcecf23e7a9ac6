using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using NUnit.Framework;
using OrchPatch.Pack.Bundle;
using OrchPatch.Pack.Samples;
using OrchPatch.Pack.Wix;

namespace OrchPatch.Pack.Tests.Bundle;

[TestFixture]
public sealed class InvokeDotNetBundleTests
{
    [Test]
    public void Write_BuildOutput_HoldsAssembliesMsiRunbooksAndGuide()
    {
        using var temp = new TempDirectory();
        var zip = Bundle(temp, "a.zip");

        using var archive = ZipFile.OpenRead(zip);
        Assert.Multiple(() =>
        {
            Assert.That(archive.Entries.Select(e => e.FullName), Is.EqualTo(new[]
            {
                "assemblies/OrchPatch.Activities.dll", "assemblies/OrchPatch.Core.dll", "assemblies/Polly.dll",
                "OrchPatchIP-" + PackFixtures.Pack.Product.VersionText + "-SCO2012-2019.msi", "runbooks/PatchRunbook.ois_export", "GUIDE.md",
            }));
            Assert.That(Read(archive, "runbooks/PatchRunbook.ois_export"), Is.EqualTo(PackFixtures.Sample()));
            Assert.That(archive.Entries.Select(e => e.LastWriteTime), Is.All.EqualTo(PatchRunbookSamples.Timestamp));
        });
    }

    [Test]
    public void Write_Twice_SameBytes()
    {
        using var temp = new TempDirectory();

        Assert.That(File.ReadAllBytes(Bundle(temp, "a.zip")), Is.EqualTo(File.ReadAllBytes(Bundle(temp, "b.zip"))));
    }

    [Test]
    public void Guide_NamesEveryClassAndInput_AndTheInstallFolder()
    {
        var guide = InvokeDotNetGuide.Write(PackFixtures.Pack, "OrchPatchIP.msi", "PatchRunbook.ois_export");

        Assert.Multiple(() =>
        {
            Assert.That(guide, Does.Contain(@"**Assembly**: `C:\Program Files (x86)\OrchPatchIP\OrchPatch.Activities.dll`"));
            foreach (var activity in PackFixtures.Pack.Activities)
            {
                Assert.That(guide, Does.Contain($"### {activity.DisplayName} (`{activity.FullClassName}`)"));
                Assert.That(activity.Inputs.Select(i => i.Name), Is.All.Matches<string>(name => guide.Contains(name, StringComparison.Ordinal)));
            }
        });
    }

    [Test]
    public void Write_MsiMissing_Refuses()
    {
        using var temp = new TempDirectory();

        var ex = Assert.Throws<FileNotFoundException>(() => InvokeDotNetBundle.Write(PackFixtures.Pack, TestPaths.Net472ActivitiesOutput, temp.File("none.msi"), Runbooks(), temp.File("x.zip")))!;

        Assert.That(ex.Message, Is.EqualTo("Cannot bundle: missing " + temp.File("none.msi") + "."));
    }

    private static SampleExport Runbooks() => PatchRunbookSamples.Generate(PackFixtures.Pack, ActivityTypes.FromPack(PackFixtures.Pack), "Orchestrator Patching");

    private static string Bundle(TempDirectory temp, string name)
    {
        var msi = temp.File(ArtifactNames.Msi(PackFixtures.Pack, MsiTarget.Orchestrator2019));
        File.WriteAllText(msi, "msi");
        InvokeDotNetBundle.Write(PackFixtures.Pack, TestPaths.Net472ActivitiesOutput, msi, Runbooks(), temp.File(name));
        return temp.File(name);
    }

    private static byte[] Read(ZipArchive archive, string name)
    {
        using var stream = archive.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
