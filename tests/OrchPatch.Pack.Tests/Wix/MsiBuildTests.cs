using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using NUnit.Framework;
using OrchPatch.Pack.Wix;

namespace OrchPatch.Pack.Tests.Wix;

/// <summary>
/// Builds the MSI from the real net472 build output with wixl and reads it back with msitools. Needs
/// <c>apt-get install -y wixl msitools</c> (.ci/run installs them); ignored with that command where they are missing.
/// </summary>
[TestFixture]
[Category("Packaging")]
public sealed class MsiBuildTests
{
    private const string Install = "sudo apt-get install -y wixl msitools";

    /// <summary>msidbComponentAttributes64bit (Windows Installer's Component table): the component installs 64-bit.</summary>
    private const int Component64Bit = 256;

    private static readonly object[] Targets = { "2019", "2022" };

    [TestCaseSource(nameof(Targets))]
    public void Wixl_GeneratedSource_MsiFileTableHoldsExactlyTheThreeAssemblies(string target)
    {
        using var temp = new TempDirectory();
        var msi = Build(temp, MsiTarget.Find(target)!);

        var rows = Rows(Tool("msiinfo", "export", msi, "File"));

        Assert.Multiple(() =>
        {
            Assert.That(rows.Select(r => r[2]), Is.EquivalentTo(PackFixtures.Pack.Assembly.ShippedFiles));
            Assert.That(rows.Select(r => r[2]), Has.None.EqualTo("Microsoft.SystemCenter.Orchestrator.Integration.dll"));
            foreach (var row in rows)
            {
                Assert.That(long.Parse(row[3], System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(new FileInfo(Path.Combine(TestPaths.Net472ActivitiesOutput, row[2])).Length), row[2]);
            }
        });
    }

    [TestCase("2019", "Program Files")]
    [TestCase("2022", "", Description = "msiextract (0.101) does not map ProgramFiles64Folder to a folder name")]
    public void Msiextract_BuiltMsi_InstallsTheBuildOutputUnderTheProductFolder(string msiTarget, string programFiles)
    {
        using var temp = new TempDirectory();
        var msi = Build(temp, MsiTarget.Find(msiTarget)!);
        var target = temp.File("extracted");

        Tool("msiextract", "-C", target, msi);
        var installed = Path.Combine(target, programFiles, PackFixtures.Pack.Product.Name);

        Assert.Multiple(() =>
        {
            Assert.That(Directory.GetFiles(installed).Select(Path.GetFileName), Is.EquivalentTo(PackFixtures.Pack.Assembly.ShippedFiles));
            foreach (var file in PackFixtures.Pack.Assembly.ShippedFiles)
            {
                Assert.That(File.ReadAllBytes(Path.Combine(installed, file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(TestPaths.Net472ActivitiesOutput, file))), file);
            }
        });
    }

    [TestCaseSource(nameof(Targets))]
    public void Msiinfo_BuiltMsi_CarriesTheUpgradeCodeVersionAndProductCode(string target)
    {
        using var temp = new TempDirectory();
        var msiTarget = MsiTarget.Find(target)!;
        var properties = Tool("msiinfo", "export", Build(temp, msiTarget), "Property");

        Assert.Multiple(() =>
        {
            Assert.That(properties, Does.Contain("UpgradeCode\t{1F5EC993-2949-4D5E-90A1-6D6B80B6CEB8}"));
            Assert.That(properties, Does.Contain("ProductVersion\t" + PackFixtures.Pack.Product.VersionText));
            Assert.That(properties, Does.Contain("ProductCode\t" + WixSource.ProductCode(PackFixtures.Pack, msiTarget).ToString("B").ToUpperInvariant()));
        });
    }

    [TestCase("2019", "Intel;1033", 0, "ProgramFilesFolder")]
    [TestCase("2022", "x64;1033", Component64Bit, "ProgramFiles64Folder")]
    public void Msiinfo_BuiltMsi_PlatformComponentsAndFolderMatchTheTarget(string target, string template, int attributes, string programFiles)
    {
        using var temp = new TempDirectory();
        var msi = Build(temp, MsiTarget.Find(target)!);

        var components = Rows(Tool("msiinfo", "export", msi, "Component"));
        var directories = Rows(Tool("msiinfo", "export", msi, "Directory"));
        var summary = Tool("msiinfo", "suminfo", msi);

        Assert.Multiple(() =>
        {
            Assert.That(summary, Does.Contain("Template: " + template + "\n"), "the package's platform");
            Assert.That(components.Select(c => int.Parse(c[3], System.Globalization.CultureInfo.InvariantCulture) & Component64Bit), Is.All.EqualTo(attributes));
            Assert.That(components.Select(c => c[2]), Is.All.EqualTo("INSTALLFOLDER"));
            Assert.That(directories.Single(d => d[0] == "INSTALLFOLDER")[1], Is.EqualTo(programFiles));
        });
    }

    private static string[][] Rows(string export) =>
        export.Split('\n').Skip(3).Where(l => l.Trim().Length > 0).Select(l => l.Split('\t')).ToArray();

    private static string Build(TempDirectory temp, MsiTarget target)
    {
        RequireTools();
        var wxs = temp.File("OrchPatchIP.wxs");
        File.WriteAllText(wxs, WixSource.Generate(PackFixtures.Pack, TestPaths.Net472ActivitiesOutput, temp.Path, target));
        var msi = temp.File(ArtifactNames.Msi(PackFixtures.Pack, target));
        Tool("wixl", "-a", target.Architecture, "-o", msi, wxs);
        return msi;
    }

    private static void RequireTools()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator);
        var missing = new[] { "wixl", "msiinfo", "msiextract" }.Where(t => !path.Any(p => File.Exists(Path.Combine(p, t)))).ToArray();
        if (missing.Length > 0)
        {
            Assert.Ignore($"{string.Join(", ", missing)} not found; install them with: {Install}");
        }
    }

    private static string Tool(string name, params string[] args)
    {
        var start = new ProcessStartInfo(name) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.That(process.WaitForExit(60_000), Is.True, name + " did not finish within a minute");
        Assert.That(process.ExitCode, Is.EqualTo(0), $"{name} {string.Join(" ", args)} failed: {error.Result}");
        return output.Result;
    }
}
