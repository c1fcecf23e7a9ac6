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

    [TestCase("msi")]
    [TestCase("bundle")]
    [TestCase("oip")]
    [TestCase("runbooks")]
    public void Run_FileName_PrintsTheArtifactsName(string kind)
    {
        var expected = kind switch
        {
            "msi" => ArtifactNames.Msi(PackFixtures.Pack),
            "bundle" => ArtifactNames.Bundle(PackFixtures.Pack),
            "oip" => ArtifactNames.Oip(PackFixtures.Pack),
            _ => ArtifactNames.Runbooks(PackFixtures.Pack),
        };

        Assert.That(Run("file-name", kind).Output.Trim(), Is.EqualTo(expected));
    }

    [Test]
    public void Run_Wxs_WritesTheSourceNextToWhereItIsAsked()
    {
        using var temp = new TempDirectory();

        var (code, output, _) = Run("wxs", "--assemblies", TestPaths.Net472ActivitiesOutput, "--out", temp.File("obj/OrchPatchIP.wxs"));

        Assert.That(code, Is.EqualTo(Program.Success));
        Assert.That(File.ReadAllText(temp.File("obj/OrchPatchIP.wxs")), Does.Contain("<File Id=\"File_Polly.dll\""));
        Assert.That(output, Does.StartWith("wrote " + temp.File("obj/OrchPatchIP.wxs")));
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
    [TestCase(new[] { "wxs", "--assemblys", "x" }, "unknown option '--assemblys' (options: --assemblies, --out).")]
    [TestCase(new[] { "wxs", "--out", "x.wxs" }, "--assemblies is required.")]
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
