using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;

namespace OrchPatch.Core.Orchestrator;

/// <summary>The 2012-2019 <c>Orchestrator.svc</c>: WCF Data Services, OData v2, Atom XML (docs/orchestrator-facts.md#the-web-services).</summary>
internal sealed class ODataOrchestratorService : OrchestratorServiceBase
{
    /// <summary>The headers Microsoft's own clients send; the service root's AtomPub service document is the probe.</summary>
    public static readonly HttpProfile Profile = new(
        new[]
        {
            new KeyValuePair<string, string>("DataServiceVersion", "1.0;NetFx"),
            new KeyValuePair<string, string>("MaxDataServiceVersion", "2.0;NetFx"),
            new KeyValuePair<string, string>("Accept", "application/atom+xml,application/xml"),
        },
        string.Empty);

    private const string AtomMediaType = "application/atom+xml";

    public ODataOrchestratorService(OrchestratorHttp http)
        : base(http)
    {
    }

    protected override string GuidLiteral(Guid value) => "guid'" + value.ToString("D") + "'";

    /// <summary>Edm.DateTime without offset, to the second, in UTC (the service stores and compares UTC).</summary>
    protected override string TimeLiteral(DateTimeOffset value) =>
        "datetime'" + value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "'";

    protected override string PageOptions(int skip, int top) =>
        "$skip=" + skip.ToString(CultureInfo.InvariantCulture) + "&$top=" + top.ToString(CultureInfo.InvariantCulture) + "&$inlinecount=allpages";

    protected override string EntityPath(string entitySet, Guid id) => entitySet + "(" + GuidLiteral(id) + ")";

    protected override WireFeed ReadFeed(WireResponse response, string entitySet) => AtomFormat.ReadFeed(response.Body, entitySet, Http.Root);

    protected override WireEntity ReadEntity(WireResponse response, string entitySet) => AtomFormat.ReadEntry(response.Body, entitySet, response.ETag, Http.Root);

    /// <summary>POST Jobs with RunbookId, the Parameters XML string (values by In-parameter id) and RunbookServers as a comma list.</summary>
    protected override WireRequest StartRequest(Runbook runbook, IReadOnlyList<KeyValuePair<RunbookParameter, string>> values, IReadOnlyList<string> servers)
    {
        var parameters = values.Count == 0 ? null : JobParametersXml.Build(values.Select(v => new KeyValuePair<Guid, string>(v.Key.Id, v.Value)));
        return new WireRequest(HttpMethod.Post, "Jobs", string.Empty)
        {
            Body = AtomFormat.StartEntry(runbook.Id, parameters, servers),
            ContentType = AtomMediaType,
        };
    }

    /// <summary>Microsoft's pattern: POST with <c>X-HTTP-Method: MERGE</c>, <c>If-Match</c> the ETag just read (so a job
    /// that changed meanwhile answers 412 and is read again), and only Id and Status in the body; 204 expected.</summary>
    protected override WireRequest CancelRequest(Job job) => new(HttpMethod.Post, EntityPath("Jobs", job.Id), string.Empty)
    {
        Body = AtomFormat.CancelEntry(job.Id),
        ContentType = AtomMediaType,
        Headers = new[]
        {
            new KeyValuePair<string, string>("X-HTTP-Method", "MERGE"),
            new KeyValuePair<string, string>("If-Match", job.ETag ?? "*"),
        },
    };
}
