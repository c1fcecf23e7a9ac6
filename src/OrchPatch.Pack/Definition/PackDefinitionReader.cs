using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using OrchPatch.Pack.Ids;

namespace OrchPatch.Pack.Definition;

/// <summary>
/// Reads <c>pack.json</c> and checks every field before anything is generated from it. All problems are reported at
/// once, each with its path (<c>activities[1].inputs[2].default: ...</c>); see <c>oip/README.md</c> for the rules.
/// </summary>
public static class PackDefinitionReader
{
    /// <summary>The longest assembly file name the installer supports (path + name must stay within 234 characters).</summary>
    public const int MaxAssemblyFileNameLength = 80;

    private static readonly Regex Identifier = new("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);
    private static readonly Regex DottedIdentifier = new("^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$", RegexOptions.CultureInvariant);
    private static readonly Regex Version3 = new("^\\d{1,5}\\.\\d{1,5}\\.\\d{1,5}$", RegexOptions.CultureInvariant);
    private static readonly Regex HexColor = new("^#[0-9A-Fa-f]{6}$", RegexOptions.CultureInvariant);

    /// <summary>Reads and validates <c>pack.json</c> and the files it names.</summary>
    /// <param name="files">The pack folder.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="PackDefinitionException">pack.json is missing, not JSON, or has bad fields (all listed).</exception>
    public static PackDefinition Read(IPackFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (!files.TryReadText(PackFiles.DefinitionFile, out var json))
        {
            throw new PackDefinitionException(files.Location, new[] { PackFiles.DefinitionFile + ": the file is missing." });
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new PackDefinitionException(files.Location, new[] { $"{PackFiles.DefinitionFile}: not valid JSON (line {ex.LineNumber + 1}): {ex.Message}" });
        }

        using (document)
        {
            var reader = new JsonFieldReader();
            var definition = new Parser(reader, files).Pack(document.RootElement);
            if (reader.Errors.Count > 0)
            {
                throw new PackDefinitionException(files.Location, reader.Errors);
            }

            return definition;
        }
    }

    /// <summary>One pass over the document; every method reads what it can and reports the rest.</summary>
    private sealed class Parser
    {
        private readonly JsonFieldReader _r;
        private readonly IPackFiles _files;

        public Parser(JsonFieldReader reader, IPackFiles files)
        {
            _r = reader;
            _files = files;
        }

        public PackDefinition Pack(JsonElement root)
        {
            _r.OnlyKnown(root, string.Empty, "product", "assembly", "configuration", "activities", "samples");
            var product = Product(_r.Object(root, string.Empty, "product"));
            var assembly = Assembly(_r.Object(root, string.Empty, "assembly"));
            var configuration = Configuration(_r.Object(root, string.Empty, "configuration"));
            var activities = Activities(root, assembly.Namespace, product.UpgradeCode);
            var samples = Samples(_r.Object(root, string.Empty, "samples"));
            return new PackDefinition(product, assembly, configuration, activities, samples);
        }

        private PackProduct Product(JsonElement e)
        {
            const string P = "product";
            _r.OnlyKnown(e, P, "name", "category", "company", "version", "description", "upgradeCode", "eula", "icon");
            var name = _r.String(e, P, "name");
            if (name.IndexOfAny(Path.GetInvalidFileNameChars().Concat(new[] { '\\', '/', ':', '*', '?', '"', '<', '>', '|' }).ToArray()) >= 0)
            {
                _r.Fail(P + ".name", "is used for the install folder and file names, so it must not contain \\ / : * ? \" < > |.");
            }

            var versionText = _r.String(e, P, "version");
            var version = new Version(0, 0, 0);
            if (!Version3.IsMatch(versionText) || !Version.TryParse(versionText, out var parsed) || parsed.Major > 255 || parsed.Minor > 255 || parsed.Build > 65535)
            {
                if (versionText.Length > 0)
                {
                    _r.Fail(P + ".version", $"must be major.minor.build with major and minor at most 255 and build at most 65535 (an MSI ProductVersion); got '{versionText}'.");
                }
            }
            else
            {
                version = parsed;
            }

            var upgradeCode = BracedGuid(e, P, "upgradeCode");
            var eulaFile = _r.String(e, P, "eula");
            var eula = string.Empty;
            if (eulaFile.Length > 0)
            {
                if (!_files.TryReadText(eulaFile, out var text))
                {
                    _r.Fail(P + ".eula", $"the file '{eulaFile}' does not exist in {_files.Location}.");
                }
                else if (!text.StartsWith("{\\rtf", StringComparison.Ordinal))
                {
                    _r.Fail(P + ".eula", $"'{eulaFile}' must be an RTF document (the Integration Pack Wizard takes RTF); it does not start with {{\\rtf.");
                }
                else
                {
                    eula = text;
                }
            }

            return new PackProduct(
                name,
                _r.String(e, P, "category"),
                _r.String(e, P, "company"),
                version,
                _r.String(e, P, "description"),
                upgradeCode,
                eulaFile,
                eula,
                Icon(_r.Object(e, P, "icon"), P + ".icon"));
        }

        private PackAssembly Assembly(JsonElement e)
        {
            const string P = "assembly";
            _r.OnlyKnown(e, P, "file", "namespace", "dependencies", "neverShip");
            var file = DllName(_r.String(e, P, "file"), P + ".file");
            var ns = _r.String(e, P, "namespace");
            if (ns.Length > 0 && !DottedIdentifier.IsMatch(ns))
            {
                _r.Fail(P + ".namespace", $"must be a C# namespace such as OrchPatch.Activities; got '{ns}'.");
            }

            var dependencies = _r.Strings(e, P, "dependencies");
            for (var i = 0; i < dependencies.Count; i++)
            {
                DllName(dependencies[i], $"{P}.dependencies[{i}]");
            }

            var neverShip = _r.Strings(e, P, "neverShip", required: false);
            foreach (var shipped in new[] { file }.Concat(dependencies).Where(f => neverShip.Contains(f, StringComparer.OrdinalIgnoreCase)))
            {
                _r.Fail(P, $"'{shipped}' is both shipped and listed in neverShip.");
            }

            Unique(new[] { file }.Concat(dependencies).ToArray(), P + ".dependencies", StringComparer.OrdinalIgnoreCase, "file");
            return new PackAssembly(file, ns, dependencies, neverShip);
        }

        private PackConfiguration Configuration(JsonElement e)
        {
            const string P = "configuration";
            _r.OnlyKnown(e, P, "name", "sampleEntryName");
            return new PackConfiguration(_r.String(e, P, "name"), _r.String(e, P, "sampleEntryName"));
        }

        private IReadOnlyList<PackActivity> Activities(JsonElement root, string ns, Guid upgradeCode)
        {
            var items = _r.Array(root, string.Empty, "activities");
            if (items.Count == 0 && root.TryGetProperty("activities", out _))
            {
                _r.Fail("activities", "must list at least one activity.");
            }

            var activities = items.Select((item, i) => Activity(item, $"activities[{i}]", ns)).ToArray();
            Unique(activities.Select(a => a.ClassName).ToArray(), "activities", StringComparer.Ordinal, "class");
            Unique(activities.Select(a => a.DisplayName).ToArray(), "activities", StringComparer.OrdinalIgnoreCase, "displayName");
            Unique(activities.Where(a => a.ObjectType != Guid.Empty).Select(a => GuidText.Format(a.ObjectType)).ToArray(), "activities", StringComparer.Ordinal, "objectType");
            foreach (var clash in activities.Where(a => a.ObjectType == upgradeCode && upgradeCode != Guid.Empty))
            {
                _r.Fail("activities", $"'{clash.DisplayName}' uses the product's upgradeCode as its objectType; every GUID must be its own.");
            }

            return activities;
        }

        private PackActivity Activity(JsonElement e, string p, string ns)
        {
            _r.OnlyKnown(e, p, "class", "displayName", "description", "objectType", "inputs", "outputs", "icon");
            var className = _r.String(e, p, "class");
            if (className.Length > 0 && !Identifier.IsMatch(className))
            {
                _r.Fail(p + ".class", $"must be a class name without namespace (the namespace is assembly.namespace); got '{className}'.");
            }

            var description = _r.String(e, p, "description");
            if (description.Length > 0 && !description.TrimEnd().EndsWith('.'))
            {
                _r.Fail(p + ".description", "must be a sentence ending with a full stop (the Designer shows it as is).");
            }

            var inputs = _r.Array(e, p, "inputs").Select((item, i) => Input(item, $"{p}.inputs[{i}]")).ToArray();
            var outputs = _r.Array(e, p, "outputs").Select((item, i) => Output(item, $"{p}.outputs[{i}]")).ToArray();
            Unique(inputs.Select(i => i.Name).ToArray(), p + ".inputs", StringComparer.Ordinal, "name");
            Unique(outputs.Select(o => o.Name).ToArray(), p + ".outputs", StringComparer.Ordinal, "name");
            return new PackActivity(
                className,
                ns + "." + className,
                _r.String(e, p, "displayName"),
                description,
                BracedGuid(e, p, "objectType"),
                inputs,
                outputs,
                Icon(_r.Object(e, p, "icon"), p + ".icon"));
        }

        private ActivityInput Input(JsonElement e, string p)
        {
            _r.OnlyKnown(e, p, "name", "type", "required", "default", "options", "description");
            var typeText = _r.String(e, p, "type");
            var type = typeText switch
            {
                "string" => InputType.String,
                "int" => InputType.Int,
                "list" => InputType.List,
                _ => Invalid(p + ".type", $"must be string, int or list; got '{typeText}'.", InputType.String),
            };
            var required = _r.Bool(e, p, "required");
            var defaultValue = _r.OptionalString(e, p, "default");
            var options = type == InputType.List ? _r.Strings(e, p, "options") : Array.Empty<string>();
            if (type != InputType.List && e.ValueKind == JsonValueKind.Object && e.TryGetProperty("options", out _))
            {
                _r.Fail(p + ".options", "only a list input has options.");
            }

            if (type == InputType.List && options.Count < 2 && e.TryGetProperty("options", out _))
            {
                _r.Fail(p + ".options", "a list needs at least two options.");
            }

            if (defaultValue is not null)
            {
                if (type == InputType.Int && !int.TryParse(defaultValue, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    _r.Fail(p + ".default", $"must be a whole number for an int input; got '{defaultValue}'.");
                }

                if (type == InputType.List && options.Count > 0 && !options.Contains(defaultValue, StringComparer.Ordinal))
                {
                    _r.Fail(p + ".default", $"must be one of the options ({string.Join(", ", options)}); got '{defaultValue}'.");
                }
            }

            if (required && defaultValue is not null)
            {
                _r.Fail(p, "a required input has no default (the runbook must say it).");
            }

            return new ActivityInput(_r.String(e, p, "name"), type, required, defaultValue, options, _r.OptionalString(e, p, "description"));
        }

        private ActivityOutput Output(JsonElement e, string p)
        {
            _r.OnlyKnown(e, p, "name", "type", "correlated", "description");
            var typeText = _r.String(e, p, "type");
            var type = typeText switch
            {
                "string" => OutputType.String,
                "number" => OutputType.Number,
                _ => Invalid(p + ".type", $"must be string or number; got '{typeText}'.", OutputType.String),
            };
            return new ActivityOutput(_r.String(e, p, "name"), type, _r.Bool(e, p, "correlated"), _r.OptionalString(e, p, "description"));
        }

        private PackIcon Icon(JsonElement e, string p)
        {
            _r.OnlyKnown(e, p, "color", "pattern");
            var colorText = _r.String(e, p, "color");
            var color = new IconColor(0x80, 0x80, 0x80);
            if (colorText.Length > 0 && !HexColor.IsMatch(colorText))
            {
                _r.Fail(p + ".color", $"must be #RRGGBB; got '{colorText}'.");
            }
            else if (colorText.Length > 0)
            {
                var rgb = int.Parse(colorText.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                color = new IconColor((byte)((rgb >> 16) & 0xFF), (byte)((rgb >> 8) & 0xFF), (byte)(rgb & 0xFF));
                if (rgb == 0)
                {
                    _r.Fail(p + ".color", "must not be pure black: black is Orchestrator's transparency colour (use #0F0F0F for a black that shows).");
                }
            }

            var pattern = _r.Strings(e, p, "pattern");
            if (pattern.Count != PackIconSize || pattern.Any(row => row.Length != PackIconSize))
            {
                _r.Fail(p + ".pattern", $"must be {PackIconSize} rows of {PackIconSize} characters.");
            }
            else if (pattern.Any(row => row.Any(c => c is not ('.' or '#' or '+'))))
            {
                _r.Fail(p + ".pattern", "may use only '.' (transparent), '#' (the colour) and '+' (light accent).");
            }
            else if (pattern.All(row => row.All(c => c == '.')))
            {
                _r.Fail(p + ".pattern", "draws nothing.");
            }

            return new PackIcon(color, pattern);
        }

        private SampleRunbookNames Samples(JsonElement e)
        {
            const string P = "samples";
            _r.OnlyKnown(e, P, "folder", "idNamespace", "runbooks", "waitRunbookParameters", "scripts");
            var folder = PathPart(_r.String(e, P, "folder"), P + ".folder");
            var runbooks = _r.Object(e, P, "runbooks");
            const string R = P + ".runbooks";
            _r.OnlyKnown(runbooks, R, "patchOrchestrator", "patchServer", "waitRunbook", "runPatch");
            var names = new[] { "patchOrchestrator", "patchServer", "waitRunbook", "runPatch" }
                .Select(n => PathPart(_r.String(runbooks, R, n), R + "." + n)).ToArray();
            Unique(names.Where(n => n.Length > 0).ToArray(), R, StringComparer.OrdinalIgnoreCase, "runbook name");

            var parameters = _r.Strings(e, P, "waitRunbookParameters");
            Unique(parameters, P + ".waitRunbookParameters", StringComparer.OrdinalIgnoreCase, "parameter");

            var scripts = _r.Object(e, P, "scripts");
            const string S = P + ".scripts";
            _r.OnlyKnown(scripts, S, "waitForever", "runPatch", "failAfterRestore");
            return new SampleRunbookNames(
                folder,
                BracedGuid(e, P, "idNamespace"),
                names[0],
                names[1],
                names[2],
                names[3],
                parameters,
                new SampleScripts(Script(scripts, S, "waitForever"), Script(scripts, S, "runPatch"), Script(scripts, S, "failAfterRestore")));
        }

        private string Script(JsonElement e, string p, string name)
        {
            var file = _r.String(e, p, name);
            if (file.Length == 0)
            {
                return string.Empty;
            }

            if (!_files.TryReadText(file, out var text))
            {
                _r.Fail(p + "." + name, $"the file '{file}' does not exist in {_files.Location}.");
                return string.Empty;
            }

            return text;
        }

        private Guid BracedGuid(JsonElement e, string p, string name)
        {
            var text = _r.String(e, p, name);
            if (text.Length == 0)
            {
                return Guid.Empty;
            }

            if (!GuidText.TryParseBraced(text, out var value) || value == Guid.Empty)
            {
                _r.Fail(p + "." + name, $"must be a non-empty GUID in upper case with braces, as Orchestrator writes it ({{1F5EC993-2949-4D5E-90A1-6D6B80B6CEB8}}); got '{text}'.");
                return Guid.Empty;
            }

            return value.Value;
        }

        private string DllName(string file, string path)
        {
            if (file.Length > 0 && (!file.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || file.IndexOfAny(new[] { '/', '\\' }) >= 0))
            {
                _r.Fail(path, $"must be a .dll file name without a folder; got '{file}'.");
            }

            if (file.Length > MaxAssemblyFileNameLength)
            {
                _r.Fail(path, $"is {file.Length} characters; the installer supports assembly file names of at most {MaxAssemblyFileNameLength}.");
            }

            return file;
        }

        private string PathPart(string name, string path)
        {
            if (name.IndexOfAny(new[] { '\\', '/' }) >= 0)
            {
                _r.Fail(path, $"is one part of a runbook path and must not contain '\\' or '/'; got '{name}'.");
            }

            return name;
        }

        private void Unique(IReadOnlyList<string> values, string path, StringComparer comparer, string what)
        {
            foreach (var duplicate in values.GroupBy(v => v, comparer).Where(g => g.Count() > 1))
            {
                _r.Fail(path, $"{what} '{duplicate.Key}' appears {duplicate.Count()} times; each must be unique.");
            }
        }

        private T Invalid<T>(string path, string message, T fallback)
        {
            _r.Fail(path, message);
            return fallback;
        }
    }

    /// <summary>Icons are 16x16 patterns (drawn at 16x16 and 32x32, the two sizes Orchestrator uses).</summary>
    public const int PackIconSize = 16;
}
