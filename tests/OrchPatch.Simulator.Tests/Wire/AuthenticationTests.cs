using System;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using NUnit.Framework;
using OrchPatch.Simulator.Events;
using OrchPatch.Simulator.Tests.Support;

namespace OrchPatch.Simulator.Tests.Wire;

/// <summary>HTTP Basic stands in for Windows authentication; runbook permissions give 403 as Orchestrator does.</summary>
[TestFixture]
public sealed class AuthenticationTests
{
    private const string Password = "Pa55-w0rd!";

    private static TestFarm Farm() => TestFarm.Create(settings: new SimulatorSettings
    {
        Users = new[]
        {
            SimulatedUser.Administrator(@"CONTOSO\admin", Password),
            new SimulatedUser("reader", Password) { Permissions = new[] { new RunbookPermission(@"\Ops", RunbookRights.Read) } },
            new SimulatedUser("opsman", Password) { Permissions = new[] { new RunbookPermission(@"\Ops\", RunbookRights.Read | RunbookRights.Publish) } },
            new SimulatedUser("nobody", Password),
        },
    });

    private static async Task<(int Status, string Body, HttpResponseMessage Response)> Send(TestFarm farm, HttpMethod method, string path, string? user, string? password = Password, string? body = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, path);
        if (user is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
        }

        request.Headers.TryAddWithoutValidation("If-Match", "*");
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, contentType);
        }

        var response = await farm.Http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    [Test]
    public async Task NoCredentials_Is401WithABasicChallenge()
    {
        using var farm = Farm();

        var (status, _, response) = await Send(farm, HttpMethod.Get, "/Orchestrator2012/Orchestrator.svc/Jobs", user: null);

        Assert.That(status, Is.EqualTo(401));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Basic realm="));
    }

    [Test]
    public async Task WrongPassword_Is401_AndThePasswordIsNeverLogged()
    {
        using var farm = Farm();

        var (status, body, _) = await Send(farm, HttpMethod.Get, "/api/Jobs", "admin", "wrong-" + Password);

        Assert.That(status, Is.EqualTo(401));
        Assert.That(body + string.Join("|", farm.Simulator.Events.All()), Does.Not.Contain(Password));
    }

    [Test]
    public async Task AccountWithDomain_MatchesAUserWithout_AndIsLogged()
    {
        using var farm = Farm();

        var (status, _, _) = await Send(farm, HttpMethod.Get, "/api/Jobs", @"CONTOSO\opsman");

        Assert.That(status, Is.EqualTo(200));
        Assert.That(farm.Simulator.Events.OfType<RequestServed>()[0].User, Is.EqualTo("opsman"));
    }

    [Test]
    public async Task Start_WithoutPublish_Is403RequiresPublish_AndCreatesNothing()
    {
        using var farm = Farm();
        var body = $"{{\"RunbookId\":\"{farm.Simulator.GetRunbook(TestScenarios.Long).Id}\"}}";

        var (readerStatus, readerBody, _) = await Send(farm, HttpMethod.Post, "/api/Jobs", "reader", body: body);
        var (opsStatus, _, _) = await Send(farm, HttpMethod.Post, "/api/Jobs", "opsman", body: body);

        Assert.That(readerStatus, Is.EqualTo(403));
        Assert.That(readerBody, Does.Contain("The requested operation requires Publish permissions on the Runbook"));
        Assert.That(opsStatus, Is.EqualTo(201));
        Assert.That(farm.Simulator.Jobs, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task LegacyCancel_WithoutPublish_Is403()
    {
        using var farm = Farm();
        var job = farm.Simulator.StartJob(TestScenarios.Long);

        var (status, body, _) = await Send(
            farm,
            new HttpMethod("MERGE"),
            $"/Orchestrator2012/Orchestrator.svc/Jobs(guid'{job.Id}')",
            "reader",
            body: WireSamples.MinimalCancel.Replace("<jobId>", job.Id.ToString(), StringComparison.Ordinal),
            contentType: "application/atom+xml");

        Assert.That((status, body.Contains("requires Publish permissions", StringComparison.Ordinal)), Is.EqualTo((403, true)));
        Assert.That(farm.Job(job.Id).CancelRequested, Is.False);
    }

    [Test]
    public async Task Reads_AreFilteredToReadableRunbooks_AndRefusedWithoutAnyRead()
    {
        using var farm = Farm();
        farm.Simulator.StartJob(TestScenarios.Long);
        farm.Simulator.StartJob(TestScenarios.Monitor);

        var (_, readerJobs, _) = await Send(farm, HttpMethod.Get, "/api/Jobs?$count=true", "reader");
        var (_, adminJobs, _) = await Send(farm, HttpMethod.Get, "/api/Jobs?$count=true", @"contoso\ADMIN");
        var (nobodyStatus, _, _) = await Send(farm, HttpMethod.Get, "/api/Jobs", "nobody");
        var (nobodyServers, _, _) = await Send(farm, HttpMethod.Get, "/api/RunbookServers", "nobody");

        Assert.That(readerJobs, Does.Contain("\"@odata.count\":1"));
        Assert.That(adminJobs, Does.Contain("\"@odata.count\":2"));
        Assert.That((nobodyStatus, nobodyServers), Is.EqualTo((403, 200)));
    }

    [Test]
    public async Task ControlSurface_NeedsNoCredentials()
    {
        using var farm = Farm();

        var (status, _, _) = await Send(farm, HttpMethod.Get, "/_simulator/servers", user: null);

        Assert.That(status, Is.EqualTo(200));
    }

    [Test]
    public void Settings_UserWithoutPassword_IsRefusedAtConstruction()
    {
        var settings = new SimulatorSettings { Users = new[] { new SimulatedUser("x", string.Empty) } };

        var error = Assert.Throws<SimulatorSettingsException>(() => TestFarm.Create(settings: settings));

        Assert.That(error!.Errors, Is.EqualTo(new[] { "The field Users[0] 'x' has no password." }));
    }
}
