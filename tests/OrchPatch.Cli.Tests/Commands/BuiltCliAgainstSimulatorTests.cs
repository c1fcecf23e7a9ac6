using System.Diagnostics;
using System.Text.RegularExpressions;
using NUnit.Framework;
using OrchPatch.Cli.Infrastructure;

namespace OrchPatch.Cli.Tests.Commands;

/// <summary>Issue 17: the shipped CLI against a simulator it started as a process, over real HTTP: what the user
/// reads when the URL's scheme or API is wrong, and what it says about the API it chose.</summary>
[TestFixture]
public sealed class BuiltCliAgainstSimulatorTests
{
    private Process? _simulator;
    private string _odata = string.Empty;
    private string _webApi = string.Empty;

    [OneTimeSetUp]
    public void StartSimulator()
    {
        _simulator = BuiltCli.Start(null, "simulate", "--port", "0", "--idle");
        var line = _simulator.StandardOutput.ReadLine() ?? string.Empty;
        _odata = Regex.Match(line, @"Orchestrator\.svc: (?<url>\S+?),").Groups["url"].Value;
        _webApi = Regex.Match(line, @"Web API: (?<url>\S+?),").Groups["url"].Value;
        Assert.That(new[] { _odata, _webApi }, Has.None.Empty, line);
    }

    [OneTimeTearDown]
    public void StopSimulator()
    {
        _simulator?.Kill();
        _simulator?.Dispose();
    }

    [Test]
    public void Status_HttpsUrlAgainstPlainHttp_NamesTrustThumbprintNotTheActivitysSetting()
    {
        var result = BuiltCli.Run("status", "--url", _odata.Replace("http://", "https://"));

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failed), result.All);
            Assert.That(result.Error, Does.Contain("--trust-thumbprint").And.Contain("use an http:// URL"));
            Assert.That(result.All, Does.Not.Contain("TrustedCertificateThumbprint"));
        });
    }

    [Test]
    public void Status_ApiODataOnAWebApiUrl_SaysItIsAWebApiUrlNotTheServersRaw400()
    {
        var result = BuiltCli.Run("status", "--url", _webApi, "--api", "odata");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.All);
            Assert.That(result.Error, Does.Contain($"--url {_webApi} is a Web API URL").And.Contain("Use --api webapi, or leave --api out (auto)."));
            Assert.That(result.All, Does.Not.Contain("400"));
        });
    }
}
