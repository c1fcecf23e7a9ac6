using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using OrchPatch.Core.Orchestrator;

namespace OrchPatch.Core.Tests.Orchestrator.Contract;

/// <summary>The behaviour both implementations of <see cref="IOrchestratorService"/> share, run against whatever
/// <see cref="CreateServer"/> gives: the same cases for the OData and the Web API client, in-process or over sockets.</summary>
public abstract class OrchestratorServiceContract
{
    protected const string WaitRunbookPath = @"\PatchRunbook\4: WaitRunbook";
    protected const string MonitorPath = @"\Mon\Disk";
    protected static readonly string[] WaitParameters = { "Server", "PreviousMaxJobs", "Owner", "StartedAt", "Reason" };

    protected OrchestratorServiceContract(OrchestratorApi api) => Api = api;

    protected OrchestratorApi Api { get; }

    protected IContractServer Server { get; private set; } = null!;

    protected IOrchestratorService Service { get; private set; } = null!;

    protected Guid Rb01 { get; private set; }

    protected Guid Rb02 { get; private set; }

    protected Guid WaitRunbook { get; private set; }

    protected Guid Monitor { get; private set; }

    [SetUp]
    public void StartServer()
    {
        var time = CreateClock();
        Server = CreateServer(Api, time);
        Rb01 = Server.AddServer("RB01");
        Rb02 = Server.AddServer("RB02");
        Server.AddServer("RB03");
        WaitRunbook = Server.AddRunbook(WaitRunbookPath, false, WaitParameters);
        Monitor = Server.AddRunbook(MonitorPath, true);
        Server.AddRunbook(@"\Ops\Backup", false, "Target");
        Server.AddRunbook(@"\Ops\Bob's Cleanup", false);
        Service = OrchestratorServiceFactory.Create(
            new OrchestratorConnectionOptions { ServiceUrl = Server.ServiceRoot.ToString(), RequestTimeout = TimeSpan.FromSeconds(20) },
            time,
            Server.Transport,
            new Random(7));
    }

    [TearDown]
    public void StopServer()
    {
        Service.Dispose();
        Server.Dispose();
    }

    [Test]
    public void Endpoint_ChosenByTheUrl_SaysWhichAndWhy()
    {
        Assert.That(
            (Service.Endpoint.Api, Service.Endpoint.HowChosen, Service.Endpoint.ServiceRoot),
            Is.EqualTo((Api, Api == OrchestratorApi.OData ? "Orchestrator.svc in the URL" : "/api in the URL", Server.ServiceRoot)));
    }

    [Test]
    public async Task GetRunbookServersAsync_ListsEveryServer()
    {
        var servers = await Service.GetRunbookServersAsync();

        Assert.That(servers.Select(s => (s.Name, s.Id)), Is.EquivalentTo(new[] { ("RB01", Rb01), ("RB02", Rb02), ("RB03", servers.Single(s => s.Name == "RB03").Id) }));
    }

    [Test]
    public async Task FindRunbookAsync_ByPath_ReturnsItWithParameters()
    {
        var runbook = await Service.FindRunbookAsync(WaitRunbookPath);

        Assert.That(
            (runbook.Id, runbook.Name, runbook.Path, runbook.IsMonitor, string.Join(",", runbook.Parameters.Select(p => p.Name + ":" + p.Direction))),
            Is.EqualTo((WaitRunbook, "4: WaitRunbook", WaitRunbookPath, false, "Server:In,PreviousMaxJobs:In,Owner:In,StartedAt:In,Reason:In")));
    }

    [Test]
    public async Task FindRunbookAsync_Monitor_IsMonitor()
    {
        Assert.That((await Service.FindRunbookAsync(MonitorPath)).IsMonitor, Is.True);
    }

    [Test]
    public async Task FindRunbookAsync_PathWithAQuote_IsFound()
    {
        Assert.That((await Service.FindRunbookAsync(@"\Ops\Bob's Cleanup")).Name, Is.EqualTo("Bob's Cleanup"));
    }

    [Test]
    public void FindRunbookAsync_FilterInjection_FindsNothing()
    {
        var ex = Assert.ThrowsAsync<RunbookNotFoundException>(() => Service.FindRunbookAsync(@"\Ops\Backup' or Path ne 'x"));

        Assert.That(ex!.Key, Is.EqualTo(@"\Ops\Backup' or Path ne 'x"));
    }

    [Test]
    public void FindRunbookAsync_Unknown_NamesTheClosestPathsFirst()
    {
        var ex = Assert.ThrowsAsync<RunbookNotFoundException>(() => Service.FindRunbookAsync(@"\Ops\Bakup"));

        Assert.That(ex!.Similar.Take(2), Is.EqualTo(new[] { @"\Ops\Backup", @"\Ops\Bob's Cleanup" }));
    }

    [Test]
    public async Task GetRunbookAsync_ById_ReturnsIt()
    {
        Assert.That((await Service.GetRunbookAsync(WaitRunbook)).Path, Is.EqualTo(WaitRunbookPath));
    }

    [Test]
    public void GetRunbookAsync_UnknownId_RunbookNotFound()
    {
        var id = Guid.NewGuid();

        var ex = Assert.ThrowsAsync<RunbookNotFoundException>(() => Service.GetRunbookAsync(id));

        Assert.That(ex!.Key, Is.EqualTo(id.ToString()));
    }

    [Test]
    public async Task GetJobsAsync_ActiveOnServer_OnlyPendingAndRunningThere()
    {
        var running = Server.AddJob(new ContractJobSeed(Monitor, JobStatus.Running) { RunningOn = Rb01 });
        Server.AddJob(new ContractJobSeed(Monitor, JobStatus.Completed) { RunningOn = Rb01 });
        Server.AddJob(new ContractJobSeed(Monitor, JobStatus.Running) { RunningOn = Rb02 });
        Server.AddJob(new ContractJobSeed(Monitor, JobStatus.Pending));

        var jobs = await Service.GetJobsAsync(JobQuery.ActiveOn(Rb01));

        Assert.That(jobs.Select(j => j.Id), Is.EqualTo(new[] { running }));
    }

    [Test]
    public async Task GetJobsAsync_ActiveOfRunbook_AcrossServers()
    {
        var pending = Server.AddJob(new ContractJobSeed(WaitRunbook, JobStatus.Pending));
        var running = Server.AddJob(new ContractJobSeed(WaitRunbook, JobStatus.Running) { RunningOn = Rb02 });
        Server.AddJob(new ContractJobSeed(WaitRunbook, JobStatus.Canceled));
        Server.AddJob(new ContractJobSeed(Monitor, JobStatus.Running) { RunningOn = Rb02 });

        var jobs = await Service.GetJobsAsync(JobQuery.ActiveOf(WaitRunbook));

        Assert.That(jobs.Select(j => j.Id), Is.EquivalentTo(new[] { pending, running }));
    }

    [Test]
    public async Task GetJobsAsync_MoreThanOnePage_ReadsEveryPage()
    {
        var seeded = Enumerable.Range(0, 123).Select(_ => Server.AddJob(new ContractJobSeed(Monitor, JobStatus.Completed))).ToArray();

        var jobs = await Service.GetJobsAsync(new JobQuery());

        Assert.That(jobs.Select(j => j.Id), Is.EquivalentTo(seeded));
    }

    [Test]
    public async Task CountJobsAsync_ActiveOnServer_CountsThemAllInOneAnswerWithOneOfThem()
    {
        var running = Enumerable.Range(0, 57).Select(_ => Server.AddJob(new ContractJobSeed(Monitor, JobStatus.Running) { RunningOn = Rb01 })).ToArray();
        Server.AddJob(new ContractJobSeed(Monitor, JobStatus.Completed) { RunningOn = Rb01 });
        Server.AddJob(new ContractJobSeed(Monitor, JobStatus.Running) { RunningOn = Rb02 });

        var count = await Service.CountJobsAsync(JobQuery.ActiveOn(Rb01));
        var none = await Service.CountJobsAsync(JobQuery.ActiveOn(Guid.NewGuid()));

        // This fake ignores $orderby (as a service might): the entry is one of the matching jobs, not always the newest.
        Assert.That(count.Total, Is.EqualTo(57), "more than one page of jobs, counted in one answer");
        Assert.That(running, Does.Contain(count.Newest!.Id));
        Assert.That((none.Total, none.Newest), Is.EqualTo((0L, (Job?)null)));
    }

    [Test]
    public async Task GetJobsAsync_ByIds_ReadsThoseJobsWhateverTheirState()
    {
        var running = Server.AddJob(new ContractJobSeed(Monitor, JobStatus.Running) { RunningOn = Rb01 });
        var ended = Server.AddJob(new ContractJobSeed(Monitor, JobStatus.Completed) { RunningOn = Rb01 });
        Server.AddJob(new ContractJobSeed(Monitor, JobStatus.Running) { RunningOn = Rb02 });

        var jobs = await Service.GetJobsAsync(new JobQuery { Ids = new[] { running, ended, Guid.NewGuid() } });

        Assert.That(jobs.Select(j => (j.Id, j.Status)), Is.EquivalentTo(new[] { (running, JobStatus.Running), (ended, JobStatus.Completed) }));
    }

    [Test]
    public async Task GetJobAsync_ReadsEveryField()
    {
        var parent = Server.AddJob(new ContractJobSeed(WaitRunbook, JobStatus.Running) { RunningOn = Rb01 });
        var id = Server.AddJob(new ContractJobSeed(WaitRunbook, JobStatus.Running)
        {
            RunningOn = Rb02,
            RunbookServers = new[] { "RB02", "RB03" },
            Parameters = new Dictionary<string, string> { ["Server"] = "RB02", ["Reason"] = "KB5030211 <&> \"quoted\"" },
            ParentId = parent,
            ParentIsWaiting = true,
        });

        var job = await Service.GetJobAsync(id);
        var parameters = await Service.GetJobParametersAsync(job);

        Assert.That(
            (job.Id, job.RunbookId, job.Status, job.StatusText, job.RunbookServerId, string.Join(",", job.RunbookServers), job.ParentId, job.ParentIsWaiting),
            Is.EqualTo((id, WaitRunbook, JobStatus.Running, "Running", (Guid?)Rb02, "RB02,RB03", (Guid?)parent, (bool?)true)));
        Assert.That(parameters, Is.EqualTo(new Dictionary<string, string> { ["Server"] = "RB02", ["Reason"] = "KB5030211 <&> \"quoted\"" }));
    }

    [Test]
    public async Task GetJobAsync_PendingWithoutTargets_HasNoServer()
    {
        var id = Server.AddJob(new ContractJobSeed(Monitor, JobStatus.Pending));

        var job = await Service.GetJobAsync(id);

        Assert.That((job.Status, job.RunbookServerId, job.RunbookServers.Count, job.Parameters.Count, job.ParentId), Is.EqualTo((JobStatus.Pending, (Guid?)null, 0, 0, (Guid?)null)));
    }

    [Test]
    public void GetJobAsync_Unknown_JobNotFound()
    {
        var id = Guid.NewGuid();

        var ex = Assert.ThrowsAsync<JobNotFoundException>(() => Service.GetJobAsync(id));

        Assert.That(ex!.JobId, Is.EqualTo(id));
    }

    [Test]
    public async Task StartJobAsync_ByNameOnServers_CreatesOneJobWithThoseValuesAndTargets()
    {
        var values = new Dictionary<string, string> { ["Server"] = "RB02", ["PreviousMaxJobs"] = "50", ["Reason"] = "patch, <Tuesday> & 'more'" };

        var job = await Service.StartJobAsync(new StartJobRequest(WaitRunbook) { Parameters = values, RunbookServers = new[] { "rb02" } });

        var created = Server.Jobs.Single();
        Assert.That(
            (job.Id, job.RunbookId, job.Status, string.Join(",", created.RunbookServers)),
            Is.EqualTo((created.Id, WaitRunbook, JobStatus.Pending, "RB02")));
        Assert.That(created.Parameters, Is.EqualTo(values));
        Assert.That(await Service.GetJobParametersAsync(job), Is.EqualTo(values));
    }

    [Test]
    public async Task StartJobAsync_NoTargetsNoValues_LetsOrchestratorChoose()
    {
        var job = await Service.StartJobAsync(new StartJobRequest(Monitor));

        Assert.That((Server.Jobs.Single().Id, Server.Jobs.Single().RunbookServers.Count, Server.Jobs.Single().Parameters.Count), Is.EqualTo((job.Id, 0, 0)));
    }

    [Test]
    public void StartJobAsync_UnknownParameter_ListsTheInParametersAndStartsNothing()
    {
        var request = new StartJobRequest(WaitRunbook) { Parameters = new Dictionary<string, string> { ["Sever"] = "RB02" } };

        var ex = Assert.ThrowsAsync<ArgumentException>(() => Service.StartJobAsync(request));

        Assert.That(ex!.Message, Does.StartWith($"Runbook '{WaitRunbookPath}' has no In-parameter 'Sever'. Its In-parameters: Server, PreviousMaxJobs, Owner, StartedAt, Reason."));
        Assert.That(Server.Jobs, Is.Empty);
    }

    [Test]
    public void StartJobAsync_UnknownServer_NamesTheServersAndStartsNothing()
    {
        var request = new StartJobRequest(WaitRunbook) { RunbookServers = new[] { "RB09" } };

        var ex = Assert.ThrowsAsync<RunbookServerNotFoundException>(() => Service.StartJobAsync(request));

        Assert.That(ex!.Message, Is.EqualTo($"Runbook server 'RB09' is unknown to {Server.ServiceRoot}. Runbook servers that exist: RB01, RB02, RB03."));
        Assert.That(Server.Jobs, Is.Empty);
    }

    [Test]
    public void StartJobAsync_UnknownRunbook_RunbookNotFound()
    {
        Assert.ThrowsAsync<RunbookNotFoundException>(() => Service.StartJobAsync(new StartJobRequest(Guid.NewGuid())));
    }

    [Test]
    public async Task CancelJobAsync_Running_AcceptedAndTheJobIsCanceled()
    {
        var id = Server.AddJob(new ContractJobSeed(Monitor, JobStatus.Running) { RunningOn = Rb01 });

        var accepted = await Service.CancelJobAsync(id);

        Assert.That((accepted, Server.Jobs.Single().Status), Is.EqualTo((true, "Canceled")));
    }

    [Test]
    public async Task CancelJobAsync_Pending_Accepted()
    {
        var id = Server.AddJob(new ContractJobSeed(Monitor, JobStatus.Pending));

        Assert.That(await Service.CancelJobAsync(id), Is.True);
    }

    [TestCase(JobStatus.Completed)]
    [TestCase(JobStatus.Failed)]
    [TestCase(JobStatus.Canceled)]
    public async Task CancelJobAsync_Ended_FalseAndUnchanged(JobStatus status)
    {
        var id = Server.AddJob(new ContractJobSeed(Monitor, status));

        var accepted = await Service.CancelJobAsync(id);

        Assert.That((accepted, Server.Jobs.Single().Status), Is.EqualTo((false, status.ToWire())));
    }

    [Test]
    public void CancelJobAsync_Unknown_JobNotFound()
    {
        Assert.ThrowsAsync<JobNotFoundException>(() => Service.CancelJobAsync(Guid.NewGuid()));
    }

    [Test]
    public async Task GetRunbookInstancesAsync_ListsTheJobsInstances()
    {
        var job = Server.AddJob(new ContractJobSeed(Monitor, JobStatus.Running) { RunningOn = Rb01 });
        var other = Server.AddJob(new ContractJobSeed(Monitor, JobStatus.Completed) { RunningOn = Rb01 });
        var done = Server.AddInstance(job, Rb01, "Success", running: false);
        var live = Server.AddInstance(job, Rb01, "Running", running: true);
        Server.AddInstance(other, Rb01, "Success", running: false);

        var instances = await Service.GetRunbookInstancesAsync(job);

        Assert.That(
            instances.Select(i => (i.Id, i.JobId, i.RunbookId, i.RunbookServerId, i.IsRunning)),
            Is.EquivalentTo(new[] { (done, job, Monitor, Rb01, false), (live, job, Monitor, Rb01, true) }));
    }

    [Test]
    public void AnyCall_WrongServiceRoot_SaysTheUrlIsWrongWithTheExpectedForms()
    {
        var wrong = new Uri(Server.ServiceRoot, Api == OrchestratorApi.OData ? "/Orchestrator2016/Orchestrator.svc/" : "/orchestrator/api/");
        using var service = OrchestratorServiceFactory.Create(new OrchestratorConnectionOptions { ServiceUrl = wrong.ToString() }, CreateClock(), Server.Transport);

        var ex = Assert.ThrowsAsync<OrchestratorEndpointNotFoundException>(() => service.GetJobAsync(Guid.NewGuid()));

        Assert.That(ex!.Message, Is.EqualTo(
            $"No Orchestrator web service answers at {wrong} (404). Expected http(s)://SERVER:81/Orchestrator2012/Orchestrator.svc/ (Orchestrator 2012-2019) " +
            "or https://SERVER:PORT/api/ (Orchestrator 2022)."));
    }

    /// <summary>The clock for the run (a fake one unless the server needs real time).</summary>
    protected virtual TimeProvider CreateClock() => new FakeTimeProvider(new DateTimeOffset(2024, 5, 14, 22, 0, 0, TimeSpan.Zero));

    /// <summary>The server for one test.</summary>
    protected abstract IContractServer CreateServer(OrchestratorApi api, TimeProvider time);
}

/// <summary>The contract against the in-test fake, in-process.</summary>
[TestFixture(OrchestratorApi.OData)]
[TestFixture(OrchestratorApi.WebApi)]
public sealed class FakeServerContractTests : OrchestratorServiceContract
{
    public FakeServerContractTests(OrchestratorApi api)
        : base(api)
    {
    }

    protected override IContractServer CreateServer(OrchestratorApi api, TimeProvider time) => new FakeContractServer(api, time);
}

/// <summary>The contract against the in-test fake over real loopback sockets and the factory's own HttpClientHandler.</summary>
[TestFixture(OrchestratorApi.OData)]
[TestFixture(OrchestratorApi.WebApi)]
public sealed class LoopbackContractTests : OrchestratorServiceContract
{
    public LoopbackContractTests(OrchestratorApi api)
        : base(api)
    {
    }

    protected override TimeProvider CreateClock() => TimeProvider.System;

    protected override IContractServer CreateServer(OrchestratorApi api, TimeProvider time) => new LoopbackContractServer(api, time);
}
