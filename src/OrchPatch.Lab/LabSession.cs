using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Simulator;

namespace OrchPatch.Lab;

/// <summary>What a procedure under measurement works with: the farm, the patch step, and where it reports phases.</summary>
public sealed class LabSession
{
    private readonly Dictionary<string, List<(LabPhase Phase, DateTimeOffset At)>> _phases = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, TimeSpan> _lowerBounds = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, DateTimeOffset> _drained = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, DateTimeOffset> _waitingSince = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _patched = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _order = new();

    internal LabSession(SimulatedFarm farm, LabOptions options)
    {
        Farm = farm;
        Options = options;
        Requests = new RequestLedger(farm.Clock);
        Service = new ServerTaggingService(farm.CreateService(transport: Requests.Recorder), farm.Orchestrator, Requests);
    }

    /// <summary>The farm.</summary>
    public SimulatedFarm Farm { get; }

    /// <summary>The web-service client procedures use: each request is recorded in <see cref="Requests"/> with the
    /// server it concerns.</summary>
    public IOrchestratorService Service { get; }

    /// <summary>Every web-service request of the procedure, with the server each concerns.</summary>
    public RequestLedger Requests { get; }

    /// <summary>The run's options.</summary>
    public LabOptions Options { get; }

    /// <summary>Receives the engine's progress events, for printing (the demo's live lines).</summary>
    public Action<MaintenanceEvent>? OnProgress => Options.OnProgress;

    /// <summary>The patch step: reboot the server for <see cref="LabOptions.PatchDowntime"/> and wait until it is back.</summary>
    /// <param name="server">The drained server.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>Succeeded once the server is online again.</returns>
    public Task<PatchStepResult> PatchAsync(string server, CancellationToken cancellationToken) =>
        Farm.RebootPatch(Options.PatchDowntime)(server, cancellationToken);

    /// <summary>A server entered a phase now. Entering <see cref="LabPhase.Draining"/> measures its lower bound.</summary>
    /// <param name="server">The server.</param>
    /// <param name="phase">The phase.</param>
    public void Enter(string server, LabPhase phase)
    {
        var now = Farm.Now;
        if (!_phases.TryGetValue(server, out var list))
        {
            _phases[server] = list = new List<(LabPhase, DateTimeOffset)>();
            _order.Add(server);
        }

        if (phase == LabPhase.Draining && !_lowerBounds.ContainsKey(server))
        {
            _lowerBounds[server] = DrainLowerBound.Of(Farm.Orchestrator.Jobs, server, now);
        }

        if (phase == LabPhase.Patching && !_drained.ContainsKey(server))
        {
            _drained[server] = now;
        }

        list.Add((phase, now));
    }

    /// <summary>The drain began waiting for jobs now (requests from here to drained are counted against the target).</summary>
    /// <param name="server">The server.</param>
    public void Waiting(string server)
    {
        if (!_waitingSince.ContainsKey(server) && !_drained.ContainsKey(server))
        {
            _waitingSince[server] = Farm.Now;
        }
    }

    /// <summary>The server is patched and back in service now.</summary>
    /// <param name="server">The server.</param>
    public void Done(string server)
    {
        Enter(server, LabPhase.Normal);
        _patched.Add(server);
    }

    internal IReadOnlyList<string> Order => _order;

    internal bool IsPatched(string server) => _patched.Contains(server);

    internal IReadOnlyList<PhaseSpan> Spans(string server, DateTimeOffset from, DateTimeOffset to)
    {
        var changes = _phases.TryGetValue(server, out var list) ? list : new List<(LabPhase Phase, DateTimeOffset At)>();
        var spans = new List<PhaseSpan>();
        var phase = LabPhase.Normal;
        var since = from;
        foreach (var (next, at) in changes)
        {
            if (at > since)
            {
                spans.Add(new PhaseSpan(phase, since, at));
            }

            phase = next;
            since = at > since ? at : since;
        }

        if (to > since)
        {
            spans.Add(new PhaseSpan(phase, since, to));
        }

        return spans;
    }

    internal DateTimeOffset? DrainStartedAt(string server) =>
        _phases.TryGetValue(server, out var list) && list.Any(p => p.Phase == LabPhase.Draining) ? list.First(p => p.Phase == LabPhase.Draining).At : null;

    internal DateTimeOffset? DrainedAt(string server) => _drained.TryGetValue(server, out var at) ? at : null;

    internal DateTimeOffset? WaitingSince(string server) => _waitingSince.TryGetValue(server, out var at) ? at : null;

    internal TimeSpan LowerBound(string server) => _lowerBounds.TryGetValue(server, out var bound) ? bound : TimeSpan.Zero;

    internal IEnumerable<string> Servers => _order.Where(s => _phases[s].Count > 0);
}
