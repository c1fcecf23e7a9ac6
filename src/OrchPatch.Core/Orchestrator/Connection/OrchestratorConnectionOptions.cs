using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using System.Text;

namespace OrchPatch.Core.Orchestrator;

/// <summary>How to reach an Orchestrator web service. Plain settable properties; <see cref="OrchestratorServiceFactory"/>
/// validates them once and lists every bad field.</summary>
/// <remarks><see cref="ToString"/> and every message built from these options show whether a password is set, never the password.</remarks>
public sealed class OrchestratorConnectionOptions : IValidatableObject
{
    /// <summary>The web service: <c>http(s)://SERVER:81/Orchestrator2012/Orchestrator.svc/</c> (2012-2019) or
    /// <c>https://SERVER:PORT/api/</c> (2022).</summary>
    /// <value>Required. A trailing "/" is added when missing.</value>
    public string ServiceUrl { get; set; } = string.Empty;

    /// <summary>Which web API to speak.</summary>
    /// <value>The default is <see cref="OrchestratorApi.Auto"/>: chosen by the URL's shape.</value>
    [EnumDataType(typeof(OrchestratorApi))]
    public OrchestratorApi Api { get; set; } = OrchestratorApi.Auto;

    /// <summary>The account for the web service: <c>DOMAIN\user</c> or <c>user@domain</c>.</summary>
    /// <value>The default is none: the process's own account (Windows integrated authentication).</value>
    public string? UserName { get; set; }

    /// <summary>The password of <see cref="UserName"/>; never shown.</summary>
    /// <value>The default is none.</value>
    public string? Password { get; set; }

    /// <summary>Whether the credentials may also be offered with HTTP Basic authentication (Negotiate and NTLM always
    /// are). Basic sends the password with every request, so it needs https, or a loopback address (the simulator).</summary>
    /// <value>The default is false.</value>
    public bool AllowBasicAuthentication { get; set; }

    /// <summary>How long one request may take before it counts as a timeout (measured on the injected clock).</summary>
    /// <value>The default is 100 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RequestTimeout { get; set; } = OrchestratorConnectionConstants.DefaultRequestTimeout;

    /// <summary>The SHA-1 thumbprint (or SHA-256 fingerprint) of the one certificate to accept although its chain is not
    /// trusted (for example a self-signed certificate on the Orchestrator server); it must still name the host in
    /// <see cref="ServiceUrl"/>. Case, spaces and the invisible marks Windows' certificate
    /// dialog copies are ignored. No other certificate is ever accepted that fails validation.</summary>
    /// <value>The default is none: only certificates that pass validation.</value>
    public string? TrustedCertificateThumbprint { get; set; }

    /// <summary>How many times a transient fault (timeout, connection failure, 5xx, 408, 429) is retried.</summary>
    /// <value>The default is 5; 0 turns retries off.</value>
    [Range(0, 100)]
    public int MaxRetryAttempts { get; set; } = OrchestratorConnectionConstants.DefaultMaxRetryAttempts;

    /// <summary>The first backoff step, doubled on each retry and jittered.</summary>
    /// <value>The default is 1 second.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RetryBaseDelay { get; set; } = OrchestratorConnectionConstants.DefaultRetryBaseDelay;

    /// <summary>The longest backoff step (a server's Retry-After is honoured even when longer).</summary>
    /// <value>The default is 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = OrchestratorConnectionConstants.DefaultMaxRetryDelay;

    /// <summary>The most time one operation may spend on retries: no retry starts whose wait would end later.</summary>
    /// <value>The default is 2 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxRetryTotal { get; set; } = OrchestratorConnectionConstants.DefaultMaxRetryTotal;

    /// <summary>Called before each retry's wait, with what failed and how long the wait is ("will retry after 5s").</summary>
    /// <value>The default is none.</value>
    public Action<OrchestratorRetryArguments>? OnRetry { get; set; }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!OrchestratorEndpointResolver.TryResolve(ServiceUrl, Api, out var endpoint, out var problem))
        {
            yield return new ValidationResult(problem, new[] { nameof(ServiceUrl) });
        }

        var hasUser = !string.IsNullOrWhiteSpace(UserName);
        if (hasUser && !AccountName.TryParse(UserName!, out _))
        {
            yield return new ValidationResult(
                $"The field UserName must be DOMAIN\\user, user@domain or user; '{UserName}' is not.", new[] { nameof(UserName) });
        }

        if (hasUser && string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("The field Password is required when UserName is set.", new[] { nameof(Password) });
        }

        if (!hasUser && !string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult(
                "The field UserName is required when Password is set (without both, the process's own account is used).", new[] { nameof(UserName) });
        }

        if (AllowBasicAuthentication && endpoint is not null && endpoint.ServiceRoot.Scheme != Uri.UriSchemeHttps && !endpoint.ServiceRoot.IsLoopback)
        {
            yield return new ValidationResult(
                "The field AllowBasicAuthentication needs an https ServiceUrl (or a loopback address): Basic sends the password with every request.",
                new[] { nameof(AllowBasicAuthentication) });
        }

        if (!string.IsNullOrWhiteSpace(TrustedCertificateThumbprint) && CertificatePin.Normalize(TrustedCertificateThumbprint!) is null)
        {
            yield return new ValidationResult(
                $"The field TrustedCertificateThumbprint must be a certificate thumbprint: {CertificatePin.ExpectedForm}, spaces allowed.",
                new[] { nameof(TrustedCertificateThumbprint) });
        }

        if (MaxRetryDelay < RetryBaseDelay)
        {
            yield return new ValidationResult(
                $"The field MaxRetryDelay ({MaxRetryDelay}) must not be shorter than RetryBaseDelay ({RetryBaseDelay}).", new[] { nameof(MaxRetryDelay) });
        }
    }

    /// <summary>The settings for a log line; the password is shown as set or not, never its value.</summary>
    /// <returns>For example "ServiceUrl=http://orch:81/Orchestrator2012/Orchestrator.svc/, Api=Auto, UserName=CONTOSO\svc, Password=***".</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("ServiceUrl=").Append(Uri.TryCreate(ServiceUrl, UriKind.Absolute, out var uri) ? OrchestratorEndpointResolver.Show(uri) : "(invalid)");
        text.Append(", Api=").Append(Api);
        text.Append(", UserName=").Append(string.IsNullOrWhiteSpace(UserName) ? "(the process account)" : UserName);
        text.Append(", Password=").Append(string.IsNullOrEmpty(Password) ? "(none)" : Utils.Redaction.Mask);
        if (AllowBasicAuthentication)
        {
            text.Append(", AllowBasicAuthentication=True");
        }

        if (!string.IsNullOrWhiteSpace(TrustedCertificateThumbprint))
        {
            text.Append(", TrustedCertificateThumbprint=").Append(TrustedCertificateThumbprint!.Trim());
        }

        text.Append(", RequestTimeout=").Append(RequestTimeout);
        text.Append(", MaxRetryAttempts=").Append(MaxRetryAttempts);
        text.Append(", RetryBaseDelay=").Append(RetryBaseDelay);
        text.Append(", MaxRetryDelay=").Append(MaxRetryDelay);
        text.Append(", MaxRetryTotal=").Append(MaxRetryTotal);
        return text.ToString();
    }
}
