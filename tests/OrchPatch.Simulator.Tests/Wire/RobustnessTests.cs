using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using NUnit.Framework;
using OrchPatch.Simulator.Events;
using OrchPatch.Simulator.Tests.Support;

namespace OrchPatch.Simulator.Tests.Wire;

/// <summary>Whatever a client sends, the answer is a 2xx/4xx/501, never a 500 (a 500 is a simulator bug).</summary>
[TestFixture]
public sealed class RobustnessTests
{
    [Test]
    public async Task RandomBodiesAndPaths_NeverA500()
    {
        using var farm = TestFarm.Create();
        var job = farm.Simulator.StartJob(TestScenarios.Long);
        var random = new Random(99);
        var fragments = new[]
        {
            WireSamples.StartRequest, WireSamples.MinimalCancel.Replace("<jobId>", job.Id.ToString(), StringComparison.Ordinal), WireSamples.FullJobEntry,
            "{\"RunbookId\":\"" + TestScenarios.StartStopRunbookId + "\",\"Parameters\":[{\"Name\":\"Name\",\"Value\":1}]}", "{\"Id\":\"" + job.Id + "\"}",
            "<", ">", "&amp;", "]]>", "<![CDATA[", "\"", "{", "}", "[", "null", "\u0000", "é", "<d:Status>Canceled</d:Status>",
        };
        var targets = new[]
        {
            ("POST", "/Orchestrator2012/Orchestrator.svc/Jobs", "application/atom+xml"),
            ("MERGE", $"/Orchestrator2012/Orchestrator.svc/Jobs(guid'{job.Id}')", "application/atom+xml"),
            ("POST", "/api/Jobs", "application/json"),
            ("PATCH", $"/api/Jobs/{job.Id}", "application/json"),
            ("PUT", "/_simulator/servers/RB01/maxjobs", "application/json"),
            ("POST", "/_simulator/jobs", "application/json"),
            ("POST", "/_simulator/faults", "application/json"),
        };

        for (var i = 0; i < 300; i++)
        {
            var (method, path, type) = targets[random.Next(targets.Length)];
            var whole = fragments[random.Next(fragments.Length)];
            var body = random.Next(3) switch
            {
                0 => whole,
                1 => whole.Substring(0, random.Next(whole.Length + 1)),
                _ => string.Concat(Enumerable.Range(0, random.Next(1, 6)).Select(_ => fragments[random.Next(fragments.Length)])),
            };

            var (status, text) = await farm.SendAsync(new HttpMethod(method), path, body, type, ("If-Match", "*"));

            Assert.That(status, Is.Not.EqualTo(500), $"{method} {path}: {body} -> {text}");
        }

        var statuses = farm.Simulator.Events.OfType<RequestServed>().Select(r => r.StatusCode).ToList();
        Assert.That((statuses.Any(s => s is >= 200 and < 300), statuses.Contains(400)), Is.EqualTo((true, true)), "the draws include valid and invalid bodies");
    }

    [TestCase("/Orchestrator2012/Orchestrator.svc/Jobs(guid'x')/Instances/More")]
    [TestCase("/Orchestrator2012/Orchestrator.svc/Jobs()/Instances")]
    [TestCase("/Orchestrator2012/Orchestrator.svc/Jobs/$count")]
    [TestCase("/Orchestrator2012/Orchestrator.svc/Jobs(guid'11111111-2222-3333-4444-555555555555'")]
    [TestCase("/Orchestrator2012/Orchestrator.svc/%%%")]
    [TestCase("/api/Jobs/not-a-guid")]
    [TestCase("/api/Jobs(1)")]
    [TestCase("/api/Jobs/11111111-2222-3333-4444-555555555555/RunbookInstances/x")]
    [TestCase("/api//")]
    [TestCase("/_simulator/servers/")]
    [TestCase("/_simulator/events?since=-1")]
    [TestCase("/")]
    public async Task OddPaths_AreAnsweredWithoutA500(string path)
    {
        using var farm = TestFarm.Create();

        var (status, _) = await farm.SendAsync(HttpMethod.Get, path);

        Assert.That(status, Is.AnyOf(200, 204, 400, 404, 405, 501));
    }
}
