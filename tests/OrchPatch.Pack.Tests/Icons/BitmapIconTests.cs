using System;
using System.Buffers.Binary;
using System.Linq;
using NUnit.Framework;
using OrchPatch.Pack.Definition;
using OrchPatch.Pack.Icons;

namespace OrchPatch.Pack.Tests.Icons;

[TestFixture]
public sealed class BitmapIconTests
{
    private static readonly PackIcon Icon = new(
        new IconColor(0x2F, 0x7B, 0xD8),
        Enumerable.Range(0, 16).Select(y => new string(Enumerable.Range(0, 16).Select(x => x == 0 && y == 0 ? '#' : x == 15 && y == 15 ? '+' : '.').ToArray())).ToArray());

    [TestCase(16)]
    [TestCase(32)]
    public void Render_Size_Writes24BitBottomUpBitmapOfThatSize(int size)
    {
        var bmp = BitmapIcon.Render(Icon, size);

        Assert.Multiple(() =>
        {
            Assert.That(bmp[0..2], Is.EqualTo("BM"u8.ToArray()));
            Assert.That(BinaryPrimitives.ReadInt32LittleEndian(bmp.AsSpan(2)), Is.EqualTo(bmp.Length));
            Assert.That(BinaryPrimitives.ReadInt32LittleEndian(bmp.AsSpan(18)), Is.EqualTo(size), "width");
            Assert.That(BinaryPrimitives.ReadInt32LittleEndian(bmp.AsSpan(22)), Is.EqualTo(size), "height");
            Assert.That(BinaryPrimitives.ReadInt16LittleEndian(bmp.AsSpan(28)), Is.EqualTo(24), "bits per pixel");
            Assert.That(bmp.Length, Is.EqualTo(54 + (size * size * 3)));
        });
    }

    [TestCase(16, 1)]
    [TestCase(32, 2)]
    public void Render_Pattern_ColourAccentAndBlackTransparency_ScaledToTheSize(int size, int scale)
    {
        var bmp = BitmapIcon.Render(Icon, size);

        Assert.Multiple(() =>
        {
            Assert.That(Pixel(bmp, size, 0, 0), Is.EqualTo(Icon.Color), "'#' top left");
            Assert.That(Pixel(bmp, size, scale - 1, scale - 1), Is.EqualTo(Icon.Color), "scaled block");
            Assert.That(Pixel(bmp, size, scale, 0), Is.EqualTo(default(IconColor)), "'.' is black, Orchestrator's transparency colour");
            Assert.That(Pixel(bmp, size, size - 1, size - 1), Is.EqualTo(BitmapIcon.Accent), "'+' bottom right");
        });
    }

    [Test]
    public void Render_OtherSize_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BitmapIcon.Render(Icon, 24));
    }

    /// <summary>The pixel at (x, y) from the top left of a bottom-up 24-bit bitmap.</summary>
    private static IconColor Pixel(byte[] bmp, int size, int x, int y)
    {
        var offset = 54 + ((size - 1 - y) * size * 3) + (x * 3);
        return new IconColor(bmp[offset + 2], bmp[offset + 1], bmp[offset]);
    }
}
