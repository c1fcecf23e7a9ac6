using System;
using NUnit.Framework;
using OrchPatch.Core.Orchestrator;

namespace OrchPatch.Core.Tests.Orchestrator;

[TestFixture]
public sealed class ServiceClockTests
{
    private static readonly DateTimeOffset Local = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    [Test]
    public void ServiceTimeAt_NothingObserved_IsNull() =>
        Assert.That(new ServiceClock().ServiceTimeAt(Local), Is.Null);

    [Test]
    public void ServiceTimeAt_DateTenMinutesAhead_AddsTheOffset()
    {
        var clock = new ServiceClock();
        clock.ObserveDate(Local.AddMinutes(10), Local);

        Assert.That(clock.ServiceTimeAt(Local.AddSeconds(30)), Is.EqualTo(Local.AddMinutes(10).AddSeconds(30)));
    }

    [Test]
    public void ServiceTimeAt_JobStampedAfterTheDateSaid_NeverEarlierThanTheJob()
    {
        // The Date header is truncated to the second (and a proxy may rewrite it): a job time seen is a floor.
        var clock = new ServiceClock();
        clock.ObserveDate(Local.AddMinutes(10), Local);
        clock.Observe(new Job { CreationTime = Local.AddMinutes(9), LastModifiedTime = Local.AddMinutes(10).AddSeconds(0.8) }, Local);

        Assert.That(clock.ServiceTimeAt(Local), Is.EqualTo(Local.AddMinutes(10).AddSeconds(0.8)));
    }

    [Test]
    public void ServiceTimeAt_ServiceClockSetBack_FollowsTheLatestDate()
    {
        var clock = new ServiceClock();
        clock.ObserveDate(Local.AddMinutes(10), Local);
        clock.ObserveDate(Local.AddMinutes(1), Local.AddMinutes(1));

        Assert.That(clock.ServiceTimeAt(Local.AddMinutes(2)), Is.EqualTo(Local.AddMinutes(2)));
    }
}
