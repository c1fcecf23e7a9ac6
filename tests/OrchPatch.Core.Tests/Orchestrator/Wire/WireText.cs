namespace OrchPatch.Core.Tests.Orchestrator.Wire;

/// <summary>Small hand-written payloads for scripted answers.</summary>
internal static class WireText
{
    public const string AtomNamespaces =
        "xmlns=\"http://www.w3.org/2005/Atom\" xmlns:d=\"http://schemas.microsoft.com/ado/2007/08/dataservices\" xmlns:m=\"http://schemas.microsoft.com/ado/2007/08/dataservices/metadata\"";

    /// <summary>An Atom feed with <c>m:count</c>, as <c>$inlinecount=allpages</c> returns it.</summary>
    public static string AtomFeed(int count, string entries) => $"<feed {AtomNamespaces}><m:count>{count}</m:count>{entries}</feed>";

    /// <summary>An OData v4 collection with <c>@odata.count</c>.</summary>
    public static string JsonFeed(int count, string rows) => $"{{\"value\":[{rows}],\"@odata.count\":{count}}}";
}
