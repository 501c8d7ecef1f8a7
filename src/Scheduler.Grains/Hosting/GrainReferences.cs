using System.Collections.Concurrent;

namespace Scheduler.Grains.Hosting;

/// <summary>
/// References to string-keyed grains for the hot paths (a booking, a poll, an availability read). Orleans'
/// <c>GetGrain&lt;T&gt;(string)</c> works out the interface's grain type on every call, reading its attributes by
/// reflection and formatting its name (about 2 % of a booking's CPU in a <c>dotnet-trace</c> profile); here that is done
/// once per interface and the reference is made from the grain id.
/// </summary>
public static class GrainReferences
{
    private static readonly ConcurrentDictionary<Type, (GrainType Grain, GrainInterfaceType Interface)> Types = new();

    /// <summary>The grain of interface <typeparamref name="T"/> with key <paramref name="key"/>, as <c>GetGrain&lt;T&gt;(key)</c> gives it.</summary>
    public static T Reference<T>(this IGrainFactory grains, string key) where T : IGrainWithStringKey
    {
        // The mapping from an interface to its grain type comes from the types themselves (attributes, conventions), so
        // every cluster of this process agrees on it; the first reference made the ordinary way tells it.
        var (grain, face) = Types.GetOrAdd(typeof(T), static (_, factory) =>
        {
            var sample = (GrainReference)(object)factory.GetGrain<T>("-");
            return (sample.GrainId.Type, sample.InterfaceType);
        }, grains);
        return (T)grains.GetGrain(GrainId.Create(grain, key), face);
    }
}
