using System;

namespace OrchPatch.Simulator;

/// <summary>Whether a runbook parameter is an input (Initialize Data) or an output (Return Data).</summary>
public enum ParameterDirection
{
    /// <summary>An input (Initialize Data).</summary>
    In,

    /// <summary>An output (Return Data).</summary>
    Out,
}

/// <summary>A runbook's declared parameter as the simulator reports it.</summary>
/// <param name="Id">The parameter's id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Type">Its type text, for example "String".</param>
/// <param name="Direction">In or Out.</param>
public sealed record ParameterState(Guid Id, string Name, string Type, ParameterDirection Direction);
