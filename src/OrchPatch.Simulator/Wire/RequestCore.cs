using System;
using System.Text;
using OrchPatch.Simulator.Control;
using OrchPatch.Simulator.Events;
using OrchPatch.Simulator.Runtime;

using OrchPatch.Simulator.Utils;

namespace OrchPatch.Simulator.Wire;

/// <summary>The one request-handling core both transports call: route to the legacy service, the Web API or the
/// control surface; inject faults; authenticate; answer; log the request. Synchronous and free of real waits: with
/// the in-process handler on a fake clock everything runs inline.</summary>
internal sealed class RequestCore
{
    private readonly object _gate;
    private readonly SimulationClock _clock;
    private readonly Farm _farm;
    private readonly SimulatorSettings _settings;
    private readonly FaultInjector _faults;
    private readonly EventLog _log;
    private readonly ControlService _control;

    public RequestCore(object gate, SimulationClock clock, Farm farm, SimulatorSettings settings, FaultInjector faults, EventLog log, ControlService control)
    {
        _gate = gate;
        _clock = clock;
        _farm = farm;
        _settings = settings;
        _faults = faults;
        _log = log;
        _control = control;
    }

    public SimResponse Handle(SimRequest request)
    {
        lock (_gate)
        {
            _clock.CatchUp();
            var (api, relative) = Route(request.Path);
            var method = api == SimulatorApi.OData && request.Method == "POST" && request.Header("X-HTTP-Method") is { Length: > 0 } tunnelled
                ? tunnelled.Trim().ToUpperInvariant()
                : request.Method;
            var resource = FirstSegment(relative);
            FaultKind? fault = null;
            string? user = null;
            SimResponse response;
            try
            {
                response = api switch
                {
                    SimulatorApi.OData or SimulatorApi.WebApi => Orchestrator(request, api, relative, method, resource, out fault, out user),
                    SimulatorApi.Control => _control.Handle(request, relative, method),
                    _ => SimResponse.Text(
                        404,
                        $"Nothing is served at {request.Path}. The simulator serves {request.BaseAddress}{SimulatorConstants.ODataPath}, " +
                        $"{request.BaseAddress}{SimulatorConstants.WebApiPath} and {request.BaseAddress}{SimulatorConstants.ControlPath}."),
                };
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                var bug = new WireException(500, "Bug in OrchPatch simulator: " + SecretMask.Apply(ex.Message) + " (" + ex.GetType().Name + ").");
                response = api switch
                {
                    SimulatorApi.OData => LegacyService.Error(bug),
                    SimulatorApi.WebApi => WebApiService.Error(bug),
                    _ => ControlService.Error(bug),
                };
            }

            _log.Append(
                new RequestServed
                {
                    Api = api,
                    Method = method,
                    Path = request.Path,
                    EntitySet = resource,
                    Skip = int.TryParse(request.QueryValue("$skip"), out var skip) && skip > 0 ? skip : 0,
                    StatusCode = response.StatusCode,
                    Fault = fault,
                    User = user,
                },
                _clock.Now);
            _clock.CatchUp();
            if (api is SimulatorApi.OData or SimulatorApi.WebApi && !response.Reset)
            {
                response.Delay += Latency(response);
            }

            return response;
        }
    }

    /// <summary>The time an answer of the Orchestrator APIs takes to arrive (see <see cref="SimulatorSettings.RequestLatency"/>).</summary>
    private TimeSpan Latency(SimResponse response) =>
        _settings.RequestLatency + TimeSpan.FromTicks(_settings.RequestLatencyPerEntry.Ticks * response.Entries);

    private SimResponse Orchestrator(SimRequest request, SimulatorApi api, string relative, string method, string? resource, out FaultKind? fault, out string? user)
    {
        user = null;
        var rule = _faults.Draw(method, resource);
        fault = rule?.Kind;
        if (rule is { Processes: false })
        {
            return _faults.Respond(rule.Kind);
        }

        var caller = Caller.Authenticate(request, _settings);
        SimResponse response;
        if (caller is null)
        {
            var denied = new WireException(401, "401 - Unauthorized: Access is denied due to invalid credentials.");
            response = (api == SimulatorApi.OData ? LegacyService.Error(denied) : WebApiService.Error(denied))
                .With("WWW-Authenticate", "Basic realm=\"Orchestrator (OrchPatch simulator)\"");
        }
        else
        {
            user = caller.Name;
            var root = new Uri(request.BaseAddress, api == SimulatorApi.OData ? SimulatorConstants.ODataPath : SimulatorConstants.WebApiPath);
            var context = new ApiContext(request, _farm, _settings, caller, root);
            try
            {
                response = api == SimulatorApi.OData ? LegacyService.Handle(context, relative, method) : WebApiService.Handle(context, relative, method);
            }
            catch (WireException ex)
            {
                response = api == SimulatorApi.OData ? LegacyService.Error(ex) : WebApiService.Error(ex);
            }
        }

        response = rule is null ? response : _faults.Respond(rule.Kind);
        // IIS stamps every answer with its clock (RFC 9110 section 6.6.1), a fault's too: the client reads the
        // service's clock from it.
        return response.With("Date", _farm.ServiceNow.UtcDateTime.ToString("r", System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Which surface a path belongs to, and the path under its root. The roots match ignoring case (IIS).</summary>
    internal static (SimulatorApi Api, string Relative) Route(string path)
    {
        foreach (var (api, root) in new[]
        {
            (SimulatorApi.OData, "/" + SimulatorConstants.ODataPath),
            (SimulatorApi.WebApi, "/" + SimulatorConstants.WebApiPath),
            (SimulatorApi.Control, "/" + SimulatorConstants.ControlPath),
        })
        {
            var bare = root.TrimEnd('/');
            if (string.Equals(path, bare, StringComparison.OrdinalIgnoreCase))
            {
                return (api, string.Empty);
            }

            if (path.StartsWith(root, StringComparison.OrdinalIgnoreCase))
            {
                return (api, path.Substring(root.Length));
            }
        }

        return (SimulatorApi.None, path);
    }

    private static string? FirstSegment(string relative)
    {
        var end = relative.IndexOfAny(new[] { '(', '/' });
        var first = end < 0 ? relative : relative.Substring(0, end);
        return first.Length == 0 ? null : first;
    }
}
