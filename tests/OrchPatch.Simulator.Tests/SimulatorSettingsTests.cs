using System;
using System.Linq;
using NUnit.Framework;
using OrchPatch.Core.Utils;
using OrchPatch.Simulator.Tests.Support;

namespace OrchPatch.Simulator.Tests;

[TestFixture]
public sealed class SimulatorSettingsTests
{
    [Test]
    public void Constants_AreTheDocumentedDefaults()
    {
        var settings = new SimulatorSettings();

        Assert.That(
            (settings.RunbookServicePollInterval, settings.PageSize, settings.MaxTop, settings.ThrottleTakesEffect, settings.PendingCancel, settings.JobServerOrder, settings.InterruptedJobs, settings.CaseInsensitiveStrings),
            Is.EqualTo((TimeSpan.FromSeconds(3), 50, 50, ThrottleActivation.Immediately, PendingCancelTiming.NextPoll, JobServerOrder.InOrder, InterruptedJobHandling.Requeue, true)));
        Assert.That((settings.Users, settings.Faults, settings.FaultDelay), Is.EqualTo((Array.Empty<SimulatedUser>(), Array.Empty<FaultRule>(), TimeSpan.FromMinutes(5))));
        Assert.That((settings.RequestLatency, settings.RequestLatencyPerEntry), Is.EqualTo((TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(2))), "a request costs time unless a test turns it off");
        Assert.That((SimulatorConstants.DefaultRunbookConcurrency, SimulatorConstants.DefaultTriggerInterval, SimulatorConstants.AnonymousSid), Is.EqualTo((1, TimeSpan.FromMinutes(5), "S-1-5-500")));
    }

    [Test]
    public void Constructor_InvalidSettings_ListsEveryBadField()
    {
        var settings = new SimulatorSettings
        {
            RunbookServicePollInterval = TimeSpan.Zero,
            PageSize = 0,
            PendingCancel = (PendingCancelTiming)9,
            Faults = new[] { new FaultRule(FaultKind.ServiceUnavailable) { Rate = -1 } },
            RequestLatency = TimeSpan.FromMilliseconds(-1),
        };

        var error = Assert.Throws<SimulatorSettingsException>(() => TestFarm.CreateWithLatency(settings: settings));

        Assert.That(error!.Message, Is.EqualTo(
            "The 'SimulatorSettings' are invalid. Validation Errors:" + Environment.NewLine +
            "The field RunbookServicePollInterval must be between 100 milliseconds and 10 minutes." + Environment.NewLine +
            "The field PendingCancel is invalid." + Environment.NewLine +
            "The field PageSize must be between 1 and 1000." + Environment.NewLine +
            "The field Faults[0] has rate -1; it must be between 0 and 1." + Environment.NewLine +
            "The field RequestLatency must be between 0 and 1 minute."));
    }

    [Test]
    public void Constructor_CopiesTheSettings_SoLaterChangesHaveNoEffect()
    {
        var settings = new SimulatorSettings { RunbookServicePollInterval = TimeSpan.FromSeconds(10) };
        using var farm = TestFarm.Create(settings: settings);

        settings.RunbookServicePollInterval = TimeSpan.FromSeconds(1);

        Assert.That(farm.Simulator.Settings.RunbookServicePollInterval, Is.EqualTo(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public void Clone_ListsAreCopiedSoLaterChangesToTheCallersArrayDoNotReachIt()
    {
        var faults = new[] { FaultRule.Next(FaultKind.ServiceUnavailable) };
        var settings = new SimulatorSettings { Faults = faults, ClockOffset = TimeSpan.FromMinutes(10), PageSize = 17 };

        var copy = settings.Clone();
        faults[0] = FaultRule.Next(FaultKind.ConnectionReset);

        Assert.That((copy.Faults.Single().Kind, copy.ClockOffset, copy.PageSize), Is.EqualTo((FaultKind.ServiceUnavailable, TimeSpan.FromMinutes(10), 17)));
    }
}
