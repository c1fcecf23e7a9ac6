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
}
