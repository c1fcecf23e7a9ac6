using System;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using System.Xml.Linq;
using NUnit.Framework;
using OrchPatch.Simulator.Tests.Support;
using static OrchPatch.Simulator.Tests.Support.Atom;

namespace OrchPatch.Simulator.Tests.Wire.Legacy;

/// <summary>The legacy service's Atom against the reference's samples (docs/orchestrator-facts.md#the-web-services).</summary>
[TestFixture]
public sealed class AtomShapeTests
{
    private static readonly Regex ETagFormat = new(@"^W/""datetime'\d{4}-\d{2}-\d{2}T\d{2}%3A\d{2}%3A\d{2}(\.\d{1,7})?'""$");

    [Test]
    public async Task RunbookEntry_ComparedWithTheRealFeedEntry_HasItsShape()
    {
        using var farm = TestFarm.Create();
        var sample = WireSamples.RunbookEntry;

        var feed = XDocument.Parse(await farm.GetStringAsync(ODataPath("Runbooks?$filter=IsMonitor eq true")));
        var entry = feed.Entries().Single();

        Assert.That(entry.Element(A + "category")!.Attributes().Select(a => a.ToString()), Is.EqualTo(sample.Element(A + "category")!.Attributes().Select(a => a.ToString())));
        var ours = entry.Properties().Elements().ToList();
        var theirs = sample.Properties().Elements().ToList();
        Assert.That(theirs.Select(e => e.Name.LocalName), Is.SubsetOf(ours.Select(e => e.Name.LocalName)));
        Assert.That(
            theirs.Select(e => e.Name.LocalName).ToList(),
            Is.EqualTo(ours.Select(e => e.Name.LocalName).Where(n => theirs.Any(t => t.Name.LocalName == n)).ToList()),
            "same property order");
        foreach (var property in theirs)
        {
            var mine = ours.Single(e => e.Name == property.Name);
            Assert.That((string?)mine.Attribute(M + "type"), Is.EqualTo((string?)property.Attribute(M + "type")), property.Name.LocalName + " m:type");
            Assert.That((string?)mine.Attribute(M + "null"), Is.EqualTo((string?)property.Attribute(M + "null")), property.Name.LocalName + " m:null");
        }

        Assert.That((string?)entry.Element(A + "link")!.Attribute("rel"), Is.EqualTo("edit"));
        Assert.That(entry.Element(A + "id")!.Value, Does.Match(@"^http://simulator\.local/Orchestrator2012/Orchestrator\.svc/Runbooks\(guid'[0-9a-f-]{36}'\)$"));
    }

    [Test]
    public async Task Feed_Namespaces_AreTheDataServicesOnes()
    {
        using var farm = TestFarm.Create();

        var feed = XDocument.Parse(await farm.GetStringAsync(ODataPath("RunbookServers")));

        Assert.That(feed.Declaration!.ToString(), Is.EqualTo("<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>"));
        Assert.That(feed.Root!.Name, Is.EqualTo(A + "feed"));
        Assert.That(feed.Root.GetNamespaceOfPrefix("d")!.NamespaceName, Is.EqualTo(D.NamespaceName));
        Assert.That(feed.Root.GetNamespaceOfPrefix("m")!.NamespaceName, Is.EqualTo(M.NamespaceName));
        Assert.That(feed.Root.Attribute(XNamespace.Xml + "base")!.Value, Is.EqualTo("http://simulator.local/Orchestrator2012/Orchestrator.svc/"));
        var byKeyAsSqlServerOrdersIt = farm.Simulator.Servers.OrderBy(s => new System.Data.SqlTypes.SqlGuid(s.Id)).Select(s => s.Name);
        Assert.That(feed.Entries().Select(e => e.Property("Name")), Is.EqualTo(byKeyAsSqlServerOrdersIt));
        Assert.That(feed.Entries()[0].Properties().Elements().Select(e => e.Name.LocalName), Is.EqualTo(new[] { "Id", "Name" }), "a RunbookServer has Id and Name, nothing else");
    }

    [Test]
    public async Task JobEntry_EveryPropertyOfTheFullSample_WithItsTypeAndNulls()
    {
        using var farm = TestFarm.Create();
        var job = farm.Simulator.StartJob(TestScenarios.Short);
        var sample = XElement.Parse(WireSamples.FullJobEntry.Replace("{runbookId}", Guid.Empty.ToString(), StringComparison.Ordinal));

        var entry = XElement.Parse(await farm.GetStringAsync(ODataPath($"Jobs(guid'{job.Id}')")));

        Assert.That(entry.Properties().Elements().Select(e => e.Name.LocalName), Is.EquivalentTo(sample.Properties().Elements().Select(e => e.Name.LocalName)));
        foreach (var property in sample.Properties().Elements())
        {
            Assert.That((string?)entry.Properties().Element(property.Name)!.Attribute(M + "type"), Is.EqualTo((string?)property.Attribute(M + "type")), property.Name.LocalName);
        }

        Assert.That(entry.Property("Status"), Is.EqualTo("Pending"));
        Assert.That((string?)entry.Properties().Element(D + "RunbookServerId")!.Attribute(M + "null"), Is.EqualTo("true"), "a pending job has no server yet");
        Assert.That(entry.Element(A + "category")!.Attribute("term")!.Value, Is.EqualTo("Microsoft.SystemCenter.Orchestrator.WebService.Job"));
        Assert.That(entry.Elements(A + "link").Select(l => (string?)l.Attribute("title")), Is.SupersetOf(new[] { "Job", "Runbook", "Instances", "RunbookServer" }));
    }

    [Test]
    public async Task ETag_OnEntryAndHeader_HasTheDatetimeFormWithEscapedColons()
    {
        using var farm = TestFarm.Create();
        farm.RunSeconds(0.123);
        var job = farm.Simulator.StartJob(TestScenarios.Short);

        using var response = await farm.GetAsync(ODataPath($"Jobs(guid'{job.Id}')"));
        var entry = XElement.Parse(await response.Content.ReadAsStringAsync());

        var attribute = (string)entry.Attribute(M + "etag")!;
        Assert.That(attribute, Does.Match(ETagFormat.ToString()));
        Assert.That(attribute, Is.EqualTo("W/\"datetime'2024-06-11T08%3A00%3A00.123'\""));
        Assert.That(response.Headers.GetValues("ETag").Single(), Is.EqualTo(attribute));
        Assert.That(response.Headers.GetValues("DataServiceVersion").Single(), Is.EqualTo("1.0;"));
        Assert.That(entry.Property("CreationTime"), Is.EqualTo("2024-06-11T08:00:00.123"), "Edm.DateTime: UTC without offset, trailing zeros dropped");
    }

    [Test]
    public async Task InlineCount_AllPages_AddsMCountBeforeTheEntries()
    {
        using var farm = TestFarm.Create();
        for (var i = 0; i < 3; i++)
        {
            farm.Simulator.StartJob(TestScenarios.Short);
        }

        using var response = await farm.GetAsync(ODataPath("Jobs?$top=1&$inlinecount=allpages"));
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.That(feed.Root!.Element(M + "count")!.Value, Is.EqualTo("3"));
        Assert.That(feed.Root.Elements().Select(e => e.Name.LocalName).ToList().IndexOf("count"), Is.LessThan(feed.Root.Elements().Select(e => e.Name.LocalName).ToList().IndexOf("entry")));
        Assert.That(feed.Entries(), Has.Length.EqualTo(1));
        Assert.That(response.Headers.GetValues("DataServiceVersion").Single(), Is.EqualTo("2.0;"));
    }

    [Test]
    public async Task ServiceDocument_ListsEveryEntitySetOfTheService()
    {
        using var farm = TestFarm.Create();

        var service = XDocument.Parse(await farm.GetStringAsync("/Orchestrator2012/Orchestrator.svc/"));

        XNamespace app = "http://www.w3.org/2007/app";
        Assert.That(service.Root!.Name, Is.EqualTo(app + "service"));
        Assert.That(service.Root.Element(app + "workspace")!.Elements(app + "collection").Select(c => (string?)c.Attribute("href")), Is.SupersetOf(new[] { "RunbookServers", "Runbooks", "RunbookParameters", "Jobs", "RunbookInstances" }));
        Assert.That(service.Root.Element(app + "workspace")!.Element(A + "title")!.Value, Is.EqualTo("Default"));
    }

    [Test]
    public async Task Parameters_OnTheWire_AreTheEscapedDataXmlString()
    {
        using var farm = TestFarm.Create();
        var job = farm.Simulator.StartJob(TestScenarios.Hello, new System.Collections.Generic.Dictionary<string, string> { ["Greeting"] = "Hi <there> & 'you'" });

        var text = await farm.GetStringAsync(ODataPath($"Jobs(guid'{job.Id}')"));

        Assert.That(text, Does.Contain("<d:Parameters>&lt;Data&gt;&lt;Parameter&gt;&lt;ID&gt;{60a8fa04-6293-4767-b842-46cba5790553}&lt;/ID&gt;&lt;Value&gt;Hi &amp;lt;there&amp;gt; &amp;amp; 'you'&lt;/Value&gt;&lt;/Parameter&gt;&lt;/Data&gt;</d:Parameters>"));
    }
}
