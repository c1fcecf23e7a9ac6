using System;
using System.Threading.Tasks;
using NUnit.Framework;
using OrchPatch.Simulator.Tests.Support;

namespace OrchPatch.Simulator.Tests.Wire;

[TestFixture]
public sealed class SmokeTests
{
    [Test]
    public async Task Dump()
    {
        using var farm = TestFarm.Create();
        farm.Simulator.StartJob(TestScenarios.Monitor);
        farm.RunSeconds(5);
        TestContext.Out.WriteLine(await farm.GetStringAsync("/Orchestrator2012/Orchestrator.svc/"));
        TestContext.Out.WriteLine(await farm.GetStringAsync("/Orchestrator2012/Orchestrator.svc/Jobs?$inlinecount=allpages"));
        TestContext.Out.WriteLine(await farm.GetStringAsync("/api/Jobs?$count=true"));
        TestContext.Out.WriteLine(await farm.GetStringAsync("/_simulator/servers"));
        TestContext.Out.WriteLine(await farm.GetStringAsync("/_simulator/metrics"));
    }
}
