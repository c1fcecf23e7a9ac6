using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using System.Xml.Linq;
using NUnit.Framework;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Core.Tests.Orchestrator.Scripted;
using OrchPatch.Core.Tests.Orchestrator.Wire;

namespace OrchPatch.Core.Tests.Orchestrator.Service;

/// <summary>What each client puts on the wire: URL, query, headers, body.</summary>
[TestFixture]
public sealed class RequestShapeTests
{
    private static readonly Guid ServerId = Guid.Parse("6f2b6c6a-1c63-4448-ac4f-30f9e264c82b");
    private static readonly Guid JobId = Guid.Parse("42fe8a86-bdea-47c9-aecb-845fdba8f8ca");

    [TestCase(OrchestratorApi.OData, "Path eq '\\Ops\\RB''01 or 1 eq 1'&$skip=0&$top=50&$inlinecount=allpages")]
    [TestCase(OrchestratorApi.WebApi, "Path eq '\\Ops\\RB''01 or 1 eq 1'&$count=true&$top=50&$skip=0")]
    public void FindRunbookAsync_QuoteInThePath_IsDoubledAndTheQueryEncoded(OrchestratorApi api, string expected)
    {
        var handler = new ScriptedHandler().Answer(HttpStatusCode.OK, EmptyFeed(api), MediaType(api)).Answer(HttpStatusCode.OK, EmptyFeed(api), MediaType(api));
        using var service = TestClients.Create(api, handler);

        Assert.ThrowsAsync<RunbookNotFoundException>(() => service.FindRunbookAsync(@"\Ops\RB'01 or 1 eq 1"));

        var query = handler.Requests[0].Uri.Query;
        Assert.That(
            (Uri.UnescapeDataString(query.Substring("?$filter=".Length)), query.IndexOfAny(new[] { ' ', '\'', '\\' })),
            Is.EqualTo((expected, -1)));
    }

    [TestCase(OrchestratorApi.OData, "RunbookServerId eq guid'6f2b6c6a-1c63-4448-ac4f-30f9e264c82b' and (Status eq 'Pending' or Status eq 'Running')")]
    [TestCase(OrchestratorApi.WebApi, "RunbookServerId eq 6f2b6c6a-1c63-4448-ac4f-30f9e264c82b and (Status eq 'Pending' or Status eq 'Running')")]
    public async Task GetJobsAsync_ThreePages_AsksForEachWithTheSameFilter(OrchestratorApi api, string filter)
    {
        var handler = new ScriptedHandler();
        foreach (var size in new[] { 50, 50, 20 })
        {
            handler.Answer(HttpStatusCode.OK, JobsFeed(api, size, total: 120), MediaType(api));
        }

        using var service = TestClients.Create(api, handler);

        var jobs = await service.GetJobsAsync(JobQuery.ActiveOn(ServerId));

        Assert.That(jobs, Has.Count.EqualTo(120));
        Assert.That(handler.Requests.Select(r => (r.Method, r.Uri.AbsolutePath, r.Query("$filter"), r.Query("$skip"), r.Query("$top"))), Is.EqualTo(new[] { "0", "50", "100" }.Select(skip =>
            ("GET", TestClients.Root(api).AbsolutePath + "Jobs", filter, skip, "50"))));
        Assert.That(
            handler.Requests.Select(r => api == OrchestratorApi.OData ? r.Query("$inlinecount") : r.Query("$count")).Distinct(),
            Is.EqualTo(new[] { api == OrchestratorApi.OData ? "allpages" : "true" }));
    }

    [TestCase(OrchestratorApi.OData)]
    [TestCase(OrchestratorApi.WebApi)]
    public async Task GetJobsAsync_ServerIgnoresSkip_StopsInsteadOfLoopingForEver(OrchestratorApi api)
    {
        var page = JobsFeed(api, 50, total: 120);
        var handler = new ScriptedHandler().Answer(HttpStatusCode.OK, page, MediaType(api)).Answer(HttpStatusCode.OK, page, MediaType(api));
        using var service = TestClients.Create(api, handler);

        var jobs = await service.GetJobsAsync(new JobQuery());

        Assert.That((jobs.Count, handler.Requests.Count), Is.EqualTo((50, 2)));
    }

    [Test]
    public void GetJobsAsync_UnknownStatus_RefusedBeforeAnythingIsSent()
    {
        var handler = new ScriptedHandler();
        using var service = TestClients.Create(OrchestratorApi.OData, handler);

        var ex = Assert.ThrowsAsync<ArgumentException>(() => service.GetJobsAsync(new JobQuery { Statuses = new[] { JobStatus.Unknown } }));

        Assert.That((ex!.Message, handler.Requests.Count), Is.EqualTo(("A job query cannot ask for the Unknown status: it has no wire text. (Parameter 'query')", 0)));
    }

    [TestCase(OrchestratorApi.OData, "CreationTime ge datetime'2024-05-14T21:58:07'")]
    [TestCase(OrchestratorApi.WebApi, "CreationTime ge 2024-05-14T21:58:07Z")]
    public async Task GetJobsAsync_CreatedSince_UtcToTheSecond(OrchestratorApi api, string filter)
    {
        var handler = new ScriptedHandler().Answer(HttpStatusCode.OK, EmptyFeed(api), MediaType(api));
        using var service = TestClients.Create(api, handler);

        await service.GetJobsAsync(new JobQuery { CreatedSince = new DateTimeOffset(2024, 5, 14, 23, 58, 7, 900, TimeSpan.FromHours(2)) });

        Assert.That(handler.Requests.Single().Query("$filter"), Is.EqualTo(filter));
    }

    [TestCase(OrchestratorApi.OData, "DataServiceVersion=1.0;NetFx|MaxDataServiceVersion=2.0;NetFx|Accept=application/atom+xml,application/xml")]
    [TestCase(OrchestratorApi.WebApi, "DataServiceVersion=|MaxDataServiceVersion=|Accept=application/json")]
    public async Task AnyRequest_CarriesTheApisHeaders(OrchestratorApi api, string expected)
    {
        var handler = new ScriptedHandler().Answer(HttpStatusCode.OK, EmptyFeed(api), MediaType(api));
        using var service = TestClients.Create(api, handler);

        await service.GetRunbookServersAsync();

        var request = handler.Requests.Single();
        Assert.That(string.Join("|", new[] { "DataServiceVersion", "MaxDataServiceVersion", "Accept" }.Select(h => h + "=" + request.Header(h))), Is.EqualTo(expected));
    }

    [Test]
    public async Task CancelJobAsync_OData_MergesTheMinimalEntryWithTheETagJustRead()
    {
        const string etag = "W/\"datetime'2024-05-14T22%3A00%3A00'\"";
        var handler = new ScriptedHandler().Answer(HttpStatusCode.OK, JobEntry("Running", etag)).Answer(HttpStatusCode.NoContent);
        using var service = TestClients.Create(OrchestratorApi.OData, handler);

        var accepted = await service.CancelJobAsync(JobId);

        var merge = handler.Requests[1];
        Assert.That(
            (accepted, merge.Method, merge.Uri.AbsolutePath, merge.Header("X-HTTP-Method"), merge.Header("If-Match"), merge.Header("Content-Type")),
            Is.EqualTo((true, "POST", "/Orchestrator2012/Orchestrator.svc/Jobs(guid'42fe8a86-bdea-47c9-aecb-845fdba8f8ca')", "MERGE", etag, "application/atom+xml; charset=utf-8")));
        Assert.That(XNode.DeepEquals(XDocument.Parse(merge.Body), XDocument.Parse(
            "<entry xmlns:d=\"http://schemas.microsoft.com/ado/2007/08/dataservices\" xmlns:m=\"http://schemas.microsoft.com/ado/2007/08/dataservices/metadata\" xmlns=\"http://www.w3.org/2005/Atom\">" +
            "<content type=\"application/xml\"><m:properties><d:Id m:type=\"Edm.Guid\">42fe8a86-bdea-47c9-aecb-845fdba8f8ca</d:Id><d:Status>Canceled</d:Status></m:properties></content></entry>")), Is.True, merge.Body);
    }

    [Test]
    public async Task CancelJobAsync_OData_JobChangedMeanwhile_ReadsAgainAndUsesTheNewETag()
    {
        var handler = new ScriptedHandler()
            .Answer(HttpStatusCode.OK, JobEntry("Running", "W/\"1\""))
            .Answer(HttpStatusCode.PreconditionFailed, "<error xmlns=\"http://schemas.microsoft.com/ado/2007/08/dataservices/metadata\"><message>etag</message></error>")
            .Answer(HttpStatusCode.OK, JobEntry("Running", "W/\"2\""))
            .Answer(HttpStatusCode.NoContent);
        using var service = TestClients.Create(OrchestratorApi.OData, handler);

        var accepted = await service.CancelJobAsync(JobId);

        Assert.That((accepted, handler.Requests.Where(r => r.Method == "POST").Select(r => r.Header("If-Match"))), Is.EqualTo((true, new[] { "W/\"1\"", "W/\"2\"" })));
    }

    [Test]
    public void CancelJobAsync_OData_ChangesEveryTime_GivesUpAfterABoundedNumber()
    {
        var handler = new ScriptedHandler();
        for (var i = 0; i < OrchestratorConnectionConstants.MaxCancelConflicts; i++)
        {
            handler.Answer(HttpStatusCode.OK, JobEntry("Running", $"W/\"{i}\"")).Answer(HttpStatusCode.PreconditionFailed);
        }

        handler.Answer(HttpStatusCode.OK, JobEntry("Running", "W/\"last\""));
        using var service = TestClients.Create(OrchestratorApi.OData, handler);

        var ex = Assert.ThrowsAsync<OrchestratorException>(() => service.CancelJobAsync(JobId));

        Assert.That(ex!.Message, Is.EqualTo(
            "Could not stop the job 42fe8a86-bdea-47c9-aecb-845fdba8f8ca: it changed each time it was about to be canceled (3 times 412 Precondition Failed). Try again."));
    }

    [Test]
    public async Task CancelJobAsync_WebApi_PatchesIdAndStatus()
    {
        var job = "{\"Id\":\"42fe8a86-bdea-47c9-aecb-845fdba8f8ca\",\"RunbookId\":\"0e3d0830-5bb6-4717-bb94-330e0338f153\",\"Status\":\"Running\"}";
        var handler = new ScriptedHandler().AnswerJson(HttpStatusCode.OK, job).AnswerJson(HttpStatusCode.OK, job.Replace("Running", "Canceled"));
        using var service = TestClients.Create(OrchestratorApi.WebApi, handler);

        var accepted = await service.CancelJobAsync(JobId);

        var patch = handler.Requests[1];
        Assert.That(
            (accepted, handler.Requests[0].Uri.AbsolutePath, patch.Method, patch.Uri.AbsolutePath, patch.Header("Content-Type"), patch.Body),
            Is.EqualTo((true, "/api/Jobs/42fe8a86-bdea-47c9-aecb-845fdba8f8ca", "PATCH", "/api/Jobs/42fe8a86-bdea-47c9-aecb-845fdba8f8ca", "application/json; charset=utf-8",
                "{\"Id\":\"42fe8a86-bdea-47c9-aecb-845fdba8f8ca\",\"Status\":\"Canceled\"}")));
    }

    [Test]
    public async Task StartJobAsync_OData_TargetServersAsACommaListOfTheirNames()
    {
        var handler = new ScriptedHandler()
            .Answer(HttpStatusCode.OK, Feed(OrchestratorApi.OData, 1, "<entry><content type=\"application/xml\"><m:properties><d:Id>0336c79b-ca82-449e-ad55-aefa9fb47fad</d:Id><d:Path>\\Demo</d:Path></m:properties></content></entry>"))
            .Answer(HttpStatusCode.OK, EmptyFeed(OrchestratorApi.OData))
            .Answer(HttpStatusCode.OK, Feed(OrchestratorApi.OData, 2, ServerEntry("RB01") + ServerEntry("RB02")))
            .Answer(HttpStatusCode.OK, EmptyFeed(OrchestratorApi.OData)) // the runbook's recent jobs, listed before the start
            .Answer(HttpStatusCode.Created, JobEntry("Pending", "W/\"1\""));
        using var service = TestClients.Create(OrchestratorApi.OData, handler);

        await service.StartJobAsync(new StartJobRequest(Guid.Parse("0336c79b-ca82-449e-ad55-aefa9fb47fad")) { RunbookServers = new[] { "rb02", "RB01" } });

        var properties = XDocument.Parse(handler.Requests.Last().Body).Descendants().Where(e => e.Name.LocalName is "RunbookServers" or "Parameters");
        Assert.That(properties.Select(e => e.Name.LocalName + "=" + e.Value), Is.EqualTo(new[] { "RunbookServers=RB02,RB01" }));
    }

    private static string MediaType(OrchestratorApi api) => api == OrchestratorApi.OData ? "application/atom+xml" : "application/json";

    private static string EmptyFeed(OrchestratorApi api) => Feed(api, 0, string.Empty);

    private static string Feed(OrchestratorApi api, int total, string rows) =>
        api == OrchestratorApi.OData ? WireText.AtomFeed(total, rows) : WireText.JsonFeed(total, rows);

    private static string JobsFeed(OrchestratorApi api, int size, int total)
    {
        var rows = Enumerable.Range(0, size).Select(_ => Guid.NewGuid()).Select(id => api == OrchestratorApi.OData
            ? $"<entry><content type=\"application/xml\"><m:properties><d:Id m:type=\"Edm.Guid\">{id}</d:Id><d:Status>Running</d:Status></m:properties></content></entry>"
            : $"{{\"Id\":\"{id}\",\"Status\":\"Running\"}}");
        return Feed(api, total, string.Join(api == OrchestratorApi.OData ? string.Empty : ",", rows));
    }

    private static string ServerEntry(string name) =>
        $"<entry><content type=\"application/xml\"><m:properties><d:Id m:type=\"Edm.Guid\">{Guid.NewGuid()}</d:Id><d:Name>{name}</d:Name></m:properties></content></entry>";

    private static string JobEntry(string status, string etag) =>
        $"<entry m:etag=\"{WebUtility.HtmlEncode(etag)}\" {WireText.AtomNamespaces}>" +
        $"<content type=\"application/xml\"><m:properties><d:Id m:type=\"Edm.Guid\">{JobId}</d:Id><d:Status>{status}</d:Status></m:properties></content></entry>";
}
