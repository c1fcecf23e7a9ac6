using System;
using System.Collections.Generic;
using System.Linq;

namespace OrchPatch.Cli.Infrastructure;

/// <summary>Parses "--name value", "--name=value", flags and positionals against a command's declared options.
/// Anything not declared is refused with the command's name, so a typo never runs a drain with a default.</summary>
internal static class ArgumentParser
{
    public static ParsedArguments Parse(ICommand command, IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var specs = command.Options.ToDictionary(o => o.Name, StringComparer.Ordinal);
        var positionals = new List<string>();
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        var fromEnvironment = new HashSet<string>(StringComparer.Ordinal);

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                positionals.AddRange(args.Skip(i + 1));
                break;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                if (arg.StartsWith('-') && arg.Length > 1 && arg != "-")
                {
                    throw new UsageException($"Unknown option '{arg}' for 'orchpatch {command.Name}'. Options start with two dashes; see 'orchpatch {command.Name} --help'.");
                }

                positionals.Add(arg);
                continue;
            }

            var name = arg.Substring(2);
            string? inlineValue = null;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                inlineValue = name.Substring(equals + 1);
                name = name.Substring(0, equals);
            }

            if (!specs.TryGetValue(name, out var spec))
            {
                throw new UsageException($"Unknown option '--{name}' for 'orchpatch {command.Name}'. See 'orchpatch {command.Name} --help'.");
            }

            if (spec.IsFlag)
            {
                if (inlineValue is not null)
                {
                    throw new UsageException($"--{name} takes no value.");
                }

                flags.Add(name);
                continue;
            }

            var value = inlineValue ?? (i + 1 < args.Count ? args[++i] : throw new UsageException($"--{name} needs a value ({spec.ValueName})."));
            if (!values.TryGetValue(name, out var list))
            {
                values[name] = list = new List<string>();
            }
            else if (!spec.Repeatable)
            {
                throw new UsageException($"--{name} was given more than once.");
            }

            list.Add(value);
        }

        foreach (var spec in command.Options)
        {
            if (flags.Contains(spec.Name) || values.ContainsKey(spec.Name) || spec.Name == "help")
            {
                continue;
            }

            var environmentValue = environment(spec.EnvironmentVariable);
            if (string.IsNullOrEmpty(environmentValue))
            {
                continue;
            }

            fromEnvironment.Add(spec.Name);
            if (spec.IsFlag)
            {
                if (IsTrue(environmentValue!))
                {
                    flags.Add(spec.Name);
                }
            }
            else
            {
                values[spec.Name] = new List<string> { environmentValue! };
            }
        }

        return new ParsedArguments(positionals, values, flags, fromEnvironment);
    }

    private static bool IsTrue(string text) =>
        text is "1" || text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("yes", StringComparison.OrdinalIgnoreCase);
}
