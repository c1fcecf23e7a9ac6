namespace System.Runtime.CompilerServices
{
    /// <summary>Lets records and init-only setters compile for net472 (the harness uses them).</summary>
    internal static class IsExternalInit
    {
    }
}

namespace OrchPatch.TestSupport.Activities
{
    using System.Collections.Generic;

    /// <summary><c>foreach (var (key, value) in dictionary)</c> for net472, which lacks KeyValuePair.Deconstruct.</summary>
    internal static class KeyValuePairDeconstruction
    {
        public static void Deconstruct<TKey, TValue>(this KeyValuePair<TKey, TValue> pair, out TKey key, out TValue value)
        {
            key = pair.Key;
            value = pair.Value;
        }
    }
}
