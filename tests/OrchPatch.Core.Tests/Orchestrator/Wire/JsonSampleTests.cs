using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using NUnit.Framework;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Core.Tests.Orchestrator.Scripted;

namespace OrchPatch.Core.Tests.Orchestrator.Wire;

/// <summary>The Web API client on the reference's 2022 sample, and on the shapes it must tolerate.</summary>
[TestFixture]
public sealed class JsonSampleTests
{
    private const string RunbookId = "0e3d0830-5bb6-4717-bb94-330e0338f153";

    [Test]
    public async Task StartJobAsync_AsInTheReference_SendsItsBodyByteForByte()
    {
        var handler = new ScriptedHandler()
            .AnswerJson(HttpStatusCode.OK, WireText.JsonFeed(1, $"{{\"Id\":\"{RunbookId}\",\"Name\":\"Demo\",\"Path\":\"\\\\Demo\",\"IsMonitor\":false}}"))
            .AnswerJson(HttpStatusCode.OK, WireText.JsonFeed(1, $"{{\"Id\":\"2d7c1c7e-0000-4000-8000-000000000001\",\"RunbookId\":\"{RunbookId}\",\"Name\":\"Parameter 1\",\"Direction\":\"In\"}}"))
            .AnswerJson(HttpStatusCode.OK, WireText.JsonFeed(1, "{\"Id\":\"6f2b6c6a-0000-4000-8000-000000000002\",\"Name\":\"RBS01\"}"))
            .AnswerJson(HttpStatusCode.OK, WireText.JsonFeed(0, string.Empty)) // the runbook's recent jobs, listed before the start
            .AnswerJson(HttpStatusCode.Created, "{\"Id\":\"c5b8c0de-0000-4000-8000-000000000003\",\"RunbookId\":\"" + RunbookId + "\",\"Status\":\"Pending\"}");
        using var service = TestClients.Create(OrchestratorApi.WebApi, handler);

        var job = await service.StartJobAsync(new StartJobRequest(Guid.Parse(RunbookId))
        {
            Parameters = new Dictionary<string, string> { ["Parameter 1"] = "Some text" },
            RunbookServers = new[] { "RBS01" },
        });

        var post = handler.Requests.Last();
        Assert.That((post.Method, post.Uri.AbsolutePath, post.Header("Content-Type"), post.Body), Is.EqualTo(
            ("POST", "/api/Jobs", "application/json; charset=utf-8", WireSamples.WebApiStartRequestBody)));
        Assert.That((job.Id, job.Status), Is.EqualTo((Guid.Parse("c5b8c0de-0000-4000-8000-000000000003"), JobStatus.Pending)));
    }

    [Test]
    public void ToJob_OtherShapes_ReadAsTheSameJob()
    {
        // camelCase names, the servers as a comma list, the parameters as the legacy XML string, an unknown property,
        // a boolean as text, no LastModifiedTime.
        const string json = """
            {"@odata.etag":"W/\"1\"","id":"c5b8c0de-0000-4000-8000-000000000003","runbookId":"0e3d0830-5bb6-4717-bb94-330e0338f153",
             "status":"Running","runbookServerId":"6f2b6c6a-0000-4000-8000-000000000002","runbookServers":"RB01, RB02",
             "parameters":"<Data><Parameter><ID>{60a8fa04-6293-4767-b842-46cba5790553}</ID><Value>Hello</Value></Parameter></Data>",
             "parentIsWaiting":"true","creationTime":"2024-05-14T22:00:00.5+02:00","futureProperty":{"nested":[1,2]}}
            """;

        var job = EntityMapper.ToJob(JsonFormat.ReadEntity(json, "Jobs", TestClients.Root(OrchestratorApi.WebApi)));

        Assert.That(
            (job.Status, job.RunbookServerId, string.Join("|", job.RunbookServers), job.ParentIsWaiting, job.CreationTime, job.LastModifiedTime, job.ETag),
            Is.EqualTo((JobStatus.Running, (Guid?)Guid.Parse("6f2b6c6a-0000-4000-8000-000000000002"), "RB01|RB02", (bool?)true,
                new DateTimeOffset(2024, 5, 14, 20, 0, 0, 500, TimeSpan.Zero), DateTimeOffset.MinValue, "W/\"1\"")));
        Assert.That(job.Parameters, Is.EqualTo(new[] { new JobParameterValue(Guid.Parse("60a8fa04-6293-4767-b842-46cba5790553"), null, "Hello") }));
    }

    [Test]
    public void ToJob_ChosenShape_ArraysOfNamesAndNameValuePairs()
    {
        const string json = """
            {"Id":"c5b8c0de-0000-4000-8000-000000000003","RunbookId":"0e3d0830-5bb6-4717-bb94-330e0338f153","Status":"Pending",
             "RunbookServerId":null,"RunbookServers":["RB01"],"Parameters":[{"Name":"Server","Value":"RB02"},{"Name":"Count","Value":3}],
             "ParentId":null,"ParentIsWaiting":null,"CreationTime":"2024-05-14T22:00:00Z","LastModifiedTime":"2024-05-14T22:00:01Z","CreatedBy":null}
            """;

        var job = EntityMapper.ToJob(JsonFormat.ReadEntity(json, "Jobs", TestClients.Root(OrchestratorApi.WebApi)));

        Assert.That((job.RunbookServerId, string.Join("|", job.RunbookServers), job.ParentIsWaiting), Is.EqualTo(((Guid?)null, "RB01", (bool?)null)));
        Assert.That(job.Parameters, Is.EqualTo(new[] { new JobParameterValue(null, "Server", "RB02"), new JobParameterValue(null, "Count", "3") }));
    }

    [Test]
    public void ToJob_NoId_SaysWhichEntryAndWhy()
    {
        var ex = Assert.Throws<OrchestratorProtocolException>(() =>
            EntityMapper.ToJob(JsonFormat.ReadEntity("{\"Id\":\"not-a-guid\"}", "Jobs", TestClients.Root(OrchestratorApi.WebApi))));

        Assert.That(ex!.Message, Is.EqualTo("The Orchestrator web service at https://orchestrator.test:8443/api/ sent a Jobs entry whose Id is missing or not a GUID ('not-a-guid')."));
    }

    [Test]
    public async Task GetRunbookServersAsync_BareArrayWithoutCount_ReadUntilAnEmptyPage()
    {
        var handler = new ScriptedHandler()
            .AnswerJson(HttpStatusCode.OK, "[{\"Id\":\"6f2b6c6a-0000-4000-8000-000000000002\",\"Name\":\"RB01\"}]")
            .AnswerJson(HttpStatusCode.OK, "{\"value\":[]}");
        using var service = TestClients.Create(OrchestratorApi.WebApi, handler);

        var servers = await service.GetRunbookServersAsync();

        Assert.That((servers.Single().Name, handler.Requests.Select(r => r.Query("$skip"))), Is.EqualTo(("RB01", new[] { "0", "1" })));
    }

    [Test]
    public void ReadFeed_NotJson_SaysWhereItBroke()
    {
        var ex = Assert.Throws<OrchestratorProtocolException>(() => JsonFormat.ReadFeed("<html>", "Jobs", TestClients.Root(OrchestratorApi.WebApi)));

        Assert.That(ex!.Message, Is.EqualTo("The Orchestrator Web API at https://orchestrator.test:8443/api/ sent JSON this client cannot read: Not valid JSON at character 1: unexpected '<'."));
    }
}
