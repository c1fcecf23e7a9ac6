using System;
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

    /// <summary>The genuine Runbook Designer exports: ../shared/reference/samples relative to the repository root, never copied in.</summary>
    public static string GenuineSamples => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "reference", "samples"));

    public static string GenuineExample => Path.Combine(GenuineSamples, "ExampleRunbookv1.0.Scrubbed.ois_export");

    public static string GenuineDeployVm => Path.Combine(GenuineSamples, "deployvmrunbook.ois_export");

    private static string Read(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"Build fact {key} is missing.");
}
