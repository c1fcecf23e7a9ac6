namespace OrchPatch.Core.Tests.Orchestrator.Wire;

/// <summary>Payloads written here by hand after the web service's public documentation, where no recording exists
/// (docs/orchestrator-facts.md, "The web services"). The recorded payloads are files in tests/samples, read through
/// <c>RecordedPayloads</c>.</summary>
internal static class WireSamples
{
    /// <summary>The start response's headers as MS-StartStop's Figure 2 shows them (transcribed by hand).</summary>
    public const string StartResponseETag = "W/\"datetime'2012-02-20T02%3A48%3A55.98'\"";

    public const string StartResponseLocation = "http://SERVER:81/Orchestrator2012/Orchestrator.svc/Jobs(guid'42fe8a86-bdea-47c9-aecb-845fdba8f8ca')";

    /// <summary>Hand-written, not a recording: MS-StartStop says "the body is the created Job &lt;entry xml:base=...&gt;" and
    /// shows its opening element only; the properties follow the documented Job type and the 2012-02-20 ETag above.</summary>
    public const string StartResponseBody = """
        <?xml version="1.0" encoding="utf-8" standalone="yes"?>
        <entry xml:base="http://SERVER:81/Orchestrator2012/Orchestrator.svc/" xmlns:d="http://schemas.microsoft.com/ado/2007/08/dataservices" xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata" xmlns="http://www.w3.org/2005/Atom" m:etag="W/&quot;datetime'2012-02-20T02%3A48%3A55.98'&quot;">
          <id>http://SERVER:81/Orchestrator2012/Orchestrator.svc/Jobs(guid'42fe8a86-bdea-47c9-aecb-845fdba8f8ca')</id>
          <category term="Microsoft.SystemCenter.Orchestrator.WebService.Job" scheme="http://schemas.microsoft.com/ado/2007/08/dataservices/scheme" />
          <link rel="edit" title="Job" href="Jobs(guid'42fe8a86-bdea-47c9-aecb-845fdba8f8ca')" />
          <link rel="http://schemas.microsoft.com/ado/2007/08/dataservices/related/Runbook" type="application/atom+xml;type=entry" title="Runbook" href="Jobs(guid'42fe8a86-bdea-47c9-aecb-845fdba8f8ca')/Runbook" />
          <content type="application/xml"><m:properties>
            <d:Id m:type="Edm.Guid">42fe8a86-bdea-47c9-aecb-845fdba8f8ca</d:Id>
            <d:RunbookId m:type="Edm.Guid">0336c79b-ca82-449e-ad55-aefa9fb47fad</d:RunbookId>
            <d:Parameters>&lt;Data&gt;&lt;Parameter&gt;&lt;ID&gt;{60a8fa04-6293-4767-b842-46cba5790553}&lt;/ID&gt;&lt;Value&gt;Hello&lt;/Value&gt;&lt;/Parameter&gt;&lt;Parameter&gt;&lt;ID&gt;{c24d1cc5-deba-4bb5-b02e-44caf0fb296c}&lt;/ID&gt;&lt;Value&gt;World&lt;/Value&gt;&lt;/Parameter&gt;&lt;/Data&gt;</d:Parameters>
            <d:RunbookServers m:null="true" /><d:RunbookServerId m:type="Edm.Guid" m:null="true" />
            <d:ParentId m:type="Edm.Guid" m:null="true" /><d:ParentIsWaiting m:type="Edm.Boolean" m:null="true" />
            <d:Status>Pending</d:Status>
            <d:CreatedBy>S-1-5-500</d:CreatedBy><d:CreationTime m:type="Edm.DateTime">2012-02-20T02:48:55.98</d:CreationTime>
            <d:LastModifiedBy>S-1-5-500</d:LastModifiedBy><d:LastModifiedTime m:type="Edm.DateTime">2012-02-20T02:48:55.98</d:LastModifiedTime>
          </m:properties></content></entry>
        """;

    /// <summary>Hand-written after the 2022 clients' code (pfzim/websco modules/Orchestrator2022.php at 960fd329,
    /// jonasatgit/scriptrepo Orchestrator/Invoke-OrchestratorRunbook.ps1): the body they build; not a recording.</summary>
    public const string WebApiStartRequestBody =
        "{\"RunbookId\":\"0e3d0830-5bb6-4717-bb94-330e0338f153\",\"RunbookServers\":[\"RBS01\"],\"Parameters\":[{\"Name\":\"Parameter 1\",\"Value\":\"Some text\"}],\"CreatedBy\":null}";
}
