using System;
using System.Linq;
using System.Xml.Linq;
using OrchPatch.TestSupport.Samples;

namespace OrchPatch.Simulator.Tests.Support;

/// <summary>The web-service payloads the simulator is tested with: the recorded ones read from tests/samples
/// (see its README for their sources), and the ones written here by hand, which say so.</summary>
internal static class WireSamples
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    /// <summary>The start request of MS-StartStop, as recorded in tests/samples.</summary>
    public static string StartRequest => RecordedPayloads.MsStartStopRequest;

    /// <summary>Section 1.4: the headers of the same request, verbatim.</summary>
    public static readonly (string Name, string Value)[] StartRequestHeaders =
    {
        ("Accept", "application/atom+xml,application/xml"),
        ("DataServiceVersion", "1.0;NetFx"),
        ("MaxDataServiceVersion", "2.0;NetFx"),
    };

    /// <summary>Hand-written after WEBSCO's minimal cancel (pfzim/websco, modules/Orchestrator.php, commit 960fd329): the body
    /// that client builds in code, with a job id placeholder; not a recording.</summary>
    public const string MinimalCancel =
        "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>\n" +
        "<entry xmlns:d=\"http://schemas.microsoft.com/ado/2007/08/dataservices\" xmlns:m=\"http://schemas.microsoft.com/ado/2007/08/dataservices/metadata\" xmlns=\"http://www.w3.org/2005/Atom\">\n" +
        " <content type=\"application/xml\"><m:properties>\n" +
        "  <d:Id m:type=\"Edm.Guid\"><jobId></d:Id>\n" +
        "  <d:Status>Canceled</d:Status>\n" +
        " </m:properties></content></entry>";

    /// <summary>The monitor "2" of the recorded Runbooks feed (tests/samples), as one element.</summary>
    public static XElement RunbookEntry =>
        XDocument.Parse(RecordedPayloads.RunbooksFeed).Root!.Elements(Atom + "entry").Single(e => e.Element(Atom + "title")!.Value == "2");

    /// <summary>The complete Job entry of KB2853747 (tests/samples), with its runbook id, parameter id and value
    /// made placeholders ({runbookId}, {parameterId}, {value}) so a test can point it at a simulated runbook.</summary>
    public static string FullJobEntry => RecordedPayloads.Kb2853747StartRequest
        .Replace("d010b455-4fe9-4423-ab72-52e5dabcb4e8", "{runbookId}", StringComparison.Ordinal)
        .Replace("{ef29ac2e-aeb1-4f80-90f5-634783b52aff}", "{parameterId}", StringComparison.Ordinal)
        .Replace("'This is the value for Param1.'", "{value}", StringComparison.Ordinal);
}
