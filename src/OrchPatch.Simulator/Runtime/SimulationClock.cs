using System;
using System.Collections.Generic;
using System.Threading;

namespace OrchPatch.Simulator.Runtime;

/// <summary>A discrete-event agenda driven by a <see cref="TimeProvider"/>. Scheduled actions run in order of due
/// time (then of scheduling), each with <see cref="Now"/> set to its own due time, whenever the provider's clock has
/// reached it: on the provider's timer, or when anyone looks (<see cref="CatchUp"/>, called first by every request).
/// So simulated timestamps are exact whatever step a fake clock takes, and what a request sees is always up to date.</summary>
/// <remarks>Not thread-safe on its own: every member is called under the simulator's lock, including the timer
/// callback, which takes that lock itself.</remarks>
internal sealed class SimulationClock : IDisposable
{
    private readonly TimeProvider _time;
    private readonly PriorityQueue<ScheduledAction, (DateTimeOffset Due, long Order)> _agenda = new();
    private readonly ITimer _timer;
    private long _order;
    private bool _catchingUp;
    private DateTimeOffset? _armedFor;
    private bool _disposed;

    public SimulationClock(TimeProvider time, object gate)
    {
        _time = time;
        Start = Now = time.GetUtcNow();
        _timer = time.CreateTimer(
            static state =>
            {
                var (clock, gate) = ((SimulationClock, object))state!;
                lock (gate)
                {
                    clock._armedFor = null;
                    clock.CatchUp();
                }
            },
            (this, gate),
            Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan);
    }

    /// <summary>When the simulation began.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>The simulated present: the due time of the action running, else the provider's time when last looked.</summary>
    public DateTimeOffset Now { get; private set; }

    /// <summary>Runs <paramref name="action"/> at <paramref name="due"/> (at once on the next catch-up if that has passed).</summary>
    public ScheduledAction Schedule(DateTimeOffset due, Action action)
    {
        var item = new ScheduledAction(due < Now ? Now : due, action);
        _agenda.Enqueue(item, (item.Due, ++_order));
        return item;
    }

    public ScheduledAction ScheduleAfter(TimeSpan delay, Action action) => Schedule(Now + delay, action);

    /// <summary>Runs every action due by the provider's present, in order, then arms the timer for the next one.</summary>
    public void CatchUp()
    {
        if (_catchingUp)
        {
            return;
        }

        _catchingUp = true;
        try
        {
            var present = _time.GetUtcNow();
            while (_agenda.TryPeek(out var next, out var key) && key.Due <= present)
            {
                _agenda.Dequeue();
                if (next.IsCanceled)
                {
                    continue;
                }

                if (next.Due > Now)
                {
                    Now = next.Due;
                }

                next.Run();
            }

            if (present > Now)
            {
                Now = present;
            }

            Arm(present);
        }
        finally
        {
            _catchingUp = false;
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _timer.Dispose();
    }

    private void Arm(DateTimeOffset present)
    {
        if (_disposed)
        {
            return;
        }

        while (_agenda.TryPeek(out var next, out _) && next.IsCanceled)
        {
            _agenda.Dequeue();
        }

        if (!_agenda.TryPeek(out var first, out _))
        {
            return;
        }

        if (_armedFor == first.Due)
        {
            return;
        }

        // Never arm for zero: a fake clock would fire inside Change, re-entering. Everything due by now has run.
        var delay = first.Due - present;
        _armedFor = first.Due;
        _timer.Change(delay > TimeSpan.Zero ? delay : TimeSpan.FromTicks(1), Timeout.InfiniteTimeSpan);
    }
}

/// <summary>An action on the agenda; cancel it to skip it.</summary>
internal sealed class ScheduledAction
{
    private readonly Action _action;

    public ScheduledAction(DateTimeOffset due, Action action)
    {
        Due = due;
        _action = action;
    }

    public DateTimeOffset Due { get; }

    public bool IsCanceled { get; private set; }

    public void Cancel() => IsCanceled = true;

    public void Run()
    {
        IsCanceled = true;
        _action();
    }
}
