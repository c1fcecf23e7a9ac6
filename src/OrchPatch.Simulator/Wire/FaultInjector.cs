using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace OrchPatch.Simulator.Wire;

/// <summary>Decides, with a seeded draw, which requests get an injected fault, and builds the faulty answer.</summary>
internal sealed class FaultInjector
{
    private readonly List<ActiveRule> _rules;
    private readonly Random _random;
    private readonly TimeSpan _delay;

    public FaultInjector(SimulatorSettings settings)
    {
        _rules = settings.Faults.Select(r => new ActiveRule(r)).ToList();
        _random = new Random(settings.FaultSeed);
        _delay = settings.FaultDelay;
    }

    public IReadOnlyList<FaultRule> Rules => _rules.Select(r => r.Rule with { Count = r.Remaining }).ToList();

    public void Add(FaultRule rule) => _rules.Add(new ActiveRule(rule));

    public void Clear() => _rules.Clear();

    /// <summary>The fault for this request, if a rule matches and fires (each matching rule draws once).</summary>
    public FaultRule? Draw(string method, string? entitySet)
    {
        foreach (var active in _rules)
        {
            var rule = active.Rule;
            if (active.Remaining is <= 0
                || (rule.Method is not null && !string.Equals(rule.Method, method, StringComparison.OrdinalIgnoreCase))
                || (rule.EntitySet is not null && !string.Equals(rule.EntitySet, entitySet, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            if (rule.Rate < 1 && _random.NextDouble() >= rule.Rate)
            {
                continue;
            }

            active.Remaining--;
            return rule;
        }

        return null;
    }

    public SimResponse Respond(FaultKind kind) => kind switch
    {
        FaultKind.ServiceUnavailable or FaultKind.AcceptThenServiceUnavailable =>
            new SimResponse(503, "text/html; charset=utf-8", Encoding.UTF8.GetBytes("<html><body><h1>Service Unavailable</h1><p>HTTP Error 503. The service is unavailable (injected by the OrchPatch simulator).</p></body></html>")),
        FaultKind.ConnectionReset or FaultKind.AcceptThenConnectionReset => new SimResponse(0) { Reset = true },
        _ => new SimResponse(504, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes("Gateway Timeout (injected by the OrchPatch simulator).")) { Delay = _delay },
    };

    private sealed class ActiveRule
    {
        public ActiveRule(FaultRule rule)
        {
            Rule = rule;
            Remaining = rule.Count;
        }

        public FaultRule Rule { get; }

        public int? Remaining { get; set; }
    }
}
