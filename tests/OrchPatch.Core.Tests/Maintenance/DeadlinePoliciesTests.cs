using System;
using System.Linq;
using NUnit.Framework;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Orchestrator;

namespace OrchPatch.Core.Tests.Maintenance;

[TestFixture]
public sealed class DeadlinePoliciesTests
{
    private static JobClassification Remaining(string path, JobCategory category = JobCategory.Ordinary) =>
        new(new Job { Id = Guid.NewGuid() }, new Runbook(Guid.NewGuid(), path, path, false, Array.Empty<RunbookParameter>()), category, JobAction.WaitFor, "test");

    [TestCase(DeadlinePolicy.Fail, "RollBack")]
    [TestCase(DeadlinePolicy.Wait, "KeepWaiting")]
    [TestCase(DeadlinePolicy.Cancel, "Cancel")]
    public void Decide_Policy_GivesItsDecision(DeadlinePolicy policy, string expected)
    {
        var decision = DeadlinePolicies.Decide(policy, new[] { Remaining(@"\Ops\Backup") }, RestartablePatterns.None);

        Assert.That(decision.Kind.ToString(), Is.EqualTo(expected));
    }

    [Test]
    public void Decide_RelocateWithEveryJobRestartable_Relocates()
    {
        var decision = DeadlinePolicies.Decide(DeadlinePolicy.Relocate, new[] { Remaining(@"\Ops\Reports\Daily"), Remaining(@"\Ops\Sync") }, RestartablePatterns.Parse(@"\Ops\Reports\*;*Sync"));

        Assert.That((decision.Kind, decision.Jobs.Count), Is.EqualTo((DeadlineDecisionKind.Relocate, 2)));
    }

    [Test]
    public void Decide_RelocateWithOneJobNotRestartable_RollsBackNamingOnlyThatOne()
    {
        var decision = DeadlinePolicies.Decide(DeadlinePolicy.Relocate, new[] { Remaining(@"\Ops\Reports\Daily"), Remaining(@"\Ops\Backup") }, RestartablePatterns.Parse(@"\Ops\Reports\*"));

        Assert.That((decision.Kind, decision.Jobs.Single().Runbook.Path), Is.EqualTo((DeadlineDecisionKind.RollBack, @"\Ops\Backup")));
        Assert.That(decision.WayOut, Does.StartWith("1 not marked restartable (restartable: \\Ops\\Reports\\*)"));
    }

    [Test]
    public void Decide_RelocateWithAChild_NeverRelocatesTheChild()
    {
        var decision = DeadlinePolicies.Decide(DeadlinePolicy.Relocate, new[] { Remaining(@"\Ops\Child", JobCategory.Child) }, RestartablePatterns.Parse("*"));

        Assert.That(decision.Kind, Is.EqualTo(DeadlineDecisionKind.RollBack));
    }
}
