using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OrchPatch.Core.Utils;

namespace OrchPatch.Core.Orchestrator;

/// <summary>What differs on the wire between the two APIs at the HTTP level.</summary>
/// <param name="Headers">Sent with every request (the OData version headers and Accept; or Accept JSON).</param>
/// <param name="RootProbe">What to GET to tell a wrong URL from a missing entity after a 404.</param>
internal sealed record HttpProfile(IReadOnlyList<KeyValuePair<string, string>> Headers, string RootProbe);

/// <summary>Sends requests to one web service: a timeout per attempt on the injected clock, transient faults retried,
/// and every other failure turned into an <see cref="OrchestratorException"/> a user can act on.</summary>
internal sealed class OrchestratorHttp : IDisposable
{
    private readonly HttpMessageInvoker _invoker;
    private readonly HttpProfile _profile;
    private readonly RetryExecutor _retry;
    private readonly TimeSpan _timeout;
    private readonly string? _userName;
    private readonly string?[] _secrets;
    private volatile bool _rootConfirmed;

    public OrchestratorHttp(OrchestratorEndpoint endpoint, HttpProfile profile, OrchestratorConnectionOptions options, TimeProvider time, HttpMessageInvoker invoker, Random jitter)
    {
        Endpoint = endpoint;
        Time = time;
        _profile = profile;
        _invoker = invoker;
        _timeout = options.RequestTimeout;
        _userName = options.UserName;
        _secrets = new[] { options.Password };
        _retry = new RetryExecutor(endpoint.ServiceRoot, options, time, jitter);
    }

    public OrchestratorEndpoint Endpoint { get; }

    public TimeProvider Time { get; }

    /// <summary>The service's clock, measured from its answers.</summary>
    public ServiceClock ServiceClock { get; } = new();

    public Uri Root => Endpoint.ServiceRoot;

    /// <summary>The account requests are sent as, for messages.</summary>
    public string Account => AccountName.Describe(_userName);

    /// <summary>Sends with retries.</summary>
    public Task<WireResponse> SendAsync(WireRequest request, CancellationToken cancellationToken) =>
        RetryAsync(request.Operation, attempt => SendOnceAsync(request, attempt), cancellationToken);

    /// <summary>Retries an operation made of several requests (starting a job checks before it sends again).</summary>
    public Task<T> RetryAsync<T>(string operation, Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(operation, attempt, cancellationToken);

    /// <summary>One attempt. Transient faults throw <see cref="TransientFaultException"/>; statuses the request handles
    /// come back as they are; any other failure throws the matching <see cref="OrchestratorException"/>.</summary>
    public async Task<WireResponse> SendOnceAsync(WireRequest request, CancellationToken cancellationToken)
    {
        var response = await ExchangeWithTimeoutAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccess)
        {
            _rootConfirmed = true;
            return response;
        }

        if (response.StatusCode == 404)
        {
            await ConfirmRootAsync(request, cancellationToken).ConfigureAwait(false);
        }

        if (request.HandledStatuses.Contains(response.StatusCode))
        {
            return response;
        }

        throw Failure(request, response);
    }

    public void Dispose() => _invoker.Dispose();

    /// <summary>Text from the server, made safe for a message.</summary>
    public string Scrub(string text) => Redaction.Scrub(text, _secrets);

    /// <summary>The exception for a failure status the caller looked at and could not resolve itself.</summary>
    public OrchestratorException Failure(WireRequest request, WireResponse response)
    {
        var account = Account;
        switch (response.StatusCode)
        {
            case 401:
                return new OrchestratorAuthenticationException(Root, account);
            case 403:
                return new OrchestratorPermissionException(Root, account, request.Operation, request.Permission);
            default:
                var said = response.Body.Length == 0 ? string.Empty : ": " + ServerErrorText.Describe(response.Body, _secrets).TrimEnd('.');
                var hint = response.StatusCode == 400 && request.BadRequestHint is not null ? " " + request.BadRequestHint : string.Empty;
                return new OrchestratorException(
                    $"Could not {request.Operation}: the Orchestrator web service at {Root} answered {response.StatusCode}{said}.{hint}",
                    Root,
                    response.StatusCode);
        }
    }

    private async Task<WireResponse> ExchangeWithTimeoutAsync(WireRequest request, CancellationToken cancellationToken)
    {
        using var message = BuildMessage(request);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var exchange = ExchangeAsync(message, attempt.Token);
        var timer = Clock.Delay(Time, _timeout, attempt.Token);
        var first = await Task.WhenAny(exchange, timer).ConfigureAwait(false);
        attempt.Cancel();
        if (first != exchange)
        {
            _ = exchange.ContinueWith(static t => t.Exception, TaskScheduler.Default);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TransientFaultException("no answer within " + OrchestratorRetryArguments.Seconds(_timeout));
        }

        try
        {
            return await exchange.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientFaultException("the request was abandoned by the transport (timeout)");
        }
        catch (HttpRequestException ex) when (FindInChain<AuthenticationException>(ex) is not null)
        {
            throw new OrchestratorException(
                $"Could not {request.Operation}: the TLS certificate of {Root.Host} was not accepted ({Scrub(FindInChain<AuthenticationException>(ex)!.Message)}). " +
                "Install a certificate that the machine trusts, or set TrustedCertificateThumbprint to accept exactly this one.",
                Root,
                null,
                ex);
        }
        catch (HttpRequestException ex)
        {
            throw new TransientFaultException($"connection failed ({Scrub(Innermost(ex).Message)})", null, ex);
        }
        catch (Exception ex) when (ex is IOException or SocketException)
        {
            throw new TransientFaultException($"connection reset ({ex.GetType().Name})", null, ex);
        }
    }

    private async Task<WireResponse> ExchangeAsync(HttpRequestMessage message, CancellationToken cancellationToken)
    {
        using var response = await _invoker.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Headers.Date is { } date)
        {
            ServiceClock.ObserveDate(date, Time.GetUtcNow());
        }

        var body = response.Content is null ? string.Empty : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (status is 408 or 429 || status >= 500)
        {
            throw new TransientFaultException($"{status} {response.ReasonPhrase}".TrimEnd(), RetryAfter(response.Headers.RetryAfter));
        }

        return new WireResponse(status, body, response.Headers.ETag?.ToString() ?? Header(response, "ETag"), Location(response));
    }

    private HttpRequestMessage BuildMessage(WireRequest request)
    {
        var message = new HttpRequestMessage(request.Method, new Uri(Root, request.RelativeUri));
        foreach (var header in _profile.Headers.Concat(request.Headers))
        {
            message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (request.Body is not null)
        {
            message.Content = new StringContent(request.Body, Encoding.UTF8, request.ContentType);
        }

        return message;
    }

    /// <summary>After a 404, check the root once: a wrong URL says so instead of "job not found". A root that has
    /// answered before costs nothing here.</summary>
    private async Task ConfirmRootAsync(WireRequest request, CancellationToken cancellationToken)
    {
        if (request.IsRootProbe)
        {
            throw new OrchestratorEndpointNotFoundException(Root, 404);
        }

        if (_rootConfirmed)
        {
            return;
        }

        var probe = WireRequest.Get(_profile.RootProbe, "check the service root") with { IsRootProbe = true };
        await SendAsync(probe, cancellationToken).ConfigureAwait(false);
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? Clock.Between(Time.GetUtcNow(), date) : null;
    }

    private static Uri? Location(HttpResponseMessage response) =>
        response.Headers.Location ?? (Uri.TryCreate(Header(response, "Location"), UriKind.RelativeOrAbsolute, out var uri) ? uri : null);

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static T? FindInChain<T>(Exception ex)
        where T : Exception
    {
        for (Exception? current = ex; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }

        return ex;
    }
}
