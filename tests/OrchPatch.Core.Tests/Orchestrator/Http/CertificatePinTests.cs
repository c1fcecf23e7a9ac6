using System;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NUnit.Framework;
using OrchPatch.Core.Orchestrator;

namespace OrchPatch.Core.Tests.Orchestrator.Http;

[TestFixture]
public sealed class CertificatePinTests
{
    private static X509Certificate2 _pinned = null!;
    private static X509Certificate2 _other = null!;

    [OneTimeSetUp]
    public static void CreateCertificates()
    {
        _pinned = SelfSigned("CN=orch.contoso.local");
        _other = SelfSigned("CN=orch.contoso.local");
    }

    [OneTimeTearDown]
    public static void DisposeCertificates()
    {
        _pinned.Dispose();
        _other.Dispose();
    }

    [TestCase("a1b2c3d4e5f60718293a4b5c6d7e8f9012345678", "A1B2C3D4E5F60718293A4B5C6D7E8F9012345678")]
    [TestCase("a1 b2 c3 d4 e5 f6 07 18 29 3a 4b 5c 6d 7e 8f 90 12 34 56 78", "A1B2C3D4E5F60718293A4B5C6D7E8F9012345678", Description = "as Windows shows it")]
    [TestCase("\u200ea1b2c3d4e5f60718293a4b5c6d7e8f9012345678", "A1B2C3D4E5F60718293A4B5C6D7E8F9012345678", Description = "the invisible mark the certificate dialog copies")]
    [TestCase("a1b2c3d4e5f60718293a4b5c6d7e8f901234567", null, Description = "39 digits")]
    [TestCase("a1b2c3d4e5f60718293a4b5c6d7e8f901234567g", null, Description = "not hex")]
    [TestCase("*", null, Description = "no wildcard")]
    [TestCase("0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789abcdef", "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF", Description = "SHA-256: 64 digits")]
    [TestCase("0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789abcde", null, Description = "63 digits")]
    [TestCase("0123456789abcdef0123456789ABCDEF0123456789abcdef01", null, Description = "50 digits: neither hash")]
    public void Normalize_Thumbprints(string text, string? expected)
    {
        Assert.That(CertificatePin.Normalize(text), Is.EqualTo(expected));
    }

    [Test]
    public void Validate_OnlyThePinnedCertificatePassesValidationErrors()
    {
        var pin = new CertificatePin(_pinned.Thumbprint.ToLowerInvariant());
        using var request = new HttpRequestMessage();

        Assert.That(
            (pin.Validate(request, _pinned, null, SslPolicyErrors.RemoteCertificateChainErrors),
             pin.Validate(request, _other, null, SslPolicyErrors.RemoteCertificateChainErrors),
             pin.Validate(request, null, null, SslPolicyErrors.RemoteCertificateNotAvailable),
             pin.Validate(request, _other, null, SslPolicyErrors.None)),
            Is.EqualTo((true, false, false, true)));
    }

    [TestCase(SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch, Description = "pinned, but presented for another host name")]
    [TestCase(SslPolicyErrors.RemoteCertificateNameMismatch, Description = "trusted chain, wrong host name")]
    public void Validate_PinnedCertificateWithAHostNameMismatch_Refused(SslPolicyErrors errors)
    {
        var pin = new CertificatePin(_pinned.Thumbprint);
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://orch.fabrikam.local/api/");

        Assert.That(pin.Validate(request, _pinned, null, errors), Is.False);
    }

    [Test]
    public void Validate_PinnedBySha256_OnlyThatCertificatePasses()
    {
        using var sha256 = SHA256.Create();
        var pin = new CertificatePin(Convert.ToHexString(sha256.ComputeHash(_pinned.RawData)).ToLowerInvariant());
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://orch.contoso.local/api/");

        Assert.That(
            (pin.Validate(request, _pinned, null, SslPolicyErrors.RemoteCertificateChainErrors),
             pin.Validate(request, _other, null, SslPolicyErrors.RemoteCertificateChainErrors)),
            Is.EqualTo((true, false)));
    }

    [Test]
    public void Constructor_NeitherHashLength_NamesBoth()
    {
        var error = Assert.Throws<ArgumentException>(() => new CertificatePin("abc"));

        Assert.That(error!.Message, Does.StartWith("A certificate thumbprint has 40 hexadecimal digits (SHA-1) or 64 (SHA-256)."));
    }

    private static X509Certificate2 SelfSigned(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }
}
