using System;
using System.Collections.Generic;
using System.Text;
using OrchPatch.Pack.Ids;

namespace OrchPatch.Pack.Validation;

/// <summary>One problem in a runbook export: the file, the runbook and object it is in, and what is wrong.</summary>
/// <param name="File">The file's name as given.</param>
/// <param name="Runbook">The runbook's name, or null for a file-level problem.</param>
/// <param name="ObjectName">The activity's or link's name, or null for a runbook-level problem.</param>
/// <param name="ObjectId">The object's (or, without an object, the runbook's) GUID, when known.</param>
/// <param name="Message">What is wrong, and where it matters.</param>
public sealed record ExportProblem(string File, string? Runbook, string? ObjectName, Guid? ObjectId, string Message)
{
    /// <summary>"FILE: runbook 'R', 'Object' {GUID}: message".</summary>
    /// <returns>The problem as one line.</returns>
    public override string ToString()
    {
        var text = new StringBuilder(File);
        if (Runbook is not null)
        {
            text.Append(": runbook '").Append(Runbook).Append('\'');
        }

        if (ObjectName is not null)
        {
            text.Append(", '").Append(ObjectName).Append('\'');
        }

        if (ObjectId is { } id)
        {
            text.Append(' ').Append(GuidText.Format(id));
        }

        return text.Append(": ").Append(Message).ToString();
    }
}

/// <summary>The result of checking one runbook export.</summary>
/// <param name="File">The file's name as given.</param>
/// <param name="Runbooks">How many runbooks (Policies) it holds.</param>
/// <param name="Objects">How many objects (activities and links) it holds.</param>
/// <param name="Problems">Every problem that would fail an import; empty when the file passed.</param>
/// <param name="Warnings">Runbook-logic findings (a subscription to an activity that does not run first, as in a genuine
/// export with a disabled activity on another branch): printed, but the file passes.</param>
public sealed record ValidationReport(string File, int Runbooks, int Objects, IReadOnlyList<ExportProblem> Problems, IReadOnlyList<ExportProblem>? Warnings = null)
{
    /// <summary>The warnings, never null.</summary>
    public IReadOnlyList<ExportProblem> AllWarnings => Warnings ?? Array.Empty<ExportProblem>();

    /// <summary>Whether the file passed every check.</summary>
    public bool IsValid => Problems.Count == 0;
}
