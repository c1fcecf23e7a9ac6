using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using NUnit.Framework;
using OrchPatch.Activities;
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
        var zip = Bundle(temp, "a.zip", withCli: true);
        var v = PackFixtures.Pack.Product.VersionText;

        using var archive = ZipFile.OpenRead(zip);
        Assert.Multiple(() =>
        {
            Assert.That(archive.Entries.Select(e => e.FullName), Is.EqualTo(new[]
            {
                "assemblies/OrchPatch.Activities.dll", "assemblies/OrchPatch.Core.dll", "assemblies/Polly.dll",
                $"OrchPatchIP-{v}-SCO2012-2019.msi", $"OrchPatchIP-{v}-SCO2022.msi", "runbooks/PatchRunbook.ois_export", "orchpatch.exe", "GUIDE.md",
            }));
            Assert.That(Read(archive, "orchpatch.exe"), Is.EqualTo(Encoding.UTF8.GetBytes("exe")));
            Assert.That(Read(archive, "runbooks/PatchRunbook.ois_export"), Is.EqualTo(PackFixtures.Sample()));
            Assert.That(archive.Entries.Select(e => e.LastWriteTime), Is.All.EqualTo(PatchRunbookSamples.Timestamp));
        });
    }

    /// <summary>
    /// Files of Orchestrator's own that the guide names on purpose and the bundle must not hold: the QIK SDK DLL
    /// ("never copy") and aspt.exe (a throttle method's tool on the management server).
    /// </summary>
    private static readonly string[] OrchestratorsOwnFiles = PackFixtures.Pack.Assembly.NeverShip.Append("aspt.exe").ToArray();

    [TestCase(true)]
    [TestCase(false)]
    public void Write_Guide_EveryFileItNamesIsInTheZip(bool withCli)
    {
        using var temp = new TempDirectory();
        using var archive = ZipFile.OpenRead(Bundle(temp, "a.zip", withCli));
        var guide = Encoding.UTF8.GetString(Read(archive, "GUIDE.md"));
        var entries = archive.Entries.Select(e => e.FullName).ToArray();

        // Install paths on the runbook server (`C:\...`) are not files of the zip; everything else that looks like a file is.
        var named = FileNames(Regex.Replace(guide, @"`[A-Z]:\\[^`]*`", string.Empty)).Except(OrchestratorsOwnFiles).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(named, Has.Length.GreaterThanOrEqualTo(5), "the guide names the MSIs, the assemblies and the runbooks");
            Assert.That(named, Has.Member($"OrchPatchIP-{PackFixtures.Pack.Product.VersionText}-SCO2022.msi"));
            foreach (var file in named)
            {
                Assert.That(entries, Has.Some.Matches<string>(e => e == file || e.EndsWith("/" + file, StringComparison.Ordinal)), $"GUIDE.md names {file}, which is not in the zip");
            }

            Assert.That(guide, Does.Not.Contain("packaging/").And.Not.Contain("README"), "no pointer into the repository's documentation");
            Assert.That(named.Contains(InvokeDotNetBundle.CliFile), Is.EqualTo(withCli));
        });
    }

    [Test]
    public void Guide_SpellsOutEveryConnectionSetting()
    {
        var guide = InvokeDotNetGuide.Write(PackFixtures.Pack, "a.msi", "b.msi", "PatchRunbook.ois_export", null);
        var settings = new[]
        {
            ConnectionNames.WebServiceUrl, ConnectionNames.Api, ConnectionNames.User, ConnectionNames.Password, ConnectionNames.ThrottleMethod,
            ConnectionNames.DatabaseConnectionString, ConnectionNames.AsptPath, ConnectionNames.WaitRunbookPath, ConnectionNames.RequestTimeout,
            ConnectionNames.TrustedCertificateThumbprint,
        };

        Assert.Multiple(() =>
        {
            foreach (var setting in settings)
            {
                Assert.That(guide, Does.Contain("**" + setting + "**"));
            }

            Assert.That(guide, Does.Contain("`" + ConnectionNames.DefaultWaitRunbookPath + "`"));
            Assert.That(guide, Does.Contain("(default " + ConnectionNames.DefaultRequestTimeoutSeconds + ")"));
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
        var guide = InvokeDotNetGuide.Write(PackFixtures.Pack, "a.msi", "b.msi", "PatchRunbook.ois_export", null);

        Assert.Multiple(() =>
        {
            Assert.That(guide, Does.Contain(@"**Assembly**: `C:\Program Files (x86)\OrchPatchIP\OrchPatch.Activities.dll` (2012-2019) or `C:\Program Files\OrchPatchIP\OrchPatch.Activities.dll` (2022)"));
            Assert.That(guide, Does.Contain("| `a.msi` (32-bit) | `C:\\Program Files (x86)\\OrchPatchIP` |").And.Contain("| `b.msi` (64-bit) | `C:\\Program Files\\OrchPatchIP` |"));
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

        File.WriteAllText(temp.File("2019.msi"), "msi");

        var ex = Assert.Throws<FileNotFoundException>(() => InvokeDotNetBundle.Write(PackFixtures.Pack, TestPaths.Net472ActivitiesOutput, temp.File("2019.msi"), temp.File("none.msi"), Runbooks(), null, temp.File("x.zip")))!;

        Assert.That(ex.Message, Is.EqualTo("Cannot bundle: missing " + temp.File("none.msi") + "."));
        Assert.That(File.Exists(temp.File("x.zip")), Is.False);
    }

    private static SampleExport Runbooks() => PatchRunbookSamples.Generate(PackFixtures.Pack, ActivityTypes.FromPack(PackFixtures.Pack), "Orchestrator Patching");

    private static string Bundle(TempDirectory temp, string name, bool withCli = false)
    {
        var msi2019 = temp.File(ArtifactNames.Msi(PackFixtures.Pack, MsiTarget.Orchestrator2019));
        var msi2022 = temp.File(ArtifactNames.Msi(PackFixtures.Pack, MsiTarget.Orchestrator2022));
        File.WriteAllText(msi2019, "msi");
        File.WriteAllText(msi2022, "msi64");
        var cli = temp.File("orchpatch-x-win-x64.exe");
        File.WriteAllText(cli, "exe");
        InvokeDotNetBundle.Write(PackFixtures.Pack, TestPaths.Net472ActivitiesOutput, msi2019, msi2022, Runbooks(), withCli ? cli : null, temp.File(name));
        return temp.File(name);
    }

    /// <summary>Every word of the text that looks like a file of ours (path separators as in the zip).</summary>
    private static string[] FileNames(string text) =>
        Regex.Matches(text, @"[\w.\-/\\]+\.(?:msi|dll|exe|ois_export|md|zip|ps1|oip)\b")
            .Select(m => m.Value.Replace('\\', '/').TrimStart('/'))
            .Where(f => !f.StartsWith("YOUR.", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToArray();

    private static byte[] Read(ZipArchive archive, string name)
    {
        using var stream = archive.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
