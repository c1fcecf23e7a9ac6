using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace OrchPatch.Reliability.Tests.Support;

/// <summary>Where a crash hits a call: before the request leaves, or after it was processed but before the answer
/// is seen (the harder case: the farm changed and the engine never learned it).</summary>
internal enum CrashMoment
{
    BeforeCall,
    AfterCall,
}

/// <summary>
/// Counts the engine's calls to the web service and the throttle, and at call number <see cref="CrashAt"/> freezes
/// the engine for good: that call, and every later one, returns a task that never completes. A frozen engine is a
/// killed process: nothing it does afterwards reaches the farm.
/// </summary>
internal sealed class CrashSwitch
{
    private static readonly Task Never = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously).Task;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _names = new();
    private int _calls;

    /// <param name="crashAt">The call (1-based) the crash hits; <see cref="int.MaxValue"/> never.</param>
    /// <param name="moment">Before or after that call reaches the farm.</param>
    public CrashSwitch(int crashAt = int.MaxValue, CrashMoment moment = CrashMoment.BeforeCall)
    {
        CrashAt = crashAt;
        Moment = moment;
    }

    public int CrashAt { get; }

    public CrashMoment Moment { get; }

    /// <summary>Calls made (counting the one that crashed).</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>The calls made, in order (call n is at index n - 1).</summary>
    public IReadOnlyList<string> Names => _names.ToArray();

    /// <summary>Whether the crash happened.</summary>
    public bool Crashed { get; private set; }

    /// <summary>What was being called when the crash hit.</summary>
    public string CrashedIn { get; private set; } = string.Empty;

    /// <summary>Runs one call through the switch.</summary>
    public async Task<T> Call<T>(string name, Func<Task<T>> call)
    {
        if (Crashed)
        {
            await Never.ConfigureAwait(false);
        }

        var number = Interlocked.Increment(ref _calls);
        _names.Enqueue(name);
        if (number == CrashAt && Moment == CrashMoment.BeforeCall)
        {
            Freeze(name);
            await Never.ConfigureAwait(false);
        }

        var result = await call().ConfigureAwait(false);
        if (number == CrashAt || Crashed)
        {
            Freeze(name);
            await Never.ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>Runs one call without a result through the switch.</summary>
    public Task Call(string name, Func<Task> call) => Call(name, async () =>
    {
        await call().ConfigureAwait(false);
        return true;
    });

    private void Freeze(string name)
    {
        if (!Crashed)
        {
            Crashed = true;
            CrashedIn = $"{name} (call {Calls}, {Moment})";
        }
    }
}
