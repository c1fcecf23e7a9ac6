using System.Threading.Tasks;
using NUnit.Framework;
using OrchPatch.Cli.Infrastructure;

namespace OrchPatch.Cli.Tests.Infrastructure;

[TestFixture]
public sealed class CliApplicationTests
{
    [Test]
    public async Task Run_NoArguments_ShowsCommandsAndRefuses()
    {
        var result = await CliRunner.RunAsync();

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(result.Output, Does.Contain("Commands:").And.Contain("demo"));
    }

    [Test]
    public async Task Run_UnknownCommand_IsBadInput()
    {
        var result = await CliRunner.RunAsync("drian", "RB01");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(result.Error, Does.Contain("Unrecognized command or argument 'drian'. Did you mean drain?"));
    }

    [Test]
    public async Task Run_UnknownOption_IsBadInputNamingIt()
    {
        var result = await CliRunner.RunAsync("demo", "--fast-and-loose");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(result.Error, Does.Contain("orchpatch demo: Unrecognized command or argument '--fast-and-loose'.").And.Contain("See 'orchpatch demo --help'."));
    }

    [TestCase(new[] { "stauts", "--url", "http://orch01:81/Orchestrator2012/Orchestrator.svc/" }, "orchpatch: Unrecognized command or argument 'stauts'. Did you mean status?")]
    [TestCase(new[] { "drain", "RB02", "--thrtottle", "none" }, "orchpatch drain: Unrecognized command or argument '--thrtottle'. Did you mean --throttle?")]
    [TestCase(new[] { "status", "RB01", "extra-arg" }, "orchpatch status: Unrecognized command or argument 'extra-arg'.")]
    [TestCase(new[] { "status", "--json=yes" }, "--json is a flag and takes no value")]
    public async Task Run_UnknownWordsAndTypos_AreRefusedWithExit2AndTheNearMiss(string[] args, string expected)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.All);
        Assert.That(result.Error, Does.Contain(expected));
    }

    [Test]
    public async Task Run_CommandHelp_ShowsUsageAndAnExample()
    {
        var result = await CliRunner.RunAsync("demo", "--help");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success));
        Assert.That(result.Output, Does.Contain("Usage: orchpatch demo").And.Contain("Example"));
    }

    [Test]
    public void EveryCommand_HasUsageAndAtLeastOneExample()
    {
        foreach (var command in CommandCatalog.All)
        {
            Assert.That(command.Examples, Is.Not.Empty, command.Name);
            Assert.That(command.Usage, Does.StartWith("orchpatch " + command.Name), command.Name);
        }
    }
}
