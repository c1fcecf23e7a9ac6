using System;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace OrchPatch.Core.Orchestrator;

/// <summary>Accepts exactly one certificate that fails validation: the one whose SHA-1 thumbprint was configured.
/// Every other certificate goes through the default validation unchanged; there is no "accept anything".</summary>
internal sealed class CertificatePin
{
    private readonly string _thumbprint;

    public CertificatePin(string thumbprint) =>
        _thumbprint = Normalize(thumbprint) ?? throw new ArgumentException("A SHA-1 thumbprint has 40 hexadecimal digits.", nameof(thumbprint));

    /// <summary>Upper-case hex without spaces or the invisible marks copied from Windows' certificate dialog; null
    /// when what is left is not 40 hex digits.</summary>
    public static string? Normalize(string thumbprint)
    {
        var hex = new StringBuilder(40);
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

        return hex.Length == 40 ? hex.ToString() : null;
    }

    /// <summary>The HttpClientHandler callback: a valid certificate passes; an invalid one only when it is the pinned one.</summary>
    public bool Validate(HttpRequestMessage request, X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        errors == SslPolicyErrors.None || (certificate is not null && string.Equals(certificate.Thumbprint, _thumbprint, StringComparison.OrdinalIgnoreCase));
}
