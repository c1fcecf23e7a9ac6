using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Reliability.Tests.Support;
using OrchPatch.Simulator.Scenarios;
using OrchPatch.TestSupport.Farms;
using OrchPatch.Simulator;

namespace OrchPatch.Reliability.Tests;

/// <summary>
/// One slow answer while a monitor's move is confirmed: the copy's status takes 30 seconds to arrive (a timeout and a
/// retry). The original had already stopped by then; reading it before the copy made both look running, so the
/// engine canceled the good copy and started a third job (a longer gap in monitoring, and under faults, a lost
/// monitor). Found by the fault suite (Long seed 126).
/// </summary>
[TestFixture]
public sealed class SlowAnswerTests
{
    [Test]
    public void Drain_CopysStatusArrives30sLate_NoFalseTwoCopiesAlarmAndNoThirdJob()
    {
        using var farm = TestFarm.WithServers(3).Monitor(@"\Mon\Disk", "RB01").Build();
        var events = new List<MaintenanceEvent>();
        using var slow = new SlowFirstReadOfCopies(farm.CreateService(), farm.Clock, TimeSpan.FromSeconds(30));
        var context = farm.Context(new MaintenanceSettings { OnProgress = events.Add }, slow);

        var result = farm.Run(() => new DrainRunbookServer(context, new DrainOptions()).RunAsync("RB01"), TimeSpan.FromHours(1));

        var monitors = farm.Orchestrator.Jobs.Where(j => j.Kind == RunbookKind.Monitor).ToArray();
        TestContext.Out.WriteLine($"slow copy read: {slow.Delayed} read(s) delayed; monitor jobs {monitors.Length}; gap {result.Relocated.Single().Gap}; note '{result.Relocated.Single().Note}'");
        Assert.Multiple(() =>
        {
            Assert.That(slow.Delayed, Is.EqualTo(1), "the copy's first read was slow");
            Assert.That(result.Outcome, Is.EqualTo(DrainOutcome.Drained));
            Assert.That(monitors, Has.Length.EqualTo(2), "the original and one copy, no third job");
            Assert.That(result.Relocated.Single().Note, Is.Empty);
            Assert.That(events.Select(e => e.Message), Has.None.Contains("the copy started while the original still ran"));
            Assert.That(monitors.Count(m => m.Status == SimulatedJobStatus.Running), Is.EqualTo(1));
        });
    }

    /// <summary>The real client; the first read of each job this client started answers <c>delay</c> late.</summary>
    private sealed class SlowFirstReadOfCopies : IOrchestratorService
    {
        private readonly IOrchestratorService _inner;
        private readonly TimeProvider _time;
        private readonly TimeSpan _delay;
        private readonly HashSet<Guid> _started = new();

        public SlowFirstReadOfCopies(IOrchestratorService inner, TimeProvider time, TimeSpan delay)
        {
            _inner = inner;
            _time = time;
            _delay = delay;
        }

        public int Delayed { get; private set; }

        public OrchestratorEndpoint Endpoint => _inner.Endpoint;

        public Task<IReadOnlyList<RunbookServer>> GetRunbookServersAsync(CancellationToken cancellationToken = default) => _inner.GetRunbookServersAsync(cancellationToken);

        public Task<Runbook> GetRunbookAsync(Guid runbookId, CancellationToken cancellationToken = default) => _inner.GetRunbookAsync(runbookId, cancellationToken);

        public Task<Runbook> FindRunbookAsync(string path, CancellationToken cancellationToken = default) => _inner.FindRunbookAsync(path, cancellationToken);

        public Task<IReadOnlyList<Job>> GetJobsAsync(JobQuery query, CancellationToken cancellationToken = default) => _inner.GetJobsAsync(query, cancellationToken);

        public Task<JobCount> CountJobsAsync(JobQuery query, CancellationToken cancellationToken = default) => _inner.CountJobsAsync(query, cancellationToken);

        public async Task<Job> GetJobAsync(Guid jobId, CancellationToken cancellationToken = default)
        {
            if (_started.Remove(jobId))
            {
                Delayed++;
                await Task.Delay(_delay, _time, cancellationToken).ConfigureAwait(false);
            }

            return await _inner.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false);
        }

        public async Task<Job> StartJobAsync(StartJobRequest request, CancellationToken cancellationToken = default)
        {
            var job = await _inner.StartJobAsync(request, cancellationToken).ConfigureAwait(false);
            if (request.RunbookServers.All(s => s != "RB01"))
            {
                _started.Add(job.Id);
            }

            return job;
        }

        public Task<bool> CancelJobAsync(Guid jobId, CancellationToken cancellationToken = default) => _inner.CancelJobAsync(jobId, cancellationToken);

        public Task<IReadOnlyDictionary<string, string>> GetJobParametersAsync(Job job, CancellationToken cancellationToken = default) => _inner.GetJobParametersAsync(job, cancellationToken);

        public Task<IReadOnlyList<RunbookInstance>> GetRunbookInstancesAsync(Guid jobId, CancellationToken cancellationToken = default) => _inner.GetRunbookInstancesAsync(jobId, cancellationToken);

        public void Dispose() => _inner.Dispose();
    }
}
