using System;
using System.Collections.Generic;
using NUnit.Framework;
using OrchPatch.TestSupport.Activities;

namespace OrchPatch.Activities.Tests.Activities;

/// <summary>Bad input is refused before the activity contacts anything, with a message that names the input.</summary>
[TestFixture]
public sealed class BadInputTests
{
    // Nothing listens here: if an activity got past its input checks it would fail differently (and slowly).
    private static readonly Dictionary<string, object?> Unreachable = new() { ["Web Service URL"] = "http://127.0.0.1:9/Orchestrator2012/Orchestrator.svc/", ["Request Timeout"] = 1 };

    [TestCase(typeof(DrainRunbookServerActivity), "Runbook Server", " ", "The input 'Runbook Server' is empty: name the runbook server to drain. Nothing was changed.")]
    [TestCase(typeof(DrainRunbookServerActivity), "Deadline (minutes)", "0", "The input 'Deadline (minutes)' must be a whole number of minutes from 1 to 10080; got 0. Nothing was changed.")]
    [TestCase(typeof(DrainRunbookServerActivity), "Deadline (minutes)", "-5", "The input 'Deadline (minutes)' must be a whole number of minutes from 1 to 10080; got -5. Nothing was changed.")]
    [TestCase(typeof(DrainRunbookServerActivity), "Minimum Runbook Servers", "1", "The input 'Minimum Runbook Servers' must be from 2 to 1000; got 1. Nothing was changed.")]
    [TestCase(typeof(RestoreRunbookServerActivity), "Wait Job ID", "not-a-guid", "The input 'Wait Job ID' must be a job id (a GUID); got 'not-a-guid'. Nothing was changed.")]
    [TestCase(typeof(RestoreRunbookServerActivity), "Health Timeout (minutes)", "0", "The input 'Health Timeout (minutes)' must be a whole number of minutes from 1 to 1440; got 0. Nothing was changed.")]
    [TestCase(typeof(RelocateJobsActivity), "Jobs", "some of them", "The input 'Jobs': Jobs must be 'All', 'Monitors Only', or job ids separated by ';'; 'some' is none of these. Nothing was changed.")]
    public void Run_BadInput_IsRefusedNamingTheInput(Type activity, string input, string value, string expected)
    {
        var inputs = new Dictionary<string, object?> { [FirstServerInput(activity)] = "RB01", [input] = value };

        var run = ActivityHarness.Run(activity, inputs, Unreachable);

        Assert.That((run.Outcome, run.Message), Is.EqualTo((ActivityOutcome.Failed, expected)));
    }

    [Test]
    public void Run_MalformedUrl_IsRefusedWithTheExpectedForms()
    {
        var run = ActivityHarness.Run(typeof(GetRunbookServerStatusActivity), new Dictionary<string, object?>(), new Dictionary<string, object?> { ["Web Service URL"] = "orch01 port 81" });

        Assert.That(run.Outcome, Is.EqualTo(ActivityOutcome.Failed));
        Assert.That(run.Message, Does.Contain("Orchestrator.svc").And.Contain("/api"));
    }

    [Test]
    public void Run_UnknownThrottleMethod_IsRefused()
    {
        var settings = new Dictionary<string, object?>(Unreachable) { ["Throttle Method"] = "Registry" };

        var run = ActivityHarness.Run(typeof(DrainRunbookServerActivity), new Dictionary<string, object?> { ["Runbook Server"] = "RB01" }, settings);

        Assert.That(run.Message, Is.EqualTo("The throttle method 'Registry' is unknown; use 'Database' or 'aspt.exe'."));
    }

    [Test]
    public void Run_DrainWithDatabaseThrottleButNoConnectionString_IsRefused()
    {
        var run = ActivityHarness.Run(typeof(DrainRunbookServerActivity), new Dictionary<string, object?> { ["Runbook Server"] = "RB01" }, Unreachable);

        Assert.That(run.Message, Does.StartWith("The database connection string is empty"));
    }

    private static string FirstServerInput(Type activity) => activity == typeof(RelocateJobsActivity) ? "From Runbook Server" : "Runbook Server";
}
