using System;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using OrchPatch.Core.Throttle;
using OrchPatch.Simulator;
using OrchPatch.Simulator.Events;
using OrchPatch.TestSupport.Farms;

namespace OrchPatch.Lab.Tests;

[TestFixture]
public sealed class SimulatorThrottleTests
{
    [Test]
    public async Task SetThenGet_InProcess_ChangesTheServersMaxJobs()
    {
        using var farm = TestFarm.WithServers(3).Build();
        using var throttle = new SimulatorThrottle(farm.Orchestrator.BaseAddress, farm.Orchestrator.CreateHandler());

        await throttle.SetMaxJobsAsync("RB02", 1);
        var read = await throttle.GetMaxJobsAsync("RB02");

        Assert.That((throttle.Name, throttle.CanRead, read, farm.Orchestrator.GetMaxJobs("RB02")), Is.EqualTo(("simulator", true, (int?)1, 1)));
    }

    [Test]
    public async Task Set_SameValue_SkipsTheWrite()
    {
        using var farm = TestFarm.WithServers(3).Build();
        using var throttle = new SimulatorThrottle(farm.Orchestrator.ControlRoot, farm.Orchestrator.CreateHandler());

        await throttle.SetMaxJobsAsync("RB01", 50);

        Assert.That(farm.Orchestrator.Events.OfType<RequestServed>().Select(r => r.Method), Is.EqualTo(new[] { "GET" }));
    }

    [Test]
    public void Get_UnknownServer_ThrowsNamingTheServersThatExist()
    {
        using var farm = TestFarm.WithServers(3).Build();
        using var throttle = new SimulatorThrottle(farm.Orchestrator.BaseAddress, farm.Orchestrator.CreateHandler());

        var error = Assert.ThrowsAsync<ThrottleException>(() => throttle.GetMaxJobsAsync("RB09"));

        Assert.That(error!.Message, Is.EqualTo("Cannot read max jobs of RB09: the simulator at http://simulator.local/_simulator/ answered 404 (Runbook server 'RB09' is unknown to the simulator; its servers are RB01, RB02, RB03.)."));
        Assert.That((error.Throttle, error.ServerName), Is.EqualTo(("simulator", "RB09")));
    }

    [TestCase(0)]
    [TestCase(1001)]
    public void Set_OutOfRange_ThrowsAndChangesNothing(int value)
    {
        using var farm = TestFarm.WithServers(3).Build();
        using var throttle = new SimulatorThrottle(farm.Orchestrator.BaseAddress, farm.Orchestrator.CreateHandler());

        var error = Assert.ThrowsAsync<ThrottleException>(() => throttle.SetMaxJobsAsync("RB01", value));

        Assert.That(error!.Message, Does.EndWith("Nothing was changed."));
        Assert.That(farm.Orchestrator.GetMaxJobs("RB01"), Is.EqualTo(50));
    }

    [Test]
    public void Get_NothingListening_ThrowsThrottleExceptionNamingTheAddress()
    {
        using var throttle = new SimulatorThrottle(new Uri("http://simulator.local/"), new RefusingHandler());

        var error = Assert.ThrowsAsync<ThrottleException>(() => throttle.GetMaxJobsAsync("RB01"));

        Assert.That(error!.Message, Does.StartWith("Cannot read max jobs of RB01: the simulator at http://simulator.local/_simulator/ did not answer"));
    }

    private sealed class RefusingHandler : System.Net.Http.HttpMessageHandler
    {
        protected override Task<System.Net.Http.HttpResponseMessage> SendAsync(System.Net.Http.HttpRequestMessage request, System.Threading.CancellationToken cancellationToken) =>
            Task.FromException<System.Net.Http.HttpResponseMessage>(new System.Net.Http.HttpRequestException("Connection refused (simulator.local:80)"));
    }
}
