using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using NUnit.Framework;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Core.Throttle;
using OrchPatch.Reliability.Tests.Support;
using OrchPatch.Lab;
using OrchPatch.TestSupport.Farms;

namespace OrchPatch.Reliability.Tests;

/// <summary>
/// The throttle fails: the Orchestrator database is unreachable, aspt.exe is missing or fails, or the database goes
/// away between the read and the write. The drain must stop before anything else changes (no wait job left, max
/// jobs unchanged) and say why.
/// </summary>
[TestFixture]
public sealed class ThrottleFaultTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromHours(1);
    private string _folder = string.Empty;

    [SetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "orchpatch-rel-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Drain_DatabaseUnreachable_RefusedBeforeAnyChangeSayingWhy()
    {
        var missing = Path.Combine(_folder, "no-such-folder", "Orchestrator.db");
        var throttle = new DatabaseThrottle(() => new SqliteConnection($"Data Source={missing};Mode=ReadWrite;Pooling=False"), "SQL01/Orchestrator");

        var (error, ledger) = Drain(throttle);

        Assert.Multiple(() =>
        {
            Assert.That(error, Is.InstanceOf<MaintenanceRefusedException>());
            Assert.That(error.Message, Does.StartWith("Cannot drain RB01: max jobs of RB01 cannot be read with the database throttle: could not read max jobs of RB01 in the Orchestrator database (SQL01/Orchestrator)"));
            Assert.That(error.Message, Does.EndWith("Nothing was changed."));
            Assert.That(ledger.Changes(), Is.Empty, "nothing changed on the farm");
        });
    }

    [Test]
    public void Drain_AsptExeMissing_RefusedBeforeAnyChangeSayingWhere()
    {
        var throttle = new AsptThrottle(Path.Combine(_folder, "aspt.exe"), TimeProvider.System);

        var (error, ledger) = Drain(throttle);

        Assert.Multiple(() =>
        {
            Assert.That(error, Is.InstanceOf<MaintenanceRefusedException>());
            Assert.That(error.Message, Does.Contain("aspt.exe was not found at " + Path.Combine(_folder, "aspt.exe")).And.EndWith("Nothing was changed."));
            Assert.That(ledger.Changes(), Is.Empty, "nothing changed on the farm");
        });
    }

    [Test]
    public void Drain_AsptExeFails_WaitJobCanceledMaxJobsUntouchedMessageQuotesIt()
    {
        var aspt = Path.Combine(_folder, "aspt.exe");
        File.WriteAllText(aspt, "#!/bin/sh\necho \"The RPC server is unavailable. (0x800706BA)\" >&2\nexit 5\n");
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("The failing aspt.exe stand-in is a shell script.");
        }
        else
        {
            File.SetUnixFileMode(aspt, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var throttle = new Synchronous(new AsptThrottle(aspt, TimeProvider.System));

        var (error, ledger) = Drain(throttle);

        Assert.Multiple(() =>
        {
            Assert.That(error, Is.InstanceOf<MaintenanceFailedException>());
            Assert.That(error.Message, Does.Contain("Could not set max jobs of RB01 to 1 with the aspt.exe throttle: aspt.exe RB01 1 failed with exit code 5: The RPC server is unavailable."));
            Assert.That(((MaintenanceFailedException)error).StateLeftBehind, Does.StartWith("max jobs may still be 1 (could not set it back to 50: aspt.exe RB01 50 failed with exit code 5: The RPC server is unavailable.")
                .And.Match(@"\); wait job [0-9a-f-]{36} canceled\.$"), "aspt.exe cannot read max jobs back, so the state says what may be left");
            Assert.That(ledger.ActiveWaitJobs(), Is.Empty, "no wait job left");
            Assert.That(ledger.ServersNotAtRecordedMaxJobs(), Is.Empty, "max jobs unchanged");
            Assert.That(ledger.LostJobs(), Is.Empty);
            Assert.That(ledger.PendingMonitorCopies(), Is.Empty, "no monitor copy queued beside its original");
            Assert.That(ledger.GhostJobs(), Is.Empty, "no job queued or running that no one owns");
        });
    }

    [Test]
    public void Drain_DatabaseGoneBetweenReadAndWrite_WaitJobCanceledMaxJobsUnchangedMessageSaysWhy()
    {
        using var farm = TestFarm.WithServers(3).Job(@"\Ops\Backup", TimeSpan.FromMinutes(5), "RB01").Build();
        var real = new FailingWrites(farm.Throttle);
        var ledger = new FarmLedger(farm);
        var error = Catch(farm, real);

        TestContext.Out.WriteLine("database gone before the write: " + error.Message);
        Assert.Multiple(() =>
        {
            Assert.That(error, Is.InstanceOf<MaintenanceFailedException>());
            Assert.That(error.Message, Does.Contain("Could not set max jobs of RB01 to 1").And.Contain("A network-related or instance-specific error"));
            Assert.That(((MaintenanceFailedException)error).StateLeftBehind, Does.StartWith("max jobs unchanged; wait job ").And.EndWith(" canceled."), "the state says what is true: the write never happened");
            Assert.That(ledger.ActiveWaitJobs(), Is.Empty, "no wait job left");
            Assert.That(ledger.ServersNotAtRecordedMaxJobs(), Is.Empty, "max jobs unchanged");
            Assert.That(ledger.LostJobs(), Is.Empty);
            Assert.That(ledger.PendingMonitorCopies(), Is.Empty, "no monitor copy queued beside its original");
            Assert.That(ledger.GhostJobs(), Is.Empty, "no job queued or running that no one owns");
        });
    }

    private static (Exception Error, FarmLedger Ledger) Drain(IRunbookServerThrottle throttle)
    {
        using var farm = TestFarm.WithServers(3).Job(@"\Ops\Backup", TimeSpan.FromMinutes(5), "RB01").Build();
        var ledger = new FarmLedger(farm);
        var error = Catch(farm, throttle);
        TestContext.Out.WriteLine($"{throttle.Name} throttle failing: {error.Message}");
        return (error, ledger);
    }

    private static Exception Catch(SimulatedFarm farm, IRunbookServerThrottle throttle)
    {
        var context = new MaintenanceContext(farm.Service, throttle, farm.Clock);
        try
        {
            farm.Run(() => new DrainRunbookServer(context, new DrainOptions()).RunAsync("RB01"), Limit);
        }
        catch (Exception ex) when (ex is MaintenanceRefusedException or MaintenanceFailedException)
        {
            return ex;
        }

        throw new AssertionException("the drain did not fail");
    }

    /// <summary>Runs aspt.exe (a real process) to its end inside the call, so the farm's virtual clock does not race
    /// ahead of it; the engine sees the same results and exceptions.</summary>
    private sealed class Synchronous : IRunbookServerThrottle
    {
        private readonly IRunbookServerThrottle _inner;

        public Synchronous(IRunbookServerThrottle inner) => _inner = inner;

        public string Name => _inner.Name;

        public bool CanRead => _inner.CanRead;

        public Task<int?> GetMaxJobsAsync(string serverName, CancellationToken cancellationToken = default) =>
            Task.FromResult(_inner.GetMaxJobsAsync(serverName, cancellationToken).GetAwaiter().GetResult());

        public Task SetMaxJobsAsync(string serverName, int maxJobs, CancellationToken cancellationToken = default)
        {
            _inner.SetMaxJobsAsync(serverName, maxJobs, cancellationToken).GetAwaiter().GetResult();
            return Task.CompletedTask;
        }
    }

    /// <summary>Reads work; every write fails as SQL Server does when the network to it is gone.</summary>
    private sealed class FailingWrites : IRunbookServerThrottle
    {
        private readonly IRunbookServerThrottle _inner;

        public FailingWrites(IRunbookServerThrottle inner) => _inner = inner;

        public string Name => "database";

        public bool CanRead => true;

        public Task<int?> GetMaxJobsAsync(string serverName, CancellationToken cancellationToken = default) => _inner.GetMaxJobsAsync(serverName, cancellationToken);

        public Task SetMaxJobsAsync(string serverName, int maxJobs, CancellationToken cancellationToken = default) =>
            throw new ThrottleException(Name, serverName, $"could not set max jobs of {serverName} in the Orchestrator database (SQL01/Orchestrator): A network-related or instance-specific error occurred while establishing a connection to SQL Server.");
    }
}
