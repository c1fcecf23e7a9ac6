using System;
using System.Net.Http;
using Microsoft.Extensions.Time.Testing;
using OrchPatch.Core.Orchestrator;

namespace OrchPatch.Core.Tests.Orchestrator;

/// <summary>Creates clients for the tests, the way the engine does: through the factory, on a fake clock.</summary>
internal static class TestClients
{
    public static readonly DateTimeOffset Start = new(2024, 5, 14, 22, 0, 0, TimeSpan.Zero);

    public static readonly Uri ODataRoot = new("http://orchestrator.test:81/Orchestrator2012/Orchestrator.svc/");

    public static readonly Uri WebApiRoot = new("https://orchestrator.test:8443/api/");

    public static Uri Root(OrchestratorApi api) => api == OrchestratorApi.OData ? ODataRoot : WebApiRoot;

    public static IOrchestratorService Create(OrchestratorApi api, HttpMessageHandler transport, TimeProvider? time = null, Action<OrchestratorConnectionOptions>? configure = null, Random? jitter = null, Uri? root = null)
    {
        var options = new OrchestratorConnectionOptions { ServiceUrl = (root ?? Root(api)).ToString() };
        configure?.Invoke(options);
        return OrchestratorServiceFactory.Create(options, time ?? new FakeTimeProvider(Start), transport, jitter ?? new Random(1));
    }
}
