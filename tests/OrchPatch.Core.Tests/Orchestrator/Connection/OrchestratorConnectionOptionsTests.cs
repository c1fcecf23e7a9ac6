using System;
using NUnit.Framework;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Core.Utils;

namespace OrchPatch.Core.Tests.Orchestrator.Connection;

[TestFixture]
public sealed class OrchestratorConnectionOptionsTests
{
    [Test]
    public void Defaults_ArePinned()
    {
        var options = new OrchestratorConnectionOptions();

        Assert.That(
            (options.Api, options.RequestTimeout, options.MaxRetryAttempts, options.RetryBaseDelay, options.MaxRetryDelay, options.MaxRetryTotal, options.AllowBasicAuthentication, OrchestratorConnectionConstants.PageSize),
            Is.EqualTo((OrchestratorApi.Auto, TimeSpan.FromSeconds(100), 5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), false, 50)));
    }

    [Test]
    public void Validate_EveryBadField_ListedAtOnce()
    {
        var options = new OrchestratorConnectionOptions
        {
            ServiceUrl = string.Empty,
            Password = "Pa55-w0rd!",
            RequestTimeout = TimeSpan.Zero,
            MaxRetryAttempts = -1,
            RetryBaseDelay = TimeSpan.FromSeconds(10),
            MaxRetryDelay = TimeSpan.FromSeconds(5),
            TrustedCertificateThumbprint = "not a thumbprint",
        };

        var ex = Assert.Throws<OptionsValidationException>(() => OptionsValidation.Validate(options));

        Assert.That(ex!.Message, Is.EqualTo(string.Join(Environment.NewLine,
            "The 'OrchestratorConnectionOptions' are invalid. Validation Errors:",
            "The field RequestTimeout must be between 00:00:01 and 01:00:00.",
            "The field MaxRetryAttempts must be between 0 and 100.",
            "The field ServiceUrl is required: " + OrchestratorConnectionConstants.ExpectedUrlForms + ".",
            "The field UserName is required when Password is set (without both, the process's own account is used).",
            "The field TrustedCertificateThumbprint must be a certificate thumbprint: 40 hexadecimal digits (SHA-1) or 64 (SHA-256), spaces allowed.",
            "The field MaxRetryDelay (00:00:05) must not be shorter than RetryBaseDelay (00:00:10).")));
    }

    [TestCase(@"CONTOSO\svc", null, "The field Password is required when UserName is set.")]
    [TestCase(@"A\B\C", "x", @"The field UserName must be DOMAIN\user, user@domain or user; 'A\B\C' is not.")]
    [TestCase(@"\svc", "x", @"The field UserName must be DOMAIN\user, user@domain or user; '\svc' is not.")]
    public void Validate_BadAccount_Explained(string user, string? password, string expected)
    {
        var options = new OrchestratorConnectionOptions { ServiceUrl = "https://orch:8443/api/", UserName = user, Password = password };

        var ex = Assert.Throws<OptionsValidationException>(() => OptionsValidation.Validate(options));

        Assert.That(ex!.Errors, Is.EqualTo(new[] { expected }));
    }

    [TestCase("http://orch:81/Orchestrator2012/Orchestrator.svc/", false)]
    [TestCase("https://orch:8443/api/", true)]
    [TestCase("http://127.0.0.1:5000/api/", true, Description = "the simulator on loopback")]
    public void Validate_BasicAuthentication_OnlyOverHttpsOrLoopback(string url, bool valid)
    {
        var options = new OrchestratorConnectionOptions { ServiceUrl = url, UserName = "svc", Password = "x", AllowBasicAuthentication = true };

        Assert.That(() => OptionsValidation.Validate(options), valid ? Throws.Nothing : Throws.InstanceOf<OptionsValidationException>().With.Message.Contains(
            "The field AllowBasicAuthentication needs an https ServiceUrl (or a loopback address): Basic sends the password with every request."));
    }

    [Test]
    public void ToString_ShowsSettingsButNeverThePassword()
    {
        var options = new OrchestratorConnectionOptions
        {
            ServiceUrl = "https://orch:8443/api/",
            UserName = @"CONTOSO\svc",
            Password = "Pa55-w0rd!",
            TrustedCertificateThumbprint = "AB CD",
        };

        Assert.That(options.ToString(), Is.EqualTo(
            @"ServiceUrl=https://orch:8443/api/, Api=Auto, UserName=CONTOSO\svc, Password=***, TrustedCertificateThumbprint=AB CD, " +
            "RequestTimeout=00:01:40, MaxRetryAttempts=5, RetryBaseDelay=00:00:01, MaxRetryDelay=00:00:30, MaxRetryTotal=00:02:00"));
    }
}
