using System;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace OrchPatch.Core.Orchestrator;

/// <summary>Accepts exactly one certificate that fails validation only because its chain is not trusted: the one whose
/// SHA-1 thumbprint (what Windows shows) or SHA-256 fingerprint was configured, presented for the host name the
/// request was sent to. Every other certificate goes through the default validation unchanged; there is no "accept
/// anything", and a pin never excuses a name mismatch (issue 13).</summary>
internal sealed class CertificatePin
{
    /// <summary>The refusal of a thumbprint that is neither hash.</summary>
    public const string ExpectedForm = "40 hexadecimal digits (SHA-1) or 64 (SHA-256)";

    private readonly string _thumbprint;

    public CertificatePin(string thumbprint) =>
        _thumbprint = Normalize(thumbprint) ?? throw new ArgumentException($"A certificate thumbprint has {ExpectedForm}.", nameof(thumbprint));

    /// <summary>Upper-case hex without spaces or the invisible marks copied from Windows' certificate dialog; null
    /// when what is left is not 40 (SHA-1) or 64 (SHA-256) hex digits.</summary>
    public static string? Normalize(string thumbprint)
    {
        var hex = new StringBuilder(64);
        foreach (var c in thumbprint)
        {
            if (char.IsWhiteSpace(c) || c is '\u200e' or '\u200f' or '\ufeff')
            {
                continue;
            }

            if (!Uri.IsHexDigit(c))
            {
                return null;
            }

            hex.Append(char.ToUpperInvariant(c));
        }

        return hex.Length is 40 or 64 ? hex.ToString() : null;
    }

    /// <summary>The HttpClientHandler callback: a valid certificate passes; an invalid one only when it is the pinned
    /// one and the chain is all that is wrong (the platform checked the name against the request's host).</summary>
    public bool Validate(HttpRequestMessage request, X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        errors == SslPolicyErrors.None
        || (errors == SslPolicyErrors.RemoteCertificateChainErrors && certificate is not null && IsPinned(certificate));

    private bool IsPinned(X509Certificate2 certificate)
    {
        if (_thumbprint.Length == 40)
        {
            return string.Equals(certificate.Thumbprint, _thumbprint, StringComparison.OrdinalIgnoreCase);
        }

        using var sha256 = SHA256.Create();
        var hash = sha256.ComputeHash(certificate.RawData);
        var text = new StringBuilder(64);
        foreach (var b in hash)
        {
            text.Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return string.Equals(text.ToString(), _thumbprint, StringComparison.Ordinal);
    }
}
