using NUnit.Framework;
using OrchPatch.Core.Orchestrator;

namespace OrchPatch.Core.Tests.Orchestrator.Http;

[TestFixture]
public sealed class ServerErrorTextTests
{
    [TestCase("<?xml version=\"1.0\"?><error xmlns=\"http://schemas.microsoft.com/ado/2007/08/dataservices/metadata\"><code></code><message xml:lang=\"en-US\">The requested operation requires Publish permissions on the Runbook</message></error>",
        "The requested operation requires Publish permissions on the Runbook", Description = "OData v2 error")]
    [TestCase("{\"error\":{\"code\":\"\",\"message\":\"Invalid Job creation params\"}}", "Invalid Job creation params", Description = "OData v4 error")]
    [TestCase("{\"odata.error\":{\"message\":{\"lang\":\"en-US\",\"value\":\"Bad filter\"}}}", "{\"odata.error\":{\"message\":{\"lang\":\"en-US\",\"value\":\"Bad filter\"}}}", Description = "an unknown shape is shown as text")]
    [TestCase("{\"type\":\"https://tools.ietf.org/html/rfc9110\",\"title\":\"One or more validation errors occurred.\",\"status\":400}", "One or more validation errors occurred.", Description = "ASP.NET problem details")]
    [TestCase("<html><head><title>IIS 10.0 Detailed Error - 400.0 - Bad Request</title></head><body/></html>", "IIS 10.0 Detailed Error - 400.0 - Bad Request", Description = "an IIS page")]
    [TestCase("line one\r\n\tline two", "line one line two", Description = "one line")]
    [TestCase("Login failed; Password=Pa55-w0rd!; Authorization: NTLM TlRMTVNT", "Login failed; Password=***; Authorization: ***", Description = "scrubbed")]
    public void Describe_ErrorBodies(string body, string expected)
    {
        Assert.That(ServerErrorText.Describe(body, new[] { "Pa55-w0rd!" }), Is.EqualTo(expected));
    }

    [Test]
    public void Describe_LongText_Shortened()
    {
        Assert.That(ServerErrorText.Describe(new string('x', 1000), new string?[0]), Is.EqualTo(new string('x', 300) + "…"));
    }
}
