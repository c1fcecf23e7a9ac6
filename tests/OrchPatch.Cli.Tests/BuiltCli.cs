using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using NUnit.Framework;

namespace OrchPatch.Cli.Tests;

/// <summary>The orchpatch.dll the CLI project built, with its own runtimeconfig and its System.CommandLine (the thing
/// that ships), run as a process.</summary>
internal static class BuiltCli
{
    /// <summary>The clone's root: the folder above the tests that holds OrchPatchIP.sln.</summary>
    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
            while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "OrchPatchIP.sln")))
            {
                dir = dir.Parent;
            }

            Assert.That(dir, Is.Not.Null, "repository root");
            return dir!.FullName;
        }
    }

    public static string Path
    {
        get
        {
            var configuration = new DirectoryInfo(TestContext.CurrentContext.TestDirectory).Parent!.Name;
            var cli = System.IO.Path.Combine(RepositoryRoot, "src", "OrchPatch.Cli", "bin", configuration, "net10.0", "orchpatch.dll");
            Assert.That(File.Exists(cli) && File.Exists(System.IO.Path.ChangeExtension(cli, ".runtimeconfig.json")), Is.True, cli);
            return cli;
        }
    }

    /// <summary>Starts `orchpatch ARGS` with its output redirected, ORCHPATCH_* cleared unless given.</summary>
    public static Process Start(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var key in new List<string>(info.Environment.Keys))
        {
            if (key.StartsWith("ORCHPATCH_", System.StringComparison.Ordinal))
            {
                info.Environment.Remove(key);
            }
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return Process.Start(info)!;
    }

    /// <summary>Runs `orchpatch ARGS` to its end (a minute at most).</summary>
    public static CliResult Run(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var process = Start(environment, args);
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        Assert.That(process.WaitForExit(60_000), Is.True, "orchpatch " + string.Join(" ", args));
        return new CliResult(process.ExitCode, output, error.Result);
    }

    public static CliResult Run(params string[] args) => Run(null, args);
}
