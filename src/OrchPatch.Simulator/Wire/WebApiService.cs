using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using OrchPatch.Simulator.Runtime;

namespace OrchPatch.Simulator.Wire;

/// <summary>The 2022 Web API (<c>/api/</c>, OData v4 JSON), with the choices the reference leaves open made as the
/// README lists them: sets and properties matched ignoring case, <c>Jobs/&lt;id&gt;</c> and <c>Jobs(&lt;id&gt;)</c>,
/// <c>$count=true</c>, <c>$expand=RunbookInstances</c>, POST Jobs (201) and PATCH Jobs/&lt;id&gt; (cancel, 200).</summary>
internal static class WebApiService
{
    public const string InvalidJob = "Invalid Job creation params";


    public static SimResponse Handle(ApiContext context, string relative, string method)
    {
        relative = relative.TrimEnd('/');
        if (relative.Length == 0)
        {
            WireException.RequireMethod(method, "GET");
            return Json(200, JsonWire.ServiceDocument(context.Root));
        }

        if (string.Equals(relative, "$metadata", StringComparison.OrdinalIgnoreCase))
        {
            throw WireException.NotImplemented("The simulator does not serve $metadata (the real 2022 service's has not been seen; see the README).");
        }

        var segments = new List<string>(relative.Split('/'));
        var (set, key) = ParseFirst(segments[0], context.Request.Path);
        segments.RemoveAt(0);
        if (key is null && segments.Count > 0 && Guid.TryParse(segments[0], out var pathKey))
        {
            key = pathKey;
            segments.RemoveAt(0);
        }

        if (segments.Count > 1 || (segments.Count == 1 && key is null))
        {
            throw WireException.BadRequest($"The path '/api/{relative}' is not supported; use Set, Set/<id>, Set(<id>) or Set(<id>)/Navigation.");
        }

        if (key is null)
        {
            return method switch
            {
                "GET" => Collection(context, set, context.VisibleSet(set)),
                "POST" when set == EntityModel.Jobs => StartJob(context),
                _ => throw WireException.MethodNotAllowed($"{method} is not allowed on {set.Name}; use GET, or POST to Jobs."),
            };
        }

        var entity = context.Single(set, key.Value, $"No {set.TypeName} has the id {EdmText.Guid(key.Value)}.");
        if (segments.Count == 1)
        {
            WireException.RequireMethod(method, "GET");
            var navigation = set.Navigations.FirstOrDefault(n => n.Matches(segments[0], webApi: true))
                ?? throw WireException.NotFound($"'{segments[0]}' is not a navigation property of {set.TypeName}.");
            if (navigation.Resolve is null || !navigation.IsCollection)
            {
                throw WireException.NotImplemented($"The simulator does not implement /api/{set.Name}/<id>/{segments[0]}.");
            }

            var target = EntityModel.Find(navigation.Target, ignoreCase: false)!;
            var related = context.Visible(target, navigation.Resolve(context.Farm, entity));
            return Collection(context, target, _ => related);
        }

        return method switch
        {
            "GET" => Json(200, JsonWire.Entity(context.Root, set, entity, QueryOptions.Parse(context.Request, set, FilterDialect.WebApi, context.Settings).Expand, context.Farm), entries: 1),
            "PATCH" when set == EntityModel.Jobs => CancelJob(context, (SimJob)entity),
            _ => throw WireException.MethodNotAllowed($"{method} is not allowed on {set.Name}/<id>; jobs are stopped with PATCH."),
        };
    }

    public static SimResponse Error(WireException error) => Json(error.StatusCode, JsonWire.Error(error.Message));

    private static (WireEntitySet Set, Guid? Key) ParseFirst(string segment, string path)
    {
        var (set, keyText) = EntityModel.ResolveSegment(
            segment,
            ignoreCase: true,
            () => WireException.BadRequest($"The path '{path}' is not a valid OData v4 resource path."),
            name => WireException.NotFound($"No entity set '{name}' exists; the API serves {EntityModel.ServedNames}."));
        if (keyText is null)
        {
            return (set, null);
        }

        keyText = keyText.StartsWith("Id=", StringComparison.OrdinalIgnoreCase) ? keyText.Substring(3) : keyText;
        return Guid.TryParseExact(keyText, "D", out var key)
            ? (set, key)
            : throw WireException.BadRequest($"The key '{keyText}' is not a bare GUID (the Web API writes Jobs(0e3d0830-5bb6-4717-bb94-330e0338f153), without guid'...').");
    }

    // entities: what the parsed filter is evaluated on (a set gives its index for the filter).
    private static SimResponse Collection(ApiContext context, WireEntitySet set, Func<FilterNode?, IEnumerable<object>> entities)
    {
        var options = QueryOptions.Parse(context.Request, set, FilterDialect.WebApi, context.Settings);
        var (page, total) = options.Apply(entities(options.Filter), set, context.Settings);
        return Json(200, JsonWire.Collection(context.Root, set, page, options.Count ? total : null, options.Expand, context.Farm), page.Count);
    }

    /// <summary>POST /api/Jobs with {"RunbookId":..,"RunbookServers":[..],"Parameters":[{"Name":..,"Value":..}],"CreatedBy":..}.</summary>
    private static SimResponse StartJob(ApiContext context)
    {
        using var body = ReadObject(context.Request, InvalidJob + ": ");
        var fields = Fields(body.RootElement, InvalidJob + ": ", "RunbookId", "RunbookServers", "Parameters", "CreatedBy");
        static WireException Invalid(string detail) => WireException.BadRequest(InvalidJob + ": " + detail);

        if (!fields.TryGetValue("RunbookId", out var idElement) || idElement.ValueKind != JsonValueKind.String || !Guid.TryParse(idElement.GetString(), out var runbookId))
        {
            throw Invalid("RunbookId must be the runbook's id as a string.");
        }

        var runbook = context.Farm.FindRunbook(runbookId) ?? throw Invalid($"no runbook has the id {EdmText.Guid(runbookId)}.");
        var servers = new List<string>();
        if (fields.TryGetValue("RunbookServers", out var serversElement) && serversElement.ValueKind != JsonValueKind.Null)
        {
            if (serversElement.ValueKind != JsonValueKind.Array || serversElement.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            {
                throw Invalid("RunbookServers must be an array of server names, or null.");
            }

            servers.AddRange(serversElement.EnumerateArray().Select(e => e.GetString()!.Trim()).Where(s => s.Length > 0));
        }

        var parameters = new List<SimParameterValue>();
        if (fields.TryGetValue("Parameters", out var parametersElement) && parametersElement.ValueKind != JsonValueKind.Null)
        {
            if (parametersElement.ValueKind != JsonValueKind.Array)
            {
                throw Invalid("Parameters must be an array of {\"Name\":..,\"Value\":..}, or null.");
            }

            foreach (var item in parametersElement.EnumerateArray())
            {
                var pair = item.ValueKind == JsonValueKind.Object ? Fields(item, InvalidJob + ": Parameters: ", "Name", "Value") : null;
                if (pair is null || !pair.TryGetValue("Name", out var name) || name.ValueKind != JsonValueKind.String)
                {
                    throw Invalid("each parameter must be {\"Name\":\"..\",\"Value\":\"..\"}.");
                }

                var parameter = runbook.InParameters.FirstOrDefault(p => string.Equals(p.Name, name.GetString(), StringComparison.Ordinal))
                    ?? throw Invalid(new UnknownParameterException(runbook, name.GetString()!).Message);
                if (parameters.Any(p => p.Parameter == parameter))
                {
                    throw Invalid($"the parameter '{parameter.Name}' is given twice.");
                }

                var value = pair.TryGetValue("Value", out var v) ? v : default;
                parameters.Add(new SimParameterValue(parameter, value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString()!,
                    JsonValueKind.Undefined or JsonValueKind.Null => string.Empty,
                    _ => value.GetRawText(),
                }));
            }
        }

        if (fields.TryGetValue("CreatedBy", out var createdBy) && createdBy.ValueKind is not (JsonValueKind.Null or JsonValueKind.String))
        {
            throw Invalid("CreatedBy must be a string or null.");
        }

        var job = context.StartJob(runbook, parameters, servers, "WebApi", Invalid);
        return Json(201, JsonWire.Entity(context.Root, EntityModel.Jobs, job, Array.Empty<WireNavigation>(), context.Farm))
            .With("Location", context.Root + EntityModel.Jobs.Name + "(" + EdmText.Guid(job.Id) + ")");
    }

    /// <summary>PATCH /api/Jobs/&lt;id&gt; with {"Id":".."} (WEBSCO) or {"Status":"Canceled"}: 200 with the job.</summary>
    private static SimResponse CancelJob(ApiContext context, SimJob job)
    {
        using var body = ReadObject(context.Request, string.Empty);
        var fields = Fields(body.RootElement, string.Empty, "Id", "Status");
        if (fields.TryGetValue("Id", out var id) && (id.ValueKind != JsonValueKind.String || !Guid.TryParse(id.GetString(), out var bodyId) || bodyId != job.Id))
        {
            throw WireException.BadRequest($"The body's Id is not the job in the URL ({EdmText.Guid(job.Id)}).");
        }

        if (fields.TryGetValue("Status", out var status) && (status.ValueKind != JsonValueKind.String || status.GetString() != "Canceled"))
        {
            throw WireException.BadRequest($"A job's Status can only be set to \"Canceled\" (single l); got {status.GetRawText()}.");
        }

        context.CancelJob(job);
        return Json(200, JsonWire.Entity(context.Root, EntityModel.Jobs, job, Array.Empty<WireNavigation>(), context.Farm));
    }

    private static JsonDocument ReadObject(SimRequest request, string prefix)
    {
        var type = request.ContentType;
        if (type is not null && type.IndexOf("json", StringComparison.OrdinalIgnoreCase) < 0)
        {
            throw new WireException(415, $"The content type '{type}' is not supported; send application/json.");
        }

        try
        {
            var document = JsonDocument.Parse(request.Body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw WireException.BadRequest(prefix + "the body must be a JSON object.");
            }

            return document;
        }
        catch (JsonException ex)
        {
            throw WireException.BadRequest(prefix + "the body is not valid JSON: " + ex.Message);
        }
    }

    private static Dictionary<string, JsonElement> Fields(JsonElement element, string prefix, params string[] known)
    {
        var fields = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in element.EnumerateObject())
        {
            var name = known.FirstOrDefault(k => string.Equals(k, property.Name, StringComparison.OrdinalIgnoreCase))
                ?? throw WireException.BadRequest($"{prefix}unknown property '{property.Name}' (known: {string.Join(", ", known)}).");
            if (!fields.TryAdd(name, property.Value))
            {
                throw WireException.BadRequest($"{prefix}the property '{name}' is given twice.");
            }
        }

        return fields;
    }

    private static SimResponse Json(int status, byte[] body, int entries = 0) => new(status, JsonWire.ContentType, body) { Entries = entries };
}
