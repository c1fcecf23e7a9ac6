using NUnit.Framework;
using OrchPatch.Core.Orchestrator;

namespace OrchPatch.Core.Tests.Orchestrator.Connection;

[TestFixture]
public sealed class OrchestratorEndpointResolverTests
{
    private const string Forms = "http(s)://SERVER:81/Orchestrator2012/Orchestrator.svc/ (Orchestrator 2012-2019) or https://SERVER:PORT/api/ (Orchestrator 2022)";

    [TestCase("http://orch:81/Orchestrator2012/Orchestrator.svc/", OrchestratorApi.Auto, OrchestratorApi.OData, "http://orch:81/Orchestrator2012/Orchestrator.svc/", "Orchestrator.svc in the URL")]
    [TestCase(" http://orch:81/Orchestrator2012/Orchestrator.svc ", OrchestratorApi.Auto, OrchestratorApi.OData, "http://orch:81/Orchestrator2012/Orchestrator.svc/", "Orchestrator.svc in the URL", Description = "trimmed, '/' added")]
    [TestCase("https://orch/Orchestrator2012/ORCHESTRATOR.SVC/Jobs", OrchestratorApi.Auto, OrchestratorApi.OData, "https://orch/Orchestrator2012/ORCHESTRATOR.SVC/", "Orchestrator.svc in the URL", Description = "an entity set behind the root is cut")]
    [TestCase("http://orch/Orchestrator%202012/Orchestrator.svc", OrchestratorApi.Auto, OrchestratorApi.OData, "http://orch/Orchestrator%202012/Orchestrator.svc/", "Orchestrator.svc in the URL", Description = "an escaped character stays escaped once")]
    [TestCase("https://orch:8443/api", OrchestratorApi.Auto, OrchestratorApi.WebApi, "https://orch:8443/api/", "/api in the URL")]
    [TestCase("https://orch:8443/API/Jobs?", OrchestratorApi.Auto, OrchestratorApi.WebApi, "https://orch:8443/API/", "/api in the URL", Description = "case, and an empty query")]
    [TestCase("https://proxy/orchestrator", OrchestratorApi.WebApi, OrchestratorApi.WebApi, "https://proxy/orchestrator/", "given", Description = "no marker: used as given")]
    [TestCase("https://orch:8443/api/", OrchestratorApi.OData, OrchestratorApi.OData, "https://orch:8443/api/", "given", Description = "the setting wins over the shape")]
    public void TryResolve_GoodUrl_ApiRootAndReason(string url, OrchestratorApi api, OrchestratorApi expectedApi, string expectedRoot, string howChosen)
    {
        Assert.That(OrchestratorEndpointResolver.TryResolve(url, api, out var endpoint, out var problem), Is.True, problem);

        Assert.That((endpoint!.Api, endpoint.ServiceRoot.AbsoluteUri, endpoint.HowChosen), Is.EqualTo((expectedApi, expectedRoot, howChosen)));
    }

    [TestCase("", OrchestratorApi.Auto, "The field ServiceUrl is required: " + Forms + ".")]
    [TestCase("https://orch:8443/myapi/", OrchestratorApi.Auto,
        "The field ServiceUrl does not show which web API 'https://orch:8443/myapi/' speaks. Set the API (orchpatch --api OData or --api WebApi; the connection's API setting), or use one of the URL forms: " + Forms + ".")]
    [TestCase("orch:81/Orchestrator2012/Orchestrator.svc", OrchestratorApi.Auto,
        "The field ServiceUrl must be an absolute http or https URL, and 'orch:81/Orchestrator2012/Orchestrator.svc' is not. Expected " + Forms + ".")]
    [TestCase("/Orchestrator2012/Orchestrator.svc", OrchestratorApi.OData,
        "The field ServiceUrl must be an absolute http or https URL, and '/Orchestrator2012/Orchestrator.svc' is not. Expected " + Forms + ".")]
    [TestCase("http://orch:81/Orchestrator2012/Orchestrator.svc/?$top=1", OrchestratorApi.Auto,
        "The field ServiceUrl must be the service root, without a query or fragment (http://orch:81/Orchestrator2012/Orchestrator.svc/).")]
    [TestCase("http://svc:secret@orch:81/Orchestrator2012/Orchestrator.svc/", OrchestratorApi.Auto,
        "The field ServiceUrl must not hold a user name or password (http://orch:81/Orchestrator2012/Orchestrator.svc/): set UserName and Password instead.")]
    [TestCase("ftp://svc:secret@orch/x", OrchestratorApi.Auto,
        "The field ServiceUrl must be an absolute http or https URL, and 'ftp://orch/x' is not. Expected " + Forms + ".")]
    public void TryResolve_BadUrl_SaysWhyAndShowsTheForms(string url, OrchestratorApi api, string expected)
    {
        Assert.That(OrchestratorEndpointResolver.TryResolve(url, api, out _, out var problem), Is.False);

        Assert.That(problem, Is.EqualTo(expected));
    }
}
