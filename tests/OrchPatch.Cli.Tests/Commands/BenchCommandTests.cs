using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using NUnit.Framework;
using OrchPatch.Cli.Infrastructure;

namespace OrchPatch.Cli.Tests.Commands;

/// <summary>The benchmark's smallest configuration as a smoke test: it completes and its numbers are consistent.</summary>
[TestFixture]
public sealed class BenchCommandTests
{
    [Test]
    public async Task Run_SmallestFarmJson_EveryProcedureCompletesWithConsistentFigures()
    {
        var result = await CliRunner.RunAsync("bench", "--servers", "2", "--jobs-per-hour", "60", "--seed", "11", "--json");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.All);
        using var json = JsonDocument.Parse(result.Output);
        var rows = json.RootElement.GetProperty("result").GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("report")).ToList();
        var byName = rows.ToDictionary(r => r.GetProperty("strategy").GetString()!);
        Assert.Multiple(() =>
        {
            Assert.That(byName.Keys, Is.EqualTo(new[] { "seed-10s", "seed-60s", "seed-5m", "seed-15m", "orchpatch" }));
            foreach (var (name, row) in byName)
            {
                Assert.That(row.GetProperty("succeeded").GetBoolean(), Is.True, name);
                Assert.That(row.GetProperty("windowSeconds").GetDouble(), Is.GreaterThanOrEqualTo(row.GetProperty("servers").EnumerateArray().Sum(s => s.GetProperty("drainTimeSeconds").GetDouble())), name + ": window >= sum of drains");
                Assert.That(row.GetProperty("fewestServersAcceptingWork").GetInt32(), Is.GreaterThanOrEqualTo(1), name);
                Assert.That(row.GetProperty("mostServersOutOfService").GetInt32(), Is.EqualTo(1), name + ": one server at a time");
                // With one server at a time the replay keeps the gaps and the patches, and each drain lasts its bound.
                Assert.That(row.GetProperty("windowWithPerfectKnowledgeSeconds").GetDouble(), Is.GreaterThanOrEqualTo(row.GetProperty("lowerBoundTotalSeconds").GetDouble()), name);
            }

            var engine = byName["orchpatch"];
            Assert.That(engine.GetProperty("windowSeconds").GetDouble(), Is.GreaterThanOrEqualTo(engine.GetProperty("lowerBoundTotalSeconds").GetDouble()), "no lossless procedure beats the sum of lower bounds");
            Assert.That(engine.GetProperty("jobsInterrupted").GetInt32(), Is.EqualTo(0));
            Assert.That(byName["seed-10s"].GetProperty("jobsInterrupted").GetInt32(), Is.GreaterThan(0), "the workload has 10-25 minute jobs: 10 seconds is too short a wait");
        });
    }

    [Test]
    public async Task Run_SmallestFarmText_PrintsEachTargetNextToItsFigure()
    {
        var result = await CliRunner.RunAsync("bench", "--servers", "2", "--jobs-per-hour", "60", "--seed", "11");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.All);
        Assert.Multiple(() =>
        {
            Assert.That(result.Output, Does.Match(@"FIGURE\s+TARGET\s+seed-10s\s+seed-60s\s+seed-5m\s+seed-15m\s+orchpatch"));
            Assert.That(result.Output, Does.Match(@"jobs interrupted\s+0\s+\d+ MISS.*\s0 ok\r?\n"));
            Assert.That(result.Output, Does.Match(@"fewest servers accepting\s+>= 1\s"));
            Assert.That(result.Output, Does.Match(@"monitor gap \(worst\)\s+<= 6s \(two polls\)"));
            Assert.That(result.Output, Does.Match(@"requests / poll / drained server\s+<= 1\.2\s"));
            Assert.That(result.Output, Does.Match(@"servers drained at once \(most\)\s+-\s+1\s+1\s+1\s+1\s+1\r?\n"));
            Assert.That(result.Output, Does.Match(@"window with perfect knowledge\s+-\s+\S+\s+\S+\s+\S+\s+\S+\s+\S+\r?\n"));
            Assert.That(result.Output, Does.Match(@"RB01\s+\d+s / \S+ \("), "per-server drain / lower bound");
        });
    }

    [TestCase(new[] { "--servers", "1" }, "--servers must be a whole number from 2 to 100; got '1'.")]
    [TestCase(new[] { "--jobs-per-hour", "0" }, "--jobs-per-hour must be a number from 1 to 1000000; got '0'.")]
    [TestCase(new[] { "--max-unavailable", "11" }, "--max-unavailable must be a whole number from 1 to 10; got '11'.")]
    [TestCase(new[] { "--sweep", "--servers", "3" }, "--sweep chooses its own servers and loads, one server at a time; leave out --servers, --jobs-per-hour and --max-unavailable.")]
    public async Task Run_BadInput_IsRefusedWithTheProblemNamed(string[] arguments, string message)
    {
        var result = await CliRunner.RunAsync(new[] { "bench" }.Concat(arguments).ToArray());

        Assert.That((result.ExitCode, result.Error.Trim(), result.Output), Is.EqualTo((ExitCodes.BadInput, "orchpatch bench: " + message, string.Empty)));
    }

    [Test]
    public async Task Help_ShowsUsageAndAnExample()
    {
        var result = await CliRunner.RunAsync("bench", "--help");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success));
        Assert.That(result.Output, Does.Contain("Usage: orchpatch bench [--servers N] [--jobs-per-hour R] [--seed S] [--max-unavailable N] [--sweep]").And.Contain("  orchpatch bench --servers 5"));
    }
}
