using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using NUnit.Framework;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Simulator.Scenarios;

namespace OrchPatch.Simulator.Tests.Scenarios;

[TestFixture]
public sealed class ScenarioReaderTests
{
    private const string Example = """
        {
          "name": "two servers",
          "seed": 42,
          "servers": [ { "name": "RB01", "maxJobs": 20 }, "RB02" ],
          "runbooks": [
            { "path": "\\PatchRunbook\\4: WaitRunbook", "role": "wait", "duration": "untilCanceled", "concurrency": 10,
              "parameters": [ "Server", "PreviousMaxJobs", "Owner", "StartedAt", "Reason" ] },
            { "path": "\\Mon\\Disk", "isMonitor": true, "triggerInterval": "2m" },
            { "path": "\\Ops\\Backup", "id": "0e3d0830-5bb6-4717-bb94-330e0338f153", "servers": [ "RB01", "RB02" ], "concurrency": 5,
              "duration": { "kind": "uniform", "min": "10m", "max": "40m" }, "failureRate": 0.1,
              "parameters": [ { "name": "Database", "id": "60a8fa04-6293-4767-b842-46cba5790553" }, { "name": "Result", "direction": "Out" } ],
              "children": [ { "runbook": "\\Ops\\Verify", "wait": false, "onParentServer": true } ] },
            { "path": "\\Ops\\Verify", "duration": { "kind": "exponential", "mean": "90s" } },
            { "path": "\\Ops\\Quick", "duration": 30 }
          ],
          "arrivals": [ { "runbook": "\\Ops\\Backup", "ratePerHour": 6, "parameters": { "Database": "CRM" } } ],
          "initialJobs": [ "\\Mon\\Disk", { "runbook": "\\Ops\\Quick", "servers": [ "RB02" ] } ],
        }
        """;

    [Test]
    public void Parse_FullExample_ReadsEveryField()
    {
        var scenario = Scenario.Parse(Example);

        Assert.That((scenario.Name, scenario.Seed, scenario.Servers[0].MaxJobs, scenario.Servers[1].MaxJobs), Is.EqualTo(("two servers", 42, 20, 50)));
        var backup = scenario.FindRunbook(@"\ops\backup")!;
        Assert.That(backup.Id, Is.EqualTo(Guid.Parse("0e3d0830-5bb6-4717-bb94-330e0338f153")));
        Assert.That((backup.Servers, backup.Concurrency, backup.FailureRate), Is.EqualTo((new[] { "RB01", "RB02" }, 5, 0.1)));
        Assert.That(backup.Duration, Is.EqualTo(DurationDistribution.Uniform(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(40))));
        Assert.That(backup.Parameters.Select(p => (p.Name, p.Direction)), Is.EqualTo(new[] { ("Database", ParameterDirection.In), ("Result", ParameterDirection.Out) }));
        Assert.That(backup.Children.Single(), Is.EqualTo(new ChildSpec(@"\Ops\Verify") { Wait = false, OnParentServer = true }));
        Assert.That(scenario.FindRunbook(@"\Mon\Disk")!.TriggerInterval, Is.EqualTo(TimeSpan.FromMinutes(2)));
        Assert.That(scenario.FindRunbook(@"\PatchRunbook\4: WaitRunbook")!.Kind, Is.EqualTo(RunbookKind.Wait));
        Assert.That(scenario.FindRunbook(@"\Ops\Quick")!.Duration, Is.EqualTo(DurationDistribution.Fixed(TimeSpan.FromSeconds(30))));
        Assert.That(scenario.FindRunbook(@"\Ops\Verify")!.Duration, Is.EqualTo(DurationDistribution.Exponential(TimeSpan.FromSeconds(90))));
        Assert.That(scenario.Arrivals.Single().Parameters["Database"], Is.EqualTo("CRM"));
        Assert.That(scenario.InitialJobs.Select(j => j.RunbookPath), Is.EqualTo(new[] { @"\Mon\Disk", @"\Ops\Quick" }));
    }

    [Test]
    public void Parse_Problems_AreAllListedWithTheirPath()
    {
        var json = """
            { "servers": [ { "name": "RB01", "maxJob": 3 }, { "name": "RB01", "maxJobs": 0 } ],
              "runbooks": [ { "path": "Ops\\NoSlash", "duration": "forever", "concurrency": 0 },
                            { "path": "\\Ops\\A", "servers": [ "RB09" ], "duration": { "kind": "uniform", "min": "5m", "max": "1m" } } ],
              "arrivals": [ { "runbook": "\\Ops\\Missing", "ratePerHour": 1 } ] }
            """;

        var error = Assert.Throws<ScenarioException>(() => Scenario.Parse(json));

        Assert.That(error!.Problems, Is.EqualTo(new[]
        {
            "servers[0]: unknown property 'maxJob' (known: name, id, maxJobs)",
            "runbooks[0].duration: 'forever' is neither \"untilCanceled\" nor a duration such as 250ms, 90s, 10m, 2h, 1h30m, 45 (seconds) or 00:05:00",
        }));
        Assert.That(error.Message, Does.StartWith("The scenario (text) is invalid:" + Environment.NewLine + "  - servers[0]: unknown property 'maxJob'"));
    }

    [Test]
    public void Validate_SemanticProblems_AreAllListed()
    {
        var json = """
            { "servers": [ "RB01", { "name": "rb01", "maxJobs": 0 } ],
              "runbooks": [ { "path": "Ops\\NoSlash", "concurrency": 0 },
                            { "path": "\\Ops\\A", "servers": [ "RB09" ], "duration": { "kind": "uniform", "min": "5m", "max": "1m" } } ],
              "arrivals": [ { "runbook": "\\Ops\\Missing", "ratePerHour": 1 } ] }
            """;

        var error = Assert.Throws<ScenarioException>(() => Scenario.Parse(json));

        Assert.That(error!.Problems, Is.EqualTo(new[]
        {
            "servers[1] 'rb01': the name is used twice",
            "servers[1] 'rb01': maxJobs 0 is outside 1-1000",
            "runbooks[0] 'Ops\\NoSlash': the path must start with '\\' and name a runbook, for example \\Folder\\Runbook",
            "runbooks[0] 'Ops\\NoSlash': concurrency 0 is outside 1-1000",
            "runbooks[1] '\\Ops\\A': duration: a uniform duration needs 0 < min <= max (got 00:05:00 to 00:01:00)",
            "runbooks[1] '\\Ops\\A': servers: 'RB09' is not a runbook server of the scenario (RB01)",
            "arrivals[0] '\\Ops\\Missing': is not a runbook of the scenario",
        }));
    }

    [Test]
    public void Parse_NotJson_SaysSo()
    {
        var error = Assert.Throws<ScenarioException>(() => Scenario.Parse("{ servers: "));

        Assert.That(error!.Problems.Single(), Does.StartWith("the text is not valid JSON"));
    }

    [Test]
    public void Load_MissingFile_NamesIt()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-scenario-" + Guid.NewGuid() + ".json");

        var error = Assert.Throws<ScenarioException>(() => Scenario.Load(path));

        Assert.That(error!.Message, Does.StartWith($"The scenario {path} is invalid:").And.Contain("the file cannot be read"));
    }

    [Test]
    public void Readme_ScenarioExample_Parses()
    {
        var readme = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../../src/OrchPatch.Simulator/README.md"));
        var example = Regex.Match(readme, "```json\\n(?<json>.*?)```", RegexOptions.Singleline).Groups["json"].Value;

        var scenario = Scenario.Parse(example);

        Assert.That(scenario.Servers, Is.Not.Empty);
    }

    [Test]
    public void Default_IsValidAndHasTheRequiredParts()
    {
        var scenario = Scenario.Default;

        scenario.Validate();
        Assert.That(scenario.Servers.Select(s => (s.Name, s.MaxJobs)), Is.EqualTo(new[] { ("RB01", 50), ("RB02", 50), ("RB03", 50) }));
        var wait = scenario.FindRunbook(StandardRunbooks.WaitRunbookPath)!;
        Assert.That((wait.Kind, wait.IsMonitor, wait.Concurrency, wait.Duration), Is.EqualTo((RunbookKind.Wait, false, 10, DurationDistribution.UntilCanceled)));
        Assert.That(wait.Parameters.Select(p => p.Name), Is.EqualTo(new[] { "Server", "PreviousMaxJobs", "Owner", "StartedAt", "Reason" }));
        Assert.That(scenario.FindRunbook(StandardRunbooks.CanaryPath)!.Kind, Is.EqualTo(RunbookKind.Canary));
        Assert.That(scenario.InitialJobs.Select(j => scenario.FindRunbook(j.RunbookPath)!.IsMonitor), Is.EqualTo(new[] { true, true }));
    }

    [TestCase("90s", 90_000)]
    [TestCase("10m", 600_000)]
    [TestCase("1h30m", 5_400_000)]
    [TestCase("250ms", 250)]
    [TestCase("1m30s", 90_000)]
    [TestCase("45", 45_000)]
    [TestCase("00:05:00", 300_000)]
    public void DurationText_Forms(string text, int milliseconds)
    {
        Assert.That(DurationText.TryParse(text, out var value), Is.True);
        Assert.That(value, Is.EqualTo(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [TestCase("")]
    [TestCase("soon")]
    [TestCase("-5")]
    [TestCase("5x")]
    public void DurationText_Nonsense_IsRefused(string text)
    {
        Assert.That(DurationText.TryParse(text, out _), Is.False);
    }
}
