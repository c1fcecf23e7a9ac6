using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Core.Tests.Orchestrator.Contract;
using OrchPatch.Core.Tests.Orchestrator.Scripted;
using OrchPatch.Simulator;
using OrchPatch.TestSupport.Time;

namespace OrchPatch.Core.Tests.Orchestrator.Http;

/// <summary>Faults on the fake clock, for both APIs: what is retried, how long it waits, when it gives up, and a
/// start whose answer was lost never creating a second job.</summary>
[TestFixture(OrchestratorApi.OData)]
[TestFixture(OrchestratorApi.WebApi)]
public sealed class FaultTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);
    private readonly OrchestratorApi _api;
    private FakeTimeProvider _time = null!;
    private SimulatedContractServer _server = null!;
    private List<OrchestratorRetryArguments> _retries = null!;

    public FaultTests(OrchestratorApi api) => _api = api;

    private ScriptedFaults Handler { get; set; } = null!;

    [SetUp]
    public void CreateServer()
    {
        _time = new FakeTimeProvider(TestClients.Start);
        _server = SimulatedContractServer.InProcess(_api, _time);
        // Another writer changes the job a second later (a cancel request of its own), so its ETag moves on.
        Handler = new ScriptedFaults(_server.Transport!, id =>
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            _server.Simulator.CancelJob(id);
        });
        _retries = new List<OrchestratorRetryArguments>();
    }

    [TearDown]
    public void DisposeServer()
    {
        Handler.Dispose();
        _server.Dispose();
    }

    [Test]
    public void GetRunbookServersAsync_Two503s_CompletesAndReportsEachRetry()
    {
        Handler.Fail(ScriptedFault.Any, ScriptedFaultKind.Status, times: 2);
        using var service = Client();

        var servers = Run(service.GetRunbookServersAsync());

        Assert.That(servers.Select(s => s.Name), Is.EquivalentTo(new[] { "RB01", "RB02", "RB03" }));
        Assert.That(_retries.Select(r => (r.Operation, r.AttemptNumber, r.Fault)), Is.EqualTo(new[]
        {
            ("list the runbook servers", 1, "503 Service Unavailable"),
            ("list the runbook servers", 2, "503 Service Unavailable"),
        }));
    }

    [Test]
    public void GetRunbookServersAsync_NoAnswer_TimesOutOnTheClockAndRetries()
    {
        Handler.Fail(ScriptedFault.Any, ScriptedFaultKind.Hang);
        using var service = Client(o => o.RequestTimeout = TimeSpan.FromSeconds(10));

        var servers = Run(service.GetRunbookServersAsync());

        Assert.That((servers.Count, _retries.Single().Fault, Elapsed() >= TimeSpan.FromSeconds(10), Elapsed() < TimeSpan.FromSeconds(11)), Is.EqualTo((3, "no answer within 10s", true, true)));
    }

    [Test]
    public void GetJobsAsync_ConnectionReset_Retried()
    {
        Handler.Fail(ScriptedFault.Any, ScriptedFaultKind.Reset);
        using var service = Client();

        Run(service.GetJobsAsync(JobQuery.Active));

        Assert.That((_retries.Single().Fault, Handler.Requests.Count), Is.EqualTo(("connection failed (Connection reset by peer)", 2)));
    }

    [Test]
    public void GetRunbookServersAsync_RetryAfterSeconds_WaitsThatLong()
    {
        Handler.Fail(ScriptedFault.Any, ScriptedFaultKind.Status, status: HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(7));
        using var service = Client(jitter: new FixedRandom(0));

        Run(service.GetRunbookServersAsync());

        Assert.That((_retries.Single().RetryDelay, _retries.Single().Fault, Elapsed()), Is.EqualTo((TimeSpan.FromSeconds(7), "429 Too Many Requests", TimeSpan.FromSeconds(7))));
    }

    [Test]
    public void GetRunbookServersAsync_RetryAfterDate_WaitsUntilThen()
    {
        Handler.Faults.Add(new ScriptedFault(ScriptedFault.Any, ScriptedFaultKind.Status) { RetryAfterDate = TestClients.Start.AddSeconds(12) });
        using var service = Client(jitter: new FixedRandom(0));

        Run(service.GetRunbookServersAsync());

        Assert.That((_retries.Single().RetryDelay, Elapsed()), Is.EqualTo((TimeSpan.FromSeconds(12), TimeSpan.FromSeconds(12))));
    }

    [Test]
    public void AnyCall_RepeatedFaults_BacksOffExponentiallyWithJitterUpToTheLongestStep()
    {
        Handler.Fail(ScriptedFault.Any, ScriptedFaultKind.Status, times: 5);
        using var service = Client(o => o.MaxRetryDelay = TimeSpan.FromSeconds(5), new FixedRandom(0.5));

        Run(service.GetRunbookServersAsync());

        Assert.That(_retries.Select(r => r.RetryDelay.TotalSeconds), Is.EqualTo(new[] { 0.5, 1, 2, 2.5, 2.5 }));
        Assert.That(Elapsed(), Is.EqualTo(TimeSpan.FromSeconds(8.5)));
    }

    [Test]
    public void AnyCall_AlwaysUnavailable_GivesUpAfterMaxRetryAttempts()
    {
        Handler.Fail(ScriptedFault.Any, ScriptedFaultKind.Status, times: 100, status: HttpStatusCode.BadGateway);
        using var service = Client(o => o.MaxRetryAttempts = 3, new FixedRandom(0));

        var ex = Assert.Throws<OrchestratorUnavailableException>(() => Run(service.GetRunbookServersAsync()));

        Assert.That((ex!.Attempts, Handler.Requests.Count, ex.Message), Is.EqualTo((4, 4,
            $"Could not list the runbook servers: the Orchestrator web service at {_server.ServiceRoot} did not answer after 4 attempt(s) (last: 502 Bad Gateway).")));
    }

    [Test]
    public void AnyCall_AlwaysUnavailable_StopsBeforeAWaitWouldPassMaxRetryTotal()
    {
        // Full steps of 1, 2, 4 s reach 7 s; the next 8 s would end at 15 s, past the 10 s total.
        Handler.Fail(ScriptedFault.Any, ScriptedFaultKind.Status, times: 100);
        using var service = Client(o => o.MaxRetryTotal = TimeSpan.FromSeconds(10), new FixedRandom(1));

        var ex = Assert.Throws<OrchestratorUnavailableException>(() => Run(service.GetRunbookServersAsync()));

        Assert.That((ex!.Attempts, _retries.Count, Elapsed()), Is.EqualTo((4, 3, TimeSpan.FromSeconds(7))));
    }

    [Test]
    public void AnyCall_RetryAfterBeyondTheTotal_GivesUpAtOnce()
    {
        Handler.Fail(ScriptedFault.Any, ScriptedFaultKind.Status, times: 100, retryAfter: TimeSpan.FromMinutes(5));
        using var service = Client();

        var ex = Assert.Throws<OrchestratorUnavailableException>(() => Run(service.GetRunbookServersAsync()));

        Assert.That((ex!.Attempts, _retries.Count, Elapsed()), Is.EqualTo((1, 0, TimeSpan.Zero)));
    }

    [TestCase(HttpStatusCode.BadRequest)]
    [TestCase(HttpStatusCode.Unauthorized)]
    [TestCase(HttpStatusCode.Forbidden)]
    [TestCase(HttpStatusCode.Conflict)]
    public void AnyCall_ClientError_NotRetried(HttpStatusCode status)
    {
        Handler.Fail(ScriptedFault.Any, ScriptedFaultKind.Status, times: 100, status: status);
        using var service = Client();

        var ex = Assert.Throws(Is.InstanceOf<OrchestratorException>(), () => Run(service.GetJobsAsync(JobQuery.Active)));

        Assert.That((((OrchestratorException)ex!).StatusCode, Handler.Requests.Count, _retries.Count), Is.EqualTo(((int?)(int)status, 1, 0)));
    }

    [Test]
    public void GetJobAsync_NotFound_NotRetriedAndTheRootCheckedOnce()
    {
        using var service = Client();

        Assert.Throws<JobNotFoundException>(() => Run(service.GetJobAsync(Guid.NewGuid())));
        Assert.Throws<JobNotFoundException>(() => Run(service.GetJobAsync(Guid.NewGuid())));

        Assert.That(Handler.Requests.Select(r => r.Uri.AbsolutePath.Substring(_server.ServiceRoot.AbsolutePath.Length).Split('(', '/')[0]), Is.EqualTo(new[]
        {
            "Jobs", _api == OrchestratorApi.OData ? string.Empty : "RunbookServers", "Jobs",
        }));
    }

    [Test]
    public void StartJobAsync_AnswerLostAfterTheServerCreatedTheJob_ReturnsThatJobAndCreatesNoOther()
    {
        Handler.Fail(ScriptedFault.Starts, ScriptedFaultKind.AcceptThenStatus);
        using var service = Client();

        var job = Run(service.StartJobAsync(WaitJob("RB02")));

        Assert.That((_server.Jobs.Count, job.Id, Handler.Requests.Count(r => r.Method == "POST")), Is.EqualTo((1, _server.Jobs.Single().Id, 1)));
    }

    [Test]
    public void StartJobAsync_TimedOutAfterTheServerCreatedTheJob_ReturnsThatJobAndCreatesNoOther()
    {
        Handler.Fail(ScriptedFault.Starts, ScriptedFaultKind.AcceptThenHang);
        using var service = Client(o => o.RequestTimeout = TimeSpan.FromSeconds(30));

        var job = Run(service.StartJobAsync(WaitJob("RB01")));

        Assert.That((_server.Jobs.Count, job.Id, _retries.Single().Fault), Is.EqualTo((1, _server.Jobs.Single().Id, "no answer within 30s")));
    }

    [Test]
    public void StartJobAsync_RefusedBeforeTheServerCreatedAnything_PostsAgainAndCreatesOne()
    {
        Handler.Fail(ScriptedFault.Starts, ScriptedFaultKind.Status, times: 2);
        using var service = Client();

        var job = Run(service.StartJobAsync(WaitJob("RB01")));

        Assert.That((_server.Jobs.Count, job.Id, Handler.Requests.Count(r => r.Method == "POST")), Is.EqualTo((1, _server.Jobs.Single().Id, 3)));
    }

    [Test]
    public void StartJobAsync_ASimilarJobOnAnotherServer_IsNotTakenForThisStart()
    {
        var other = _server.Simulator.StartJob(SimulatedContractServer.WaitRunbookPath, new Dictionary<string, string> { ["Server"] = "RB01", ["Reason"] = "patch" }, new[] { "RB02" });
        Handler.Fail(ScriptedFault.Starts, ScriptedFaultKind.Status);
        using var service = Client();

        var job = Run(service.StartJobAsync(WaitJob("RB01")));

        Assert.That((_server.Jobs.Count, job.Id == other.Id), Is.EqualTo((2, false)));
    }

    [Test]
    public void StartJobAsync_LastAttemptAcceptedButLost_FoundByTheFinalLookUp()
    {
        Handler.Fail(ScriptedFault.Starts, ScriptedFaultKind.AcceptThenStatus);
        using var service = Client(o => o.MaxRetryAttempts = 0);

        var job = Run(service.StartJobAsync(WaitJob("RB01")));

        Assert.That((_server.Jobs.Count, job.Id), Is.EqualTo((1, _server.Jobs.Single().Id)));
    }

    [Test]
    public void StartJobAsync_Forbidden_NamesTheAccountAndThePublishPermission()
    {
        Handler.Fail(ScriptedFault.Starts, ScriptedFaultKind.Status, status: HttpStatusCode.Forbidden);
        using var service = Client(o => (o.UserName, o.Password) = (@"CONTOSO\svc-orch", "Pa55-w0rd!"));

        var ex = Assert.Throws<OrchestratorPermissionException>(() => Run(service.StartJobAsync(WaitJob("RB01"))));

        Assert.That(ex!.Message, Is.EqualTo(
            $@"CONTOSO\svc-orch may not start the runbook '\PatchRunbook\4: WaitRunbook' on {_server.ServiceRoot} (403 Forbidden): it needs Publish permission on the runbook '\PatchRunbook\4: WaitRunbook' " +
            "(Runbook Designer > the runbook or folder > Permissions)."));
        Assert.That(_server.Jobs, Is.Empty);
    }

    [Test]
    public void CancelJobAsync_Forbidden_NamesTheRunbooksPath()
    {
        var job = RunningWaitJob();
        Handler.Fail(ScriptedFault.Cancels, ScriptedFaultKind.Status, status: HttpStatusCode.Forbidden);
        using var service = Client();

        var ex = Assert.Throws<OrchestratorPermissionException>(() => Run(service.CancelJobAsync(job)));

        Assert.That((ex!.Operation, ex.Permission, ex.Account), Is.EqualTo(
            ($"stop the job {job}", @"Publish permission on the runbook '\PatchRunbook\4: WaitRunbook'", $"the process account ({Environment.UserDomainName}\\{Environment.UserName})")));
    }

    [Test]
    public void GetJobsAsync_Forbidden_NamesTheReadPermission()
    {
        Handler.Fail(ScriptedFault.Gets, ScriptedFaultKind.Status, status: HttpStatusCode.Forbidden);
        using var service = Client();

        var ex = Assert.Throws<OrchestratorPermissionException>(() => Run(service.GetJobsAsync(JobQuery.Active)));

        Assert.That((ex!.Operation, ex.Permission), Is.EqualTo(("list the jobs", "read permission on runbooks and jobs in the web service")));
    }

    [Test]
    public void AnyCall_Unauthorized_NamesTheAccountUsed()
    {
        Handler.Fail(ScriptedFault.Any, ScriptedFaultKind.Status, status: HttpStatusCode.Unauthorized);
        using var service = Client(o => (o.UserName, o.Password) = (@"CONTOSO\svc-orch", "Pa55-w0rd!"));

        var ex = Assert.Throws<OrchestratorAuthenticationException>(() => Run(service.GetRunbookServersAsync()));

        Assert.That(ex!.Message, Is.EqualTo(
            $@"The Orchestrator web service at {_server.ServiceRoot} refused the credentials of CONTOSO\svc-orch (401 Unauthorized). " +
            "Check the user name and password, and that the account may sign in to the web service (Windows authentication)."));
    }

    [Test]
    public void CancelJobAsync_OneUnavailable_RetriedAndAccepted()
    {
        var job = RunningWaitJob();
        Handler.Fail(ScriptedFault.Cancels, ScriptedFaultKind.Status);
        using var service = Client();

        Assert.That((Run(service.CancelJobAsync(job)), StatusAfterAPoll(job)), Is.EqualTo((true, SimulatedJobStatus.Canceled)));
    }

    [Test]
    public void CancelJobAsync_AnswerLostAfterTheServerCanceled_CountsAsAccepted()
    {
        // The retried cancel meets a changed job: legacy answers 412 (its ETag is old), the Web API fake refuses a
        // second cancel. Either way the job is read again and found canceled (or being canceled).
        var job = RunningWaitJob();
        Handler.Fail(ScriptedFault.Cancels, ScriptedFaultKind.AcceptThenStatus);
        using var service = Client();

        Assert.That((Run(service.CancelJobAsync(job)), StatusAfterAPoll(job), Handler.Requests.Count(r => r.Method != "GET")), Is.EqualTo((true, SimulatedJobStatus.Canceled, 2)));
    }

    [Test]
    public void CancelJobAsync_RefusedWhileTheJobIsStillActive_FailsWithTheServersReason()
    {
        var job = RunningWaitJob();
        Handler.Faults.Add(new ScriptedFault(ScriptedFault.Cancels, ScriptedFaultKind.Status) { Status = HttpStatusCode.BadRequest, Body = "Jobs of this runbook cannot be stopped." });
        using var service = Client();

        var ex = Assert.Throws<OrchestratorException>(() => Run(service.CancelJobAsync(job)));

        Assert.That((ex!.StatusCode, ex.Message, StatusAfterAPoll(job)), Is.EqualTo(((int?)400,
            $"Could not stop the job {job}: the Orchestrator web service at {_server.ServiceRoot} answered 400: Jobs of this runbook cannot be stopped.", SimulatedJobStatus.Running)));
    }

    [Test]
    public void CancelJobAsync_JobChangedBetweenReadAndCancel_StillCanceled()
    {
        var job = RunningWaitJob();
        Handler.Fail(ScriptedFault.Cancels, ScriptedFaultKind.TouchJobFirst);
        using var service = Client();

        Assert.That((Run(service.CancelJobAsync(job)), StatusAfterAPoll(job), Handler.Requests.Count(r => r.Method != "GET")), Is.EqualTo((true, SimulatedJobStatus.Canceled, _api == OrchestratorApi.OData ? 2 : 1)));
    }

    [Test]
    public void AnyCall_CanceledDuringABackoff_StopsWithoutAnotherRequest()
    {
        Handler.Fail(ScriptedFault.Any, ScriptedFaultKind.Status, times: 100);
        using var cancel = new CancellationTokenSource();
        using var service = Client(o => o.OnRetry = _ => cancel.Cancel());

        Assert.That(() => Run(service.GetRunbookServersAsync(cancel.Token)), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(Handler.Requests.Count, Is.EqualTo(1));
    }

    [Test]
    public void EveryMessage_PasswordNeverAppears()
    {
        const string password = "Pa55-w0rd!";
        var failures = new List<Exception>();
        void Capture(HttpStatusCode status, string body, Action<IOrchestratorService> call)
        {
            Handler.Faults.Clear();
            Handler.Faults.Add(new ScriptedFault(ScriptedFault.Any, ScriptedFaultKind.Status, times: int.MaxValue) { Status = status, Body = body });
            using var service = Client(o => (o.UserName, o.Password, o.MaxRetryAttempts) = (@"CONTOSO\svc-orch", password, 1));
            try
            {
                call(service);
            }
            catch (Exception ex)
            {
                failures.Add(ex);
            }
        }

        Capture(HttpStatusCode.BadRequest, $"Invalid credentials: user CONTOSO\\svc-orch password {password}", s => Run(s.GetJobsAsync(JobQuery.Active)));
        Capture(HttpStatusCode.BadRequest, $"{{\"error\":{{\"message\":\"Authorization: Negotiate {password}\"}}}}", s => Run(s.StartJobAsync(WaitJob("RB01"))));
        Capture(HttpStatusCode.Unauthorized, password, s => Run(s.GetRunbookServersAsync()));
        Capture(HttpStatusCode.Forbidden, password, s => Run(s.CancelJobAsync(Guid.NewGuid())));
        Capture(HttpStatusCode.InternalServerError, password, s => Run(s.GetRunbookServersAsync()));
        var options = new OrchestratorConnectionOptions { ServiceUrl = $"http://svc:{password}@orch/Orchestrator.svc/", UserName = @"CONTOSO\svc-orch", Password = password, MaxRetryAttempts = -1 };
        failures.Add(Assert.Throws<OrchPatch.Core.Utils.OptionsValidationException>(() => OrchestratorServiceFactory.Create(options, _time))!);

        var texts = failures.SelectMany(Chain).Select(e => e.Message).Append(options.ToString()).ToArray();
        Assert.That(failures, Has.Count.EqualTo(6));
        Assert.That(texts.Where(t => t.Contains(password, StringComparison.Ordinal)), Is.Empty);
    }

    private static IEnumerable<Exception> Chain(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

    private StartJobRequest WaitJob(string server) => new(_server.RunbookId(SimulatedContractServer.WaitRunbookPath))
    {
        Parameters = new Dictionary<string, string> { ["Server"] = server, ["Reason"] = "patch" },
        RunbookServers = new[] { server },
    };

    private IOrchestratorService Client(Action<OrchestratorConnectionOptions>? configure = null, Random? jitter = null) =>
        TestClients.Create(_api, Handler, _time, o =>
        {
            o.OnRetry = _retries.Add;
            configure?.Invoke(o);
        }, jitter, _server.ServiceRoot);

    private Guid RunningWaitJob() => _server.StartRunning(SimulatedContractServer.WaitRunbookPath, new[] { "RB01" }, new Dictionary<string, string> { ["Server"] = "RB01", ["Reason"] = "patch" });

    /// <summary>The job's status once the Runbook Service has polled (a cancel takes effect then).</summary>
    private SimulatedJobStatus StatusAfterAPoll(Guid job)
    {
        _server.Run(TimeSpan.FromSeconds(5));
        return _server.Simulator.GetJob(job).Status;
    }

    private T Run<T>(Task<T> task) => _time.RunUntilComplete(task, Limit, Step);

    private TimeSpan Elapsed() => _time.GetUtcNow() - TestClients.Start;

    /// <summary>A Random whose every draw is the same: the jitter becomes a known fraction of the step.</summary>
    private sealed class FixedRandom : Random
    {
        private readonly double _value;

        public FixedRandom(double value) => _value = value;

        public override double NextDouble() => Math.Min(_value, 0.999999999);
    }
}
