using System;
using System.Threading;

namespace OrchPatch.Simulator.Hosting;

/// <summary>A clock that runs <see cref="Speed"/> simulated seconds per second of another clock (real time by
/// default): <c>orchpatch simulate --speed 60</c> runs an hour a minute. Timers are scaled the same way.</summary>
public sealed class ScaledTimeProvider : TimeProvider
{
    private readonly TimeProvider _inner;
    private readonly long _startTimestamp;
    private readonly DateTimeOffset _origin;

    /// <summary>Creates the clock; its present starts at <paramref name="start"/> (the inner clock's present by default).</summary>
    /// <param name="speed">Simulated seconds per inner second, greater than 0 (at most 1,000,000).</param>
    /// <param name="inner">The clock it scales; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="start">Where simulated time starts.</param>
    /// <exception cref="ArgumentOutOfRangeException">The speed is not in (0, 1,000,000].</exception>
    public ScaledTimeProvider(double speed, TimeProvider? inner = null, DateTimeOffset? start = null)
    {
        if (double.IsNaN(speed) || speed <= 0 || speed > 1_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "The speed must be greater than 0 and at most 1000000 simulated seconds per second.");
        }

        Speed = speed;
        _inner = inner ?? System;
        _startTimestamp = _inner.GetTimestamp();
        _origin = start ?? _inner.GetUtcNow();
    }

    /// <summary>Simulated seconds per inner second.</summary>
    public double Speed { get; }

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => _inner.LocalTimeZone;

    /// <inheritdoc />
    public override long TimestampFrequency => _inner.TimestampFrequency;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _origin + Scale(_inner.GetElapsedTime(_startTimestamp));

    /// <inheritdoc />
    public override long GetTimestamp() => _startTimestamp + (long)((_inner.GetTimestamp() - _startTimestamp) * Speed);

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(_inner.CreateTimer(callback, state, ToInner(dueTime), ToInner(period)), this);

    private TimeSpan Scale(TimeSpan inner) => TimeSpan.FromTicks((long)(inner.Ticks * Speed));

    private TimeSpan ToInner(TimeSpan simulated) =>
        simulated == Timeout.InfiniteTimeSpan || simulated <= TimeSpan.Zero ? simulated : TimeSpan.FromTicks(Math.Max(1, (long)Math.Ceiling(simulated.Ticks / Speed)));

    private sealed class ScaledTimer : ITimer
    {
        private readonly ITimer _timer;
        private readonly ScaledTimeProvider _owner;

        public ScaledTimer(ITimer timer, ScaledTimeProvider owner)
        {
            _timer = timer;
            _owner = owner;
        }

        public bool Change(TimeSpan dueTime, TimeSpan period) => _timer.Change(_owner.ToInner(dueTime), _owner.ToInner(period));

        public void Dispose() => _timer.Dispose();

        public System.Threading.Tasks.ValueTask DisposeAsync() => _timer.DisposeAsync();
    }
}
