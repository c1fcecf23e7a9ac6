using System;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using OrchPatch.Core.Orchestrator;

namespace OrchPatch.Core.Tests.Orchestrator.Http;

/// <summary>A real TLS handshake on loopback with a self-signed certificate, through the factory's own handler.</summary>
[TestFixture]
public sealed class TlsTests
{
    private X509Certificate2 _certificate = null!;
    private TcpListener _listener = null!;
    private CancellationTokenSource _stop = null!;
    private Task _server = null!;
    private int _connections;

    [OneTimeSetUp]
    public void StartServer()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        _certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _stop = new CancellationTokenSource();
        _server = Task.Run(ServeAsync);
    }

    [SetUp]
    public void CountAfresh() => _connections = 0;

    [OneTimeTearDown]
    public void StopServer()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _server.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Stopped under the accept.
        }

        _stop.Dispose();
        _certificate.Dispose();
    }

    [Test]
    public void AnyCall_UntrustedCertificate_RefusedAtOnceWithTheWayOut()
    {
        using var service = Create(thumbprint: null);

        var ex = Assert.ThrowsAsync<OrchestratorException>(() => service.GetRunbookServersAsync());

        Assert.That(ex!.Message, Does.StartWith("Could not list the runbook servers: the TLS certificate of 127.0.0.1 was not accepted (").And.EndWith(
            "Install a certificate that the machine trusts, or set TrustedCertificateThumbprint to accept exactly this one."));
        Assert.That(_connections, Is.EqualTo(1), "a certificate failure is not retried");
    }

    [Test]
    public async Task AnyCall_PinnedThumbprint_Accepted()
    {
        using var service = Create(_certificate.Thumbprint);

        var servers = await service.GetRunbookServersAsync();

        Assert.That(servers, Has.Count.EqualTo(1));
    }

    [Test]
    public void AnyCall_AnotherThumbprint_StillRefused()
    {
        using var service = Create(new string('0', 40));

        Assert.ThrowsAsync<OrchestratorException>(() => service.GetRunbookServersAsync());
    }

    [Test]
    public async Task AnyCall_PinnedBySha256_Accepted()
    {
        using var service = Create(_certificate.GetCertHashString(HashAlgorithmName.SHA256));

        var servers = await service.GetRunbookServersAsync();

        Assert.That(servers, Has.Count.EqualTo(1));
    }

    [Test]
    public void AnyCall_PinnedCertificateForAnotherHostName_StillRefused()
    {
        // The certificate names 127.0.0.1; reached as "localhost" it is the pinned one presented for the wrong name.
        using var service = Create(_certificate.Thumbprint, host: "localhost");

        var ex = Assert.ThrowsAsync<OrchestratorException>(() => service.GetRunbookServersAsync());

        Assert.That(ex!.Message, Does.StartWith("Could not list the runbook servers: the TLS certificate of localhost was not accepted ("));
    }

    private IOrchestratorService Create(string? thumbprint, string host = "127.0.0.1") => OrchestratorServiceFactory.Create(
        new OrchestratorConnectionOptions
        {
            ServiceUrl = $"https://{host}:{((IPEndPoint)_listener.LocalEndpoint).Port}/api/",
            TrustedCertificateThumbprint = thumbprint,
            RequestTimeout = TimeSpan.FromSeconds(10),
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        },
        TimeProvider.System);

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            _ = Task.Run(() => AnswerAsync(client));
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await using var tls = new SslStream(client.GetStream());
                await tls.AuthenticateAsServerAsync(_certificate);
                using var reader = new StreamReader(tls, Encoding.ASCII, false, 1024, leaveOpen: true);
                while (!string.IsNullOrEmpty(await reader.ReadLineAsync()))
                {
                }

                var body = "{\"value\":[{\"Id\":\"6f2b6c6a-1c63-4448-ac4f-30f9e264c82b\",\"Name\":\"RB01\"}],\"@odata.count\":1}";
                var response = $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}";
                await tls.WriteAsync(Encoding.ASCII.GetBytes(response));
            }
            catch (Exception ex) when (ex is IOException or System.Security.Authentication.AuthenticationException)
            {
                // The client refused the certificate.
            }
        }
    }
}
