using System;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Core.Utils;
using OrchPatch.Reliability.Tests.Support;
using OrchPatch.Simulator;
using OrchPatch.Simulator.Events;
using OrchPatch.Lab;
using OrchPatch.TestSupport.Farms;

namespace OrchPatch.Reliability.Tests;

/// <summary>
/// Bad input at the engine and client level, each refused before any change with a message that names the problem:
/// the farm (every server's max jobs, every job) is compared before and after. The activity and command-line layers
/// have their own matrix.
/// </summary>
[TestFixture]
public sealed class BadInputTests
{
    private const string Password = "Corr3ct-H0rse-Battery";
    private static readonly TimeSpan Limit = TimeSpan.FromHours(1);

    [Test]
    public void Drain_UnknownServer_RefusedNamingTheServersThatExist()
    {
        var error = Refused(farm => Drain(farm, farm.Context(), "RB09"));

        Assert.That(error, Is.InstanceOf<UnknownRunbookServerException>());
        Assert.That(error.Message, Is.EqualTo($"Cannot drain RB09: Runbook server 'RB09' is unknown to {SimulatorConstants.InProcessBaseAddress}{SimulatorConstants.ODataPath}. Runbook servers: RB01, RB02, RB03. Nothing was changed."));
        Assert.That(((UnknownRunbookServerException)error).Known, Is.EquivalentTo(new[] { "RB01", "RB02", "RB03" }));
    }

    [Test]
    public void Restore_UnknownServer_Refused()
    {
        var error = Refused(farm => farm.Run(() => new RestoreRunbookServer(farm.Context(), new RestoreOptions()).RunAsync("RB09"), Limit));

        Assert.That(error, Is.InstanceOf<UnknownRunbookServerException>());
        Assert.That(error.Message, Is.EqualTo($"Cannot restore RB09: Runbook server 'RB09' is unknown to {SimulatorConstants.InProcessBaseAddress}{SimulatorConstants.ODataPath}. Runbook servers: RB01, RB02, RB03. Nothing was changed."));
    }

    [Test]
    public void RollingPatch_UnknownServerInTheList_RefusedBeforeAnyServerIsTouched()
    {
        var error = Refused(farm => farm.Run(() => new RollingPatch(farm.Context(), new RollingPatchOptions { Servers = new[] { "RB01", "RB7" } }, (_, _) => Task.FromResult(new PatchStepResult(true, string.Empty))).RunAsync(), Limit));

        Assert.That(error, Is.InstanceOf<UnknownRunbookServerException>());
        Assert.That(error.Message, Is.EqualTo($"Cannot patch RB7: Runbook server 'RB7' is unknown to {SimulatorConstants.InProcessBaseAddress}{SimulatorConstants.ODataPath}. Runbook servers: RB01, RB02, RB03. Nothing was changed."));
    }

    [Test]
    public void Drain_TheOnlyServer_Refused()
    {
        var error = Refused(farm => Drain(farm, farm.Context(), "RB01"), servers: 1);

        Assert.That(error.Message, Is.EqualTo("Cannot drain RB01: RB01 is the only runbook server: draining it would leave no server to run runbooks. Deploy another runbook server first. Nothing was changed."));
    }

    [Test]
    public void Drain_FewerServersThanTheMinimum_Refused()
    {
        var error = Refused(farm => Drain(farm, farm.Context(), "RB01", new DrainOptions { MinimumRunbookServers = 3 }), servers: 2);

        Assert.That(error.Message, Is.EqualTo("Cannot drain RB01: the farm has 2 runbook servers (RB01, RB02); at least 3 are required (MinimumRunbookServers). Nothing was changed."));
    }

    [TestCase("RB01")]
    [TestCase("rb01.contoso.com", Description = "the computer's DNS name, in another case")]
    public void Drain_TheServerRunningTheDrain_Refused(string localComputerName)
    {
        var error = Refused(farm => Drain(farm, farm.Context(new MaintenanceSettings { LocalComputerName = localComputerName }), "RB01"));

        Assert.That(error.Message, Is.EqualTo(
            "Cannot drain RB01: RB01 is the runbook server running this drain; draining it would stop the runbook that asked for it. " +
            "Run the drain on another runbook server (pin the job with Runbook Servers) or from orchpatch on another computer (or, if it is meant, with orchpatch's --allow-local). Nothing was changed."));
    }

    [TestCase("", "The field ServiceUrl")]
    [TestCase("   ", "The field ServiceUrl")]
    [TestCase("orchestrator", "ServiceUrl")]
    [TestCase("ftp://orch:81/Orchestrator2012/Orchestrator.svc", "ServiceUrl")]
    [TestCase("http://", "ServiceUrl")]
    public void CreateClient_EmptyOrMalformedUrl_RefusedBeforeAnyRequest(string url, string named)
    {
        using var farm = TestFarm.WithServers(3).Build();
        var before = Requests(farm);

        var error = Assert.Throws<OptionsValidationException>(() => OrchestratorServiceFactory.Create(new OrchestratorConnectionOptions { ServiceUrl = url }, farm.Clock, farm.Orchestrator.CreateHandler()));

        TestContext.Out.WriteLine($"URL '{url}': {error!.Message}");
        Assert.That(error.Message, Does.Contain(named));
        Assert.That(Requests(farm), Is.EqualTo(before), "no request was sent");
    }

    [TestCase(0)]
    [TestCase(-5)]
    public void Drain_NonPositiveDeadline_RefusedWhenTheOperationIsCreated(int minutes)
    {
        var error = Refused(farm => Drain(farm, farm.Context(), "RB01", new DrainOptions { Deadline = TimeSpan.FromMinutes(minutes) }));

        Assert.That(error, Is.InstanceOf<OptionsValidationException>());
        Assert.That(((OptionsValidationException)error).Errors, Is.EqualTo(new[] { "The field Deadline must be between 00:00:01 and 7.00:00:00." }));
    }

    [TestCase("RB01' or Name ne '")]
    [TestCase("RB01') or (1 eq 1")]
    [TestCase("' or substringof('RB', Name) or '")]
    public void Drain_ServerNameWithQuotesOrODataOperators_UnknownAndNoOtherServerAffected(string name)
    {
        RecordingHandler? transport = null;
        var error = Refused(farm =>
        {
            transport = new RecordingHandler(farm.Orchestrator.CreateHandler());
            using var client = Client(farm, transport);
            Drain(farm, farm.Context(null, client), name);
        });

        TestContext.Out.WriteLine($"server '{name}': {error.Message}; requests: {string.Join(" | ", transport!.Requests)}");
        Assert.That(error, Is.InstanceOf<UnknownRunbookServerException>());
        Assert.That(transport.Requests.Where(r => r.Contains(name.Trim('\''), StringComparison.Ordinal)), Is.Empty, "the name never reached a $filter");
    }

    [Test]
    public void Drain_WaitRunbookPathWithQuotesAndOperators_SentEscapedAndNotFound()
    {
        const string path = @"\PatchRunbook\4: WaitRunbook' or Path ne '";
        RecordingHandler? transport = null;
        var error = Refused(farm =>
        {
            transport = new RecordingHandler(farm.Orchestrator.CreateHandler());
            using var client = Client(farm, transport);
            Drain(farm, farm.Context(new MaintenanceSettings { WaitRunbookPath = path }, client), "RB01");
        });

        var filters = transport!.Requests.Where(r => r.Contains("$filter", StringComparison.Ordinal) && r.Contains("WaitRunbook", StringComparison.Ordinal)).ToArray();
        TestContext.Out.WriteLine($"wait runbook path with a quote: {error.Message}; filters sent: {string.Join(" | ", filters)}");
        Assert.Multiple(() =>
        {
            // The similar paths come closest first, ties in the service's order: the list's order is not pinned.
            Assert.That(error.Message, Does.StartWith($"Cannot drain RB01: Runbook '\\PatchRunbook\\4: WaitRunbook' or Path ne '' is unknown to {SimulatorConstants.InProcessBaseAddress}{SimulatorConstants.ODataPath}. Runbooks that exist: ")
                .And.EndWith(". The Wait Runbook holds a drained server's last slot and records the maintenance: import the sample runbooks (PatchRunbook) or set the Wait Runbook Path. Nothing was changed."));
            Assert.That(filters, Is.Not.Empty);
            Assert.That(filters, Has.All.Contain("WaitRunbook'' or Path ne ''"), "the quote is doubled: one string literal, no operator");
        });
    }

    [Test]
    public void Drain_WaitRunbookThatDoesNotExist_RefusedNamingThePathAndTheWayOut()
    {
        var error = Refused(farm => Drain(farm, farm.Context(new MaintenanceSettings { WaitRunbookPath = @"\PatchRunbook\Wait" }), "RB01"));

        Assert.That(error.Message, Does.StartWith($"Cannot drain RB01: Runbook '\\PatchRunbook\\Wait' is unknown to {SimulatorConstants.InProcessBaseAddress}{SimulatorConstants.ODataPath}. Runbooks that exist: ")
            .And.EndWith(". The Wait Runbook holds a drained server's last slot and records the maintenance: import the sample runbooks (PatchRunbook) or set the Wait Runbook Path. Nothing was changed."));
    }

    [Test]
    public void Restore_CanaryThatDoesNotExist_RefusedBeforeTheThrottleIsTouched()
    {
        using var farm = TestFarm.WithServers(3).Build();
        Drain(farm, farm.Context(), "RB02");
        var ledger = new FarmLedger(farm);

        var error = Assert.Throws<MaintenanceRefusedException>(() => farm.Run(() => new RestoreRunbookServer(farm.Context(), new RestoreOptions { CanaryRunbookPath = @"\PatchRunbook\Canery" }).RunAsync("RB02"), Limit));

        Assert.That(error!.Message, Does.StartWith("Cannot restore RB02: the canary runbook: ").And.Contain(@"\PatchRunbook\Canery"));
        Assert.That(ledger.Changes(), Is.Empty, "RB02 stays drained, untouched");
    }

    [Test]
    public void Drain_WrongPassword_401NamesTheAccountNotThePassword()
    {
        var error = Refused(
            farm =>
            {
                using var client = Client(farm, new RecordingHandler(farm.Orchestrator.CreateHandler(), @"CONTOSO\ops", "wrong-" + Password), @"CONTOSO\ops", "wrong-" + Password);
                Drain(farm, farm.Context(null, client), "RB01");
            },
            users: new[] { SimulatedUser.Administrator(@"CONTOSO\ops", Password) });

        Assert.That(error, Is.InstanceOf<OrchestratorAuthenticationException>());
        Assert.That(error.Message, Is.EqualTo(
            $@"The Orchestrator web service at {SimulatorConstants.InProcessBaseAddress}{SimulatorConstants.ODataPath} refused the credentials of CONTOSO\ops (401 Unauthorized). " +
            "Check the user name and password, and that the account may sign in to the web service (Windows authentication)."));
    }

    [Test]
    public void Drain_NoPublishPermission_403AtTheFirstWriteAndNothingChanged()
    {
        var reader = new SimulatedUser(@"CONTOSO\reader", Password) { Permissions = new[] { new RunbookPermission(@"\", RunbookRights.Read) } };
        var error = Refused(
            farm =>
            {
                using var client = Client(farm, new RecordingHandler(farm.Orchestrator.CreateHandler(), reader.Name, Password), reader.Name, Password);
                Drain(farm, farm.Context(null, client), "RB01");
            },
            users: new[] { reader });

        Assert.That(error, Is.InstanceOf<OrchestratorPermissionException>());
        Assert.That(error.Message, Is.EqualTo(
            $@"CONTOSO\reader may not start the runbook '\PatchRunbook\4: WaitRunbook' on {SimulatorConstants.InProcessBaseAddress}{SimulatorConstants.ODataPath} (403 Forbidden): " +
            @"it needs Publish permission on the runbook '\PatchRunbook\4: WaitRunbook' (Runbook Designer > the runbook or folder > Permissions)."));
    }

    [Test]
    public void Restore_NoPublishPermission_403AndTheServerStaysInMaintenanceRecoverable()
    {
        var admin = SimulatedUser.Administrator(@"CONTOSO\admin", Password);
        var reader = new SimulatedUser(@"CONTOSO\reader", Password) { Permissions = new[] { new RunbookPermission(@"\", RunbookRights.Read) } };
        using var farm = TestFarm.WithServers(3).Build(new SimulatorSettings { Users = new[] { admin, reader } });
        using var adminClient = Client(farm, new RecordingHandler(farm.Orchestrator.CreateHandler(), admin.Name, Password), admin.Name, Password);
        Drain(farm, farm.Context(null, adminClient), "RB02");
        var ledger = new FarmLedger(farm);
        using var readerClient = Client(farm, new RecordingHandler(farm.Orchestrator.CreateHandler(), reader.Name, Password), reader.Name, Password);

        var error = Assert.Throws<MaintenanceFailedException>(() => farm.Run(() => new RestoreRunbookServer(farm.Context(null, readerClient), new RestoreOptions()).RunAsync("RB02"), Limit));

        // The throttle needs no web-service permission, so max jobs is back before the cancel is refused: no
        // refusal-before-change is possible here (no API asks "may I?"), so the error must say exactly what is left.
        TestContext.Out.WriteLine($"restore without Publish: {error!.Message}; changes: {string.Join(", ", ledger.Changes())}");
        Assert.That(error.Message, Does.Contain("403 Forbidden").And.Contain("Publish"));
        Assert.That(error.StateLeftBehind, Does.StartWith("max jobs restored to 50, but the wait job ").And.Contain("run the restore again"));
        Assert.That(ledger.ActiveWaitJobs().Select(j => j.Parameters["Server"]), Is.EqualTo(new[] { "RB02" }), "the record is kept, so a restore with the right account finishes");
        var restore = farm.Run(() => new RestoreRunbookServer(farm.Context(null, adminClient), new RestoreOptions()).RunAsync("RB02"), Limit);
        Assert.That((restore.Outcome, restore.MaxJobsRestored, farm.Orchestrator.GetMaxJobs("RB02")), Is.EqualTo((RestoreOutcome.Restored, 50, 50)));
    }

    /// <summary>Runs <paramref name="act"/> on a fresh farm, expects it to throw, and checks nothing changed.</summary>
    private static Exception Refused(Action<SimulatedFarm> act, int servers = 3, SimulatedUser[]? users = null)
    {
        var builder = TestFarm.WithServers(servers).Monitor(@"\Mon\Disk", "RB01").Job(@"\Ops\Backup", TimeSpan.FromMinutes(20), "RB01");
        if (servers > 1)
        {
            builder.Job(@"\Ops\Report", TimeSpan.FromMinutes(20), "RB02");
        }

        using var farm = builder.Build(new SimulatorSettings { Users = users ?? Array.Empty<SimulatedUser>() });
        var ledger = new FarmLedger(farm);
        var jobs = farm.Orchestrator.Jobs.Select(j => (j.Id, j.Status, j.Server)).ToArray();
        var error = Assert.Catch<Exception>(() => act(farm));
        Assert.Multiple(() =>
        {
            Assert.That(ledger.Changes(), Is.Empty, "nothing changed on the farm");
            Assert.That(ledger.ServersNotAtRecordedMaxJobs(), Is.Empty);
            Assert.That(farm.Orchestrator.Jobs.Select(j => (j.Id, j.Status, j.Server)), Is.EqualTo(jobs), "every job as it was");
        });
        TestContext.Out.WriteLine($"{error!.GetType().Name}: {error.Message}");
        return error;
    }

    private static void Drain(SimulatedFarm farm, MaintenanceContext context, string server, DrainOptions? options = null)
    {
        var drain = new DrainRunbookServer(context, options ?? new DrainOptions());
        farm.Run(() => drain.RunAsync(server), Limit);
    }

    private static IOrchestratorService Client(SimulatedFarm farm, RecordingHandler transport, string? account = null, string? password = null) =>
        OrchestratorServiceFactory.Create(
            new OrchestratorConnectionOptions { ServiceUrl = farm.Orchestrator.ODataRoot.ToString(), UserName = account, Password = password },
            farm.Clock,
            transport,
            new Random(7));

    private static int Requests(SimulatedFarm farm) => farm.Orchestrator.Events.OfType<RequestServed>().Count;
}
