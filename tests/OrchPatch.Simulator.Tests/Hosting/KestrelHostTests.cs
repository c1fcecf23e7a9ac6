using System;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using System.Xml.Linq;
using NUnit.Framework;
using OrchPatch.Simulator.Hosting;
using OrchPatch.Simulator.Tests.Support;

namespace OrchPatch.Simulator.Tests.Hosting;

/// <summary>The same request core over a real loopback socket.</summary>
[TestFixture]
public sealed class KestrelHostTests
{
    [Test]
    public async Task Host_RealSocket_ServesBothApisAndTheControlSurface()
    {
        using var simulator = new SimulatedOrchestrator(TestScenarios.ThreeServers(), TimeProvider.System);
        await using var host = await SimulatorHost.StartAsync(simulator, port: 0);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        using var start = new StringContent(WireSamples.StartRequest, Encoding.UTF8, "application/atom+xml");
        using var created = await http.PostAsync("Orchestrator2012/Orchestrator.svc/Jobs", start);
        var entry = XElement.Parse(await created.Content.ReadAsStringAsync());
        var json = await http.GetStringAsync("api/Jobs?$count=true");
        var servers = await http.GetStringAsync("_simulator/servers");
        var nowhere = await http.GetAsync("elsewhere");

        Assert.That(host.BaseAddress.Host, Is.EqualTo("127.0.0.1"));
        Assert.That(host.BaseAddress.Port, Is.GreaterThan(0));
        Assert.That((int)created.StatusCode, Is.EqualTo(201));
        Assert.That(created.Headers.Location!.ToString(), Does.StartWith(host.ODataRoot + "Jobs(guid'"));
        Assert.That(entry.Attribute(XNamespace.Xml + "base")!.Value, Is.EqualTo(host.ODataRoot.ToString()));
        Assert.That(json, Does.Contain("\"@odata.count\":1"));
        Assert.That(servers, Does.Contain("\"RB03\""));
        Assert.That((int)nowhere.StatusCode, Is.EqualTo(404));
    }

    [Test]
    public async Task Host_InjectedReset_AbortsTheConnection()
    {
        using var simulator = new SimulatedOrchestrator(TestScenarios.ThreeServers(), TimeProvider.System);
        simulator.AddFault(FaultRule.Next(FaultKind.ConnectionReset));
        await using var host = await SimulatorHost.StartAsync(simulator);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        Assert.That(async () => await http.GetAsync("api/Jobs"), Throws.InstanceOf<HttpRequestException>());
        Assert.That((int)(await http.GetAsync("api/Jobs")).StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task Host_PortInUse_SaysSo()
    {
        using var simulator = new SimulatedOrchestrator(TestScenarios.ThreeServers(), TimeProvider.System);
        await using var first = await SimulatorHost.StartAsync(simulator);

        var error = Assert.ThrowsAsync<System.IO.IOException>(() => SimulatorHost.StartAsync(simulator, first.BaseAddress.Port));

        Assert.That(error!.Message, Does.StartWith($"The simulator cannot listen on 127.0.0.1:{first.BaseAddress.Port}:"));
    }
}
