using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using OrchPatch.Simulator.Events;
using OrchPatch.Simulator.Hosting;
using OrchPatch.Simulator.Tests.Support;
using OrchPatch.TestSupport.Time;

namespace OrchPatch.Simulator.Tests.Wire;

/// <summary>Every request to the Orchestrator APIs costs simulated time, in-process and over the socket host, so the
/// farm moves on between two requests of one client as a real service's does.</summary>
[TestFixture]
public sealed class RequestLatencyTests
{
    private static readonly SimulatorSettings FortyPlusTwo = new()
    {
        RequestLatency = TimeSpan.FromMilliseconds(40),
        RequestLatencyPerEntry = TimeSpan.FromMilliseconds(2),
    };

    [TestCase("Orchestrator2012/Orchestrator.svc/Jobs")]
    [TestCase("api/Jobs")]
    public void Get_FeedOfFiveJobs_AnswersAfterTheBasePlusTwoMillisecondsPerEntry(string path)
    {
        using var farm = TestFarm.CreateWithLatency(settings: FortyPlusTwo);
        for (var i = 0; i < 5; i++)
        {
            farm.Simulator.StartJob(TestScenarios.Short);
        }

        var answer = farm.Http.GetAsync(path);
        farm.Time.AdvanceInline(TimeSpan.FromMilliseconds(49));
        var early = answer.IsCompleted;
        farm.Time.AdvanceInline(TimeSpan.FromMilliseconds(1));

        Assert.That(early, Is.False, "40 ms + 5 x 2 ms had not passed");
        Assert.That(answer.Wait(TimeSpan.FromSeconds(10)), Is.True, "answered at 50 ms");
        Assert.That((int)answer.Result.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public void Start_TheJobLandsWhileTheAnswerTravels_TheConfirmationSeesItRunning()
    {
        // The start is processed when it arrives and its answer arrives two seconds later: meanwhile RB01 polls (at 1 s)
        // and takes the job, so the confirmation, processed at 2 s, sees it running.
        using var farm = TestFarm.CreateWithLatency(settings: new SimulatorSettings { RequestLatency = TimeSpan.FromSeconds(2), RequestLatencyPerEntry = TimeSpan.Zero });
        var runbook = farm.Simulator.GetRunbook(TestScenarios.Short).Id;

        var start = farm.SendAsync(HttpMethod.Post, "api/Jobs", $"{{\"RunbookId\":\"{runbook}\"}}", "application/json");
        farm.Time.AdvanceInline(TimeSpan.FromSeconds(2));
        Assert.That(start.Wait(TimeSpan.FromSeconds(10)), Is.True, "answered at 2 s");
        var confirm = farm.GetStringAsync("api/Jobs");
        farm.Time.AdvanceInline(TimeSpan.FromSeconds(2));
        Assert.That(confirm.Wait(TimeSpan.FromSeconds(10)), Is.True, "answered at 4 s");

        Assert.That(start.Result.Status, Is.EqualTo(201));
        Assert.That(start.Result.Body, Does.Contain("\"Status\":\"Pending\""), "the answer was written when the request arrived");
        Assert.That(confirm.Result, Does.Contain("\"Status\":\"Running\""), "the job landed between the start and its confirmation");
    }

    [Test]
    public void ControlSurface_CostsNoTime()
    {
        using var farm = TestFarm.CreateWithLatency(settings: FortyPlusTwo);

        var answer = farm.Http.GetAsync("_simulator/servers");

        Assert.That(answer.IsCompleted, Is.True, "the simulator's back door is not the web service");
    }

    [Test]
    public async Task Host_RealSocket_AnswersOnlyWhenTheSimulatorsClockHasMoved()
    {
        var time = new FakeTimeProvider(TestFarm.Epoch);
        using var simulator = new SimulatedOrchestrator(TestScenarios.ThreeServers(), time, new SimulatorSettings { RequestLatency = TimeSpan.FromSeconds(1), RequestLatencyPerEntry = TimeSpan.Zero });
        await using var host = await SimulatorHost.StartAsync(simulator);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        var answer = http.GetAsync("api/RunbookServers");
        var served = SpinWait.SpinUntil(() => simulator.Events.OfType<RequestServed>().Any(), TimeSpan.FromSeconds(10));
        var arrivedWhileTheClockStood = answer.Wait(TimeSpan.FromMilliseconds(300));
        var spins = 0;
        while (!answer.IsCompleted && spins++ < 100)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            answer.Wait(TimeSpan.FromMilliseconds(100));
        }

        Assert.That(served, Is.True, "the request reached the simulator");
        Assert.That(arrivedWhileTheClockStood, Is.False, "the answer waits for a simulated second");
        Assert.That(answer.IsCompleted, Is.True, "and arrives once the clock has moved");
        Assert.That((int)(await answer).StatusCode, Is.EqualTo(200));
    }
}
