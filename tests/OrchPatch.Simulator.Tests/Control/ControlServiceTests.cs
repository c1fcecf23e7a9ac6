using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using NUnit.Framework;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Simulator.Events;
using OrchPatch.Simulator.Tests.Support;

namespace OrchPatch.Simulator.Tests.Control;

/// <summary>The control surface under /_simulator/ (JSON).</summary>
[TestFixture]
public sealed class ControlServiceTests
{
    private static async Task<(int Status, JsonElement Json)> Send(TestFarm farm, HttpMethod method, string relative, string? body = null)
    {
        var (status, text) = await farm.SendAsync(method, "/_simulator/" + relative, body, "application/json");
        using var document = JsonDocument.Parse(text);
        return (status, document.RootElement.Clone());
    }

    [Test]
    public async Task Servers_ListsNameIdOnlineMaxJobsRunningPending()
    {
        using var farm = TestFarm.Create();
        farm.Simulator.StartJob(TestScenarios.Long, servers: new[] { "RB01" });
        farm.Simulator.StartJob(TestScenarios.Long, servers: new[] { "RB02" });
        farm.RunSeconds(1.5);

        var (status, json) = await Send(farm, HttpMethod.Get, "servers");

        var rb01 = json[0];
        Assert.That(status, Is.EqualTo(200));
        Assert.That(
            (rb01.GetProperty("name").GetString(), rb01.GetProperty("isOnline").GetBoolean(), rb01.GetProperty("maxJobs").GetInt32(), rb01.GetProperty("runningJobs").GetInt32()),
            Is.EqualTo(("RB01", true, 50, 1)));
        Assert.That((json[1].GetProperty("pendingJobs").GetInt32(), json[2].GetProperty("pendingJobs").GetInt32()), Is.EqualTo((1, 0)));
        Assert.That(rb01.GetProperty("id").GetGuid(), Is.EqualTo(farm.Simulator.GetServer("RB01").Id));
    }

    [Test]
    public async Task MaxJobs_PutThenGet_ChangesTheServerAndIsLogged()
    {
        using var farm = TestFarm.Create();

        var (putStatus, put) = await Send(farm, HttpMethod.Put, "servers/rb02/maxjobs", "{\"maxJobs\":1}");
        var (_, get) = await Send(farm, HttpMethod.Get, "servers/RB02/maxjobs");
        var (_, bare) = await Send(farm, HttpMethod.Put, "servers/RB02/maxjobs", "1");

        Assert.That((putStatus, put.GetProperty("changed").GetBoolean(), get.GetProperty("maxJobs").GetInt32(), bare.GetProperty("changed").GetBoolean()), Is.EqualTo((200, true, 1, false)));
        Assert.That(farm.Simulator.Events.OfType<MaxJobsChanged>().Single().Server, Is.EqualTo("RB02"));
    }

    [TestCase("servers/RB09/maxjobs", "GET", null, 404, "Runbook server 'RB09' is unknown to the simulator; its servers are RB01, RB02, RB03.")]
    [TestCase("servers/RB01/maxjobs", "PUT", "{\"maxJobs\":0}", 400, "Max jobs for RB01 must be in range [1-1000]; got 0. Nothing was changed.")]
    [TestCase("servers/RB01/maxjobs", "PUT", "{\"max\":3}", 400, "'maxJobs' is required (1-1000).")]
    [TestCase("servers/RB01/reboot?downtime=soon", "POST", null, 400, "downtime must be a duration")]
    [TestCase("servers/RB01/maxjobs", "DELETE", null, 405, "DELETE is not allowed on /_simulator/servers/RB01/maxjobs.")]
    [TestCase("nothing/here", "GET", null, 404, "No control route /_simulator/nothing/here.")]
    [TestCase("jobs", "POST", "{\"runbook\":\"\\\\Ops\\\\Nope\"}", 404, "Runbook '\\Ops\\Nope' is unknown to the simulator")]
    [TestCase("jobs", "POST", "{\"runbook\":\"\\\\Ops\\\\Short\",\"parameters\":{\"x\":\"1\"}}", 400, "'x' is not an In-parameter of runbook '\\Ops\\Short'; its In-parameters are none.")]
    [TestCase("jobs/not-a-guid", "GET", null, 400, "'not-a-guid' is not a job id (a GUID).")]
    public async Task BadRequests_AnswerAJsonErrorNamingTheProblem(string relative, string method, string? body, int expected, string message)
    {
        using var farm = TestFarm.Create();

        var (status, json) = await Send(farm, new HttpMethod(method), relative, body);

        Assert.That(status, Is.EqualTo(expected));
        Assert.That(json.GetProperty("error").GetString(), Does.StartWith(message));
    }

    [Test]
    public async Task Reboot_WithDowntime_InterruptsAndComesBack()
    {
        using var farm = TestFarm.Create();
        var job = farm.Simulator.StartJob(TestScenarios.Long, servers: new[] { "RB01" });
        farm.RunSeconds(2);

        var (status, json) = await Send(farm, HttpMethod.Post, "servers/RB01/reboot?downtime=90s");
        var (again, _) = await Send(farm, HttpMethod.Post, "servers/RB01/reboot");
        farm.RunSeconds(90);

        Assert.That((status, json.GetProperty("status").GetString(), again), Is.EqualTo((200, "Rebooting", 409)));
        Assert.That((farm.Simulator.GetServer("RB01").IsOnline, farm.Job(job.Id).Interruptions), Is.EqualTo((true, 1)));
    }

    [Test]
    public async Task OfflineOnline_AreIdempotentAndSayWhetherTheyChangedAnything()
    {
        using var farm = TestFarm.Create();

        var (_, first) = await Send(farm, HttpMethod.Post, "servers/RB03/offline");
        var (_, second) = await Send(farm, HttpMethod.Post, "servers/RB03/offline");
        var (_, back) = await Send(farm, HttpMethod.Post, "servers/RB03/online");

        Assert.That((first.GetProperty("changed").GetBoolean(), second.GetProperty("changed").GetBoolean(), back.GetProperty("changed").GetBoolean()), Is.EqualTo((true, false, true)));
        Assert.That(back.GetProperty("server").GetProperty("status").GetString(), Is.EqualTo("Online"));
    }

    [Test]
    public async Task Jobs_PostStartsAndGetShowsPlannedEnd()
    {
        using var farm = TestFarm.Create();

        var (status, created) = await Send(farm, HttpMethod.Post, "jobs", "{\"runbook\":\"\\\\Samples\\\\Hello World\",\"parameters\":{\"Name\":\"World\"},\"servers\":[\"RB02\"]}");
        farm.RunSeconds(2.5);
        var (_, job) = await Send(farm, HttpMethod.Get, "jobs/" + created.GetProperty("id").GetGuid());

        Assert.That((status, created.GetProperty("status").GetString()), Is.EqualTo((201, "Pending")));
        Assert.That(job.GetProperty("plannedEndTime").GetDateTimeOffset(), Is.EqualTo(TestFarm.Epoch + TimeSpan.FromSeconds(32)));
        Assert.That(job.GetProperty("parameters").GetProperty("Name").GetString(), Is.EqualTo("World"));
    }

    [Test]
    public async Task JobCancel_StopsItOnTheNextPoll()
    {
        using var farm = TestFarm.Create();
        var job = farm.Simulator.StartJob(TestScenarios.Long);
        farm.RunSeconds(2);

        var (_, json) = await Send(farm, HttpMethod.Post, $"jobs/{job.Id}/cancel");
        farm.RunSeconds(3);

        Assert.That((json.GetProperty("accepted").GetBoolean(), farm.Job(job.Id).Status), Is.EqualTo((true, SimulatedJobStatus.Canceled)));
    }

    [Test]
    public async Task Events_Since_ReturnsOnlyNewerTypedEvents()
    {
        using var farm = TestFarm.Create();
        var (_, all) = await Send(farm, HttpMethod.Get, "events");
        var last = all[all.GetArrayLength() - 1].GetProperty("sequence").GetInt64();
        farm.Simulator.StartJob(TestScenarios.Short);

        var (_, newer) = await Send(farm, HttpMethod.Get, $"events?since={last}");

        Assert.That(all.EnumerateArray().Select(e => e.GetProperty("kind").GetString()).Distinct(), Is.EqualTo(new[] { "serverRegistered" }));
        Assert.That(newer.EnumerateArray().Select(e => e.GetProperty("kind").GetString()), Is.EqualTo(new[] { "requestServed", "jobCreated" }));
    }

    [Test]
    public async Task Workload_StartStop_CreatesJobsOnlyWhileRunning()
    {
        using var farm = TestFarm.Create(OrchPatch.Simulator.Scenarios.Scenario.Default);

        var (_, started) = await Send(farm, HttpMethod.Post, "workload/start");
        farm.Run(TimeSpan.FromMinutes(10));
        var (_, stopped) = await Send(farm, HttpMethod.Post, "workload/stop");
        var created = farm.Simulator.Jobs.Count;
        farm.Run(TimeSpan.FromMinutes(10));

        Assert.That((started.GetProperty("running").GetBoolean(), stopped.GetProperty("running").GetBoolean()), Is.EqualTo((true, false)));
        Assert.That(created, Is.GreaterThan(20));
        Assert.That(farm.Simulator.Jobs.Count(j => j.ParentId is null), Is.EqualTo(farm.Simulator.Jobs.Take(created).Count(j => j.ParentId is null)), "no new arrivals after stop (children of running parents may still appear)");
    }

    [Test]
    public async Task Metrics_AreServedAsJson()
    {
        using var farm = TestFarm.Create();
        farm.Simulator.StartJob(TestScenarios.Short);
        farm.RunSeconds(20);

        var (status, json) = await Send(farm, HttpMethod.Get, "metrics");

        Assert.That((status, json.GetProperty("jobsCompleted").GetInt32(), json.GetProperty("fewestServersAcceptingWork").GetInt32()), Is.EqualTo((200, 1, 3)));
    }

    [Test]
    public async Task Faults_PostListDelete()
    {
        using var farm = TestFarm.Create();

        var (added, list) = await Send(farm, HttpMethod.Post, "faults", "{\"kind\":\"AcceptThenServiceUnavailable\",\"count\":2,\"method\":\"POST\",\"entitySet\":\"Jobs\"}");
        var (_, cleared) = await Send(farm, HttpMethod.Delete, "faults");

        Assert.That((added, list[0].GetProperty("kind").GetString(), list[0].GetProperty("count").GetInt32()), Is.EqualTo((201, "AcceptThenServiceUnavailable", 2)));
        Assert.That(cleared.GetArrayLength(), Is.EqualTo(0));
    }
}
