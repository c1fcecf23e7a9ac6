using System.Collections.Generic;
using NUnit.Framework;
using OrchPatch.Cli.Commands;
using OrchPatch.Cli.Infrastructure;

namespace OrchPatch.Cli.Tests.Infrastructure;

/// <summary>Issue 17: a hint is a command the user can paste, with the options that matter and never a secret.</summary>
[TestFixture]
public sealed class RecoveryHintTests
{
    private const string Secret = "Db-Secret!77";

    [Test]
    public void Command_ConnectionStringOnTheCommandLine_IsNotRepeated_OtherOptionsAreAsGiven()
    {
        var arguments = ArgumentParser.Parse(new DrainCommand(), new[]
        {
            "rb02.contoso.com", "--url", "https://10.0.0.5:8443/api/", "--throttle", "database", "--connection-string",
            $"Data Source=SQL01;Initial Catalog=Orchestrator;User ID=orch;Password={Secret}", "--reason", "KB5031234", "--wait-runbook", @"\Patch Runbook\Wait",
        }, new Dictionary<string, string> { ["ORCHPATCH_USER"] = @"CONTOSO\patcher", ["ORCHPATCH_PASSWORD"] = "Cli-Secret!42" }.GetValueOrDefault);

        var hint = RecoveryHint.Command("restore", "rb02.contoso.com", arguments);

        Assert.That(hint, Is.EqualTo(@"orchpatch restore rb02.contoso.com --url https://10.0.0.5:8443/api/ --user CONTOSO\patcher --throttle database --wait-runbook ""\Patch Runbook\Wait"" (with ORCHPATCH_CONNECTION_STRING set: the connection string is not repeated here)"));
        Assert.That(hint, Does.Not.Contain(Secret).And.Not.Contain("Cli-Secret").And.Not.Contain("KB5031234"));
    }
}
