using System;
using System.Collections.Generic;
using System.Linq;
using OrchPatch.Simulator.Scenarios;

namespace OrchPatch.Simulator.Runtime;

/// <summary>The scenario's random arrivals: one Poisson process per arrival, each with its own seeded draw, so
/// stopping and starting again, or adding an arrival, leaves the others' sequences unchanged.</summary>
internal sealed class Workload
{
    private readonly Farm _farm;
    private readonly SimulationClock _clock;
    private readonly List<Stream> _streams;

    public Workload(Farm farm, SimulationClock clock)
    {
        _farm = farm;
        _clock = clock;
        _streams = farm.Scenario.Arrivals
            .Select((spec, i) => new Stream(spec, farm.FindRunbook(spec.RunbookPath)!, new Random(unchecked((farm.Scenario.Seed * 31) + i + 1))))
            .ToList();
    }

    public bool IsRunning { get; private set; }

    public bool Start()
    {
        if (IsRunning)
        {
            return false;
        }

        IsRunning = true;
        foreach (var stream in _streams.Where(s => s.Spec.RatePerHour > 0))
        {
            ScheduleNext(stream);
        }

        return true;
    }

    public bool Stop()
    {
        if (!IsRunning)
        {
            return false;
        }

        IsRunning = false;
        foreach (var stream in _streams)
        {
            stream.Next?.Cancel();
            stream.Next = null;
        }

        return true;
    }

    private void ScheduleNext(Stream stream)
    {
        var meanSeconds = 3600.0 / stream.Spec.RatePerHour;
        var gap = TimeSpan.FromMilliseconds(Math.Max(1, Math.Round(-meanSeconds * 1000 * Math.Log(1 - stream.Random.NextDouble()))));
        stream.Next = _clock.ScheduleAfter(gap, () =>
        {
            _farm.CreateJob(NewJob.ByName(stream.Runbook, stream.Spec.Parameters, stream.Spec.Servers, SimulatorConstants.AnonymousSid), "Workload");
            ScheduleNext(stream);
        });
    }

    private sealed class Stream
    {
        public Stream(ArrivalSpec spec, SimRunbook runbook, Random random)
        {
            Spec = spec;
            Runbook = runbook;
            Random = random;
        }

        public ArrivalSpec Spec { get; }

        public SimRunbook Runbook { get; }

        public Random Random { get; }

        public ScheduledAction? Next { get; set; }
    }
}
