using System;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Reflection;
using System.Text;

namespace OrchPatch.Pack.Definition;

/// <summary>Where the pack definition and the files it names (EULA, scripts) are read from.</summary>
public interface IPackFiles
{
    /// <summary>Where the files are, for messages ("/repo/oip", "the copy built into OrchPatch.Pack").</summary>
    string Location { get; }

    /// <summary>Reads a text file.</summary>
    /// <param name="relativePath">Its path relative to the pack folder, with '/' separators ("runbooks/run-patch.ps1").</param>
    /// <param name="text">Its text, when it exists.</param>
    /// <returns>Whether the file exists.</returns>
    bool TryReadText(string relativePath, [NotNullWhen(true)] out string? text);
}

/// <summary>The two places a pack definition lives: the <c>oip/</c> folder and the copy embedded in this assembly.</summary>
public static class PackFiles
{
    /// <summary>The definition file's name inside the pack folder.</summary>
    public const string DefinitionFile = "pack.json";

    /// <summary>The copy of <c>oip/</c> built into this assembly (pack.json, the EULA, the scripts).</summary>
    public static IPackFiles Embedded { get; } = new EmbeddedPackFiles();

    /// <summary>A pack folder on disk, normally <c>oip/</c> at the repository root.</summary>
    /// <param name="directory">The folder holding pack.json.</param>
    /// <returns>The files.</returns>
    public static IPackFiles FromDirectory(string directory) => new DirectoryPackFiles(Path.GetFullPath(directory));

    private sealed class DirectoryPackFiles : IPackFiles
    {
        private readonly string _root;

        public DirectoryPackFiles(string root) => _root = root;

        public string Location => _root;

        public bool TryReadText(string relativePath, [NotNullWhen(true)] out string? text)
        {
            var path = Path.GetFullPath(Path.Combine(_root, relativePath));
            text = path.StartsWith(_root, StringComparison.Ordinal) && File.Exists(path) ? File.ReadAllText(path, Encoding.UTF8) : null;
            return text is not null;
        }
    }

    private sealed class EmbeddedPackFiles : IPackFiles
    {
        private static readonly Assembly Owner = typeof(EmbeddedPackFiles).Assembly;

        public string Location => "the copy of oip/ built into " + Owner.GetName().Name;

        public bool TryReadText(string relativePath, [NotNullWhen(true)] out string? text)
        {
            text = null;
            using var stream = Owner.GetManifestResourceStream("oip/" + relativePath);
            if (stream is null)
            {
                return false;
            }

            using var reader = new StreamReader(stream, Encoding.UTF8);
            text = reader.ReadToEnd();
            return true;
        }
    }
}
