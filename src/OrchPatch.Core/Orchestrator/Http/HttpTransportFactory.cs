using System;
using System.Net;
using System.Net.Http;

namespace OrchPatch.Core.Orchestrator;

/// <summary>Builds the real transport: Windows integrated authentication and default TLS validation.</summary>
internal static class HttpTransportFactory
{
    /// <summary>No user: the process's own account (UseDefaultCredentials). A user: offered for Negotiate and NTLM on
    /// the service's host only, and for Basic only when explicitly allowed. A thumbprint: that one certificate is
    /// accepted besides the ones that pass validation.</summary>
    public static HttpMessageHandler Create(OrchestratorConnectionOptions options, OrchestratorEndpoint endpoint)
    {
        var handler = new HttpClientHandler { PreAuthenticate = false };
        if (string.IsNullOrWhiteSpace(options.UserName) || !AccountName.TryParse(options.UserName!, out var account))
        {
            handler.UseDefaultCredentials = true;
        }
        else
        {
            var credential = account!.ToCredential(options.Password ?? string.Empty);
            var host = new Uri(endpoint.ServiceRoot.GetLeftPart(UriPartial.Authority) + "/");
            var credentials = new CredentialCache
            {
                { host, "Negotiate", credential },
                { host, "NTLM", credential },
            };
            if (options.AllowBasicAuthentication)
            {
                credentials.Add(host, "Basic", credential);
            }

            handler.UseDefaultCredentials = false;
            handler.Credentials = credentials;
        }

        if (!string.IsNullOrWhiteSpace(options.TrustedCertificateThumbprint))
        {
            handler.ServerCertificateCustomValidationCallback = new CertificatePin(options.TrustedCertificateThumbprint!).Validate;
        }

        return handler;
    }
}
