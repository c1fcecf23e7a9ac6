using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace OrchPatch.Pack.Wizard;

/// <summary>Lists the public classes of an assembly from its metadata, without loading it (it is a net472 assembly).</summary>
public static class AssemblyClasses
{
    /// <summary>The namespace-qualified names of the public types defined in an assembly.</summary>
    /// <param name="assemblyPath">The assembly file.</param>
    /// <returns>The type names.</returns>
    /// <exception cref="BadImageFormatException">The file is not a .NET assembly.</exception>
    public static IReadOnlySet<string> PublicTypes(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata)
        {
            throw new BadImageFormatException($"{assemblyPath} is not a .NET assembly.");
        }

        var reader = pe.GetMetadataReader();
        return reader.TypeDefinitions
            .Select(reader.GetTypeDefinition)
            .Where(t => (t.Attributes & System.Reflection.TypeAttributes.VisibilityMask) == System.Reflection.TypeAttributes.Public)
            .Select(t => reader.GetString(t.Namespace) + "." + reader.GetString(t.Name))
            .ToHashSet(StringComparer.Ordinal);
    }
}
