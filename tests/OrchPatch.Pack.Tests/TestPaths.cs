using System;
using System.IO;
using System.Linq;
using System.Reflection;
using OrchPatch.TestSupport.Samples;

namespace OrchPatch.Pack.Tests;

/// <summary>Paths the build wrote into this test assembly, and the genuine exports read in place.</summary>
internal static class TestPaths
{
    public static string RepoRoot => Path.GetFullPath(Read(nameof(RepoRoot)));

    public static string Net472ActivitiesOutput => Path.GetFullPath(Read(nameof(Net472ActivitiesOutput)));

    public static string PackFolder => Path.Combine(RepoRoot, "oip");

    /// <summary>The genuine Runbook Designer exports, read in place from ORCHPATCH_SAMPLES (ignored without it).</summary>
    public static string GenuineSamples => GenuineExports.Folder;

    public static string GenuineExample => GenuineExports.Example;

    public static string GenuineDeployVm => GenuineExports.DeployVm;

    private static string Read(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"Build fact {key} is missing.");
}
