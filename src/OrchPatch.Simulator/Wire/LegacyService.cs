using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using OrchPatch.Simulator.Runtime;

namespace OrchPatch.Simulator.Wire;

/// <summary>The 2012-2019 <c>Orchestrator.svc</c> (WCF Data Services, OData v2, Atom XML): the service document,
/// feeds with <c>$filter</c>/<c>$top</c>/<c>$skip</c>/<c>$inlinecount</c>/<c>$orderby</c>, single entries by
/// <c>guid'..'</c> key, one navigation step, POST Jobs (start) and MERGE Jobs(..) (cancel).</summary>
internal static class LegacyService
{
    public const string DataServiceVersion = "DataServiceVersion";

    private static readonly Regex GuidKey = new(@"^(?:Id=)?guid'(?<id>[^']*)'$", RegexOptions.CultureInvariant);

    public static SimResponse Handle(ApiContext context, string relative, string method)
    {
        if (relative.Length == 0)
        {
            WireException.RequireMethod(method, "GET");
            return Versioned(new SimResponse(200, "application/atomsvc+xml;charset=utf-8", AtomWriter.ServiceDocument(context.Root)));
        }

        if (relative == "$metadata")
        {
            throw WireException.NotImplemented("The simulator does not serve $metadata; its entity types follow docs/orchestrator-facts.md#the-web-services");
        }

        var segments = relative.Split('/');
        var (set, key) = ParseFirst(segments[0]);
        if (segments.Length > 2 || (segments.Length == 2 && (key is null || segments[1].Length == 0)))
        {
            throw segments.Skip(1).Any(s => s.StartsWith('$'))
                ? WireException.NotImplemented($"The simulator does not implement '{relative}'.")
                : WireException.BadRequest($"The path '{relative}' is not supported; use Set, Set(guid'..') or Set(guid'..')/Navigation.");
        }

        if (key is null)
        {
            return method switch
            {
                "GET" => Feed(context, set, set.Name, set.Name, context.VisibleSet(set)),
                "POST" when set == EntityModel.Jobs => StartJob(context),
                _ => throw WireException.MethodNotAllowed($"{method} is not allowed on {set.Name}; the service accepts GET, and POST to Jobs."),
            };
        }

        var entity = context.Single(set, key.Value, $"Resource not found for the segment '{segments[0]}'.");
        if (segments.Length == 2)
        {
            WireException.RequireMethod(method, "GET");
            return Navigate(context, set, entity, segments[0], segments[1]);
        }

        return method switch
        {
            "GET" => WithETag(Versioned(new SimResponse(200, AtomWriter.ContentType, AtomWriter.Entry(context.Root, set, entity, context.Now)) { Entries = 1 }), set.ETag(entity)),
            "MERGE" or "PATCH" when set == EntityModel.Jobs => CancelJob(context, (SimJob)entity),
            _ => throw WireException.MethodNotAllowed($"{method} is not allowed on {segments[0]}; jobs are stopped by MERGE with Status = Canceled."),
        };
    }

    public static SimResponse Error(WireException error) =>
        Versioned(new SimResponse(error.StatusCode, AtomWriter.XmlContentType, AtomWriter.Error(error.Message)));

    private static (WireEntitySet Set, Guid? Key) ParseFirst(string segment)
    {
        var (set, keyText) = EntityModel.ResolveSegment(
            segment,
            ignoreCase: false,
            () => WireException.BadRequest($"Bad Request - Error in query syntax: '{segment}'."),
            name => WireException.NotFound($"Resource not found for the segment '{name}'."));
        if (keyText is null)
        {
            return (set, null);
        }

        var key = GuidKey.Match(keyText);
        if (!key.Success || !Guid.TryParseExact(key.Groups["id"].Value, "D", out var id))
        {
            throw WireException.BadRequest($"Bad Request - Error in query syntax: the key '({keyText})' must be (guid'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx').");
        }

        return (set, id);
    }

    private static SimResponse Navigate(ApiContext context, WireEntitySet set, object entity, string parent, string name)
    {
        var navigation = set.Navigations.FirstOrDefault(n => n.Matches(name, webApi: false));
        if (navigation is null)
        {
            throw set.FindProperty(name, ignoreCase: false) is not null
                ? WireException.NotImplemented($"The simulator does not serve single properties ('{parent}/{name}'); read the entry.")
                : WireException.NotFound($"Resource not found for the segment '{name}'.");
        }

        if (navigation.Resolve is null)
        {
            throw EntityModel.NotServed(navigation.Target);
        }

        var target = EntityModel.Find(navigation.Target, ignoreCase: false)!;
        var related = context.Visible(target, navigation.Resolve(context.Farm, entity));
        if (navigation.IsCollection)
        {
            return Feed(context, target, parent + "/" + name, name, _ => related);
        }

        var single = related.FirstOrDefault();
        return single is null
            ? Versioned(new SimResponse(204))
            : Versioned(new SimResponse(200, AtomWriter.ContentType, AtomWriter.Entry(context.Root, target, single, context.Now)) { Entries = 1 });
    }

    // entities: what the parsed filter is evaluated on (a set gives its index for the filter).
    private static SimResponse Feed(ApiContext context, WireEntitySet set, string path, string title, Func<FilterNode?, IEnumerable<object>> entities)
    {
        var options = QueryOptions.Parse(context.Request, set, FilterDialect.Legacy, context.Settings);
        var (page, total) = options.Apply(entities(options.Filter), set, context.Settings);
        var body = AtomWriter.Feed(context.Root, path, title, set, page, options.Count ? total : null, context.Now);
        return new SimResponse(200, AtomWriter.ContentType, body) { Entries = page.Count }.With(DataServiceVersion, options.Count ? "2.0;" : "1.0;");
    }

    /// <summary>POST Jobs: the MS-StartStop request (and the full entry a generated client sends, whose server-set
    /// properties are ignored).</summary>
    private static SimResponse StartJob(ApiContext context)
    {
        RequireAtom(context.Request);
        var values = AtomReader.ReadProperties(context.Request.Body);
        foreach (var value in values.Where(v => EntityModel.Jobs.FindProperty(v.Name, ignoreCase: false) is null))
        {
            throw WireException.BadRequest($"The property '{value.Name}' does not exist on type '{EntityModel.Jobs.FullTypeName}'.");
        }

        string? Read(string name) => values.FirstOrDefault(v => v.Name == name)?.Value;

        var runbookText = Read("RunbookId") ?? throw WireException.BadRequest("RunbookId is required to start a job (<d:RunbookId m:type=\"Edm.Guid\">...</d:RunbookId>).");
        if (!Guid.TryParse(runbookText.Trim(), out var runbookId))
        {
            throw WireException.BadRequest($"RunbookId '{runbookText}' is not an Edm.Guid.");
        }

        var runbook = context.Farm.FindRunbook(runbookId) ?? throw WireException.BadRequest($"No runbook has the id {EdmText.Guid(runbookId)}.");
        var parameters = JobParameters.FromXml(Read("Parameters"), runbook);
        var servers = (Read("RunbookServers") ?? string.Empty).Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
        var job = context.StartJob(runbook, parameters, servers, "OData", WireException.BadRequest);
        var location = context.Root + EntityModel.Jobs.Name + EdmText.Key(job.Id);
        return Versioned(new SimResponse(201, AtomWriter.ContentType, AtomWriter.Entry(context.Root, EntityModel.Jobs, job, context.Now)) { Entries = 1 })
            .With("Location", location)
            .With("ETag", EntityModel.Jobs.ETag(job)!);
    }

    /// <summary>MERGE Jobs(guid'..') with Status = Canceled and If-Match (* or the current ETag): 204.</summary>
    private static SimResponse CancelJob(ApiContext context, SimJob job)
    {
        var ifMatch = context.Request.Header("If-Match")?.Trim();
        if (string.IsNullOrEmpty(ifMatch))
        {
            throw WireException.BadRequest(
                $"Since entity type '{EntityModel.Jobs.FullTypeName}' has one or more etag properties, If-Match HTTP header must be specified for DELETE/PUT operations on this type.");
        }

        if (ifMatch != "*" && ifMatch != EntityModel.Jobs.ETag(job))
        {
            throw new WireException(412, "The etag value in the request header does not match with the current etag value of the object.");
        }

        RequireAtom(context.Request);
        var values = AtomReader.ReadProperties(context.Request.Body);
        if (values.FirstOrDefault(v => v.Name == "Id")?.Value is { } idText && (!Guid.TryParse(idText, out var id) || id != job.Id))
        {
            throw WireException.BadRequest($"The entry's Id '{idText}' is not the job in the URL ({EdmText.Guid(job.Id)}).");
        }

        var status = values.FirstOrDefault(v => v.Name == "Status");
        if (status?.Value is null)
        {
            throw WireException.BadRequest("Only a job's Status can be changed, and only to 'Canceled'; the entry does not set <d:Status>.");
        }

        if (!string.Equals(status.Value.Trim(), "Canceled", StringComparison.Ordinal))
        {
            throw WireException.BadRequest($"A job's Status can only be set to 'Canceled' (single l); got '{status.Value}'.");
        }

        context.CancelJob(job);
        return Versioned(new SimResponse(204)).With("ETag", EntityModel.Jobs.ETag(job)!);
    }

    private static void RequireAtom(SimRequest request)
    {
        var type = request.ContentType;
        if (type is not null && type.IndexOf("xml", StringComparison.OrdinalIgnoreCase) < 0)
        {
            throw new WireException(415, $"The content type '{type}' is not supported; send application/atom+xml.");
        }
    }

    private static SimResponse Versioned(SimResponse response) => response.With(DataServiceVersion, "1.0;");

    private static SimResponse WithETag(SimResponse response, string? etag) => etag is null ? response : response.With("ETag", etag);
}
