using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace OrchPatch.Activities.Tests.Foundation;

/// <summary>Reads an assembly's metadata without loading it (the net472 build cannot be loaded by this runtime).</summary>
internal sealed class AssemblyInspector : IDisposable
{
    private readonly PEReader _pe;

    public AssemblyInspector(string path)
    {
        Path = path;
        _pe = new PEReader(File.OpenRead(path));
        Reader = _pe.GetMetadataReader();
    }

    public string Path { get; }

    public MetadataReader Reader { get; }

    public AssemblyName Identity => Reader.GetAssemblyDefinition().GetAssemblyName();

    public IReadOnlyList<AssemblyName> References =>
        Reader.AssemblyReferences.Select(h => Reader.GetAssemblyReference(h).GetAssemblyName()).ToArray();

    public static string Token(AssemblyName name) =>
        Convert.ToHexString(name.GetPublicKeyToken() ?? Array.Empty<byte>()).ToLowerInvariant();

    /// <summary>Member references (methods and fields) whose declaring type comes from the named assembly.</summary>
    public IReadOnlyList<string> MemberReferencesInto(string assemblyName)
    {
        var result = new List<string>();
        foreach (var handle in Reader.MemberReferences)
        {
            var member = Reader.GetMemberReference(handle);
            if (member.Parent.Kind != HandleKind.TypeReference)
            {
                continue;
            }

            var type = Reader.GetTypeReference((TypeReferenceHandle)member.Parent);
            if (!IsFrom(type, assemblyName))
            {
                continue;
            }

            var signature = member.DecodeMethodSignature(new SignatureNames(), null);
            result.Add($"{Reader.GetString(type.Name)}.{Reader.GetString(member.Name)}({string.Join(",", signature.ParameterTypes)})");
        }

        return result;
    }

    /// <summary>Type references into the named assembly.</summary>
    public IReadOnlyList<string> TypeReferencesInto(string assemblyName) =>
        Reader.TypeReferences.Select(Reader.GetTypeReference).Where(t => IsFrom(t, assemblyName)).Select(t => Reader.GetString(t.Name)).ToArray();

    /// <summary>Named arguments (properties and fields) set in custom attributes whose type comes from the named assembly.</summary>
    public IReadOnlyList<string> AttributeNamedArgumentsInto(string assemblyName)
    {
        var result = new List<string>();
        foreach (var handle in Reader.CustomAttributes)
        {
            var attribute = Reader.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind != HandleKind.MemberReference)
            {
                continue;
            }

            var ctor = Reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
            if (ctor.Parent.Kind != HandleKind.TypeReference)
            {
                continue;
            }

            var type = Reader.GetTypeReference((TypeReferenceHandle)ctor.Parent);
            if (!IsFrom(type, assemblyName))
            {
                continue;
            }

            var value = attribute.DecodeValue(new AttributeTypes());
            result.AddRange(value.NamedArguments.Select(a => $"{Reader.GetString(type.Name)}.{a.Name}"));
        }

        return result;
    }

    /// <summary>Every property carrying the named attribute from the named assembly: "Type.Property" and the property's
    /// type as its signature spells it (for example <c>String[]</c> or <c>IEnumerable`1&lt;Int32&gt;</c>).</summary>
    public IReadOnlyList<(string Property, string Type)> PropertiesWithAttribute(string assemblyName, string attributeName)
    {
        var result = new List<(string, string)>();
        foreach (var typeHandle in Reader.TypeDefinitions)
        {
            var type = Reader.GetTypeDefinition(typeHandle);
            foreach (var propertyHandle in type.GetProperties())
            {
                var property = Reader.GetPropertyDefinition(propertyHandle);
                if (property.GetCustomAttributes().Any(a => IsAttribute(a, assemblyName, attributeName)))
                {
                    var signature = property.DecodeSignature(new SignatureNames(), null);
                    result.Add(($"{Reader.GetString(type.Name)}.{Reader.GetString(property.Name)}", signature.ReturnType));
                }
            }
        }

        return result;
    }

    /// <summary>The names of the types defined here that carry the named attribute from the named assembly.</summary>
    public IReadOnlyList<string> TypesWithAttribute(string assemblyName, string attributeName) =>
        Reader.TypeDefinitions.Select(Reader.GetTypeDefinition)
            .Where(t => t.GetCustomAttributes().Any(a => IsAttribute(a, assemblyName, attributeName)))
            .Select(t => Reader.GetString(t.Name))
            .ToArray();

    public void Dispose() => _pe.Dispose();

    private bool IsAttribute(CustomAttributeHandle handle, string assemblyName, string attributeName)
    {
        var attribute = Reader.GetCustomAttribute(handle);
        if (attribute.Constructor.Kind != HandleKind.MemberReference)
        {
            return false;
        }

        var ctor = Reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
        if (ctor.Parent.Kind != HandleKind.TypeReference)
        {
            return false;
        }

        var type = Reader.GetTypeReference((TypeReferenceHandle)ctor.Parent);
        return IsFrom(type, assemblyName) && Reader.GetString(type.Name) == attributeName;
    }

    private bool IsFrom(TypeReference type, string assemblyName) =>
        type.ResolutionScope.Kind == HandleKind.AssemblyReference
        && Reader.GetString(Reader.GetAssemblyReference((AssemblyReferenceHandle)type.ResolutionScope).Name) == assemblyName;

    private sealed class SignatureNames : ISignatureTypeProvider<string, object?>
    {
        public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[,]";

        public string GetByReferenceType(string elementType) => elementType + "&";

        public string GetFunctionPointerType(MethodSignature<string> signature) => "fnptr";

        public string GetGenericInstantiation(string genericType, System.Collections.Immutable.ImmutableArray<string> typeArguments) => genericType + "<" + string.Join(",", typeArguments) + ">";

        public string GetGenericMethodParameter(object? genericContext, int index) => "!!" + index;

        public string GetGenericTypeParameter(object? genericContext, int index) => "!" + index;

        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;

        public string GetPinnedType(string elementType) => elementType;

        public string GetPointerType(string elementType) => elementType + "*";

        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => reader.GetString(reader.GetTypeDefinition(handle).Name);

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => reader.GetString(reader.GetTypeReference(handle).Name);

        public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) => "spec";
    }

    private sealed class AttributeTypes : ICustomAttributeTypeProvider<string>
    {
        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

        public string GetSystemType() => "Type";

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => reader.GetString(reader.GetTypeDefinition(handle).Name);

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => reader.GetString(reader.GetTypeReference(handle).Name);

        public string GetTypeFromSerializedName(string name) => name;

        public PrimitiveTypeCode GetUnderlyingEnumType(string type) => PrimitiveTypeCode.Int32;

        public bool IsSystemType(string type) => type == "Type";
    }
}
