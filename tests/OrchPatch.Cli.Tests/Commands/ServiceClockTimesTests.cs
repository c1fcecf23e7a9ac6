using System;
using System.Linq;
using System.Text.RegularExpressions;
using NUnit.Framework;
using OrchPatch.Cli.Infrastructure;
using OrchPatch.TestSupport.Farms;

namespace OrchPatch.Cli.Tests.Commands;

/// <summary>Issue 17: running and waiting times were this machine's now minus the job's creation time, which is on
/// the Orchestrator's clock: a farm whose clock runs ahead showed every job "(running 0s)" and negative seconds in
/// plan --json, one whose clock lags showed hours too many. They are the service's clock minus the job's own time.</summary>
[TestFixture]
public sealed class ServiceClockTimesTests
{
    private const string Backup = @"\Ops\Backup";

    [TestCase(2 * 60)]
    [TestCase(-2 * 60)]
    [TestCase(0)]
    public void Plan_OrchestratorClockAwayFromOurs_ShowsHowLongTheJobHasRunOnItsClock(int minutesAhead)
    {
        using var cli = FarmCli.StartWithClockOffset(TestFarm.WithServers(3).Job(Backup, TimeSpan.FromHours(2), "RB01"), TimeSpan.FromMinutes(minutesAhead));
        cli.Farm.RunFor(TimeSpan.FromMinutes(20));

        var text = cli.Run("plan", "RB01");
        var json = cli.Run("plan", "RB01", "--json");

        var running = FarmCli.Json(json).GetProperty("result").GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("job").GetProperty("runningSeconds").GetDouble()).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(text.ExitCode, Is.EqualTo(ExitCodes.Success), text.All);
            Assert.That(Regex.IsMatch(text.Output, @"would wait for it: \\Ops\\Backup \(running 20m[0-2]\ds\)"), Is.True, text.Output);
            Assert.That(running, Has.Length.EqualTo(1), json.Output);
            Assert.That(running[0], Is.InRange(20 * 60, 20 * 60 + 30), json.Output);
        });
    }

    [Test]
    public void Drain_OrchestratorClockAhead_ProgressShowsTheJobsRunningTime()
    {
        using var cli = FarmCli.StartWithClockOffset(TestFarm.WithServers(3).Job(Backup, TimeSpan.FromHours(2), "RB01"), TimeSpan.FromHours(3));
        cli.Farm.RunFor(TimeSpan.FromMinutes(20));

        var result = cli.Run("drain", "RB01", "--deadline", "5m");

        var waiting = result.Output.Split('\n').First(l => l.Contains("1 job left", StringComparison.Ordinal));
        Assert.That(Regex.IsMatch(waiting, @"RB01: 1 job left: \\Ops\\Backup \(running 20m[0-5]\ds\)$"), Is.True, result.All);
    }
}

/// <summary>Issue 17: the shipped CLI against `orchpatch simulate --speed 60`, whose clock runs an hour a minute ahead
/// of the jump box's: every job showed "(running 0s)" and plan --json had negative running times.</summary>
[TestFixture]
public sealed class BuiltCliAgainstAFastSimulatorTests
{
    private System.Diagnostics.Process? _simulator;
    private string _odata = string.Empty;

    [OneTimeSetUp]
    public void StartSimulator()
    {
        _simulator = BuiltCli.Start(null, "simulate", "--port", "0", "--speed", "60");
        var line = _simulator.StandardOutput.ReadLine() ?? string.Empty;
        _odata = Regex.Match(line, @"Orchestrator\.svc: (?<url>\S+?),").Groups["url"].Value;
        Assert.That(_odata, Is.Not.Empty, line);
    }

    [OneTimeTearDown]
    public void StopSimulator()
    {
        _simulator?.Kill();
        _simulator?.Dispose();
    }

    [Test]
    public void Plan_SimulatorAtSpeed60_RunningTimesArePositiveAndNoneIsNegative()
    {
        // The built-in farm starts two monitors; which server each lands on is the simulator's choice: plan them all.
        var plans = new[] { "RB01", "RB02", "RB03" }.Select(s => BuiltCli.Run("plan", s, "--url", _odata, "--json")).ToArray();

        var running = plans.SelectMany(p => FarmCli.Json(p).GetProperty("result").GetProperty("jobs").EnumerateArray())
            .Select(j => j.GetProperty("job").GetProperty("runningSeconds").GetDouble()).ToArray();
        var text = BuiltCli.Run("plan", "RB01", "--url", _odata);
        Assert.Multiple(() =>
        {
            Assert.That(plans.Select(p => p.ExitCode), Is.All.EqualTo(ExitCodes.Success), string.Join("\n", plans.Select(p => p.All)));
            Assert.That(running, Is.Not.Empty, "the built-in farm's monitors run");
            // The simulator ran a few real seconds before the plans, so a few simulated minutes; a day is implausible.
            Assert.That(running, Is.All.InRange(1, 86_400), string.Join("\n", plans.Select(p => p.Output)));
            Assert.That(text.Output, Does.Not.Contain("(running 0s)"), text.Output);
        });
    }
}
