using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using NUnit.Framework;
using OrchPatch.Cli.Infrastructure;
using OrchPatch.Simulator;
using OrchPatch.TestSupport.Farms;

namespace OrchPatch.Cli.Tests.Commands;

/// <summary>Issue 17: --json spoke several dialects ("running" was seconds in a job and a count in a capacity,
/// "as expected" beside "can-drain" and "rolledBack", the demo's jobBars always empty). Every command's document is
/// checked against one vocabulary and against docs/json-output.md, whose examples are parsed, so the page cannot
/// drift from the output.</summary>
[TestFixture]
[Platform(Exclude = "Win", Reason = "The rolling patch command is a POSIX shell command.")]
public sealed class JsonOutputVocabularyTests
{
    private const string Monitor = @"\Mon\Disk";

    /// <summary>Number-valued names that sound like a time but count something (or are a rate of counts).</summary>
    private static readonly Regex TimeWord = new("(?i)time|duration|deadline|gap|wait|window|interval|timeout|bound|delay|running|elapsed|cpu|age", RegexOptions.CultureInvariant);

    private static readonly Regex CountEnding = new("(Jobs|Count|Slots|Monitors|WhileWaiting)$", RegexOptions.CultureInvariant);

    private static readonly Regex KebabCase = new("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant);

    /// <summary>Keys whose string values are outcome, status or kind words.</summary>
    private static readonly HashSet<string> WordKeys = new(StringComparer.Ordinal) { "outcome", "status", "waitJobStatus", "copyStatus", "category", "phase", "kind", "ending", "strategy" };

    private static Dictionary<string, JsonElement>? _outputs;
    private static string _url = string.Empty;

    /// <summary>Every command run once with --json on farms that fill the arrays the page shows.</summary>
    [OneTimeSetUp]
    public async Task RunEveryCommand()
    {
        var outputs = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        using (var cli = FarmCli.Start(TestFarm.WithServers(3)
            .Monitor(Monitor, "RB01")
            .Job(@"\Ops\Short", TimeSpan.FromMinutes(3), "RB01")
            .Job(@"\Ops\Other", TimeSpan.FromHours(2), "RB02")
            .Job(@"\Ops\Quick", TimeSpan.FromMinutes(3), "RB03")))
        {
            _url = cli.Environment["ORCHPATCH_URL"];
            outputs["drain"] = Run(cli, "drain", "RB01", "--deadline", "10m", "--json");
            outputs["status"] = Run(cli, "status", "--json");
            outputs["plan"] = Run(cli, "plan", "RB02", "--max-concurrent", "2", "--json");
            outputs["restore"] = Run(cli, "restore", "RB01", "--json");
            var monitorServer = cli.Orchestrator.Jobs.Single(j => j.RunbookPath == Monitor && j.Status == SimulatedJobStatus.Running).Server!;
            outputs["relocate"] = Run(cli, "relocate", "--from", monitorServer, "--monitors-only", "--json");
            outputs["rolling"] = Run(cli, "rolling", "--servers", "RB03", "--patch-command", "echo patching {server}", "--json");
        }

        outputs["demo"] = FarmCli.Json(await CliRunner.RunAsync("demo", "--json").ConfigureAwait(false));
        outputs["bench"] = FarmCli.Json(await CliRunner.RunAsync("bench", "--json").ConfigureAwait(false));
        _outputs = outputs;
    }

    private static IEnumerable<string> Commands() => new[] { "status", "plan", "drain", "restore", "relocate", "rolling", "demo", "bench" };

    [TestCaseSource(nameof(Commands))]
    public void Json_EveryDurationsNameEndsInSeconds(string command)
    {
        var offenders = Leaves(Output(command)).Where(l => l.Value.ValueKind == JsonValueKind.Number && !l.Key.EndsWith(JsonOutput.SecondsSuffix, StringComparison.Ordinal)
            && TimeWord.IsMatch(l.Key) && !CountEnding.IsMatch(l.Key)).Select(l => l.Path).Distinct().ToArray();

        Assert.That(offenders, Is.Empty, "a number named like a time is a duration and must say Seconds, or a count and say so");
    }

    [TestCaseSource(nameof(Commands))]
    public void Json_OutcomeAndStatusWordsAreKebabCase(string command)
    {
        var output = Output(command);
        var words = Leaves(output).Where(l => WordKeys.Contains(l.Key) && l.Value.ValueKind == JsonValueKind.String).Select(l => (l.Path, Word: l.Value.GetString()!)).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(words.Select(w => w.Path), Does.Contain("outcome"), "the document's own outcome is checked");
            Assert.That(words.Where(w => !KebabCase.IsMatch(w.Word)).Select(w => $"{w.Path}: {w.Word}").Distinct(), Is.Empty);
        });
    }

    [TestCaseSource(nameof(Commands))]
    public void Json_HintsAreAnArrayOfStrings(string command)
    {
        var hints = Output(command).GetProperty("hints");

        Assert.That((hints.ValueKind, hints.EnumerateArray().All(h => h.ValueKind == JsonValueKind.String)), Is.EqualTo((JsonValueKind.Array, true)));
    }

    [TestCaseSource(nameof(Commands))]
    public void Json_EveryKeyOfTheDocumentedExampleIsInTheOutput_AndEveryOutputKeyIsDocumented(string command)
    {
        var page = File.ReadAllText(DocPath());
        var example = DocExample(page, command);
        var output = Output(command);
        var outputPaths = Paths(output).ToHashSet(StringComparer.Ordinal);
        // A path under an array the run left empty (no job canceled, no warning) cannot be compared.
        var emptyArrays = Leaves(output).Where(l => l.Value.ValueKind == JsonValueKind.Array && l.Value.GetArrayLength() == 0).Select(l => l.Path).ToArray();
        var missing = Paths(example).Where(p => !outputPaths.Contains(p) && !emptyArrays.Any(e => p.StartsWith(e + "[]", StringComparison.Ordinal))).ToArray();
        var documentedNames = Leaves(example).Select(l => l.Key).ToHashSet(StringComparer.Ordinal);
        var undocumented = Leaves(output).Select(l => l.Key).Where(k => !documentedNames.Contains(k) && !page.Contains("`" + k + "`", StringComparison.Ordinal)).Distinct().ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(missing, Is.Empty, "keys docs/json-output.md shows for " + command + " but the output lacks");
            Assert.That(undocumented, Is.Empty, "keys the output has but docs/json-output.md never names");
        });
    }

    [Test]
    public void Demo_Json_HasTheTimelinesJobBars()
    {
        var bars = Output("demo").GetProperty("result").GetProperty("jobBars");

        Assert.Multiple(() =>
        {
            Assert.That(bars.GetArrayLength(), Is.GreaterThan(0), "the bars were collected only for --report, and --json emptied them");
            Assert.That(bars.EnumerateArray().Select(b => b.GetProperty("ending").GetString()).Distinct(), Is.SubsetOf(new[] { "completed", "failed", "canceled", "interrupted", "running" }));
        });
    }

    [Test]
    public void Drain_Json_HintsHoldTheRestoreCommand_AndCapacityCountsAreNamedAsCounts()
    {
        var drain = Output("drain");
        var capacity = Output("plan").GetProperty("result").GetProperty("capacity")[0];

        Assert.Multiple(() =>
        {
            Assert.That(drain.GetProperty("hints").EnumerateArray().Select(h => h.GetString()), Is.EqualTo(new[] { $"orchpatch restore RB01 --url {_url} --user {FarmCli.User} --throttle simulator" }));
            Assert.That(capacity.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "server", "maxJobs", "runningJobs", "maxJobsAssumed", "freeSlots" }));
            Assert.That(Output("plan").GetProperty("result").GetProperty("jobs")[0].GetProperty("job").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "jobId", "runbookPath", "status", "runningSeconds" }));
        });
    }

    private static JsonElement Run(FarmCli cli, params string[] args)
    {
        var result = cli.Run(args);
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), string.Join(" ", args) + ": " + result.All);
        return FarmCli.Json(result);
    }

    private static JsonElement Output(string command) => _outputs![command];

    private static string DocPath()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OrchPatchIP.sln")))
        {
            dir = dir.Parent;
        }

        Assert.That(dir, Is.Not.Null, "repository root");
        return Path.Combine(dir!.FullName, "docs", "json-output.md");
    }

    /// <summary>The first ```json block of the section "## `orchpatch COMMAND [ARGUMENTS] --json`" (bench's, not
    /// bench --sweep's).</summary>
    private static JsonElement DocExample(string page, string command)
    {
        var section = Regex.Match(page, "^## `orchpatch " + Regex.Escape(command) + "(?: (?!--sweep)[^`]*?)? --json`\\s*$(?<body>.*?)^```json\\s*$(?<json>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline);
        Assert.That(section.Success, Is.True, "docs/json-output.md has a section for orchpatch " + command + " --json with an example");
        using var document = JsonDocument.Parse(section.Groups["json"].Value);
        return document.RootElement.Clone();
    }

    /// <summary>Every key as a path ("result.jobs[].job.runningSeconds").</summary>
    private static IEnumerable<string> Paths(JsonElement element) => Leaves(element).Select(l => l.Path);

    private static IEnumerable<(string Path, string Key, JsonElement Value)> Leaves(JsonElement element, string path = "")
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                var child = path.Length == 0 ? property.Name : path + "." + property.Name;
                yield return (child, property.Name, property.Value);
                foreach (var leaf in Leaves(property.Value, child))
                {
                    yield return leaf;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var leaf in Leaves(item, path + "[]"))
                {
                    yield return leaf;
                }
            }
        }
    }
}
