using System;
using System.IO;

namespace OrchPatch.TestSupport.Samples;

/// <summary>
/// The web-service payloads recorded from genuine Orchestrator servers and clients, kept in the repository under
/// <c>tests/samples/web-service/</c>; tests/samples/README.md says where each one comes from. Unlike the genuine
/// Runbook Designer exports (<see cref="GenuineExports"/>) these are small public documents, so a clone has them.
/// </summary>
public static class RecordedPayloads
{
    /// <summary>A real <c>Runbooks</c> feed of the legacy OData service (six runbooks, two monitors, one checked out).</summary>
    public static string RunbooksFeed => Read("odata-runbooks-feed.scoclient.xml");

    /// <summary>A complete Job entry posted to start a runbook, as Microsoft's support article KB2853747 gives it.</summary>
    public static string Kb2853747StartRequest => Read("odata-start-request.kb2853747.xml");

    /// <summary>The start request of Microsoft's blog "Starting Runbooks and Stopping Jobs" (2012).</summary>
    public static string MsStartStopRequest => Read("odata-start-request.ms-startstop.xml");

    /// <summary>The text of one recorded payload.</summary>
    /// <param name="fileName">Its file name in tests/samples/web-service.</param>
    /// <returns>The file's text.</returns>
    public static string Read(string fileName) => File.ReadAllText(Path.Combine(Folder, fileName));

    /// <summary>tests/samples/web-service of the repository the tests were built from, found from the test's own
    /// folder (bin/... sits inside the repository), so no setting is needed.</summary>
    private static string Folder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "samples", "web-service");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new DirectoryNotFoundException($"tests/samples/web-service was not found above {AppContext.BaseDirectory}: the tests run from inside the repository.");
        }
    }
}
