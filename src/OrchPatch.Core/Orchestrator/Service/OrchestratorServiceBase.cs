using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using OrchPatch.Core.Utils;

namespace OrchPatch.Core.Orchestrator;

/// <summary>The contract of <see cref="IOrchestratorService"/>, written once: paging, lookups, the start that never
/// runs a runbook twice, and the cancel that follows the job's changes. What each API writes differently on the wire
/// (literals, paging options, key paths, the format, the start and cancel requests) is left to the two subclasses.</summary>
internal abstract class OrchestratorServiceBase : IOrchestratorService, IServiceClock
{
    private const int SimilarPathsShown = 10;
    private const int MaxRunbooksForSuggestions = 10 * OrchestratorConnectionConstants.PageSize;
    private static readonly int[] NotFound = { 404 };
    private static readonly int[] CancelRefusals = { 400, 404, 409, 412 };
    private static readonly Regex GuidInText = new("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", RegexOptions.RightToLeft);

    protected OrchestratorServiceBase(OrchestratorHttp http) => Http = http;

    public OrchestratorEndpoint Endpoint => Http.Endpoint;

    protected OrchestratorHttp Http { get; }

    private Uri Root => Http.Root;

    /// <inheritdoc />
    public DateTimeOffset? ServiceTimeAt(DateTimeOffset localTime) => Http.ServiceClock.ServiceTimeAt(localTime);

    /// <summary>A job as read, its times noted on the service clock.</summary>
    private Job Seen(Job job) => Http.ServiceClock.Observe(job, Http.Time.GetUtcNow());

    public async Task<IReadOnlyList<RunbookServer>> GetRunbookServersAsync(CancellationToken cancellationToken = default)
    {
        var rows = await ListAsync("RunbookServers", null, "list the runbook servers", cancellationToken).ConfigureAwait(false);
        return rows.Select(EntityMapper.ToRunbookServer).ToArray();
    }

    public async Task<Runbook> GetRunbookAsync(Guid runbookId, CancellationToken cancellationToken = default)
    {
        var rows = await ListAsync("Runbooks", "Id eq " + GuidLiteral(runbookId), $"get the runbook {runbookId}", cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            throw new RunbookNotFoundException(runbookId.ToString(), Root);
        }

        return await WithParametersAsync(rows[0], cancellationToken).ConfigureAwait(false);
    }

    public async Task<Runbook> FindRunbookAsync(string path, CancellationToken cancellationToken = default)
    {
        Guard.NotNullOrWhiteSpace(path);
        var rows = await ListAsync("Runbooks", "Path eq " + StringLiteral(path), $"find the runbook '{path}'", cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            var all = await ListAsync("Runbooks", null, "list the runbooks", cancellationToken, MaxRunbooksForSuggestions).ConfigureAwait(false);
            throw new RunbookNotFoundException(path, Root, SimilarPaths.Rank(path, all.Select(r => r.Text("Path") ?? string.Empty), SimilarPathsShown));
        }

        var exact = rows.FirstOrDefault(r => string.Equals(r.Text("Path"), path, StringComparison.Ordinal)) ?? rows[0];
        return await WithParametersAsync(exact, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Job>> GetJobsAsync(JobQuery query, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(query);
        var rows = await ListAsync("Jobs", JobFilter(query), "list the jobs", cancellationToken).ConfigureAwait(false);
        return rows.Select(EntityMapper.ToJob).Select(Seen).ToArray();
    }

    public async Task<JobCount> CountJobsAsync(JobQuery query, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(query);
        var filter = JobFilter(query);
        var options = (filter is null ? string.Empty : "$filter=" + Uri.EscapeDataString(filter) + "&") + "$orderby=" + Uri.EscapeDataString("CreationTime desc") + "&" + PageOptions(0, 1);
        var response = await Http.SendAsync(WireRequest.Get("Jobs?" + options, "count the jobs"), cancellationToken).ConfigureAwait(false);
        var page = ReadFeed(response, "Jobs");
        if (page.TotalCount is not { } total)
        {
            throw new OrchestratorProtocolException($"The Orchestrator web service at {Root} answered a counted request for jobs without a count.", Root);
        }

        return new JobCount(total, page.Entities.Count == 0 ? null : Seen(EntityMapper.ToJob(page.Entities[0])));
    }

    public async Task<Job> GetJobAsync(Guid jobId, CancellationToken cancellationToken = default)
    {
        var request = WireRequest.Get(EntityPath("Jobs", jobId), $"get the job {jobId}") with { HandledStatuses = NotFound };
        var response = await Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == 404 || response.Body.Trim().Length == 0)
        {
            throw new JobNotFoundException(jobId, Root);
        }

        return Seen(EntityMapper.ToJob(ReadEntity(response, "Jobs")));
    }

    /// <remarks>
    /// Before anything is sent: the runbook must exist, every name must be one of its In-parameters, every target
    /// server must exist. Then the POST, retried on transient faults; but before each new POST, and once more after
    /// the last failure, the jobs of this runbook created since the first attempt (less the clock-skew allowance)
    /// are searched for one with the same parameter values and target servers. When the server created the job and
    /// only the answer was lost, that job is returned and no second one is started. Jobs that already existed before
    /// the first attempt are listed first and never taken: the clock-skew allowance would otherwise let an earlier,
    /// identical start (a monitor's copy canceled a minute ago, the last restore's canary) pass for this one.
    /// </remarks>
    public async Task<Job> StartJobAsync(StartJobRequest request, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(request);
        var runbook = await GetRunbookAsync(request.RunbookId, cancellationToken).ConfigureAwait(false);
        var values = ParameterBinding.Bind(runbook, request.Parameters);
        var servers = await ResolveServersAsync(request.RunbookServers, cancellationToken).ConfigureAwait(false);
        var post = StartRequest(runbook, values, servers) with
        {
            Operation = $"start the runbook '{runbook.Path}'",
            Permission = PublishPermission(runbook.Path),
            BadRequestHint = "For a start, a 400 can also mean an unknown parameter name or a missing Publish permission on the runbook.",
        };
        // The lookup compares CreationTime, the service's clock: "since" is on that clock too (the skew allowance then
        // covers only what the clock estimate cannot see), so a service clock minutes behind never hides the job.
        var localNow = Http.Time.GetUtcNow();
        var since = (ServiceTimeAt(localNow) ?? localNow) - OrchestratorConnectionConstants.StartLookupClockSkew;
        var before = await JobsCreatedSinceAsync(runbook, since, cancellationToken).ConfigureAwait(false);
        var attempted = false;
        try
        {
            return await Http.RetryAsync(
                post.Operation,
                async attempt =>
                {
                    if (attempted && await FindStartedJobAsync(runbook, values, servers, since, before, attempt).ConfigureAwait(false) is { } created)
                    {
                        return created;
                    }

                    attempted = true;
                    var response = await Http.SendOnceAsync(post, attempt).ConfigureAwait(false);
                    return await ReadStartedJobAsync(response, runbook, attempt).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (OrchestratorUnavailableException) when (attempted)
        {
            if (await TryFindStartedJobAsync(runbook, values, servers, since, before, cancellationToken).ConfigureAwait(false) is { } created)
            {
                return created;
            }

            throw;
        }
    }

    /// <remarks>Reads the job first: one that has ended is left alone (false). A 412 means the job changed between the
    /// read and the cancel: it is read again and, while still active, canceled again (a bounded number of times). A
    /// cancel that was sent but whose answer was lost meets, when retried, a job that has already changed: 412 with
    /// an ETag, or a refusal (400/409) of a second cancel. Either way the job is read again, and a job that is now
    /// Canceled after this call sent its cancel counts as accepted.</remarks>
    public async Task<bool> CancelJobAsync(Guid jobId, CancellationToken cancellationToken = default)
    {
        var sent = false;
        for (var conflicts = 0; ; conflicts++)
        {
            var job = await GetJobAsync(jobId, cancellationToken).ConfigureAwait(false);
            if (!job.Status.IsActive())
            {
                return sent && job.Status == JobStatus.Canceled;
            }

            if (conflicts == OrchestratorConnectionConstants.MaxCancelConflicts)
            {
                throw new OrchestratorException(
                    $"Could not stop the job {jobId}: it changed each time it was about to be canceled ({conflicts} times 412 Precondition Failed). Try again.",
                    Root,
                    412);
            }

            var request = CancelRequest(job) with { Operation = $"stop the job {jobId}", HandledStatuses = CancelRefusals };
            WireResponse response;
            try
            {
                response = await Http.RetryAsync(
                    request.Operation,
                    attempt =>
                    {
                        sent = true;
                        return Http.SendOnceAsync(request, attempt);
                    },
                    cancellationToken).ConfigureAwait(false);
            }
            catch (OrchestratorPermissionException)
            {
                var path = await TryGetRunbookPathAsync(job.RunbookId, cancellationToken).ConfigureAwait(false);
                throw new OrchestratorPermissionException(Root, Http.Account, request.Operation, PublishPermission(path));
            }

            switch (response.StatusCode)
            {
                case 404:
                    throw new JobNotFoundException(jobId, Root);
                case 412:
                    continue;
                case 400 or 409:
                    var now = await GetJobAsync(jobId, cancellationToken).ConfigureAwait(false);
                    return !now.Status.IsActive() ? sent && now.Status == JobStatus.Canceled : throw Http.Failure(request, response);
                default:
                    return true;
            }
        }
    }

    public async Task<IReadOnlyDictionary<string, string>> GetJobParametersAsync(Job job, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(job);
        Runbook? runbook = null;
        if (job.Parameters.Any(p => p.Name is null))
        {
            try
            {
                runbook = await GetRunbookAsync(job.RunbookId, cancellationToken).ConfigureAwait(false);
            }
            catch (RunbookNotFoundException)
            {
                // Deleted since the job started: the values keep their ids as names.
            }
        }

        return ParameterBinding.ByName(job.Parameters, runbook);
    }

    public async Task<IReadOnlyList<RunbookInstance>> GetRunbookInstancesAsync(Guid jobId, CancellationToken cancellationToken = default)
    {
        var rows = await ListAsync("RunbookInstances", "JobId eq " + GuidLiteral(jobId), $"list the runbook instances of the job {jobId}", cancellationToken).ConfigureAwait(false);
        return rows.Select(EntityMapper.ToRunbookInstance).ToArray();
    }

    public void Dispose() => Http.Dispose();

    /// <summary>A GUID in a <c>$filter</c>.</summary>
    protected abstract string GuidLiteral(Guid value);

    /// <summary>A UTC time in a <c>$filter</c>.</summary>
    protected abstract string TimeLiteral(DateTimeOffset value);

    /// <summary>The paging options for one page (they also ask for the total count).</summary>
    protected abstract string PageOptions(int skip, int top);

    /// <summary>The path of one entity by key.</summary>
    protected abstract string EntityPath(string entitySet, Guid id);

    protected abstract WireFeed ReadFeed(WireResponse response, string entitySet);

    protected abstract WireEntity ReadEntity(WireResponse response, string entitySet);

    /// <summary>The POST that starts a job (the base sets operation and permission).</summary>
    protected abstract WireRequest StartRequest(Runbook runbook, IReadOnlyList<KeyValuePair<RunbookParameter, string>> values, IReadOnlyList<string> servers);

    /// <summary>The request that sets an active job's status to Canceled (the base sets operation and handled statuses).</summary>
    protected abstract WireRequest CancelRequest(Job job);

    /// <summary>A string in a <c>$filter</c>: single quotes, an embedded quote doubled (the same in both APIs).</summary>
    protected static string StringLiteral(string value) => "'" + value.Replace("'", "''") + "'";

    private static string PublishPermission(string path) => $"Publish permission on the runbook '{path}'";

    private static bool SameServers(IReadOnlyList<string> actual, IReadOnlyList<string> wanted) =>
        new HashSet<string>(actual, StringComparer.OrdinalIgnoreCase).SetEquals(wanted);

    private static bool SameValues(IReadOnlyDictionary<string, string> actual, IReadOnlyList<KeyValuePair<RunbookParameter, string>> wanted) =>
        actual.Count == wanted.Count && wanted.All(w => actual.TryGetValue(w.Key.Name, out var value) && string.Equals(value, w.Value, StringComparison.Ordinal));

    /// <summary>Reads every page of an entity set: <c>$top</c> 50, <c>$skip</c> by what was read, until the counted
    /// total is reached, a page is empty, or a page brings nothing new (a server that ignores <c>$skip</c> must not
    /// make this loop forever). A row seen twice (rows shift while paging) is kept once.</summary>
    private async Task<IReadOnlyList<WireEntity>> ListAsync(string entitySet, string? filter, string operation, CancellationToken cancellationToken, int maxRows = int.MaxValue)
    {
        var rows = new List<WireEntity>();
        var seen = new HashSet<Guid>();
        var skip = 0;
        while (rows.Count < maxRows)
        {
            var query = (filter is null ? string.Empty : "$filter=" + Uri.EscapeDataString(filter) + "&") + PageOptions(skip, OrchestratorConnectionConstants.PageSize);
            var response = await Http.SendAsync(WireRequest.Get(entitySet + "?" + query, operation), cancellationToken).ConfigureAwait(false);
            var page = ReadFeed(response, entitySet);
            var fresh = page.Entities.Where(e => seen.Add(e.Id())).ToArray();
            rows.AddRange(fresh);
            skip += page.Entities.Count;
            if (fresh.Length == 0 || (page.TotalCount is { } total && skip >= total))
            {
                break;
            }
        }

        return rows.Count > maxRows ? rows.GetRange(0, maxRows) : rows;
    }

    private string? JobFilter(JobQuery query)
    {
        if (query.Statuses.Contains(JobStatus.Unknown))
        {
            throw new ArgumentException("A job query cannot ask for the Unknown status: it has no wire text.", nameof(query));
        }

        var parts = new List<string>();
        if (query.RunbookServerId is { } server)
        {
            parts.Add("RunbookServerId eq " + GuidLiteral(server));
        }

        if (query.RunbookId is { } runbook)
        {
            parts.Add("RunbookId eq " + GuidLiteral(runbook));
        }

        if (query.Statuses.Count > 0)
        {
            parts.Add("(" + string.Join(" or ", query.Statuses.Distinct().Select(s => "Status eq " + StringLiteral(s.ToWire()))) + ")");
        }

        if (query.CreatedSince is { } since)
        {
            parts.Add("CreationTime ge " + TimeLiteral(since));
        }

        if (query.Ids.Count > 0)
        {
            parts.Add("(" + string.Join(" or ", query.Ids.Distinct().Select(id => "Id eq " + GuidLiteral(id))) + ")");
        }

        return parts.Count == 0 ? null : string.Join(" and ", parts);
    }

    private async Task<Runbook> WithParametersAsync(WireEntity runbook, CancellationToken cancellationToken)
    {
        var id = runbook.Id();
        var rows = await ListAsync("RunbookParameters", "RunbookId eq " + GuidLiteral(id), $"read the parameters of the runbook '{runbook.Text("Path")}'", cancellationToken).ConfigureAwait(false);
        return EntityMapper.ToRunbook(runbook, rows.Select(EntityMapper.ToRunbookParameter).ToArray());
    }

    /// <summary>The target servers as the service names them; an unknown name fails before anything is started
    /// (Orchestrator would keep such a job Pending for ever).</summary>
    private async Task<IReadOnlyList<string>> ResolveServersAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        if (names.Count == 0)
        {
            return Array.Empty<string>();
        }

        var existing = await GetRunbookServersAsync(cancellationToken).ConfigureAwait(false);
        return names.Select(name =>
            existing.FirstOrDefault(s => string.Equals(s.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))?.Name
            ?? throw new Maintenance.UnknownRunbookServerException(name ?? string.Empty, Root.ToString(), existing.Select(s => s.Name).ToArray(), "start a job on")).ToArray();
    }

    private async Task<Job> ReadStartedJobAsync(WireResponse response, Runbook runbook, CancellationToken cancellationToken)
    {
        if (response.Body.Trim().Length > 0)
        {
            var entity = ReadEntity(response, "Jobs");
            if (entity.Guid("Id") is not null)
            {
                return Seen(EntityMapper.ToJob(entity));
            }
        }

        var location = response.Location?.ToString();
        var match = location is null ? null : GuidInText.Match(location);
        if (match is null || !match.Success)
        {
            throw new OrchestratorProtocolException(
                $"The Orchestrator web service at {Root} answered {response.StatusCode} to the start of '{runbook.Path}' without the new job's id (none in the body or the Location header).",
                Root);
        }

        return await GetJobAsync(Guid.Parse(match.Value), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The ids of this runbook's jobs created since <paramref name="since"/>: before a start, the jobs that
    /// are not its own.</summary>
    private async Task<ISet<Guid>> JobsCreatedSinceAsync(Runbook runbook, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var query = new JobQuery { RunbookId = runbook.Id, CreatedSince = since };
        var rows = await ListAsync("Jobs", JobFilter(query), $"list the recent jobs of '{runbook.Path}' before starting it", cancellationToken).ConfigureAwait(false);
        return new HashSet<Guid>(rows.Select(EntityMapper.ToJob).Select(j => j.Id));
    }

    private async Task<Job?> FindStartedJobAsync(
        Runbook runbook, IReadOnlyList<KeyValuePair<RunbookParameter, string>> values, IReadOnlyList<string> servers, DateTimeOffset since, ISet<Guid> before, CancellationToken cancellationToken)
    {
        var query = new JobQuery { RunbookId = runbook.Id, CreatedSince = since };
        var rows = await ListAsync("Jobs", JobFilter(query), $"look for the job the start of '{runbook.Path}' may have created", cancellationToken).ConfigureAwait(false);
        return rows.Select(EntityMapper.ToJob)
            .Where(j => !before.Contains(j.Id) && SameServers(j.RunbookServers, servers) && SameValues(ParameterBinding.ByName(j.Parameters, runbook), values))
            .OrderByDescending(j => j.CreationTime)
            .FirstOrDefault();
    }

    private async Task<Job?> TryFindStartedJobAsync(
        Runbook runbook, IReadOnlyList<KeyValuePair<RunbookParameter, string>> values, IReadOnlyList<string> servers, DateTimeOffset since, ISet<Guid> before, CancellationToken cancellationToken)
    {
        try
        {
            return await FindStartedJobAsync(runbook, values, servers, since, before, cancellationToken).ConfigureAwait(false);
        }
        catch (OrchestratorException)
        {
            return null;
        }
    }

    private async Task<string> TryGetRunbookPathAsync(Guid runbookId, CancellationToken cancellationToken)
    {
        try
        {
            return (await GetRunbookAsync(runbookId, cancellationToken).ConfigureAwait(false)).Path;
        }
        catch (OrchestratorException)
        {
            return runbookId.ToString();
        }
    }
}
