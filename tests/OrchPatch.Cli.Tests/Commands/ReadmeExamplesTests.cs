using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using NUnit.Framework;
using OrchPatch.Cli.Infrastructure;

namespace OrchPatch.Cli.Tests.Commands;

/// <summary>Issue 17: the README's "Trying the commands without a farm" lines, read from the README itself and run with
/// the built orchpatch, in order, against the simulator its first line starts. Two changes, both to the simulator's
/// line only: port 0 (a free port, read from its first line of output, instead of 8181, which may be taken) and
/// <c>--idle</c> (no random arrivals, so the drain waits only for the jobs the farm starts with, seconds at --speed 60).</summary>
[TestFixture]
public sealed class ReadmeExamplesTests
{
    private const string Section = "### Trying the commands without a farm";

    [Test]
    public void TryingTheCommands_EveryLineOfTheReadme_RunsAndSucceeds()
    {
        var lines = ReadmeLines();
        Assert.That(lines.Select(l => l[1]), Is.EqualTo(new[] { "simulate", "status", "plan", "drain", "restore" }), "the README's example, command by command");

        var simulate = lines[0].Skip(1).Select(a => a == "8181" ? "0" : a).Append("--idle").ToArray();
        using var simulator = BuiltCli.Start(null, simulate);
        try
        {
            var listening = simulator.StandardOutput.ReadLine() ?? string.Empty;
            var root = Regex.Match(listening, @"listening on (?<url>http://\S+?/) ").Groups["url"].Value;
            Assert.That(root, Is.Not.Empty, listening);
            foreach (var line in lines.Skip(1))
            {
                var args = line.Skip(1).Select(a => a.Replace("http://127.0.0.1:8181/", root, StringComparison.Ordinal)).ToArray();
                var result = BuiltCli.Run(args);
                Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), "orchpatch " + string.Join(" ", args) + Environment.NewLine + result.All);
                if (line[1] == "status")
                {
                    Assert.That(result.Output, Does.Contain("3 runbook servers; none in maintenance."), result.All);
                }

                if (line[1] == "drain")
                {
                    Assert.That(result.Output, Does.Contain("RB02 is drained after "), result.All);
                }

                if (line[1] == "restore")
                {
                    Assert.That(result.Output, Does.Contain("RB02 is restored after "), result.All);
                }
            }
        }
        finally
        {
            simulator.Kill();
        }
    }

    /// <summary>The section's <c>orchpatch</c> lines, split into words, without the trailing comment or <c>&amp;</c>.</summary>
    private static List<string[]> ReadmeLines()
    {
        var readme = File.ReadAllText(Path.Combine(BuiltCli.RepositoryRoot, "README.md"));
        var start = readme.IndexOf(Section, StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), "the README has the section " + Section);
        var block = Regex.Match(readme.Substring(start), "```sh\n(?<body>.*?)```", RegexOptions.Singleline).Groups["body"].Value;
        return block.Split('\n')
            .Select(l => l.Split('#')[0].Trim().TrimEnd('&').Trim())
            .Where(l => l.StartsWith("orchpatch ", StringComparison.Ordinal))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToList();
    }
}
