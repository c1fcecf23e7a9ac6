using System;
using System.Collections.Generic;
using System.Linq;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Orchestrator;

namespace OrchPatch.Cli.Infrastructure;

/// <summary>Options shared by the commands that talk to Orchestrator. Each also comes from ORCHPATCH_*; the password
/// only from ORCHPATCH_PASSWORD or a prompt, never from the command line.</summary>
internal static class CommonOptions
{
    public static readonly OptionSpec Url = OptionSpec.Value("url", "URL", "the web service: http://SERVER:81/Orchestrator2012/Orchestrator.svc/ (2012-2019) or https://SERVER:PORT/api/ (2022)");
    public static readonly OptionSpec Api = OptionSpec.Value("api", "auto|odata|webapi", "which web API (default auto: by the URL's shape)");
    public static readonly OptionSpec User = OptionSpec.Value("user", "DOMAIN\\USER", "the account (default: yours, Windows integrated); its password comes from ORCHPATCH_PASSWORD or a prompt");
    public static readonly OptionSpec RequestTimeout = OptionSpec.Value("request-timeout", "DURATION", $"how long one web-service request may take (default {Durations.Format(OrchestratorConnectionConstants.DefaultRequestTimeout)})");
    public static readonly OptionSpec TrustThumbprint = OptionSpec.Value("trust-thumbprint", "HASH", "accept this one certificate (SHA-1 or SHA-256) although its chain is untrusted (a self-signed web service); it must still name the host");
    public static readonly OptionSpec AllowBasic = OptionSpec.Flag("allow-basic", "also offer the credentials with HTTP Basic (https or loopback only; the simulator uses it)");
    public static readonly OptionSpec Throttle = OptionSpec.Value("throttle", "database|aspt|simulator|none", "how max jobs is read and set (default: database with --connection-string, aspt with --aspt)");
    public static readonly OptionSpec ConnectionString = OptionSpec.Value("connection-string", "TEXT", "the Orchestrator database, for --throttle database (better from ORCHPATCH_CONNECTION_STRING)");
    public static readonly OptionSpec Aspt = OptionSpec.Value("aspt", "PATH", "aspt.exe on the management server, for --throttle aspt");
    public static readonly OptionSpec WaitRunbook = OptionSpec.Value("wait-runbook", "PATH", $"the Wait Runbook (default {MaintenanceConstants.DefaultWaitRunbookPath})");
    public static readonly OptionSpec Poll = OptionSpec.Value("poll", "DURATION", $"how often to look while waiting (default {Durations.Format(MaintenanceConstants.DefaultPollInterval)})");
    public static readonly OptionSpec Json = OptionSpec.Flag("json", "print one JSON result document on standard output instead of text");

    /// <summary>Connection, throttle, engine and output options, for commands that talk to Orchestrator.</summary>
    public static IReadOnlyList<OptionSpec> ForFarm { get; } = new[] { Url, Api, User, RequestTimeout, TrustThumbprint, AllowBasic, Throttle, ConnectionString, Aspt, WaitRunbook, Poll, Json };

    public static IReadOnlyList<OptionSpec> With(params OptionSpec[] more) => With((IEnumerable<OptionSpec>)more);

    public static IReadOnlyList<OptionSpec> With(IEnumerable<OptionSpec> more) => ForFarm.Concat(more).ToArray();
}
