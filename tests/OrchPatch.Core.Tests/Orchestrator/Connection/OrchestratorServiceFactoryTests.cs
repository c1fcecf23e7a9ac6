using System;
using System.Net;
using System.Net.Http;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Core.Utils;

namespace OrchPatch.Core.Tests.Orchestrator.Connection;

[TestFixture]
public sealed class OrchestratorServiceFactoryTests
{
    [Test]
    public void Create_InvalidOptions_ThrowsBeforeAnythingIsBuilt()
    {
        Assert.Throws<OptionsValidationException>(() => OrchestratorServiceFactory.Create(new OrchestratorConnectionOptions(), new FakeTimeProvider()));
    }

    [TestCase("http://orch:81/Orchestrator2012/Orchestrator.svc", "Orchestrator.svc (2012-2019) at http://orch:81/Orchestrator2012/Orchestrator.svc/")]
    [TestCase("https://orch:8443/api", "Web API (2022) at https://orch:8443/api/")]
    public void Create_ByUrl_SaysWhichApiAndWhere(string url, string expected)
    {
        using var service = OrchestratorServiceFactory.Create(new OrchestratorConnectionOptions { ServiceUrl = url }, new FakeTimeProvider());

        Assert.That(service.Endpoint.ToString(), Is.EqualTo(expected));
    }

    [Test]
    public void Create_GivenTransport_NotDisposedWithTheService()
    {
        var transport = new CountingHandler();

        OrchestratorServiceFactory.Create(new OrchestratorConnectionOptions { ServiceUrl = "https://orch:8443/api/" }, new FakeTimeProvider(), transport).Dispose();

        Assert.That(transport.Disposed, Is.False);
    }

    [Test]
    public void HttpTransport_NoUser_TheProcessAccount()
    {
        using var handler = (HttpClientHandler)HttpTransportFactory.Create(Options(), Endpoint());

        Assert.That(
            (handler.UseDefaultCredentials, handler.Credentials == CredentialCache.DefaultCredentials, handler.ServerCertificateCustomValidationCallback is null),
            Is.EqualTo((true, true, true)));
    }

    [TestCase(false, "Negotiate:CONTOSO\\svc|NTLM:CONTOSO\\svc|Basic:")]
    [TestCase(true, "Negotiate:CONTOSO\\svc|NTLM:CONTOSO\\svc|Basic:CONTOSO\\svc")]
    public void HttpTransport_User_OfferedForNegotiateAndNtlmAndBasicOnlyWhenAllowed(bool allowBasic, string expected)
    {
        var options = Options(o => (o.UserName, o.Password, o.AllowBasicAuthentication) = (@"CONTOSO\svc", "Pa55-w0rd!", allowBasic));
        using var handler = (HttpClientHandler)HttpTransportFactory.Create(options, Endpoint());

        var cache = (CredentialCache)handler.Credentials!;
        var host = new Uri("https://orch:8443/");
        string Offered(string scheme) => cache.GetCredential(host, scheme) is { } c ? c.Domain + "\\" + c.UserName : string.Empty;
        Assert.That((handler.UseDefaultCredentials, $"Negotiate:{Offered("Negotiate")}|NTLM:{Offered("NTLM")}|Basic:{Offered("Basic")}"), Is.EqualTo((false, expected)));
        Assert.That(cache.GetCredential(new Uri("https://elsewhere:8443/"), "NTLM"), Is.Null, "credentials are for the service's host only");
    }

    [Test]
    public void HttpTransport_Thumbprint_AValidationCallbackThatPinsIt()
    {
        using var handler = (HttpClientHandler)HttpTransportFactory.Create(Options(o => o.TrustedCertificateThumbprint = new string('a', 40)), Endpoint());

        Assert.That(handler.ServerCertificateCustomValidationCallback, Is.Not.Null);
    }

    private static OrchestratorConnectionOptions Options(Action<OrchestratorConnectionOptions>? configure = null)
    {
        var options = new OrchestratorConnectionOptions { ServiceUrl = "https://orch:8443/api/" };
        configure?.Invoke(options);
        return options;
    }

    private static OrchestratorEndpoint Endpoint() => new(new Uri("https://orch:8443/api/"), OrchestratorApi.WebApi, "given");

    private sealed class CountingHandler : HttpMessageHandler
    {
        public bool Disposed { get; private set; }

        protected override System.Threading.Tasks.Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, System.Threading.CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Not used.");

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
