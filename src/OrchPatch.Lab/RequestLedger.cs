using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OrchPatch.Lab;

/// <summary>One web-service request a procedure sent, and the runbook server it concerns.</summary>
/// <param name="At">When it was sent (simulated time).</param>
/// <param name="Server">The server it names (its jobs, a job that ran or waits there, a job pinned there); null when it
/// names none (the servers' list, a runbook, a start that may land on several servers).</param>
public sealed record LedgerEntry(DateTimeOffset At, string? Server);

/// <summary>
/// Every web-service request of a measured run, each with the server it concerns, so that a run with several drains at
/// once charges each drain its own requests (<see cref="ServerTimeline.RequestsWhileWaiting"/>) instead of every request
/// sent while it waited. <see cref="ServerTaggingService"/> names the server of each call; <see cref="Recorder"/> sees
/// each request of that call on the wire (every page and every retry).
/// </summary>
public sealed class RequestLedger
{
    private readonly AsyncLocal<string?> _server = new();
    private readonly List<LedgerEntry> _entries = new();
    private readonly TimeProvider _time;

    /// <summary>Creates an empty ledger on <paramref name="time"/>.</summary>
    /// <param name="time">The farm's clock.</param>
    public RequestLedger(TimeProvider time) => _time = time ?? throw new ArgumentNullException(nameof(time));

    /// <summary>The requests recorded so far, in the order sent.</summary>
    public IReadOnlyList<LedgerEntry> Entries
    {
        get
        {
            lock (_entries)
            {
                return _entries.ToArray();
            }
        }
    }

    /// <summary>The requests charged to <paramref name="server"/> from <paramref name="from"/> to <paramref name="to"/>:
    /// those that name it, and those that name no server that <paramref name="ownerOfUnnamed"/> gives it. Requests that
    /// name another server are that server's.</summary>
    /// <param name="server">The drained server.</param>
    /// <param name="from">The start (inclusive).</param>
    /// <param name="to">The end (inclusive).</param>
    /// <param name="ownerOfUnnamed">The server a request that names none, sent at a given time, is charged to (null: none).</param>
    /// <returns>The count.</returns>
    public int ChargedTo(string server, DateTimeOffset from, DateTimeOffset to, Func<DateTimeOffset, string?> ownerOfUnnamed)
    {
        if (ownerOfUnnamed is null)
        {
            throw new ArgumentNullException(nameof(ownerOfUnnamed));
        }

        return Entries.Count(e => e.At >= from && e.At <= to
            && string.Equals(e.Server ?? ownerOfUnnamed(e.At), server, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Wraps the transport to the simulator's web service: each request is recorded with the server the call
    /// that sent it concerns.</summary>
    /// <param name="inner">The simulator's in-process handler.</param>
    /// <returns>The handler.</returns>
    public HttpMessageHandler Recorder(HttpMessageHandler inner) => new RecordingHandler(this, inner ?? throw new ArgumentNullException(nameof(inner)));

    /// <summary>Runs <paramref name="call"/> with its requests charged to <paramref name="server"/> (the value flows into
    /// the call's own awaits only, so concurrent drains do not see each other's).</summary>
    /// <typeparam name="T">The call's result.</typeparam>
    /// <param name="server">The server the call concerns, or null.</param>
    /// <param name="call">The call.</param>
    /// <returns>Its result.</returns>
    internal async Task<T> For<T>(string? server, Func<Task<T>> call)
    {
        _server.Value = server;
        return await call().ConfigureAwait(false);
    }

    private void Record()
    {
        lock (_entries)
        {
            _entries.Add(new LedgerEntry(_time.GetUtcNow(), _server.Value));
        }
    }

    private sealed class RecordingHandler : DelegatingHandler
    {
        private readonly RequestLedger _ledger;

        public RecordingHandler(RequestLedger ledger, HttpMessageHandler inner)
            : base(inner) => _ledger = ledger;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            _ledger.Record();
            return base.SendAsync(request, cancellationToken);
        }
    }
}
