using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using OrchPatch.Core.Throttle;
using OrchPatch.TestSupport.Time;

namespace OrchPatch.Core.Tests.Throttle;

/// <summary>AsptThrottle against a stand-in aspt.exe that each test writes (a shell script here).</summary>
[TestFixture]
[Platform(Exclude = "Win", Reason = "the stand-in aspt.exe is a POSIX shell script")]
public sealed class AsptThrottleTests
{
    private string _folder = string.Empty;
    private string _log = string.Empty;

    [SetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "orchpatch-aspt-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _log = Path.Combine(_folder, "calls.log");
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private string StandIn(string body)
    {
        var path = Path.Combine(_folder, "aspt.exe");
        File.WriteAllText(path, $"#!/bin/sh\necho \"$@\" >> '{_log}'\n{body}\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }

    private string Calls() => File.Exists(_log) ? File.ReadAllText(_log).Trim() : string.Empty;

    [Test]
    public async Task SetMaxJobs_RunsAsptWithServerAndValue()
    {
        var throttle = new AsptThrottle(StandIn("echo 'Runbook server RB01 updated'; exit 0"), TimeProvider.System);

        await throttle.SetMaxJobsAsync("RB01", 1);

        Assert.That(Calls(), Is.EqualTo("RB01 1"));
    }

    [Test]
    public void SetMaxJobs_NonZeroExit_FailsWithCodeAndOutput()
    {
        var throttle = new AsptThrottle(StandIn("echo 'Error: runbook server RB07 not found' >&2; exit 3"), TimeProvider.System);

        var ex = Assert.ThrowsAsync<ThrottleException>(() => throttle.SetMaxJobsAsync("RB07", 1));

        Assert.That(ex!.Message, Is.EqualTo("aspt.exe RB07 1 failed with exit code 3: Error: runbook server RB07 not found"));
    }

    [Test]
    public void SetMaxJobs_Hangs_IsStoppedAtTheTimeoutOnTheInjectedClock()
    {
        var time = new FakeTimeProvider();
        var throttle = new AsptThrottle(StandIn("sleep 30"), time, TimeSpan.FromSeconds(60));

        var set = throttle.SetMaxJobsAsync("RB01", 1);
        var ex = Assert.Throws<ThrottleException>(() => time.RunUntilComplete(set, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(5)));

        Assert.That(ex!.Message, Does.StartWith("aspt.exe RB01 1 did not finish within 60s and was stopped"));
    }

    [Test]
    public void GetMaxJobs_CannotRead_ReturnsNullAfterCheckingThePath()
    {
        var throttle = new AsptThrottle(StandIn("exit 0"), TimeProvider.System);

        Assert.That((throttle.CanRead, throttle.GetMaxJobsAsync("RB01").Result), Is.EqualTo((false, (int?)null)));
        Assert.That(Calls(), Is.Empty, "reading runs nothing");
    }

    [Test]
    public void GetMaxJobs_AsptMissing_FailsBeforeAnyChange()
    {
        var throttle = new AsptThrottle(Path.Combine(_folder, "nowhere", "aspt.exe"), TimeProvider.System);

        var ex = Assert.ThrowsAsync<ThrottleException>(() => throttle.GetMaxJobsAsync("RB01"));

        Assert.That(ex!.Message, Does.StartWith("aspt.exe was not found at "));
    }

    [TestCase("RB01 & del *")]
    [TestCase("RB01\"")]
    [TestCase("")]
    public void SetMaxJobs_NameThatIsNotAComputerName_IsRefusedAndNothingRuns(string name)
    {
        var throttle = new AsptThrottle(StandIn("exit 0"), TimeProvider.System);

        Assert.ThrowsAsync<ArgumentException>(() => throttle.SetMaxJobsAsync(name, 1));

        Assert.That(Calls(), Is.Empty);
    }

    [Test]
    public void SetMaxJobs_OutputWithACredential_IsScrubbed()
    {
        var throttle = new AsptThrottle(StandIn("echo 'login failed: Server=SQL01;Password=hunter2;'; exit 1"), TimeProvider.System);

        var ex = Assert.ThrowsAsync<ThrottleException>(() => throttle.SetMaxJobsAsync("RB01", 1));

        Assert.That(ex!.Message, Does.Contain("Password=***").And.Not.Contain("hunter2"));
    }
}
