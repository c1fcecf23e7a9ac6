using System;
using System.IO;
using OrchPatch.Pack.Definition;

namespace OrchPatch.Pack.Icons;

/// <summary>
/// Draws a pack icon as a 24-bit Windows bitmap in the form Orchestrator's custom resource files start from: 16x16 and
/// 32x32, black (0,0,0) as the transparency colour, no background, no text (MSDN hh855058, "Creating a Custom
/// Resource File"). Generated at build time from the pattern in pack.json, so no binary file is committed.
/// </summary>
public static class BitmapIcon
{
    /// <summary>The sizes Orchestrator needs for every icon.</summary>
    public static readonly int[] Sizes = { 16, 32 };

    /// <summary>The light accent drawn for '+'.</summary>
    public static readonly IconColor Accent = new(0xF2, 0xF2, 0xF2);

    private const int HeaderSize = 14 + 40;

    /// <summary>Renders the icon.</summary>
    /// <param name="icon">The icon's colour and 16x16 pattern.</param>
    /// <param name="size">16 or 32 (the pattern is scaled by size / 16).</param>
    /// <returns>The .bmp file's bytes.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The size is not one of <see cref="Sizes"/>.</exception>
    public static byte[] Render(PackIcon icon, int size)
    {
        ArgumentNullException.ThrowIfNull(icon);
        if (Array.IndexOf(Sizes, size) < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "Orchestrator icons are 16x16 or 32x32.");
        }

        var scale = size / PackDefinitionReader.PackIconSize;
        var rowBytes = ((size * 3) + 3) & ~3;
        var imageSize = rowBytes * size;
        using var stream = new MemoryStream(HeaderSize + imageSize);
        using var writer = new BinaryWriter(stream);

        // BITMAPFILEHEADER
        writer.Write((byte)'B');
        writer.Write((byte)'M');
        writer.Write(HeaderSize + imageSize);
        writer.Write(0);
        writer.Write(HeaderSize);

        // BITMAPINFOHEADER: bottom-up, 24 bits, uncompressed, 72 dpi.
        writer.Write(40);
        writer.Write(size);
        writer.Write(size);
        writer.Write((short)1);
        writer.Write((short)24);
        writer.Write(0);
        writer.Write(imageSize);
        writer.Write(2835);
        writer.Write(2835);
        writer.Write(0);
        writer.Write(0);

        for (var y = size - 1; y >= 0; y--)
        {
            var row = icon.Pattern[y / scale];
            for (var x = 0; x < size; x++)
            {
                var pixel = row[x / scale] switch
                {
                    '#' => icon.Color,
                    '+' => Accent,
                    _ => default,
                };
                writer.Write(pixel.Blue);
                writer.Write(pixel.Green);
                writer.Write(pixel.Red);
            }

            for (var pad = size * 3; pad < rowBytes; pad++)
            {
                writer.Write((byte)0);
            }
        }

        writer.Flush();
        return stream.ToArray();
    }
}
