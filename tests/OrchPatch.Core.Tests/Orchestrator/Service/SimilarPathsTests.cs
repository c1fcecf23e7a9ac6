using NUnit.Framework;
using OrchPatch.Core.Orchestrator;

namespace OrchPatch.Core.Tests.Orchestrator.Service;

[TestFixture]
public sealed class SimilarPathsTests
{
    [Test]
    public void Rank_SameFolderFirstThenClosestSpelling()
    {
        var existing = new[] { @"\Ops\Backup", @"\PatchRunbook\3: PatchServer", @"\PatchRunbook\4: WaitRunbook", @"\Other\4: WaitRunbook", @"\PatchRunbook\1: Patch Orchestrator" };

        Assert.That(SimilarPaths.Rank(@"\PatchRunbook\4: Wait Runbook", existing, 3), Is.EqualTo(new[]
        {
            @"\PatchRunbook\4: WaitRunbook", @"\PatchRunbook\3: PatchServer", @"\PatchRunbook\1: Patch Orchestrator",
        }));
    }

    [Test]
    public void Rank_RenamedFolder_FoundByDistance()
    {
        Assert.That(SimilarPaths.Rank(@"\Patching\4: WaitRunbook", new[] { @"\Ops\Backup", @"\PatchRunbook\4: WaitRunbook" }, 1), Is.EqualTo(new[] { @"\PatchRunbook\4: WaitRunbook" }));
    }
}
