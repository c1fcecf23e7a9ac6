using System;
using System.Linq;
using NUnit.Framework;
using OrchPatch.Core.Maintenance;
using OrchPatch.Lab;
using OrchPatch.Reliability.Tests.Support;
using OrchPatch.Simulator;
using OrchPatch.TestSupport.Farms;

namespace OrchPatch.Reliability.Tests;

/// <summary>
/// The Orchestrator's clock is not the jump box's. Job times (the wait job's creation among them) are on the service's
/// clock; a rolling patch killed mid-drain and run again must resume its own maintenance whichever way the clocks
/// differ (issue 13: with the service ahead, the crashed run's wait job looked newer than the new run and was left as
/// "another run's").
/// </summary>
[TestFixture]
public sealed class ServiceClockTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromHours(3);

    [TestCase(10, Description = "the Orchestrator's clock 10 minutes ahead of the jump box")]
    [TestCase(-10, Description = "the Orchestrator's clock 10 minutes behind the jump box")]
    public void RollingPatch_CrashedMidDrainWithSkewedServiceClock_RunningItAgainResumesIt(int minutesAhead)
    {
        var offset = TimeSpan.FromMinutes(minutesAhead);
        using var farm = Build(offset);
        var ledger = new FarmLedger(farm);
        var crash = new CrashSwitch(FirstStartCall(offset), CrashMoment.AfterCall);
        var dying = new CrashingService(farm.CreateService(), crash);
        var context = new MaintenanceContext(dying, new CrashingThrottle(farm.Throttle, crash), farm.Clock);
        var task = farm.Start(() => Patch(farm, context).RunAsync());
        farm.RunUntil(() => crash.Crashed || task.IsCompleted, Limit);
        Assert.That(crash.Crashed && ledger.ActiveWaitJobs().Count == 1, Is.True, "killed while RB01 is drained");
        farm.RunFor(TimeSpan.FromMinutes(5));

        using var fresh = farm.CreateService();
        var result = farm.Run(() => Patch(farm, farm.Context(null, fresh)).RunAsync(), Limit);
        farm.RunFor(TimeSpan.FromMinutes(5));

        TestContext.Out.WriteLine($"service clock {minutesAhead:+0;-0} min: {result.Summary()}");
        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True, result.Summary());
            Assert.That(ledger.WaitJobsCreatedPerServer()["RB01"], Is.EqualTo(1), "RB01's maintenance resumed, not started again");
            Assert.That(ledger.ServersNotAtRecordedMaxJobs(), Is.Empty);
            Assert.That(ledger.ActiveWaitJobs(), Is.Empty);
            Assert.That(ledger.LostJobs(), Is.Empty);
        });
    }

    private static SimulatedFarm Build(TimeSpan offset) => TestFarm.WithServers(3)
        .Monitor(@"\Mon\Disk", "RB01")
        .Job(@"\Ops\Backup", TimeSpan.FromMinutes(20), "RB01")
        .Build(new SimulatorSettings { ClockOffset = offset });

    private static RollingPatch Patch(SimulatedFarm farm, MaintenanceContext context) =>
        new(context, new RollingPatchOptions { Order = ServerOrder.AsGiven, Servers = new[] { "RB01", "RB02", "RB03" } }, farm.RebootPatch(TimeSpan.FromMinutes(2), waitUntilBack: false));

    /// <summary>The rolling patch's first job start, RB01's wait job (counted on a copy of the farm that is not
    /// killed): a crash right after it leaves RB01 in maintenance, its drain waiting for \Ops\Backup.</summary>
    private static int FirstStartCall(TimeSpan offset)
    {
        using var probe = Build(offset);
        var counter = new CrashSwitch();
        using var service = new CrashingService(probe.CreateService(), counter);
        var context = new MaintenanceContext(service, new CrashingThrottle(probe.Throttle, counter), probe.Clock);
        probe.Run(() => Patch(probe, context).RunAsync(), Limit);
        return counter.Names.ToList().IndexOf("StartJobAsync") + 1;
    }
}
