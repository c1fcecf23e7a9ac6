using System;
using System.Collections.Generic;

namespace OrchPatch.Pack.Tool;

/// <summary>"--name value" pairs and positionals; anything undeclared is refused, so a typo never packages the wrong thing.</summary>
internal sealed class ToolArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    private ToolArguments(IReadOnlyList<string> positionals) => Positionals = positionals;

    public IReadOnlyList<string> Positionals { get; }

    public static ToolArguments Parse(IReadOnlyList<string> args, int start, params string[] options)
    {
        var positionals = new List<string>();
        var result = new ToolArguments(positionals);
        for (var i = start; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                positionals.Add(args[i]);
                continue;
            }

            var name = args[i].Substring(2);
            if (Array.IndexOf(options, name) < 0)
            {
                throw new ToolUsageException($"unknown option '--{name}'" + (options.Length > 0 ? $" (options: {string.Join(", ", Array.ConvertAll(options, o => "--" + o))})." : "."));
            }

            if (i + 1 >= args.Count)
            {
                throw new ToolUsageException($"--{name} needs a value.");
            }

            result._values[name] = args[++i];
        }

        return result;
    }

    public string Required(string name) => _values.TryGetValue(name, out var value) ? value : throw new ToolUsageException($"--{name} is required.");

    public string? Optional(string name) => _values.TryGetValue(name, out var value) ? value : null;
}

/// <summary>Bad command line: exit code 2, nothing written.</summary>
internal sealed class ToolUsageException : Exception
{
    public ToolUsageException(string message)
        : base(message)
    {
    }
}
