using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using NUnit.Framework;
using OrchPatch.Simulator.Tests.Support;
using static OrchPatch.Simulator.Tests.Support.Atom;

namespace OrchPatch.Simulator.Tests.Wire.Legacy;

/// <summary>The start bodies working legacy clients send, which the real service accepted
/// (docs/orchestrator-facts.md#the-web-services, "Facts confirmed or corrected"): <c>d:RunbookId</c> with a <c>type</c> attribute in no
/// namespace, GUIDs in braces, parameters in CDATA with the template's own whitespace.</summary>
[TestFixture]
public sealed class GenuineStartBodiesTests
{
    private const string Head =
        "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>\n" +
        "<entry xmlns:d=\"http://schemas.microsoft.com/ado/2007/08/dataservices\" \n       xmlns:m=\"http://schemas.microsoft.com/ado/2007/08/dataservices/metadata\" \n       xmlns=\"http://www.w3.org/2005/Atom\">\n" +
        "\t<content type=\"application/xml\">\n\t\t<m:properties>\n";

    private const string Tail = "\t\t</m:properties>\n\t</content>\n</entry>";

    /// <summary>The shape doob-at/ScoClient renders from ScoClient/Templates/StartRunbook.xml (commit f4ec7430): an
    /// unprefixed <c>type</c>, <c>ParentIsWaiting</c>, the server list padded with spaces, and CDATA parameters laid out
    /// over several lines, each ID in braces.</summary>
    private static string ScoClientBody(Guid runbookId) =>
        Head +
        $"\t\t\t<d:RunbookId type=\"Edm.Guid\">{runbookId}</d:RunbookId>\n" +
        "\t\t\t<d:ParentIsWaiting m:type=\"Edm.Boolean\">true</d:ParentIsWaiting>\n" +
        "\t\t\t<d:RunbookServers> RB02 </d:RunbookServers>\n" +
        "\t\t\t<d:Parameters>\n\t\t\t\t<![CDATA[<Data>\n" +
        $"                    <Parameter>\n                        <ID>{{{TestScenarios.StartStopParameter1}}}</ID>\n                        <Value>Hello</Value>\n                    </Parameter>\n" +
        $"                    <Parameter>\n                        <ID>{{{TestScenarios.StartStopParameter2}}}</ID>\n                        <Value>World</Value>\n                    </Parameter>\n" +
        "                </Data>]]>\n\t\t\t</d:Parameters>\n" +
        Tail;

    /// <summary>The shape Seidlm/System-Center-Orchestrator "PowerShell Scripts/Start a Runbook.ps1" (commit 59f28e8d)
    /// builds: the runbook id in braces with an unprefixed <c>type</c>, and entity-escaped parameters with a line break
    /// after <c>&lt;Data&gt;</c> and before <c>&lt;/Data&gt;</c>.</summary>
    private static string SeidlmBody(Guid runbookId) =>
        Head +
        $"<d:RunbookId type=\"Edm.Guid\">{{{runbookId}}}</d:RunbookId>\n" +
        "<d:Parameters>&lt;Data&gt;\n" +
        $"&lt;Parameter&gt;&lt;ID&gt;{{{TestScenarios.StartStopParameter2}}}&lt;/ID&gt;&lt;Value&gt;World&lt;/Value&gt;&lt;/Parameter&gt;" +
        "&lt;/Data&gt;\n</d:Parameters>\n" +
        Tail;

    [Test]
    public async Task Post_ScoClientTemplate_StartsTheJobWithItsParametersOnTheListedServer()
    {
        using var farm = TestFarm.Create();

        var (status, body) = await farm.SendAsync(HttpMethod.Post, ODataPath("Jobs"), ScoClientBody(TestScenarios.StartStopRunbookId));

        Assert.That(status, Is.EqualTo(201), body);
        var job = farm.Simulator.Jobs.Single();
        Assert.That(job.Parameters, Is.EqualTo(new Dictionary<string, string> { ["Greeting"] = "Hello", ["Name"] = "World" }));
        Assert.That(job.RunbookServers, Is.EqualTo(new[] { "RB02" }));
    }

    [Test]
    public async Task Post_SeidlmScript_RunbookIdInBracesAndEscapedParametersOverLines_StartsTheJob()
    {
        using var farm = TestFarm.Create();

        var (status, body) = await farm.SendAsync(HttpMethod.Post, ODataPath("Jobs"), SeidlmBody(TestScenarios.StartStopRunbookId));

        Assert.That(status, Is.EqualTo(201), body);
        var job = farm.Simulator.Jobs.Single();
        Assert.That(job.RunbookId, Is.EqualTo(TestScenarios.StartStopRunbookId));
        Assert.That(job.Parameters, Is.EqualTo(new Dictionary<string, string> { ["Name"] = "World" }));
    }

    [Test]
    public async Task Post_VerbatimSampleWithTheRunbookIdInBraces_StartsTheJob()
    {
        using var farm = TestFarm.Create();
        var body = WireSamples.StartRequest.Replace(">0336c79b-ca82-449e-ad55-aefa9fb47fad<", ">{0336c79b-ca82-449e-ad55-aefa9fb47fad}<", StringComparison.Ordinal);
        Assume.That(body, Does.Contain("{0336c79b"));

        var (status, answer) = await farm.SendAsync(HttpMethod.Post, ODataPath("Jobs"), body);

        Assert.That(status, Is.EqualTo(201), answer);
        Assert.That(farm.Simulator.Jobs.Single().RunbookId, Is.EqualTo(TestScenarios.StartStopRunbookId));
    }
}
