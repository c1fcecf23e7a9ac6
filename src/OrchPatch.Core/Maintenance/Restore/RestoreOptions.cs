using System;
using System.ComponentModel.DataAnnotations;

namespace OrchPatch.Core.Maintenance;

/// <summary>Defaults of a restore, named once; a test pins them.</summary>
public static class RestoreConstants
{
    /// <summary>How long the server has to prove healthy after patching.</summary>
    public static readonly TimeSpan DefaultHealthTimeout = TimeSpan.FromMinutes(15);
}

/// <summary>How to restore a runbook server after maintenance. Validated once, when handed to <see cref="RestoreRunbookServer"/>.</summary>
public sealed class RestoreOptions
{
    /// <summary>The wait job holding the record, when known (otherwise it is found by the server's name).</summary>
    /// <value>The default value is null.</value>
    public Guid? WaitJobId { get; set; }

    /// <summary>A runbook started pinned to the server as a health gate; it must complete within
    /// <see cref="HealthTimeout"/>, or the server stays drained.</summary>
    /// <value>The default value is null: no canary (the gate then only waits for the server's runbook service to run
    /// the wait job again after a reboot).</value>
    public string? CanaryRunbookPath { get; set; }

    /// <summary>How long the server has to prove healthy.</summary>
    /// <value>The default value is 15 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan HealthTimeout { get; set; } = RestoreConstants.DefaultHealthTimeout;

    /// <summary>The max jobs to set instead of the recorded one (when the record is lost or wrong).</summary>
    /// <value>The default value is null: the recorded value.</value>
    [Range(1, 1000)]
    public int? MaxJobs { get; set; }
}
