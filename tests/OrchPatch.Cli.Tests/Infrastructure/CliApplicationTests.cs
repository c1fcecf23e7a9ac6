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
        Assert.That(result.Error, Does.Contain("unknown command 'drian'"));
    }

    [Test]
    public async Task Run_UnknownOption_IsBadInputNamingIt()
    {
        var result = await CliRunner.RunAsync("demo", "--fast-and-loose");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(result.Error, Does.Contain("Unknown option '--fast-and-loose' for 'orchpatch demo'"));
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
