using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;

namespace OrchPatch.Cli.Infrastructure;

/// <summary>Parses one command's arguments (after its name) with System.CommandLine against its declared options
/// and positionals, then applies the ORCHPATCH_* fallbacks. Anything not declared is refused, so a typo never runs
/// a drain with a default.</summary>
internal static class ArgumentParser
{
    public static ParsedArguments Parse(ICommand command, IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var tree = CommandLineTree.For(new[] { command });
        var result = tree.Parse(new[] { command.Name }.Concat(args).ToArray());
        if (result.Errors.Count > 0)
        {
            throw new UsageException(string.Join(" ", result.Errors.Select(e => e.Message)) + $" See 'orchpatch {command.Name} --help'.");
        }

        return tree.Bind(result, args, environment);
    }
}
