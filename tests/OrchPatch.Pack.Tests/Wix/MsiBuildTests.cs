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

    [Test]
    public void Wixl_GeneratedSource_MsiFileTableHoldsExactlyTheThreeAssemblies()
    {
        using var temp = new TempDirectory();
        var msi = Build(temp);

        var rows = Tool("msiinfo", "export", msi, "File").Split('\n').Skip(3).Where(l => l.Trim().Length > 0).Select(l => l.Split('\t')).ToArray();

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

    [Test]
    public void Msiextract_BuiltMsi_InstallsTheBuildOutputUnderTheProductFolder()
    {
        using var temp = new TempDirectory();
        var msi = Build(temp);
        var target = temp.File("extracted");

        Tool("msiextract", "-C", target, msi);
        var installed = Path.Combine(target, "Program Files", PackFixtures.Pack.Product.Name);

        Assert.Multiple(() =>
        {
            Assert.That(Directory.GetFiles(installed).Select(Path.GetFileName), Is.EquivalentTo(PackFixtures.Pack.Assembly.ShippedFiles));
            foreach (var file in PackFixtures.Pack.Assembly.ShippedFiles)
            {
                Assert.That(File.ReadAllBytes(Path.Combine(installed, file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(TestPaths.Net472ActivitiesOutput, file))), file);
            }
        });
    }

    [Test]
    public void Msiinfo_BuiltMsi_CarriesTheUpgradeCodeVersionAndProductCode()
    {
        using var temp = new TempDirectory();
        var properties = Tool("msiinfo", "export", Build(temp), "Property");

        Assert.Multiple(() =>
        {
            Assert.That(properties, Does.Contain("UpgradeCode\t{1F5EC993-2949-4D5E-90A1-6D6B80B6CEB8}"));
            Assert.That(properties, Does.Contain("ProductVersion\t" + PackFixtures.Pack.Product.VersionText));
            Assert.That(properties, Does.Contain("ProductCode\t" + WixSource.ProductCode(PackFixtures.Pack).ToString("B").ToUpperInvariant()));
        });
    }

    private static string Build(TempDirectory temp)
    {
        RequireTools();
        var wxs = temp.File("OrchPatchIP.wxs");
        File.WriteAllText(wxs, WixSource.Generate(PackFixtures.Pack, TestPaths.Net472ActivitiesOutput, temp.Path));
        var msi = temp.File(ArtifactNames.Msi(PackFixtures.Pack));
        Tool("wixl", "-o", msi, wxs);
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
