using Microsoft.SystemCenter.Orchestrator.Integration;

namespace OrchPatch.Activities;

/// <summary>
/// The pack's one connection, shown in Runbook Designer's Options menu as "Orchestrator Patching Connection". Every
/// activity takes it through an <c>[ActivityConfiguration]</c> property. Plain settable properties only: Runbook
/// Designer creates this class offline, so nothing here may touch the network or the disk.
/// </summary>
[ActivityData(ConnectionNames.DisplayName)]
public sealed class OrchestratorPatchingConnection
{
    /// <summary>The web service: <c>http://SERVER:81/Orchestrator2012/Orchestrator.svc/</c> (2012-2019) or <c>https://SERVER:PORT/api/</c> (2022).</summary>
    [ActivityInput(ConnectionNames.WebServiceUrl)]
    public string WebServiceUrl { get; set; } = string.Empty;

    /// <summary>Which web API: Auto (by the URL's shape), Orchestrator.svc (2012-2019) or Web API (2022).</summary>
    [ActivityInput(ConnectionNames.Api, Default = ConnectionNames.ApiAuto)]
    public string Api { get; set; } = ConnectionNames.ApiAuto;

    /// <summary>DOMAIN\user for the web service; blank uses the runbook service account (Windows integrated).</summary>
    [ActivityInput(ConnectionNames.User, Optional = true)]
    public string User { get; set; } = string.Empty;

    /// <summary>The user's password; stored encrypted by Orchestrator and never published or logged.</summary>
    [ActivityInput(ConnectionNames.Password, Optional = true, PasswordProtected = true)]
    public string Password { get; set; } = string.Empty;

    /// <summary>How max jobs is changed: Database (dbo.ACTIONSERVERS) or aspt.exe.</summary>
    [ActivityInput(ConnectionNames.ThrottleMethod, Default = ConnectionNames.ThrottleDatabase)]
    public string ThrottleMethod { get; set; } = ConnectionNames.ThrottleDatabase;

    /// <summary>The Orchestrator database, for the Database throttle method.</summary>
    [ActivityInput(ConnectionNames.DatabaseConnectionString, Optional = true, PasswordProtected = true)]
    public string DatabaseConnectionString { get; set; } = string.Empty;

    /// <summary>Where aspt.exe is, for the aspt.exe throttle method.</summary>
    [ActivityInput(ConnectionNames.AsptPath, Optional = true)]
    public string AsptPath { get; set; } = string.Empty;

    /// <summary>The runbook that holds a drained server's last slot and records the maintenance.</summary>
    [ActivityInput(ConnectionNames.WaitRunbookPath, Default = ConnectionNames.DefaultWaitRunbookPath)]
    public string WaitRunbookPath { get; set; } = ConnectionNames.DefaultWaitRunbookPath;

    /// <summary>How long one web-service request may take, in seconds.</summary>
    [ActivityInput(ConnectionNames.RequestTimeout, Default = ConnectionNames.DefaultRequestTimeoutSeconds)]
    public int RequestTimeout { get; set; } = ConnectionNames.DefaultRequestTimeoutSeconds;

    /// <summary>The thumbprint of one certificate to trust although it does not chain to a trusted root; blank trusts only valid certificates.</summary>
    [ActivityInput(ConnectionNames.TrustedCertificateThumbprint, Optional = true)]
    public string TrustedCertificateThumbprint { get; set; } = string.Empty;
}

/// <summary>The connection's names and defaults: part of the pack's contract (saved runbooks refer to them), pinned by a test.</summary>
public static class ConnectionNames
{
    /// <summary>The Options menu entry.</summary>
    public const string DisplayName = "Orchestrator Patching Connection";

    /// <summary>Setting name.</summary>
    public const string WebServiceUrl = "Web Service URL";

    /// <summary>Setting name.</summary>
    public const string Api = "API";

    /// <summary>Setting name.</summary>
    public const string User = "User";

    /// <summary>Setting name.</summary>
    public const string Password = "Password";

    /// <summary>Setting name.</summary>
    public const string ThrottleMethod = "Throttle Method";

    /// <summary>Setting name.</summary>
    public const string DatabaseConnectionString = "Database Connection String";

    /// <summary>Setting name.</summary>
    public const string AsptPath = "aspt.exe Path";

    /// <summary>Setting name.</summary>
    public const string WaitRunbookPath = "Wait Runbook Path";

    /// <summary>Setting name.</summary>
    public const string RequestTimeout = "Request Timeout";

    /// <summary>Setting name.</summary>
    public const string TrustedCertificateThumbprint = "Trusted Certificate Thumbprint";

    /// <summary>API value: choose by the URL's shape.</summary>
    public const string ApiAuto = "Auto";

    /// <summary>API value: the 2012-2019 Orchestrator.svc.</summary>
    public const string ApiOData = "Orchestrator.svc (2012-2019)";

    /// <summary>API value: the 2022 Web API.</summary>
    public const string ApiWebApi = "Web API (2022)";

    /// <summary>Throttle value: dbo.ACTIONSERVERS.MaxRunningPolicies.</summary>
    public const string ThrottleDatabase = "Database";

    /// <summary>Throttle value: aspt.exe on the management server.</summary>
    public const string ThrottleAspt = "aspt.exe";

    /// <summary>The sample Wait Runbook's path: the engine's default, named once in Core.</summary>
    public const string DefaultWaitRunbookPath = OrchPatch.Core.Maintenance.MaintenanceConstants.DefaultWaitRunbookPath;

    /// <summary>Default request timeout, in seconds.</summary>
    public const int DefaultRequestTimeoutSeconds = 100;
}
