using System;
using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;
using OrchPatch.TestSupport.Activities;
using OrchPatch.TestSupport.Farms;

namespace OrchPatch.Activities.Tests.EndToEnd;

/// <summary>Bad input against a live (simulated) farm: refused with a message naming the problem, nothing changed; and
/// no password or connection string in anything an activity shows, on success or failure.</summary>
[TestFixture]
[NonParallelizable]
public sealed class BadInputAndSecretsActivityTests
{
    private const string WrongPassword = "Wr0ng-Secret!99";

    private static TestFarm Farm() => TestFarm.WithServers(3)
        .Monitor(@"\Mon\Disk", "RB01")
        .Job(@"\Ops\Long", TimeSpan.FromMinutes(20), "RB01");

    private static IEnumerable<TestCaseData> BadInputs()
    {
        yield return Case(typeof(DrainRunbookServerActivity), "Runbook Server", "  ", "The input 'Runbook Server' is empty");
        yield return Case(typeof(DrainRunbookServerActivity), "Runbook Server", "RB09", "Cannot drain RB09: Runbook server 'RB09' is unknown to http://simulator.local/", "RB01", "RB02", "RB03", "Nothing was changed.");
        yield return Case(typeof(DrainRunbookServerActivity), "Deadline (minutes)", 0, "The input 'Deadline (minutes)' must be a whole number of minutes from 1", "got 0");
        yield return Case(typeof(DrainRunbookServerActivity), "Deadline (minutes)", -30, "The input 'Deadline (minutes)' must be a whole number of minutes from 1", "got -30");
        yield return Case(typeof(DrainRunbookServerActivity), "Web Service URL", "orch01 port 81",
            "The Orchestrator Patching Connection (Options menu) is invalid: The setting 'Web Service URL' must be an absolute http or https URL, and 'orch01 port 81' is not. Expected http(s)://SERVER:81/Orchestrator2012/Orchestrator.svc/ (Orchestrator 2012-2019) or https://SERVER:PORT/api/ (Orchestrator 2022).");
        yield return Case(typeof(DrainRunbookServerActivity), "Password", "", "The Orchestrator Patching Connection (Options menu) is invalid: The setting 'Password' is required when 'User' is set.");
        yield return Case(typeof(DrainRunbookServerActivity), "User", "a\\b\\c", "The setting 'User' must be DOMAIN\\user, user@domain or user; 'a\\b\\c' is not.");
        yield return Case(typeof(DrainRunbookServerActivity), "Password", WrongPassword, "401", @"CONTOSO\patcher");
        yield return Case(typeof(DrainRunbookServerActivity), "User", @"CONTOSO\nobody", "401", @"CONTOSO\nobody");
        yield return Case(typeof(RestoreRunbookServerActivity), "Runbook Server", "RB09", "RB09", "unknown");
        yield return Case(typeof(RestoreRunbookServerActivity), "Password", WrongPassword, "401");
        yield return Case(typeof(RelocateJobsActivity), "From Runbook Server", "RB09", "RB09", "unknown");
        yield return Case(typeof(RelocateJobsActivity), "From Runbook Server", "", "The input 'From Runbook Server' is empty");
        yield return Case(typeof(GetRunbookServerStatusActivity), "Runbook Server", "RB09", "RB09", "unknown");
        yield return Case(typeof(GetRunbookServerStatusActivity), "Web Service URL", "", "The setting 'Web Service URL' is required");
        yield return Case(typeof(DrainRunbookServerActivity), "Runbook Server", "RB01' or Name ne '", "Runbook server 'RB01' or Name ne '' is unknown");
        yield return Case(typeof(DrainRunbookServerActivity), "Wait Runbook Path", @"\PatchRunbook\NoSuchWait", @"\PatchRunbook\NoSuchWait");
        yield return Case(typeof(DrainRunbookServerActivity), "Minimum Runbook Servers", 4, "at least 4");
    }

    [TestCaseSource(nameof(BadInputs))]
    public void Run_BadInput_IsRefusedWithAClearMessage_AndNothingChanges(Type activity, string name, object? value, string[] expected)
    {
        using var farm = ActivityFarm.Start(Farm());
        var before = farm.Snapshot();

        var run = Run(farm, activity, name, value);
        TestContext.Out.WriteLine(run.Message);

        Assert.Multiple(() =>
        {
            Assert.That(run.Outcome, Is.EqualTo(ActivityOutcome.Failed));
            Assert.That(run.Exception, Is.TypeOf<ActivityFailedException>());
            foreach (var part in expected)
            {
                Assert.That(run.Message, Does.Contain(part));
            }

            Assert.That(farm.Snapshot(), Is.EqualTo(before), "nothing changed");
            Assert.That(run.AllText(), Does.Not.Contain(ActivityFarm.Password).And.Not.Contain(WrongPassword).And.Not.Contain(ActivityFarm.DatabasePassword));
        });
    }

    [Test]
    public void Drain_AccountWithoutPublish_IsRefusedAt403_AndNothingChanges()
    {
        var reader = new Simulator.SimulatedUser(@"CONTOSO\reader", ActivityFarm.Password) { Permissions = new[] { new Simulator.RunbookPermission(@"\", Simulator.RunbookRights.Read) } };
        using var farm = ActivityFarm.Start(Farm(), reader);
        var before = farm.Snapshot();

        var run = farm.Run<DrainRunbookServerActivity>(new() { ["Runbook Server"] = "RB01" }, c => c["User"] = reader.Name);
        TestContext.Out.WriteLine(run.Message);

        Assert.Multiple(() =>
        {
            Assert.That(run.Outcome, Is.EqualTo(ActivityOutcome.Failed));
            Assert.That(run.Message, Does.Contain("403").Or.Contain("Publish"));
            Assert.That(run.Message, Does.Contain(@"\PatchRunbook\4: WaitRunbook"), "names the runbook it may not start");
            Assert.That(farm.Snapshot(), Is.EqualTo(before));
        });
    }

    [TestCase(1, Description = "the only runbook server")]
    [TestCase(2, Description = "the last server taking work while another is in maintenance")]
    public void Drain_TheLastServerTakingWork_IsRefused_AndNothingChanges(int servers)
    {
        using var farm = ActivityFarm.Start(TestFarm.WithServers(servers));
        if (servers == 2)
        {
            Assert.That(farm.Run<DrainRunbookServerActivity>(new() { ["Runbook Server"] = "RB02" }).Outcome, Is.EqualTo(ActivityOutcome.Success));
        }

        var before = farm.Snapshot();

        var run = farm.Run<DrainRunbookServerActivity>(new() { ["Runbook Server"] = "RB01" });

        TestContext.Out.WriteLine(run.Message);
        Assert.Multiple(() =>
        {
            Assert.That(run.Outcome, Is.EqualTo(ActivityOutcome.Failed));
            Assert.That(run.Message, Does.StartWith("Cannot drain RB01:").And.EndWith("Nothing was changed."));
            Assert.That(farm.Snapshot(), Is.EqualTo(before));
        });
    }

    [Test]
    public void Drain_TheServerRunningTheActivity_IsRefused_AndNothingChanges()
    {
        var local = Environment.MachineName;
        var scenario = TestFarm.WithServers(2).Scenario();
        using var farm = ActivityFarm.Start(scenario with { Servers = scenario.Servers.Append(new Simulator.Scenarios.ServerSpec(local)).ToArray() });
        var before = farm.Snapshot();

        var run = farm.Run<DrainRunbookServerActivity>(new() { ["Runbook Server"] = local.ToLowerInvariant() });

        TestContext.Out.WriteLine(run.Message);
        Assert.Multiple(() =>
        {
            Assert.That(run.Outcome, Is.EqualTo(ActivityOutcome.Failed));
            Assert.That(run.Message, Does.StartWith($"Cannot drain {local}").IgnoreCase.And.EndWith("Nothing was changed."));
            Assert.That(farm.Snapshot(), Is.EqualTo(before));
        });
    }

    [Test]
    public void Run_MalformedConnectionString_IsRefusedWithoutOurParameterName()
    {
        var run = ActivityHarness.Run(typeof(DrainRunbookServerActivity), new Dictionary<string, object?> { ["Runbook Server"] = "RB01" }, new Dictionary<string, object?>
        {
            ["Web Service URL"] = "http://127.0.0.1:9/Orchestrator2012/Orchestrator.svc/",
            ["Database Connection String"] = ActivityFarm.ConnectionString + ";Bogus Keyword=1",
        });

        Assert.That((run.Outcome, run.Message), Is.EqualTo((ActivityOutcome.Failed, "The database connection string is malformed (Keyword not supported: 'bogus keyword'.).")));
    }

    [Test]
    public void Run_EveryPathWithAKnownPasswordAndConnectionString_ShowsNeither()
    {
        var runs = new List<(string Path, ActivityRun Run)>();
        using (var farm = ActivityFarm.Start(Farm().Job(@"\Ops\Backup", TimeSpan.FromHours(3), "RB02")))
        {
            runs.Add(("status", farm.Run<GetRunbookServerStatusActivity>(new())));
            runs.Add(("drain blocked at the deadline", farm.Run<DrainRunbookServerActivity>(new() { ["Runbook Server"] = "RB02", ["Deadline (minutes)"] = 5, ["Reason"] = "patch " + ActivityFarm.Password })));
            runs.Add(("drain", farm.Run<DrainRunbookServerActivity>(new() { ["Runbook Server"] = "RB01" })));
            runs.Add(("status in maintenance", farm.Run<GetRunbookServerStatusActivity>(new())));
            runs.Add(("relocate", farm.Run<RelocateJobsActivity>(new() { ["From Runbook Server"] = "RB02" })));
            runs.Add(("restore with a missing canary", farm.Run<RestoreRunbookServerActivity>(new() { ["Runbook Server"] = "RB01", ["Canary Runbook"] = @"\No\Canary" })));
            runs.Add(("restore", farm.Run<RestoreRunbookServerActivity>(new() { ["Runbook Server"] = "RB01" })));
            runs.Add(("restore not in maintenance", farm.Run<RestoreRunbookServerActivity>(new() { ["Runbook Server"] = "RB01" })));
            runs.Add(("unknown server", farm.Run<DrainRunbookServerActivity>(new() { ["Runbook Server"] = "RB09" })));
            runs.Add(("wrong password", farm.Run<DrainRunbookServerActivity>(new() { ["Runbook Server"] = "RB01" }, c => c["Password"] = ActivityFarm.Password + "x")));
            runs.Add(("password in the URL", farm.Run<GetRunbookServerStatusActivity>(new(), c => c["Web Service URL"] = $"http://patcher:{ActivityFarm.Password}@simulator.local:81/Orchestrator2012/Orchestrator.svc/")));
        }

        // The production host: a malformed connection string is refused before anything is contacted.
        runs.Add(("malformed connection string", ActivityHarness.Run(typeof(DrainRunbookServerActivity), new Dictionary<string, object?> { ["Runbook Server"] = "RB01" }, new Dictionary<string, object?>
        {
            ["Web Service URL"] = "http://127.0.0.1:9/Orchestrator2012/Orchestrator.svc/",
            ["Password"] = ActivityFarm.Password,
            ["Database Connection String"] = ActivityFarm.ConnectionString + ";Bogus Keyword=1",
        })));

        Assert.Multiple(() =>
        {
            Assert.That(runs.ConvertAll(r => (r.Path, r.Run.Outcome)), Is.EqualTo(new[]
            {
                ("status", ActivityOutcome.Success),
                ("drain blocked at the deadline", ActivityOutcome.Failed),
                ("drain", ActivityOutcome.Success),
                ("status in maintenance", ActivityOutcome.Success),
                ("relocate", ActivityOutcome.Success),
                ("restore with a missing canary", ActivityOutcome.Failed),
                ("restore", ActivityOutcome.Success),
                ("restore not in maintenance", ActivityOutcome.Success),
                ("unknown server", ActivityOutcome.Failed),
                ("wrong password", ActivityOutcome.Failed),
                ("password in the URL", ActivityOutcome.Failed),
                ("malformed connection string", ActivityOutcome.Failed),
            }), "every path ran as intended");
            foreach (var (path, run) in runs)
            {
                var text = run.AllText();
                Assert.That(text, Does.Not.Contain(ActivityFarm.Password), path);
                Assert.That(text, Does.Not.Contain(ActivityFarm.DatabasePassword), path);
                Assert.That(text, Does.Not.Contain(ActivityFarm.ConnectionString), path);
            }
        });
    }

    private static TestCaseData Case(Type activity, string name, object? value, params string[] expected) =>
        new TestCaseData(activity, name, value, expected) { TestName = $"Run_{activity.Name.Replace("Activity", string.Empty)}_{name.Replace(" ", string.Empty).Replace("(", string.Empty).Replace(")", string.Empty)}_{value}_IsRefused" };

    private static ActivityRun Run(ActivityFarm farm, Type activity, string name, object? value)
    {
        var inputs = new Dictionary<string, object?>();
        if (activity != typeof(GetRunbookServerStatusActivity))
        {
            inputs[activity == typeof(RelocateJobsActivity) ? "From Runbook Server" : "Runbook Server"] = "RB01";
        }

        var connection = farm.Connection();
        if (connection.ContainsKey(name) || name is "Web Service URL" or "User" or "Password" or "Wait Runbook Path")
        {
            connection[name] = value;
        }
        else
        {
            inputs[name] = value;
        }

        return ActivityHarness.Run(activity, inputs, connection);
    }
}
