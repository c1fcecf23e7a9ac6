using System;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using NUnit.Framework;
using OrchPatch.Simulator.Tests.Support;
using static OrchPatch.Simulator.Tests.Support.Atom;

namespace OrchPatch.Simulator.Tests.Wire;

/// <summary>Hostile or odd input gets a 4xx naming the problem and changes nothing; it is never a 500 (a simulator bug)
/// and never costs the simulator more than the request's own size.</summary>
[TestFixture]
public sealed class HostileInputTests
{
    [TestCase("/Orchestrator2012/Orchestrator.svc/Jobs?$filter=Status eq 'Run\u0001ning'", Description = "control character in a string literal, legacy")]
    [TestCase("/Orchestrator2012/Orchestrator.svc/Jobs?$filter=Status\u0000eq 'Running'", Description = "NUL between tokens, legacy")]
    [TestCase("/Orchestrator2012/Orchestrator.svc/Runbooks?$filter=Name eq 'a\u001bb'", Description = "escape character, legacy")]
    [TestCase("/Orchestrator2012/Orchestrator.svc/Jobs?$filter=\u0007", Description = "a bell and nothing else, legacy")]
    [TestCase("/api/Jobs?$filter=Status eq 'Run\u0001ning'", Description = "control character in a string literal, Web API")]
    [TestCase("/api/Jobs?$filter=Status\u0000eq 'Running'", Description = "NUL between tokens, Web API")]
    [TestCase("/api/Runbooks?$filter=Name eq 'a\u001bb'", Description = "escape character, Web API")]
    [TestCase("/api/Jobs?$filter=\u0007", Description = "a bell and nothing else, Web API")]
    public async Task Get_FilterWithControlCharacters_Is400(string target)
    {
        using var farm = TestFarm.Create();
        var question = target.IndexOf('?', StringComparison.Ordinal);
        var query = string.Join("&", target.Substring(question + 1).Split('&').Select(p => p.Substring(0, p.IndexOf('=') + 1) + Uri.EscapeDataString(p.Substring(p.IndexOf('=') + 1))));

        var (status, body) = await farm.SendAsync(HttpMethod.Get, target.Substring(0, question + 1) + query);

        Assert.That(status, Is.EqualTo(400), body);
        Assert.That(body, Does.Contain("control character"));
    }

    [Test]
    public async Task Post_BillionLaughsInParameters_Is400AndStoresNothing()
    {
        using var farm = TestFarm.Create();
        var laughs = new StringBuilder("<!DOCTYPE Data [<!ENTITY l0 \"ha\">");
        // Six levels expand "ha" to 2 million characters: under XmlReader's default entity limit (10 million), so with DTDs
        // parsed this 1 KB request was stored as a 2 MB parameter value.
        for (var i = 1; i <= 6; i++)
        {
            laughs.Append($"<!ENTITY l{i} \"{string.Concat(Enumerable.Repeat($"&l{i - 1};", 10))}\">");
        }

        laughs.Append("]><Data><Parameter><ID>{60a8fa04-6293-4767-b842-46cba5790553}</ID><Value>&l6;</Value></Parameter></Data>");
        var body = WireSamples.StartRequest.Replace(
            "&lt;Data&gt;&lt;Parameter&gt;&lt;ID&gt;{60a8fa04-6293-4767-b842-46cba5790553}&lt;/ID&gt;&lt;Value&gt;Hello&lt;/Value&gt;&lt;/Parameter&gt;&lt;Parameter&gt;&lt;ID&gt;{c24d1cc5-deba-4bb5-b02e-44caf0fb296c}&lt;/ID&gt;&lt;Value&gt;World&lt;/Value&gt;&lt;/Parameter&gt;&lt;/Data&gt;",
            "<![CDATA[" + laughs + "]]>",
            StringComparison.Ordinal);
        Assume.That(body, Does.Contain("<!ENTITY l6"), "the sample's parameters were replaced");

        var (status, answer) = await farm.SendAsync(HttpMethod.Post, ODataPath("Jobs"), body);

        Assert.That(status, Is.EqualTo(400), answer);
        Assert.That(answer, Does.Contain("DTD"));
        Assert.That(farm.Simulator.Jobs, Is.Empty);
        Assert.That(body.Length, Is.LessThan(3000), "a small request");
    }
}
