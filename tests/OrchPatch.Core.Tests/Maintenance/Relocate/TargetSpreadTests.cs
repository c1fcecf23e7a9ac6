using System;
using System.Linq;
using NUnit.Framework;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Orchestrator;

namespace OrchPatch.Core.Tests.Maintenance.Relocate;

[TestFixture]
public sealed class TargetSpreadTests
{
    private static readonly RunbookServer Rb02 = new(Guid.NewGuid(), "rb02.contoso.local");
    private static readonly RunbookServer Rb03 = new(Guid.NewGuid(), "10.0.0.13");
    private static readonly RunbookServer Rb04 = new(Guid.NewGuid(), "RB04");

    [Test]
    public void Next_ByFreeCapacity_FirstServerIsTheMostFreeAndEachMoveFillsIt()
    {
        // rb02 has 3 free, 10.0.0.13 has 1, RB04 none: three moves go to rb02 until it is as full as 10.0.0.13.
        var spread = new TargetSpread(
            new[] { Rb02, Rb03, Rb04 },
            new[] { new ServerCapacity("RB02.CONTOSO.LOCAL", 10, 7, false), new ServerCapacity("10.0.0.13", 10, 9, false), new ServerCapacity("RB04", 10, 10, false) });

        var firsts = Enumerable.Range(0, 5).Select(_ => spread.Next()[0].Name).ToArray();

        Assert.That(firsts, Is.EqualTo(new[] { "rb02.contoso.local", "rb02.contoso.local", "rb02.contoso.local", "10.0.0.13", "rb02.contoso.local" }));
    }

    [Test]
    public void Next_EveryTargetListed_OthersFollowAsFallbacksMostFreeFirst()
    {
        var spread = new TargetSpread(new[] { Rb02, Rb03, Rb04 }, new[] { new ServerCapacity("RB02.contoso.local", 50, 48, false), new ServerCapacity("10.0.0.13", 50, 10, false), new ServerCapacity("RB04", 50, 30, false) });

        Assert.That(spread.Next().Select(t => t.Name), Is.EqualTo(new[] { "10.0.0.13", "RB04", "rb02.contoso.local" }));
    }

    [Test]
    public void Next_NoCapacityFigures_FirstServerGoesRound()
    {
        var spread = new TargetSpread(new[] { Rb02, Rb03, Rb04 });

        var firsts = Enumerable.Range(0, 4).Select(_ => spread.Next()[0].Name).ToArray();

        Assert.That(firsts, Is.EqualTo(new[] { "rb02.contoso.local", "10.0.0.13", "RB04", "rb02.contoso.local" }));
    }

    [Test]
    public void Next_NoTargets_IsEmpty()
    {
        Assert.That(new TargetSpread(Array.Empty<RunbookServer>()).Next(), Is.Empty);
    }
}
