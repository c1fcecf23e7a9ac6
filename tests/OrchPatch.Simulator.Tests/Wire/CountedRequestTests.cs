using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using System.Xml.Linq;
using NUnit.Framework;
using OrchPatch.Simulator.Hosting;
using OrchPatch.Simulator.Tests.Support;
using OrchPatch.TestSupport.Time;
using static OrchPatch.Simulator.Tests.Support.Atom;

namespace OrchPatch.Simulator.Tests.Wire;

/// <summary>The drain's counted poll on both APIs, in-process and over a socket: one request, <c>$top=1</c> with the
/// count, newest first, answers how many jobs are active on a server and which was created last.</summary>
[TestFixture]
public sealed class CountedRequestTests
{
    private const int OnServer = 15;

    [TestCase(false)]
    [TestCase(true)]
    public async Task Legacy_TopOneWithInlineCountNewestFirst_CountsEveryActiveJobOnTheServerAndGivesTheNewest(bool overHttp)
    {
        await WithFarm(overHttp, async (farm, get) =>
        {
            var (server, newest) = Seed(farm);
            var filter = Uri.EscapeDataString($"RunbookServerId eq guid'{server}' and (Status eq 'Pending' or Status eq 'Running')");

            var feed = XDocument.Parse(await get(ODataPath($"Jobs?$filter={filter}&$orderby=CreationTime%20desc&$skip=0&$top=1&$inlinecount=allpages")));

            Assert.That(feed.Root!.Element(M + "count")!.Value, Is.EqualTo(OnServer.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(feed.Entries().Select(e => e.Property("Id")), Is.EqualTo(new[] { newest.ToString() }));
        });
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task WebApi_TopOneWithCountNewestFirst_CountsEveryActiveJobOnTheServerAndGivesTheNewest(bool overHttp)
    {
        await WithFarm(overHttp, async (farm, get) =>
        {
            var (server, newest) = Seed(farm);
            var filter = Uri.EscapeDataString($"RunbookServerId eq {server} and (Status eq 'Pending' or Status eq 'Running')");

            using var json = JsonDocument.Parse(await get($"/api/Jobs?$filter={filter}&$orderby=CreationTime%20desc&$count=true&$top=1&$skip=0"));

            Assert.That(json.RootElement.GetProperty("@odata.count").GetInt32(), Is.EqualTo(OnServer));
            Assert.That(json.RootElement.GetProperty("value").EnumerateArray().Select(e => e.GetProperty("Id").GetString()), Is.EqualTo(new[] { newest.ToString() }));
        });
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task BothApis_ReadSeveralJobsById_OneRequestAnswersExactlyThose(bool overHttp)
    {
        await WithFarm(overHttp, async (farm, get) =>
        {
            var jobs = Enumerable.Range(0, 5).Select(_ => farm.Simulator.StartJob(TestScenarios.Short).Id).ToArray();
            var wanted = new[] { jobs[0], jobs[3], Guid.NewGuid() };
            var legacyFilter = Uri.EscapeDataString(string.Join(" or ", wanted.Select(id => $"Id eq guid'{id}'")));
            var webApiFilter = Uri.EscapeDataString(string.Join(" or ", wanted.Select(id => $"Id eq {id}")));

            var legacy = XDocument.Parse(await get(ODataPath($"Jobs?$filter={legacyFilter}"))).Entries().Select(e => e.Property("Id"));
            using var webApi = JsonDocument.Parse(await get($"/api/Jobs?$filter={webApiFilter}"));

            Assert.That(legacy, Is.EquivalentTo(new[] { jobs[0].ToString(), jobs[3].ToString() }));
            Assert.That(webApi.RootElement.GetProperty("value").EnumerateArray().Select(e => e.GetProperty("Id").GetString()), Is.EquivalentTo(new[] { jobs[0].ToString(), jobs[3].ToString() }));
        });
    }

    /// <summary>Long jobs running on RB02 (one created after the others), one on RB03, one ended on RB02.</summary>
    private static (Guid Server, Guid Newest) Seed(TestFarm farm)
    {
        farm.Simulator.StartJob(TestScenarios.Short, servers: new[] { "RB02" });
        farm.Simulator.StartJob(TestScenarios.Long, servers: new[] { "RB03" });
        for (var i = 0; i < OnServer - 1; i++)
        {
            farm.Simulator.StartJob(TestScenarios.Long, servers: new[] { "RB02" });
        }

        farm.RunSeconds(30);
        var newest = farm.Simulator.StartJob(TestScenarios.Long, servers: new[] { "RB02" }).Id;
        farm.RunSeconds(30);
        Assert.That(farm.RunningOn("RB02"), Has.Count.EqualTo(OnServer), "the setting: every long job on RB02 runs, the short one ended");
        return (farm.Simulator.GetServer("RB02").Id, newest);
    }

    private static async Task WithFarm(bool overHttp, Func<TestFarm, Func<string, Task<string>>, Task> test)
    {
        using var farm = TestFarm.Create();
        if (!overHttp)
        {
            await test(farm, farm.GetStringAsync);
            return;
        }

        await using var host = await SimulatorHost.StartAsync(farm.Simulator, port: 0);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        await test(farm, relative => http.GetStringAsync(relative.TrimStart('/')));
    }
}
