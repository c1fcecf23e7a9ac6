using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using OrchPatch.Simulator.Runtime;
using OrchPatch.Simulator.Scenarios;
using OrchPatch.Simulator.Wire;

namespace OrchPatch.Simulator.Control;

/// <summary>The control surface under <c>/_simulator/</c> (JSON; not part of Orchestrator, no authentication, no
/// faults): servers and their max jobs (the stand-in for the database throttle), reboot/offline/online, jobs, the
/// workload, faults, the event log and the metrics. It calls <see cref="SimulatedOrchestrator"/>'s public API.</summary>
internal sealed class ControlService
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    private const string Routes =
        "GET /_simulator/, GET servers, GET servers/{name}, GET|PUT servers/{name}/maxjobs, POST servers/{name}/reboot?downtime=60s, " +
        "POST servers/{name}/offline, POST servers/{name}/online, GET events?since=N, GET metrics, GET|POST jobs, GET jobs/{id}, " +
        "POST jobs/{id}/cancel, POST workload/start, POST workload/stop, GET|POST|DELETE faults";

    private readonly SimulatedOrchestrator _simulator;

    public ControlService(SimulatedOrchestrator simulator) => _simulator = simulator;

    public static SimResponse Error(WireException error) => Reply(error.StatusCode, new { error = error.Message });

    public SimResponse Handle(SimRequest request, string relative, string method)
    {
        try
        {
            return Dispatch(request, relative.Trim('/').Split('/'), method);
        }
        catch (WireException ex)
        {
            return Error(ex);
        }
        catch (UnknownServerException ex)
        {
            return Error(WireException.NotFound(ex.Message));
        }
        catch (UnknownRunbookException ex)
        {
            return Error(WireException.NotFound(ex.Message));
        }
        catch (ArgumentException ex)
        {
            return Error(WireException.BadRequest(ex.Message));
        }
        catch (InvalidOperationException ex)
        {
            return Error(new WireException(409, ex.Message));
        }
    }

    private SimResponse Dispatch(SimRequest request, string[] path, string method)
    {
        var route = string.Join("/", path.Select((p, i) => i == 1 && path[0] is "servers" or "jobs" ? "{}" : p.ToLowerInvariant()));
        return (method, route) switch
        {
            ("GET", "") => Ok(new
            {
                now = _simulator.Now,
                start = _simulator.Start,
                scenario = _simulator.Scenario.Name,
                workloadRunning = _simulator.IsWorkloadRunning,
                routes = Routes,
            }),
            ("GET", "servers") => Ok(_simulator.Servers),
            ("GET", "servers/{}") => Ok(_simulator.GetServer(path[1])),
            ("GET", "servers/{}/maxjobs") => Ok(MaxJobs(path[1], changed: null)),
            ("PUT", "servers/{}/maxjobs") => Ok(MaxJobs(path[1], _simulator.SetMaxJobs(path[1], ReadMaxJobs(request)))),
            ("POST", "servers/{}/reboot") => Reboot(request, path[1]),
            ("POST", "servers/{}/offline") => Ok(new { changed = _simulator.TakeOffline(path[1]), server = _simulator.GetServer(path[1]) }),
            ("POST", "servers/{}/online") => Ok(new { changed = _simulator.BringOnline(path[1]), server = _simulator.GetServer(path[1]) }),
            ("GET", "events") => Ok(_simulator.Events.Since(Since(request))),
            ("GET", "metrics") => Ok(_simulator.Metrics),
            ("GET", "jobs") => Ok(_simulator.Jobs),
            ("POST", "jobs") => StartJob(request),
            ("GET", "jobs/{}") => Ok(_simulator.GetJob(JobId(path[1]))),
            ("POST", "jobs/{}/cancel") => Ok(new { accepted = _simulator.CancelJob(JobId(path[1])), job = _simulator.GetJob(JobId(path[1])) }),
            ("POST", "workload/start") => Ok(new { changed = _simulator.StartWorkload(), running = _simulator.IsWorkloadRunning }),
            ("POST", "workload/stop") => Ok(new { changed = _simulator.StopWorkload(), running = _simulator.IsWorkloadRunning }),
            ("GET", "faults") => Ok(_simulator.Faults),
            ("POST", "faults") => AddFault(request),
            ("DELETE", "faults") => ClearFaults(),
            _ => throw (Known(route)
                ? WireException.MethodNotAllowed($"{method} is not allowed on /_simulator/{string.Join("/", path)}. Routes: {Routes}.")
                : WireException.NotFound($"No control route /_simulator/{string.Join("/", path)}. Routes: {Routes}.")),
        };
    }

    private static bool Known(string route) => route is "" or "servers" or "servers/{}" or "servers/{}/maxjobs" or "servers/{}/reboot"
        or "servers/{}/offline" or "servers/{}/online" or "events" or "metrics" or "jobs" or "jobs/{}" or "jobs/{}/cancel"
        or "workload/start" or "workload/stop" or "faults";

    private object MaxJobs(string name, bool? changed)
    {
        var server = _simulator.GetServer(name);
        return new { server = server.Name, maxJobs = server.MaxJobs, effectiveMaxJobs = server.EffectiveMaxJobs, changed };
    }

    private SimResponse Reboot(SimRequest request, string name)
    {
        var text = request.QueryValue("downtime") ?? "60s";
        if (!DurationText.TryParse(text, out var downtime))
        {
            throw WireException.BadRequest($"downtime must be {DurationText.Expected}; got '{text}'.");
        }

        _simulator.Reboot(name, downtime);
        return Ok(_simulator.GetServer(name));
    }

    private SimResponse StartJob(SimRequest request)
    {
        var body = Parse<StartJobBody>(request, "{\"runbook\":\"\\\\Folder\\\\Runbook\",\"parameters\":{\"Name\":\"value\"},\"servers\":[\"RB01\"]}");
        if (string.IsNullOrWhiteSpace(body.Runbook))
        {
            throw WireException.BadRequest("'runbook' (the runbook's path) is required.");
        }

        var job = _simulator.StartJob(body.Runbook, body.Parameters, body.Servers);
        return Reply(201, job);
    }

    private SimResponse AddFault(SimRequest request)
    {
        var rule = Parse<FaultRule>(request, "{\"kind\":\"ServiceUnavailable\",\"rate\":1,\"count\":1,\"method\":\"POST\",\"entitySet\":\"Jobs\"}");
        _simulator.AddFault(rule);
        return Reply(201, _simulator.Faults);
    }

    private SimResponse ClearFaults()
    {
        _simulator.ClearFaults();
        return Ok(_simulator.Faults);
    }

    private static int ReadMaxJobs(SimRequest request)
    {
        var text = System.Text.Encoding.UTF8.GetString(request.Body).Trim();
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var bare))
        {
            return bare;
        }

        var body = Parse<MaxJobsBody>(request, "{\"maxJobs\":1}");
        return body.MaxJobs ?? throw WireException.BadRequest($"'maxJobs' is required ({MaxJobsLimits.Min}-{MaxJobsLimits.Max}).");
    }

    private static long Since(SimRequest request)
    {
        var text = request.QueryValue("since");
        if (text is null)
        {
            return 0;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var since)
            ? since
            : throw WireException.BadRequest($"since must be an event sequence number (0 or more); got '{text}'.");
    }

    private static Guid JobId(string text) =>
        Guid.TryParse(text, out var id) ? id : throw WireException.BadRequest($"'{text}' is not a job id (a GUID).");

    private static T Parse<T>(SimRequest request, string example)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(request.Body, Json) ?? throw WireException.BadRequest($"The body is empty; send for example {example}.");
        }
        catch (JsonException ex)
        {
            throw WireException.BadRequest($"The body is not valid JSON for this request ({ex.Message}); send for example {example}.");
        }
    }

    private static SimResponse Ok(object value) => Reply(200, value);

    private static SimResponse Reply(int status, object value) =>
        new(status, "application/json; charset=utf-8", JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), Json));

    private sealed record StartJobBody(string? Runbook, Dictionary<string, string>? Parameters, List<string>? Servers);

    private sealed record MaxJobsBody(int? MaxJobs);
}
