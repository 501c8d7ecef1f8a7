using System.Net;
using System.Net.Sockets;

namespace Scheduler.Testing;

/// <summary>TCP ports for the processes the tests and tools start, so that they never clash with anything else on the machine.</summary>
public static class FreePorts
{
    private const int Low = 20_000;
    private const int High = 32_000;
    private static readonly HashSet<int> Handed = [];

    /// <summary>A loopback port nobody listens on right now (chosen by the system).</summary>
    public static int Any()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// The first of <paramref name="count"/> consecutive free ports below the Linux ephemeral range, chosen at random
    /// and never handed out twice by this process: they stay free across a restart of what uses them, as outgoing
    /// connections never take them.
    /// </summary>
    public static int Block(int count)
    {
        lock (Handed)
        {
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var first = Random.Shared.Next(Low, High - count);
                var ports = Enumerable.Range(first, count).ToArray();
                if (ports.Any(Handed.Contains) || !ports.All(IsFree))
                {
                    continue;
                }

                Handed.UnionWith(ports);
                return first;
            }
        }

        throw new InvalidOperationException($"No block of {count} free ports between {Low} and {High}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            // Silos listen on every address, so the port must be free on 0.0.0.0, not only on loopback.
            using var listener = new TcpListener(IPAddress.Any, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
