using System.Linq;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using OrchPatch.Cli.Infrastructure;
using OrchPatch.TestSupport.Farms;

namespace OrchPatch.Cli.Tests.Commands;

/// <summary>Issue 17: 22 seconds of silence, then a failure, when nothing listened (six retries, none shown); and
/// `--api auto` did not say which API it chose.</summary>
[TestFixture]
public sealed class RetryAndApiNoticeTests
{
    [Test]
    public void Status_NothingAnswers_EachRetryIsSaidOnStandardError()
    {
        using var cli = FarmCli.Start(TestFarm.WithServers(2));
        cli.Transport = new Refusing();
        var url = cli.Environment["ORCHPATCH_URL"];

        var result = cli.Run("status", "--json");

        var retries = result.Error.Split('\n').Where(l => l.StartsWith("orchpatch: no answer from", System.StringComparison.Ordinal)).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failed), result.All);
            Assert.That(retries, Has.Length.EqualTo(5), result.Error);
            Assert.That(retries[0], Does.Match("^orchpatch: no answer from " + Regex.Escape(url) + @" \(attempt 2 of 6, next in [0-9.]+s\): connection failed"));
            Assert.That(retries[4], Does.Contain("(attempt 6 of 6, next in "));
            Assert.That(result.Output, Does.Not.Contain("no answer from"), "standard output stays one JSON document");
        });
    }

    [Test]
    public void Status_ApiAuto_SaysWhichApiItChoseOnce()
    {
        using var cli = FarmCli.Start(TestFarm.WithServers(2));

        var result = cli.Run("status");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.All);
        Assert.That(Regex.Matches(result.Error, "--api auto chose"), Has.Count.EqualTo(1), result.Error);
        Assert.That(result.Error, Does.Contain($"orchpatch: --api auto chose the Orchestrator.svc (2012-2019) at {cli.Environment["ORCHPATCH_URL"]} (Orchestrator.svc in the URL)."));
    }

    [Test]
    public void Status_ApiGiven_SaysNothingAboutTheChoice()
    {
        using var cli = FarmCli.Start(TestFarm.WithServers(2));

        var result = cli.Run("status", "--api", "odata");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.All);
        Assert.That(result.Error, Does.Not.Contain("--api auto chose"));
    }

    /// <summary>A web service where nothing listens: every request fails to connect.</summary>
    private sealed class Refusing : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromException<HttpResponseMessage>(new HttpRequestException("Connection refused (127.0.0.1:9)"));
    }
}
