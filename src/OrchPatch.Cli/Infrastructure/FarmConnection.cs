using System;
using System.Linq;
using System.Net.Http;
using System.Text.RegularExpressions;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Core.Throttle;
using OrchPatch.Core.Utils;
using OrchPatch.Lab;
using OrchPatch.Simulator;

namespace OrchPatch.Cli.Infrastructure;

/// <summary>Which throttle a command uses.</summary>
internal enum ThrottleMethod
{
    Database,
    Aspt,
    Simulator,
    None,
}

/// <summary>Builds the engine's dependencies from a command's options: the web-service client, the throttle, the
/// settings. Every bad option is a usage error (exit 2) before anything is contacted.</summary>
internal static class FarmConnection
{
    private static readonly Regex ClientOptionName = new(@"(The field )?\b(?<name>ServiceUrl|UserName|Password|RequestTimeout|AllowBasicAuthentication|TrustedCertificateThumbprint)\b", RegexOptions.CultureInvariant);

    public static MaintenanceContext Create(ParsedArguments arguments, CommandContext context, bool changesThings, Action<MaintenanceEvent>? onProgress)
    {
        var options = ConnectionOptions(arguments, context);
        var transport = context.TransportFor?.Invoke(options) ?? context.Transport;
        IOrchestratorService service;
        try
        {
            service = OrchestratorServiceFactory.Create(options, context.Time, transport);
        }
        catch (OptionsValidationException ex)
        {
            throw new UsageException("the connection options are invalid: " + string.Join(" ", ex.Errors.Select(InOptionNames)));
        }

        if (options.Api == OrchestratorApi.Auto)
        {
            // Said once, on standard error: which API auto chose and why (the README promises it).
            context.Error.WriteLine($"orchpatch: --api auto chose the {service.Endpoint} ({service.Endpoint.HowChosen}).");
        }

        var settings = new MaintenanceSettings
        {
            WaitRunbookPath = arguments.Value(CommonOptions.WaitRunbook.Name) ?? MaintenanceConstants.DefaultWaitRunbookPath,
            PollInterval = SettingRange.Duration(arguments, CommonOptions.Poll.Name, typeof(MaintenanceSettings), nameof(MaintenanceSettings.PollInterval)) ?? MaintenanceConstants.DefaultPollInterval,
            LocalComputerName = context.MachineName,
            Owner = $"{Environment.UserDomainName}\\{Environment.UserName} on {context.MachineName} (orchpatch)",
            OnProgress = onProgress,
        };
        return new MaintenanceContext(service, Throttle(arguments, context, options, transport, changesThings), context.Time, settings);
    }

    public static OrchestratorConnectionOptions ConnectionOptions(ParsedArguments arguments, CommandContext context)
    {
        var url = arguments.Value(CommonOptions.Url.Name);
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new UsageException("--url is required (or set ORCHPATCH_URL): http://SERVER:81/Orchestrator2012/Orchestrator.svc/ for Orchestrator 2012-2019, https://SERVER:PORT/api/ for 2022.");
        }

        var user = arguments.Value(CommonOptions.User.Name);
        string? password = null;
        if (!string.IsNullOrWhiteSpace(user))
        {
            password = context.Environment("ORCHPATCH_PASSWORD") ?? context.PromptPassword($"Password for {user}: ");
            if (password is null)
            {
                throw new UsageException($"--user {user} needs a password: set ORCHPATCH_PASSWORD (it is never taken from the command line) or run interactively to be asked.");
            }
        }

        var api = arguments.Enum<OrchestratorApi>(CommonOptions.Api.Name) ?? OrchestratorApi.Auto;
        RefuseApiAgainstUrl(arguments, url!, api);
        var shownUrl = ShownUrl(url!);
        var options = new OrchestratorConnectionOptions
        {
            ServiceUrl = url!,
            Api = api,
            UserName = user,
            Password = password,
            AllowBasicAuthentication = arguments.Flag(CommonOptions.AllowBasic.Name),
            RequestTimeout = SettingRange.Duration(arguments, CommonOptions.RequestTimeout.Name, typeof(OrchestratorConnectionOptions), nameof(OrchestratorConnectionOptions.RequestTimeout)) ?? OrchestratorConnectionConstants.DefaultRequestTimeout,
            TrustedCertificateThumbprint = arguments.Value(CommonOptions.TrustThumbprint.Name),
        };

        // Retries are said as they happen, on standard error (never mixed into --json): six silent attempts
        // looked like a hang of 22 seconds before the failure.
        var attempts = options.MaxRetryAttempts + 1;
        // The fault is the server's words: escaped, as everything read from the farm.
        options.OnRetry = retry => context.Error.WriteLine(TerminalText.Escape(CliApplication.Scrub(
            $"orchpatch: no answer from {shownUrl} (attempt {retry.AttemptNumber + 1} of {attempts}, next in {Durations.Format(retry.RetryDelay)}): {retry.Fault}", context)));
        return options;
    }

    /// <summary>The URL as typed, without a user name or password written into it.</summary>
    private static string ShownUrl(string url) =>
        Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0
            ? new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri.ToString()
            : url.Trim();

    private static IRunbookServerThrottle Throttle(ParsedArguments arguments, CommandContext context, OrchestratorConnectionOptions options, HttpMessageHandler? transport, bool changesThings)
    {
        var connectionString = arguments.Value(CommonOptions.ConnectionString.Name);
        var aspt = arguments.Value(CommonOptions.Aspt.Name);
        var method = arguments.Enum<ThrottleMethod>(CommonOptions.Throttle.Name)
            ?? (connectionString is not null ? ThrottleMethod.Database : aspt is not null ? ThrottleMethod.Aspt : (ThrottleMethod?)null);
        switch (method)
        {
            case ThrottleMethod.Database:
                try
                {
                    return DatabaseThrottle.ForSqlServer(connectionString ?? throw new UsageException("--throttle database needs --connection-string (or ORCHPATCH_CONNECTION_STRING)."));
                }
                catch (ArgumentException ex)
                {
                    throw UsageException.From(ex);
                }

            case ThrottleMethod.Aspt:
                return new AsptThrottle(aspt ?? throw new UsageException($"--throttle aspt needs --aspt PATH (usually {AsptThrottle.DefaultPaths[0]})."), context.Time);
            case ThrottleMethod.Simulator:
                return new SimulatorThrottle(SimulatorRoot(options.ServiceUrl), transport);
            case ThrottleMethod.None:
                return new NoThrottle();
            default:
                if (changesThings)
                {
                    throw new UsageException("--throttle is required: database (with --connection-string), aspt (with --aspt), simulator (an orchpatch simulator), or none (record only: nothing stops new jobs from landing).");
                }

                return new NoThrottle();
        }
    }

    /// <summary>An API the URL's shape contradicts (`--api odata` on an /api/ URL) is refused before any request:
    /// the server would only answer a raw 400. The shape is Core's own auto rule. A URL without a marker (a reverse
    /// proxy that renames the path) takes the API as given.</summary>
    private static void RefuseApiAgainstUrl(ParsedArguments arguments, string url, OrchestratorApi api)
    {
        if (api == OrchestratorApi.Auto || ApiByShape(url) is not { } byShape || byShape == api)
        {
            return;
        }

        var (what, word) = byShape == OrchestratorApi.WebApi
            ? ("a Web API URL (Orchestrator 2022, /api/)", "webapi")
            : ("an Orchestrator.svc URL (Orchestrator 2012-2019)", "odata");
        throw new UsageException($"{arguments.Source(CommonOptions.Url.Name)} {url} is {what}, but {arguments.Source(CommonOptions.Api.Name)} says {arguments.Value(CommonOptions.Api.Name)}. Use --api {word}, or leave --api out (auto).");
    }

    /// <summary>The API Core's auto rule reads from the URL's shape, null when the shape does not say. Asked of the
    /// client itself (built, never contacted), so the rule lives in one place.</summary>
    private static OrchestratorApi? ApiByShape(string url)
    {
        try
        {
            using var probe = OrchestratorServiceFactory.Create(new OrchestratorConnectionOptions { ServiceUrl = url, Api = OrchestratorApi.Auto }, TimeProvider.System);
            return probe.Endpoint.Api;
        }
        catch (OptionsValidationException)
        {
            return null;
        }
    }

    /// <summary>A message from the engine or the client in the CLI's words: its option names, not the activity's
    /// settings (TrustedCertificateThumbprint is the Integration Pack's field; the CLI's is --trust-thumbprint).</summary>
    public static string InCliWords(string message) =>
        // .NET's words when an https request meets a plain-http service: say what it most likely means.
        (message.Contains("corrupted frame was received", StringComparison.Ordinal) ? message.TrimEnd() + " If the web service speaks plain http, use an http:// URL." : message).Replace("set TrustedCertificateThumbprint to accept", "give --trust-thumbprint SHA1 (its SHA-1 thumbprint) to accept", StringComparison.Ordinal)
            .Replace("TrustedCertificateThumbprint", "--" + CommonOptions.TrustThumbprint.Name, StringComparison.Ordinal);

    /// <summary>A connection problem in the names the user typed (--url), not the client's option names (ServiceUrl).</summary>
    private static string InOptionNames(string error) =>
        ClientOptionName.Replace(error, m => m.Groups["name"].Value switch
        {
            nameof(OrchestratorConnectionOptions.ServiceUrl) => "--" + CommonOptions.Url.Name,
            nameof(OrchestratorConnectionOptions.UserName) => "--" + CommonOptions.User.Name,
            nameof(OrchestratorConnectionOptions.Password) => "the password (ORCHPATCH_PASSWORD)",
            nameof(OrchestratorConnectionOptions.RequestTimeout) => "--" + CommonOptions.RequestTimeout.Name,
            nameof(OrchestratorConnectionOptions.AllowBasicAuthentication) => "--" + CommonOptions.AllowBasic.Name,
            _ => "--" + CommonOptions.TrustThumbprint.Name,
        });

    /// <summary>The simulator's root (its control surface is at /_simulator/ beside the web services).</summary>
    private static Uri SimulatorRoot(string serviceUrl)
    {
        var uri = new Uri(serviceUrl, UriKind.Absolute);
        return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
    }
}
