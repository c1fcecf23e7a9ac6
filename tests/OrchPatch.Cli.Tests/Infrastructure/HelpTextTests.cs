using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using OrchPatch.Cli.Infrastructure;

namespace OrchPatch.Cli.Tests.Infrastructure;

/// <summary>Issue 17: help lines ran to 205 characters and each command's own options came after twelve connection
/// options.</summary>
[TestFixture]
public sealed class HelpTextTests
{
    private static IEnumerable<string> CommandNames() => CommandCatalog.All.Select(c => c.Name);

    [TestCaseSource(nameof(CommandNames))]
    public async Task Help_EveryCommand_LinesWithin100_OwnOptionsFirst_AnExample(string name)
    {
        var command = CommandCatalog.Find(name)!;
        var result = await CliRunner.RunAsync(name, "--help");
        var lines = result.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.All);
            Assert.That(lines.Where(l => l.Length > HelpText.Width), Is.Empty, "lines over 100 characters");
            var examples = Array.FindIndex(lines, l => l.StartsWith("Example", StringComparison.Ordinal));
            Assert.That(examples, Is.GreaterThan(0), "an Example section");
            Assert.That(lines.Skip(examples + 1).Any(l => l.StartsWith("  orchpatch " + name, StringComparison.Ordinal)), Is.True, "an example of this command");
            var url = Array.FindIndex(lines, l => l.StartsWith("  --url ", StringComparison.Ordinal));
            var own = command.Options.Where(o => o.Name != "help" && !CommonOptions.ForFarm.Contains(o))
                .Select(o => Array.FindIndex(lines, l => l.StartsWith("  --" + o.Name + " ", StringComparison.Ordinal) || l == "  --" + o.Name)).ToArray();
            Assert.That(own, Has.None.EqualTo(-1), "each own option is listed");
            if (url >= 0)
            {
                Assert.That(own, Has.All.LessThan(url), "own options before --url");
            }
        });
    }

    [Test]
    public async Task Help_Overview_LinesWithin100()
    {
        var result = await CliRunner.RunAsync("--help");

        Assert.That(result.Output.Split('\n').Where(l => l.TrimEnd('\r').Length > HelpText.Width), Is.Empty);
        Assert.That(result.Output, Does.Contain("Commands:").And.Contain("rolling"));
    }

    [Test]
    public void Help_BuiltCli_WritesOurHelpNotTheLibrarys()
    {
        var result = BuiltCli.Run("drain", "-h");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.All);
        Assert.That(result.Output, Does.Contain("Connection and output options:").And.Contain("Examples:"));
        var output = result.Output.Replace("\r", string.Empty, StringComparison.Ordinal);
        Assert.That(output.IndexOf("\n  --deadline ", StringComparison.Ordinal), Is.GreaterThan(0).And.LessThan(output.IndexOf("\n  --url ", StringComparison.Ordinal)));
    }
}
