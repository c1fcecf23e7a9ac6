using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using OrchPatch.Core.Utils.Json;

namespace OrchPatch.Core.Orchestrator;

/// <summary>The 2022 Web API at <c>/api/</c>: OData v4 JSON (docs/orchestrator-facts.md#the-web-services). Its unconfirmed
/// details are chosen as in this folder's README, and the simulator does the same.</summary>
internal sealed class WebApiOrchestratorService : OrchestratorServiceBase
{
    /// <summary>JSON; a 404 is checked against <c>RunbookServers</c>, because whether <c>/api/</c> itself answers is unconfirmed.</summary>
    public static readonly HttpProfile Profile = new(
        new[] { new KeyValuePair<string, string>("Accept", "application/json") },
        "RunbookServers?$top=1");

    private static readonly HttpMethod Patch = new("PATCH");

    public WebApiOrchestratorService(OrchestratorHttp http)
        : base(http)
    {
    }

    protected override string GuidLiteral(Guid value) => value.ToString("D");

    protected override string TimeLiteral(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    protected override string PageOptions(int skip, int top) =>
        "$count=true&$top=" + top.ToString(CultureInfo.InvariantCulture) + "&$skip=" + skip.ToString(CultureInfo.InvariantCulture);

    protected override string EntityPath(string entitySet, Guid id) => entitySet + "/" + id.ToString("D");

    protected override WireFeed ReadFeed(WireResponse response, string entitySet) => JsonFormat.ReadFeed(response.Body, entitySet, Http.Root);

    protected override WireEntity ReadEntity(WireResponse response, string entitySet) => JsonFormat.ReadEntity(response.Body, entitySet, Http.Root);

    /// <summary>POST Jobs with parameters by name and RunbookServers as an array (null to let Orchestrator choose).</summary>
    protected override WireRequest StartRequest(Runbook runbook, IReadOnlyList<KeyValuePair<RunbookParameter, string>> values, IReadOnlyList<string> servers) =>
        new(HttpMethod.Post, "Jobs", string.Empty)
        {
            Body = JsonWriter.Write(new[]
            {
                Property("RunbookId", runbook.Id.ToString("D")),
                Property("RunbookServers", servers.Count == 0 ? null : servers),
                Property("Parameters", values.Select(v => new[] { Property("Name", v.Key.Name), Property("Value", v.Value) }).ToArray()),
                Property("CreatedBy", null),
            }),
        };

    /// <summary>PATCH Jobs/id with Id and Status = Canceled (WEBSCO sends only Id; carrying the status too is the choice here).</summary>
    protected override WireRequest CancelRequest(Job job) => new(Patch, EntityPath("Jobs", job.Id), string.Empty)
    {
        Body = JsonWriter.Write(new[] { Property("Id", job.Id.ToString("D")), Property("Status", JobStatus.Canceled.ToWire()) }),
    };

    private static KeyValuePair<string, object?> Property(string name, object? value) => new(name, value);
}
