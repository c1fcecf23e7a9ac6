using System;
using NUnit.Framework;
using OrchPatch.Core.Maintenance;

namespace OrchPatch.Core.Tests.Maintenance;

[TestFixture]
public sealed class AdaptivePollTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);

    [TestCase(0, 5, 1)]
    [TestCase(9, 5, 1)]
    [TestCase(10, 5, 5)]
    [TestCase(60, 5, 5)]
    [TestCase(0, 1, 1)]
    public void Next_FastForTheFirstTenSecondsThenTheInterval(int secondsWaited, int interval, int expected)
    {
        Assert.That(AdaptivePoll.Next(Start, Start.AddSeconds(secondsWaited), TimeSpan.FromSeconds(interval)), Is.EqualTo(TimeSpan.FromSeconds(expected)));
    }

    [Test]
    public void Next_IntervalShorterThanASecond_IsKept()
    {
        Assert.That(AdaptivePoll.Next(Start, Start, TimeSpan.FromMilliseconds(200)), Is.EqualTo(TimeSpan.FromMilliseconds(200)));
    }
}
