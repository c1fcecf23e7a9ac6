using System;
using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;
using OrchPatch.TestSupport.Activities;

namespace OrchPatch.Activities.Tests.Activities;

/// <summary>The published names, input names, types and defaults are the pack's contract: saved runbooks refer to them
/// by name. These tests pin them.</summary>
[TestFixture]
public sealed class ActivityContractTests
{
    private static readonly Type[] AllActivities = { typeof(DrainRunbookServerActivity), typeof(RestoreRunbookServerActivity), typeof(RelocateJobsActivity), typeof(GetRunbookServerStatusActivity) };

    private static IEnumerable<Type> Activities() => AllActivities;

    [TestCaseSource(nameof(Activities))]
    public void Describe_Activity_HasACleanDesign_AndTheConnection(Type activity)
    {
        var description = ActivityHarness.Describe(activity);

        Assert.Multiple(() =>
        {
            Assert.That(description.Model, Is.EqualTo(ActivityModel.Declarative));
            Assert.That(description.DesignProblems, Is.Empty);
            Assert.That(description.IoBeforeRun, Is.Empty);
            Assert.That(description.Description, Is.Not.Empty);
            Assert.That(description.Configuration?.Name, Is.EqualTo("Orchestrator Patching Connection"));
        });
    }

    [Test]
    public void DrainRunbookServer_InputsAndOutputs_ArePinned()
    {
        var d = ActivityHarness.Describe(typeof(DrainRunbookServerActivity));

        Assert.That(d.DisplayName, Is.EqualTo("Drain Runbook Server"));
        Assert.That(d.Inputs.Select(i => (i.Name, i.Kind, i.Optional, i.Default)), Is.EqualTo(new (string, DataKind, bool, object?)[]
        {
            ("Runbook Server", DataKind.String, false, null),
            ("Deadline (minutes)", DataKind.Number, false, 30),
            ("Deadline Policy", DataKind.String, false, "Fail"),
            ("Restartable Runbooks", DataKind.String, true, null),
            ("Minimum Runbook Servers", DataKind.Number, false, 2),
            ("Reason", DataKind.String, true, null),
        }));
        Assert.That(d.Inputs.Single(i => i.Name == "Deadline Policy").Choices, Is.EqualTo(new[] { "Fail", "Wait", "Relocate", "Cancel" }));
        Assert.That(d.Outputs.Select(o => (o.Name, o.Kind, o.Correlated)), Is.EqualTo(new[]
        {
            ("Runbook Server", DataKind.String, false),
            ("Previous Max Jobs", DataKind.Number, false),
            ("Wait Job ID", DataKind.String, false),
            ("Jobs Completed During Drain", DataKind.Number, false),
            ("Monitors Relocated", DataKind.Number, false),
            ("Jobs Relocated", DataKind.Number, false),
            ("Drain Duration (seconds)", DataKind.Number, false),
            ("Warnings", DataKind.String, false),
            ("Relocated Jobs Count", DataKind.Number, false),
            ("Relocated Jobs", DataKind.String, false),
        }));
    }

    [Test]
    public void RestoreRunbookServer_InputsAndOutputs_ArePinned()
    {
        var d = ActivityHarness.Describe(typeof(RestoreRunbookServerActivity));

        Assert.That(d.DisplayName, Is.EqualTo("Restore Runbook Server"));
        Assert.That(d.Inputs.Select(i => (i.Name, i.Optional, i.Default)), Is.EqualTo(new (string, bool, object?)[]
        {
            ("Runbook Server", false, null),
            ("Wait Job ID", true, null),
            ("Canary Runbook", true, null),
            ("Health Timeout (minutes)", false, 15),
        }));
        Assert.That(d.Outputs.Select(o => (o.Name, o.Kind)), Is.EqualTo(new[]
        {
            ("Runbook Server", DataKind.String),
            ("Max Jobs Restored", DataKind.Number),
            ("Wait Job ID", DataKind.String),
            ("Health Check Result", DataKind.String),
            ("Warnings", DataKind.String),
        }));
    }

    [Test]
    public void RelocateJobs_InputsAndOutputs_ArePinned()
    {
        var d = ActivityHarness.Describe(typeof(RelocateJobsActivity));

        Assert.That(d.DisplayName, Is.EqualTo("Relocate Jobs"));
        Assert.That(d.Inputs.Select(i => (i.Name, i.Optional, i.Default)), Is.EqualTo(new (string, bool, object?)[]
        {
            ("From Runbook Server", false, null),
            ("Jobs", false, "All"),
            ("To Runbook Servers", true, null),
        }));
        Assert.That(d.Outputs.Select(o => (o.Name, o.Correlated)), Is.EqualTo(new[]
        {
            ("Jobs Moved", false), ("Relocated Jobs Count", false), ("Relocated Jobs", false),
        }));
    }

    [Test]
    public void GetRunbookServerStatus_InputsAndOutputs_ArePinned()
    {
        var d = ActivityHarness.Describe(typeof(GetRunbookServerStatusActivity));

        Assert.That(d.DisplayName, Is.EqualTo("Get Runbook Server Status"));
        Assert.That(d.Inputs.Select(i => (i.Name, i.Optional)), Is.EqualTo(new[] { ("Runbook Server", true) }));
        Assert.That(d.Outputs.Select(o => (o.Name, o.Kind, o.Correlated)), Is.EqualTo(new[]
        {
            ("Runbook Server", DataKind.String, false),
            ("Server Count", DataKind.Number, false),
            ("Other Runbook Servers", DataKind.String, false),
            ("Servers In Maintenance", DataKind.String, false),
            ("Max Jobs", DataKind.Number, false),
            ("Running Jobs", DataKind.Number, false),
            ("Pending Jobs", DataKind.Number, false),
            ("Running Monitors", DataKind.Number, false),
            ("In Maintenance", DataKind.String, false),
            ("Status", DataKind.String, false),
            ("Warnings", DataKind.String, false),
        }));
    }
}
