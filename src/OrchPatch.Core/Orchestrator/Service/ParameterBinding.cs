using System;
using System.Collections.Generic;
using System.Linq;

namespace OrchPatch.Core.Orchestrator;

/// <summary>Start values by name, bound to the runbook's In-parameters (the 2012-2019 service takes them by id).</summary>
internal static class ParameterBinding
{
    /// <summary>Each value with its parameter. A name matches exactly, or else without case when that is unambiguous.</summary>
    /// <exception cref="ArgumentException">A name is not an In-parameter of the runbook; the message lists them.</exception>
    public static IReadOnlyList<KeyValuePair<RunbookParameter, string>> Bind(Runbook runbook, IReadOnlyDictionary<string, string> values)
    {
        var inputs = runbook.Parameters.Where(p => p.Direction == RunbookParameterDirection.In).ToArray();
        var bound = new List<KeyValuePair<RunbookParameter, string>>();
        var unknown = new List<string>();
        foreach (var value in values)
        {
            var parameter = inputs.FirstOrDefault(p => string.Equals(p.Name, value.Key, StringComparison.Ordinal));
            if (parameter is null)
            {
                var loose = inputs.Where(p => string.Equals(p.Name, value.Key, StringComparison.OrdinalIgnoreCase)).ToArray();
                parameter = loose.Length == 1 ? loose[0] : null;
            }

            if (parameter is null)
            {
                unknown.Add(value.Key);
            }
            else
            {
                bound.Add(new KeyValuePair<RunbookParameter, string>(parameter, value.Value ?? string.Empty));
            }
        }

        if (unknown.Count > 0)
        {
            // Sorted: the service lists parameters in its own order (by id), which differs from farm to farm.
            var known = inputs.Length == 0 ? "It has no In-parameters." : "Its In-parameters: " + string.Join(", ", inputs.Select(p => p.Name).OrderBy(n => n, StringComparer.OrdinalIgnoreCase)) + ".";
            throw new ArgumentException(
                $"Runbook '{runbook.Path}' has no In-parameter {string.Join(", ", unknown.Select(n => "'" + n + "'"))}. {known}",
                "request");
        }

        return bound;
    }

    /// <summary>A job's values by parameter name: the name the wire gave, else the runbook's name for the id, else the
    /// id itself (a parameter deleted since the job started).</summary>
    public static IReadOnlyDictionary<string, string> ByName(IEnumerable<JobParameterValue> values, Runbook? runbook)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var name = value.Name
                       ?? runbook?.Parameters.FirstOrDefault(p => p.Id == value.ParameterId)?.Name
                       ?? value.ParameterId?.ToString("B")
                       ?? string.Empty;
            result[name] = value.Value;
        }

        return result;
    }
}
