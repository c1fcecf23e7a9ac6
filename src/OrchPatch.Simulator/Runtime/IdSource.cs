using System;
using System.Security.Cryptography;
using System.Text;

namespace OrchPatch.Simulator.Runtime;

/// <summary>Ids that repeat from run to run: names hash to fixed GUIDs; job and instance ids come from a seeded draw.</summary>
internal sealed class IdSource
{
    private readonly Random _random;

    public IdSource(int seed) => _random = new Random(unchecked((seed * 7919) + 104729));

    public static Guid FromName(string kind, string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("orchpatch-simulator/" + kind + "/" + name.ToUpperInvariant()));
        return Shape(hash.AsSpan(0, 16).ToArray(), version: 5);
    }

    public Guid Next()
    {
        var bytes = new byte[16];
        _random.NextBytes(bytes);
        return Shape(bytes, version: 4);
    }

    private static Guid Shape(byte[] bytes, int version)
    {
        bytes[7] = (byte)((bytes[7] & 0x0F) | (version << 4));
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
