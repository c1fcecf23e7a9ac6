using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using OrchPatch.Core.Orchestrator;

namespace OrchPatch.Core.Tests.Orchestrator.Fakes;

/// <summary>A request as the fake received it.</summary>
internal sealed record RecordedRequest(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The decoded value of a query option, or null.</summary>
    public string? Query(string name) => QueryOptions(Uri).TryGetValue(name, out var value) ? value : null;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The decoded query options of a URI.</summary>
    public static IReadOnlyDictionary<string, string> QueryOptions(Uri uri) =>
        uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p.Length > 1 ? p[1] : string.Empty));

    /// <summary>Reads the request once (its content included) so a test can look at it afterwards.</summary>
    public static RecordedRequest From(HttpRequestMessage request) => new(
        request.Method.Method,
        request.RequestUri!,
        request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase),
        request.Content?.ReadAsStringAsync(CancellationToken.None).GetAwaiter().GetResult() ?? string.Empty);
}

/// <summary>The fake web service in one API's wire format, answering synchronously from a <see cref="FakeOrchestrator"/>.
/// Written from the reference's samples with XElement and System.Text.Json, independently of the client's code, so
/// the two check each other. Faults are scripted per request.</summary>
internal sealed class FakeOrchestratorHandler : HttpMessageHandler
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace D = "http://schemas.microsoft.com/ado/2007/08/dataservices";
    private static readonly XNamespace M = "http://schemas.microsoft.com/ado/2007/08/dataservices/metadata";
    private static readonly string[] EntitySets = { "RunbookServers", "Runbooks", "RunbookParameters", "Jobs", "RunbookInstances" };
    private readonly object _gate = new();

    public FakeOrchestratorHandler(FakeOrchestrator model, OrchestratorApi api, Uri serviceRoot)
    {
        Model = model;
        Api = api;
        ServiceRoot = serviceRoot;
    }

    public FakeOrchestrator Model { get; }

    public OrchestratorApi Api { get; }

    public Uri ServiceRoot { get; }

    public List<RecordedRequest> Requests { get; } = new();

    public List<FakeFault> Faults { get; } = new();

    private bool Legacy => Api == OrchestratorApi.OData;

    public FakeOrchestratorHandler Fail(Func<HttpRequestMessage, bool> when, FaultKind kind, int times = 1, HttpStatusCode status = HttpStatusCode.ServiceUnavailable, TimeSpan? retryAfter = null)
    {
        Faults.Add(new FakeFault(when, kind, times) { Status = status, RetryAfter = retryAfter });
        return this;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var recorded = RecordedRequest.From(request);
            Requests.Add(recorded);
            var body = recorded.Body;

            var fault = Faults.FirstOrDefault(f => f.Remaining > 0 && f.When(request));
            if (fault is not null)
            {
                fault.Remaining--;
            }

            switch (fault?.Kind)
            {
                case FaultKind.Status:
                    return Task.FromResult(FaultResponse(fault));
                case FaultKind.Hang:
                    return Hang(cancellationToken);
                case FaultKind.Reset:
                    return Task.FromException<HttpResponseMessage>(new HttpRequestException("An error occurred while sending the request.", new IOException("Connection reset by peer")));
                case FaultKind.TouchJobFirst:
                    TouchJobIn(request.RequestUri!);
                    break;
            }

            var response = Route(request, body);
            return fault?.Kind switch
            {
                FaultKind.AcceptThenStatus => Task.FromResult(FaultResponse(fault)),
                FaultKind.AcceptThenHang => Hang(cancellationToken),
                _ => Task.FromResult(response),
            };
        }
    }

    private static HttpResponseMessage FaultResponse(FakeFault fault)
    {
        var response = new HttpResponseMessage(fault.Status) { Content = new StringContent(fault.Body) };
        if (fault.RetryAfter is { } delta)
        {
            response.Headers.RetryAfter = new RetryConditionHeaderValue(delta);
        }

        if (fault.RetryAfterDate is { } date)
        {
            response.Headers.RetryAfter = new RetryConditionHeaderValue(date);
        }

        return response;
    }

    private static Task<HttpResponseMessage> Hang(CancellationToken cancellationToken)
    {
        var never = new TaskCompletionSource<HttpResponseMessage>();
        cancellationToken.Register(() => never.TrySetCanceled(cancellationToken));
        return never.Task;
    }

    private HttpResponseMessage Route(HttpRequestMessage request, string body)
    {
        var path = Uri.UnescapeDataString(request.RequestUri!.AbsolutePath);
        var rootPath = Uri.UnescapeDataString(ServiceRoot.AbsolutePath);
        if (!path.StartsWith(rootPath, StringComparison.OrdinalIgnoreCase) && path + "/" != rootPath)
        {
            return Error(HttpStatusCode.NotFound, "Not found.");
        }

        var relative = path.Length > rootPath.Length ? path.Substring(rootPath.Length) : string.Empty;
        var query = RecordedRequest.QueryOptions(request.RequestUri);
        try
        {
            if (relative.Length == 0 && request.Method == HttpMethod.Get)
            {
                // The legacy root is the AtomPub service document; whether /api/ itself answers is unconfirmed: 404 here.
                return Legacy ? Xml(HttpStatusCode.OK, new XElement("service", new XElement("workspace"))) : Error(HttpStatusCode.NotFound, "No route.");
            }

            if (EntitySets.Contains(relative) && request.Method == HttpMethod.Get)
            {
                return Collection(relative, query);
            }

            if (relative == "Jobs" && request.Method == HttpMethod.Post)
            {
                return Start(body);
            }

            var key = Legacy ? Regex.Match(relative, @"^Jobs\(guid'([^']*)'\)$") : Regex.Match(relative, @"^Jobs/([0-9a-fA-F-]{36})$");
            if (key.Success && Guid.TryParse(key.Groups[1].Value, out var jobId))
            {
                var job = Model.Jobs.FirstOrDefault(j => j.Id == jobId);
                if (job is null)
                {
                    return Error(HttpStatusCode.NotFound, $"Resource not found for the segment 'Jobs'.");
                }

                if (request.Method == HttpMethod.Get)
                {
                    return One(job);
                }

                if (Legacy && request.Method == HttpMethod.Post && request.Headers.TryGetValues("X-HTTP-Method", out var verb) && verb.Single() == "MERGE")
                {
                    return Merge(job, request, body);
                }

                if (!Legacy && request.Method.Method == "PATCH")
                {
                    return Patch(job, body);
                }
            }

            return Error(HttpStatusCode.NotFound, $"No route for {request.Method} {relative}.");
        }
        catch (FormatException ex)
        {
            return Error(HttpStatusCode.BadRequest, ex.Message);
        }
    }

    private HttpResponseMessage Collection(string entitySet, IReadOnlyDictionary<string, string> query)
    {
        var rows = Rows(entitySet).ToList();
        if (query.TryGetValue("$filter", out var filter))
        {
            var predicate = FakeFilter.Parse(filter, Legacy);
            rows = rows.Where(r => predicate(r.Properties)).ToList();
        }

        var skip = query.TryGetValue("$skip", out var s) ? int.Parse(s, CultureInfo.InvariantCulture) : 0;
        var top = Math.Min(query.TryGetValue("$top", out var t) ? int.Parse(t, CultureInfo.InvariantCulture) : 50, 50);
        var page = rows.Skip(skip).Take(top).ToList();
        var counted = Legacy ? query.TryGetValue("$inlinecount", out var c) && c == "allpages" : query.TryGetValue("$count", out var c2) && c2 == "true";
        if (Legacy)
        {
            var feed = new XElement(
                Atom + "feed",
                new XAttribute(XNamespace.Xml + "base", ServiceRoot),
                new XAttribute(XNamespace.Xmlns + "d", D),
                new XAttribute(XNamespace.Xmlns + "m", M),
                new XElement(Atom + "title", entitySet));
            if (counted)
            {
                feed.Add(new XElement(M + "count", rows.Count));
            }

            feed.Add(page.Select(r => Entry(entitySet, r)));
            return Xml(HttpStatusCode.OK, feed);
        }

        var json = new JsonObject { ["@odata.context"] = ServiceRoot + "$metadata#" + entitySet };
        json["value"] = new JsonArray(page.Select(r => (JsonNode)JsonEntity(r)).ToArray());
        if (counted)
        {
            json["@odata.count"] = rows.Count;
        }

        return Json(HttpStatusCode.OK, json);
    }

    private IEnumerable<Row> Rows(string entitySet) => entitySet switch
    {
        "RunbookServers" => Model.Servers.Select(s => new Row("RunbookServer", s.Properties(), null)),
        "Runbooks" => Model.Runbooks.Select(r => new Row("Runbook", r.Properties(), null)),
        "RunbookParameters" => Model.Runbooks.SelectMany(r => r.Parameters).Select(p => new Row("RunbookParameter", p.Properties(), null)),
        "Jobs" => Model.Jobs.Select(JobRow),
        "RunbookInstances" => Model.Instances.Select(i => new Row("RunbookInstance", i.Properties(), null)),
        _ => throw new FormatException("Unknown entity set."),
    };

    private Row JobRow(FakeJob job) => new("Job", job.Properties(), job);

    private HttpResponseMessage One(FakeJob job)
    {
        var row = JobRow(job);
        var response = Legacy ? Xml(HttpStatusCode.OK, Entry("Jobs", row, root: true)) : Json(HttpStatusCode.OK, JsonEntity(row));
        response.Headers.TryAddWithoutValidation("ETag", job.ETag);
        return response;
    }

    private HttpResponseMessage Start(string body)
    {
        Guid runbookId;
        var values = new List<(Guid, string)>();
        var servers = new List<string>();
        if (Legacy)
        {
            var properties = XDocument.Parse(body).Root!.Element(Atom + "content")!.Element(M + "properties")!;
            runbookId = Guid.Parse(properties.Element(D + "RunbookId")!.Value);
            var runbook = Model.Runbooks.FirstOrDefault(r => r.Id == runbookId) ?? throw new FormatException("Unknown runbook.");
            if (properties.Element(D + "Parameters") is { } parameters)
            {
                foreach (var p in XDocument.Parse(parameters.Value).Root!.Elements("Parameter"))
                {
                    var id = Guid.Parse(p.Element("ID")!.Value);
                    if (runbook.Parameters.All(x => x.Id != id))
                    {
                        throw new FormatException($"Unknown parameter {id}.");
                    }

                    values.Add((id, p.Element("Value")!.Value));
                }
            }

            servers.AddRange((properties.Element(D + "RunbookServers")?.Value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries));
        }
        else
        {
            var json = JsonNode.Parse(body)!.AsObject();
            runbookId = Guid.Parse(json["RunbookId"]!.GetValue<string>());
            var runbook = Model.Runbooks.FirstOrDefault(r => r.Id == runbookId) ?? throw new FormatException("Invalid Job creation params");
            foreach (var p in json["Parameters"]?.AsArray() ?? new JsonArray())
            {
                var name = p!["Name"]!.GetValue<string>();
                var parameter = runbook.Parameters.FirstOrDefault(x => x.Name == name) ?? throw new FormatException("Invalid Job creation params");
                values.Add((parameter.Id, p["Value"]!.GetValue<string>()));
            }

            servers.AddRange(json["RunbookServers"]?.AsArray().Select(n => n!.GetValue<string>()) ?? Enumerable.Empty<string>());
        }

        var now = Model.Time.GetUtcNow();
        var job = new FakeJob { Id = Guid.NewGuid(), RunbookId = runbookId, Status = "Pending", CreationTime = now, LastModifiedTime = now, CreatedBy = "S-1-5-21-1" };
        job.Parameters.AddRange(values);
        job.RunbookServers.AddRange(servers);
        Model.Jobs.Add(job);

        var response = Legacy ? Xml(HttpStatusCode.Created, Entry("Jobs", JobRow(job), root: true)) : Json(HttpStatusCode.Created, JsonEntity(JobRow(job)));
        response.Headers.Location = new Uri(ServiceRoot, Legacy ? $"Jobs(guid'{job.Id}')" : $"Jobs/{job.Id}");
        response.Headers.TryAddWithoutValidation("ETag", job.ETag);
        return response;
    }

    private HttpResponseMessage Merge(FakeJob job, HttpRequestMessage request, string body)
    {
        var ifMatch = request.Headers.TryGetValues("If-Match", out var values) ? values.Single() : null;
        if (ifMatch is null)
        {
            return Error(HttpStatusCode.BadRequest, "If-Match is required.");
        }

        if (ifMatch != "*" && ifMatch != job.ETag)
        {
            return Error(HttpStatusCode.PreconditionFailed, "The etag value in the request header does not match with the current etag value of the object.");
        }

        var status = XDocument.Parse(body).Root!.Element(Atom + "content")!.Element(M + "properties")!.Element(D + "Status")?.Value;
        return SetCanceled(job, status) ?? new HttpResponseMessage(HttpStatusCode.NoContent);
    }

    private HttpResponseMessage Patch(FakeJob job, string body)
    {
        var json = JsonNode.Parse(body)!.AsObject();
        return SetCanceled(job, json["Status"]?.GetValue<string>() ?? "Canceled") ?? Json(HttpStatusCode.OK, JsonEntity(JobRow(job)));
    }

    private HttpResponseMessage? SetCanceled(FakeJob job, string? status)
    {
        if (status != "Canceled")
        {
            return Error(HttpStatusCode.BadRequest, "Only Status = Canceled can be changed.");
        }

        if (job.Status is not ("Pending" or "Running"))
        {
            return Error(HttpStatusCode.BadRequest, "Only Pending or Running jobs can be canceled.");
        }

        job.Status = "Canceled";
        job.Touch(TimeSpan.FromSeconds(1));
        return null;
    }

    private void TouchJobIn(Uri uri)
    {
        var match = Regex.Match(Uri.UnescapeDataString(uri.AbsolutePath), "[0-9a-fA-F]{8}-[0-9a-fA-F-]{27}");
        Model.Jobs.FirstOrDefault(j => match.Success && j.Id == Guid.Parse(match.Value))?.Touch(TimeSpan.FromSeconds(1));
    }

    private XElement Entry(string entitySet, Row row, bool root = false)
    {
        var id = (Guid)row.Properties["Id"]!;
        var properties = new XElement(M + "properties", row.Properties.Select(p => Property(p.Key, p.Value)));
        if (row.Job is { } job)
        {
            properties.Add(job.Parameters.Count == 0
                ? new XElement(D + "Parameters", new XAttribute(M + "null", "true"))
                : new XElement(D + "Parameters", new XElement("Data", job.Parameters.Select(p => new XElement("Parameter", new XElement("ID", p.ParameterId.ToString("B")), new XElement("Value", p.Value)))).ToString(SaveOptions.DisableFormatting)));
            properties.Add(job.RunbookServers.Count == 0
                ? new XElement(D + "RunbookServers", new XAttribute(M + "null", "true"))
                : new XElement(D + "RunbookServers", string.Join(",", job.RunbookServers)));
        }

        var entry = new XElement(
            Atom + "entry",
            row.Job is null ? null : new XAttribute(M + "etag", row.Job.ETag),
            new XElement(Atom + "id", new Uri(ServiceRoot, $"{entitySet}(guid'{id}')")),
            new XElement(Atom + "link", new XAttribute("rel", "edit"), new XAttribute("title", row.TypeName), new XAttribute("href", $"{entitySet}(guid'{id}')")),
            new XElement(Atom + "category", new XAttribute("term", "Microsoft.SystemCenter.Orchestrator.WebService." + row.TypeName), new XAttribute("scheme", "http://schemas.microsoft.com/ado/2007/08/dataservices/scheme")),
            new XElement(Atom + "content", new XAttribute("type", "application/xml"), properties));
        if (root)
        {
            entry.Add(new XAttribute(XNamespace.Xml + "base", ServiceRoot), new XAttribute(XNamespace.Xmlns + "d", D), new XAttribute(XNamespace.Xmlns + "m", M));
        }

        return entry;
    }

    private static XElement Property(string name, object? value) => value switch
    {
        null => new XElement(D + name, new XAttribute(M + "null", "true")),
        Guid g => new XElement(D + name, new XAttribute(M + "type", "Edm.Guid"), g.ToString("D")),
        bool b => new XElement(D + name, new XAttribute(M + "type", "Edm.Boolean"), b ? "true" : "false"),
        DateTimeOffset t => new XElement(D + name, new XAttribute(M + "type", "Edm.DateTime"), t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)),
        _ => new XElement(D + name, Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    private JsonObject JsonEntity(Row row)
    {
        var json = new JsonObject();
        foreach (var (name, value) in row.Properties)
        {
            json[name] = value switch
            {
                null => null,
                Guid g => g.ToString("D"),
                bool b => b,
                DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
                _ => Convert.ToString(value, CultureInfo.InvariantCulture),
            };
        }

        if (row.Job is { } job)
        {
            var runbook = Model.RunbookOf(job);
            json["RunbookServers"] = job.RunbookServers.Count == 0 ? null : new JsonArray(job.RunbookServers.Select(s => (JsonNode)s).ToArray());
            json["Parameters"] = job.Parameters.Count == 0
                ? null
                : new JsonArray(job.Parameters.Select(p => (JsonNode)new JsonObject { ["Name"] = runbook.Parameters.Single(x => x.Id == p.ParameterId).Name, ["Value"] = p.Value }).ToArray());
        }

        return json;
    }

    private HttpResponseMessage Error(HttpStatusCode status, string message) =>
        Legacy
            ? Xml(status, new XElement(M + "error", new XElement(M + "code"), new XElement(M + "message", new XAttribute(XNamespace.Xml + "lang", "en-US"), message)))
            : Json(status, new JsonObject { ["error"] = new JsonObject { ["code"] = string.Empty, ["message"] = message } });

    private static HttpResponseMessage Xml(HttpStatusCode status, XElement root) => new(status)
    {
        Content = new StringContent(root.ToString(SaveOptions.DisableFormatting), Encoding.UTF8, root.Name.LocalName is "feed" or "entry" ? "application/atom+xml" : "application/xml"),
    };

    private static HttpResponseMessage Json(HttpStatusCode status, JsonNode json) => new(status)
    {
        Content = new StringContent(json.ToJsonString(new JsonSerializerOptions { WriteIndented = false }), Encoding.UTF8, "application/json"),
    };

    private sealed record Row(string TypeName, IReadOnlyDictionary<string, object?> Properties, FakeJob? Job);
}
