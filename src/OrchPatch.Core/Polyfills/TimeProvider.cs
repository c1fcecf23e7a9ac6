// net472 only. System.TimeProvider is in-box from .NET 8; on the .NET Framework it would need Microsoft.Bcl.TimeProvider,
// one more DLL inside PolicyModule.exe (docs/design.md, "The dependency rule inside PolicyModule.exe", forbids that without a strong reason). This is the subset of
// its API that OrchPatch uses, with the same names, so the code is identical on both targets. On net472 only the
// system clock is ever used (tests run on net10.0 with FakeTimeProvider).
using System.Diagnostics;
using System.Threading;

namespace System
{
    /// <summary>The .NET 8 <c>System.TimeProvider</c> abstraction, for the .NET Framework build of OrchPatch.</summary>
    public abstract class TimeProvider
    {
        /// <summary>Creates a time provider.</summary>
        protected TimeProvider() { }

        /// <summary>The system clock.</summary>
        public static TimeProvider System { get; } = new SystemTimeProvider();

        /// <summary>The local time zone.</summary>
        public virtual TimeZoneInfo LocalTimeZone => TimeZoneInfo.Local;

        /// <summary>The frequency of <see cref="GetTimestamp"/>.</summary>
        public virtual long TimestampFrequency => Stopwatch.Frequency;

        /// <summary>The current UTC time.</summary>
        /// <returns>The time.</returns>
#pragma warning disable RS0030 // The system TimeProvider is the one place that reads the system clock.
        public virtual DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow;
#pragma warning restore RS0030

        /// <summary>The current local time.</summary>
        /// <returns>The time.</returns>
        public DateTimeOffset GetLocalNow() => TimeZoneInfo.ConvertTime(GetUtcNow(), LocalTimeZone);

        /// <summary>A high-resolution timestamp.</summary>
        /// <returns>The timestamp.</returns>
        public virtual long GetTimestamp() => Stopwatch.GetTimestamp();

        /// <summary>The time between two timestamps.</summary>
        /// <param name="startingTimestamp">The start.</param>
        /// <param name="endingTimestamp">The end.</param>
        /// <returns>The elapsed time.</returns>
        public TimeSpan GetElapsedTime(long startingTimestamp, long endingTimestamp) =>
            new TimeSpan((long)((endingTimestamp - startingTimestamp) * ((double)TimeSpan.TicksPerSecond / TimestampFrequency)));

        /// <summary>The time since a timestamp.</summary>
        /// <param name="startingTimestamp">The start.</param>
        /// <returns>The elapsed time.</returns>
        public TimeSpan GetElapsedTime(long startingTimestamp) => GetElapsedTime(startingTimestamp, GetTimestamp());

        /// <summary>Creates a timer.</summary>
        /// <param name="callback">What runs when it fires.</param>
        /// <param name="state">The callback's state.</param>
        /// <param name="dueTime">The first delay.</param>
        /// <param name="period">The period, or <see cref="Timeout.InfiniteTimeSpan"/>.</param>
        /// <returns>The timer.</returns>
        public virtual ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (callback is null)
            {
                throw new ArgumentNullException(nameof(callback));
            }

            return new SystemTimer(new Timer(callback, state, dueTime, period));
        }

        private sealed class SystemTimeProvider : TimeProvider
        {
        }

        private sealed class SystemTimer : ITimer
        {
            private readonly Timer _timer;

            public SystemTimer(Timer timer) => _timer = timer;

            public bool Change(TimeSpan dueTime, TimeSpan period) => _timer.Change(dueTime, period);

            public void Dispose() => _timer.Dispose();
        }
    }
}

namespace System.Threading
{
    /// <summary>The .NET 8 <c>System.Threading.ITimer</c>, for the .NET Framework build of OrchPatch.</summary>
    public interface ITimer : IDisposable
    {
        /// <summary>Changes the timer.</summary>
        /// <param name="dueTime">The next delay.</param>
        /// <param name="period">The period.</param>
        /// <returns>True when changed.</returns>
        bool Change(TimeSpan dueTime, TimeSpan period);
    }
}
