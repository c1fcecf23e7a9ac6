using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Linq;

namespace OrchPatch.Cli.Infrastructure;

/// <summary>The System.CommandLine tree built from <see cref="CommandCatalog"/>: one subcommand per
/// <see cref="ICommand"/>, one option per <see cref="OptionSpec"/>. The library parses, refuses what is not declared
/// and suggests the near miss (`stauts`, `--thrtottle`); each command keeps its own code, reading its values through
/// <see cref="ParsedArguments"/>, and the ORCHPATCH_* fallbacks are applied after parsing.</summary>
internal sealed class CommandLineTree
{
    private readonly Dictionary<Command, Entry> _entries = new();

    private CommandLineTree(IEnumerable<ICommand> commands)
    {
        Root = new RootCommand("orchpatch: patch System Center Orchestrator's runbook servers without losing a job.");
        foreach (var help in Root.Options.OfType<HelpOption>())
        {
            help.Action = new CatalogHelpAction(this);
        }

        foreach (var command in commands)
        {
            var sub = new Command(command.Name, command.Summary);
            var options = new Dictionary<OptionSpec, Option>();
            foreach (var spec in command.Options.Where(o => o.Name != "help"))
            {
                var option = ToOption(spec);
                sub.Options.Add(option);
                options[spec] = option;
            }

            Argument? positional = null;
            if (command.Positional is { } p)
            {
                // One value is a string (a string[] argument of arity 0..1 fails to convert); more are a list.
                positional = p.Maximum == 1
                    ? new Argument<string>(p.Name) { Description = p.Description, Arity = ArgumentArity.ZeroOrOne }
                    : new Argument<string[]>(p.Name) { Description = p.Description, Arity = new ArgumentArity(0, p.Maximum) };
                positional.Validators.Add(result => RefuseOptionsAsPositionals(result, command));
                sub.Arguments.Add(positional);
            }

            Root.Subcommands.Add(sub);
            _entries[sub] = new Entry(command, options, positional);
        }
    }

    /// <summary>The root command (`orchpatch`).</summary>
    public RootCommand Root { get; }

    /// <summary>No response files: an argument starting with '@' (a runbook path, a reason) is a value, never a file to read.</summary>
    public static ParserConfiguration Configuration { get; } = new() { ResponseFileTokenReplacer = null };

    public static CommandLineTree For(IEnumerable<ICommand> commands) => new(commands);

    public ParseResult Parse(IReadOnlyList<string> args) => Root.Parse(args, Configuration);

    /// <summary>The catalog command a parse chose; null for the root.</summary>
    public ICommand? CommandOf(ParseResult result) => _entries.TryGetValue(result.CommandResult.Command, out var entry) ? entry.Command : null;

    /// <summary>The chosen command's arguments, with ORCHPATCH_* supplying every option the command line did not give.</summary>
    /// <param name="result">A parse without errors.</param>
    /// <param name="args">The arguments it parsed, to refuse what the library lets through (see <see cref="RefuseMalformed"/>).</param>
    /// <param name="environment">Reads ORCHPATCH_*.</param>
    public ParsedArguments Bind(ParseResult result, IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var entry = _entries[result.CommandResult.Command];
        var positionals = entry.Positional switch
        {
            Argument<string> one => result.GetValue(one) is { } value ? new[] { value } : Array.Empty<string>(),
            Argument<string[]> many => result.GetValue(many) ?? Array.Empty<string>(),
            _ => Array.Empty<string>(),
        };
        RefuseMalformed(entry.Command, args);
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        var fromEnvironment = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (spec, option) in entry.Options)
        {
            var given = result.GetResult(option) is { Implicit: false };
            if (given)
            {
                if (spec.IsFlag)
                {
                    flags.Add(spec.Name);
                }
                else if (spec.Repeatable)
                {
                    values[spec.Name] = result.GetValue((Option<string[]>)option)!.ToList();
                }
                else
                {
                    values[spec.Name] = new List<string> { result.GetValue((Option<string>)option)! };
                }

                continue;
            }

            var environmentValue = environment(spec.EnvironmentVariable);
            if (string.IsNullOrEmpty(environmentValue))
            {
                continue;
            }

            fromEnvironment.Add(spec.Name);
            if (!spec.IsFlag)
            {
                values[spec.Name] = new List<string> { environmentValue };
            }
            else if (IsTrue(environmentValue))
            {
                flags.Add(spec.Name);
            }
            else if (!IsFalse(environmentValue))
            {
                throw new UsageException($"{spec.EnvironmentVariable} (the fallback for --{spec.Name}) must be 1, true, yes, 0, false or no; got '{environmentValue}'.");
            }
        }

        return new ParsedArguments(positionals, values, flags, fromEnvironment);
    }

    /// <summary>A flag written with a value ("--json=yes"): the library would give a server named "yes"; it is
    /// refused by name. After "--" anything is a positional.</summary>
    private static void RefuseMalformed(ICommand command, IReadOnlyList<string> args)
    {
        var beforeSeparator = args.TakeWhile(a => a != "--").ToArray();
        foreach (var arg in beforeSeparator)
        {
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 2
                && command.Options.Any(o => o.IsFlag && o.Name == arg.Substring(2, equals - 2)))
            {
                throw new UsageException($"{arg.Substring(0, equals)} is a flag and takes no value; got '{arg}'. Give it alone to turn it on.");
            }
        }
    }

    /// <summary>An unknown option where a positional has room ("drain -f", "drain --thrtottle none") would be taken
    /// as the server's name; it is a parse error instead, with the nearest option suggested (the library suggests
    /// only for tokens it left unmatched).</summary>
    private static void RefuseOptionsAsPositionals(System.CommandLine.Parsing.ArgumentResult result, ICommand command)
    {
        foreach (var token in result.Tokens.Select(t => t.Value).Where(v => v.Length > 1 && v[0] == '-'))
        {
            var near = NearestOption(token, command);
            result.AddError($"Unrecognized command or argument '{token}'." + (near is null ? string.Empty : $" Did you mean {near}?"));
        }
    }

    /// <summary>The declared option within two edits of what was typed, if one is.</summary>
    public static string? NearestOption(string typed, ICommand command) =>
        command.Options.Select(o => "--" + o.Name)
            .Select(name => (name, distance: EditDistance(typed, name)))
            .Where(c => c.distance <= 2)
            .OrderBy(c => c.distance)
            .Select(c => c.name)
            .FirstOrDefault();

    private static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    private static Option ToOption(OptionSpec spec)
    {
        var name = "--" + spec.Name;
        if (spec.IsFlag)
        {
            return new Option<bool>(name) { Description = spec.Description, Arity = ArgumentArity.Zero };
        }

        if (spec.Repeatable)
        {
            return new Option<string[]>(name) { Description = spec.Description, HelpName = spec.ValueName, Arity = ArgumentArity.OneOrMore };
        }

        return new Option<string>(name) { Description = spec.Description, HelpName = spec.ValueName };
    }

    private static bool IsTrue(string text) =>
        text is "1" || text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("yes", StringComparison.OrdinalIgnoreCase);

    private static bool IsFalse(string text) =>
        text is "0" || text.Equals("false", StringComparison.OrdinalIgnoreCase) || text.Equals("no", StringComparison.OrdinalIgnoreCase);

    private sealed record Entry(ICommand Command, IReadOnlyDictionary<OptionSpec, Option> Options, Argument? Positional);

    /// <summary>--help, -h and -? write our help (own options first, an example each) instead of the library's.</summary>
    private sealed class CatalogHelpAction : SynchronousCommandLineAction
    {
        private readonly CommandLineTree _tree;

        public CatalogHelpAction(CommandLineTree tree) => _tree = tree;

        public override int Invoke(ParseResult parseResult)
        {
            var output = parseResult.InvocationConfiguration.Output;
            if (_tree.CommandOf(parseResult) is { } command)
            {
                HelpText.WriteCommand(output, command);
            }
            else
            {
                HelpText.WriteOverview(output);
            }

            return ExitCodes.Success;
        }
    }
}
