using System.Collections.Concurrent;

namespace Scheduler.LoadTests.Http;

/// <summary>One <see cref="ConnectionGate"/> per front door (scheme, host and port), each with as many places as the handler keeps connections to it.</summary>
public sealed class ConnectionGates(int placesPerFrontDoor)
{
    private readonly ConcurrentDictionary<(string Scheme, string Host, int Port), ConnectionGate> _gates = new();

    public ConnectionGate For(Uri uri) =>
        _gates.GetOrAdd((uri.Scheme, uri.IdnHost, uri.Port), static (_, places) => new ConnectionGate(places), placesPerFrontDoor);
}
