using System;
using NUnit.Framework;
using OrchPatch.Core.Maintenance;

namespace OrchPatch.Core.Tests.Maintenance;

[TestFixture]
public sealed class DurationsTests
{
    [TestCase(0.5, "0.5s")]
    [TestCase(45, "45s")]
    [TestCase(90, "1m30s")]
    [TestCase(840, "14m")]
    [TestCase(7500, "2h05m")]
    [TestCase(7200, "2h")]
    [TestCase(-4, "-4s")]
    public void Format_Seconds_ReadsAsPeopleWriteIt(double seconds, string expected) =>
        Assert.That(Durations.Format(TimeSpan.FromSeconds(seconds)), Is.EqualTo(expected));

    [TestCase("90s", 90)]
    [TestCase("30m", 1800)]
    [TestCase("2h", 7200)]
    [TestCase("1h30m", 5400)]
    [TestCase("00:30:00", 1800)]
    [TestCase("1M30S", 90)]
    public void TryParse_AFormWithAUnit_Reads(string text, double seconds)
    {
        Assert.That(Durations.TryParse(text, out var value), Is.True);
        Assert.That(value, Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }

    [TestCase("20")]
    [TestCase("")]
    [TestCase(null)]
    [TestCase("ten minutes")]
    [TestCase("5d")]
    public void TryParse_ABareNumberOrAnythingElse_IsRefused(string? text) =>
        Assert.That(Durations.TryParse(text, out _), Is.False);

    [TestCase("45s")]
    [TestCase("1m30s")]
    [TestCase("14m")]
    [TestCase("2h05m")]
    public void Format_ThenTryParse_RoundTrips(string text)
    {
        Assert.That(Durations.TryParse(text, out var value), Is.True);
        Assert.That(Durations.Format(value), Is.EqualTo(text));
    }

    [Test]
    public void JobSummary_ARunningTimeBelowZeroFromClockSkew_ShowsZero() =>
        Assert.That(new JobSummary(Guid.Empty, @"\Ops\Backup", OrchPatch.Core.Orchestrator.JobStatus.Running, TimeSpan.FromSeconds(-30)).ToString(), Is.EqualTo(@"\Ops\Backup (running 0s)"));
}
