using System;
using System.Collections.Generic;
using System.Net.Http;
using OrchPatch.Core.Orchestrator;

namespace OrchPatch.Core.Tests.Orchestrator.Contract;

/// <summary>The web service a contract run talks to. Swappable: the in-test fake here; after the simulator is merged,
/// an adapter over <c>SimulatedOrchestrator</c> implements the same interface and the same cases run against it.</summary>
public interface IContractServer : IDisposable
{
    /// <summary>The service root of the API under test.</summary>
    Uri ServiceRoot { get; }

    /// <summary>The in-process transport, or null to go over real sockets with the factory's own handler.</summary>
    HttpMessageHandler? Transport { get; }

    Guid AddServer(string name);

    /// <summary>Adds a runbook with In-parameters.</summary>
    Guid AddRunbook(string path, bool isMonitor, params string[] inParameters);

    /// <summary>Adds a job as the service would hold it.</summary>
    Guid AddJob(ContractJobSeed seed);

    Guid AddInstance(Guid jobId, Guid serverId, string status, bool running);

    /// <summary>Every job the service holds, as the service sees it (to count what a start created).</summary>
    IReadOnlyList<ContractJobView> Jobs { get; }
}

/// <summary>A job to seed.</summary>
public sealed record ContractJobSeed(Guid RunbookId, JobStatus Status)
{
    public Guid? RunningOn { get; init; }

    public IReadOnlyList<string> RunbookServers { get; init; } = Array.Empty<string>();

    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    public Guid? ParentId { get; init; }

    public bool? ParentIsWaiting { get; init; }
}

/// <summary>A job as the server holds it.</summary>
public sealed record ContractJobView(Guid Id, Guid RunbookId, string Status, IReadOnlyList<string> RunbookServers, IReadOnlyDictionary<string, string> Parameters);
