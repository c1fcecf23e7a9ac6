using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using NUnit.Framework;
using OrchPatch.Simulator.Events;
using OrchPatch.Simulator.Tests.Support;
using OrchPatch.TestSupport.Time;

namespace OrchPatch.Simulator.Tests.Wire;

/// <summary>Injected faults for resilience tests: seeded, limited by method and entity set, never on /_simulator/.</summary>
[TestFixture]
public sealed class FaultInjectionTests
{
    private static string StartBody(TestFarm farm) => $"{{\"RunbookId\":\"{farm.Simulator.GetRunbook(TestScenarios.Long).Id}\"}}";

    [Test]
    public async Task ServiceUnavailable_OnNextStart_Is503AndCreatesNothing_ThenWorks()
    {
        using var farm = TestFarm.Create();
        farm.Simulator.AddFault(FaultRule.Next(FaultKind.ServiceUnavailable, 1, "POST", "Jobs"));

        var (first, _) = await farm.SendAsync(HttpMethod.Post, "/api/Jobs", StartBody(farm), "application/json");
        var jobsAfterFirst = farm.Simulator.Jobs.Count;
        var (read, _) = await farm.SendAsync(HttpMethod.Get, "/api/Jobs");
        var (second, _) = await farm.SendAsync(HttpMethod.Post, "/api/Jobs", StartBody(farm), "application/json");

        Assert.That((first, jobsAfterFirst, read, second, farm.Simulator.Jobs.Count), Is.EqualTo((503, 0, 200, 201, 1)));
        Assert.That(farm.Simulator.Events.OfType<RequestServed>()[0].Fault, Is.EqualTo(FaultKind.ServiceUnavailable));
    }

    [Test]
    public async Task AcceptThenServiceUnavailable_CreatesTheJobButAnswers503()
    {
        using var farm = TestFarm.Create();
        farm.Simulator.AddFault(FaultRule.Next(FaultKind.AcceptThenServiceUnavailable, 1, "POST", "Jobs"));

        var (status, _) = await farm.SendAsync(HttpMethod.Post, Atom.ODataPath("Jobs"), WireSamples.StartRequest);

        Assert.That((status, farm.Simulator.Jobs.Count), Is.EqualTo((503, 1)));
    }

    [Test]
    public void ConnectionReset_ThrowsHttpRequestExceptionWithAnIOExceptionInside()
    {
        using var farm = TestFarm.Create();
        farm.Simulator.AddFault(FaultRule.Next(FaultKind.AcceptThenConnectionReset, 1, "POST"));

        var error = Assert.ThrowsAsync<HttpRequestException>(() => farm.SendAsync(HttpMethod.Post, "/api/Jobs", StartBody(farm), "application/json"));

        Assert.That(error!.InnerException, Is.InstanceOf<System.IO.IOException>());
        Assert.That(farm.Simulator.Jobs.Count, Is.EqualTo(1));
    }

    [Test]
    public void Timeout_AnswersOnlyAfterTheFaultDelayOnTheSimulatorsClock()
    {
        using var farm = TestFarm.Create(settings: new SimulatorSettings { FaultDelay = TimeSpan.FromMinutes(2) });
        farm.Simulator.AddFault(FaultRule.Next(FaultKind.Timeout, 1, "GET", "RunbookServers"));

        var pending = farm.Http.GetAsync("/api/RunbookServers");
        farm.Time.RunFor(TimeSpan.FromSeconds(119));
        var early = pending.IsCompleted;
        farm.Time.RunFor(TimeSpan.FromSeconds(1));

        Assert.That((early, pending.IsCompleted, (int)pending.Result.StatusCode), Is.EqualTo((false, true, 504)));
    }

    [Test]
    public void Timeout_ClientGivesUp_CancelsTheWait()
    {
        using var farm = TestFarm.Create();
        farm.Simulator.AddFault(FaultRule.Next(FaultKind.Timeout));
        using var cancel = new System.Threading.CancellationTokenSource();

        var pending = farm.Http.GetAsync("/api/RunbookServers", cancel.Token);
        cancel.Cancel();

        Assert.That(() => pending.GetAwaiter().GetResult(), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task Rate_Seeded_GivesTheSameFaultsOnEveryRun()
    {
        async Task<string> Pattern()
        {
            using var farm = TestFarm.Create(settings: new SimulatorSettings { FaultSeed = 42, Faults = new[] { new FaultRule(FaultKind.ServiceUnavailable) { Rate = 0.3 } } });
            var statuses = new int[40];
            for (var i = 0; i < statuses.Length; i++)
            {
                statuses[i] = (await farm.SendAsync(HttpMethod.Get, "/api/RunbookServers")).Status;
            }

            return string.Join(",", statuses);
        }

        var first = await Pattern();

        Assert.That(await Pattern(), Is.EqualTo(first));
        Assert.That(first.Split(',').Count(s => s == "503"), Is.InRange(4, 20), "about 30% of 40");
    }

    [Test]
    public async Task ControlSurface_IsNeverFaulted()
    {
        using var farm = TestFarm.Create(settings: new SimulatorSettings { Faults = new[] { new FaultRule(FaultKind.ServiceUnavailable) } });

        var (control, _) = await farm.SendAsync(HttpMethod.Get, "/_simulator/servers");
        var (api, _) = await farm.SendAsync(HttpMethod.Get, "/api/RunbookServers");

        Assert.That((control, api), Is.EqualTo((200, 503)));
    }

    [Test]
    public void AddFault_BadRate_IsRefused()
    {
        using var farm = TestFarm.Create();

        var error = Assert.Throws<ArgumentException>(() => farm.Simulator.AddFault(new FaultRule(FaultKind.Timeout) { Rate = 2 }));

        Assert.That(error!.Message, Does.StartWith("The fault rule has rate 2; it must be between 0 and 1."));
    }
}
