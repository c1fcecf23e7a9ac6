using System;
using System.IO;
using System.Linq;
using NUnit.Framework;
using OrchPatch.Pack.Tool;
using OrchPatch.TestSupport.Packaging;

namespace OrchPatch.Pack.Tests.Tool;

[TestFixture]
public sealed class ProgramTests
{
    [Test]
    public void Run_Version_PrintsThePacksVersion()
    {
        var (code, output, _) = Run("version");

        Assert.That((code, output.Trim()), Is.EqualTo((Program.Success, PackFixtures.Pack.Product.VersionText)));
    }

    [Test]
    public void Run_ShippedFiles_OneALine()
    {
        var (_, output, _) = Run("shipped-files");

        Assert.That(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), Is.EqualTo(PackFixtures.Pack.Assembly.ShippedFiles));
    }

    [TestCase("bundle")]
    [TestCase("runbooks")]
    public void Run_FileName_PrintsTheArtifactsName(string kind)
    {
        var expected = kind == "bundle" ? ArtifactNames.Bundle(PackFixtures.Pack) : ArtifactNames.Runbooks(PackFixtures.Pack);

        Assert.That(Run("file-name", kind).Output.Trim(), Is.EqualTo(expected));
    }

    [TestCase("msi", "2019", "-SCO2012-2019.msi")]
    [TestCase("msi", "2022", "-SCO2022.msi")]
    [TestCase("oip", "2019", "-SCO2012-2019.oip")]
    [TestCase("oip", "2022", "-SCO2022.oip")]
    public void Run_FileNameOfAPack_SaysWhichOrchestratorItIsFor(string kind, string target, string suffix)
    {
        Assert.That(Run("file-name", kind, "--target", target).Output.Trim(), Is.EqualTo("OrchPatchIP-" + PackFixtures.Pack.Product.VersionText + suffix));
    }

    [Test]
    public void Run_Wxs_WritesTheSourceNextToWhereItIsAsked()
    {
        using var temp = new TempDirectory();

        var (code, output, _) = Run("wxs", "--target", "2022", "--assemblies", TestPaths.Net472ActivitiesOutput, "--out", temp.File("obj/OrchPatchIP.wxs"));

        Assert.That(code, Is.EqualTo(Program.Success));
        Assert.That(File.ReadAllText(temp.File("obj/OrchPatchIP.wxs")), Does.Contain("<File Id=\"File_Polly.dll\"").And.Contain("ProgramFiles64Folder"));
        Assert.That(output, Does.StartWith("wrote " + temp.File("obj/OrchPatchIP.wxs") + ": OrchPatchIP-" + PackFixtures.Pack.Product.VersionText + "-SCO2022.msi (Orchestrator 2022, x64)"));
    }

    [Test]
    public void Run_CheckOip_CompletePack_Ok_IncompletePack_Failed()
    {
        using var temp = new TempDirectory();
        var all = SyntheticOip.Create(temp.File("all.oip"), PackFixtures.Pack.Activities.Select(a => (a.DisplayName, Guid.NewGuid())));
        var one = SyntheticOip.Create(temp.File("one.oip"), PackFixtures.Pack.Activities.Take(1).Select(a => (a.DisplayName, Guid.NewGuid())));

        var ok = Run("check-oip", all);
        var failed = Run("check-oip", one);

        Assert.Multiple(() =>
        {
            Assert.That(ok.Code, Is.EqualTo(Program.Success));
            Assert.That(ok.Output, Does.Contain(all + ": OK (OrchPatchIP.CAP, 1 MSI, EULA; 4 activities registered)."));
            Assert.That(failed.Code, Is.EqualTo(Program.Failed));
            Assert.That(failed.Error, Does.Contain(one + ": its OrchPatchIP.CAP registers no activity 'Restore Runbook Server'"));
        });
    }

    [TestCase(new[] { "package" }, "unknown command 'package'")]
    [TestCase(new[] { "wxs", "--assemblys", "x" }, "unknown option '--assemblys' (options: --target, --assemblies, --out).")]
    [TestCase(new[] { "wxs", "--target", "2019", "--out", "x.wxs" }, "--assemblies is required.")]
    [TestCase(new[] { "wxs", "--assemblies", "x", "--out", "x.wxs" }, "--target is required.")]
    [TestCase(new[] { "wxs", "--target", "2016", "--assemblies", "x", "--out", "x.wxs" }, "--target '2016' is unknown: use 2019 (Orchestrator 2012 to 2019, x86) or 2022 (Orchestrator 2022, x64).")]
    [TestCase(new[] { "file-name", "msi" }, "--target is required.")]
    [TestCase(new[] { "check-oip" }, "check-oip takes one .oip file.")]
    [TestCase(new[] { "file-name", "wxs" }, "file-name knows msi, bundle, runbooks and oip, not 'wxs'.")]
    public void Run_BadCommandLine_IsBadInputNamingTheProblem(string[] args, string expected)
    {
        var (code, _, error) = Run(args);

        Assert.That(code, Is.EqualTo(Program.BadInput));
        Assert.That(error, Does.Contain(expected));
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = Program.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
