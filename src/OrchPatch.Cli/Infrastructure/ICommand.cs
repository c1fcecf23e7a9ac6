using System.Collections.Generic;
using System.Threading.Tasks;

namespace OrchPatch.Cli.Infrastructure;

/// <summary>One `orchpatch` command. Each lives in its own file under Commands/ and is listed in <see cref="CommandCatalog"/>.</summary>
internal interface ICommand
{
    /// <summary>The word after `orchpatch`.</summary>
    string Name { get; }

    /// <summary>One line for the command list.</summary>
    string Summary { get; }

    /// <summary>The usage line, for example "orchpatch drain SERVER --url URL [options]".</summary>
    string Usage { get; }

    /// <summary>Examples shown by --help (at least one).</summary>
    IReadOnlyList<string> Examples { get; }

    /// <summary>The options it accepts (common ones included).</summary>
    IReadOnlyList<OptionSpec> Options { get; }

    /// <summary>The positional arguments it accepts; null for none (any positional is refused).</summary>
    PositionalSpec? Positional => null;

    /// <summary>Runs the command.</summary>
    /// <param name="arguments">The parsed arguments.</param>
    /// <param name="context">Output, environment, cancellation.</param>
    /// <returns>An exit code from <see cref="ExitCodes"/>.</returns>
    Task<int> RunAsync(ParsedArguments arguments, CommandContext context);
}
