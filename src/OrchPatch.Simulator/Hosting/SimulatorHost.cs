using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrchPatch.Simulator.Wire;

namespace OrchPatch.Simulator.Hosting;

/// <summary>Serves a <see cref="SimulatedOrchestrator"/> over a real socket with Kestrel, on 127.0.0.1 only.</summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatorHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>http://127.0.0.1:port/</summary>
    public Uri BaseAddress { get; }

    /// <summary>The legacy service's root.</summary>
    public Uri ODataRoot => new(BaseAddress, SimulatorConstants.ODataPath);

    /// <summary>The Web API's root.</summary>
    public Uri WebApiRoot => new(BaseAddress, SimulatorConstants.WebApiPath);

    /// <summary>The control surface's root.</summary>
    public Uri ControlRoot => new(BaseAddress, SimulatorConstants.ControlPath);

    /// <summary>Starts serving <paramref name="simulator"/> on 127.0.0.1.</summary>
    /// <param name="simulator">The simulator.</param>
    /// <param name="port">The port; 0 picks a free one (see <see cref="BaseAddress"/>).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running host; dispose it to stop.</returns>
    /// <exception cref="IOException">The port cannot be bound (in use, or not allowed); the message says which.</exception>
    public static async Task<SimulatorHost> StartAsync(SimulatedOrchestrator simulator, int port = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options =>
        {
            options.AddServerHeader = false;
            options.Limits.MaxRequestBodySize = SimulatorConstants.MaxRequestBodyBytes;
            options.Listen(IPAddress.Loopback, port);
        });
        // The process that hosts the simulator owns Ctrl-C and SIGTERM (the CLI stops it through its token).
        builder.Services.AddSingleton<IHostLifetime, HostedByCaller>();
        var app = builder.Build();
        app.Run(context => ServeAsync(simulator, context));
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new IOException($"The simulator cannot listen on 127.0.0.1:{port}: {ex.InnerException?.Message ?? ex.Message}", ex);
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SimulatorHost(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Stops serving.</summary>
    /// <returns>A task that completes when stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class HostedByCaller : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private static async Task ServeAsync(SimulatedOrchestrator simulator, HttpContext context)
    {
        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException ex)
        {
            context.Response.StatusCode = ex.StatusCode;
            return;
        }

        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => string.Join(", ", h.Value.ToArray()), StringComparer.OrdinalIgnoreCase);
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (context.Request.Path + context.Request.QueryString);
        var baseAddress = new Uri($"{context.Request.Scheme}://{context.Request.Host}/");
        var response = simulator.Handle(new SimRequest(context.Request.Method, baseAddress, rawTarget, headers, body));
        if (response.Reset)
        {
            context.Abort();
            return;
        }

        if (response.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(response.Delay, simulator.Time, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = response.StatusCode;
        foreach (var (name, value) in response.Headers)
        {
            if (string.Equals(name, "Date", StringComparison.OrdinalIgnoreCase))
            {
                // Kestrel writes its own Date (the host's clock); the simulated service's replaces it.
                context.Response.Headers.Date = value;
                continue;
            }

            context.Response.Headers.Append(name, value);
        }

        if (response.ContentType is not null)
        {
            context.Response.ContentType = response.ContentType;
        }

        if (response.Body.Length > 0)
        {
            context.Response.ContentLength = response.Body.Length;
            await context.Response.Body.WriteAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
