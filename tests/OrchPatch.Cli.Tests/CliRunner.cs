using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OrchPatch.Cli.Infrastructure;

namespace OrchPatch.Cli.Tests;

/// <summary>Runs `orchpatch ...` in-process with captured output and a given environment.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public string All => Output + Error;
}

internal static class CliRunner
{
    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string>? environment, TimeProvider? time, CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var env = environment ?? new Dictionary<string, string>();
        var context = new CommandContext(output, error, name => env.TryGetValue(name, out var v) ? v : null, cancellationToken)
        {
            Time = time ?? TimeProvider.System,
        };
        var code = await CliApplication.RunAsync(args, context).ConfigureAwait(false);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(null, null, CancellationToken.None, args);
}
