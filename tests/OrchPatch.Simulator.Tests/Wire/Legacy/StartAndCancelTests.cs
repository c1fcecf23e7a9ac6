using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using System.Xml.Linq;
using NUnit.Framework;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Simulator.Tests.Support;
using static OrchPatch.Simulator.Tests.Support.Atom;

namespace OrchPatch.Simulator.Tests.Wire.Legacy;

/// <summary>POST Jobs and MERGE Jobs(..) on the legacy service (docs/orchestrator-facts.md#the-web-services, 1.4 and 1.5).</summary>
[TestFixture]
public sealed class StartAndCancelTests
{
    private static readonly HttpMethod Merge = new("MERGE");

    [Test]
    public async Task Post_VerbatimStartRequest_Creates201WithLocationETagAndTheEntry()
    {
        using var farm = TestFarm.Create();

        using var request = new HttpRequestMessage(HttpMethod.Post, ODataPath("Jobs")) { Content = new StringContent(WireSamples.StartRequest) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/atom+xml");
        foreach (var (name, value) in WireSamples.StartRequestHeaders)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await farm.Http.SendAsync(request);
        var entry = XElement.Parse(await response.Content.ReadAsStringAsync());

        var job = farm.Simulator.Jobs.Single();
        Assert.That((int)response.StatusCode, Is.EqualTo(201));
        Assert.That(response.Content.Headers.ContentType!.ToString(), Is.EqualTo("application/atom+xml; charset=utf-8"));
        Assert.That(response.Headers.Location, Is.EqualTo(new Uri($"http://simulator.local/Orchestrator2012/Orchestrator.svc/Jobs(guid'{job.Id}')")));
        Assert.That(response.Headers.GetValues("ETag").Single(), Is.EqualTo("W/\"datetime'2024-06-11T08%3A00%3A00'\""));
        Assert.That(entry.Attribute(XNamespace.Xml + "base")!.Value, Is.EqualTo("http://simulator.local/Orchestrator2012/Orchestrator.svc/"));
        Assert.That((entry.Property("Id"), entry.Property("Status"), entry.Property("RunbookId")), Is.EqualTo((job.Id.ToString(), "Pending", "0336c79b-ca82-449e-ad55-aefa9fb47fad")));
        Assert.That(job.Parameters, Is.EqualTo(new System.Collections.Generic.Dictionary<string, string> { ["Greeting"] = "Hello", ["Name"] = "World" }));
    }

    [Test]
    public async Task Post_FullEntryOfTheGeneratedClient_IgnoresServerSetProperties()
    {
        using var farm = TestFarm.Create();
        var body = WireSamples.FullJobEntry
            .Replace("{runbookId}", TestScenarios.StartStopRunbookId.ToString(), StringComparison.Ordinal)
            .Replace("{parameterId}", "{" + TestScenarios.StartStopParameter2 + "}", StringComparison.Ordinal)
            .Replace("{value}", "World", StringComparison.Ordinal);

        var (status, _) = await farm.SendAsync(HttpMethod.Post, ODataPath("Jobs"), body);

        var job = farm.Simulator.Jobs.Single();
        Assert.That((status, job.Status, job.CreationTime), Is.EqualTo((201, SimulatedJobStatus.Pending, TestFarm.Epoch)));
        Assert.That(job.Id, Is.Not.EqualTo(Guid.Empty));
    }

    [Test]
    public async Task Post_CDataParametersAndRunbookServers_AreRead()
    {
        using var farm = TestFarm.Create();
        var body = WireSamples.StartRequest
            .Replace("<d:Parameters>&lt;Data&gt;&lt;Parameter&gt;&lt;ID&gt;{60a8fa04-6293-4767-b842-46cba5790553}&lt;/ID&gt;&lt;Value&gt;Hello&lt;/Value&gt;&lt;/Parameter&gt;", "<d:Parameters><![CDATA[<Data><Parameter><ID>{60a8fa04-6293-4767-b842-46cba5790553}</ID><Value>Hello</Value></Parameter>", StringComparison.Ordinal)
            .Replace("&lt;Parameter&gt;&lt;ID&gt;{c24d1cc5-deba-4bb5-b02e-44caf0fb296c}&lt;/ID&gt;&lt;Value&gt;World&lt;/Value&gt;&lt;/Parameter&gt;&lt;/Data&gt;</d:Parameters>", "</Data>]]></d:Parameters><d:RunbookServers>RB02, RB03</d:RunbookServers>", StringComparison.Ordinal);

        var (status, _) = await farm.SendAsync(HttpMethod.Post, ODataPath("Jobs"), body);

        var job = farm.Simulator.Jobs.Single();
        Assert.That(status, Is.EqualTo(201));
        Assert.That((job.Parameters["Greeting"], job.Parameters.Count), Is.EqualTo(("Hello", 1)));
        Assert.That(job.RunbookServers, Is.EqualTo(new[] { "RB02", "RB03" }));
    }

    [TestCase("<d:RunbookId m:type=\"Edm.Guid\">0336c79b-ca82-449e-ad55-aefa9fb47fad</d:RunbookId>", "<d:RunbookId m:type=\"Edm.Guid\">not-a-guid</d:RunbookId>", "RunbookId 'not-a-guid' is not an Edm.Guid.", Description = "bad id")]
    [TestCase("0336c79b-ca82-449e-ad55-aefa9fb47fad", "11111111-ca82-449e-ad55-aefa9fb47fad", "No runbook has the id 11111111-ca82-449e-ad55-aefa9fb47fad.", Description = "unknown runbook")]
    [TestCase("{c24d1cc5-deba-4bb5-b02e-44caf0fb296c}", "{c24d1cc5-deba-4bb5-b02e-000000000000}", "'{c24d1cc5-deba-4bb5-b02e-000000000000}' is not an In-parameter of runbook '\\Samples\\Hello World'; its In-parameters are Greeting ({60a8fa04-6293-4767-b842-46cba5790553}), Name ({c24d1cc5-deba-4bb5-b02e-44caf0fb296c}).", Description = "unknown parameter")]
    [TestCase("&lt;Value&gt;World&lt;/Value&gt;", "", "The <Parameter> {c24d1cc5-deba-4bb5-b02e-44caf0fb296c} has no <Value> (an empty <Value/> passes an empty string).", Description = "no value")]
    [TestCase("&lt;Data&gt;", "&lt;Data&gt;&lt;", "The job's Parameters are not the XML", Description = "malformed parameters")]
    [TestCase("</m:properties>", "<d:Colour>red</d:Colour></m:properties>", "The property 'Colour' does not exist on type 'Microsoft.SystemCenter.Orchestrator.WebService.Job'.", Description = "unknown property")]
    [TestCase("</m:properties>", "<d:RunbookServers>RB01,RB09</d:RunbookServers></m:properties>", "Runbook server 'RB09' is unknown to the simulator; its servers are RB01, RB02, RB03.", Description = "unknown server")]
    [TestCase("</entry>", "", "The request body is not well-formed XML", Description = "truncated XML")]
    [TestCase("<entry ", "<!DOCTYPE x [<!ENTITY e \"boom\">]><entry ", "The request body is not well-formed XML", Description = "a DTD is refused")]
    public async Task Post_Invalid_Is400WithAMessageAndCreatesNothing(string find, string replace, string message)
    {
        using var farm = TestFarm.Create();

        var (status, body) = await farm.SendAsync(HttpMethod.Post, ODataPath("Jobs"), WireSamples.StartRequest.Replace(find, replace, StringComparison.Ordinal));

        Assert.That(status, Is.EqualTo(400));
        Assert.That(XElement.Parse(body).Element(M + "message")!.Value, Does.StartWith(message));
        Assert.That(farm.Simulator.Jobs, Is.Empty);
    }

    [Test]
    public async Task Post_WrongContentType_Is415()
    {
        using var farm = TestFarm.Create();

        var (status, _) = await farm.SendAsync(HttpMethod.Post, ODataPath("Jobs"), "{}", "application/json");

        Assert.That(status, Is.EqualTo(415));
    }

    [TestCase("*")]
    [TestCase("current")]
    public async Task Merge_MinimalCancelWithIfMatch_Is204AndStopsOnTheNextPoll(string ifMatch)
    {
        using var farm = TestFarm.Create();
        var job = farm.Simulator.StartJob(TestScenarios.Long);
        farm.RunSeconds(1.5);
        var etag = (await farm.GetAsync(ODataPath($"Jobs(guid'{job.Id}')"))).Headers.ETag!.ToString();

        var (status, _) = await farm.SendAsync(
            HttpMethod.Post,
            ODataPath($"Jobs(guid'{job.Id}')"),
            WireSamples.MinimalCancel.Replace("<jobId>", job.Id.ToString(), StringComparison.Ordinal),
            "application/atom+xml",
            ("X-HTTP-Method", "MERGE"),
            ("If-Match", ifMatch == "*" ? "*" : etag));
        var right = farm.Job(job.Id);
        farm.RunSeconds(3);

        Assert.That((status, right.Status, right.CancelRequested), Is.EqualTo((204, SimulatedJobStatus.Running, true)));
        Assert.That(farm.Job(job.Id).Status, Is.EqualTo(SimulatedJobStatus.Canceled));
    }

    [Test]
    public async Task Merge_StaleETag_Is412AndChangesNothing()
    {
        using var farm = TestFarm.Create();
        var job = farm.Simulator.StartJob(TestScenarios.Long);
        var stale = (await farm.GetAsync(ODataPath($"Jobs(guid'{job.Id}')"))).Headers.GetValues("ETag").Single();
        farm.RunSeconds(2);

        var (status, body) = await farm.SendAsync(
            HttpMethod.Post,
            ODataPath($"Jobs(guid'{job.Id}')"),
            WireSamples.MinimalCancel.Replace("<jobId>", job.Id.ToString(), StringComparison.Ordinal),
            "application/atom+xml",
            ("X-HTTP-Method", "MERGE"),
            ("If-Match", stale));

        Assert.That(status, Is.EqualTo(412));
        Assert.That(body, Does.Contain("The etag value in the request header does not match with the current etag value of the object."));
        Assert.That(farm.Job(job.Id).CancelRequested, Is.False);
    }

    [Test]
    public async Task Merge_NoIfMatch_Is400()
    {
        using var farm = TestFarm.Create();
        var job = farm.Simulator.StartJob(TestScenarios.Long);

        var (status, body) = await farm.SendAsync(HttpMethod.Post, ODataPath($"Jobs(guid'{job.Id}')"), WireSamples.MinimalCancel.Replace("<jobId>", job.Id.ToString(), StringComparison.Ordinal), "application/atom+xml", ("X-HTTP-Method", "MERGE"));

        Assert.That((status, body.Contains("If-Match HTTP header must be specified", StringComparison.Ordinal)), Is.EqualTo((400, true)));
    }

    [Test]
    public async Task Merge_NativeVerb_WorksLikeTheTunnelledOne()
    {
        using var farm = TestFarm.Create();
        var job = farm.Simulator.StartJob(TestScenarios.Long);

        var (status, _) = await farm.SendAsync(Merge, ODataPath($"Jobs(guid'{job.Id}')"), WireSamples.MinimalCancel.Replace("<jobId>", job.Id.ToString(), StringComparison.Ordinal), "application/atom+xml", ("If-Match", "*"));

        Assert.That((status, farm.Job(job.Id).CancelRequested), Is.EqualTo((204, true)));
    }

    [TestCase("<d:Status>Canceled</d:Status>", "<d:Status>Cancelled</d:Status>", "A job's Status can only be set to 'Canceled' (single l); got 'Cancelled'.")]
    [TestCase("<d:Status>Canceled</d:Status>", "", "Only a job's Status can be changed, and only to 'Canceled'; the entry does not set <d:Status>.")]
    public async Task Merge_NotACancel_Is400(string find, string replace, string message)
    {
        using var farm = TestFarm.Create();
        var job = farm.Simulator.StartJob(TestScenarios.Long);
        var body = WireSamples.MinimalCancel.Replace("<jobId>", job.Id.ToString(), StringComparison.Ordinal).Replace(find, replace, StringComparison.Ordinal);

        var (status, text) = await farm.SendAsync(HttpMethod.Post, ODataPath($"Jobs(guid'{job.Id}')"), body, "application/atom+xml", ("X-HTTP-Method", "MERGE"), ("If-Match", "*"));

        Assert.That((status, XElement.Parse(text).Element(M + "message")!.Value), Is.EqualTo((400, message)));
    }

    [Test]
    public async Task Merge_CompletedJob_Is400NamingItsStatus_AndACanceledOneIs204()
    {
        using var farm = TestFarm.Create();
        var done = farm.Simulator.StartJob(TestScenarios.Short);
        var canceled = farm.Simulator.StartJob(TestScenarios.Long);
        farm.Simulator.CancelJob(canceled.Id);
        farm.RunSeconds(30);

        async Task<int> Cancel(Guid id) => (await farm.SendAsync(HttpMethod.Post, ODataPath($"Jobs(guid'{id}')"), WireSamples.MinimalCancel.Replace("<jobId>", id.ToString(), StringComparison.Ordinal), "application/atom+xml", ("X-HTTP-Method", "MERGE"), ("If-Match", "*"))).Status;

        Assert.That((await Cancel(done.Id), await Cancel(canceled.Id)), Is.EqualTo((400, 204)));
        Assert.That(farm.Job(done.Id).Status, Is.EqualTo(SimulatedJobStatus.Completed));
    }

    [Test]
    public async Task Merge_ChangesTheETag_SoAnOlderOneIsStale()
    {
        using var farm = TestFarm.Create();
        var job = farm.Simulator.StartJob(TestScenarios.Long);
        farm.RunSeconds(2);
        var before = (await farm.GetAsync(ODataPath($"Jobs(guid'{job.Id}')"))).Headers.GetValues("ETag").Single();

        using var request = new HttpRequestMessage(HttpMethod.Post, ODataPath($"Jobs(guid'{job.Id}')")) { Content = new StringContent(WireSamples.MinimalCancel.Replace("<jobId>", job.Id.ToString(), StringComparison.Ordinal)) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/atom+xml");
        request.Headers.TryAddWithoutValidation("X-HTTP-Method", "MERGE");
        request.Headers.TryAddWithoutValidation("If-Match", before);
        farm.RunSeconds(0.5);
        using var response = await farm.Http.SendAsync(request);

        Assert.That((int)response.StatusCode, Is.EqualTo(204), await response.Content.ReadAsStringAsync());
        Assert.That(response.Headers.GetValues("ETag").Single(), Is.Not.EqualTo(before));
        Assert.That(response.Headers.GetValues("ETag").Single(), Is.EqualTo((await farm.GetAsync(ODataPath($"Jobs(guid'{job.Id}')"))).Headers.GetValues("ETag").Single()));
    }
}
