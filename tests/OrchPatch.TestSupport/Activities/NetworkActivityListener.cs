using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Tracing;
using System.Linq;

namespace OrchPatch.TestSupport.Activities;

/// <summary>Records HTTP requests, socket connects and DNS lookups made while it is open, so the harness can prove
/// that an activity touches no network before its method runs (Runbook Designer loads the class offline).</summary>
internal sealed class NetworkActivityListener : EventListener
{
    private static readonly string[] Sources = { "System.Net.Http", "System.Net.Sockets", "System.Net.NameResolution" };
    private static readonly string[] StartEvents = { "RequestStart", "ConnectStart", "ResolutionStart" };
    private readonly ConcurrentQueue<string> _seen = new();
    private volatile bool _recording = true;

    public IReadOnlyList<string> Stop()
    {
        _recording = false;
        return _seen.ToArray();
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (Sources.Contains(eventSource.Name))
        {
            EnableEvents(eventSource, EventLevel.Informational, EventKeywords.All);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (_recording && eventData.EventName is not null && StartEvents.Contains(eventData.EventName))
        {
            var detail = eventData.Payload is null ? string.Empty : string.Join(" ", eventData.Payload.Select(p => p?.ToString()));
            _seen.Enqueue($"{eventData.EventSource.Name}/{eventData.EventName} {detail}".Trim());
        }
    }
}
