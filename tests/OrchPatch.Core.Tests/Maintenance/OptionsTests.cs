using System;
using System.Linq;
using NUnit.Framework;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Core.Throttle;
using OrchPatch.Core.Utils;
using NSubstitute;

namespace OrchPatch.Core.Tests.Maintenance;

[TestFixture]
public sealed class OptionsTests
{
    [Test]
    public void Constants_ArePinned()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DrainConstants.DefaultDeadline, Is.EqualTo(TimeSpan.FromMinutes(30)));
            Assert.That(DrainConstants.DefaultMinimumRunbookServers, Is.EqualTo(2));
            Assert.That(DrainConstants.DefaultMaxConcurrentMaintenance, Is.EqualTo(1));
            Assert.That(RestoreConstants.DefaultHealthTimeout, Is.EqualTo(TimeSpan.FromMinutes(15)));
            Assert.That(MaintenanceConstants.DefaultWaitRunbookPath, Is.EqualTo(@"\PatchRunbook\4: WaitRunbook"));
            Assert.That(MaintenanceConstants.DefaultPollInterval, Is.EqualTo(TimeSpan.FromSeconds(5)));
            Assert.That(MaintenanceConstants.DefaultAssumedMaxJobs, Is.EqualTo(50));
            Assert.That(MaintenanceConstants.DefaultJobListingInterval, Is.EqualTo(TimeSpan.FromMinutes(1)));
            Assert.That(MaintenanceConstants.DefaultJobsPerRead, Is.EqualTo(20));
            Assert.That(new MaintenanceSettings().CountedPolls, Is.True);
            Assert.That(new DrainOptions().DeadlinePolicy, Is.EqualTo(DeadlinePolicy.Fail), "Cancel only ever applies when the user names it");
            Assert.That(new RollingPatchOptions().MaxFailedServers, Is.EqualTo(0));
            Assert.That(new RollingPatchOptions().MaxUnavailable, Is.EqualTo(1), "one at a time unless the Wait Runbook's Job Concurrency is raised");
            Assert.That(new RollingPatchOptions().Order, Is.EqualTo(ServerOrder.ShortestRemainingWorkFirst));
            Assert.That(RollingPatchConstants.MaxMaxUnavailable, Is.EqualTo(1000));
            Assert.That(DrainConstants.DefaultCapacityHeadroom, Is.EqualTo(0.5));
            Assert.That(DrainConstants.DefaultHistoryWindow, Is.EqualTo(TimeSpan.FromHours(1)));
        });
    }

    [Test]
    public void DrainRunbookServer_InvalidOptions_ListsEveryBadFieldBeforeAnythingChanges()
    {
        var context = new MaintenanceContext(Substitute.For<IOrchestratorService>(), Substitute.For<IRunbookServerThrottle>(), TimeProvider.System);
        var options = new DrainOptions { Deadline = TimeSpan.Zero, MinimumRunbookServers = 1, MaxConcurrentMaintenance = 0 };

        var ex = Assert.Throws<OptionsValidationException>(() => _ = new DrainRunbookServer(context, options));

        Assert.That(ex!.Message, Is.EqualTo(
            "The 'DrainOptions' are invalid. Validation Errors:" + Environment.NewLine +
            "The field Deadline must be between 00:00:01 and 7.00:00:00." + Environment.NewLine +
            "The field MinimumRunbookServers must be between 2 and 1000." + Environment.NewLine +
            "The field MaxConcurrentMaintenance must be between 1 and 1000."));
    }

    [Test]
    public void MaintenanceContext_InvalidSettings_AreRefused()
    {
        var settings = new MaintenanceSettings { WaitRunbookPath = " ", PollInterval = TimeSpan.FromMilliseconds(10) };

        var ex = Assert.Throws<OptionsValidationException>(() => _ = new MaintenanceContext(Substitute.For<IOrchestratorService>(), Substitute.For<IRunbookServerThrottle>(), TimeProvider.System, settings));

        Assert.That(ex!.Errors, Has.Count.EqualTo(2));
    }

    [Test]
    public void Clone_EveryPropertyCopiedAndChangesToTheCopyStayThere()
    {
        var settings = new MaintenanceSettings { WaitRunbookPath = @"\X\Wait", PollInterval = TimeSpan.FromSeconds(7), AssumedMaxJobs = 9, LocalComputerName = "jump01", Owner = "ops", OnProgress = _ => { } };
        var drain = new DrainOptions { Deadline = TimeSpan.FromMinutes(42), MinimumRunbookServers = 2, MaxConcurrentMaintenance = 3, AllowLocalServer = true, Reason = "KB1", Resume = true };

        var settingsCopy = settings.Clone();
        var drainCopy = drain.Clone();
        settingsCopy.Owner = "changed";
        drainCopy.MaxConcurrentMaintenance = 7;

        Assert.That(PropertiesOf(settingsCopy).Where(p => p.Name != nameof(MaintenanceSettings.Owner)), Is.EqualTo(PropertiesOf(settings).Where(p => p.Name != nameof(MaintenanceSettings.Owner))));
        Assert.That(PropertiesOf(drainCopy).Where(p => p.Name != nameof(DrainOptions.MaxConcurrentMaintenance)), Is.EqualTo(PropertiesOf(drain).Where(p => p.Name != nameof(DrainOptions.MaxConcurrentMaintenance))));
        Assert.That((settings.Owner, drain.MaxConcurrentMaintenance), Is.EqualTo(("ops", 3)));
    }

    private static (string Name, object? Value)[] PropertiesOf(object options) =>
        options.GetType().GetProperties().Select(p => (p.Name, p.GetValue(options))).ToArray();
}
