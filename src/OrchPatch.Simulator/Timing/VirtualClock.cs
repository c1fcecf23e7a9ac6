using System;
using System.Collections.Generic;
using System.Threading;

namespace OrchPatch.Simulator.Timing;

/// <summary>
/// A discrete-event clock for simulations: time stands still until <see cref="RunUntil"/> or <see cref="AdvanceTo"/>
/// moves it, and every timer fires at exactly its due time, in due order (ties in creation order).
/// </summary>
/// <remarks>
/// <para>Hours of maintenance run in milliseconds, with exact times: unlike stepping a fake clock by a fixed amount, a
/// wait of 5 s ends at exactly +5 s, so drain times and gaps are measured precisely and the run repeats bit for bit.</para>
/// <para>Callbacks run inline on the thread that moves the clock. Code that awaits a timer continues inline too, as long
/// as that thread has no SynchronizationContext (a console program's main thread has none; NUnit's test thread does,
/// so tests clear it). Work in between must complete synchronously (the simulator's in-process transport does).</para>
/// </remarks>
public sealed class VirtualClock : TimeProvider
{
    private readonly object _gate = new();
    private readonly SortedSet<VirtualTimer> _queue = new(DueOrder.Instance);
    private DateTimeOffset _now;
    private long _sequence;

    /// <summary>Creates the clock.</summary>
    /// <param name="start">The time it shows until moved.</param>
    public VirtualClock(DateTimeOffset start) => _now = start;

    /// <summary>How many timers have fired: a measure of the simulation's work.</summary>
    public long Fired { get; private set; }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Fires timers in order until <paramref name="done"/> is true or the next timer is after <paramref name="limit"/>.</summary>
    /// <param name="done">Checked before each step.</param>
    /// <param name="limit">The latest time to reach.</param>
    /// <returns>True when <paramref name="done"/> became true; false when the limit was reached first (the clock then shows it).</returns>
    public bool RunUntil(Func<bool> done, DateTimeOffset limit)
    {
        ArgumentNullException.ThrowIfNull(done);
        while (!done())
        {
            if (!Step(limit))
            {
                return done();
            }
        }

        return true;
    }

    /// <summary>Fires every timer due up to <paramref name="time"/>, then shows that time.</summary>
    /// <param name="time">The time to reach.</param>
    public void AdvanceTo(DateTimeOffset time)
    {
        while (Step(time))
        {
        }
    }

    /// <summary>Fires the earliest timer due at or before <paramref name="limit"/>.</summary>
    /// <returns>False (and the clock at <paramref name="limit"/>) when none is due by then.</returns>
    private bool Step(DateTimeOffset limit)
    {
        VirtualTimer next;
        lock (_gate)
        {
            if (_queue.Count == 0 || _queue.Min!.Due > limit)
            {
                if (limit > _now)
                {
                    _now = limit;
                }

                return false;
            }

            next = _queue.Min!;
            _queue.Remove(next);
            if (next.Due > _now)
            {
                _now = next.Due;
            }

            if (next.Period > TimeSpan.Zero)
            {
                Schedule(next, _now + next.Period);
            }
            else
            {
                next.Scheduled = false;
            }

            Fired++;
        }

        next.Fire();
        return true;
    }

    private void Schedule(VirtualTimer timer, DateTimeOffset due)
    {
        timer.Due = due;
        timer.Sequence = _sequence++;
        timer.Scheduled = true;
        _queue.Add(timer);
    }

    private sealed class VirtualTimer : ITimer
    {
        private readonly VirtualClock _clock;
        private readonly TimerCallback _callback;
        private readonly object? _state;
        private bool _disposed;

        public VirtualTimer(VirtualClock clock, TimerCallback callback, object? state)
        {
            _clock = clock;
            _callback = callback;
            _state = state;
        }

        public DateTimeOffset Due { get; set; }

        public long Sequence { get; set; }

        public bool Scheduled { get; set; }

        public TimeSpan Period { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (_clock._gate)
            {
                if (_disposed)
                {
                    return false;
                }

                if (Scheduled)
                {
                    _clock._queue.Remove(this);
                    Scheduled = false;
                }

                Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    _clock.Schedule(this, _clock._now + (dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime));
                }

                return true;
            }
        }

        public void Fire() => _callback(_state);

        public void Dispose()
        {
            lock (_clock._gate)
            {
                _disposed = true;
                if (Scheduled)
                {
                    _clock._queue.Remove(this);
                    Scheduled = false;
                }
            }
        }

        public System.Threading.Tasks.ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }

    private sealed class DueOrder : IComparer<VirtualTimer>
    {
        public static readonly DueOrder Instance = new();

        public int Compare(VirtualTimer? x, VirtualTimer? y)
        {
            if (ReferenceEquals(x, y))
            {
                return 0;
            }

            var byDue = x!.Due.CompareTo(y!.Due);
            return byDue != 0 ? byDue : x.Sequence.CompareTo(y.Sequence);
        }
    }
}
