using System;
using System.Linq;
using NUnit.Framework;
using OrchPatch.Cli.Infrastructure;
using OrchPatch.Core.Orchestrator;
using OrchPatch.TestSupport.Farms;

namespace OrchPatch.Cli.Tests.Commands;

/// <summary>`orchpatch rolling` end-to-end: real patch commands run by the system shell (the clock stands still while
/// they run), the farm on the simulator.</summary>
[TestFixture]
[Platform(Exclude = "Win", Reason = "The patch commands are POSIX shell commands.")]
public sealed class RollingCommandTests
{
    private static TestFarm Farm() => TestFarm.WithServers(3)
        .Monitor(@"\Mon\Disk", "RB01")
        .Job(@"\Ops\Short", TimeSpan.FromMinutes(4), "RB01")
        .Job(@"\Ops\Other", TimeSpan.FromMinutes(6), "RB02")
        .MaxJobs("RB03", 12);

    [Test]
    public void Rolling_PatchCommandSucceeds_PatchesEveryServer_Exit0()
    {
        using var cli = FarmCli.Start(Farm());

        var result = cli.Run("rolling", "--patch-command", "echo patching {server}", "--servers", "RB01,RB02,RB03");

        TestContext.Out.WriteLine(result.All);
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.All);
        Assert.Multiple(() =>
        {
            foreach (var server in new[] { "RB01", "RB02", "RB03" })
            {
                Assert.That(result.Output, Does.Contain($"  {server}> patching {server}"), "the command's output, per server");
                Assert.That(result.Output.Split('\n').Single(l => l.StartsWith(server + " ", StringComparison.Ordinal)), Does.Contain("Patched").And.Contain("in service"));
            }

            Assert.That(result.Output, Does.Contain("SERVER").And.Contain("OUTCOME").And.Contain("STATE"));
            Assert.That(cli.Orchestrator.Servers.Select(s => cli.Orchestrator.GetMaxJobs(s.Name)), Is.EquivalentTo(new[] { 50, 50, 12 }));
            Assert.That(cli.WaitJobs(), Is.Empty);
            Assert.That(cli.Orchestrator.Metrics.JobsInterrupted, Is.EqualTo(0));
            Assert.That(cli.Orchestrator.Metrics.FewestServersAcceptingWork, Is.GreaterThanOrEqualTo(1));
        });
    }

    [Test]
    public void Rolling_PatchCommandFailsOnTheSecondServer_Exit1_StopsThere_AndItStaysDrained()
    {
        using var cli = FarmCli.Start(Farm());

        // One at a time, so RB03 is still queued when RB02 fails (in a wave it would have started beside RB02).
        var result = cli.Run("rolling", "--patch-command", "test {server} != RB02", "--servers", "RB01,RB02,RB03", "--max-unavailable", "1", "--json");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failed), result.All);
        var json = FarmCli.Json(result);
        var servers = json.GetProperty("result").GetProperty("servers").EnumerateArray().ToDictionary(s => s.GetProperty("server").GetString()!);
        TestContext.Out.WriteLine(result.All);
        Assert.Multiple(() =>
        {
            Assert.That((json.GetProperty("command").GetString(), json.GetProperty("exitCode").GetInt32(), json.GetProperty("outcome").GetString()), Is.EqualTo(("rolling", 1, "failed")));
            Assert.That(servers.ToDictionary(s => s.Key, s => s.Value.GetProperty("outcome").GetString()), Is.EqualTo(new System.Collections.Generic.Dictionary<string, string?>
            {
                ["RB01"] = "patched", ["RB02"] = "patch-failed", ["RB03"] = "not-attempted",
            }));
            Assert.That(servers["RB02"].GetProperty("stateLeftBehind").GetString(), Does.Contain("drained").Or.Contain("max jobs 1"));
            Assert.That(json.GetProperty("summary").GetString(), Does.Contain("RB02").And.Contain("exited with code 1"));
            Assert.That(cli.Orchestrator.GetMaxJobs("RB02"), Is.EqualTo(1), "a server whose patch failed takes no work");
            Assert.That(cli.WaitJobs().Select(j => j.Server), Is.EqualTo(new[] { "RB02" }));
            Assert.That((cli.Orchestrator.GetMaxJobs("RB01"), cli.Orchestrator.GetMaxJobs("RB03")), Is.EqualTo((50, 12)));
        });
    }

    [Test]
    public void Rolling_MaxFailedOne_GoesOnPastAFailedServer()
    {
        using var cli = FarmCli.Start(Farm());

        var result = cli.Run("rolling", "--patch-command", "test {server} != RB01", "--servers", "RB01,RB02,RB03", "--max-failed", "1");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failed), result.All);
        Assert.That((cli.Orchestrator.GetMaxJobs("RB01"), cli.Orchestrator.GetMaxJobs("RB02"), cli.Orchestrator.GetMaxJobs("RB03")), Is.EqualTo((1, 50, 12)));
        Assert.That(result.Output.Split('\n').Single(l => l.StartsWith("RB03 ", StringComparison.Ordinal)), Does.Contain("Patched"));
    }

    [Test]
    public void Rolling_PatchCommandOutlastsItsTimeout_IsStopped_AndTheServerStaysDrained()
    {
        using var cli = FarmCli.Start(Farm());

        var result = cli.Run("rolling", "--patch-command", "sleep 20; echo {server}", "--servers", "RB03", "--patch-timeout", "1s");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failed), result.All);
        Assert.That(result.Output, Does.Contain("did not finish within 1s and was stopped"));
        Assert.That(cli.Orchestrator.GetMaxJobs("RB03"), Is.EqualTo(1));
    }

    [Test]
    public void Rolling_StoppedByTheUserMidDrain_Exit3_SaysWhichServerIsLeftInMaintenance()
    {
        using var cli = FarmCli.Start(TestFarm.WithServers(3).Job(@"\Ops\Backup", TimeSpan.FromHours(2), "RB02"));
        using var stop = new System.Threading.CancellationTokenSource();
        var started = cli.Farm.Now;

        var task = cli.Start(stop.Token, "rolling", "--patch-command", "true {server}", "--servers", "RB01,RB02,RB03", "--json");
        cli.Farm.RunUntil(() => task.IsCompleted || cli.Farm.Now >= started + TimeSpan.FromMinutes(10), TimeSpan.FromHours(1));
        stop.Cancel();
        cli.Farm.RunUntil(() => task.IsCompleted, TimeSpan.FromMinutes(5));
        var result = task.Result;

        var json = FarmCli.Json(result);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.WorkLeft), result.All);
            Assert.That((json.GetProperty("exitCode").GetInt32(), json.GetProperty("outcome").GetString()), Is.EqualTo((3, "stopped")));
            Assert.That(json.GetProperty("summary").GetString(), Does.StartWith("stopped by the user.").And.Contain("RB02 stays in maintenance"));
            Assert.That(cli.Orchestrator.GetMaxJobs("RB01"), Is.EqualTo(50), "RB01 was patched and restored before the stop");
            Assert.That(cli.WaitJobs().Select(j => j.Server), Is.EqualTo(new[] { "RB02" }));
        });
    }

    [Test]
    public void Rolling_MaxUnavailableOne_PatchesOneServerAtATime()
    {
        using var cli = FarmCli.Start(Farm().Job(@"\Ops\Late", TimeSpan.FromMinutes(5), "RB03"));

        var result = cli.Run("rolling", "--patch-command", "echo patching {server}", "--max-unavailable", "1");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.All);
        Assert.That(cli.Orchestrator.Metrics.FewestServersAcceptingWork, Is.EqualTo(2), "never two of the three servers out at once");
    }

    [Test]
    public void Rolling_MaxUnavailableThree_CapacityLetsTwoOfThreeOutAtOnce()
    {
        using var cli = FarmCli.Start(Farm().Job(@"\Ops\Late", TimeSpan.FromMinutes(5), "RB03"));

        var result = cli.Run("rolling", "--patch-command", "echo patching {server}", "--max-unavailable", "3");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.All);
        Assert.That(cli.Orchestrator.Metrics.FewestServersAcceptingWork, Is.EqualTo(1), "a light farm spares two servers, never the third");
    }

    [TestCase("0")]
    [TestCase("1001")]
    [TestCase("two")]
    public void Rolling_MaxUnavailableOutOfRange_Exit2_NamesTheRange_NothingChanged(string value)
    {
        using var cli = FarmCli.Start(Farm());
        var before = cli.Snapshot();

        var result = cli.Run("rolling", "--patch-command", "echo {server}", "--max-unavailable", value);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.All);
        Assert.That(result.Error, Does.Contain($"--max-unavailable must be a whole number from 1 to 1000; got '{value}'."));
        Assert.That(cli.Snapshot(), Is.EqualTo(before));
    }

    [TestCase("", "--patch-command is required")]
    [TestCase("patch-it", "--patch-command must contain {server}")]
    public void Rolling_BadPatchCommand_Exit2_NothingChanged(string command, string expected)
    {
        using var cli = FarmCli.Start(Farm());
        var before = cli.Snapshot();

        var result = command.Length == 0 ? cli.Run("rolling") : cli.Run("rolling", "--patch-command", command);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.All);
        Assert.That(result.Error, Does.Contain(expected));
        Assert.That(cli.Snapshot(), Is.EqualTo(before));
    }
}

/// <summary>The patch command runs without orchpatch's secrets in its environment (changes the process environment, so
/// it runs alone).</summary>
[TestFixture]
[NonParallelizable]
[Platform(Exclude = "Win", Reason = "The patch commands are POSIX shell commands.")]
public sealed class PatchCommandEnvironmentTests
{
    [Test]
    public void Rolling_PatchCommand_DoesNotInheritThePasswordOrConnectionString()
    {
        var saved = (Environment.GetEnvironmentVariable("ORCHPATCH_PASSWORD"), Environment.GetEnvironmentVariable("ORCHPATCH_CONNECTION_STRING"));
        Environment.SetEnvironmentVariable("ORCHPATCH_PASSWORD", "inherited-password");
        Environment.SetEnvironmentVariable("ORCHPATCH_CONNECTION_STRING", "inherited-connection-string");
        try
        {
            using var cli = FarmCli.Start(TestFarm.WithServers(2));

            var result = cli.Run("rolling", "--patch-command", "echo \"[${ORCHPATCH_PASSWORD:-unset}] [${ORCHPATCH_CONNECTION_STRING:-unset}] {server}\"", "--servers", "RB02");

            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.All);
            Assert.That(result.Output, Does.Contain("RB02> [unset] [unset] RB02"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("ORCHPATCH_PASSWORD", saved.Item1);
            Environment.SetEnvironmentVariable("ORCHPATCH_CONNECTION_STRING", saved.Item2);
        }
    }
}
