using System;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Reliability.Tests.Support;
using OrchPatch.Lab;
using OrchPatch.TestSupport.Farms;

namespace OrchPatch.Reliability.Tests;

/// <summary>
/// Two maintenance runs started at the same moment from two processes (two clients): at most
/// <see cref="DrainOptions.MaxConcurrentMaintenance"/> servers are ever drained (sampled after every event on the
/// clock), and the loser is refused clearly and leaves its server as it found it.
/// </summary>
[TestFixture]
public sealed class RaceTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromHours(3);
    private StartBarrier _barrier = new(2);

    [TestCase("RB01", "RB02", false)]
    [TestCase("RB02", "RB01", false)]
    [TestCase("RB03", "RB02", false)]
    [TestCase("RB01", "RB02", true, Description = "both past preflight before either wait job exists: the lock decides")]
    [TestCase("RB02", "RB01", true, Description = "both past preflight before either wait job exists: the lock decides")]
    [TestCase("RB03", "RB02", true, Description = "both past preflight before either wait job exists: the lock decides")]
    public void Drain_TwoServersAtTheSameMoment_OneWinsTheOtherIsRefusedAndChangesNothing(string first, string second, bool bothPastPreflight)
    {
        using var farm = BuildFarm();
        var ledger = new FarmLedger(farm);
        using var clientA = Client(farm, bothPastPreflight);
        using var clientB = Client(farm, bothPastPreflight);
        var a = farm.Start(() => Outcome(new DrainRunbookServer(farm.Context(null, clientA), new DrainOptions()).RunAsync(first)));
        var b = farm.Start(() => Outcome(new DrainRunbookServer(farm.Context(null, clientB), new DrainOptions()).RunAsync(second)));
        var most = RunSampling(farm, ledger, () => a.IsCompleted && b.IsCompleted, out var mostWaitJobs);

        var results = new[] { (Server: first, Result: a.Result), (Server: second, Result: b.Result) };
        var winners = results.Where(r => r.Result.Error is null).ToArray();
        var losers = results.Where(r => r.Result.Error is not null).ToArray();
        TestContext.Out.WriteLine($"drain {first} and drain {second} at once{(bothPastPreflight ? " (both past preflight)" : string.Empty)}: winner {string.Join(", ", winners.Select(w => w.Server))}; most servers drained at once {most}, most live wait jobs at once {mostWaitJobs}; loser said: {losers.FirstOrDefault().Result.Error?.Message}");
        Assert.Multiple(() =>
        {
            Assert.That(winners, Has.Length.EqualTo(1), "exactly one drain wins");
            Assert.That(losers, Has.Length.EqualTo(1), "exactly one drain is refused");
            Assert.That(most, Is.LessThanOrEqualTo(1), "MaxConcurrentMaintenance 1 held at every moment");
            var loser = losers.Single();
            Assert.That(loser.Result.Error, Is.InstanceOf<MaintenanceRefusedException>());
            Assert.That(loser.Result.Error!.Message, Does.StartWith($"Cannot drain {loser.Server}: ").And.Contain("maintenance").And.EndWith("Nothing was changed."));
            Assert.That(farm.Orchestrator.GetMaxJobs(loser.Server), Is.EqualTo(ledger.MaxJobs[loser.Server]), "the loser's server keeps its max jobs");
            Assert.That(ledger.ActiveWaitJobs().Select(j => j.Parameters["Server"]), Is.EqualTo(new[] { winners.Single().Server }), "only the winner's wait job is left");
            Assert.That(ledger.LostJobs(), Is.Empty);
        });
    }

    [Test]
    public void Drain_ThreeServersAtOnceWithTwoAllowed_AtMostTwoDrainedTheThirdRefused()
    {
        using var farm = BuildFarm();
        var ledger = new FarmLedger(farm);
        _barrier = new StartBarrier(3);
        var options = new DrainOptions { MaxConcurrentMaintenance = 2 };
        var clients = new[] { Client(farm, true), Client(farm, true), Client(farm, true) };
        var servers = new[] { "RB01", "RB02", "RB03" };
        var runs = servers.Select((s, i) => farm.Start(() => Outcome(new DrainRunbookServer(farm.Context(null, clients[i]), options).RunAsync(s)))).ToArray();
        var most = RunSampling(farm, ledger, () => runs.All(r => r.IsCompleted), out var mostWaitJobs);

        var refused = runs.Select((r, i) => (Server: servers[i], r.Result.Error)).Where(r => r.Error is not null).ToArray();
        TestContext.Out.WriteLine($"three drains at once, two allowed: drained {string.Join(", ", servers.Where((_, i) => runs[i].Result.Error is null))}; most servers drained at once {most}, most live wait jobs at once {mostWaitJobs}; refused: {string.Join("; ", refused.Select(r => r.Error!.Message))}");
        Assert.Multiple(() =>
        {
            Assert.That(most, Is.EqualTo(2), "MaxConcurrentMaintenance 2 held, and used");
            Assert.That(refused, Has.Length.EqualTo(1));
            Assert.That(refused.Single().Error, Is.InstanceOf<MaintenanceRefusedException>());
            Assert.That(farm.Orchestrator.GetMaxJobs(refused.Single().Server), Is.EqualTo(50), "the refused server keeps its max jobs");
            Assert.That(ledger.ActiveWaitJobs(), Has.Count.EqualTo(2));
        });
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    [TestCase(false)]
    [TestCase(true, Description = "both past their first preflight before either wait job exists: the lock decides")]
    public void RollingPatch_TwoAtTheSameMoment_AtMostOneServerDrainedAndTheFarmEndsWhole(bool bothPastPreflight)
    {
        using var farm = BuildFarm();
        var ledger = new FarmLedger(farm);
        using var clientA = Client(farm, bothPastPreflight);
        using var clientB = Client(farm, bothPastPreflight);
        // One server at a time each, so a second server drained at any moment would be the other run's: the lock's test.
        var a = farm.Start(() => Outcome(new RollingPatch(farm.Context(null, clientA), new RollingPatchOptions { MaxUnavailable = 1 }, Reboot(farm)).RunAsync()));
        var b = farm.Start(() => Outcome(new RollingPatch(farm.Context(null, clientB), new RollingPatchOptions { MaxUnavailable = 1 }, Reboot(farm)).RunAsync()));
        var most = RunSampling(farm, ledger, () => a.IsCompleted && b.IsCompleted, out var mostWaitJobs);

        var results = new[] { a.Result, b.Result };
        Assert.That(results.Select(r => r.Error), Is.All.Null, "a rolling patch reports refusals per server, it does not throw");
        var patched = results.Select(r => r.Value!.Servers.Count(s => s.Outcome == ServerPatchOutcome.Patched)).ToArray();
        var refused = results.SelectMany(r => r.Value!.Servers.Where(s => s.Outcome == ServerPatchOutcome.NotDrained)).ToArray();
        TestContext.Out.WriteLine($"two rolling patches at once{(bothPastPreflight ? " (both past preflight)" : string.Empty)}: servers patched {patched[0]} and {patched[1]}; most servers drained at once {most}, most live wait jobs at once {mostWaitJobs}; refusal: {refused.FirstOrDefault()?.Error}");
        TestContext.Out.WriteLine(string.Join(Environment.NewLine, results.Select(r => r.Value!.Summary())));
        Assert.Multiple(() =>
        {
            Assert.That(most, Is.LessThanOrEqualTo(1), "MaxConcurrentMaintenance 1 held at every moment");
            Assert.That(patched.Max(), Is.EqualTo(3), "one of them patches every server");
            Assert.That(refused, Is.Not.Empty, "the other is refused");
            Assert.That(refused.Select(r => r.StateLeftBehind), Is.All.Contains("unchanged"));
            Assert.That(refused.Select(r => r.Error), Is.All.Contains("maintenance"));
            Assert.That(refused.Select(r => r.Error), Has.None.Contains("Restore it"), "the loser is not told to restore a maintenance that is alive");
            Assert.That(ledger.ServersNotAtRecordedMaxJobs(), Is.Empty, "every server back at its max jobs");
            Assert.That(ledger.ActiveWaitJobs(), Is.Empty, "no wait job left");
            Assert.That(ledger.LostJobs(), Is.Empty);
            Assert.That(ledger.DuplicatedMonitors(), Is.Empty);
        });
    }

    [Test]
    public void RollingPatch_AnotherOwnersMaintenanceIsRecorded_RefusedNotTakenOver()
    {
        using var farm = BuildFarm();
        var alice = farm.Context(new MaintenanceSettings { Owner = @"CONTOSO\alice on JUMP01 (orchpatch)" });
        farm.Run(() => new DrainRunbookServer(alice, new DrainOptions()).RunAsync("RB03"), Limit);
        farm.RunFor(TimeSpan.FromMinutes(5));
        var ledger = new FarmLedger(farm);
        var patched = 0;
        var bob = farm.Context(new MaintenanceSettings { Owner = @"CONTOSO\bob on JUMP02 (orchpatch)" });

        var result = farm.Run(() => new RollingPatch(bob, new RollingPatchOptions(), (_, _) => Task.FromResult(new PatchStepResult(++patched > 0, "patched"))).RunAsync(), Limit);

        TestContext.Out.WriteLine("bob's rolling patch while alice's maintenance of RB03 is recorded: " + result.Summary());
        Assert.Multiple(() =>
        {
            // The first server tried (whichever has the least work left) is refused because of alice's RB03.
            var tried = result.Servers.Single(s => s.Outcome != ServerPatchOutcome.NotAttempted);
            Assert.That(tried.Outcome, Is.EqualTo(ServerPatchOutcome.NotDrained));
            Assert.That(tried.Error, Does.Contain("RB03").And.Contain("alice").And.Contain("already in maintenance"));
            Assert.That(patched, Is.Zero, "nothing was patched");
            Assert.That(ledger.Changes(), Is.Empty, "nothing changed on the farm");
            Assert.That(farm.Orchestrator.GetMaxJobs("RB03"), Is.EqualTo(1), "alice's maintenance is left to alice");
        });
    }

    /// <summary>A client of its own (a process of its own); with <paramref name="bothPastPreflight"/>, its first start
    /// waits at the fixture's barrier.</summary>
    private IOrchestratorService Client(SimulatedFarm farm, bool bothPastPreflight) =>
        bothPastPreflight ? new StartBarrierService(farm.CreateService(), _barrier) : farm.CreateService();

    [SetUp]
    public void NewBarrier() => _barrier = new StartBarrier(2);

    private static SimulatedFarm BuildFarm() => TestFarm.WithServers(3)
        .Monitor(@"\Mon\Disk", "RB01")
        .Job(@"\Ops\Backup", TimeSpan.FromMinutes(6), "RB01")
        .Job(@"\Ops\Report", TimeSpan.FromMinutes(4), "RB02")
        .Job(@"\Ops\Sync", TimeSpan.FromMinutes(2), "RB03")
        .Build();

    private static PatchStep Reboot(SimulatedFarm farm) => farm.RebootPatch(TimeSpan.FromMinutes(2), waitUntilBack: false);

    /// <summary>Runs the clock until <paramref name="done"/>, counting drained servers and live wait jobs after every event.</summary>
    private static int RunSampling(SimulatedFarm farm, FarmLedger ledger, Func<bool> done, out int mostWaitJobs)
    {
        var most = 0;
        var waits = 0;
        var finished = farm.RunUntil(
            () =>
            {
                most = Math.Max(most, ledger.ServersInMaintenance());
                waits = Math.Max(waits, ledger.ActiveWaitJobs().Count);
                return done();
            },
            Limit);
        Assert.That(finished, Is.True, "both runs finish");
        farm.RunFor(TimeSpan.FromMinutes(10));
        mostWaitJobs = waits;
        return most;
    }

    /// <summary>The result or the exception, so both racers can be inspected.</summary>
    private static async Task<(T? Value, Exception? Error)> Outcome<T>(Task<T> task)
    {
        try
        {
            return (await task.ConfigureAwait(false), null);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return (default, ex);
        }
    }
}
