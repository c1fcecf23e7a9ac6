using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using System.Xml.Linq;
using NUnit.Framework;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Core.Tests.Orchestrator.Scripted;
using OrchPatch.TestSupport.Samples;

namespace OrchPatch.Core.Tests.Orchestrator.Wire;

/// <summary>The legacy client on recorded Atom payloads (tests/samples) and on the hand-written start response,
/// end to end through the service.</summary>
[TestFixture]
public sealed class AtomSampleTests
{
    private static readonly string EmptyFeed = WireText.AtomFeed(0, string.Empty);

    [Test]
    public async Task FindRunbookAsync_RecordedRunbooksFeed_ReadsTheMonitorByItsPath()
    {
        var handler = new ScriptedHandler().Answer(HttpStatusCode.OK, RecordedPayloads.RunbooksFeed).Answer(HttpStatusCode.OK, EmptyFeed).Answer(HttpStatusCode.OK, EmptyFeed);
        using var service = TestClients.Create(OrchestratorApi.OData, handler);

        var runbook = await service.FindRunbookAsync(@"\00-Dev\Schedules\1min\2");

        Assert.That(
            (runbook.Id, runbook.Name, runbook.Path, runbook.IsMonitor, runbook.Parameters.Count),
            Is.EqualTo((Guid.Parse("ba9defb7-1c63-4448-ac4f-30f9e264c82b"), "2", @"\00-Dev\Schedules\1min\2", true, 0)));
    }

    [Test]
    public void ReadFeed_RecordedRunbooksFeed_EveryEntryNoCountAndThePropertiesTimeNotTheAtomDate()
    {
        var feed = AtomFormat.ReadFeed(RecordedPayloads.RunbooksFeed, "Runbooks", TestClients.Root(OrchestratorApi.OData));

        Assert.That(
            feed.Entities.Select(e => EntityMapper.ToRunbook(e, Array.Empty<RunbookParameter>())).Select(r => (r.Path, r.IsMonitor)),
            Is.EqualTo(new[]
            {
                (@"\00-Dev\SyncBenutzer\SyncBenutzer", false),
                (@"\00-Dev\Schedules\1min\2", true),
                (@"\00-Dev\SyncBenutzer\StammportalBenutzer\Sync-StammportalBenutzer", false),
                (@"\00-Dev\Reset Password\Reset Password", false),
                (@"\00-Dev\Schedules\1min\1min", true),
                (@"\00-Dev\SyncBenutzer\New Runbook", false),
            }));
        var monitor = feed.Entities[1];
        // The Atom <published> says 12:00:06+01:00; the offset-less Edm.DateTime on the same digits is what is read.
        Assert.That(
            (feed.TotalCount, monitor.ETag, monitor.Raw("Description"), monitor.Raw("CheckedOutTime"), monitor.Time("CreationTime"), monitor.Text("CreatedBy")),
            Is.EqualTo(((long?)null, "W/\"datetime'2020-11-17T12%3A00%3A53'\"", (object?)null, (object?)null,
                (DateTimeOffset?)new DateTimeOffset(2020, 11, 17, 12, 0, 6, 93, TimeSpan.Zero), "S-1-5-500")));
        Assert.That(
            (feed.Entities[5].Text("CheckedOutBy"), feed.Entities[5].Time("CheckedOutTime"), feed.Entities[5].ETag),
            Is.EqualTo(("S-1-5-21-1709059561-2143686068-2252755103-1103", (DateTimeOffset?)new DateTimeOffset(2020, 11, 23, 10, 14, 4, TimeSpan.Zero), "W/\"datetime'2020-11-23T10%3A13%3A58.55'\"")));
    }

    [Test]
    public void ReadEntry_Kb2853747JobEntry_EveryNullIsNullAndTheParameterKeepsItsIdAndValue()
    {
        var job = EntityMapper.ToJob(AtomFormat.ReadEntry(RecordedPayloads.Kb2853747StartRequest, "Jobs", null, TestClients.Root(OrchestratorApi.OData)));

        Assert.That(
            (job.Id, job.RunbookId, job.Status, job.StatusText, job.RunbookServerId, job.RunbookServers.Count, job.ParentId, job.ParentIsWaiting, job.CreatedBy, job.CreationTime),
            Is.EqualTo((Guid.Empty, Guid.Parse("d010b455-4fe9-4423-ab72-52e5dabcb4e8"), JobStatus.Unknown, (string?)null, (Guid?)null, 0, (Guid?)null, (bool?)null, (string?)null, DateTimeOffset.MinValue)));
        Assert.That(job.Parameters, Is.EqualTo(new[] { new JobParameterValue(Guid.Parse("ef29ac2e-aeb1-4f80-90f5-634783b52aff"), null, "'This is the value for Param1.'") }));
    }

    [Test]
    public async Task StartJobAsync_AsInTheReference_SendsItsRequestAndReadsItsResponse()
    {
        var handler = new ScriptedHandler()
            .Answer(HttpStatusCode.OK, RunbookFeed)
            .Answer(HttpStatusCode.OK, ParametersFeed)
            .Answer(HttpStatusCode.OK, WireText.AtomFeed(0, string.Empty)) // the runbook's recent jobs, listed before the start
            .Answer(HttpStatusCode.Created, WireSamples.StartResponseBody, headers: r =>
            {
                r.Headers.Location = new Uri(WireSamples.StartResponseLocation);
                r.Headers.TryAddWithoutValidation("ETag", WireSamples.StartResponseETag);
            });
        using var service = TestClients.Create(OrchestratorApi.OData, handler);

        var job = await service.StartJobAsync(new StartJobRequest(Guid.Parse("0336c79b-ca82-449e-ad55-aefa9fb47fad"))
        {
            Parameters = new Dictionary<string, string> { ["First"] = "Hello", ["Second"] = "World" },
        });

        var post = handler.Requests.Last();
        Assert.That(
            (post.Method, post.Uri.AbsolutePath, post.Header("Content-Type"), post.Header("DataServiceVersion"), post.Header("MaxDataServiceVersion"), post.Header("Accept")),
            Is.EqualTo(("POST", "/Orchestrator2012/Orchestrator.svc/Jobs", "application/atom+xml; charset=utf-8", "1.0;NetFx", "2.0;NetFx", "application/atom+xml,application/xml")));
        Assert.That(XNode.DeepEquals(Normalized(post.Body), Normalized(RecordedPayloads.MsStartStopRequest)), Is.True, post.Body);
        Assert.That(
            (job.Id, job.Status, job.ETag, job.CreationTime, job.Parameters.Count),
            Is.EqualTo((Guid.Parse("42fe8a86-bdea-47c9-aecb-845fdba8f8ca"), JobStatus.Pending, WireSamples.StartResponseETag, new DateTimeOffset(2012, 2, 20, 2, 48, 55, 980, TimeSpan.Zero), 2)));
    }

    [Test]
    public async Task StartJobAsync_CreatedWithoutBody_ReadsTheJobFromLocation()
    {
        var handler = new ScriptedHandler()
            .Answer(HttpStatusCode.OK, RunbookFeed)
            .Answer(HttpStatusCode.OK, ParametersFeed)
            .Answer(HttpStatusCode.OK, WireText.AtomFeed(0, string.Empty)) // the runbook's recent jobs, listed before the start
            .Answer(HttpStatusCode.Created, string.Empty, headers: r => r.Headers.Location = new Uri(WireSamples.StartResponseLocation))
            .Answer(HttpStatusCode.OK, WireSamples.StartResponseBody);
        using var service = TestClients.Create(OrchestratorApi.OData, handler);

        var job = await service.StartJobAsync(new StartJobRequest(Guid.Parse("0336c79b-ca82-449e-ad55-aefa9fb47fad")));

        Assert.That((job.Id, handler.Requests.Last().Uri.AbsolutePath), Is.EqualTo((Guid.Parse("42fe8a86-bdea-47c9-aecb-845fdba8f8ca"), "/Orchestrator2012/Orchestrator.svc/Jobs(guid'42fe8a86-bdea-47c9-aecb-845fdba8f8ca')")));
    }

    [Test]
    public async Task GetJobParametersAsync_LegacyIds_NamedByTheRunbook()
    {
        var handler = new ScriptedHandler().Answer(HttpStatusCode.OK, RunbookFeed).Answer(HttpStatusCode.OK, ParametersFeed);
        using var service = TestClients.Create(OrchestratorApi.OData, handler);
        var job = EntityMapper.ToJob(AtomFormat.ReadEntry(WireSamples.StartResponseBody, "Jobs", null, TestClients.Root(OrchestratorApi.OData)));

        var values = await service.GetJobParametersAsync(job);

        Assert.That(values, Is.EqualTo(new Dictionary<string, string> { ["First"] = "Hello", ["Second"] = "World" }));
    }

    [Test]
    public void ReadFeed_ServiceAnswersAnErrorDocument_SaysWhatCameInstead()
    {
        var xml = "<error xmlns=\"http://schemas.microsoft.com/ado/2007/08/dataservices/metadata\"><message>boom</message></error>";

        var ex = Assert.Throws<OrchestratorProtocolException>(() => AtomFormat.ReadFeed(xml, "Jobs", TestClients.Root(OrchestratorApi.OData)));

        Assert.That(ex!.Message, Is.EqualTo(
            "The Orchestrator web service at http://orchestrator.test:81/Orchestrator2012/Orchestrator.svc/ sent <error> where an Atom feed was expected. Is the URL an Orchestrator.svc root?"));
    }

    [Test]
    public void ReadFeed_DocumentTypeDefinition_Refused()
    {
        var xml = "<!DOCTYPE feed [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><feed xmlns=\"http://www.w3.org/2005/Atom\">&x;</feed>";

        Assert.Throws<OrchestratorProtocolException>(() => AtomFormat.ReadFeed(xml, "Jobs", TestClients.Root(OrchestratorApi.OData)));
    }

    private static string RunbookFeed => WireText.AtomFeed(
        1,
        "<entry><content type=\"application/xml\"><m:properties><d:Id m:type=\"Edm.Guid\">0336c79b-ca82-449e-ad55-aefa9fb47fad</d:Id>" +
        "<d:Name>Hello World</d:Name><d:Path>\\Demo\\Hello World</d:Path><d:IsMonitor m:type=\"Edm.Boolean\">false</d:IsMonitor></m:properties></content></entry>");

    private static string ParametersFeed => WireText.AtomFeed(
        3,
        Parameter("60a8fa04-6293-4767-b842-46cba5790553", "First", "In") +
        Parameter("c24d1cc5-deba-4bb5-b02e-44caf0fb296c", "Second", "In") +
        Parameter("9a0b1a34-1111-4c4c-9a9a-000000000001", "Result", "Out"));

    private static string Parameter(string id, string name, string direction) =>
        $"<entry><content type=\"application/xml\"><m:properties><d:Id m:type=\"Edm.Guid\">{id}</d:Id><d:RunbookId m:type=\"Edm.Guid\">0336c79b-ca82-449e-ad55-aefa9fb47fad</d:RunbookId>" +
        $"<d:Name>{name}</d:Name><d:Type>String</d:Type><d:Direction>{direction}</d:Direction></m:properties></content></entry>";

    /// <summary>The document without insignificant whitespace, for a structural comparison.</summary>
    private static XDocument Normalized(string xml) => XDocument.Parse(xml, LoadOptions.None);
}
