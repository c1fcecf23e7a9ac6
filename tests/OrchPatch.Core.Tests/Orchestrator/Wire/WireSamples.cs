namespace OrchPatch.Core.Tests.Orchestrator.Wire;

/// <summary>Wire samples copied by hand from the web service's public documentation (docs/orchestrator-facts.md, "The web services") (verbatim where the
/// reference is; the wrapping each needs to be a whole document is marked).</summary>
internal static class WireSamples
{
    /// <summary>Section 1.2: a real Runbooks feed entry (SAMPLEFEED, 2020), inside a feed with <c>m:count</c>
    /// (section 1.6: <c>$inlinecount=allpages</c> adds <c>&lt;m:count&gt;153&lt;/m:count&gt;</c>). The feed element
    /// is the wrapping; the entry is verbatim.</summary>
    public const string RunbooksFeed = """
        <feed xml:base="http://localhost:81/Orchestrator2012/Orchestrator.svc/" xmlns:d="http://schemas.microsoft.com/ado/2007/08/dataservices" xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata" xmlns="http://www.w3.org/2005/Atom">
        <title type="text">Runbooks</title>
        <m:count>153</m:count>
        <entry m:etag="W/&quot;datetime'2020-11-17T12%3A00%3A53'&quot;">
          <id>http://localhost:81/Orchestrator2012/Orchestrator.svc/Runbooks(guid'ba9defb7-1c63-4448-ac4f-30f9e264c82b')</id>
          <link rel="edit" title="Runbook" href="Runbooks(guid'ba9defb7-1c63-4448-ac4f-30f9e264c82b')" />
          <category term="Microsoft.SystemCenter.Orchestrator.WebService.Runbook" scheme="http://schemas.microsoft.com/ado/2007/08/dataservices/scheme" />
          <content type="application/xml"><m:properties>
            <d:Id m:type="Edm.Guid">ba9defb7-1c63-4448-ac4f-30f9e264c82b</d:Id>
            <d:FolderId m:type="Edm.Guid">e4002667-4008-47de-8d0d-2ae65d8f6da4</d:FolderId>
            <d:Name>2</d:Name> <d:Description m:null="true" /> <d:CreatedBy>S-1-5-500</d:CreatedBy>
            <d:CreationTime m:type="Edm.DateTime">2020-11-17T12:00:06.093</d:CreationTime>
            <d:LastModifiedTime m:type="Edm.DateTime">2020-11-17T12:00:53</d:LastModifiedTime>
            <d:IsMonitor m:type="Edm.Boolean">true</d:IsMonitor>
            <d:Path>\00-Dev\Schedules\1min\2</d:Path>
            <d:CheckedOutBy m:null="true" /> <d:CheckedOutTime m:type="Edm.DateTime" m:null="true" />
          </m:properties></content></entry>
        </feed>
        """;

    /// <summary>Section 1.4: a complete Job entry as the WCF Data Services client serializes it (KB2853747), verbatim,
    /// ellipses included (its parameter ID is not a whole GUID).</summary>
    public const string FullJobEntry = """
        <entry xmlns="http://www.w3.org/2005/Atom" xmlns:d="http://schemas.microsoft.com/ado/2007/08/dataservices" xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata">
         <category term="Microsoft.SystemCenter.Orchestrator.WebService.Job" scheme="http://schemas.microsoft.com/ado/2007/08/dataservices/scheme" />
         <id /><title /><published>0001-01-01T00:00:00-05:00</published><updated>0001-01-01T00:00:00-05:00</updated><author><name /></author>
         <content type="application/xml"><m:properties>
          <d:CreatedBy m:null="true" /><d:CreationTime m:type="Edm.DateTime">0001-01-01T00:00:00</d:CreationTime>
          <d:Id m:type="Edm.Guid">00000000-0000-0000-0000-000000000000</d:Id>
          <d:LastModifiedBy m:null="true" /><d:LastModifiedTime m:type="Edm.DateTime">0001-01-01T00:00:00</d:LastModifiedTime>
          <d:Parameters>&lt;Data&gt;&lt;Parameter&gt;&lt;ID&gt;{ef29ac2e-…}&lt;/ID&gt;&lt;Value&gt;…&lt;/Value&gt;&lt;/Parameter&gt;&lt;/Data&gt;</d:Parameters>
          <d:ParentId m:type="Edm.Guid" m:null="true" /><d:ParentIsWaiting m:type="Edm.Boolean" m:null="true" />
          <d:RunbookId m:type="Edm.Guid">d010b455-4fe9-4423-ab72-52e5dabcb4e8</d:RunbookId>
          <d:RunbookServerId m:type="Edm.Guid" m:null="true" /><d:RunbookServers m:null="true" /><d:Status m:null="true" />
         </m:properties></content></entry>
        """;

    /// <summary>Section 1.4: the start request's body (MS-StartStop), verbatim.</summary>
    public const string StartRequestBody = """
        <?xml version="1.0" encoding="utf-8" standalone="yes"?>
        <entry xmlns:d="http://schemas.microsoft.com/ado/2007/08/dataservices"
        xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata"
        xmlns="http://www.w3.org/2005/Atom">
        <content type="application/xml">
        <m:properties>
        <d:RunbookId m:type="Edm.Guid">0336c79b-ca82-449e-ad55-aefa9fb47fad</d:RunbookId>
        <d:Parameters>&lt;Data&gt;&lt;Parameter&gt;&lt;ID&gt;{60a8fa04-6293-4767-b842-46cba5790553}&lt;/ID&gt;&lt;Value&gt;Hello&lt;/Value&gt;&lt;/Parameter&gt;&lt;Parameter&gt;&lt;ID&gt;{c24d1cc5-deba-4bb5-b02e-44caf0fb296c}&lt;/ID&gt;&lt;Value&gt;World&lt;/Value&gt;&lt;/Parameter&gt;&lt;/Data&gt;</d:Parameters>
        </m:properties>
        </content>
        </entry>
        """;

    /// <summary>Section 1.4: the start response's headers (MS-StartStop, Figure 2), verbatim.</summary>
    public const string StartResponseETag = "W/\"datetime'2012-02-20T02%3A48%3A55.98'\"";

    public const string StartResponseLocation = "http://SERVER:81/Orchestrator2012/Orchestrator.svc/Jobs(guid'42fe8a86-bdea-47c9-aecb-845fdba8f8ca')";

    /// <summary>Section 1.4: "The body is the created Job &lt;entry xml:base=...&gt;". The reference gives its opening
    /// element only; the properties follow the section 1.2 Job row and the 2012-02-20 ETag above.</summary>
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

    /// <summary>Section 2: the 2022 start request (WEBSCO/JONAS), verbatim but for whitespace.</summary>
    public const string WebApiStartRequestBody =
        "{\"RunbookId\":\"0e3d0830-5bb6-4717-bb94-330e0338f153\",\"RunbookServers\":[\"RBS01\"],\"Parameters\":[{\"Name\":\"Parameter 1\",\"Value\":\"Some text\"}],\"CreatedBy\":null}";
}
