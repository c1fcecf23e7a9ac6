using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace OrchPatch.Core.Orchestrator;

/// <summary>What the maintenance engine needs from Orchestrator's web service.</summary>
/// <remarks>
/// Two implementations share one contract: <c>ODataOrchestratorService</c> (the 2012-2019 <c>Orchestrator.svc</c>,
/// Atom XML) and <c>WebApiOrchestratorService</c> (the 2022 <c>/api</c>, OData v4 JSON). Every list is filtered by the
/// service and read to the last page. Transient faults are retried inside; what reaches the caller is a
/// <see cref="OrchestratorException"/> whose message names the service, never a credential. Disposing releases the
/// connection (the implementations own an HTTP handler, with its sockets, inside a long-lived PolicyModule.exe).
/// </remarks>
public interface IOrchestratorService : IDisposable
{
    /// <summary>Where the service is and which API it speaks (for messages and reports).</summary>
    OrchestratorEndpoint Endpoint { get; }

    /// <summary>Lists every runbook server.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The servers.</returns>
    Task<IReadOnlyList<RunbookServer>> GetRunbookServersAsync(CancellationToken cancellationToken = default);

    /// <summary>Gets a runbook with its parameters.</summary>
    /// <param name="runbookId">The runbook.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The runbook.</returns>
    /// <exception cref="RunbookNotFoundException">No runbook has this id.</exception>
    Task<Runbook> GetRunbookAsync(Guid runbookId, CancellationToken cancellationToken = default);

    /// <summary>Finds a runbook by its path (<c>\Folder\Runbook</c>), with its parameters.</summary>
    /// <param name="path">The path.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The runbook.</returns>
    /// <exception cref="RunbookNotFoundException">No runbook has this path; the message names similar ones.</exception>
    Task<Runbook> FindRunbookAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Lists jobs, filtered by the service, all pages.</summary>
    /// <param name="query">The filters.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The jobs.</returns>
    Task<IReadOnlyList<Job>> GetJobsAsync(JobQuery query, CancellationToken cancellationToken = default);

    /// <summary>Counts jobs in one request (<c>$top=1</c> with the service's count: <c>$inlinecount=allpages</c> on
    /// Orchestrator.svc, <c>$count=true</c> on the Web API), ordered newest first (<c>$orderby=CreationTime desc</c>),
    /// so the count and the one entry are a single consistent answer, whatever the number of jobs.</summary>
    /// <remarks>The count options are documented for both APIs (MSDN hh921660; the Web API's clients). That either
    /// honours <c>$orderby</c> is not confirmed: a service that ignores it returns some matching job, so a caller
    /// must not take <see cref="JobCount.Newest"/> for the newest without checking.</remarks>
    /// <param name="query">The filters.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The count and the newest matching job.</returns>
    /// <exception cref="OrchestratorProtocolException">The answer carried no count.</exception>
    Task<JobCount> CountJobsAsync(JobQuery query, CancellationToken cancellationToken = default);

    /// <summary>Gets one job.</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job.</returns>
    /// <exception cref="JobNotFoundException">No job has this id.</exception>
    Task<Job> GetJobAsync(Guid jobId, CancellationToken cancellationToken = default);

    /// <summary>Starts a runbook. Not idempotent: after a failed or timed-out attempt the implementation looks for the
    /// job it may have created before it tries again, so one call never creates two jobs.</summary>
    /// <param name="request">The runbook, parameters by name and target servers.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new job.</returns>
    /// <exception cref="RunbookNotFoundException">The runbook does not exist.</exception>
    /// <exception cref="ArgumentException">A parameter name is not an In-parameter of the runbook; the message lists them.</exception>
    /// <exception cref="Maintenance.UnknownRunbookServerException">A target server does not exist; the message lists those that do.</exception>
    Task<Job> StartJobAsync(StartJobRequest request, CancellationToken cancellationToken = default);

    /// <summary>Asks Orchestrator to stop a job (Status = Canceled). Stopping is asynchronous: the runbook service
    /// notices it on its next poll, so poll the job to confirm.</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when the request was accepted; false when the job had already ended (nothing to stop).</returns>
    /// <exception cref="JobNotFoundException">No job has this id.</exception>
    Task<bool> CancelJobAsync(Guid jobId, CancellationToken cancellationToken = default);

    /// <summary>The parameter values of a job, by parameter name.</summary>
    /// <param name="job">The job.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Values by name (ordinal, case-sensitive as Orchestrator stores them).</returns>
    Task<IReadOnlyDictionary<string, string>> GetJobParametersAsync(Job job, CancellationToken cancellationToken = default);

    /// <summary>The runbook instances of a job.</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The instances.</returns>
    Task<IReadOnlyList<RunbookInstance>> GetRunbookInstancesAsync(Guid jobId, CancellationToken cancellationToken = default);
}

/// <summary>Which web API to speak.</summary>
public enum OrchestratorApi
{
    /// <summary>Choose by the URL's shape: <c>Orchestrator.svc</c> means OData, <c>/api</c> means Web API.</summary>
    Auto,

    /// <summary>The 2012-2019 <c>Orchestrator.svc</c> (OData v2, Atom XML).</summary>
    OData,

    /// <summary>The 2022 Web API (<c>/api</c>, OData v4 JSON).</summary>
    WebApi,
}

/// <summary>Where a web service is and which API it speaks.</summary>
/// <param name="ServiceRoot">The service root, ending in <c>/</c>.</param>
/// <param name="Api">The API (never <see cref="OrchestratorApi.Auto"/>).</param>
/// <param name="HowChosen">Why this API: "given" or the URL-shape rule that chose it.</param>
public sealed record OrchestratorEndpoint(Uri ServiceRoot, OrchestratorApi Api, string HowChosen)
{
    /// <summary>For example "Orchestrator.svc (2012-2019) at http://orch:81/Orchestrator2012/Orchestrator.svc/".</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        (Api == OrchestratorApi.WebApi ? "Web API (2022)" : "Orchestrator.svc (2012-2019)") + " at " + ServiceRoot;
}
