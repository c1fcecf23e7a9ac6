using NUnit.Framework;
using OrchPatch.Cli.Infrastructure;

namespace OrchPatch.Cli.Tests.Commands;

/// <summary>Issue 17: the shipped binary parses with System.CommandLine: unknown words refused with exit 2 and the
/// near miss suggested, the library's own help replaced by ours.</summary>
[TestFixture]
public sealed class BuiltCliParsingTests
{
    [TestCase(new[] { "stauts" }, "orchpatch: Unrecognized command or argument 'stauts'. Did you mean status?")]
    [TestCase(new[] { "status", "RB01", "extra-arg", "--url", "http://127.0.0.1:9/Orchestrator2012/Orchestrator.svc/" }, "orchpatch status: Unrecognized command or argument 'extra-arg'.")]
    [TestCase(new[] { "drain", "RB02", "--thrtottle", "none" }, "orchpatch drain: Unrecognized command or argument '--thrtottle'. Did you mean --throttle?")]
    [TestCase(new[] { "drain", "--thrtottle", "none" }, "Unrecognized command or argument '--thrtottle'. Did you mean --throttle?")]
    public void Run_UnknownWord_Exit2NamingItAndTheNearMiss(string[] args, string expected)
    {
        var result = BuiltCli.Run(args);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.All);
            Assert.That(result.Error, Does.Contain(expected));
            Assert.That(result.Output, Is.Empty, "nothing ran");
        });
    }

    [Test]
    public void Run_BadValueFromTheEnvironment_NamesTheVariable()
    {
        var result = BuiltCli.Run(new System.Collections.Generic.Dictionary<string, string> { ["ORCHPATCH_DEADLINE"] = "20" },
            "plan", "RB02", "--url", "http://127.0.0.1:9/Orchestrator2012/Orchestrator.svc/");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.All);
        Assert.That(result.Error, Does.Contain("ORCHPATCH_DEADLINE (the fallback for --deadline) must be a duration"));
    }
}
