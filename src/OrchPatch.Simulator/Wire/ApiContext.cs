using System;
using System.Collections.Generic;
using System.Linq;
using OrchPatch.Simulator.Runtime;

namespace OrchPatch.Simulator.Wire;

/// <summary>What a handler of one of the two Orchestrator APIs works with.</summary>
internal sealed class ApiContext
{
    public ApiContext(SimRequest request, Farm farm, SimulatorSettings settings, Caller caller, Uri root)
    {
        Request = request;
        Farm = farm;
        Settings = settings;
        Caller = caller;
        Root = root;
    }

    public SimRequest Request { get; }

    public Farm Farm { get; }

    public SimulatorSettings Settings { get; }

    public Caller Caller { get; }

    /// <summary>The API's root as the client addressed it, ending in '/'.</summary>
    public Uri Root { get; }

    public DateTimeOffset Now => Farm.ServiceNow;

    /// <summary>A whole set as a source for a query: checks now that the caller may read the set, then gives, for the
    /// query's filter, the entities the caller may read among those the filter can match (the set's index, when it has one).</summary>
    public Func<FilterNode?, IEnumerable<object>> VisibleSet(WireEntitySet set)
    {
        RequireSomeRead(set);
        return filter => set.Matchable(Farm, filter).Where(e => Caller.CanRead(set.Runbook(e)));
    }

    /// <summary>The entities of a set the caller may read.</summary>
    public IEnumerable<object> Visible(WireEntitySet set, IEnumerable<object> entities)
    {
        RequireSomeRead(set);
        return entities.Where(e => Caller.CanRead(set.Runbook(e)));
    }

    /// <summary>403 unless the caller may read something (anyone signed in may list the runbook servers).</summary>
    private void RequireSomeRead(WireEntitySet set)
    {
        if (set != EntityModel.RunbookServers)
        {
            Caller.RequireSomeRead();
        }
    }

    /// <summary>One entity by key, or 404 (403 when it exists but the caller may not read it).</summary>
    public object Single(WireEntitySet set, Guid key, string notFound)
    {
        var entity = set.Find(Farm, key) ?? throw WireException.NotFound(notFound);
        if (set != EntityModel.RunbookServers)
        {
            Caller.RequireSomeRead();
        }

        if (!Caller.CanRead(set.Runbook(entity)))
        {
            throw WireException.Forbidden(Caller.ReadDenied);
        }

        return entity;
    }

    /// <summary>Creates a job after the checks both APIs share: the servers exist, the caller may publish.</summary>
    public SimJob StartJob(SimRunbook runbook, IReadOnlyList<SimParameterValue> parameters, IReadOnlyList<string> servers, string source, Func<string, WireException> invalid)
    {
        try
        {
            Farm.ResolveServers(servers);
        }
        catch (UnknownServerException ex)
        {
            throw invalid(ex.Message);
        }

        Caller.RequirePublish(runbook);
        return Farm.CreateJob(new NewJob(runbook, parameters, servers, Caller.Sid), source);
    }

    /// <summary>Asks to cancel a job after the checks both APIs share; a job that already ended otherwise is 400.</summary>
    public void CancelJob(SimJob job)
    {
        Caller.RequirePublish(job.Runbook);
        if (Farm.RequestCancel(job, Caller.Sid) == CancelOutcome.AlreadyEnded)
        {
            throw WireException.BadRequest(
                $"Job {EdmText.Guid(job.Id)} has already ended ({job.Status}); only Pending or Running jobs can be canceled.");
        }
    }
}
