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

/// <summary>Issue 17: text built of several lines (a plan, a refusal naming another maintenance) kept every line break,
/// a farm name's included: a runbook path or a maintenance owner holding a newline started a line of its own. Every
/// line the CLI writes is now escaped whole; only the CLI's own line breaks remain.</summary>
[TestFixture]
public sealed class FarmTextLineBreakTests
{
    private const string Forged = "RB02: drained";
    private const string EvilPath = "\\Ops\\Backup\u001b[2J\n" + Forged;
    private const string EvilHost = "JUMP\u001b]0;owned\u0007\n" + Forged;

    [Test]
    public void StatusPlanDrainRefusalAndProgress_FarmNamesWithEscAndNewline_NoRawControlCharacterAndNoForgedLine()
    {
        using var cli = FarmCli.Start(TestFarm.WithServers(3).Job(EvilPath, TimeSpan.FromHours(2), "RB01"));
        cli.Environment["ORCHPATCH_URL"] = cli.Orchestrator.WebApiRoot.ToString();

        // A maintenance recorded from a computer whose name holds an escape and a newline: its owner is farm text.
        cli.MachineName = EvilHost;
        var drained = cli.Run("drain", "RB03", "--deadline", "10m");
        cli.MachineName = "JUMP01";

        var status = cli.Run("status");
        var plan = cli.Run("plan", "RB01");
        var refused = cli.Run("drain", "RB01", "--deadline", "10m");
        cli.Run("restore", "RB03");
        var progress = cli.Run("drain", "RB01", "--deadline", "5m");

        Assert.Multiple(() =>
        {
            TestContext.Out.WriteLine(status.All + plan.All + refused.All);
            Assert.That((drained.ExitCode, status.ExitCode, plan.ExitCode, refused.ExitCode, progress.ExitCode),
                Is.EqualTo((ExitCodes.Success, ExitCodes.Success, ExitCodes.BadInput, ExitCodes.BadInput, ExitCodes.WorkLeft)), drained.All + status.All + plan.All + refused.All + progress.All);
            foreach (var (name, result) in new[] { ("status", status), ("plan", plan), ("drain refused", refused), ("drain progress", progress) })
            {
                Assert.That(result.All.Where(c => char.IsControl(c) && c != '\n'), Is.Empty, name + ": no control character but our line breaks");
                Assert.That(result.All.Split('\n').Where(l => l.StartsWith(Forged, StringComparison.Ordinal)), Is.Empty, name + ": no forged line\n" + result.All);
            }

            Assert.That(status.Output, Does.Contain(@" on JUMP\e]0;owned\x07\nRB02: drained (orchpatch)"));
            Assert.That(plan.Output, Does.Contain(@"would wait for it: \Ops\Backup\e[2J\nRB02: drained (running "));
            Assert.That(plan.Output, Does.Contain(@"  - RB03 (since "));
            Assert.That(progress.Output, Does.Contain(@"RB01: 1 job left: \Ops\Backup\e[2J\nRB02: drained (running "));
        });
    }
}
