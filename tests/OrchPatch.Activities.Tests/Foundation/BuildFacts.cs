using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace OrchPatch.Activities.Tests.Foundation;

/// <summary>Paths and versions the build wrote into this test assembly.</summary>
internal static class BuildFacts
{
    public static string Net472ActivitiesOutput => Path.GetFullPath(Read(nameof(Net472ActivitiesOutput)));

    public static string Net472ReferenceAssemblies => Path.GetFullPath(Read(nameof(Net472ReferenceAssemblies)));

    public static Version PollyVersion => Version.Parse(Read(nameof(PollyVersion)));

    public static string RepoRoot => Path.GetFullPath(Read(nameof(RepoRoot)));

    public static string ActivitiesDll => Path.Combine(Net472ActivitiesOutput, "OrchPatch.Activities.dll");

    private static string Read(string key) =>
        typeof(BuildFacts).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"Build fact {key} is missing.");
}
