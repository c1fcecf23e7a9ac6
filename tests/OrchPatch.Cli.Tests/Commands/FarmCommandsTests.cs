using System;
using System.Linq;
using System.Text.Json;
using System.Threading;
using NUnit.Framework;
using OrchPatch.Cli.Infrastructure;
using OrchPatch.Core.Orchestrator;
using OrchPatch.TestSupport.Farms;
using OrchPatch.Simulator;

namespace OrchPatch.Cli.Tests.Commands;

/// <summary>status, plan, drain, restore and relocate end-to-end against the simulator: exit codes, the --json
/// document, the text a person reads, and what changed on the farm.</summary>
[TestFixture]
public sealed class FarmCommandsTests
{
    private static TestFarm BusyRb01() => TestFarm.WithServers(3)
        .Monitor(@"\Mon\Disk", "RB01")
        .Job(@"\Ops\Short", TimeSpan.FromMinutes(5), "RB01")
        .Job(@"\Ops\Long", TimeSpan.FromMinutes(12), "RB01");

    [Test]
    public void Status_Json_OneEntryPerServer()
    {
        using var cli = FarmCli.Start(BusyRb01());

        var result = cli.Run("status", "--json");

        TestContext.Out.WriteLine(result.All);
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.All);
        var json = FarmCli.Json(result);
        Assert.Multiple(() =>
        {
            Assert.That(json.GetProperty("command").GetString(), Is.EqualTo("status"));
            Assert.That(json.GetProperty("exitCode").GetInt32(), Is.EqualTo(0));
            Assert.That(json.GetProperty("outcome").GetString(), Is.EqualTo("ok"));
            Assert.That(json.GetProperty("summary").GetString(), Is.EqualTo("3 runbook servers; none in maintenance."));
            var servers = json.GetProperty("result").GetProperty("servers").EnumerateArray().ToDictionary(s => s.GetProperty("server").GetString()!);
            Assert.That(servers.Keys, Is.EquivalentTo(new[] { "RB01", "RB02", "RB03" }));
            Assert.That(servers["RB01"].GetProperty("maxJobs").GetInt32(), Is.EqualTo(50));
            Assert.That(servers["RB01"].GetProperty("runningJobs").GetInt32(), Is.EqualTo(3));
            Assert.That(servers["RB01"].GetProperty("runningMonitors").GetInt32(), Is.EqualTo(1));
            Assert.That(servers["RB02"].GetProperty("runningJobs").GetInt32(), Is.EqualTo(0));
        });
    }

    [Test]
    public void Status_Text_ATableAndTheMaintenance()
    {
        using var cli = FarmCli.Start(BusyRb01());
        Assert.That(cli.Run("drain", "RB02").ExitCode, Is.EqualTo(ExitCodes.Success));

        var result = cli.Run("status");

        TestContext.Out.WriteLine(result.All);
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.All);
        Assert.That(result.Output, Does.Contain("SERVER").And.Contain("MAX JOBS").And.Contain("MAINTENANCE"));
        Assert.That(result.Output, Does.Contain("in maintenance: RB02"));
        Assert.That(result.Output.Split('\n').Single(l => l.StartsWith("RB02", StringComparison.Ordinal)), Does.Contain("since 2026-11-25 02:00 UTC by").And.Contain("JUMP01"));
    }

    [Test]
    public void Status_JsonInMaintenance_CarriesTheRecord()
    {
        using var cli = FarmCli.Start(BusyRb01());
        cli.Run("drain", "RB02", "--reason", "KB5031234");

        var json = FarmCli.Json(cli.Run("status", "--json", "--server", "RB02"));

        var server = json.GetProperty("result").GetProperty("servers").EnumerateArray().Single();
        var record = server.GetProperty("maintenance");
        Assert.Multiple(() =>
        {
            Assert.That(server.GetProperty("server").GetString(), Is.EqualTo("RB02"));
            Assert.That(server.GetProperty("inMaintenance").GetBoolean(), Is.True);
            Assert.That(record.GetProperty("previousMaxJobs").GetInt32(), Is.EqualTo(50));
            Assert.That(record.GetProperty("waitJobId").GetGuid(), Is.EqualTo(cli.WaitJobs().Single().Id));
            Assert.That(record.GetProperty("reason").GetString(), Is.EqualTo("KB5031234"));
        });
    }

    [Test]
    public void Plan_BusyServer_SaysWhatWouldMove_AndChangesNothing()
    {
        using var cli = FarmCli.Start(BusyRb01());
        var before = cli.Snapshot();

        var text = cli.Run("plan", "RB01");
        var json = FarmCli.Json(cli.Run("plan", "RB01", "--json"));

        TestContext.Out.WriteLine(text.All);
        Assert.Multiple(() =>
        {
            Assert.That(text.ExitCode, Is.EqualTo(ExitCodes.Success), text.All);
            Assert.That(text.Output, Does.Contain(@"\Mon\Disk").And.Contain(@"\Ops\Long"));
            Assert.That(json.GetProperty("outcome").GetString(), Is.EqualTo("can-drain"));
            Assert.That(json.GetProperty("result").GetProperty("canDrain").GetBoolean(), Is.True);
            Assert.That(cli.Snapshot(), Is.EqualTo(before), "a plan changes nothing");
        });
    }

    [Test]
    public void Plan_AnotherServerInMaintenance_WouldBeRefused_Exit2()
    {
        using var cli = FarmCli.Start(BusyRb01());
        cli.Run("drain", "RB02");

        var result = cli.Run("plan", "RB01", "--json");

        var json = FarmCli.Json(result);
        Assert.That((result.ExitCode, json.GetProperty("outcome").GetString()), Is.EqualTo((ExitCodes.BadInput, "would-be-refused")));
        Assert.That(json.GetProperty("summary").GetString(), Does.StartWith("RB01 cannot be drained now:").And.Contain("RB02"));
    }

    [Test]
    public void Drain_Json_Drained_AndTheServerHoldsOnlyTheWaitJob()
    {
        using var cli = FarmCli.Start(BusyRb01());

        var result = cli.Run("drain", "RB01", "--json");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.All);
        var json = FarmCli.Json(result);
        var drain = json.GetProperty("result");
        Assert.Multiple(() =>
        {
            Assert.That((json.GetProperty("command").GetString(), json.GetProperty("outcome").GetString()), Is.EqualTo(("drain", "drained")));
            Assert.That(drain.GetProperty("server").GetString(), Is.EqualTo("RB01"));
            Assert.That(drain.GetProperty("outcome").GetString(), Is.EqualTo("drained"));
            Assert.That(drain.GetProperty("previousMaxJobs").GetInt32(), Is.EqualTo(50));
            Assert.That(drain.GetProperty("waitJobId").GetGuid(), Is.EqualTo(cli.WaitJobs().Single().Id));
            Assert.That(drain.GetProperty("completed").GetArrayLength(), Is.EqualTo(2));
            Assert.That(drain.GetProperty("relocated").EnumerateArray().Select(r => r.GetProperty("runbookPath").GetString()), Is.EqualTo(new[] { @"\Mon\Disk" }));
            Assert.That(drain.GetProperty("durationSeconds").GetDouble(), Is.InRange(12 * 60 - 10, 12 * 60 + 10), "seconds");
            Assert.That(result.Error, Does.Contain("RB01"), "progress goes to standard error with --json");
            Assert.That(cli.Orchestrator.GetMaxJobs("RB01"), Is.EqualTo(1));
        });
    }

    [Test]
    public void Drain_Text_SaysDrainedAndWhatToDoNext()
    {
        using var cli = FarmCli.Start(BusyRb01());

        var result = cli.Run("drain", "RB01");

        TestContext.Out.WriteLine(result.All);
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.All);
        Assert.That(result.Output, Does.Contain("RB01 is drained after").And.Contain($"then: orchpatch restore RB01 --url {cli.Environment["ORCHPATCH_URL"]} --user CONTOSO\\patcher --throttle simulator\n"));
    }

    [Test]
    public void Drain_BlockedAtTheDeadline_Exit3_NamesTheBlocker_AndGivesTheServerBack()
    {
        using var cli = FarmCli.Start(TestFarm.WithServers(3).Job(@"\Ops\Backup", TimeSpan.FromHours(2), "RB01"));

        var result = cli.Run("drain", "RB01", "--deadline", "10m", "--json");

        var json = FarmCli.Json(result);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.WorkLeft), result.All);
            Assert.That(json.GetProperty("exitCode").GetInt32(), Is.EqualTo(ExitCodes.WorkLeft));
            Assert.That(json.GetProperty("outcome").GetString(), Is.EqualTo("rolled-back"));
            Assert.That(json.GetProperty("summary").GetString(), Does.Contain("could not be drained before the deadline (10m)").And.Contain(@"\Ops\Backup"));
            Assert.That(json.GetProperty("result").GetProperty("blockers").EnumerateArray().Select(b => b.GetProperty("runbookPath").GetString()), Is.EqualTo(new[] { @"\Ops\Backup" }));
            Assert.That(cli.Orchestrator.GetMaxJobs("RB01"), Is.EqualTo(50));
            Assert.That(cli.WaitJobs(), Is.Empty);
        });
    }

    [Test]
    public void Drain_PolicyWaitStoppedByTheUserAfterTheDeadline_Exit3_SaysWhatIsLeft()
    {
        using var cli = FarmCli.Start(TestFarm.WithServers(3).Job(@"\Ops\Backup", TimeSpan.FromHours(2), "RB01"));
        using var stop = new CancellationTokenSource();
        var started = cli.Farm.Now;

        var task = cli.Start(stop.Token, "drain", "RB01", "--deadline", "10m", "--deadline-policy", "wait");
        cli.Farm.RunUntil(() => task.IsCompleted || cli.Farm.Now >= started + TimeSpan.FromMinutes(20), TimeSpan.FromHours(1));
        Assert.That(task.IsCompleted, Is.False, "policy wait keeps waiting past the deadline");
        stop.Cancel();
        cli.Farm.RunUntil(() => task.IsCompleted, TimeSpan.FromMinutes(5));
        var result = task.Result;

        TestContext.Out.WriteLine(result.All);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.WorkLeft), result.All);
            Assert.That(result.Error, Does.Contain("orchpatch drain: stopped by the user."));
            var url = cli.Environment["ORCHPATCH_URL"];
            Assert.That(result.Error.Split('\n').Single(l => l.StartsWith("orchpatch drain:", StringComparison.Ordinal)), Does.Contain("RB01 stays in maintenance")
                .And.Contain($"To undo: orchpatch restore RB01 --url {url} --user CONTOSO\\patcher --throttle simulator.")
                .And.Contain($"To continue: orchpatch drain RB01 --resume --url {url} --user CONTOSO\\patcher --throttle simulator."), "the last line says what is left and the commands to paste");
            Assert.That(result.All, Does.Not.Contain("Restore it to undo").And.Not.Contain(FarmCli.Password).And.Not.Contain(FarmCli.DatabasePassword));
            Assert.That(System.Text.RegularExpressions.Regex.Matches(result.All, "stays in maintenance"), Has.Count.EqualTo(1), "said once");
            Assert.That(cli.WaitJobs().Select(j => j.Server), Is.EqualTo(new[] { "RB01" }), "left in maintenance, as the message says");
        });
    }

    [Test]
    public void Restore_AfterDrain_Json_RestoredWithTheRecordedMaxJobs()
    {
        using var cli = FarmCli.Start(BusyRb01().MaxJobs("RB01", 8));
        cli.Run("drain", "RB01");

        var result = cli.Run("restore", "RB01", "--canary", @"\PatchRunbook\Canary", "--json");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.All);
        var json = FarmCli.Json(result);
        Assert.Multiple(() =>
        {
            Assert.That(json.GetProperty("outcome").GetString(), Is.EqualTo("restored"));
            Assert.That(json.GetProperty("result").GetProperty("maxJobsRestored").GetInt32(), Is.EqualTo(8));
            Assert.That(json.GetProperty("summary").GetString(), Does.StartWith("RB01 is restored after"));
            Assert.That(cli.Orchestrator.GetMaxJobs("RB01"), Is.EqualTo(8));
            Assert.That(cli.WaitJobs(), Is.Empty);
        });
    }

    [Test]
    public void Restore_NotInMaintenance_Exit0_SaysNothingChanged()
    {
        using var cli = FarmCli.Start(BusyRb01());
        var before = cli.Snapshot();

        var result = cli.Run("restore", "RB02");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.All);
        Assert.That(result.Output, Does.Contain("RB02 was not in maintenance; nothing changed."));
        Assert.That(cli.Snapshot(), Is.EqualTo(before));
    }

    [Test]
    public void Relocate_MonitorsOnlyToOneServer_MovesTheMonitorThere()
    {
        using var cli = FarmCli.Start(BusyRb01());

        var result = cli.Run("relocate", "--from", "RB01", "--monitors-only", "--to", "RB03");

        TestContext.Out.WriteLine(result.All);
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.All);
        var monitor = cli.Orchestrator.Jobs.Single(j => j.RunbookPath == @"\Mon\Disk" && j.Status == SimulatedJobStatus.Running);
        Assert.Multiple(() =>
        {
            Assert.That(monitor.Server, Is.EqualTo("RB03"));
            Assert.That(result.Output, Does.Contain("RUNBOOK").And.Contain(@"\Mon\Disk").And.Contain(monitor.Id.ToString()));
            Assert.That(cli.Orchestrator.Jobs.Count(j => j.Server == "RB01" && j.Status == SimulatedJobStatus.Running), Is.EqualTo(2), "the ordinary jobs stay");
        });
    }

    [Test]
    public void Relocate_JobIds_Json_MovesExactlyThose()
    {
        using var cli = FarmCli.Start(BusyRb01());
        var jobs = cli.Orchestrator.Jobs.Where(j => j.RunbookPath.StartsWith(@"\Ops", StringComparison.Ordinal)).ToArray();

        var result = cli.Run("relocate", "--from", "RB01", "--job", jobs[0].Id.ToString(), "--job", jobs[1].Id.ToString(), "--json");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.All);
        var moved = FarmCli.Json(result).GetProperty("result").GetProperty("moved").EnumerateArray().ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(moved.Select(m => m.GetProperty("oldJobId").GetGuid()), Is.EquivalentTo(jobs.Select(j => j.Id)));
            Assert.That(moved.Select(m => cli.Orchestrator.GetJob(m.GetProperty("newJobId").GetGuid()).Server), Is.All.AnyOf("RB02", "RB03"));
            Assert.That(jobs.Select(j => cli.Orchestrator.GetJob(j.Id).Status), Is.All.EqualTo(SimulatedJobStatus.Canceled));
        });
    }

    [Test]
    public void Drain_OptionsFromOrchpatchVariables_AndAFlagWinsOverItsVariable()
    {
        using var cli = FarmCli.Start(TestFarm.WithServers(3).Job(@"\Ops\Backup", TimeSpan.FromHours(2), "RB01"));
        cli.Environment["ORCHPATCH_URL"] = "http://wrong.example/Orchestrator2012/Orchestrator.svc/";
        cli.Environment["ORCHPATCH_DEADLINE"] = "7m";
        cli.Environment["ORCHPATCH_JSON"] = "1";

        var result = cli.Run("drain", "RB01", "--url", cli.Orchestrator.ODataRoot.ToString());

        var json = FarmCli.Json(result);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.WorkLeft), result.All);
            Assert.That(json.GetProperty("summary").GetString(), Does.Contain("before the deadline (7m)"), "ORCHPATCH_DEADLINE");
            Assert.That(json.GetProperty("result").GetProperty("deadlineSeconds").GetDouble(), Is.EqualTo(420));
        });
    }

    [Test]
    public void Status_TheWebApiOf2022_SameAnswer()
    {
        using var cli = FarmCli.Start(BusyRb01());
        cli.Environment["ORCHPATCH_URL"] = cli.Orchestrator.WebApiRoot.ToString();

        var result = cli.Run("status", "--json", "--api", "webapi");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.All);
        var servers = FarmCli.Json(result).GetProperty("result").GetProperty("servers").EnumerateArray().ToDictionary(s => s.GetProperty("server").GetString()!, s => s.GetProperty("runningJobs").GetInt32());
        Assert.That(servers, Is.EqualTo(new System.Collections.Generic.Dictionary<string, int> { ["RB01"] = 3, ["RB02"] = 0, ["RB03"] = 0 }));
    }
}
