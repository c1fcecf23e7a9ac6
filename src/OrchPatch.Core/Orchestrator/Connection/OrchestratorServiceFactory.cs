using System;
using System.Net.Http;
using OrchPatch.Core.Utils;

namespace OrchPatch.Core.Orchestrator;

/// <summary>Creates the <see cref="IOrchestratorService"/> for a connection: the API its URL (or the setting) names,
/// Windows authentication, TLS validation, timeouts and retries.</summary>
public static class OrchestratorServiceFactory
{
    /// <summary>Validates the options (every bad field at once) and creates the service. Nothing is sent yet.</summary>
    /// <param name="options">The connection.</param>
    /// <param name="time">The clock for timeouts and retry waits.</param>
    /// <param name="transport">For tests and the in-process simulator: used as it is (no credentials, no TLS
    /// settings added) and not disposed with the service. When null, an HttpClientHandler is built with the
    /// options' credentials and certificate rule, and disposed with the service.</param>
    /// <param name="jitter">The random source of the retry jitter (a seeded one makes waits repeatable).</param>
    /// <returns>The service; its <see cref="IOrchestratorService.Endpoint"/> says which API was chosen and why. Dispose it when done.</returns>
    /// <exception cref="OptionsValidationException">The options are invalid; the message lists every bad field.</exception>
    public static IOrchestratorService Create(OrchestratorConnectionOptions options, TimeProvider time, HttpMessageHandler? transport = null, Random? jitter = null)
    {
        Guard.NotNull(options);
        Guard.NotNull(time);
        OptionsValidation.Validate(options);
        if (!OrchestratorEndpointResolver.TryResolve(options.ServiceUrl, options.Api, out var endpoint, out var problem))
        {
            throw new ArgumentException("Bug in OrchPatch: validated options did not resolve: " + problem, nameof(options));
        }

        var invoker = new HttpMessageInvoker(transport ?? HttpTransportFactory.Create(options, endpoint!), disposeHandler: transport is null);
        var random = jitter ?? new Random();
        return endpoint!.Api == OrchestratorApi.WebApi
            ? new WebApiOrchestratorService(new OrchestratorHttp(endpoint, WebApiOrchestratorService.Profile, options, time, invoker, random))
            : new ODataOrchestratorService(new OrchestratorHttp(endpoint, ODataOrchestratorService.Profile, options, time, invoker, random));
    }
}
