using System;
using System.Collections.Generic;
using System.Data.SqlTypes;
using System.Globalization;
using System.Linq;

namespace OrchPatch.Simulator.Wire;

/// <summary>The system query options of a collection request, parsed and checked for one entity set.</summary>
internal sealed class QueryOptions
{
    private static readonly string[] LegacyUnsupported = { "$expand", "$select", "$format", "$skiptoken" };
    private static readonly string[] WebApiUnsupported = { "$select", "$format", "$skiptoken", "$search", "$apply", "$compute" };

    public FilterNode? Filter { get; private init; }

    public int? Top { get; private init; }

    public int Skip { get; private init; }

    public bool Count { get; private init; }

    public IReadOnlyList<(WireProperty Property, bool Descending)> OrderBy { get; private init; } = Array.Empty<(WireProperty, bool)>();

    public IReadOnlyList<WireNavigation> Expand { get; private init; } = Array.Empty<WireNavigation>();

    /// <summary>Parses the options; unknown or malformed ones are 400, unimplemented standard ones 501.</summary>
    public static QueryOptions Parse(SimRequest request, WireEntitySet set, FilterDialect dialect, SimulatorSettings settings)
    {
        var webApi = dialect == FilterDialect.WebApi;
        var options = request.Query.Where(p => p.Key.StartsWith('$')).ToList();
        foreach (var duplicate in options.GroupBy(p => p.Key, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            throw WireException.BadRequest($"Query option '{duplicate.Key}' was specified more than once; give it once.");
        }

        string? Value(string name) => options.FirstOrDefault(p => string.Equals(p.Key, name, webApi ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal)).Value;

        var known = webApi
            ? new[] { "$filter", "$top", "$skip", "$count", "$orderby", "$expand" }
            : new[] { "$filter", "$top", "$skip", "$inlinecount", "$orderby" };
        foreach (var option in options.Select(p => p.Key))
        {
            var comparison = webApi ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            if (known.Any(k => string.Equals(k, option, comparison)))
            {
                continue;
            }

            if ((webApi ? WebApiUnsupported : LegacyUnsupported).Any(k => string.Equals(k, option, comparison)))
            {
                throw WireException.NotImplemented($"The simulator does not implement the query option '{option}'.");
            }

            throw WireException.BadRequest($"The query parameter '{option}' begins with a system-reserved '$' character but is not recognized.");
        }

        var filterText = Value("$filter");
        return new QueryOptions
        {
            Filter = filterText is null ? null : FilterParser.Parse(filterText, set, dialect, settings.CaseInsensitiveStrings),
            Top = NonNegative(Value("$top"), "$top"),
            Skip = NonNegative(Value("$skip"), "$skip") ?? 0,
            Count = webApi ? Boolean(Value("$count"), "$count") : InlineCount(Value("$inlinecount")),
            OrderBy = ParseOrderBy(Value("$orderby"), set, webApi),
            Expand = webApi ? ParseExpand(Value("$expand"), set) : Array.Empty<WireNavigation>(),
        };
    }

    /// <summary>Filters, counts, orders (by key, in SQL Server's uniqueidentifier order, unless told otherwise),
    /// skips and cuts to the page: at most <see cref="SimulatorSettings.PageSize"/>, and <c>$top</c> at most
    /// <see cref="SimulatorSettings.MaxTop"/>.</summary>
    public (IReadOnlyList<object> Page, int Total) Apply(IEnumerable<object> source, WireEntitySet set, SimulatorSettings settings)
    {
        var matching = Filter is null ? source.ToList() : source.Where(Filter.Matches).ToList();
        IOrderedEnumerable<object>? ordered = null;
        foreach (var (property, descending) in OrderBy)
        {
            ordered = ordered is null
                ? (descending ? matching.OrderByDescending(property.Get, ValueComparer.Instance) : matching.OrderBy(property.Get, ValueComparer.Instance))
                : (descending ? ordered.ThenByDescending(property.Get, ValueComparer.Instance) : ordered.ThenBy(property.Get, ValueComparer.Instance));
        }

        var sorted = ordered is null ? matching.OrderBy(e => (object)set.Key(e), ValueComparer.Instance) : ordered.ThenBy(e => (object)set.Key(e), ValueComparer.Instance);
        var take = Math.Min(settings.PageSize, Top is { } top ? Math.Min(top, settings.MaxTop) : settings.PageSize);
        return (sorted.Skip(Skip).Take(take).ToList(), matching.Count);
    }

    private static int? NonNegative(string? text, string name)
    {
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        throw WireException.BadRequest($"{name} must be a whole number of zero or more; got '{text}'.");
    }

    private static bool InlineCount(string? text) => text switch
    {
        null or "none" => false,
        "allpages" => true,
        _ => throw WireException.BadRequest($"$inlinecount must be 'allpages' or 'none'; got '{text}'."),
    };

    private static bool Boolean(string? text, string name) => text?.ToLowerInvariant() switch
    {
        null or "false" => false,
        "true" => true,
        _ => throw WireException.BadRequest($"{name} must be true or false; got '{text}'."),
    };

    private static IReadOnlyList<(WireProperty, bool)> ParseOrderBy(string? text, WireEntitySet set, bool webApi)
    {
        if (text is null)
        {
            return Array.Empty<(WireProperty, bool)>();
        }

        var items = new List<(WireProperty, bool)>();
        foreach (var part in text.Split(','))
        {
            var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length is 0 or > 2 || (words.Length == 2 && words[1] is not ("asc" or "desc")))
            {
                throw WireException.BadRequest($"$orderby '{text}' is malformed; write Property [asc|desc][, ...].");
            }

            var property = set.FindProperty(words[0], webApi)
                ?? throw WireException.BadRequest($"No property '{words[0]}' exists in type '{set.FullTypeName}' ($orderby).");
            items.Add((property, words.Length == 2 && words[1] == "desc"));
        }

        return items;
    }

    private static IReadOnlyList<WireNavigation> ParseExpand(string? text, WireEntitySet set)
    {
        if (text is null)
        {
            return Array.Empty<WireNavigation>();
        }

        var items = new List<WireNavigation>();
        foreach (var name in text.Split(',').Select(n => n.Trim()))
        {
            var navigation = set.Navigations.FirstOrDefault(n => n.Matches(name, webApi: true))
                ?? throw WireException.BadRequest($"Could not find a navigation property named '{name}' on type '{set.FullTypeName}' ($expand).");
            if (navigation.Resolve is null || !navigation.IsCollection)
            {
                throw WireException.NotImplemented($"The simulator does not implement $expand={name}.");
            }

            items.Add(navigation);
        }

        return items;
    }

    /// <summary>Orders wire values as SQL Server does: NULL first, GUIDs as uniqueidentifier, strings ignoring case.</summary>
    private sealed class ValueComparer : IComparer<object?>
    {
        public static readonly ValueComparer Instance = new();

        public int Compare(object? x, object? y) => (x, y) switch
        {
            (null, null) => 0,
            (null, _) => -1,
            (_, null) => 1,
            (Guid a, Guid b) => new SqlGuid(a).CompareTo(new SqlGuid(b)),
            (string a, string b) => StringComparer.OrdinalIgnoreCase.Compare(a, b),
            (IComparable a, _) => a.CompareTo(y),
            _ => 0,
        };
    }
}
