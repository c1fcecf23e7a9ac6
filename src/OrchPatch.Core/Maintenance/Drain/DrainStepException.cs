using System;

namespace OrchPatch.Core.Maintenance;

/// <summary>
/// A step of the drain failed. Only <see cref="DrainRunbookServer.RunAsync"/> knows the state the drain leaves behind
/// (it rolls back first), so a step says what failed and nothing more, and the drain turns it into the public
/// <see cref="MaintenanceFailedException"/> with that state. It never leaves the drain.
/// </summary>
internal sealed class DrainStepException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="what">What failed, in the administrator's words.</param>
    /// <param name="innerException">The cause, when there is one.</param>
    public DrainStepException(string what, Exception? innerException = null)
        : base(what, innerException)
    {
    }
}
