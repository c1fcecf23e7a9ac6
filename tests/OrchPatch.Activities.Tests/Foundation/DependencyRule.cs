using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace OrchPatch.Activities.Tests.Foundation;

/// <summary>
/// docs/design.md, "The dependency rule inside PolicyModule.exe": the net472 activities may depend on the .NET
/// Framework, Polly 7.2.4 and the project's own assemblies, plus the QIK SDK that Orchestrator itself provides.
/// Anything else is a DLL that may fail to load inside PolicyModule.exe.
/// </summary>
internal sealed class DependencyRule
{
    public const string QikSdkName = "Microsoft.SystemCenter.Orchestrator.Integration";
    public const string QikSdkToken = "31bf3856ad364e35";
    public static readonly Version QikSdkVersion = new(7, 0, 0, 0);

    private static readonly string[] FrameworkTokens = { "b77a5c561934e089", "b03f5f7f11d50a3a", "31bf3856ad364e35", "cc7b13ffcd2ddd51" };
    private readonly HashSet<string> _framework;

    public DependencyRule(IEnumerable<string> frameworkAssemblyNames) =>
        _framework = new HashSet<string>(frameworkAssemblyNames, StringComparer.OrdinalIgnoreCase);

    /// <summary>The names of every assembly in the .NET Framework 4.7.2 reference set (Facades included).</summary>
    public static DependencyRule ForNet472(string referenceAssembliesFolder) =>
        new(Directory.EnumerateFiles(referenceAssembliesFolder, "*.dll", SearchOption.AllDirectories).Select(Path.GetFileNameWithoutExtension)!);

    /// <summary>Why a referenced assembly is allowed, or null when it is not.</summary>
    public string? Allows(AssemblyName reference)
    {
        var name = reference.Name ?? string.Empty;
        var token = AssemblyInspector.Token(reference);
        if (name == QikSdkName)
        {
            return token == QikSdkToken && reference.Version == QikSdkVersion ? "QIK SDK (provided by Orchestrator)" : null;
        }

        if (name == "Polly")
        {
            return reference.Version?.Major == 7 ? "Polly 7" : null;
        }

        if (name.StartsWith("OrchPatch.", StringComparison.Ordinal))
        {
            return "own";
        }

        return _framework.Contains(name) && FrameworkTokens.Contains(token) ? ".NET Framework" : null;
    }

    /// <summary>Checks every assembly that ships from <paramref name="folder"/> (everything a package takes from it,
    /// whether or not another assembly references it) and the closure of what they reference; returns every
    /// reference that is not allowed, as "Referrer -> Reference".</summary>
    public IReadOnlyList<string> Violations(string folder)
    {
        var violations = new List<string>();
        var visited = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<string>(Directory.EnumerateFiles(folder, "*.dll"));
        while (queue.Count > 0)
        {
            var path = queue.Dequeue();
            if (!visited.Add(path))
            {
                continue;
            }

            using var inspector = new AssemblyInspector(path);
            foreach (var reference in inspector.References)
            {
                var why = Allows(reference);
                if (why is null)
                {
                    violations.Add($"{inspector.Identity.Name} -> {reference.FullName}");
                }
                else if (why is "own" or "Polly 7")
                {
                    var file = Path.Combine(folder, reference.Name + ".dll");
                    if (File.Exists(file))
                    {
                        queue.Enqueue(file);
                    }
                    else
                    {
                        violations.Add($"{inspector.Identity.Name} -> {reference.Name} (not shipped beside it in {folder})");
                    }
                }
            }
        }

        return violations;
    }
}
