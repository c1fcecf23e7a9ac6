using System;
using System.Collections.Generic;
using System.Linq;

namespace OrchPatch.Simulator.Events;

/// <summary>The simulator's append-only event log. Thread-safe; every read returns a copy.</summary>
public sealed class EventLog
{
    private readonly object _gate = new();
    private readonly List<SimulatorEvent> _events = new();

    /// <summary>How many events there are.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _events.Count;
            }
        }
    }

    /// <summary>The sequence number of the last event (0 when empty): pass it to <see cref="Since"/> later.</summary>
    public long LastSequence => Count;

    /// <summary>Every event, oldest first.</summary>
    /// <returns>A copy.</returns>
    public IReadOnlyList<SimulatorEvent> All()
    {
        lock (_gate)
        {
            return _events.ToArray();
        }
    }

    /// <summary>The events after <paramref name="sequence"/>, oldest first.</summary>
    /// <param name="sequence">A sequence number seen before (0 for all).</param>
    /// <returns>A copy.</returns>
    public IReadOnlyList<SimulatorEvent> Since(long sequence)
    {
        lock (_gate)
        {
            var start = (int)Math.Min(Math.Max(sequence, 0), _events.Count);
            return _events.GetRange(start, _events.Count - start).ToArray();
        }
    }

    /// <summary>The events of one type, oldest first.</summary>
    /// <typeparam name="T">The event type (a base type such as <see cref="JobEnded"/> works too).</typeparam>
    /// <returns>A copy.</returns>
    public IReadOnlyList<T> OfType<T>()
        where T : SimulatorEvent
    {
        lock (_gate)
        {
            return _events.OfType<T>().ToArray();
        }
    }

    internal T Append<T>(T simulatorEvent, DateTimeOffset time)
        where T : SimulatorEvent
    {
        lock (_gate)
        {
            SimulatorEvent stamped = simulatorEvent with { Sequence = _events.Count + 1, Time = time };
            _events.Add(stamped);
            return (T)stamped;
        }
    }
}
