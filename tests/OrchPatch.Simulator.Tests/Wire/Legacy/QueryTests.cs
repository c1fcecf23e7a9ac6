using System;
using System.Linq;
using System.Threading.Tasks;
using System.Xml.Linq;
using NUnit.Framework;
using OrchPatch.Simulator.Scenarios;
using OrchPatch.Simulator.Tests.Support;
using static OrchPatch.Simulator.Tests.Support.Atom;

namespace OrchPatch.Simulator.Tests.Wire.Legacy;

/// <summary>Feeds, <c>$filter</c>, paging and navigation on the legacy service (docs/orchestrator-facts.md#the-web-services, 1.6).</summary>
[TestFixture]
public sealed class QueryTests
{
    private static async Task<XElement[]> Feed(TestFarm farm, string relative) => XDocument.Parse(await farm.GetStringAsync(ODataPath(relative))).Entries();

    [Test]
    public async Task Filter_TheReferencesDrainQuery_FindsActiveJobsOfAServer()
    {
        using var farm = TestFarm.Create();
        var running = farm.Simulator.StartJob(TestScenarios.Long, servers: new[] { "RB02" });
        var elsewhere = farm.Simulator.StartJob(TestScenarios.Long, servers: new[] { "RB03" });
        var done = farm.Simulator.StartJob(TestScenarios.Short, servers: new[] { "RB02" });
        farm.RunSeconds(30);
        var server = farm.Simulator.GetServer("RB02").Id;

        var entries = await Feed(farm, $"Jobs()?$filter=RunbookServerId eq guid'{server}' and (Status eq 'Running' or Status eq 'Pending')");

        Assert.That(entries.Select(e => e.Property("Id")), Is.EqualTo(new[] { running.Id.ToString() }));
        Assert.That(farm.Job(done.Id).Status, Is.EqualTo(SimulatedJobStatus.Completed));
        Assert.That(farm.Job(elsewhere.Id).Server, Is.EqualTo("RB03"));
    }

    [Test]
    public async Task Filter_StringLiteralWithDoubledQuote_MatchesAndInjectsNothing()
    {
        var scenario = TestScenarios.ThreeServers().With(new RunbookSpec(@"\Ops\O'Brien's report"));
        using var farm = TestFarm.Create(scenario);

        var exact = await Feed(farm, "Runbooks?$filter=Path eq '\\Ops\\O''Brien''s report'");
        var injected = await farm.SendAsync(System.Net.Http.HttpMethod.Get, ODataPath("Runbooks?$filter=Name eq 'RB'01 or 1 eq 1'"));

        Assert.That(exact.Select(e => e.Property("Name")), Is.EqualTo(new[] { "O'Brien's report" }));
        Assert.That(injected.Status, Is.EqualTo(400));
    }

    [Test]
    public async Task Filter_EscapedInjectionAttempt_IsJustAString()
    {
        using var farm = TestFarm.Create();

        var entries = await Feed(farm, "RunbookServers?$filter=Name eq 'RB''01 or 1 eq 1'");

        Assert.That(entries, Is.Empty);
    }

    [Test]
    public async Task Filter_BooleansAndNe_Work()
    {
        using var farm = TestFarm.Create();

        var monitors = await Feed(farm, "Runbooks?$filter=IsMonitor eq true");
        var others = await Feed(farm, "Runbooks?$filter=IsMonitor ne true and not (Path eq '\\PatchRunbook\\Canary')");

        Assert.That(monitors.Select(e => e.Property("Path")), Is.EqualTo(new[] { TestScenarios.Monitor }));
        Assert.That(others, Has.Length.EqualTo(farm.Simulator.Runbooks.Count - 2));
    }

    [Test]
    public async Task Filter_DateTimeComparisons_FindJobsCreatedJustNow()
    {
        using var farm = TestFarm.Create();
        farm.Simulator.StartJob(TestScenarios.Short);
        farm.RunSeconds(90);
        var recent = farm.Simulator.StartJob(TestScenarios.Short);

        var ge = await Feed(farm, "Jobs?$filter=CreationTime ge datetime'2024-06-11T08:01:00'");
        var lt = await Feed(farm, "Jobs?$filter=CreationTime lt datetime'2024-06-11T08:01:00' and CreationTime le datetime'2024-06-11T08:00:00'");
        var gt = await Feed(farm, $"Jobs?$filter=RunbookId eq guid'{recent.RunbookId}' and CreationTime gt datetime'2024-06-11T08:01:30'");

        Assert.That(ge.Select(e => e.Property("Id")), Is.EqualTo(new[] { recent.Id.ToString() }));
        Assert.That(lt, Has.Length.EqualTo(1));
        Assert.That(gt, Is.Empty, "created at exactly 08:01:30, so not after it");
    }

    [Test]
    public async Task Filter_NullComparisons_Work()
    {
        using var farm = TestFarm.Create();
        farm.Simulator.StartJob(TestScenarios.Short);
        farm.Simulator.StartJob(TestScenarios.Long, servers: new[] { "RB03" });
        farm.RunSeconds(1.5);

        var pending = await Feed(farm, "Jobs?$filter=RunbookServerId eq null");
        var placed = await Feed(farm, "Jobs?$filter=RunbookServerId ne null and ParentId eq null");

        Assert.That((pending.Length, placed.Length), Is.EqualTo((1, 1)));
    }

    [TestCase("1 lt 2", 2)]
    [TestCase("2 le 1.5", 0)]
    [TestCase("-3 eq -3 and 10 gt 9", 2)]
    public async Task Filter_NumberComparisons_Work(string filter, int expected)
    {
        using var farm = TestFarm.Create();
        farm.Simulator.StartJob(TestScenarios.Short);
        farm.Simulator.StartJob(TestScenarios.Short);

        var entries = await Feed(farm, "Jobs?$filter=" + Uri.EscapeDataString(filter));

        Assert.That(entries, Has.Length.EqualTo(expected));
    }

    [Test]
    public async Task Key_IdEqualsForm_IsAccepted()
    {
        using var farm = TestFarm.Create();
        var job = farm.Simulator.StartJob(TestScenarios.Short);

        var entry = XElement.Parse(await farm.GetStringAsync(ODataPath($"Jobs(Id=guid'{job.Id}')")));

        Assert.That(entry.Property("Id"), Is.EqualTo(job.Id.ToString()));
    }

    [Test]
    public async Task Filter_StringsIgnoreCase_AsSqlServersDefaultCollation()
    {
        using var farm = TestFarm.Create();

        var entries = await Feed(farm, "RunbookServers?$filter=Name eq 'rb02'");

        Assert.That(entries.Select(e => e.Property("Name")), Is.EqualTo(new[] { "RB02" }));
    }

    [Test]
    public async Task Filter_Functions_StartswithAndSubstringof()
    {
        using var farm = TestFarm.Create();

        var patch = await Feed(farm, "Runbooks?$filter=startswith(Path,'\\PatchRunbook\\')");
        var wait = await Feed(farm, "Runbooks?$filter=substringof('Wait', Name)");

        Assert.That((patch.Length, wait.Single().Property("Path")), Is.EqualTo((2, StandardRunbooks.WaitRunbookPath)));
    }

    [TestCase("Status eq 'Running' and (", "Syntax error at position", Description = "unbalanced parenthesis")]
    [TestCase("Status eq 'Running", "Unterminated string literal at position 10", Description = "unterminated string")]
    [TestCase("RunbookId eq 'abc'", "Operator 'eq' incompatible with operand types 'Edm.Guid' and 'Edm.String' at position 10", Description = "a string for a GUID")]
    [TestCase("RunbookId eq 0336c79b-ca82-449e-ad55-aefa9fb47fad", "Syntax error at position", Description = "a bare GUID is v4 syntax")]
    [TestCase("RunbookId eq guid'nope'", "Unrecognized literal guid'nope' at position 13", Description = "bad guid literal")]
    [TestCase("jobid eq guid'0336c79b-ca82-449e-ad55-aefa9fb47fad'", "No property 'jobid' exists in type 'Microsoft.SystemCenter.Orchestrator.WebService.Job'", Description = "names are case-sensitive in v2")]
    [TestCase("Status", "it must be a Boolean expression", Description = "not a condition")]
    [TestCase("CreationTime gt datetime'yesterday'", "Unrecognized date 'yesterday'", Description = "bad date")]
    [TestCase("Status eq 'Running' xor true", "Syntax error at position 20", Description = "unknown operator")]
    [TestCase("ParentIsWaiting gt false", "Operator 'gt' incompatible", Description = "ordering booleans")]
    [TestCase("frobnicate(Status)", "Unknown function 'frobnicate'", Description = "unknown function")]
    public async Task Filter_Malformed_Is400NamingTheProblem(string filter, string message)
    {
        using var farm = TestFarm.Create();

        var (status, body) = await farm.SendAsync(System.Net.Http.HttpMethod.Get, ODataPath("Jobs?$filter=" + Uri.EscapeDataString(filter)));

        Assert.That(status, Is.EqualTo(400));
        Assert.That(XElement.Parse(body).Element(M + "message")!.Value, Does.Contain(message));
    }

    [Test]
    public async Task Filter_RandomGarbage_NeverA500()
    {
        using var farm = TestFarm.Create();
        var random = new Random(1234);
        var pieces = new[] { "Status", "eq", "ne", "gt", "and", "or", "not", "(", ")", "'x'", "''", "'", "guid'", "datetime'2024-01-01T00:00:00'", "null", "true", "1", "-", ",", "startswith(", "RunbookId", "guid'0336c79b-ca82-449e-ad55-aefa9fb47fad'", "$", "CreationTime", "ge", " ", "é", "\\", "%" };
        var statuses = new System.Collections.Generic.HashSet<int>();

        for (var i = 0; i < 400; i++)
        {
            var filter = string.Join(random.Next(2) == 0 ? " " : string.Empty, Enumerable.Range(0, random.Next(1, 8)).Select(_ => pieces[random.Next(pieces.Length)]));
            var (status, _) = await farm.SendAsync(System.Net.Http.HttpMethod.Get, ODataPath("Jobs?$filter=" + Uri.EscapeDataString(filter)));
            statuses.Add(status);
            Assert.That(status, Is.AnyOf(200, 400), filter);
        }

        Assert.That(statuses, Is.EquivalentTo(new[] { 200, 400 }), "the draws include both valid and invalid filters");
    }

    [Test]
    public async Task Paging_MoreThanAPage_ServerReturns50AndSkipWalksTheRest()
    {
        using var farm = TestFarm.Create(TestScenarios.ThreeServers() with { Servers = new[] { new ServerSpec("RB01") { MaxJobs = 1 } } });
        var ids = Enumerable.Range(0, 123).Select(_ => farm.Simulator.StartJob(TestScenarios.Short).Id.ToString()).ToHashSet();

        var noTop = await Feed(farm, "Jobs");
        var bigTop = await Feed(farm, "Jobs?$top=100");
        var seen = new System.Collections.Generic.List<string>();
        for (var page = 0; page * 50 < 123; page++)
        {
            seen.AddRange((await Feed(farm, $"Jobs?$skip={page * 50}&$top=50&$inlinecount=allpages")).Select(e => e.Property("Id")!));
        }

        Assert.That((noTop.Length, bigTop.Length), Is.EqualTo((50, 50)));
        Assert.That(seen, Is.Unique);
        Assert.That(seen, Is.EquivalentTo(ids));
    }

    [Test]
    public async Task Paging_SmallTopAndOrderBy_Work()
    {
        using var farm = TestFarm.Create();
        var first = farm.Simulator.StartJob(TestScenarios.Short);
        farm.RunSeconds(1);
        var second = farm.Simulator.StartJob(TestScenarios.Short);

        var newest = await Feed(farm, "Jobs?$orderby=CreationTime desc&$top=1");
        var oldest = await Feed(farm, "Jobs?$orderby=CreationTime&$top=1");

        Assert.That((newest.Single().Property("Id"), oldest.Single().Property("Id")), Is.EqualTo((second.Id.ToString(), first.Id.ToString())));
    }

    [TestCase("Jobs?$top=-1", 400)]
    [TestCase("Jobs?$skip=x", 400)]
    [TestCase("Jobs?$inlinecount=some", 400)]
    [TestCase("Jobs?$top=1&$top=2", 400)]
    [TestCase("Jobs?$frobnicate=1", 400)]
    [TestCase("Jobs?$orderby=Colour", 400)]
    [TestCase("Jobs?$expand=Instances", 501)]
    [TestCase("Jobs?$select=Id", 501)]
    [TestCase("Jobs?custom=ignored", 200)]
    public async Task QueryOptions_Checked(string relative, int expected)
    {
        using var farm = TestFarm.Create();

        var (status, _) = await farm.SendAsync(System.Net.Http.HttpMethod.Get, ODataPath(relative));

        Assert.That(status, Is.EqualTo(expected));
    }

    [Test]
    public async Task Navigation_JobInstancesAndRunbookParameters_Work()
    {
        using var farm = TestFarm.Create();
        var job = farm.Simulator.StartJob(TestScenarios.Monitor);
        farm.RunSeconds(130);
        var runbook = farm.Simulator.GetRunbook(TestScenarios.Hello).Id;

        var instances = await Feed(farm, $"Jobs(guid'{job.Id}')/Instances");
        var parameters = await Feed(farm, $"Runbooks(guid'{runbook}')/Parameters?$filter=Direction eq 'In'");
        var server = XElement.Parse(await farm.GetStringAsync(ODataPath($"Jobs(guid'{job.Id}')/RunbookServer")));

        Assert.That(instances.Select(i => i.Property("JobId")).Distinct(), Is.EqualTo(new[] { job.Id.ToString() }));
        Assert.That(instances.Count(i => i.Property("CompletionTime") is null), Is.EqualTo(1));
        Assert.That(instances.Where(i => i.Property("CompletionTime") is null).Select(i => i.Property("Status")), Is.EqualTo(new[] { "InProgress" }));
        Assert.That(parameters.Select(p => p.Property("Name")), Is.EquivalentTo(new[] { "Greeting", "Name" }));
        Assert.That(server.Property("Name"), Is.EqualTo("RB01"));
    }

    [Test]
    public async Task Navigation_PendingJobsServer_Is204()
    {
        using var farm = TestFarm.Create();
        var job = farm.Simulator.StartJob(TestScenarios.Short);

        var (status, body) = await farm.SendAsync(System.Net.Http.HttpMethod.Get, ODataPath($"Jobs(guid'{job.Id}')/RunbookServer"));

        Assert.That((status, body), Is.EqualTo((204, string.Empty)));
    }

    [TestCase("Jobs(guid'11111111-2222-3333-4444-555555555555')", 404, "Resource not found for the segment 'Jobs(guid'11111111-2222-3333-4444-555555555555')'.")]
    [TestCase("Jbos", 404, "Resource not found for the segment 'Jbos'.")]
    [TestCase("jobs", 404, "Resource not found for the segment 'jobs'.")]
    [TestCase("Folders", 501, "The simulator does not serve 'Folders'; it serves RunbookServers, Runbooks, RunbookParameters, Jobs and RunbookInstances.")]
    [TestCase("Jobs(0336c79b-ca82-449e-ad55-aefa9fb47fad)", 400, "Bad Request - Error in query syntax")]
    [TestCase("$metadata", 501, "The simulator does not serve $metadata")]
    public async Task UnknownOrUnservedResource_AnswersWithAnODataError(string relative, int expected, string message)
    {
        using var farm = TestFarm.Create();

        var (status, body) = await farm.SendAsync(System.Net.Http.HttpMethod.Get, ODataPath(relative));

        Assert.That(status, Is.EqualTo(expected));
        Assert.That(XElement.Parse(body).Element(M + "message")!.Value, Does.StartWith(message));
    }

    [Test]
    public async Task Write_ToAReadOnlySet_Is405()
    {
        using var farm = TestFarm.Create();

        var (status, _) = await farm.SendAsync(System.Net.Http.HttpMethod.Post, ODataPath("Runbooks"), WireSamples.StartRequest);

        Assert.That(status, Is.EqualTo(405));
    }
}
