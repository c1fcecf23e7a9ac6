using System;
using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;
using OrchPatch.Cli.Infrastructure;
using OrchPatch.Simulator;
using OrchPatch.TestSupport.Farms;

namespace OrchPatch.Cli.Tests.Commands;

/// <summary>Bad input to every farm command against a live (simulated) farm: exit 2, a message naming the problem,
/// nothing changed; and the password and connection string never in standard output, standard error or --json.</summary>
[TestFixture]
public sealed class BadInputAndSecretsCommandTests
{
    private const string WrongPassword = "Wr0ng-Cli!99";

    private static TestFarm Farm() => TestFarm.WithServers(3)
        .Monitor(@"\Mon\Disk", "RB01")
        .Job(@"\Ops\Long", TimeSpan.FromMinutes(20), "RB01");

    private static IEnumerable<TestCaseData> BadInputs()
    {
        yield return Case("drain unknown server", null, new[] { "drain", "RB09" }, "orchpatch drain: Cannot drain RB09: Runbook server 'RB09' is unknown to http://simulator.local/Orchestrator2012/Orchestrator.svc/.");
        yield return Case("drain no server", null, new[] { "drain" }, "orchpatch drain: name the runbook server: orchpatch drain SERVER --url URL.");
        yield return Case("drain two servers", null, new[] { "drain", "RB01", "RB02" }, "orchpatch drain: Unrecognized command or argument 'RB02'.");
        yield return Case("drain malformed --url", null, new[] { "drain", "RB01", "--url", "orch01 port 81" }, "'orch01 port 81' is not", "Orchestrator.svc", "/api/");
        yield return Case("drain malformed ORCHPATCH_URL", env => env["ORCHPATCH_URL"] = "ftp://orch01/", new[] { "drain", "RB01" }, "orchpatch drain: the connection options are invalid: --url must be an absolute http or https URL, and 'ftp://orch01/' is not.");
        yield return Case("drain malformed --user", null, new[] { "drain", "RB01", "--user", @"a\b\c" }, @"orchpatch drain: the connection options are invalid: --user must be DOMAIN\user, user@domain or user; 'a\b\c' is not.");
        yield return Case("drain --request-timeout 2h", null, new[] { "drain", "RB01", "--request-timeout", "2h" }, "orchpatch drain: --request-timeout must be between 1s and 1h; got 2h.");
        yield return Case("drain --poll 1h", null, new[] { "drain", "RB01", "--poll", "1h" }, "orchpatch drain: --poll must be between 1s and 10m; got 1h.");
        yield return Case("drain ORCHPATCH_POLL 0.5s", env => env["ORCHPATCH_POLL"] = "0.5s", new[] { "drain", "RB01" }, "ORCHPATCH_POLL (the fallback for --poll) must be between 1s and 10m; got 0.5s.");
        yield return Case("status --api odata on an /api/ URL", null, new[] { "status", "--url", "https://orch01.contoso.com:8443/api/", "--api", "odata" }, "--url https://orch01.contoso.com:8443/api/ is a Web API URL (Orchestrator 2022, /api/), but --api says odata. Use --api webapi, or leave --api out (auto).");
        yield return Case("status --api webapi on an Orchestrator.svc URL", null, new[] { "status", "--api", "webapi" }, "is an Orchestrator.svc URL (Orchestrator 2012-2019), but --api says webapi. Use --api odata");
        yield return Case("status ORCHPATCH_THROTTLE bogus", env => env["ORCHPATCH_THROTTLE"] = "bogus", new[] { "status" }, "ORCHPATCH_THROTTLE (the fallback for --throttle) must be one of database, aspt, simulator, none; got 'bogus'.");
        yield return Case("drain no url", env => env.Remove("ORCHPATCH_URL"), new[] { "drain", "RB01" }, "--url is required (or set ORCHPATCH_URL)");
        yield return Case("drain --deadline 0s", null, new[] { "drain", "RB01", "--deadline", "0s" }, "--deadline must be between 1s and 168h; got 0s.");
        yield return Case("drain --deadline 20 (no unit)", null, new[] { "drain", "RB01", "--deadline", "20" }, "--deadline must be a duration such as 30s, 45m, 2h or 1h30m (a number needs a unit); got '20'.");
        yield return Case("drain --deadline -5m", null, new[] { "drain", "RB01", "--deadline=-5m" }, "--deadline");
        yield return Case("drain --deadline soon", null, new[] { "drain", "RB01", "--deadline", "soon" }, "--deadline", "soon");
        yield return Case("drain bad policy", null, new[] { "drain", "RB01", "--deadline-policy", "sometimes" }, "--deadline-policy", "sometimes");
        yield return Case("drain --password", null, new[] { "drain", "RB01", "--password", "x" }, "--password is not accepted", "ORCHPATCH_PASSWORD");
        yield return Case("drain --password=", null, new[] { "drain", "RB01", "--password=" + WrongPassword }, "--password is not accepted");
        yield return Case("drain unknown option", null, new[] { "drain", "RB01", "--force" }, "orchpatch drain: Unrecognized command or argument '--force'.");
        yield return Case("drain single dash", null, new[] { "drain", "RB01", "-f" }, "Unrecognized command or argument '-f'");
        yield return Case("drain wrong password", env => env["ORCHPATCH_PASSWORD"] = WrongPassword, new[] { "drain", "RB01" }, @"refused the credentials of CONTOSO\patcher (401 Unauthorized)");
        yield return Case("drain user without password", env => env.Remove("ORCHPATCH_PASSWORD"), new[] { "drain", "RB01" }, @"--user CONTOSO\patcher needs a password: set ORCHPATCH_PASSWORD");
        yield return Case("drain no throttle", env => { env.Remove("ORCHPATCH_THROTTLE"); env.Remove("ORCHPATCH_CONNECTION_STRING"); }, new[] { "drain", "RB01" }, "--throttle is required: database (with --connection-string)", "simulator");
        yield return Case("drain bad throttle", null, new[] { "drain", "RB01", "--throttle", "registry" }, "--throttle", "registry");
        yield return Case("drain malformed connection string", env => env["ORCHPATCH_CONNECTION_STRING"] = FarmCli.ConnectionString + ";Bogus Keyword=1", new[] { "drain", "RB01", "--throttle", "database" }, "orchpatch drain: The database connection string is malformed (Keyword not supported: 'bogus keyword'.).\n");
        yield return Case("plan unknown server", null, new[] { "plan", "RB09" }, "RB09", "unknown");
        yield return Case("restore unknown server", null, new[] { "restore", "RB09" }, "Cannot restore RB09: Runbook server 'RB09' is unknown");
        yield return Case("restore bad wait job", null, new[] { "restore", "RB01", "--wait-job", "abc" }, "--wait-job must be a job id (a GUID); got 'abc'.");
        yield return Case("restore --health-timeout 0", null, new[] { "restore", "RB01", "--health-timeout", "0s" }, "--health-timeout must be between 1s and 24h; got 0s.");
        yield return Case("relocate no --from", null, new[] { "relocate" }, "--from SERVER is required");
        yield return Case("relocate unknown server", null, new[] { "relocate", "--from", "RB09" }, "Cannot relocate jobs from RB09");
        yield return Case("relocate both selections", null, new[] { "relocate", "--from", "RB01", "--monitors-only", "--job", Guid.Empty.ToString() }, "--monitors-only and --job exclude each other.");
        yield return Case("relocate bad job id", null, new[] { "relocate", "--from", "RB01", "--job", "42" }, "'42'");
        yield return Case("status unknown server", null, new[] { "status", "--server", "RB09" }, "RB09", "unknown");
        yield return Case("status wrong password", env => env["ORCHPATCH_PASSWORD"] = WrongPassword, new[] { "status" }, "401");
        yield return Case("rolling unknown server", null, new[] { "rolling", "--servers", "RB01,RB09", "--patch-command", "true {server}" }, "RB09");
        yield return Case("drain filter injection", null, new[] { "drain", "RB01' or Name ne '" }, "Runbook server 'RB01' or Name ne '' is unknown");
        yield return Case("drain missing wait runbook", null, new[] { "drain", "RB01", "--wait-runbook", @"\PatchRunbook\NoSuchWait" }, @"Runbook '\PatchRunbook\NoSuchWait' is unknown");
        yield return Case("drain --min-servers 4", null, new[] { "drain", "RB01", "--min-servers", "4" }, "at least 4 are required");
        yield return Case("drain --min-servers 1", null, new[] { "drain", "RB01", "--min-servers", "1" }, "--min-servers");
        yield return Case("drain account without publish", env => env["ORCHPATCH_USER"] = @"CONTOSO\reader", new[] { "drain", "RB01" }, @"CONTOSO\reader may not start the runbook '\PatchRunbook\4: WaitRunbook'", "(403 Forbidden)");
        yield return Case("drain the computer it runs on", null, new[] { "drain", "rb02" }, "Cannot drain RB02: RB02 is the runbook server running this drain", "--allow-local");
        yield return Case("rolling positional", null, new[] { "rolling", "RB01", "--patch-command", "true {server}" }, "orchpatch rolling: Unrecognized command or argument 'RB01'");
    }

    [TestCaseSource(nameof(BadInputs))]
    public void Command_BadInput_Exit2_WithAMessage_AndNothingChanged(Action<Dictionary<string, string>>? environment, string[] args, string[] expected)
    {
        var reader = new SimulatedUser(@"CONTOSO\reader", FarmCli.Password) { Permissions = new[] { new RunbookPermission(@"\", RunbookRights.Read) } };
        using var cli = FarmCli.Start(Farm(), reader);
        cli.MachineName = "RB02";
        environment?.Invoke(cli.Environment);
        var before = cli.Snapshot();

        var text = cli.Run(args);
        var json = cli.Run(args.Append("--json").ToArray());

        TestContext.Out.WriteLine(text.All);
        Assert.Multiple(() =>
        {
            Assert.That(text.ExitCode, Is.EqualTo(ExitCodes.BadInput), text.All);
            foreach (var part in expected)
            {
                Assert.That(text.Error, Does.Contain(part));
            }

            Assert.That(text.All, Does.Not.Contain("   at ").And.Not.Contain("(Parameter '").And.Not.Contain("The field ").And.Not.Contain("are invalid. Validation Errors"), "no stack trace, no parameter or field names of ours");
            Assert.That(json.ExitCode, Is.EqualTo(ExitCodes.BadInput), json.All);
            Assert.That(cli.Snapshot(), Is.EqualTo(before), "nothing changed");
            Assert.That(text.All + json.All, Does.Not.Contain(FarmCli.Password).And.Not.Contain(WrongPassword).And.Not.Contain(FarmCli.DatabasePassword));
        });
    }

    [Test]
    public void Drain_TheComputerItRunsOnWithAllowLocal_Drains()
    {
        using var cli = FarmCli.Start(Farm());
        cli.MachineName = "rb02";

        var result = cli.Run("drain", "RB02", "--allow-local");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.All);
        Assert.That(cli.Orchestrator.GetMaxJobs("RB02"), Is.EqualTo(1));
    }

    [TestCase(1, Description = "the only runbook server")]
    [TestCase(2, Description = "the last server taking work while another is in maintenance")]
    public void Drain_TheLastServerTakingWork_Exit2_NothingChanged(int servers)
    {
        using var cli = FarmCli.Start(TestFarm.WithServers(servers));
        if (servers == 2)
        {
            Assert.That(cli.Run("drain", "RB02").ExitCode, Is.EqualTo(ExitCodes.Success));
        }

        var before = cli.Snapshot();

        var result = cli.Run("drain", "RB01");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.All);
            Assert.That(result.Error, Does.Contain("orchpatch drain: Cannot drain RB01:").And.Contain("Nothing was changed."));
            Assert.That(cli.Snapshot(), Is.EqualTo(before));
        });
    }

    [Test]
    public void EveryCommand_SuccessAndFailure_NeverShowsThePasswordOrConnectionString()
    {
        var results = new List<(string What, CliResult Result)>();
        using (var cli = FarmCli.Start(Farm().Job(@"\Ops\Backup", TimeSpan.FromHours(3), "RB02")))
        {
            foreach (var json in new[] { false, true })
            {
                string[] A(params string[] args) => json ? args.Append("--json").ToArray() : args;
                results.Add(("status", cli.Run(A("status"))));
                results.Add(("plan", cli.Run(A("plan", "RB01"))));
                results.Add(("drain blocked", cli.Run(A("drain", "RB02", "--deadline", "5m", "--reason", "patch " + FarmCli.Password))));
                results.Add(("drain", cli.Run(A("drain", "RB01", "--reason", FarmCli.ConnectionString))));
                results.Add(("status in maintenance", cli.Run(A("status"))));
                results.Add(("plan refused", cli.Run(A("plan", "RB03"))));
                results.Add(("restore", cli.Run(A("restore", "RB01"))));
                results.Add(("restore not in maintenance", cli.Run(A("restore", "RB01"))));
                results.Add(("relocate", cli.Run(A("relocate", "--from", "RB02", "--monitors-only"))));
                results.Add(("rolling echoing secrets", cli.Run(A("rolling", "--servers", "RB03", "--patch-command", $"echo '{FarmCli.Password} {FarmCli.ConnectionString}' {{server}}"))));
                results.Add(("rolling failing", cli.Run(A("rolling", "--servers", "RB03", "--patch-command", $"echo '{FarmCli.Password}' >&2; false {{server}}"))));
                results.Add(("restore after the failure", cli.Run(A("restore", "RB03"))));
                cli.Environment["ORCHPATCH_PASSWORD"] = FarmCli.Password + "x";
                results.Add(("wrong password", cli.Run(A("drain", "RB01"))));
                cli.Environment["ORCHPATCH_PASSWORD"] = FarmCli.Password;
                results.Add(("malformed connection string", cli.Run(A("status", "--throttle", "database", "--connection-string", FarmCli.ConnectionString + ";Bogus=1"))));
                results.Add(("password in the url", cli.Run(A("status", "--url", $"http://patcher:{FarmCli.Password}@simulator.local/Orchestrator2012/Orchestrator.svc/"))));
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(results.Take(results.Count / 2).Select(r => (r.What, r.Result.ExitCode)), Is.EqualTo(new[]
            {
                ("status", 0), ("plan", 0), ("drain blocked", 3), ("drain", 0), ("status in maintenance", 0), ("plan refused", 2), ("restore", 0),
                ("restore not in maintenance", 0), ("relocate", 0), ("rolling echoing secrets", 0), ("rolling failing", 1), ("restore after the failure", 0),
                ("wrong password", 2), ("malformed connection string", 2), ("password in the url", 2),
            }), "every path ran as intended");
            Assert.That(results.Skip(results.Count / 2).Select(r => r.Result.ExitCode), Is.EqualTo(results.Take(results.Count / 2).Select(r => r.Result.ExitCode)), "--json agrees");
            foreach (var (what, result) in results)
            {
                Assert.That(result.All, Does.Not.Contain(FarmCli.Password), what);
                Assert.That(result.All, Does.Not.Contain(FarmCli.DatabasePassword), what);
                Assert.That(result.All, Does.Not.Contain(FarmCli.ConnectionString), what);
            }
        });
    }

    private static TestCaseData Case(string name, Action<Dictionary<string, string>>? environment, string[] args, params string[] expected) =>
        new TestCaseData(environment, args, expected) { TestName = "Command_BadInput_Exit2(" + name + ")" };
}
