using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using OrchPatch.Pack.Definition;
using OrchPatch.Pack.Ids;

namespace OrchPatch.Pack.Wix;

/// <summary>
/// Generates the WiX v3 source of one of the pack's MSIs (<see cref="MsiTarget"/>) from the pack definition: the net472
/// activity assembly and its dependencies (never the QIK SDK DLL) installed in <c>[ProgramFilesFolder]\ProductName</c>
/// (2012-2019, x86) or <c>[ProgramFiles64Folder]\ProductName</c> with <c>Win64="yes"</c> components (2022, x64), one
/// component per file. The same source builds with <c>wixl</c> (msitools, Linux; <c>-a x64</c> for 2022) and with
/// <c>candle</c>/<c>light</c> of WiX 3.11 (Windows; <c>-arch x64</c> for 2022). The package's platform is given on the
/// command line, not as <c>Package/@Platform</c>: wixl ignores that attribute with a warning, and WiX 3.11 deprecates it.
/// </summary>
/// <remarks>
/// The UpgradeCode comes from the pack definition and never changes, for both targets: installing the 2022 pack on a
/// server upgraded from Orchestrator 2019 replaces the 2019 pack (a major upgrade) rather than leaving the 32-bit copy
/// beside it. The ProductCode and the component GUIDs are name-based GUIDs in the UpgradeCode's namespace: the
/// ProductCode changes with every version and target (each version is a major upgrade of the last), a component's GUID
/// only with its file name and bitness (so its identity survives upgrades, and a 64-bit component, which installs to
/// another folder, never shares a GUID with a 32-bit one, as the component rules require).
/// </remarks>
public static class WixSource
{
    private static readonly XNamespace Wi = "http://schemas.microsoft.com/wix/2006/wi";

    /// <summary>The MSI's ProductCode for the definition's version and the target.</summary>
    /// <param name="pack">The pack definition.</param>
    /// <param name="target">Which Orchestrator versions the MSI is for.</param>
    /// <returns>The ProductCode (2012-2019: the one every earlier single-pack build had).</returns>
    public static Guid ProductCode(PackDefinition pack, MsiTarget target)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(target);
        return NameBasedGuid.Create(pack.Product.UpgradeCode, "ProductCode " + (target.Is64Bit ? target.Key + " " : string.Empty) + pack.Product.VersionText);
    }

    /// <summary>A component's GUID: its file name and, for 64-bit components, the bitness.</summary>
    private static Guid ComponentGuid(PackDefinition pack, MsiTarget target, string file) =>
        NameBasedGuid.Create(pack.Product.UpgradeCode, "Component " + (target.Is64Bit ? "x64 " : string.Empty) + file);

    /// <summary>Generates the WiX source.</summary>
    /// <param name="pack">The pack definition.</param>
    /// <param name="assemblyDirectory">The net472 build output holding every shipped file.</param>
    /// <param name="wxsDirectory">
    /// The folder the .wxs is written to. File sources are relative to it, with '/' separators: wixl resolves them
    /// from the .wxs's folder (and refuses absolute ones); candle/light must be run from that folder.
    /// </param>
    /// <param name="target">Which Orchestrator versions the MSI is for.</param>
    /// <returns>The .wxs text.</returns>
    /// <exception cref="FileNotFoundException">A shipped file is not in <paramref name="assemblyDirectory"/> (the message lists every missing one).</exception>
    public static string Generate(PackDefinition pack, string assemblyDirectory, string wxsDirectory, MsiTarget target)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(assemblyDirectory);
        ArgumentNullException.ThrowIfNull(wxsDirectory);
        var directory = Path.GetFullPath(assemblyDirectory);
        var relative = Path.GetRelativePath(Path.GetFullPath(wxsDirectory), directory).Replace('\\', '/');
        var files = pack.Assembly.ShippedFiles;
        var missing = files.Where(f => !File.Exists(Path.Combine(directory, f))).ToArray();
        if (missing.Length > 0)
        {
            throw new FileNotFoundException($"{directory} lacks {string.Join(", ", missing)}; build the net472 assemblies first (dotnet build src/OrchPatch.Activities -f net472 -c Release).");
        }

        var product = pack.Product;
        var components = files.Select(f => new XElement(
            Wi + "Component",
            new XAttribute("Id", WixId("Component", f)),
            new XAttribute("Guid", GuidText.Format(ComponentGuid(pack, target, f))),
            target.Is64Bit ? new XAttribute("Win64", "yes") : null,
            new XElement(
                Wi + "File",
                new XAttribute("Id", WixId("File", f)),
                new XAttribute("Name", f),
                new XAttribute("Source", relative + "/" + f),
                new XAttribute("KeyPath", "yes")))).ToArray();

        var document = new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XComment($" Generated from oip/pack.json by OrchPatch.Pack (WixSource) for {target.Versions} ({target.Architecture}: wixl -a {target.Architecture}, candle -arch {target.Architecture}); do not edit. "),
            new XElement(
                Wi + "Wix",
                new XElement(
                    Wi + "Product",
                    new XAttribute("Id", GuidText.Format(ProductCode(pack, target))),
                    new XAttribute("Name", product.Name),
                    new XAttribute("Language", "1033"),
                    new XAttribute("Version", product.VersionText),
                    new XAttribute("Manufacturer", product.Company),
                    new XAttribute("UpgradeCode", GuidText.Format(product.UpgradeCode)),
                    new XElement(
                        Wi + "Package",
                        new XAttribute("InstallerVersion", "200"),
                        new XAttribute("Compressed", "yes"),
                        new XAttribute("InstallScope", "perMachine"),
                        new XAttribute("Description", $"{product.Name} {product.VersionText} for {target.Versions} ({target.Architecture})"),
                        new XAttribute("Comments", product.Description)),
                    new XElement(Wi + "MajorUpgrade", new XAttribute("DowngradeErrorMessage", $"A newer version of {product.Name} is already installed.")),
                    new XElement(Wi + "Media", new XAttribute("Id", "1"), new XAttribute("Cabinet", "payload.cab"), new XAttribute("EmbedCab", "yes")),
                    new XElement(
                        Wi + "Directory",
                        new XAttribute("Id", "TARGETDIR"),
                        new XAttribute("Name", "SourceDir"),
                        new XElement(
                            Wi + "Directory",
                            new XAttribute("Id", target.ProgramFilesFolderId),
                            new XElement(Wi + "Directory", new XAttribute("Id", "INSTALLFOLDER"), new XAttribute("Name", product.Name), components))),
                    new XElement(
                        Wi + "Feature",
                        new XAttribute("Id", "Activities"),
                        new XAttribute("Title", product.Name),
                        new XAttribute("Level", "1"),
                        files.Select(f => new XElement(Wi + "ComponentRef", new XAttribute("Id", WixId("Component", f))))))));

        var text = new StringBuilder();
        using (var writer = new Utf8StringWriter(text))
        {
            document.Save(writer);
        }

        return text.ToString();
    }

    /// <summary>A WiX identifier: letters, digits, underscores and periods, starting with a letter.</summary>
    private static string WixId(string prefix, string file) =>
        prefix + "_" + new string(file.Select(c => char.IsAsciiLetterOrDigit(c) || c == '.' ? c : '_').ToArray());

    private sealed class Utf8StringWriter : StringWriter
    {
        public Utf8StringWriter(StringBuilder builder)
            : base(builder, System.Globalization.CultureInfo.InvariantCulture)
        {
        }

        public override Encoding Encoding => new UTF8Encoding(false);
    }
}
