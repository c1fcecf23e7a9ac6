using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace OrchPatch.TestSupport.Farms;

/// <summary>
/// The in-process transport with the client's credentials on every request, as HTTP Basic. The client's factory adds no
/// credentials to a transport it is given, and the simulator accepts Basic where the real service uses Windows
/// authentication; this stands in for the real handler so tests can sign in, and fail to (401), in-process.
/// </summary>
public sealed class SignedInTransport : DelegatingHandler
{
    private readonly AuthenticationHeaderValue? _header;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The simulator's in-process handler.</param>
    /// <param name="userName">The account; null or blank sends no credentials (the simulator then answers 401 when it has users).</param>
    /// <param name="password">Its password.</param>
    public SignedInTransport(HttpMessageHandler inner, string? userName, string? password)
        : base(inner)
    {
        if (!string.IsNullOrWhiteSpace(userName))
        {
            _header = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(userName + ":" + (password ?? string.Empty))));
        }
    }

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_header is not null)
        {
            request.Headers.Authorization = _header;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
