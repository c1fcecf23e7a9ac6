using System;
using NUnit.Framework;
using OrchPatch.Core.Maintenance;

namespace OrchPatch.Core.Tests.Maintenance;

[TestFixture]
public sealed class ServerNamesTests
{
    [Test]
    public void List_SortsWithoutRegardToCase()
    {
        Assert.That(ServerNames.List(new[] { "RB03", "rb01", "RB02" }), Is.EqualTo("rb01, RB02, RB03"));
    }

    [Test]
    public void List_Empty_SaysNone()
    {
        Assert.That(ServerNames.List(Array.Empty<string>()), Is.EqualTo("(none)"));
    }

    [Test]
    public void UnknownRunbookServer_ListsTheKnownServersSorted()
    {
        var error = new UnknownRunbookServerException("RB09", "http://orch01:81/Orchestrator2012/Orchestrator.svc/", new[] { "RB03", "RB01", "RB02" }, "drain");

        Assert.That(error.Message, Does.Contain("Runbook servers: RB01, RB02, RB03."));
    }

    [TestCase("RB01.fabrikam.com", "RB01.fabrikam.com")]
    [TestCase(" rb01.FABRIKAM.com ", "RB01.fabrikam.com")]
    [TestCase("rb02", "RB02.contoso.com")]
    [TestCase("10.0.0.6", "10.0.0.6")]
    [TestCase("10", null)]
    [TestCase("RB01.contoso", null)]
    [TestCase("RB03", null)]
    public void Resolve_WholeNameOrTheOnlyServerWithThatHostName(string given, string? expected)
    {
        var listed = new[] { "RB01.contoso.com", "RB01.fabrikam.com", "RB02.contoso.com", "10.0.0.5", "10.0.0.6" };

        Assert.That(ServerNames.Resolve(listed, n => n, given, "drain"), Is.EqualTo(expected));
    }

    [Test]
    public void Resolve_ShortNameOfTwoServers_RefusesNamingBoth()
    {
        var error = Assert.Throws<AmbiguousRunbookServerException>(() => ServerNames.Resolve(new[] { "RB01.contoso.com", "RB01.fabrikam.com" }, n => n, "rb01", "drain"));

        Assert.That(error!.Message, Is.EqualTo("Cannot drain rb01: 'rb01' may mean any of RB01.contoso.com, RB01.fabrikam.com: give the full name. Nothing was changed."));
    }

    [TestCase("RB01", "rb01.contoso.com", true)]
    [TestCase("RB01", "RB010.contoso.com", false)]
    [TestCase("10", "10.0.0.5", false)]
    public void MayBeSameComputer_ComparesHostLabelsForTheLocalServerRefusal(string a, string b, bool expected)
    {
        Assert.That(ServerNames.MayBeSameComputer(a, b), Is.EqualTo(expected));
    }
}
