using System;
using System.Threading;
using System.Threading.Tasks;

namespace OrchPatch.Core.Utils;

/// <summary>Waiting on a <see cref="TimeProvider"/>, identically on net472 and net10.0.</summary>
/// <remarks>
/// The continuation of a <see cref="Delay"/> runs on the thread that fires the timer. With a fake clock that is the
/// thread calling <c>Advance</c>, so a test that advances time sees the engine run up to its next wait before
/// <c>Advance</c> returns: simulated hours stay deterministic and take milliseconds.
/// </remarks>
internal static class Clock
{
    /// <summary>Completes after <paramref name="delay"/> on <paramref name="time"/>, or is canceled.</summary>
    /// <param name="time">The clock.</param>
    /// <param name="delay">How long; zero or less completes at once.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the time has passed.</returns>
    public static Task Delay(TimeProvider time, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(time);
        if (cancellationToken.IsCancellationRequested)
        {
            return CanceledTask(cancellationToken);
        }

        if (delay <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        var completion = new TaskCompletionSource<bool>();
        var state = new DelayState(completion);
        state.Timer = time.CreateTimer(static s => ((DelayState)s!).Complete(), state, delay, Timeout.InfiniteTimeSpan);
        if (cancellationToken.CanBeCanceled)
        {
            state.Registration = cancellationToken.Register(static s => ((DelayState)s!).Cancel(), state);
        }

        return completion.Task;
    }

    /// <summary>The elapsed time between two instants, never negative.</summary>
    /// <param name="from">The start.</param>
    /// <param name="to">The end.</param>
    /// <returns>The duration.</returns>
    public static TimeSpan Between(DateTimeOffset from, DateTimeOffset to) => to > from ? to - from : TimeSpan.Zero;

    private static Task CanceledTask(CancellationToken token)
    {
        var source = new TaskCompletionSource<bool>();
        source.SetCanceled();
        _ = token;
        return source.Task;
    }

    private sealed class DelayState
    {
        private readonly TaskCompletionSource<bool> _completion;

        public DelayState(TaskCompletionSource<bool> completion) => _completion = completion;

        public ITimer? Timer { get; set; }

        public CancellationTokenRegistration Registration { get; set; }

        public void Complete()
        {
            Cleanup();
            _completion.TrySetResult(true);
        }

        public void Cancel()
        {
            Cleanup();
            _completion.TrySetCanceled();
        }

        private void Cleanup()
        {
            Timer?.Dispose();
            Registration.Dispose();
        }
    }
}
