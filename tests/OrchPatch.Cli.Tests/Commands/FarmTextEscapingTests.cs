using System;
using System.Linq;
using NUnit.Framework;
using OrchPatch.Cli.Infrastructure;
using OrchPatch.TestSupport.Farms;

namespace OrchPatch.Cli.Tests.Commands;

/// <summary>Issue 17: names read from the farm were written raw to the terminal: an escape sequence retitled the
/// window or cleared the screen, and a newline in a runbook path forged a log line. Text escapes them; JSON is exact.</summary>
[TestFixture]
public sealed class FarmTextEscapingTests
{
    private const string EvilPath = "\\Ops\\Backup\u001b]0;owned\u0007\u001b[2J\r\nRB02: drained";

    [Test]
    public void Drain_BlockedByARunbookWithControlCharacters_TextEscapesThem_JsonKeepsThemExact()
    {
        using var cli = FarmCli.Start(TestFarm.WithServers(3).Job(EvilPath, TimeSpan.FromHours(2), "RB01"));

        // The 2022 Web API speaks JSON, which carries any character (XML 1.0 cannot carry an escape).
        cli.Environment["ORCHPATCH_URL"] = cli.Orchestrator.WebApiRoot.ToString();

        var text = cli.Run("drain", "RB01", "--deadline", "10m");
        var json = cli.Run("drain", "RB01", "--deadline", "10m", "--json");

        TestContext.Out.WriteLine(text.All);
        Assert.Multiple(() =>
        {
            Assert.That(text.ExitCode, Is.EqualTo(ExitCodes.WorkLeft), text.All);
            Assert.That(text.All.Where(c => char.IsControl(c) && c != '\n'), Is.Empty, "no control character reaches the terminal");
            Assert.That(text.All.Split('\n').Where(l => l.StartsWith("RB02: drained", StringComparison.Ordinal)), Is.Empty, "no forged line");
            Assert.That(text.Output, Does.Contain(@"\Ops\Backup\e]0;owned\x07\e[2J\r\nRB02: drained"));
            Assert.That(FarmCli.Json(json).GetProperty("summary").GetString(), Does.Contain(EvilPath), "JSON stays exact");
        });
    }

    [Test]
    public void Status_MaxJobsUnread_ExplainsTheQuestionMark()
    {
        using var cli = FarmCli.Start(TestFarm.WithServers(2));
        cli.Environment.Remove("ORCHPATCH_THROTTLE");
        cli.Environment.Remove("ORCHPATCH_CONNECTION_STRING");

        var result = cli.Run("status");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.All);
        Assert.That(result.Output, Does.Contain("MAX JOBS ?: not read"));
    }
}
