using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using System.Xml.Linq;
using NUnit.Framework;
using OrchPatch.Cli.Infrastructure;

namespace OrchPatch.Cli.Tests.Commands;

/// <summary>The demo in its fast mode (simulated time), as CI runs it: its promises are checked, not its exact numbers.</summary>
[TestFixture]
public sealed class DemoCommandTests
{
    [Test]
    public async Task Run_Default_PatchesEveryServerWithNoJobInterruptedAndAServerAlwaysAcceptingWork()
    {
        var result = await CliRunner.RunAsync("demo");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.All);
        var rows = TableRows(result.Output);
        Assert.Multiple(() =>
        {
            Assert.That(rows.Select(r => r[0]), Is.EquivalentTo(new[] { "RB01", "RB02", "RB03" }));
            Assert.That(rows.Select(r => r[6]), Is.All.EqualTo("0"), "INTERRUPTED per server");
            Assert.That(rows.Select(r => r[7]), Is.All.EqualTo("yes"), "PATCHED");
            Assert.That(result.Output, Does.Match(@"Farm: 3 of 3 servers patched in a \S+ window .*; 0 jobs interrupted \(expected 0\); fewest servers accepting work: [1-9]\d* \(expected at least 1\)"));
            Assert.That(result.Output, Does.Match(@"\d\d:\d\d:\d\d  RB0\d  Draining RB0\d\."), "progress lines as events happen");
            Assert.That(result.Output, Does.Not.Contain("NOT AS EXPECTED"));
        });
    }

    [Test]
    public async Task Run_JsonAndReport_WritesTheSameFiguresAndASelfContainedPageWithATimeline()
    {
        var file = Path.Combine(Path.GetTempPath(), "orchpatch-demo-" + Guid.NewGuid() + ".html");
        try
        {
            var result = await CliRunner.RunAsync("demo", "--json", "--report", file);

            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.All);
            using var json = JsonDocument.Parse(result.Output);
            var report = json.RootElement.GetProperty("result");
            Assert.Multiple(() =>
            {
                Assert.That(json.RootElement.GetProperty("command").GetString(), Is.EqualTo("demo"));
                Assert.That(report.GetProperty("jobsInterrupted").GetInt32(), Is.EqualTo(0));
                Assert.That(report.GetProperty("fewestServersAcceptingWork").GetInt32(), Is.GreaterThanOrEqualTo(1));
                Assert.That(report.GetProperty("servers").GetArrayLength(), Is.EqualTo(3));
                // Servers drain side by side, so the window can be shorter than the bounds added up, never than the longest.
                Assert.That(report.GetProperty("windowSeconds").GetDouble(), Is.GreaterThanOrEqualTo(report.GetProperty("servers").EnumerateArray().Max(s => s.GetProperty("lowerBoundSeconds").GetDouble())));
            });

            var html = await File.ReadAllTextAsync(file);
            Assert.Multiple(() =>
            {
                Assert.That(html, Does.StartWith("<!DOCTYPE html>").And.Contain("</html>"));
                Assert.That(html, Does.Not.Contain("src=").And.Not.Contain("href="), "self-contained: nothing to load (its style and script are inline)");
                Assert.That(html, Does.Contain("&#92;") .Or.Contain("\\Operations\\"), "runbook paths appear in tooltips");
            });
            var svg = XElement.Parse(html.Substring(html.IndexOf("<svg", StringComparison.Ordinal), html.IndexOf("</svg>", StringComparison.Ordinal) + 6 - html.IndexOf("<svg", StringComparison.Ordinal)));
            XNamespace ns = "http://www.w3.org/2000/svg";
            Assert.Multiple(() =>
            {
                Assert.That(svg.Name, Is.EqualTo(ns + "svg"));
                Assert.That(svg.Elements(ns + "text").Select(t => t.Value), Is.SupersetOf(new[] { "RB01", "RB02", "RB03" }), "one lane per server");
                Assert.That(svg.Elements(ns + "rect").Count(r => r.Attribute("fill")?.Value == "#f28b82"), Is.EqualTo(3), "one patching band per server");
            });
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestCase("--servers", "2", "--servers must be a whole number from 3 to 20; got '2'.")]
    [TestCase("--seed", "x", "--seed must be a whole number from 0 to 2147483647; got 'x'.")]
    public async Task Run_BadInput_IsRefusedWithTheProblemNamed(string option, string value, string message)
    {
        var result = await CliRunner.RunAsync("demo", option, value);

        Assert.That((result.ExitCode, result.Error.Trim()), Is.EqualTo((ExitCodes.BadInput, "orchpatch demo: " + message)));
    }

    [Test]
    public async Task Run_ReportInAMissingFolder_IsBadInputBeforeAnythingRuns()
    {
        var file = Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid(), "demo.html");

        var result = await CliRunner.RunAsync("demo", "--report", file);

        Assert.That((result.ExitCode, result.Output), Is.EqualTo((ExitCodes.BadInput, string.Empty)));
        Assert.That(result.Error, Does.Contain("--report: the folder of"));
    }

    /// <summary>The summary table's data rows, split into columns.</summary>
    private static string[][] TableRows(string output)
    {
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var header = lines.FindIndex(l => l.StartsWith("SERVER  DRAIN", StringComparison.Ordinal));
        Assert.That(header, Is.GreaterThanOrEqualTo(0), output);
        return lines.Skip(header + 2).TakeWhile(l => l.Length > 0).Select(l => Regex.Split(l.Trim(), @"\s{2,}")).ToArray();
    }
}
