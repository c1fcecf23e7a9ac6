using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using OrchPatch.Core.Throttle;
using OrchPatch.Core.Utils;
using OrchPatch.Simulator;

namespace OrchPatch.Lab;

/// <summary>The simulator's stand-in for the database throttle (<c>dbo.ACTIONSERVERS.MaxRunningPolicies</c>): reads
/// and sets a server's max jobs through <c>/_simulator/servers/{name}/maxjobs</c>, so it works against an
/// <c>orchpatch simulate</c> process and in-process alike.</summary>
public sealed class SimulatorThrottle : IRunbookServerThrottle, IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _control;

    /// <summary>Creates the throttle.</summary>
    /// <param name="simulatorAddress">The simulator's base address (http://127.0.0.1:P/) or its control root.</param>
    /// <param name="transport">The transport (<see cref="SimulatedOrchestrator.CreateHandler"/> in-process); a socket
    /// handler when null. A given transport is not disposed with the throttle.</param>
    public SimulatorThrottle(Uri simulatorAddress, HttpMessageHandler? transport = null)
    {
        ArgumentNullException.ThrowIfNull(simulatorAddress);
        var text = simulatorAddress.ToString();
        text = text.EndsWith('/') ? text : text + "/";
        _control = text.EndsWith(SimulatorConstants.ControlPath, StringComparison.OrdinalIgnoreCase) ? new Uri(text) : new Uri(new Uri(text), SimulatorConstants.ControlPath);
        _http = transport is null ? new HttpClient() : new HttpClient(transport, disposeHandler: false);
    }

    /// <inheritdoc />
    public string Name => "simulator";

    /// <inheritdoc />
    public bool CanRead => true;

    /// <inheritdoc />
    public async Task<int?> GetMaxJobsAsync(string serverName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serverName);
        using var response = await SendAsync(HttpMethod.Get, serverName, null, "read", cancellationToken).ConfigureAwait(false);
        return await ReadMaxJobsAsync(response, serverName, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task SetMaxJobsAsync(string serverName, int maxJobs, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serverName);
        if (maxJobs < ThrottleLimits.MinMaxJobs || maxJobs > ThrottleLimits.MaxMaxJobs)
        {
            throw new ThrottleException(Name, serverName, $"Max jobs for {serverName} must be from {ThrottleLimits.MinMaxJobs} to {ThrottleLimits.MaxMaxJobs}; got {maxJobs}. Nothing was changed.");
        }

        if (await GetMaxJobsAsync(serverName, cancellationToken).ConfigureAwait(false) == maxJobs)
        {
            return;
        }

        var body = new StringContent("{\"maxJobs\":" + maxJobs.ToString(CultureInfo.InvariantCulture) + "}", Encoding.UTF8, "application/json");
        using var response = await SendAsync(HttpMethod.Put, serverName, body, "set", cancellationToken).ConfigureAwait(false);
        var written = await ReadMaxJobsAsync(response, serverName, cancellationToken).ConfigureAwait(false);
        if (written != maxJobs)
        {
            throw new ThrottleException(Name, serverName, $"The simulator at {_control} reports max jobs {written} for {serverName} after setting {maxJobs}.");
        }
    }

    /// <summary>Releases the HTTP client (not a transport given to the constructor).</summary>
    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string serverName, HttpContent? body, string verb, CancellationToken cancellationToken)
    {
        var uri = new Uri(_control, "servers/" + Uri.EscapeDataString(serverName) + "/maxjobs");
        using var request = new HttpRequestMessage(method, uri) { Content = body };
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new ThrottleException(Name, serverName, $"Cannot {verb} max jobs of {serverName}: the simulator at {_control} did not answer ({Redaction.Scrub(ex.Message)}).", ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var error = await ErrorOfAsync(response, cancellationToken).ConfigureAwait(false);
            throw new ThrottleException(
                Name,
                serverName,
                $"Cannot {verb} max jobs of {serverName}: the simulator at {_control} answered {(int)response.StatusCode} ({error})." + (method == HttpMethod.Put ? " Nothing was changed." : string.Empty));
        }
    }

    private async Task<int> ReadMaxJobsAsync(HttpResponseMessage response, string serverName, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.GetProperty("maxJobs").GetInt32();
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new ThrottleException(Name, serverName, $"The simulator at {_control} answered something that is not a max-jobs value for {serverName}.", ex);
        }
    }

    private static async Task<string> ErrorOfAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(text);
            return Redaction.Scrub(document.RootElement.GetProperty("error").GetString());
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return Redaction.Scrub(text.Length > 200 ? text.Substring(0, 200) : text);
        }
    }
}
