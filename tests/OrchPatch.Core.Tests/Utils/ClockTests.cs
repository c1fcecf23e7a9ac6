using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using OrchPatch.Core.Utils;
using OrchPatch.TestSupport.Time;

namespace OrchPatch.Core.Tests.Utils;

[TestFixture]
public sealed class ClockTests
{
    [Test]
    public void Delay_CompletesOnlyWhenTheFakeClockReachesIt()
    {
        var time = new FakeTimeProvider();

        var delay = Clock.Delay(time, TimeSpan.FromMinutes(5));
        time.AdvanceInline(TimeSpan.FromMinutes(4));
        var earlyDone = delay.IsCompleted;
        time.AdvanceInline(TimeSpan.FromMinutes(1));

        Assert.That((earlyDone, delay.IsCompletedSuccessfully), Is.EqualTo((false, true)));
    }

    [Test]
    public void Delay_ContinuationRunsInsideAdvance_SoSimulatedTimeIsDeterministic()
    {
        var time = new FakeTimeProvider();
        var steps = 0;

        async Task Loop()
        {
            for (var i = 0; i < 3; i++)
            {
                await Clock.Delay(time, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
                steps++;
            }
        }

        var loop = Loop();
        time.AdvanceInline(TimeSpan.FromSeconds(10));
        var afterOne = steps;
        time.RunFor(TimeSpan.FromSeconds(20), step: TimeSpan.FromSeconds(10));

        Assert.That((afterOne, steps, loop.IsCompletedSuccessfully), Is.EqualTo((1, 3, true)));
    }

    [Test]
    public void Advance_InOneJump_MeasuresDelaysStartedInCallbacksFromTheEnd()
    {
        // FakeTimeProvider sets the clock to the end of an Advance before it fires due timers, so a wait started by a
        // callback counts from there. SimulatedTime steps finely for this reason.
        var time = new FakeTimeProvider();
        var steps = 0;

        async Task Loop()
        {
            for (var i = 0; i < 3; i++)
            {
                await Clock.Delay(time, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
                steps++;
            }
        }

        _ = Loop();
        time.AdvanceInline(TimeSpan.FromSeconds(30));

        Assert.That(steps, Is.EqualTo(1));
    }

    [Test]
    public void Delay_Canceled_IsCanceled()
    {
        var time = new FakeTimeProvider();
        using var cancel = new CancellationTokenSource();

        var delay = Clock.Delay(time, TimeSpan.FromHours(1), cancel.Token);
        cancel.Cancel();

        Assert.That(delay.IsCanceled, Is.True);
    }

    [Test]
    public void Delay_ZeroOrNegative_CompletesAtOnce()
    {
        var time = new FakeTimeProvider();

        Assert.That((Clock.Delay(time, TimeSpan.Zero).IsCompleted, Clock.Delay(time, TimeSpan.FromSeconds(-1)).IsCompleted), Is.EqualTo((true, true)));
    }
}
