using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace OrchPatch.TestSupport.Time;

/// <summary>
/// Drives code that waits on a <see cref="FakeTimeProvider"/> through simulated time, deterministically.
/// </summary>
/// <remarks>
/// A timer that fires inside <see cref="FakeTimeProvider.Advance"/> completes a task; .NET runs the awaiting code inline
/// only on a thread with no SynchronizationContext. NUnit's test thread has one, so without this the continuation is
/// queued to the thread pool and races the next <c>Advance</c>. Every advance here runs with the context cleared, so
/// the code under test (and the in-process simulator) runs up to its next wait before <c>Advance</c> returns.
/// <c>FakeTimeProvider.Advance</c> also sets the clock to the end before it fires the timers due by then, so a wait
/// started inside a callback counts from the end: the helpers here step finely (<see cref="DefaultStep"/>).
/// </remarks>
public static class SimulatedTime
{
    /// <summary>The default step: fine enough that a poll interval of seconds is measured to the second.</summary>
    public static readonly TimeSpan DefaultStep = TimeSpan.FromMilliseconds(250);

    /// <summary>Advances the clock with continuations run inline.</summary>
    /// <param name="time">The clock.</param>
    /// <param name="by">How far.</param>
    public static void AdvanceInline(this FakeTimeProvider time, TimeSpan by)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            time.Advance(by);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    /// <summary>Advances the clock in steps until <paramref name="task"/> completes, then returns its result.</summary>
    /// <param name="time">The clock.</param>
    /// <param name="task">The operation under test, already started.</param>
    /// <param name="limit">The most simulated time to allow before failing.</param>
    /// <param name="step">The step; <see cref="DefaultStep"/> when null.</param>
    /// <returns>The task's result (its exception is rethrown).</returns>
    /// <exception cref="TimeoutException">The task did not complete within <paramref name="limit"/> of simulated time.</exception>
    public static T RunUntilComplete<T>(this FakeTimeProvider time, Task<T> task, TimeSpan limit, TimeSpan? step = null)
    {
        time.RunUntilComplete((Task)task, limit, step);
        return task.GetAwaiter().GetResult();
    }

    /// <summary>Advances the clock in steps until <paramref name="task"/> completes.</summary>
    /// <param name="time">The clock.</param>
    /// <param name="task">The operation under test, already started.</param>
    /// <param name="limit">The most simulated time to allow before failing.</param>
    /// <param name="step">The step; <see cref="DefaultStep"/> when null.</param>
    /// <exception cref="TimeoutException">The task did not complete within <paramref name="limit"/> of simulated time.</exception>
    public static void RunUntilComplete(this FakeTimeProvider time, Task task, TimeSpan limit, TimeSpan? step = null)
    {
        var increment = step ?? DefaultStep;
        var end = time.GetUtcNow() + limit;
        var spins = 0;
        while (!task.IsCompleted)
        {
            if (time.GetUtcNow() >= end)
            {
                throw new TimeoutException($"Still running after {limit} of simulated time.");
            }

            time.AdvanceInline(increment);

            // Work that is genuinely asynchronous (thread-pool I/O) gets a moment to finish before time moves on.
            if (!task.IsCompleted && ++spins % 64 == 0)
            {
                Thread.Yield();
            }
        }

        task.GetAwaiter().GetResult();
    }

    /// <summary>Advances the clock in steps for a span of simulated time.</summary>
    /// <param name="time">The clock.</param>
    /// <param name="duration">How long.</param>
    /// <param name="step">The step; <see cref="DefaultStep"/> when null.</param>
    public static void RunFor(this FakeTimeProvider time, TimeSpan duration, TimeSpan? step = null)
    {
        var increment = step ?? DefaultStep;
        var end = time.GetUtcNow() + duration;
        while (time.GetUtcNow() < end)
        {
            var remaining = end - time.GetUtcNow();
            time.AdvanceInline(remaining < increment ? remaining : increment);
        }
    }
}
