using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using NUnit.Framework;
using OrchPatch.Cli.Infrastructure;
using OrchPatch.Pack.Definition;
using OrchPatch.TestSupport.Packaging;
using OrchPatch.TestSupport.Samples;

namespace OrchPatch.Cli.Tests.Commands;

[TestFixture]
public sealed class RunbooksCommandTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "orchpatch-runbooks-" + Guid.NewGuid().ToString("N"))).FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private string SampleFile => Path.Combine(_dir, "out", "PatchRunbook.ois_export");

    [Test]
    public async Task Out_WithoutOip_WritesTheSamplesAndSaysTheGuidsAreThePacks()
    {
        var result = await CliRunner.RunAsync("runbooks", "--out", Path.Combine(_dir, "out"));

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.All);
            Assert.That(File.Exists(SampleFile), Is.True);
            Assert.That(result.Output.Trim().Split('\n'), Has.Length.EqualTo(1), "one line per file written");
            Assert.That(result.Output, Does.StartWith("wrote " + SampleFile + ": '1: Patch Orchestrator', '3: PatchServer', '4: WaitRunbook', '7: Run Patch';"));
            Assert.That(result.Output, Does.Contain("activity GUIDs from the pack definition (oip/pack.json), not from a wizard-built pack"));
            Assert.That(result.Output, Does.Contain("connection entry 'Orchestrator Patching'"));
        });
    }

    [Test]
    public async Task Out_WithOip_UsesTheGuidsItsCapRegisters()
    {
        var pack = PackDefinition.LoadEmbedded();
        var drainId = Guid.NewGuid();
        var oip = SyntheticOip.Create(Path.Combine(_dir, "OrchPatchIP.oip"), pack.Activities.Select(a => (a.DisplayName, a.DisplayName == "Drain Runbook Server" ? drainId : Guid.NewGuid())));

        var result = await CliRunner.RunAsync("runbooks", "--out", Path.Combine(_dir, "out"), "--oip", oip, "--connection", "SCO Prod");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.All);
            Assert.That(result.Output, Does.Contain("activity GUIDs from the .CAP in " + oip + "; connection entry 'SCO Prod'."));
            Assert.That(File.ReadAllText(SampleFile), Does.Contain("<ObjectType datatype=\"string\">" + drainId.ToString("B").ToUpperInvariant() + "</ObjectType>"));
            Assert.That(File.ReadAllText(SampleFile), Does.Not.Contain(pack.Activity("Drain Runbook Server").ObjectType.ToString("B").ToUpperInvariant()));
        });
    }

    [Test]
    public async Task Out_OipLackingAnActivity_IsBadInputAndWritesNothing()
    {
        var pack = PackDefinition.LoadEmbedded();
        var oip = SyntheticOip.Create(Path.Combine(_dir, "old.oip"), pack.Activities.Skip(1).Select(a => (a.DisplayName, Guid.NewGuid())));

        var result = await CliRunner.RunAsync("runbooks", "--out", Path.Combine(_dir, "out"), "--oip", oip);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(result.Error, Does.Contain("--oip: the .CAP in " + oip + " has no activity named 'Drain Runbook Server'"));
            Assert.That(result.Error, Does.EndWith("Nothing was written." + Environment.NewLine));
            Assert.That(File.Exists(SampleFile), Is.False);
        });
    }

    [Test]
    public async Task Check_GeneratedSamples_Ok()
    {
        await CliRunner.RunAsync("runbooks", "--out", Path.Combine(_dir, "out"));

        var result = await CliRunner.RunAsync("runbooks", "--check", SampleFile);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.All);
        Assert.That(result.Output, Is.EqualTo(SampleFile + ": OK (4 runbooks, 28 activities and links)." + Environment.NewLine));
    }

    [Test]
    public async Task Check_GenuineExportWithARunbookLogicFinding_PrintsAWarningAndSucceeds()
    {
        // The Deploy VM export was written by Runbook Designer: a disabled activity subscribes across branches. It imports.
        var genuine = GenuineExports.DeployVm;

        var result = await CliRunner.RunAsync("runbooks", "--check", genuine);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success));
            Assert.That(result.Output, Does.Contain("warning: " + genuine + ": runbook 'Deploy VMs', 'Send Email' {84DB943D-0308-4249-B59D-BF30ABCDC90D}: subscribes to 'LineText'"));
            Assert.That(result.Output, Does.Contain(genuine + ": OK (5 runbooks, 79 activities and links)."));
        });
    }

    [Test]
    public async Task Check_FileWithAProblem_FailsNamingFileObjectAndGuid()
    {
        await CliRunner.RunAsync("runbooks", "--out", Path.Combine(_dir, "out"));
        var text = File.ReadAllText(SampleFile);
        var broken = Path.Combine(_dir, "broken.ois_export");
        File.WriteAllText(broken, text.Replace(".Other Runbook Servers\\`d.T.~Ed/</TargetActionServers>", ".Other Servers\\`d.T.~Ed/</TargetActionServers>", StringComparison.Ordinal), new UTF8Encoding(false));

        var result = await CliRunner.RunAsync("runbooks", "--check", SampleFile, broken);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failed));
            Assert.That(result.Output, Does.StartWith(SampleFile + ": OK"));
            Assert.That(result.Output, Does.Contain(broken + ": runbook '1: Patch Orchestrator', 'Patch this server last' {"));
            Assert.That(result.Output, Does.Contain("uses 'Other Servers' of 'Get this job's server' {"));
            Assert.That(result.Error, Does.Contain(broken + ": 1 problem(s); fix them before importing."));
        });
    }

    [TestCase(new[] { "runbooks" }, "give --out DIR to write the sample runbooks, or --check FILE... to check exports.")]
    [TestCase(new[] { "runbooks", "--check" }, "--check needs at least one runbook export file")]
    [TestCase(new[] { "runbooks", "--check", "--out", "x", "a.ois_export" }, "--out writes the samples and cannot be combined with --check.")]
    [TestCase(new[] { "runbooks", "--check", "/no/such.ois_export" }, "no such file: /no/such.ois_export. Nothing was checked.")]
    [TestCase(new[] { "runbooks", "--out", "x", "stray" }, "unexpected argument 'stray'.")]
    [TestCase(new[] { "runbooks", "--out", "x", "--oip", "/no/such.oip" }, "--oip: /no/such.oip: the file does not exist. Nothing was written.")]
    [TestCase(new[] { "runbooks", "--out", "x", "--connection", " " }, "--connection: The connection name must be the name of an Options-menu entry")]
    public async Task Run_BadArguments_IsBadInputSayingWhy(string[] args, string expected)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(result.Error, Does.Contain(expected));
    }
}
