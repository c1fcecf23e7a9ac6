using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using NUnit.Framework;
using OrchPatch.Simulator.Tests.Support;

namespace OrchPatch.Simulator.Tests.Wire;

/// <summary>The Orchestrator's clock apart from the client's (<see cref="SimulatorSettings.ClockOffset"/>): job times
/// and the Date header of every answer, on both APIs, are on the service's clock; scheduling is not.</summary>
[TestFixture]
public sealed class ServiceClockTests
{
    [TestCase("/api/Jobs", 10)]
    [TestCase("/Orchestrator2012/Orchestrator.svc/Jobs", 10)]
    [TestCase("/api/Jobs", -7)]
    [TestCase("/Orchestrator2012/Orchestrator.svc/Jobs", -7)]
    public async Task Answers_CarryTheServiceClockInTheDateHeader(string path, int minutesAhead)
    {
        using var farm = TestFarm.Create(settings: new SimulatorSettings { ClockOffset = TimeSpan.FromMinutes(minutesAhead) });
        farm.Run(TimeSpan.FromSeconds(30));

        using var response = await farm.GetAsync(path);

        Assert.That(response.Headers.Date, Is.EqualTo(farm.Time.GetUtcNow() + TimeSpan.FromMinutes(minutesAhead)).Within(TimeSpan.FromSeconds(1)));
    }

    [Test]
    public void Jobs_AreStampedOnTheServiceClock()
    {
        var offset = TimeSpan.FromMinutes(10);
        using var farm = TestFarm.Create(settings: new SimulatorSettings { ClockOffset = offset });
        farm.Run(TimeSpan.FromMinutes(1));

        var job = farm.Simulator.StartJob(TestScenarios.Long);

        Assert.That(job.CreationTime, Is.EqualTo(farm.Time.GetUtcNow() + offset));
    }

    [Test]
    public void Settings_ClockOffsetBeyondADay_IsRefused()
    {
        var error = Assert.Throws<SimulatorSettingsException>(() => TestFarm.Create(settings: new SimulatorSettings { ClockOffset = TimeSpan.FromDays(-2) }));

        Assert.That(error!.Message, Does.Contain("The field ClockOffset must be between -1 day and 1 day."));
    }
}
