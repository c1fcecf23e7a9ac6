using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using System.Xml.Linq;
using NUnit.Framework;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Simulator.Runtime;
using OrchPatch.Simulator.Tests.Support;
using OrchPatch.Simulator.Wire;
using OrchPatch.TestSupport.Time;
using static OrchPatch.Simulator.Tests.Support.Atom;
using OrchPatch.Simulator;

namespace OrchPatch.Simulator.Tests.Wire;

/// <summary>The Jobs set's index (<see cref="JobCandidates"/>): a filtered query read through it matches exactly what
/// the full scan of every job ever created matches, in the same order; and the engine's queries read only the active
/// jobs (or the recent ones), however long the history.</summary>
[TestFixture]
public sealed class JobCandidatesTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    public void Matchable_AfterRandomOperations_MatchesWhatTheFullScanMatches(int seed)
    {
        var random = new Random(seed);
        var settings = new SimulatorSettings
        {
            PendingCancel = random.Next(2) == 0 ? PendingCancelTiming.NextPoll : PendingCancelTiming.Immediately,
            InterruptedJobs = random.Next(2) == 0 ? InterruptedJobHandling.Requeue : InterruptedJobHandling.Fail,
            CaseInsensitiveStrings = seed % 2 == 0,
        };
        using var testFarm = TestFarm.Create(TestScenarios.ThreeServers(maxJobs: 4), settings);
        var simulator = testFarm.Simulator;
        var farm = simulator.FarmForTests;
        var servers = new[] { "RB01", "RB02", "RB03" };
        var runbooks = new[] { TestScenarios.Short, TestScenarios.Long, TestScenarios.Monitor };
        var checkpoints = new List<DateTimeOffset>();

        for (var step = 0; step < 200; step++)
        {
            var server = servers[random.Next(servers.Length)];
            switch (random.Next(8))
            {
                case < 4:
                    simulator.StartJob(runbooks[random.Next(runbooks.Length)], servers: random.Next(3) == 0 ? new[] { server } : null);
                    break;
                case 4:
                    var active = farm.ActiveJobs.ToList();
                    if (active.Count > 0)
                    {
                        simulator.CancelJob(active[random.Next(active.Count)].Id);
                    }

                    break;
                case 5:
                    if (simulator.GetServer(server).Status != ServerStatus.Rebooting)
                    {
                        simulator.Reboot(server, TimeSpan.FromSeconds(random.Next(0, 60)));
                    }

                    break;
                case 6:
                    _ = random.Next(2) == 0 ? simulator.TakeOffline(server) : simulator.BringOnline(server);
                    break;
                default:
                    checkpoints.Add(testFarm.Time.GetUtcNow());
                    break;
            }

            testFarm.Time.RunFor(TimeSpan.FromMilliseconds(random.Next(0, 20_000)), TimeSpan.FromMilliseconds(500));
            Assert.That(farm.ActiveJobs, Is.EqualTo(farm.Jobs.Where(j => j.IsActive)), $"the active index after step {step}");
        }

        Assert.That(farm.Jobs.Select(j => j.Status).Distinct().Count(), Is.GreaterThanOrEqualTo(4), "the history holds active and ended jobs");
        var server1 = simulator.GetServer("RB01").Id;
        var runbook = simulator.GetRunbook(TestScenarios.Long).Id;
        var times = checkpoints.Take(3).Append(TestFarm.Epoch).Append(testFarm.Time.GetUtcNow().AddHours(1))
            .Append(farm.Jobs[farm.Jobs.Count / 2].CreationTime).ToList();
        var ids = new[] { farm.Jobs[0].Id, farm.Jobs[farm.Jobs.Count / 3].Id, farm.Jobs[^1].Id, Guid.NewGuid() };
        foreach (var (text, dialect) in Filters(server1, runbook, times, ids))
        {
            var filter = FilterParser.Parse(text, EntityModel.Jobs, dialect, settings.CaseInsensitiveStrings);
            var candidates = EntityModel.Jobs.Matchable(farm, filter).Cast<SimJob>().ToList();

            Assert.That(candidates.Select(j => j.Order), Is.Ordered.Ascending.And.Unique, $"{text}: read in creation order");
            Assert.That(candidates.Where(filter.Matches), Is.EqualTo(farm.Jobs.Where(filter.Matches)), $"{text} ({dialect})");
        }
    }

    [Test]
    public async Task Matchable_EngineQueriesOnALongHistory_ReadOnlyTheActiveOrRecentJobs()
    {
        using var testFarm = TestFarm.Create();
        var simulator = testFarm.Simulator;
        var farm = simulator.FarmForTests;
        for (var i = 0; i < 600; i++)
        {
            simulator.StartJob(TestScenarios.Short);
            testFarm.RunSeconds(2);
        }

        testFarm.Run(TimeSpan.FromMinutes(5));
        var since = testFarm.Time.GetUtcNow();
        var running = Enumerable.Range(0, 4).Select(_ => simulator.StartJob(TestScenarios.Long, servers: new[] { "RB01" })).ToList();
        var elsewhere = Enumerable.Range(0, 3).Select(_ => simulator.StartJob(TestScenarios.Long, servers: new[] { "RB02" })).ToList();
        testFarm.RunSeconds(30);
        var server = simulator.GetServer("RB01").Id;
        var runbook = simulator.GetRunbook(TestScenarios.Long).Id;
        var activeQuery = $"RunbookServerId eq guid'{server}' and (Status eq 'Pending' or Status eq 'Running')";
        var recentQuery = $"RunbookId eq guid'{runbook}' and CreationTime ge datetime'{since.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss}'";

        var activeRead = Read(farm, activeQuery, FilterDialect.Legacy);
        var recentRead = Read(farm, recentQuery, FilterDialect.Legacy);
        var webApiRead = Read(farm, $"RunbookServerId eq {server} and (status eq 'Pending' or status eq 'Running')", FilterDialect.WebApi);

        Assert.That(farm.Jobs.Count, Is.GreaterThan(600), "the history");
        var runningOnServer = farm.Jobs.Count(j => j.Status == SimulatedJobStatus.Running && j.Server?.Id == server);
        Assert.That(runningOnServer, Is.GreaterThanOrEqualTo(running.Count).And.LessThan(farm.ActiveJobs.Count), "the setting");
        Assert.That(activeRead, Is.EqualTo(runningOnServer), "the drain's poll reads only the jobs running on the server");
        Assert.That(webApiRead, Is.EqualTo(activeRead), "the same in the Web API's dialect");
        Assert.That(recentRead, Is.EqualTo(running.Count + elsewhere.Count), "the look-up before a start reads the jobs created since");
        var byIds = string.Join(" or ", running.Take(3).Select(j => $"Id eq guid'{j.Id}'"));
        Assert.That(Read(farm, byIds, FilterDialect.Legacy), Is.EqualTo(3), "a read of several jobs by id reads only those");
        Assert.That(Read(farm, string.Join(" or ", running.Take(3).Select(j => $"Id eq {j.Id}")), FilterDialect.WebApi), Is.EqualTo(3), "the same in the Web API's dialect");
        var entries = XDocument.Parse(await testFarm.GetStringAsync(ODataPath("Jobs()?$filter=" + Uri.EscapeDataString(activeQuery)))).Entries();
        Assert.That(entries.Select(e => Guid.Parse(e.Property("Id")!)), Is.EquivalentTo(running.Select(j => j.Id)), "the wire's answer");
    }

    [Test]
    public void Matchable_FiltersNotProvablyActive_ReadEveryJob()
    {
        using var testFarm = TestFarm.Create();
        var farm = testFarm.Simulator.FarmForTests;
        testFarm.Simulator.StartJob(TestScenarios.Short);
        testFarm.RunSeconds(60);
        testFarm.Simulator.StartJob(TestScenarios.Long);
        testFarm.RunSeconds(10);

        foreach (var text in new[] { "Status ne 'Completed'", "not (Status eq 'Completed')", "Status eq 'Running' or Status eq 'Completed'", "tolower(Status) eq 'running'", "Status eq 'Running' or RunbookServerId eq null" })
        {
            var filter = FilterParser.Parse(text, EntityModel.Jobs, FilterDialect.Legacy, caseInsensitiveStrings: true);
            Assert.That(EntityModel.Jobs.Matchable(farm, filter).Count(), Is.EqualTo(farm.Jobs.Count), text);
        }
    }

    /// <summary>How many jobs the filter is evaluated on: the services evaluate it on exactly what Matchable gives.</summary>
    private static int Read(Farm farm, string text, FilterDialect dialect) =>
        EntityModel.Jobs.Matchable(farm, FilterParser.Parse(text, EntityModel.Jobs, dialect, caseInsensitiveStrings: true)).Count();

    private static IEnumerable<(string Text, FilterDialect Dialect)> Filters(Guid server, Guid runbook, IReadOnlyList<DateTimeOffset> times, IReadOnlyList<Guid> ids)
    {
        var legacy = new List<string>
        {
            "Status eq 'Running'",
            "Status eq 'running'",
            "Status eq 'Pending' or Status eq 'Running'",
            $"RunbookServerId eq guid'{server}' and (Status eq 'Pending' or Status eq 'Running')",
            $"(Status eq 'Running' or Status eq 'Pending') and RunbookId eq guid'{runbook}'",
            "Status eq 'Completed'",
            "Status eq 'Canceled' or Status eq 'Pending'",
            "Status ne 'Running'",
            "not (Status eq 'Running')",
            $"Status eq 'Running' or RunbookId eq guid'{runbook}'",
            "Status eq null",
            "Status eq 'Bogus'",
            "tolower(Status) eq 'running'",
            "CreationTime ge null",
            $"Status eq 'Running' and RunbookServerId ne guid'{server}'",
            "RunbookServerId eq null and (Status eq 'Pending' or Status eq 'Running')",
            "(Status eq 'Pending' or Status eq 'Running') and RunbookServerId ne null",
            $"RunbookServerId eq guid'{server}' or Status eq 'Running'",
            $"RunbookServerId eq guid'{server}' and Status eq 'Completed'",
            string.Join(" or ", ids.Select(id => $"Id eq guid'{id}'")),
            $"Id eq guid'{ids[0]}' or Status eq 'Running'",
            $"(Id eq guid'{ids[1]}' or Id eq guid'{ids[2]}') and Status eq 'Completed'",
            $"Id ne guid'{ids[0]}'",
        };
        var webApi = new List<string>
        {
            "status eq 'Running' or STATUS eq 'Pending'",
            $"RunbookServerId eq {server} and (Status eq 'Pending' or Status eq 'Running')",
            string.Join(" or ", ids.Select(id => $"Id eq {id}")),
        };
        foreach (var time in times)
        {
            var legacyTime = "datetime'" + time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "'";
            legacy.Add($"RunbookId eq guid'{runbook}' and CreationTime ge {legacyTime}");
            legacy.Add($"CreationTime gt {legacyTime}");
            legacy.Add($"CreationTime ge {legacyTime} and Status eq 'Pending'");
            legacy.Add($"CreationTime lt {legacyTime} or CreationTime ge {legacyTime}");
            webApi.Add($"CreationTime ge {time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)} and RunbookId eq {runbook}");
        }

        return legacy.Select(t => (t, FilterDialect.Legacy)).Concat(webApi.Select(t => (t, FilterDialect.WebApi)));
    }
}
