namespace OrchPatch.Simulator.Tests.Support;

/// <summary>Wire samples copied by hand from the web service's public documentation (docs/orchestrator-facts.md, "The web services") (whitespace as there).</summary>
internal static class WireSamples
{
    /// <summary>Section 1.4: the start request of MS-StartStop, verbatim.</summary>
    public const string StartRequest =
        "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>\n" +
        "<entry xmlns:d=\"http://schemas.microsoft.com/ado/2007/08/dataservices\"\n" +
        "xmlns:m=\"http://schemas.microsoft.com/ado/2007/08/dataservices/metadata\"\n" +
        "xmlns=\"http://www.w3.org/2005/Atom\">\n" +
        "<content type=\"application/xml\">\n" +
        "<m:properties>\n" +
        "<d:RunbookId m:type=\"Edm.Guid\">0336c79b-ca82-449e-ad55-aefa9fb47fad</d:RunbookId>\n" +
        "<d:Parameters>&lt;Data&gt;&lt;Parameter&gt;&lt;ID&gt;{60a8fa04-6293-4767-b842-46cba5790553}&lt;/ID&gt;&lt;Value&gt;Hello&lt;/Value&gt;&lt;/Parameter&gt;&lt;Parameter&gt;&lt;ID&gt;{c24d1cc5-deba-4bb5-b02e-44caf0fb296c}&lt;/ID&gt;&lt;Value&gt;World&lt;/Value&gt;&lt;/Parameter&gt;&lt;/Data&gt;</d:Parameters>\n" +
        "</m:properties>\n" +
        "</content>\n" +
        "</entry>";

    /// <summary>Section 1.4: the headers of the same request, verbatim.</summary>
    public static readonly (string Name, string Value)[] StartRequestHeaders =
    {
        ("Accept", "application/atom+xml,application/xml"),
        ("DataServiceVersion", "1.0;NetFx"),
        ("MaxDataServiceVersion", "2.0;NetFx"),
    };

    /// <summary>Section 1.5: WEBSCO's minimal cancel body, verbatim but for the job id placeholder.</summary>
    public const string MinimalCancel =
        "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>\n" +
        "<entry xmlns:d=\"http://schemas.microsoft.com/ado/2007/08/dataservices\" xmlns:m=\"http://schemas.microsoft.com/ado/2007/08/dataservices/metadata\" xmlns=\"http://www.w3.org/2005/Atom\">\n" +
        " <content type=\"application/xml\"><m:properties>\n" +
        "  <d:Id m:type=\"Edm.Guid\"><jobId></d:Id>\n" +
        "  <d:Status>Canceled</d:Status>\n" +
        " </m:properties></content></entry>";

    /// <summary>Section 1.2: a real Runbooks feed entry (SAMPLEFEED, whitespace shortened), wrapped in the
    /// namespaces its feed declares.</summary>
    public const string RunbookEntry =
        "<entry m:etag=\"W/&quot;datetime'2020-11-17T12%3A00%3A53'&quot;\" xmlns=\"http://www.w3.org/2005/Atom\" xmlns:d=\"http://schemas.microsoft.com/ado/2007/08/dataservices\" xmlns:m=\"http://schemas.microsoft.com/ado/2007/08/dataservices/metadata\">\n" +
        "  <id>http://localhost:81/Orchestrator2012/Orchestrator.svc/Runbooks(guid'ba9defb7-1c63-4448-ac4f-30f9e264c82b')</id>\n" +
        "  <link rel=\"edit\" title=\"Runbook\" href=\"Runbooks(guid'ba9defb7-1c63-4448-ac4f-30f9e264c82b')\" />\n" +
        "  <category term=\"Microsoft.SystemCenter.Orchestrator.WebService.Runbook\" scheme=\"http://schemas.microsoft.com/ado/2007/08/dataservices/scheme\" />\n" +
        "  <content type=\"application/xml\"><m:properties>\n" +
        "    <d:Id m:type=\"Edm.Guid\">ba9defb7-1c63-4448-ac4f-30f9e264c82b</d:Id>\n" +
        "    <d:FolderId m:type=\"Edm.Guid\">e4002667-4008-47de-8d0d-2ae65d8f6da4</d:FolderId>\n" +
        "    <d:Name>2</d:Name> <d:Description m:null=\"true\" /> <d:CreatedBy>S-1-5-500</d:CreatedBy>\n" +
        "    <d:CreationTime m:type=\"Edm.DateTime\">2020-11-17T12:00:06.093</d:CreationTime>\n" +
        "    <d:LastModifiedTime m:type=\"Edm.DateTime\">2020-11-17T12:00:53</d:LastModifiedTime>\n" +
        "    <d:IsMonitor m:type=\"Edm.Boolean\">true</d:IsMonitor>\n" +
        "    <d:Path>\\00-Dev\\Schedules\\1min\\2</d:Path>\n" +
        "    <d:CheckedOutBy m:null=\"true\" /> <d:CheckedOutTime m:type=\"Edm.DateTime\" m:null=\"true\" />\n" +
        "  </m:properties></content></entry>";

    /// <summary>Section 1.4: the complete Job entry as the WCF Data Services client serializes it (KB2853747), with
    /// the elided parameter id and value ("{ef29ac2e-…}", "…") filled in by {parameterId} and {value}.</summary>
    public const string FullJobEntry =
        "<entry xmlns=\"http://www.w3.org/2005/Atom\" xmlns:d=\"http://schemas.microsoft.com/ado/2007/08/dataservices\" xmlns:m=\"http://schemas.microsoft.com/ado/2007/08/dataservices/metadata\">\n" +
        " <category term=\"Microsoft.SystemCenter.Orchestrator.WebService.Job\" scheme=\"http://schemas.microsoft.com/ado/2007/08/dataservices/scheme\" />\n" +
        " <id /><title /><published>0001-01-01T00:00:00-05:00</published><updated>0001-01-01T00:00:00-05:00</updated><author><name /></author>\n" +
        " <content type=\"application/xml\"><m:properties>\n" +
        "  <d:CreatedBy m:null=\"true\" /><d:CreationTime m:type=\"Edm.DateTime\">0001-01-01T00:00:00</d:CreationTime>\n" +
        "  <d:Id m:type=\"Edm.Guid\">00000000-0000-0000-0000-000000000000</d:Id>\n" +
        "  <d:LastModifiedBy m:null=\"true\" /><d:LastModifiedTime m:type=\"Edm.DateTime\">0001-01-01T00:00:00</d:LastModifiedTime>\n" +
        "  <d:Parameters>&lt;Data&gt;&lt;Parameter&gt;&lt;ID&gt;{parameterId}&lt;/ID&gt;&lt;Value&gt;{value}&lt;/Value&gt;&lt;/Parameter&gt;&lt;/Data&gt;</d:Parameters>\n" +
        "  <d:ParentId m:type=\"Edm.Guid\" m:null=\"true\" /><d:ParentIsWaiting m:type=\"Edm.Boolean\" m:null=\"true\" />\n" +
        "  <d:RunbookId m:type=\"Edm.Guid\">{runbookId}</d:RunbookId>\n" +
        "  <d:RunbookServerId m:type=\"Edm.Guid\" m:null=\"true\" /><d:RunbookServers m:null=\"true\" /><d:Status m:null=\"true\" />\n" +
        " </m:properties></content></entry>";
}
