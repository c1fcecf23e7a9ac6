using System.Linq;
using NUnit.Framework;
using OrchPatch.TestSupport.Activities;

namespace OrchPatch.Activities.Tests;

/// <summary>The connection's names are part of the pack's contract: saved runbooks and Options entries refer to them.</summary>
[TestFixture]
public sealed class ConnectionContractTests
{
    [Test]
    public void Connection_NamesAndDefaults_ArePinned()
    {
        var problems = new System.Collections.Generic.List<string>();
        var settings = typeof(OrchestratorPatchingConnection).GetProperties()
            .Select(p => (p, a: (Microsoft.SystemCenter.Orchestrator.Integration.ActivityInputAttribute?)System.Attribute.GetCustomAttribute(p, typeof(Microsoft.SystemCenter.Orchestrator.Integration.ActivityInputAttribute))))
            .Select(x => (x.a!.Name, x.a.Optional, x.a.PasswordProtected, x.a.Default))
            .ToArray();

        Assert.That(settings, Is.EqualTo(new (string, bool, bool, object?)[]
        {
            ("Web Service URL", false, false, null),
            ("API", false, false, "Auto"),
            ("User", true, false, null),
            ("Password", true, true, null),
            ("Throttle Method", false, false, "Database"),
            ("Database Connection String", true, true, null),
            ("aspt.exe Path", true, false, null),
            ("Wait Runbook Path", false, false, @"\PatchRunbook\4: WaitRunbook"),
            ("Request Timeout", false, false, 100),
            ("Trusted Certificate Thumbprint", true, false, null),
        }));
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void Connection_IsAnActivityDataClassNamedForTheOptionsMenu()
    {
        var data = (Microsoft.SystemCenter.Orchestrator.Integration.ActivityDataAttribute?)System.Attribute.GetCustomAttribute(typeof(OrchestratorPatchingConnection), typeof(Microsoft.SystemCenter.Orchestrator.Integration.ActivityDataAttribute));

        Assert.That(data?.Name, Is.EqualTo("Orchestrator Patching Connection"));
    }
}
