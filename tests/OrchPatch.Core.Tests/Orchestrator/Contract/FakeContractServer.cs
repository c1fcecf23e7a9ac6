using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Core.Tests.Orchestrator.Fakes;

namespace OrchPatch.Core.Tests.Orchestrator.Contract;

/// <summary>The in-test fake as a contract server, in-process.</summary>
internal sealed class FakeContractServer : IContractServer
{
    public static readonly Uri ODataRoot = new("http://orchestrator.test:81/Orchestrator2012/Orchestrator.svc/");
    public static readonly Uri WebApiRoot = new("https://orchestrator.test:8443/api/");

    public FakeContractServer(OrchestratorApi api, TimeProvider time, Uri? serviceRoot = null)
    {
        Model = new FakeOrchestrator(time);
        Handler = new FakeOrchestratorHandler(Model, api, serviceRoot ?? (api == OrchestratorApi.OData ? ODataRoot : WebApiRoot));
    }

    public FakeOrchestrator Model { get; }

    public FakeOrchestratorHandler Handler { get; }

    public Uri ServiceRoot => Handler.ServiceRoot;

    public HttpMessageHandler? Transport => Handler;

    public IReadOnlyList<ContractJobView> Jobs => Model.Jobs.Select(j =>
    {
        var runbook = Model.RunbookOf(j);
        return new ContractJobView(
            j.Id,
            j.RunbookId,
            j.Status,
            j.RunbookServers.ToArray(),
            j.Parameters.ToDictionary(p => runbook.Parameters.Single(x => x.Id == p.ParameterId).Name, p => p.Value));
    }).ToArray();

    public Guid AddServer(string name) => Model.AddServer(name).Id;

    public Guid AddRunbook(string path, bool isMonitor, params string[] inParameters) => Model.AddRunbook(path, isMonitor, inParameters).Id;

    public Guid AddJob(ContractJobSeed seed)
    {
        var runbook = Model.Runbooks.Single(r => r.Id == seed.RunbookId);
        var job = Model.AddJob(
            runbook,
            seed.Status.ToWire(),
            Model.Servers.SingleOrDefault(s => s.Id == seed.RunningOn),
            seed.Parameters.Select(p => (p.Key, p.Value)).ToArray());
        job.RunbookServers.AddRange(seed.RunbookServers);
        job.ParentId = seed.ParentId;
        job.ParentIsWaiting = seed.ParentIsWaiting;
        return job.Id;
    }

    public Guid AddInstance(Guid jobId, Guid serverId, string status, bool running)
    {
        var job = Model.Jobs.Single(j => j.Id == jobId);
        var now = Model.Time.GetUtcNow();
        var instance = new FakeInstance(Guid.NewGuid(), job.RunbookId, jobId, serverId, status, now, running ? null : now);
        Model.Instances.Add(instance);
        return instance.Id;
    }

    public void Dispose() => Handler.Dispose();
}
