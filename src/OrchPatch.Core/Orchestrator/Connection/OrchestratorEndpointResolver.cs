using System;

namespace OrchPatch.Core.Orchestrator;

/// <summary>Turns the configured URL and API into an <see cref="OrchestratorEndpoint"/>: which API, and the service root.</summary>
/// <remarks>
/// Auto reads the URL's shape: a path with <c>Orchestrator.svc</c> is the 2012-2019 OData service, a path ending in
/// <c>/api</c> or containing <c>/api/</c> is the 2022 Web API. The root is cut right after that marker and always
/// ends in "/", so a URL copied with an entity set behind it (<c>.../Orchestrator.svc/Jobs</c>) still works. A URL
/// without a marker needs the API to be given, and is then used as it is (a reverse proxy may rename the path).
/// </remarks>
internal static class OrchestratorEndpointResolver
{
    private const string ODataMarker = "orchestrator.svc";
    private const string WebApiMarker = "/api";

    /// <summary>Resolves, or says what is wrong (the text never shows a password, even one written into the URL).</summary>
    public static bool TryResolve(string? url, OrchestratorApi api, out OrchestratorEndpoint? endpoint, out string? problem)
    {
        endpoint = null;
        problem = Check(url, out var uri);
        if (problem is not null)
        {
            return false;
        }

        var path = uri!.AbsolutePath;
        var odata = path.IndexOf(ODataMarker, StringComparison.OrdinalIgnoreCase);
        var webApi = WebApiMarkerEnd(path);
        string rootPath;
        string howChosen;
        if (api == OrchestratorApi.Auto)
        {
            if (odata >= 0)
            {
                api = OrchestratorApi.OData;
                howChosen = "Orchestrator.svc in the URL";
            }
            else if (webApi >= 0)
            {
                api = OrchestratorApi.WebApi;
                howChosen = "/api in the URL";
            }
            else
            {
                problem = $"The field ServiceUrl does not show which web API '{Show(uri)}' speaks. Set the API " +
                          "(orchpatch --api OData or --api WebApi; the connection's API setting), or use one of the URL forms: " +
                          OrchestratorConnectionConstants.ExpectedUrlForms + ".";
                return false;
            }
        }
        else
        {
            howChosen = "given";
        }

        if (api == OrchestratorApi.OData && odata >= 0)
        {
            rootPath = path.Substring(0, odata + ODataMarker.Length);
        }
        else if (api == OrchestratorApi.WebApi && webApi >= 0)
        {
            rootPath = path.Substring(0, webApi);
        }
        else
        {
            rootPath = path;
        }

        var root = new UriBuilder(uri.Scheme, uri.Host, uri.Port, rootPath.TrimEnd('/') + "/").Uri;
        endpoint = new OrchestratorEndpoint(root, api, howChosen);
        return true;
    }

    /// <summary>The URL as it may be shown: without a user name or password.</summary>
    public static string Show(Uri uri) =>
        uri.UserInfo.Length == 0 ? uri.ToString() : new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri.ToString();

    private static string? Check(string? url, out Uri? uri)
    {
        uri = null;
        if (string.IsNullOrWhiteSpace(url))
        {
            return "The field ServiceUrl is required: " + OrchestratorConnectionConstants.ExpectedUrlForms + ".";
        }

        if (!Uri.TryCreate(url!.Trim(), UriKind.Absolute, out uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            // As typed (a bare path parses as file:///... on Linux), unless it may hold a password.
            var shown = url.IndexOf('@') < 0 ? $"'{url.Trim()}'" : uri is null ? "the value given" : $"'{Show(uri)}'";
            uri = null;
            return $"The field ServiceUrl must be an absolute http or https URL, and {shown} is not. Expected " +
                   OrchestratorConnectionConstants.ExpectedUrlForms + ".";
        }

        if (uri.UserInfo.Length > 0)
        {
            return $"The field ServiceUrl must not hold a user name or password ({Show(uri)}): set UserName and Password instead.";
        }

        if (uri.Query.TrimStart('?').Length > 0 || uri.Fragment.TrimStart('#').Length > 0)
        {
            return $"The field ServiceUrl must be the service root, without a query or fragment ({Show(new UriBuilder(uri) { Query = string.Empty, Fragment = string.Empty }.Uri)}).";
        }

        return null;
    }

    /// <summary>Where "/api" ends when it is a whole path segment, or -1.</summary>
    private static int WebApiMarkerEnd(string path)
    {
        var trimmed = path.TrimEnd('/');
        if (trimmed.EndsWith(WebApiMarker, StringComparison.OrdinalIgnoreCase))
        {
            return trimmed.Length;
        }

        var inner = path.IndexOf(WebApiMarker + "/", StringComparison.OrdinalIgnoreCase);
        return inner < 0 ? -1 : inner + WebApiMarker.Length;
    }
}
