using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using NUnit.Framework;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Simulator.Tests.Support;

namespace OrchPatch.Simulator.Tests.Wire;

/// <summary>The 2022 Web API (docs/orchestrator-facts.md#the-web-services, with the choices in the README).</summary>
[TestFixture]
public sealed class WebApiTests
{
    private static async Task<JsonElement> Json(TestFarm farm, string relative)
    {
        using var document = JsonDocument.Parse(await farm.GetStringAsync("/api/" + relative));
        return document.RootElement.Clone();
    }

    private static Task<(int Status, string Body)> Send(TestFarm farm, HttpMethod method, string relative, string? body = null) =>
        farm.SendAsync(method, "/api/" + relative, body, "application/json");

    [Test]
    public async Task Collection_WithCount_HasContextCountAndValue()
    {
        using var farm = TestFarm.Create();

        var servers = await Json(farm, "RunbookServers?$count=true");

        Assert.That(servers.GetProperty("@odata.context").GetString(), Is.EqualTo("http://simulator.local/api/$metadata#RunbookServers"));
        Assert.That(servers.GetProperty("@odata.count").GetInt32(), Is.EqualTo(3));
        Assert.That(servers.GetProperty("value").EnumerateArray().Select(s => s.EnumerateObject().Select(p => p.Name).ToArray()).First(), Is.EqualTo(new[] { "Id", "Name" }));
        Assert.That((await Json(farm, "RunbookServers")).TryGetProperty("@odata.count", out _), Is.False, "no count unless asked");
    }

    [Test]
    public async Task Names_OfSetsAndFilterProperties_IgnoreCase()
    {
        using var farm = TestFarm.Create();
        var job = farm.Simulator.StartJob(TestScenarios.Monitor);
        farm.RunSeconds(2);

        var byJobId = await Json(farm, $"runbookinstances?$filter=JobId eq {job.Id}");
        var byJobID = await Json(farm, $"RunbookInstances?$filter=JobID eq {job.Id}");
        var byName = await Json(farm, "runbookservers?$filter=name eq 'RB02'");

        Assert.That(byJobId.GetProperty("value").GetArrayLength(), Is.EqualTo(1));
        Assert.That(byJobID.GetProperty("value").GetArrayLength(), Is.EqualTo(1));
        Assert.That(byName.GetProperty("value")[0].GetProperty("Name").GetString(), Is.EqualTo("RB02"));
    }

    [Test]
    public async Task Filter_BareGuidAndBareDate_Work_AndV2LiteralsAreRefused()
    {
        using var farm = TestFarm.Create();
        var job = farm.Simulator.StartJob(TestScenarios.Short);
        farm.RunSeconds(60);
        farm.Simulator.StartJob(TestScenarios.Short);

        var byRunbook = await Json(farm, $"Jobs?$filter=RunbookId eq {job.RunbookId} and CreationTime lt 2024-06-11T08:00:30Z");
        var (status, body) = await Send(farm, HttpMethod.Get, $"Jobs?$filter=RunbookId eq guid'{job.RunbookId}'");

        Assert.That(byRunbook.GetProperty("value").EnumerateArray().Select(j => j.GetProperty("Id").GetGuid()), Is.EqualTo(new[] { job.Id }));
        Assert.That(status, Is.EqualTo(400));
        Assert.That(JsonDocument.Parse(body).RootElement.GetProperty("error").GetProperty("message").GetString(), Does.Contain("OData v2 syntax"));
    }

    [Test]
    public async Task Job_Json_HasThePropertiesOfTheChosenShape()
    {
        using var farm = TestFarm.Create();
        var job = farm.Simulator.StartJob(TestScenarios.Hello, new System.Collections.Generic.Dictionary<string, string> { ["Name"] = "World" }, new[] { "RB02" });
        farm.RunSeconds(2.5);

        var json = await Json(farm, $"Jobs/{job.Id}");

        Assert.That(json.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[]
        {
            "@odata.context", "Id", "RunbookId", "Parameters", "RunbookServers", "RunbookServerId", "ParentId", "ParentIsWaiting",
            "Status", "CreatedBy", "CreationTime", "LastModifiedBy", "LastModifiedTime",
        }));
        Assert.That(json.GetProperty("@odata.context").GetString(), Is.EqualTo("http://simulator.local/api/$metadata#Jobs/$entity"));
        Assert.That(json.GetProperty("Status").GetString(), Is.EqualTo("Running"));
        Assert.That(json.GetProperty("RunbookServers").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { "RB02" }));
        Assert.That(json.GetProperty("Parameters")[0].GetProperty("Name").GetString(), Is.EqualTo("Name"));
        Assert.That(json.GetProperty("Parameters")[0].GetProperty("Value").GetString(), Is.EqualTo("World"));
        Assert.That(json.GetProperty("RunbookServerId").GetGuid(), Is.EqualTo(farm.Simulator.GetServer("RB02").Id));
        Assert.That(json.GetProperty("CreationTime").GetString(), Is.EqualTo("2024-06-11T08:00:00Z"));
        Assert.That(json.GetProperty("ParentId").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task Job_ByParenthesesKeyAndExpand_Work()
    {
        using var farm = TestFarm.Create();
        var job = farm.Simulator.StartJob(TestScenarios.Short);
        farm.RunSeconds(20);

        var json = await Json(farm, $"Jobs({job.Id})?$expand=RunbookInstances");

        Assert.That(json.GetProperty("Status").GetString(), Is.EqualTo("Completed"));
        Assert.That(json.GetProperty("RunbookInstances")[0].GetProperty("Status").GetString(), Is.EqualTo("Success"));
    }

    [Test]
    public async Task Start_TheReferenceBody_Is201WithTheJob()
    {
        using var farm = TestFarm.Create();
        var body = $$"""
            { "RunbookId": "{{TestScenarios.StartStopRunbookId}}",
              "RunbookServers": ["RB03"],
              "Parameters": [ { "Name": "Greeting", "Value": "Some text" } ],
              "CreatedBy": null }
            """;

        var (status, text) = await Send(farm, HttpMethod.Post, "Jobs", body);

        var json = JsonDocument.Parse(text).RootElement;
        var job = farm.Simulator.GetJob(json.GetProperty("Id").GetGuid());
        Assert.That((status, json.GetProperty("Status").GetString()), Is.EqualTo((201, "Pending")));
        Assert.That((job.RunbookServers.Single(), job.Parameters["Greeting"]), Is.EqualTo(("RB03", "Some text")));
    }

    [TestCase("{\"RunbookServers\":[]}", "RunbookId must be the runbook's id as a string.", Description = "no runbook")]
    [TestCase("{\"RunbookId\":\"0336c79b-ca82-449e-ad55-aefa9fb47fad\",\"Parameters\":[{\"Name\":\"Colour\",\"Value\":\"red\"}]}", "'Colour' is not an In-parameter", Description = "unknown parameter name")]
    [TestCase("{\"RunbookId\":\"0336c79b-ca82-449e-ad55-aefa9fb47fad\",\"Parameters\":[{\"Name\":\"Result\",\"Value\":\"x\"}]}", "'Result' is not an In-parameter", Description = "an Out-parameter")]
    [TestCase("{\"RunbookId\":\"0336c79b-ca82-449e-ad55-aefa9fb47fad\",\"RunbookServers\":\"RB01\"}", "RunbookServers must be an array", Description = "servers as a string")]
    [TestCase("{\"RunbookId\":\"0336c79b-ca82-449e-ad55-aefa9fb47fad\",\"RunbookServers\":[\"RB07\"]}", "Runbook server 'RB07' is unknown", Description = "unknown server")]
    [TestCase("{\"RunbookId\":\"0336c79b-ca82-449e-ad55-aefa9fb47fad\",\"Colour\":1}", "unknown property 'Colour'", Description = "unknown property")]
    [TestCase("{\"RunbookId\":", "the body is not valid JSON", Description = "truncated")]
    [TestCase("[1,2]", "the body must be a JSON object", Description = "not an object")]
    public async Task Start_BadBody_Is400InvalidJobCreationParams(string body, string detail)
    {
        using var farm = TestFarm.Create();

        var (status, text) = await Send(farm, HttpMethod.Post, "Jobs", body);

        var message = JsonDocument.Parse(text).RootElement.GetProperty("error").GetProperty("message").GetString();
        Assert.That(status, Is.EqualTo(400));
        Assert.That(message, Does.StartWith("Invalid Job creation params").And.Contain(detail));
        Assert.That(farm.Simulator.Jobs, Is.Empty);
    }

    [TestCase("{\"Id\":\"{id}\"}", Description = "WEBSCO's body")]
    [TestCase("{\"Id\":\"{id}\",\"Status\":\"Canceled\"}", Description = "with the status")]
    [TestCase("{\"Status\":\"Canceled\"}", Description = "status only")]
    public async Task Cancel_Patch_Is200AndStopsOnTheNextPoll(string body)
    {
        using var farm = TestFarm.Create();
        var job = farm.Simulator.StartJob(TestScenarios.Long);
        farm.RunSeconds(1.5);

        var (status, text) = await Send(farm, HttpMethod.Patch, $"Jobs/{job.Id}", body.Replace("{id}", job.Id.ToString(), StringComparison.Ordinal));
        farm.RunSeconds(3);

        Assert.That((status, JsonDocument.Parse(text).RootElement.GetProperty("Id").GetGuid()), Is.EqualTo((200, job.Id)));
        Assert.That(farm.Job(job.Id).Status, Is.EqualTo(SimulatedJobStatus.Canceled));
    }

    [TestCase("{\"Status\":\"Cancelled\"}", 400)]
    [TestCase("{\"Id\":\"11111111-2222-3333-4444-555555555555\"}", 400)]
    [TestCase("{\"Priority\":1}", 400)]
    public async Task Cancel_BadBody_Is400AndChangesNothing(string body, int expected)
    {
        using var farm = TestFarm.Create();
        var job = farm.Simulator.StartJob(TestScenarios.Long);

        var (status, _) = await Send(farm, HttpMethod.Patch, $"Jobs/{job.Id}", body);

        Assert.That((status, farm.Job(job.Id).CancelRequested), Is.EqualTo((expected, false)));
    }

    [TestCase("Jobs/11111111-2222-3333-4444-555555555555", 404)]
    [TestCase("Nothing", 404)]
    [TestCase("Folders", 501)]
    [TestCase("Activities?$count=true", 501)]
    [TestCase("$metadata", 501)]
    [TestCase("Jobs(guid'11111111-2222-3333-4444-555555555555')", 400)]
    [TestCase("Jobs?$count=maybe", 400)]
    [TestCase("Jobs?$expand=Colour", 400)]
    public async Task BadRequests_AnswerWithAnODataV4Error(string relative, int expected)
    {
        using var farm = TestFarm.Create();

        var (status, body) = await Send(farm, HttpMethod.Get, relative);

        Assert.That(status, Is.EqualTo(expected));
        Assert.That(JsonDocument.Parse(body).RootElement.GetProperty("error").GetProperty("message").GetString(), Is.Not.Empty);
    }

    [Test]
    public async Task Paging_TopSkipAndPageSize_AsTheLegacyService()
    {
        using var farm = TestFarm.Create();
        for (var i = 0; i < 60; i++)
        {
            farm.Simulator.StartJob(TestScenarios.Long);
        }

        var first = await Json(farm, "Jobs?$count=true&$top=50&$skip=0");
        var second = await Json(farm, "Jobs?$count=true&$top=50&$skip=50");
        var all = await Json(farm, "Jobs?$top=500");

        Assert.That((first.GetProperty("value").GetArrayLength(), second.GetProperty("value").GetArrayLength(), all.GetProperty("value").GetArrayLength()), Is.EqualTo((50, 10, 50)));
        Assert.That(first.GetProperty("@odata.count").GetInt32(), Is.EqualTo(60));
    }

    [Test]
    public async Task ServiceDocument_ListsTheEntitySets()
    {
        using var farm = TestFarm.Create();

        var root = await Json(farm, string.Empty);

        Assert.That(root.GetProperty("value").EnumerateArray().Select(v => v.GetProperty("name").GetString()), Is.SupersetOf(new[] { "Jobs", "Runbooks", "RunbookServers", "RunbookParameters", "RunbookInstances" }));
    }
}
