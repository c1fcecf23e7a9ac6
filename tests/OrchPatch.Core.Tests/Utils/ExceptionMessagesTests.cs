using System;
using System.Collections.Generic;
using NUnit.Framework;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Core.Throttle;
using OrchPatch.Core.Utils;

namespace OrchPatch.Core.Tests.Utils;

/// <summary>The whole text of every public exception's message, once each: these are what an administrator reads in a
/// runbook's Published Data or on the terminal, so a change to one is a change to the product and shows up here.</summary>
[TestFixture]
public sealed class ExceptionMessagesTests
{
    private static readonly Uri Legacy = new("http://orch01.contoso.com:81/Orchestrator2012/Orchestrator.svc/");

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return Case(
            new OrchestratorAuthenticationException(Legacy, @"CONTOSO\svc-orch"),
            @"The Orchestrator web service at http://orch01.contoso.com:81/Orchestrator2012/Orchestrator.svc/ refused the credentials of CONTOSO\svc-orch (401 Unauthorized). Check the user name and password, and that the account may sign in to the web service (Windows authentication).");
        yield return Case(
            new OrchestratorPermissionException(Legacy, @"CONTOSO\svc-orch", "start the runbook '\\PatchRunbook\\4: WaitRunbook'", "Publish permission on the runbook '\\PatchRunbook\\4: WaitRunbook'"),
            @"CONTOSO\svc-orch may not start the runbook '\PatchRunbook\4: WaitRunbook' on http://orch01.contoso.com:81/Orchestrator2012/Orchestrator.svc/ (403 Forbidden): it needs Publish permission on the runbook '\PatchRunbook\4: WaitRunbook' (Runbook Designer > the runbook or folder > Permissions).");
        yield return Case(
            new OrchestratorEndpointNotFoundException(new Uri("http://orch01:81/Orchestrator2016/Orchestrator.svc/"), 404),
            "No Orchestrator web service answers at http://orch01:81/Orchestrator2016/Orchestrator.svc/ (404). Expected http(s)://SERVER:81/Orchestrator2012/Orchestrator.svc/ (Orchestrator 2012-2019) or https://SERVER:PORT/api/ (Orchestrator 2022).");
        yield return Case(
            new OrchestratorUnavailableException(Legacy, "list the jobs", 6, "503 Service Unavailable"),
            "Could not list the jobs: the Orchestrator web service at http://orch01.contoso.com:81/Orchestrator2012/Orchestrator.svc/ did not answer after 6 attempt(s) (last: 503 Service Unavailable).");
        yield return Case(
            new RunbookNotFoundException(@"\PatchRunbook\4: WaitRunbok", Legacy, new[] { @"\PatchRunbook\4: WaitRunbook", @"\PatchRunbook\1: Patch" }),
            @"Runbook '\PatchRunbook\4: WaitRunbok' is unknown to http://orch01.contoso.com:81/Orchestrator2012/Orchestrator.svc/. Runbooks that exist: \PatchRunbook\4: WaitRunbook, \PatchRunbook\1: Patch.");
        yield return Case(
            new RunbookNotFoundException("d010b455-4fe9-4423-ab72-52e5dabcb4e8", null),
            "Runbook 'd010b455-4fe9-4423-ab72-52e5dabcb4e8' is unknown to Orchestrator.");
        yield return Case(
            new JobNotFoundException(Guid.Parse("42fe8a86-bdea-47c9-aecb-845fdba8f8ca"), Legacy),
            "Job 42fe8a86-bdea-47c9-aecb-845fdba8f8ca is unknown to http://orch01.contoso.com:81/Orchestrator2012/Orchestrator.svc/.");
        yield return Case(
            new MaintenanceRefusedException("RB01", "drain", new[] { "it is the only runbook server.", "RB02 is in maintenance." }),
            "Cannot drain RB01: (1) it is the only runbook server. (2) RB02 is in maintenance. Nothing was changed.");
        yield return Case(
            new UnknownRunbookServerException("rb09.contoso.com", Legacy.ToString(), new[] { "rb02.contoso.com", "rb01.contoso.com" }, "drain"),
            "Cannot drain rb09.contoso.com: Runbook server 'rb09.contoso.com' is unknown to http://orch01.contoso.com:81/Orchestrator2012/Orchestrator.svc/. Runbook servers: rb01.contoso.com, rb02.contoso.com. Nothing was changed.");
        yield return Case(
            new UnknownRunbookServerException(new[] { "RB7", "RB8" }, Legacy.ToString(), new[] { "RB01" }, "patch"),
            "Cannot patch RB7, RB8: (1) Runbook server 'RB7' is unknown to http://orch01.contoso.com:81/Orchestrator2012/Orchestrator.svc/. Runbook servers: RB01. " +
            "(2) Runbook server 'RB8' is unknown to http://orch01.contoso.com:81/Orchestrator2012/Orchestrator.svc/. Runbook servers: RB01. Nothing was changed.");
        yield return Case(
            new AmbiguousRunbookServerException("rb01", new[] { "rb01.fabrikam.com", "rb01.contoso.com" }, "drain"),
            "Cannot drain rb01: 'rb01' may mean any of rb01.contoso.com, rb01.fabrikam.com: give the full name. Nothing was changed.");
        yield return Case(
            new MaintenanceFailedException("RB01", "Could not start the Wait Runbook.", "max jobs 1; restore it to undo."),
            "Could not start the Wait Runbook. State of RB01: max jobs 1; restore it to undo.");
        yield return Case(
            new MaintenanceFailedException("RB01", "Could not start the Wait Runbook.", string.Empty),
            "Could not start the Wait Runbook.");
        yield return Case(
            new DrainBlockedException(
                "RB01",
                new[]
                {
                    new JobSummary(Guid.Empty, @"\Ops\Backup", JobStatus.Running, TimeSpan.FromMinutes(14)),
                    new JobSummary(Guid.Empty, @"\Ops\Report", JobStatus.Pending, TimeSpan.FromSeconds(90)),
                },
                TimeSpan.FromHours(2),
                "wait longer, or cancel them",
                "draining (max jobs 1)."),
            @"Cannot drain RB01 before the deadline (2h): 2 jobs left: \Ops\Backup (running 14m), \Ops\Report (pending 1m30s) (wait longer, or cancel them). State of RB01: draining (max jobs 1).");
        yield return Case(
            new HealthGateFailedException("RB01", "the canary runbook failed.", "drained (max jobs 1)."),
            "Health gate failed for RB01: the canary runbook failed. State of RB01: drained (max jobs 1).");
        yield return Case(
            new ThrottleException("database", "RB01", "could not read max jobs of RB01 in the Orchestrator database."),
            "could not read max jobs of RB01 in the Orchestrator database.");
        yield return Case(
            new OptionsValidationException("DrainOptions", new[] { "Deadline must be between 1m and 7d." }),
            "The 'DrainOptions' are invalid. Validation Errors:" + Environment.NewLine + "Deadline must be between 1m and 7d.");
    }

    [TestCaseSource(nameof(Cases))]
    public void Message_IsTheWholeSentence(Exception exception, string expected)
    {
        Assert.That(exception.Message, Is.EqualTo(expected));
    }

    private static TestCaseData Case(Exception exception, string expected) =>
        new TestCaseData(exception, expected).SetArgDisplayNames(exception.GetType().Name);
}
