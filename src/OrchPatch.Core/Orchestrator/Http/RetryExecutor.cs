using System;
using System.Threading;
using System.Threading.Tasks;
using OrchPatch.Core.Utils;
using Polly;

namespace OrchPatch.Core.Orchestrator;

/// <summary>Retries transient faults with exponential backoff and full jitter, honouring Retry-After, within a bounded
/// number of attempts and a bounded total time; then gives up with <see cref="OrchestratorUnavailableException"/>.</summary>
/// <remarks>
/// Polly 7's <c>RetryAsync</c> decides; the wait happens in its <c>onRetryAsync</c> through <see cref="Clock.Delay"/>,
/// because Polly 7's own sleeps (<c>WaitAndRetryAsync</c>) run on the system clock and a fake clock could not drive
/// them. Every retry is reported to <see cref="OrchestratorConnectionOptions.OnRetry"/> before its wait.
/// </remarks>
internal sealed class RetryExecutor
{
    private readonly Uri _serviceRoot;
    private readonly TimeProvider _time;
    private readonly Random _jitter;
    private readonly int _maxRetryAttempts;
    private readonly TimeSpan _baseDelay;
    private readonly TimeSpan _maxDelay;
    private readonly TimeSpan _maxTotal;
    private readonly Action<OrchestratorRetryArguments>? _onRetry;

    public RetryExecutor(Uri serviceRoot, OrchestratorConnectionOptions options, TimeProvider time, Random jitter)
    {
        _serviceRoot = serviceRoot;
        _time = time;
        _jitter = jitter;
        _maxRetryAttempts = options.MaxRetryAttempts;
        _baseDelay = options.RetryBaseDelay;
        _maxDelay = options.MaxRetryDelay;
        _maxTotal = options.MaxRetryTotal;
        _onRetry = options.OnRetry;
    }

    /// <summary>Runs <paramref name="attempt"/> until it succeeds, fails for good, or the retries are spent.</summary>
    /// <exception cref="OrchestratorUnavailableException">Every attempt failed transiently.</exception>
    public async Task<T> ExecuteAsync<T>(string operation, Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        var run = new Run(this, operation);
        var policy = Policy
            .Handle<TransientFaultException>(run.ShouldRetry)
            .RetryAsync(_maxRetryAttempts, (_, _, _) => run.WaitAsync(cancellationToken));
        try
        {
            return await policy.ExecuteAsync(attempt, cancellationToken, continueOnCapturedContext: false).ConfigureAwait(false);
        }
        catch (TransientFaultException last)
        {
            throw new OrchestratorUnavailableException(_serviceRoot, operation, run.Attempts, last.Fault, last.InnerException);
        }
    }

    /// <summary>Full jitter: a uniform wait between zero and the exponential step (capped at the longest step).</summary>
    private TimeSpan Backoff(int failedAttempts)
    {
        var step = _baseDelay.Ticks * Math.Pow(2, Math.Min(failedAttempts - 1, 30));
        var capped = Math.Min(step, _maxDelay.Ticks);
        double sample;
        lock (_jitter)
        {
            sample = _jitter.NextDouble();
        }

        return TimeSpan.FromTicks((long)(capped * sample));
    }

    /// <summary>One operation's retries: how many attempts, since when, and the wait chosen for the next one.</summary>
    private sealed class Run
    {
        private readonly RetryExecutor _owner;
        private readonly string _operation;
        private readonly DateTimeOffset _started;
        private TimeSpan _nextDelay;
        private string _lastFault = string.Empty;

        public Run(RetryExecutor owner, string operation)
        {
            _owner = owner;
            _operation = operation;
            _started = owner._time.GetUtcNow();
        }

        public int Attempts { get; private set; }

        public bool ShouldRetry(TransientFaultException fault)
        {
            Attempts++;
            _lastFault = fault.Fault;
            if (Attempts > _owner._maxRetryAttempts)
            {
                return false;
            }

            var delay = fault.RetryAfter ?? _owner.Backoff(Attempts);
            var elapsed = Clock.Between(_started, _owner._time.GetUtcNow());
            if (elapsed + delay > _owner._maxTotal)
            {
                return false;
            }

            _nextDelay = delay;
            return true;
        }

        public Task WaitAsync(CancellationToken cancellationToken)
        {
            _owner._onRetry?.Invoke(new OrchestratorRetryArguments(_operation, Attempts, _nextDelay, _lastFault));
            return Clock.Delay(_owner._time, _nextDelay, cancellationToken);
        }
    }
}
