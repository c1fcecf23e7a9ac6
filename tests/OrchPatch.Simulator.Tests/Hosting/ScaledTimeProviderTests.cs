using System;
using System.Threading;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using OrchPatch.Simulator.Hosting;
using OrchPatch.TestSupport.Time;

namespace OrchPatch.Simulator.Tests.Hosting;

[TestFixture]
public sealed class ScaledTimeProviderTests
{
    [Test]
    public void GetUtcNow_Speed60_RunsAMinutePerSecond()
    {
        var inner = new FakeTimeProvider(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var scaled = new ScaledTimeProvider(60, inner);

        inner.Advance(TimeSpan.FromSeconds(2));

        Assert.That(scaled.GetUtcNow(), Is.EqualTo(new DateTimeOffset(2024, 1, 1, 0, 2, 0, TimeSpan.Zero)));
        Assert.That(scaled.GetElapsedTime(0, scaled.GetTimestamp()), Is.EqualTo(TimeSpan.Zero).Or.GreaterThan(TimeSpan.Zero));
    }

    [Test]
    public void CreateTimer_FiresAfterTheScaledDueTime()
    {
        var inner = new FakeTimeProvider();
        var scaled = new ScaledTimeProvider(60, inner);
        var fired = 0;
        using var timer = scaled.CreateTimer(_ => Interlocked.Increment(ref fired), null, TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan);

        inner.AdvanceInline(TimeSpan.FromMilliseconds(999));
        var early = fired;
        inner.AdvanceInline(TimeSpan.FromMilliseconds(1));

        Assert.That((early, fired), Is.EqualTo((0, 1)));
    }

    [Test]
    public void Simulator_OnAScaledClock_RunsItsPollsFaster()
    {
        var inner = new FakeTimeProvider(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var simulator = new SimulatedOrchestrator(Support.TestScenarios.ThreeServers(), new ScaledTimeProvider(3, inner));
        var job = simulator.StartJob(Support.TestScenarios.Short);

        inner.RunFor(TimeSpan.FromSeconds(1));

        Assert.That(simulator.GetJob(job.Id).Status, Is.EqualTo(SimulatedJobStatus.Running), "RB01's first poll is 1 simulated second in: a third of a real one");
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(double.NaN)]
    public void Constructor_BadSpeed_Throws(double speed)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new ScaledTimeProvider(speed));
    }
}
