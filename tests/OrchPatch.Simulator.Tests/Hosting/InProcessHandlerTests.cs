using System;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using OrchPatch.Simulator.Tests.Support;
using OrchPatch.TestSupport.Time;

namespace OrchPatch.Simulator.Tests.Hosting;

/// <summary>The in-process transport is what makes whole-stack fake-clock tests deterministic.</summary>
[TestFixture]
public sealed class InProcessHandlerTests
{
    [Test]
    public void ClientPollingLoop_OnAFakeClock_RunsInlineInsideEachAdvance()
    {
        var time = new FakeTimeProvider(TestFarm.Epoch);
        // Zero time per request: this test pins exactly one poll per advanced second, inline (latency: RequestLatencyTests).
        using var simulator = new SimulatedOrchestrator(TestScenarios.ThreeServers(), time, new SimulatorSettings().WithoutLatency());
        using var http = new HttpClient(simulator.CreateHandler()) { BaseAddress = simulator.WebApiRoot };
        var polls = 0;

        async Task<DateTimeOffset> StartAndWaitAsync()
        {
            var runbook = simulator.GetRunbook(TestScenarios.Short).Id;
            using var created = await http.PostAsync("Jobs", new StringContent($"{{\"RunbookId\":\"{runbook}\"}}", Encoding.UTF8, "application/json")).ConfigureAwait(false);
            var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync().ConfigureAwait(false)).RootElement.GetProperty("Id").GetGuid();
            while (true)
            {
                polls++;
                var job = JsonDocument.Parse(await http.GetStringAsync($"Jobs/{id}").ConfigureAwait(false)).RootElement;
                if (job.GetProperty("Status").GetString() == "Completed")
                {
                    return time.GetUtcNow();
                }

                await InlineDelay(time, TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            }
        }

        var run = StartAndWaitAsync();
        for (var second = 1; second <= 10; second++)
        {
            time.AdvanceInline(TimeSpan.FromSeconds(1));
            Assert.That((run.IsCompleted, polls), Is.EqualTo((false, second + 1)), $"after {second} s the loop has polled once more, inline");
        }

        time.AdvanceInline(TimeSpan.FromSeconds(1));

        // RB01 takes the 10-second job at its 1 s poll; it completes at 11 s, seen by the poll at 11 s.
        Assert.That(run.IsCompleted, Is.True, "completed inside the advance, with no thread hop");
        Assert.That((run.Result, polls), Is.EqualTo((TestFarm.Epoch + TimeSpan.FromSeconds(11), 12)));
    }

    [Test]
    public void Send_RelativeUri_IsRefusedWithAHint()
    {
        using var farm = TestFarm.Create();
        using var invoker = new HttpMessageInvoker(farm.Simulator.CreateHandler());

        var error = Assert.Throws<InvalidOperationException>(() => invoker.Send(new HttpRequestMessage(HttpMethod.Get, new Uri("api/Jobs", UriKind.Relative)), default));

        Assert.That(error!.Message, Does.Contain("give the HttpClient a BaseAddress such as http://simulator.local/"));
    }

    /// <summary>A wait whose continuation runs on the thread that fires the timer (the one calling Advance), as the
    /// engine's own waits do, so the loop above is seen to poll inline.</summary>
    private static Task InlineDelay(TimeProvider time, TimeSpan delay)
    {
        var done = new TaskCompletionSource();
        ITimer? timer = null;
        timer = time.CreateTimer(_ => { timer?.Dispose(); done.TrySetResult(); }, null, delay, Timeout.InfiniteTimeSpan);
        return done.Task;
    }
}
