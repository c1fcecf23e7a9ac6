using System;
using System.Threading;

namespace OrchPatch.Core.Orchestrator;

/// <summary>
/// The web service's own clock, as far as its answers show it. Job times (<see cref="Job.CreationTime"/>, the wait
/// job's) are on the Orchestrator's clock, which may be minutes away from this machine's: a decision that compares a
/// job time with "now" must use this clock, never the local one (issue 13).
/// </summary>
/// <remarks>Implemented by the HTTP clients; a wrapper of an <see cref="IOrchestratorService"/> may forward it. A
/// service that implements none is taken to share this machine's clock.</remarks>
public interface IServiceClock
{
    /// <summary>The service's clock reading at a local instant, from the offset its answers showed so far.</summary>
    /// <param name="localTime">A time on this machine's clock (the injected <see cref="TimeProvider"/>).</param>
    /// <returns>The same instant on the service's clock; null while no answer carried a time.</returns>
    DateTimeOffset? ServiceTimeAt(DateTimeOffset localTime);
}

/// <summary>
/// Measures how far the service's clock is from this machine's: from the HTTP <c>Date</c> header of each answer (an
/// origin server with a clock sends one, RFC 9110 section 6.6.1; IIS does), and never less than the newest job time
/// seen (a job stamped at T means the service's clock had reached T when it was read). The <c>Date</c> header has
/// whole seconds and is truncated, so the estimate is at most a second behind the service: early, never late, which
/// is the safe side for "was this created before I started".
/// </summary>
internal sealed class ServiceClock : IServiceClock
{
    private long _dateOffsetTicks = long.MinValue;
    private long _floorOffsetTicks = long.MinValue;

    /// <summary>The offset (service minus local); null before any observation.</summary>
    public TimeSpan? Offset
    {
        get
        {
            var offset = Math.Max(Interlocked.Read(ref _dateOffsetTicks), Interlocked.Read(ref _floorOffsetTicks));
            return offset == long.MinValue ? null : TimeSpan.FromTicks(offset);
        }
    }

    /// <inheritdoc />
    public DateTimeOffset? ServiceTimeAt(DateTimeOffset localTime) => Offset is { } offset ? localTime + offset : null;

    /// <summary>An answer's <c>Date</c> header, received at <paramref name="localTime"/>: the latest one counts (a
    /// service clock set back is followed).</summary>
    public void ObserveDate(DateTimeOffset date, DateTimeOffset localTime) =>
        Interlocked.Exchange(ref _dateOffsetTicks, (date - localTime).Ticks);

    /// <summary>A time the service stamped on an entity, read at <paramref name="localTime"/>.</summary>
    public void ObserveTimestamp(DateTimeOffset stamp, DateTimeOffset localTime)
    {
        var offset = (stamp - localTime).Ticks;
        long seen;
        while (offset > (seen = Interlocked.Read(ref _floorOffsetTicks)))
        {
            if (Interlocked.CompareExchange(ref _floorOffsetTicks, offset, seen) == seen)
            {
                return;
            }
        }
    }

    /// <summary>A job read from the service.</summary>
    public Job Observe(Job job, DateTimeOffset localTime)
    {
        ObserveTimestamp(job.LastModifiedTime > job.CreationTime ? job.LastModifiedTime : job.CreationTime, localTime);
        return job;
    }
}
