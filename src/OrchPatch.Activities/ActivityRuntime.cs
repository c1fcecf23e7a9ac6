using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.SystemCenter.Orchestrator.Integration;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Core.Throttle;
using OrchPatch.Core.Utils;

namespace OrchPatch.Activities;

/// <summary>
/// What every activity shares: the connection turned into the engine's dependencies, the engine call run to its end,
/// and failures turned into messages a runbook author can act on, with no secret in them.
/// </summary>
/// <remarks>
/// An activity method is synchronous and blocks on the engine. That is safe because Core never needs the caller's
/// context (every await in Core uses ConfigureAwait(false)). Nothing here runs before the activity method: Runbook
/// Designer loads the classes offline.
/// </remarks>
internal static class ActivityRuntime
{
    private static readonly Regex ClientOptionName = new(@"(?<field>The field )?\b(?<name>ServiceUrl|UserName|Password|RequestTimeout|TrustedCertificateThumbprint)\b", RegexOptions.CultureInvariant);

    /// <summary>Where the engine call runs and how the activity waits for it: the connection's web service, throttle
    /// and the system clock, blocking (production); a simulated farm on a virtual clock that the wait drives (tests).</summary>
    internal static IActivityHost Host { get; set; } = ProductionActivityHost.Instance;

    /// <summary>Runs one engine call for an activity.</summary>
    /// <typeparam name="T">The engine's result.</typeparam>
    /// <param name="connection">The activity's connection settings.</param>
    /// <param name="work">The engine call.</param>
    /// <param name="changesThings">False for a read-only activity: it then needs no throttle configured.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ActivityFailedException">The call failed; the message says what failed and in what state things were left.</exception>
    public static T Run<T>(OrchestratorPatchingConnection connection, Func<MaintenanceContext, Task<T>> work, bool changesThings = true)
    {
        var secrets = new[] { connection.Password, connection.DatabaseConnectionString };
        try
        {
            var host = Host;
            var context = host.CreateContext(connection, changesThings);
            using (context.Service)
            {
                var task = work(context);
                host.WaitFor(task);
                return task.GetAwaiter().GetResult();
            }
        }
        catch (ActivityWarning)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new ActivityFailedException(Redaction.Scrub(MessageOf(ex), secrets));
        }
    }

    /// <summary>Text to publish with the connection's secrets taken out.</summary>
    /// <param name="connection">The connection, for scrubbing.</param>
    /// <param name="message">What the runbook author should know.</param>
    /// <returns>The scrubbed text.</returns>
    internal static string Scrubbed(OrchestratorPatchingConnection connection, string message) =>
        Redaction.Scrub(message, new[] { connection.Password, connection.DatabaseConnectionString });

    /// <summary>The engine's context for a connection as configured in the Options menu.</summary>
    /// <param name="connection">The settings.</param>
    /// <param name="changesThings">False for a read-only activity, which may run without a throttle configured.</param>
    /// <returns>The context.</returns>
    internal static MaintenanceContext CreateContext(OrchestratorPatchingConnection connection, bool changesThings)
    {
        var time = TimeProvider.System;
        var service = OrchestratorServiceFactory.Create(ConnectionOptions(connection), time);
        var throttle = !changesThings && !ThrottleConfigured(connection) ? new NoThrottle() : Throttle(connection, time);
        return new MaintenanceContext(service, throttle, time, Settings(connection));
    }

    /// <summary>Whether the connection says how to reach the throttle (a read-only activity can do without).</summary>
    private static bool ThrottleConfigured(OrchestratorPatchingConnection connection) =>
        !string.IsNullOrWhiteSpace(connection.DatabaseConnectionString) || !string.IsNullOrWhiteSpace(connection.AsptPath);

    /// <summary>The web-service options for the connection (validated by the factory, every bad field listed).</summary>
    internal static OrchestratorConnectionOptions ConnectionOptions(OrchestratorPatchingConnection connection) => new()
    {
        ServiceUrl = connection.WebServiceUrl ?? string.Empty,
        Api = ParseApi(connection.Api),
        UserName = Blank(connection.User),
        Password = Blank(connection.Password),
        RequestTimeout = TimeSpan.FromSeconds(connection.RequestTimeout),
        TrustedCertificateThumbprint = Blank(connection.TrustedCertificateThumbprint),
    };

    /// <summary>The engine settings for the connection; the owner names this runbook server and account.</summary>
    internal static MaintenanceSettings Settings(OrchestratorPatchingConnection connection) => new()
    {
        WaitRunbookPath = string.IsNullOrWhiteSpace(connection.WaitRunbookPath) ? MaintenanceConstants.DefaultWaitRunbookPath : connection.WaitRunbookPath.Trim(),
        LocalComputerName = Environment.MachineName,
        Owner = $"{Environment.UserDomainName}\\{Environment.UserName} on {Environment.MachineName} (Orchestrator activity)",
    };

    /// <summary>The throttle method of the connection.</summary>
    internal static IRunbookServerThrottle Throttle(OrchestratorPatchingConnection connection, TimeProvider time)
    {
        var method = (connection.ThrottleMethod ?? string.Empty).Trim();
        if (method.Equals(ConnectionNames.ThrottleDatabase, StringComparison.OrdinalIgnoreCase) || method.Length == 0)
        {
            return DatabaseThrottle.ForSqlServer(connection.DatabaseConnectionString ?? string.Empty);
        }

        if (method.Equals(ConnectionNames.ThrottleAspt, StringComparison.OrdinalIgnoreCase) || method.Equals("aspt", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connection.AsptPath))
            {
                throw new ArgumentException($"The throttle method is aspt.exe but the aspt.exe Path is empty; set it in the {ConnectionNames.DisplayName} (usually {AsptThrottle.DefaultPaths[0]}).");
            }

            return new AsptThrottle(connection.AsptPath.Trim(), time);
        }

        throw new ArgumentException($"The throttle method '{method}' is unknown; use '{ConnectionNames.ThrottleDatabase}' or '{ConnectionNames.ThrottleAspt}'.");
    }

    internal static OrchestratorApi ParseApi(string? text)
    {
        var value = (text ?? string.Empty).Trim();
        if (value.Length == 0 || value.Equals(ConnectionNames.ApiAuto, StringComparison.OrdinalIgnoreCase))
        {
            return OrchestratorApi.Auto;
        }

        if (value.IndexOf("svc", StringComparison.OrdinalIgnoreCase) >= 0 || value.IndexOf("2012", StringComparison.OrdinalIgnoreCase) >= 0
            || value.IndexOf("2019", StringComparison.OrdinalIgnoreCase) >= 0 || value.Equals("OData", StringComparison.OrdinalIgnoreCase))
        {
            return OrchestratorApi.OData;
        }

        if (value.IndexOf("Web API", StringComparison.OrdinalIgnoreCase) >= 0 || value.IndexOf("2022", StringComparison.OrdinalIgnoreCase) >= 0
            || value.Equals("WebApi", StringComparison.OrdinalIgnoreCase))
        {
            return OrchestratorApi.WebApi;
        }

        throw new ArgumentException($"The API '{value}' is unknown; use '{ConnectionNames.ApiAuto}', '{ConnectionNames.ApiOData}' or '{ConnectionNames.ApiWebApi}'.");
    }

    /// <summary>An exception's message without what ArgumentException appends (" (Parameter 'x')" on .NET, a line
    /// "Parameter name: x" on .NET Framework): a runbook author never sees our parameter names.</summary>
    internal static string MessageOf(Exception exception)
    {
        if (exception is OptionsValidationException { OptionsName: nameof(OrchestratorConnectionOptions) } invalid)
        {
            return $"The {ConnectionNames.DisplayName} (Options menu) is invalid: " + string.Join(" ", invalid.Errors.Select(InSettingNames));
        }

        return ArgumentMessages.WithoutParameterName(exception);
    }

    /// <summary>A connection problem in the names the Options menu shows, not the client's option names.</summary>
    private static string InSettingNames(string error) =>
        ClientOptionName.Replace(error, m => (m.Groups["field"].Success ? "The setting " : string.Empty) + "'" + m.Groups["name"].Value switch
        {
            nameof(OrchestratorConnectionOptions.ServiceUrl) => ConnectionNames.WebServiceUrl,
            nameof(OrchestratorConnectionOptions.UserName) => ConnectionNames.User,
            nameof(OrchestratorConnectionOptions.Password) => ConnectionNames.Password,
            nameof(OrchestratorConnectionOptions.RequestTimeout) => ConnectionNames.RequestTimeout,
            _ => ConnectionNames.TrustedCertificateThumbprint,
        } + "'");

    /// <summary>Job ids as published data: the GUID's usual text.</summary>
    internal static string Id(Guid id) => id == Guid.Empty ? string.Empty : id.ToString("D", CultureInfo.InvariantCulture);

    /// <summary>Warnings as one published value, one per line.</summary>
    internal static string Lines(IEnumerable<string> warnings) => string.Join(Environment.NewLine, warnings);

    /// <summary>Seconds as a whole number, rounded.</summary>
    internal static int Seconds(TimeSpan duration) => (int)Math.Round(duration.TotalSeconds, MidpointRounding.AwayFromZero);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text!.Trim();
}

/// <summary>Where an activity's engine call runs, and how the activity method waits for it to end.</summary>
internal interface IActivityHost
{
    /// <summary>The engine's context for the connection. The activity disposes its service when done.</summary>
    /// <param name="connection">The activity's connection settings.</param>
    /// <param name="changesThings">False for a read-only activity, which may run without a throttle configured.</param>
    /// <returns>The context.</returns>
    MaintenanceContext CreateContext(OrchestratorPatchingConnection connection, bool changesThings);

    /// <summary>Returns when <paramref name="task"/> has completed (its outcome is read afterwards). Throwing instead
    /// ends the activity as a failure with the task still running, as when Orchestrator stops the runbook.</summary>
    /// <param name="task">The engine call.</param>
    void WaitFor(Task task);
}

/// <summary>Production: the connection as configured in the Options menu, on the system clock; the activity method
/// blocks until the engine is done.</summary>
internal sealed class ProductionActivityHost : IActivityHost
{
    public static readonly ProductionActivityHost Instance = new();

    private ProductionActivityHost()
    {
    }

    public MaintenanceContext CreateContext(OrchestratorPatchingConnection connection, bool changesThings) => ActivityRuntime.CreateContext(connection, changesThings);

    // Blocking is safe: nothing in Core needs the caller's context (ConfigureAwait(false) throughout).
    public void WaitFor(Task task) => task.GetAwaiter().GetResult();
}

/// <summary>An activity failed. The message says what failed and in what state the server was left; it holds no
/// secret and no inner exception (whose text Orchestrator might show).</summary>
[Serializable]
public sealed class ActivityFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The scrubbed message.</param>
    public ActivityFailedException(string message)
        : base(message)
    {
    }
}
