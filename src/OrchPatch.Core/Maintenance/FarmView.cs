using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OrchPatch.Core.Orchestrator;

namespace OrchPatch.Core.Maintenance;

/// <summary>
/// Reads the farm for one operation and caches what does not change during it (servers, runbooks), so polling costs
/// one request per poll, whatever the number of jobs.
/// </summary>
internal sealed class FarmView
{
    private readonly MaintenanceContext _context;
    // Concurrent: a drain's monitors move together, each reading runbooks through this view.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, Runbook> _runbooks = new();
    private IReadOnlyList<RunbookServer>? _servers;
    private Runbook? _waitRunbook;

    public FarmView(MaintenanceContext context) => _context = context;

    public MaintenanceContext Context => _context;

    /// <summary>Active jobs whose parent waits for them (Invoke Runbook with "Wait for completion"), farm-wide: a
    /// parent among their parents must not be restarted elsewhere, or its children would run again.</summary>
    public async Task<IReadOnlyList<Job>> ChildrenWaitedOnAsync(CancellationToken cancellationToken) =>
        (await _context.Service.GetJobsAsync(JobQuery.Active, cancellationToken).ConfigureAwait(false))
            .Where(j => j.ParentId is not null && j.ParentIsWaiting == true)
            .ToArray();

    public async Task<IReadOnlyList<RunbookServer>> ServersAsync(CancellationToken cancellationToken)
        => _servers ??= await _context.Service.GetRunbookServersAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>The server with this name, or a refusal that names the servers that exist.</summary>
    public async Task<RunbookServer> FindServerAsync(string name, string operation, CancellationToken cancellationToken)
    {
        var servers = await ServersAsync(cancellationToken).ConfigureAwait(false);
        var server = ServerNames.Resolve(servers, s => s.Name, name, operation)
            ?? throw new UnknownRunbookServerException(name, _context.Service.Endpoint.ServiceRoot.ToString(), servers.Select(s => s.Name).ToArray(), operation);
        ReportIfResolved(name, server);
        return server;
    }

    /// <summary>Says which server a short name was taken to mean, so a person sees it before anything changes.</summary>
    public void ReportIfResolved(string given, RunbookServer server)
    {
        if (!ServerNames.Same(given, server.Name))
        {
            _context.Report(server.Name, MaintenanceEventKind.Warning, $"'{given.Trim()}' taken to mean {server.Name}, the only runbook server with that host name.");
        }
    }

    /// <summary>The Wait Runbook, checked to declare every maintenance-record parameter.</summary>
    public async Task<Runbook> WaitRunbookAsync(string server, string operation, CancellationToken cancellationToken)
    {
        if (_waitRunbook is not null)
        {
            return _waitRunbook;
        }

        Runbook runbook;
        try
        {
            runbook = await _context.Service.FindRunbookAsync(_context.Settings.WaitRunbookPath, cancellationToken).ConfigureAwait(false);
        }
        catch (RunbookNotFoundException ex)
        {
            throw new MaintenanceRefusedException(server, operation, new[]
            {
                $"{ex.Message} The Wait Runbook holds a drained server's last slot and records the maintenance: import the sample runbooks (PatchRunbook) or set the Wait Runbook Path.",
            });
        }

        var inputs = runbook.Parameters.Where(p => p.Direction == RunbookParameterDirection.In).Select(p => p.Name).ToArray();
        var missing = MaintenanceRecord.ParameterNames.Where(n => !inputs.Contains(n, StringComparer.Ordinal)).ToArray();
        if (missing.Length > 0)
        {
            throw new MaintenanceRefusedException(server, operation, new[]
            {
                $"The Wait Runbook {runbook.Path} lacks the In-parameter(s) {string.Join(", ", missing)} that record the maintenance (Initialize Data needs: {string.Join(", ", MaintenanceRecord.ParameterNames)}).",
            });
        }

        _runbooks[runbook.Id] = runbook;
        return _waitRunbook = runbook;
    }

    public async Task<Runbook> RunbookAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!_runbooks.TryGetValue(id, out var runbook))
        {
            runbook = await _context.Service.GetRunbookAsync(id, cancellationToken).ConfigureAwait(false);
            _runbooks[id] = runbook;
        }

        return runbook;
    }

    /// <summary>A job's parameters by name, resolved with the runbook's declared parameters (no extra request when the
    /// wire gives ids), falling back to the service.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ParametersAsync(Job job, CancellationToken cancellationToken)
    {
        var runbook = await RunbookAsync(job.RunbookId, cancellationToken).ConfigureAwait(false);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in job.Parameters)
        {
            var name = value.Name ?? runbook.Parameters.FirstOrDefault(p => p.Id == value.ParameterId)?.Name;
            if (name is null)
            {
                return await _context.Service.GetJobParametersAsync(job, cancellationToken).ConfigureAwait(false);
            }

            result[name] = value.Value;
        }

        return result;
    }

    /// <summary>Every active maintenance record (running or pending wait jobs), in lock order.</summary>
    public async Task<IReadOnlyList<MaintenanceRecord>> ActiveRecordsAsync(string server, string operation, CancellationToken cancellationToken)
    {
        var waitRunbook = await WaitRunbookAsync(server, operation, cancellationToken).ConfigureAwait(false);
        var jobs = await _context.Service.GetJobsAsync(JobQuery.ActiveOf(waitRunbook.Id), cancellationToken).ConfigureAwait(false);
        return await RecordsOfAsync(jobs, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records read from wait jobs; jobs whose parameters are not a record (started by hand) are reported and skipped.</summary>
    public async Task<IReadOnlyList<MaintenanceRecord>> RecordsOfAsync(IEnumerable<Job> waitJobs, CancellationToken cancellationToken)
    {
        var records = new List<MaintenanceRecord>();
        foreach (var job in waitJobs)
        {
            var parameters = await ParametersAsync(job, cancellationToken).ConfigureAwait(false);
            if (MaintenanceRecord.TryParse(job, parameters, out var record, out var problem))
            {
                records.Add(record!);
            }
            else
            {
                _context.Report(string.Empty, MaintenanceEventKind.Warning, $"Ignoring a Wait Runbook job that holds no maintenance record: {problem}.");
            }
        }

        return MaintenanceRecord.InLockOrder(records);
    }

    public async Task<JobSummary> SummarizeAsync(Job job, CancellationToken cancellationToken)
    {
        var runbook = await RunbookAsync(job.RunbookId, cancellationToken).ConfigureAwait(false);
        return Summarize(job, runbook);
    }

    /// <summary>The job as reports show it, with how long it has run (or waited) so far.</summary>
    /// <remarks>The job's creation time is on the Orchestrator's clock, so its age is taken against that clock (issue
    /// 17): against this machine's, a farm (or a simulator at --speed 60) whose clock runs ahead showed every job
    /// "running 0s" and negative seconds in --json.</remarks>
    public JobSummary Summarize(Job job, Runbook runbook) =>
        new(job.Id, runbook.Path, job.Status, Age(job));

    /// <summary>How long the job has existed on the service's clock, never negative (the service's clock is estimated
    /// to a second, early: a job read at once may look a moment younger than zero).</summary>
    private TimeSpan Age(Job job)
    {
        var age = _context.ServiceNow - job.CreationTime;
        return age < TimeSpan.Zero ? TimeSpan.Zero : age;
    }
}
