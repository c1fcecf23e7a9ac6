using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace OrchPatch.Reliability.Tests.Support;

/// <summary>The transport between the real client and the simulator: records every request's URL (to see what a
/// <c>$filter</c> carried) and, when given an account, signs in with HTTP Basic as the real handler would.</summary>
internal sealed class RecordingHandler : DelegatingHandler
{
    private readonly ConcurrentQueue<Uri> _requests = new();
    private readonly string? _authorization;

    public RecordingHandler(HttpMessageHandler inner, string? account = null, string? password = null)
        : base(inner)
    {
        _authorization = account is null ? null : "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(account + ":" + password));
    }

    /// <summary>Every request URL, unescaped.</summary>
    public IReadOnlyList<string> Requests => Array.ConvertAll(_requests.ToArray(), u => Uri.UnescapeDataString(u.ToString()));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _requests.Enqueue(request.RequestUri!);
        if (_authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", _authorization);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
