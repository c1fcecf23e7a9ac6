using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using OrchPatch.Pack.Definition;
using OrchPatch.Pack.Samples;

namespace OrchPatch.Pack.Tests;

/// <summary>The repository's pack definition, variants of it, and the samples generated from it.</summary>
internal static class PackFixtures
{
    private static readonly Lazy<PackDefinition> Repository = new(() => PackDefinitionReader.Read(PackFiles.FromDirectory(TestPaths.PackFolder)));

    /// <summary>oip/pack.json as it is in the repository.</summary>
    public static PackDefinition Pack => Repository.Value;

    /// <summary>The sample export with the pack definition's activity GUIDs and sample connection name.</summary>
    public static byte[] Sample() => PatchRunbookSamples.Generate(Pack, ActivityTypes.FromPack(Pack), Pack.Configuration.SampleEntryName).Content.ToArray();

    /// <summary>The repository's pack folder in memory, with pack.json changed by <paramref name="edit"/>.</summary>
    public static InMemoryPackFiles Edited(Action<JsonObject> edit)
    {
        var files = InMemoryPackFiles.CopyOf(TestPaths.PackFolder);
        var json = JsonNode.Parse(files.Files[PackFiles.DefinitionFile])!.AsObject();
        edit(json);
        files.Files[PackFiles.DefinitionFile] = json.ToJsonString();
        return files;
    }

    /// <summary>The pack definition with pack.json changed by <paramref name="edit"/>.</summary>
    public static PackDefinition Read(Action<JsonObject> edit) => PackDefinitionReader.Read(Edited(edit));
}

/// <summary>A pack folder held in memory.</summary>
internal sealed class InMemoryPackFiles : IPackFiles
{
    public Dictionary<string, string> Files { get; } = new(StringComparer.Ordinal);

    public string Location => "memory";

    public static InMemoryPackFiles CopyOf(string directory)
    {
        var copy = new InMemoryPackFiles();
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            copy.Files[Path.GetRelativePath(directory, file).Replace('\\', '/')] = File.ReadAllText(file);
        }

        return copy;
    }

    public bool TryReadText(string relativePath, [NotNullWhen(true)] out string? text) => Files.TryGetValue(relativePath, out text);
}

/// <summary>A temporary folder, deleted at the end of the test.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "orchpatch-pack-tests-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
