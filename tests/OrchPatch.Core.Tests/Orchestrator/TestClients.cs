using System;
using System.Net.Http;
using Microsoft.Extensions.Time.Testing;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Core.Tests.Orchestrator.Contract;

namespace OrchPatch.Core.Tests.Orchestrator;

/// <summary>Creates clients for the tests, the way the engine does: through the factory, on a fake clock.</summary>
internal static class TestClients
{
    public static readonly DateTimeOffset Start = new(2024, 5, 14, 22, 0, 0, TimeSpan.Zero);

    public static Uri Root(OrchestratorApi api) => api == OrchestratorApi.OData ? FakeContractServer.ODataRoot : FakeContractServer.WebApiRoot;

    public static IOrchestratorService Create(OrchestratorApi api, HttpMessageHandler transport, TimeProvider? time = null, Action<OrchestratorConnectionOptions>? configure = null, Random? jitter = null)
    {
        var options = new OrchestratorConnectionOptions { ServiceUrl = Root(api).ToString() };
        configure?.Invoke(options);
        return OrchestratorServiceFactory.Create(options, time ?? new FakeTimeProvider(Start), transport, jitter ?? new Random(1));
    }
}
