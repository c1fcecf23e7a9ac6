using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using OrchPatch.Cli.Infrastructure;

namespace OrchPatch.Cli.Tests.Commands;

[TestFixture]
public sealed class SimulateCommandTests
{
    [Test]
    public async Task Run_FreePort_PrintsOneLineServesAndStopsCleanlyOnCancel()
    {
        using var output = new FirstLineWriter();
        using var error = new StringWriter();
        using var stop = new CancellationTokenSource();
        var context = new CommandContext(output, error, _ => null, stop.Token);

        var run = CliApplication.RunAsync(new[] { "simulate", "--port", "0", "--idle" }, context);
        var line = await output.FirstLine.WaitAsync(TimeSpan.FromSeconds(30));
        var match = Regex.Match(line, @"^Orchestrator simulator listening on (?<base>http://127\.0\.0\.1:\d+/) \(Orchestrator\.svc: \k<base>Orchestrator2012/Orchestrator\.svc/, Web API: \k<base>api/, control: \k<base>_simulator/\)$");
        Assert.That(match.Success, Is.True, line);
        using var http = new HttpClient { BaseAddress = new Uri(match.Groups["base"].Value) };
        var servers = await http.GetStringAsync("api/RunbookServers");
        var jobs = await http.GetStringAsync("_simulator/jobs");
        stop.Cancel();
        var exitCode = await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(servers, Does.Contain("RB01").And.Contain("RB03"));
        Assert.That(jobs, Does.Contain("\\\\Monitoring\\\\Event Log Watcher"), "the built-in scenario's monitors start at time zero even when idle");
        Assert.That((exitCode, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, error.ToString()), Is.EqualTo((ExitCodes.Success, 1, string.Empty)));
    }

    [Test]
    public async Task Run_NoPort_IsBadInput()
    {
        var result = await CliRunner.RunAsync("simulate");

        Assert.That((result.ExitCode, result.Error.Trim()), Is.EqualTo((ExitCodes.BadInput, "orchpatch simulate: --port is required (or set ORCHPATCH_PORT); 0 picks a free port.")));
    }

    [Test]
    public async Task Run_BadScenarioFile_IsBadInputListingTheProblems()
    {
        var path = Path.Combine(Path.GetTempPath(), "orchpatch-bad-scenario-" + Guid.NewGuid() + ".json");
        await File.WriteAllTextAsync(path, "{ \"servers\": [], \"colour\": 1 }");
        try
        {
            var result = await CliRunner.RunAsync("simulate", "--port", "0", "--scenario", path);

            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(result.Error, Does.Contain($"The scenario {path} is invalid:").And.Contain("unknown property 'colour'"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestCase("--speed", "0", "--speed must be a number from 0.001 to 1000000; got '0'.")]
    [TestCase("--poll", "often", "--poll must be a duration such as 30s, 45m, 2h or 1h30m (a number needs a unit); got 'often'.")]
    [TestCase("--port", "70000", "--port must be a whole number from 0 to 65535; got '70000'.")]
    public async Task Run_BadOption_IsBadInputNamingIt(string option, string value, string message)
    {
        var args = option == "--port" ? new[] { "simulate", option, value } : new[] { "simulate", "--port", "0", option, value };

        var result = await CliRunner.RunAsync(args);

        Assert.That((result.ExitCode, result.Error.Trim()), Is.EqualTo((ExitCodes.BadInput, "orchpatch simulate: " + message)));
    }

    /// <summary>Signals the first line written, so the test waits for the event, not for time.</summary>
    private sealed class FirstLineWriter : StringWriter
    {
        private readonly TaskCompletionSource<string> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<string> FirstLine => _first.Task;

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            _first.TrySetResult(value ?? string.Empty);
        }
    }
}
