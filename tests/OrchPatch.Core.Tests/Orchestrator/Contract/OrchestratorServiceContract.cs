using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Simulator;

namespace OrchPatch.Core.Tests.Orchestrator.Contract;

/// <summary>The behaviour both implementations of <see cref="IOrchestratorService"/> share, run against the simulator
/// (whose wire code is its own), in-process and over its Kestrel host: the same cases for the OData and the Web API
/// client. A wrong status string, path or shape in Core's client fails here, because the simulator does not share it.</summary>
public abstract class OrchestratorServiceContract
{
    protected const string WaitRunbookPath = SimulatedContractServer.WaitRunbookPath;
    protected const string MonitorPath = SimulatedContractServer.MonitorPath;

    protected OrchestratorServiceContract(OrchestratorApi api) => Api = api;

    protected OrchestratorApi Api { get; }

    protected SimulatedContractServer Server { get; private set; } = null!;

    protected IOrchestratorService Service { get; private set; } = null!;

    protected Guid Rb01 { get; private set; }

    protected Guid Rb02 { get; private set; }

    protected Guid WaitRunbook { get; private set; }

    protected Guid Monitor { get; private set; }

    [SetUp]
    public void StartServer()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 5, 14, 22, 0, 0, TimeSpan.Zero));
        Server = CreateServer(Api, time);
        Rb01 = Server.ServerId("RB01");
        Rb02 = Server.ServerId("RB02");
        WaitRunbook = Server.RunbookId(WaitRunbookPath);
        Monitor = Server.RunbookId(MonitorPath);
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

        Assert.That(servers.Select(s => (s.Name, s.Id)), Is.EquivalentTo(new[] { ("RB01", Rb01), ("RB02", Rb02), ("RB03", Server.ServerId("RB03")) }));
    }

    [Test]
    public async Task FindRunbookAsync_ByPath_ReturnsItWithParameters()
    {
        var runbook = await Service.FindRunbookAsync(WaitRunbookPath);

        Assert.That(
            (runbook.Id, runbook.Name, runbook.Path, runbook.IsMonitor, string.Join(",", runbook.Parameters.Select(p => p.Name + ":" + p.Direction).Order(StringComparer.Ordinal))),
            Is.EqualTo((WaitRunbook, "4: WaitRunbook", WaitRunbookPath, false, "Owner:In,PreviousMaxJobs:In,Reason:In,Server:In,StartedAt:In")));
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
        Server.Ended(SimulatedJobStatus.Completed, "RB01");
        var running = Server.StartRunning(MonitorPath, new[] { "RB01" });
        Server.StartRunning(WaitRunbookPath, new[] { "RB02" });
        Server.StartPending(MonitorPath);

        var jobs = await Service.GetJobsAsync(JobQuery.ActiveOn(Rb01));

        Assert.That(jobs.Select(j => j.Id), Is.EqualTo(new[] { running }));
    }

    [Test]
    public async Task GetJobsAsync_ActiveOfRunbook_AcrossServers()
    {
        var running = Server.StartRunning(WaitRunbookPath, new[] { "RB02" });
        Server.StartRunning(MonitorPath, new[] { "RB02" });
        Server.Ended(SimulatedJobStatus.Canceled, "RB01");
        var pending = Server.StartPending(WaitRunbookPath);

        var jobs = await Service.GetJobsAsync(JobQuery.ActiveOf(WaitRunbook));

        Assert.That(jobs.Select(j => j.Id), Is.EquivalentTo(new[] { pending, running }));
    }

    [Test]
    public async Task GetJobsAsync_MoreThanOnePage_ReadsEveryPage()
    {
        var seeded = Server.Ended(SimulatedJobStatus.Completed, "RB01", count: 123);

        var jobs = await Service.GetJobsAsync(new JobQuery());

        Assert.That(jobs.Select(j => j.Id), Is.EquivalentTo(seeded));
    }

    [Test]
    public async Task CountJobsAsync_ActiveOnServer_CountsThemAllInOneAnswerWithOneOfThem()
    {
        Server.Simulator.SetMaxJobs("RB01", 100);
        Server.Ended(SimulatedJobStatus.Completed, "RB01");
        Server.StartRunning(SimulatedContractServer.LongPath, new[] { "RB02" });
        var running = Enumerable.Range(0, 57).Select(_ => Server.StartRunning(SimulatedContractServer.LongPath, new[] { "RB01" })).ToArray();

        var count = await Service.CountJobsAsync(JobQuery.ActiveOn(Rb01));
        var none = await Service.CountJobsAsync(JobQuery.ActiveOn(Guid.NewGuid()));

        Assert.That(count.Total, Is.EqualTo(57), "more than one page of jobs, counted in one answer");
        Assert.That(count.Newest!.Id, Is.EqualTo(running.Last()), "newest first");
        Assert.That((none.Total, none.Newest), Is.EqualTo((0L, (Job?)null)));
    }

    [Test]
    public async Task GetJobsAsync_ByIds_ReadsThoseJobsWhateverTheirState()
    {
        var ended = Server.Ended(SimulatedJobStatus.Completed, "RB01").Single();
        var running = Server.StartRunning(MonitorPath, new[] { "RB01" });
        Server.StartRunning(WaitRunbookPath, new[] { "RB02" });

        var jobs = await Service.GetJobsAsync(new JobQuery { Ids = new[] { running, ended, Guid.NewGuid() } });

        Assert.That(jobs.Select(j => (j.Id, j.Status)), Is.EquivalentTo(new[] { (running, JobStatus.Running), (ended, JobStatus.Completed) }));
    }

    [Test]
    public async Task GetJobAsync_ReadsEveryField()
    {
        var values = new Dictionary<string, string> { ["Server"] = "RB02", ["Reason"] = "KB5030211 <&> \"quoted\" \u00e9" };
        var id = Server.StartRunning(WaitRunbookPath, new[] { "RB02", "RB03" }, values);

        var job = await Service.GetJobAsync(id);
        var parameters = await Service.GetJobParametersAsync(job);

        Assert.That(
            (job.Id, job.RunbookId, job.Status, job.StatusText, job.RunbookServerId, string.Join(",", job.RunbookServers), job.ParentId, job.ParentIsWaiting),
            Is.EqualTo((id, WaitRunbook, JobStatus.Running, "Running", (Guid?)Rb02, "RB02,RB03", (Guid?)null, (bool?)null)));
        Assert.That(parameters, Is.EqualTo(values));
    }

    [Test]
    public async Task GetJobAsync_ChildOfAWaitingParent_NamesItsParent()
    {
        var parent = Server.StartRunning(SimulatedContractServer.ParentPath, new[] { "RB01" });
        var child = Server.Jobs.Single(j => j.ParentId == parent).Id;

        var job = await Service.GetJobAsync(child);

        Assert.That((job.RunbookId, job.ParentId, job.ParentIsWaiting), Is.EqualTo((WaitRunbook, (Guid?)parent, (bool?)true)));
    }

    [Test]
    public async Task GetJobAsync_PendingWithoutTargets_HasNoServer()
    {
        var id = Server.StartPending(MonitorPath);

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

        Assert.That(ex!.Message, Does.StartWith($"Runbook '{WaitRunbookPath}' has no In-parameter 'Sever'. Its In-parameters: Owner, PreviousMaxJobs, Reason, Server, StartedAt."));
        Assert.That(Server.Jobs, Is.Empty);
    }

    [Test]
    public void StartJobAsync_UnknownServer_NamesTheServersAndStartsNothing()
    {
        var request = new StartJobRequest(WaitRunbook) { RunbookServers = new[] { "RB09" } };

        var ex = Assert.ThrowsAsync<UnknownRunbookServerException>(() => Service.StartJobAsync(request));

        Assert.That(ex!.Message, Is.EqualTo($"Cannot start a job on RB09: Runbook server 'RB09' is unknown to {Server.ServiceRoot}. Runbook servers: RB01, RB02, RB03. Nothing was changed."));
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
        var id = Server.StartRunning(MonitorPath, new[] { "RB01" });

        var accepted = await Service.CancelJobAsync(id);
        // The Runbook Service stops the job at its next poll.
        Server.Run(TimeSpan.FromSeconds(5));

        Assert.That((accepted, Server.Jobs.Single().Status), Is.EqualTo((true, SimulatedJobStatus.Canceled)));
    }

    [Test]
    public async Task CancelJobAsync_Pending_Accepted()
    {
        var id = Server.StartPending(MonitorPath);

        Assert.That(await Service.CancelJobAsync(id), Is.True);
    }

    [TestCase(SimulatedJobStatus.Completed)]
    [TestCase(SimulatedJobStatus.Failed)]
    [TestCase(SimulatedJobStatus.Canceled)]
    public async Task CancelJobAsync_Ended_FalseAndUnchanged(SimulatedJobStatus status)
    {
        var id = Server.Ended(status).Single();

        var accepted = await Service.CancelJobAsync(id);

        Assert.That((accepted, Server.Jobs.Single().Status), Is.EqualTo((false, status)));
    }

    [Test]
    public void CancelJobAsync_Unknown_JobNotFound()
    {
        Assert.ThrowsAsync<JobNotFoundException>(() => Service.CancelJobAsync(Guid.NewGuid()));
    }

    [Test]
    public async Task GetRunbookInstancesAsync_ListsTheJobsInstances()
    {
        Server.Ended(SimulatedJobStatus.Completed, "RB01");
        var job = Server.StartRunning(MonitorPath, new[] { "RB01" });
        // A monitor's instance ends each time it fires and a new one starts.
        Server.Run(TimeSpan.FromMinutes(5.5));
        var ofTheJob = Server.Instances.Where(i => i.JobId == job).ToArray();

        var instances = await Service.GetRunbookInstancesAsync(job);

        Assert.That(ofTheJob.Select(i => i.IsRunning), Is.EqualTo(new[] { false, true }), "the farm fired the monitor once");
        Assert.That(
            instances.Select(i => (i.Id, i.JobId, i.RunbookId, i.RunbookServerId, i.IsRunning)),
            Is.EquivalentTo(ofTheJob.Select(i => (i.Id, job, Monitor, Rb01, i.IsRunning))));
    }

    [Test]
    public void AnyCall_WrongServiceRoot_SaysTheUrlIsWrongWithTheExpectedForms()
    {
        var wrong = new Uri(Server.ServiceRoot, Api == OrchestratorApi.OData ? "/Orchestrator2016/Orchestrator.svc/" : "/orchestrator/api/");
        using var service = OrchestratorServiceFactory.Create(new OrchestratorConnectionOptions { ServiceUrl = wrong.ToString() }, Server.Time, Server.Transport);

        var ex = Assert.ThrowsAsync<OrchestratorEndpointNotFoundException>(() => service.GetJobAsync(Guid.NewGuid()));

        Assert.That(ex!.Message, Is.EqualTo(
            $"No Orchestrator web service answers at {wrong} (404). Expected http(s)://SERVER:81/Orchestrator2012/Orchestrator.svc/ (Orchestrator 2012-2019) " +
            "or https://SERVER:PORT/api/ (Orchestrator 2022)."));
    }

    /// <summary>The server for one test.</summary>
    protected abstract SimulatedContractServer CreateServer(OrchestratorApi api, FakeTimeProvider time);
}

/// <summary>The contract against the simulator, in-process.</summary>
[TestFixture(OrchestratorApi.OData)]
[TestFixture(OrchestratorApi.WebApi)]
public sealed class InProcessContractTests : OrchestratorServiceContract
{
    public InProcessContractTests(OrchestratorApi api)
        : base(api)
    {
    }

    protected override SimulatedContractServer CreateServer(OrchestratorApi api, FakeTimeProvider time) => SimulatedContractServer.InProcess(api, time);
}

/// <summary>The contract against the simulator's Kestrel host on a loopback port, through the factory's own
/// HttpClientHandler (default credentials, real headers and sockets).</summary>
[TestFixture(OrchestratorApi.OData)]
[TestFixture(OrchestratorApi.WebApi)]
public sealed class OverSocketsContractTests : OrchestratorServiceContract
{
    public OverSocketsContractTests(OrchestratorApi api)
        : base(api)
    {
    }

    protected override SimulatedContractServer CreateServer(OrchestratorApi api, FakeTimeProvider time) => SimulatedContractServer.OverSockets(api, time);
}
