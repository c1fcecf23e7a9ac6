using System;
using System.Security.Cryptography;
using System.Text;

namespace OrchPatch.Pack.Ids;

/// <summary>
/// Name-based GUIDs (RFC 4122 version 5, SHA-1): the same namespace and name always give the same GUID. The samples'
/// runbook, activity and link ids and the MSI's product and component codes are made this way, so regenerating them
/// gives byte-identical files and an upgrade keeps its component identities.
/// </summary>
public static class NameBasedGuid
{
    /// <summary>Creates the version-5 GUID of <paramref name="name"/> in <paramref name="namespaceId"/>.</summary>
    /// <param name="namespaceId">The namespace (a GUID chosen once and kept).</param>
    /// <param name="name">The name; compared as UTF-8 bytes, so case matters.</param>
    /// <returns>The GUID.</returns>
    public static Guid Create(Guid namespaceId, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Span<byte> input = stackalloc byte[16];
        namespaceId.TryWriteBytes(input, bigEndian: true, out _);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var buffer = new byte[16 + nameBytes.Length];
        input.CopyTo(buffer);
        nameBytes.CopyTo(buffer, 16);

        var hash = SHA1.HashData(buffer);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
