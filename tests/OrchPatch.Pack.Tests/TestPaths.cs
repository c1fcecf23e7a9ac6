using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace OrchPatch.Pack.Tests;

/// <summary>Paths the build wrote into this test assembly, and the genuine exports read in place.</summary>
internal static class TestPaths
{
    public static string RepoRoot => Path.GetFullPath(Read(nameof(RepoRoot)));

    public static string Net472ActivitiesOutput => Path.GetFullPath(Read(nameof(Net472ActivitiesOutput)));

    public static string PackFolder => Path.Combine(RepoRoot, "oip");

    /// <summary>
    /// The genuine Runbook Designer exports, read in place and never copied in: shared/reference/samples next to the
    /// repository or next to any folder above it, or below ORCHPATCH_SHARED. A test that needs them is ignored, with
    /// this explanation, where none of those exists (a clone on its own somewhere else).
    /// </summary>
    public static string GenuineSamples => FindGenuineSamples()
        ?? IgnoreWithReason();

    public static string GenuineExample => Path.Combine(GenuineSamples, "ExampleRunbookv1.0.Scrubbed.ois_export");

    public static string GenuineDeployVm => Path.Combine(GenuineSamples, "deployvmrunbook.ois_export");

    private static string? FindGenuineSamples()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("ORCHPATCH_SHARED") is { Length: > 0 } shared)
        {
            candidates.Add(Path.Combine(shared, "reference", "samples"));
        }

        for (var folder = new DirectoryInfo(RepoRoot).Parent; folder is not null; folder = folder.Parent)
        {
            candidates.Add(Path.Combine(folder.FullName, "shared", "reference", "samples"));
        }

        return candidates.FirstOrDefault(c => File.Exists(Path.Combine(c, "ExampleRunbookv1.0.Scrubbed.ois_export")));
    }

    private static string IgnoreWithReason()
    {
        NUnit.Framework.Assert.Ignore($"The genuine exports (shared/reference/samples) are not next to {RepoRoot} or a folder above it; set ORCHPATCH_SHARED to the shared folder to run this test.");
        return string.Empty;
    }

    private static string Read(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"Build fact {key} is missing.");
}
